"""Paragraphs of the body and what each may be: a part, section or unnumbered heading, or text.

Lines are grouped into paragraphs (a single line break inside a sentence joins), and each paragraph
is marked as a candidate of one heading family: ``chapter`` (第一部分), ``part`` (一、), ``bare`` (一 on
its own line), ``section`` (（一）), ``cue`` (an unnumbered part heading with a cue of the genre,
2019年工作回顾), ``plain_heading`` (another short line without sentence-final punctuation),
``closing`` (结束语), ``lead`` (such a line with a comma: a sentence standing as a heading), ``announced`` (an
unnumbered heading that the text under it names as a part of the report: 报告的第二部分是关于…), ``point`` (a member
of a （一）（二） list of points in running text) or ``text``. Which family makes the parts is decided later, from the whole report
(:data:`jzrol.report.structure.LAYOUTS`).

>>> text = "2019年工作回顾\\n\\n一、经济平稳运行\\n\\n全年增长6%。"
>>> [(p.kind, p.number) for p in _marked(text)]
[('cue', 0), ('part', 1), ('text', 0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jzrol import paths
from jzrol.lexicon_loader import cue_pattern, read_cues
from jzrol.report.chrome import _Line, _split_lines
from jzrol.report.markers import (
    _BARE_NUMERAL,
    _BLOCK_END,
    _BLOCK_START,
    _CLOSING,
    _CLOSING_NOTE,
    _ITEM,
    _ITEM_NUMBERED,
    _ITEM_ORDINAL,
    _MARKER_FIRST,
    _NUM,
    _OPENING,
    _PART,
    _PART_ANNOUNCED,
    _REPORT_SENTENCE,
    _SECTION,
    _TERMINAL,
)
from jzrol.report.normalize import _ordinal, normalize_text
from jzrol.report.signature import _SIGNED_DATE, _signed_date

_HAN = re.compile(r"[\u4e00-\u9fff]")
_PART_CUE = re.compile(cue_pattern(read_cues(paths.PART_HEADING_CUES)))
_CLOSING_HEADINGS = frozenset(read_cues(paths.CLOSING_HEADINGS))  # 结束语
_PART_CUE_AT_END = re.compile(_PART_CUE.pattern + "$")
_INNER_PUNCTUATION = re.compile("[，,；;、：:。！？!?]")
_COMMA = re.compile("[，,]")
_FIRST_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]")
_HEADING_LIMIT = 60  # characters: a longer first sentence is no heading
# A cue heading glued to the paragraph's first sentence (2019年工作回顾　过去一年，……): the heading ends at
# a space or a colon or full stop, with no other punctuation in it.
_GLUED_HEADING = re.compile(r"(?P<head>[^\s，,。；;：:！!？?、]{2,25}?)(?:[\s\u3000]+|[：:。](?:[\s\u3000]*))(?=\S)")
_DASH_LEAD = ("—", "－－", "--", "―")  # ——经济实力显著增强: a lead line of a list, text
# A section marker after a sentence end inside a paragraph that opens with the one before it:
# （一）加强领导。（二）完善制度。 holds two sections.
_INLINE_SECTION = re.compile(rf"(?<=[。！？!?])[ \t\u3000]*(?P<marker>[（(]\s*(?P<num>[{_NUM}]{{1,3}})\s*[）)])")


@dataclass(slots=True)
class _Paragraph:
    start: int
    end: int
    region_end: int
    flat: str  # normalized text for classification
    kind: str = "text"  # title | chapter | part | bare | section | cue | plain_heading | text
    number: int = 0
    heading_end: int | None = None  # where a cue heading glued to the paragraph's first sentence ends
    clean: bool = False  # normalizing leaves the text as it is (then stripping normalizes any part of it)
    table_row: bool = False  # cells a tab apart (a table row of a page or a document): never a heading


def _is_heading_like(flat: str, limit: int = 60) -> bool:
    return 0 < len(flat) <= limit and not flat.endswith(_TERMINAL) and "。" not in flat


def _is_part_heading(flat: str) -> bool:
    """A heading, or one short sentence standing as a heading (一、主要举措和成效。).

    >>> _is_part_heading("一、主要举措和成效。"), _is_part_heading("一、加强领导。成立领导小组。")
    (True, False)
    """
    return _is_heading_like(flat) or (len(flat) <= 40 and flat.endswith(("。", "：", ":")) and _is_heading_like(flat[:-1]))


def _leads_its_text(rest: str) -> bool:
    """True when a numbered paragraph's words after its marker open with a short sentence that reads as
    a heading, then go on (综合实力显著增强。地区生产总值年均增长7.2%。).

    >>> _leads_its_text("综合实力显著增强。地区生产总值年均增长7.2%。"), _leads_its_text("推进不平衡，创新不够，基层力量薄弱。")
    (True, False)
    """
    stop = rest.find("。")
    return 2 <= stop <= _LEAD_SENTENCE and _is_heading_like(rest[:stop]) and len(rest) > stop + 1


_LEAD_SENTENCE = 30  # the longest heading sentence that leads a section's text


def _paragraphs(text: str, lines: list[_Line], first: int, last: int, region_end: int) -> list[_Paragraph]:
    """Group lines[first:last] into paragraphs; single line breaks inside a sentence are joined."""
    spans: list[tuple[int, int]] = []
    current: list[_Line] = []
    blank_since = False

    def close() -> None:
        if current:
            spans.append((current[0].start, current[-1].end))

    previous = ""
    for line in lines[first:last]:
        if not line.text:  # a blank line (what _Line.blank says, without a call per line)
            blank_since = True
            continue
        flat = line.text  # stripped of spaces and zero-width characters at both ends: enough for markers
        if current and (
            blank_since
            or _BLOCK_START.match(flat)
            or previous.endswith(_BLOCK_END)
            or (len(previous) <= 40 and _signed_date(previous))  # the date that closes a signature
            or _CLOSING_NOTE.match(previous)
            or ((_PART.match(previous) or _SECTION.match(previous) or _ITEM_NUMBERED.match(previous))
                and _is_heading_like(previous)
                and not previous.endswith(_OPENING) and not flat.startswith(_CLOSING))  # a heading ends
        ):
            close()
            current = []
        current.append(line)
        previous = flat
        blank_since = False
    close()
    return [_described(text, piece_start, piece_end, region_end)
            for start, end in spans for piece_start, piece_end in _split_inline_sections(text, start, end)]


def _described(text: str, start: int, end: int, region_end: int) -> _Paragraph:
    """The paragraph text[start:end] with its normalized text (and whether normalizing changes it)."""
    raw = text[start:end]
    flat = normalize_text(raw)
    return _Paragraph(start, end, region_end, flat, clean=flat == raw, table_row="\t" in raw)


def _split_inline_sections(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the paragraph text[start:end]: two when it opens with section marker （n） and holds
    （n+1） after a sentence end, as it would be on two lines (and so on for （n+2） …), else itself.

    >>> text = "（一）加强领导。成立小组。（二）完善制度。"
    >>> [text[s:e] for s, e in _split_inline_sections(text, 0, len(text))]
    ['（一）加强领导。成立小组。', '（二）完善制度。']
    """
    # what a section marker opens with, tested first: most paragraphs open with none
    opening = _SECTION.match(text[start:end]) if text[start] in "（(" else None
    if not opening or not _INLINE_SECTION.search(text, start, end):
        return [(start, end)]
    number = _ordinal(opening.group("num"))
    cuts = []
    for match in _INLINE_SECTION.finditer(text, start, end):
        if number and _ordinal(match.group("num")) == number + 1:
            cuts.append(match.start("marker"))
            number += 1
    return [(piece_start, piece_start + len(text[piece_start:piece_end].rstrip()))  # trailing spaces left out
            for piece_start, piece_end in zip([start, *cuts], [*cuts, end])]


def _cue_heading(text: str, p: _Paragraph) -> int | None:
    """Where an unnumbered part heading with a cue of the genre ends: a short line without punctuation
    (2019年工作回顾, 今后五年的奋斗目标), or a heading that ends in a cue glued to the paragraph's first
    sentence by a space or a colon (2020年主要工作安排　今年是……); None when the paragraph is no such heading.

    >>> text = "2020年主要工作安排　今年是关键之年。"
    >>> text[:_cue_heading(text, _Paragraph(0, len(text), len(text), normalize_text(text)))]
    '2020年主要工作安排\u3000'
    """
    if p.table_row or p.flat.startswith(_DASH_LEAD):
        return None
    if (len(p.flat) <= 25 and _PART_CUE.search(p.flat) and _is_heading_like(p.flat) and _HAN.search(p.flat)
            and not _INNER_PUNCTUATION.search(p.flat)):
        return p.end
    glued = _GLUED_HEADING.match(text, p.start, p.end)
    if glued and _PART_CUE_AT_END.search(glued.group("head")):
        return glued.end()
    return None


def _mark_candidates(text: str, paragraphs: list[_Paragraph]) -> None:
    """Mark each paragraph with the heading family it may belong to (``kind``) and its number."""
    for index, p in enumerate(paragraphs):
        marked = p.flat[:1] in _MARKER_FIRST  # else no marker below can match
        part, section = (_PART.match(p.flat), _SECTION.match(p.flat)) if marked else (None, None)
        if part and _is_heading_like(p.flat):
            p.kind = "chapter" if part.group("num2") else "part"  # 第一部分 or 一、
            p.number = _ordinal(part.group("num") or part.group("num2"))
        elif marked and _BARE_NUMERAL.match(p.flat):
            p.kind, p.number = "bare", _ordinal(p.flat)
        elif section:
            p.kind, p.number = "section", _ordinal(section.group("num"))
        elif (index + 1 < len(paragraphs)
              and not (marked and (_ITEM.match(p.flat) or _ITEM_ORDINAL.match(p.flat) or _ITEM_NUMBERED.match(p.flat)
                                   or _CLOSING_NOTE.match(p.flat)))
              # a signer (above its date, or with it on the next line), not a heading
              and not _SIGNED_DATE.fullmatch(paragraphs[index + 1].flat)
              and not _signed_date(p.flat)):
            cue_end = _cue_heading(text, p)
            if p.flat in _CLOSING_HEADINGS:
                p.kind = "closing"
            elif cue_end is not None:
                p.kind, p.heading_end = "cue", cue_end
            elif (not p.table_row and 2 <= len(p.flat) <= 40 and _is_heading_like(p.flat)
                  and _HAN.search(p.flat) and not p.flat.startswith(_DASH_LEAD)):
                p.kind = "lead" if _COMMA.search(p.flat) else "plain_heading"
    _mark_points(paragraphs)
    _mark_announced(paragraphs)
    if _in_sequence(paragraphs, "chapter") < 2:  # a lone 第一部分 is a part like 一、
        for p in paragraphs:
            if p.kind == "chapter":
                p.kind = "part"
    if not _in_sequence(paragraphs, "part"):
        # No part heading stands without a full stop: take those that end in one (一、主要举措和成效。).
        # Only then, since within parts such lines are often the points of a list.
        for p in paragraphs:
            part = _PART.match(p.flat)
            if part and p.kind == "text" and _is_part_heading(p.flat):
                p.kind, p.number = "part", _ordinal(part.group("num") or part.group("num2"))
    for p in paragraphs:  # 一、综合实力显著增强。地区生产总值…: a heading sentence and its text (a section at most)
        part = _PART.match(p.flat) if p.kind == "text" else None
        if part and part.group("num") and _leads_its_text(p.flat[part.end():]):
            p.kind, p.number = "part_lead", _ordinal(part.group("num"))


_UNNUMBERED_HEADINGS = ("cue", "plain_heading", "lead")


def _mark_announced(paragraphs: list[_Paragraph]) -> None:
    """Unnumbered headings that the text names as parts are ``announced`` headings numbered as named.

    A news agency's summary of a long report sets two levels of short unnumbered headings, the
    report's parts and its own sub-heads, alike; only the text tells them apart, where the paragraph
    under a heading opens by naming the part (周恩来总理报告的第二部分是关于…), or a later paragraph opens
    so and names the heading's words. When the first part so named is the second, the first unnumbered
    heading before it opens the first part.

    >>> text = "成就和任务\\n\\n报告首先指出成绩。\\n\\n应当注意的几个问题\\n\\n正文。\\n\\n对外工作\\n\\n报告的第二部分是关于对外工作。"
    >>> [(p.kind, p.number) for p in _marked(text) if p.kind != "text"]
    [('announced', 1), ('plain_heading', 0), ('announced', 2)]
    """
    named = []  # (index of the heading, number of the part a paragraph under it names)
    heading = None  # the last unnumbered heading not yet named
    for index, p in enumerate(paragraphs):
        if p.kind in _UNNUMBERED_HEADINGS:
            heading = index
            continue
        if heading is None or p.kind != "text" or p.flat.find("部分", 0, 24) < 0:  # 部分: a quick test
            continue
        announcement = _PART_ANNOUNCED.match(p.flat)
        if (announcement and _ordinal(announcement.group("num"))
                and (heading == index - 1 or paragraphs[heading].flat in p.flat)):
            named.append((heading, _ordinal(announcement.group("num"))))
            heading = None
    if not named:
        return
    if named[0][1] == 2:
        first = next((i for i, p in enumerate(paragraphs[:named[0][0]]) if p.kind in _UNNUMBERED_HEADINGS), None)
        if first is not None:
            named.insert(0, (first, 1))
    for index, number in named:
        paragraphs[index].kind, paragraphs[index].number = "announced", number


def _mark_points(paragraphs: list[_Paragraph]) -> None:
    """A （一）（二）… run that lists points in running text is no section series: its members are
    ``point`` paragraphs (text). It is one when its first member opens with a sentence longer than a
    heading (60 characters), or is a bare marker after a line that ends in a colon (基本任务是：/（一）/…).

    >>> [p.kind for p in _marked("基本任务是：\\n\\n（一）\\n\\n发展经济。\\n\\n（二）\\n\\n改善民生。")]
    ['text', 'point', 'text', 'point', 'text']
    """
    run = 0  # the number of the last member of the run of points being read, 0 outside one
    for index, p in enumerate(paragraphs):
        if p.kind == "section" and run and p.number == run + 1:
            p.kind, run = "point", p.number
        elif p.kind == "section" and p.number == 1 and _opens_points(paragraphs, index):
            p.kind, run = "point", 1
        elif p.kind in ("chapter", "part", "bare", "cue", "section"):
            run = 0


def _opens_points(paragraphs: list[_Paragraph], index: int) -> bool:
    p = paragraphs[index]
    marker = _SECTION.match(p.flat)
    rest = p.flat[marker.end():]
    if not rest:
        return index > 0 and paragraphs[index - 1].flat.endswith(("：", ":"))
    first_sentence = _FIRST_SENTENCE.match(rest)
    return len(first_sentence.group() if first_sentence else rest) > _HEADING_LIMIT


def _has_report_text(paragraphs: list[_Paragraph]) -> bool:
    """True when some paragraph holds a sentence of a report (what menus, link lists and an
    information table never do).

    >>> _has_report_text(_marked("首页\\n\\n新闻中心\\n\\n关于开展检查的通知")), _has_report_text(_marked("全年办结12件。"))
    (False, True)
    """
    return any(not p.table_row and _REPORT_SENTENCE.search(p.flat) for p in paragraphs)


def _in_sequence(paragraphs: list[_Paragraph], kind: str | frozenset[str]) -> int:
    """How many candidates of ``kind`` (or of any of several kinds) continue a 1, 2, 3 … sequence."""
    kinds = frozenset({kind}) if isinstance(kind, str) else kind
    count = 0
    for p in paragraphs:
        if p.kind in kinds and p.number == count + 1:
            count += 1
    return count


def _marked(text: str) -> list[_Paragraph]:
    """The marked paragraphs of a text that is all body (for examples and tests)."""
    lines = _split_lines(text)
    paragraphs = _paragraphs(text, lines, 0, len(lines), len(text))
    _mark_candidates(text, paragraphs)
    return paragraphs
