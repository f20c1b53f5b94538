"""The body's structure: parts, sections, items and sentences as a lossless units table.

Which heading family makes a report's parts, which its sections and which a level below is one
row of :data:`LAYOUTS`; the first row a report satisfies is its layout.

>>> from jzrol.report import parse_report
>>> outline(parse_report("一、成效\\n\\n今年共办结12件。").units)[["part", "sentences"]].values.tolist()
[[1, 1]]
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from jzrol import paths
from jzrol.lexicon_loader import read_rows
from jzrol.report.markers import (
    _CIRCLED,
    _DIGITS,
    _ITEM,
    _ITEM_NUMBERED,
    _ITEM_NUMBERED_INLINE,
    _ITEM_ORDINAL,
    _ITEM_ORDINAL_INLINE,
    _NUM,
    _PART,
    _SECTION,
    _SENTENCE_BREAK,
    _SENTENCE_END,
)
from jzrol.report.normalize import _SPACE, _WHITESPACE, _ordinal, normalize_text
from jzrol.report.paragraphs import _in_sequence, _is_heading_like, _Paragraph

UNIT_COLUMNS = [
    "doc_id", "unit_id", "kind", "part", "part_title", "section", "section_title", "item",
    "start", "end", "text", "paragraph", "sentence", "norm",
]

# A numeral right before 是 (every 一是 marker has one): a quick test before the item pattern.
_NUMERAL_SHI = re.compile(f"[{_NUM}]是")
_UNNUMBERED = frozenset({"cue", "plain_heading", "lead", "closing"})  # heading families without numbers: each heading is the next one
_HEADING_KINDS = frozenset({"part", "plain_heading", "lead", "bare", "cue", "closing", "announced"})  # out of the layout: headings, no number


class Layout(NamedTuple):
    """One layout of the genre: the heading family of its parts, of its sections and of a level below.

    Attributes:
        name: what the layout is called in docs and tests.
        parts: the candidate kinds (see :mod:`jzrol.report.paragraphs`) whose headings are the parts.
        at_least: how many part headings the layout needs (numbered ones continuing 1, 2, 3 …).
        sections: the candidate kind of the sections within each part (None: no sections).
        below: a kind a level below the sections: its headings are headings that set no number.
        first: the first part heading comes before the sections' headings (where two or more are in sequence).
        needs_sections: the layout applies only where its sections occur.
        restarts: the sections' numbering restarts at 1 somewhere (so those markers cannot be the parts).
        nested: a list of part markers that restarts at 1 inside a part is that part's sections.
    """

    name: str
    parts: frozenset[str]
    at_least: int
    sections: str | None
    below: str | None = None
    first: bool = False
    needs_sections: bool = False
    restarts: bool = False
    nested: bool = False


#: The layouts of the genre in order of precedence: a report takes the first whose conditions it meets.
LAYOUTS = (
    # 第一部分 › 一、 › （一）
    Layout("chapters", frozenset({"chapter", "closing"}), 2, "part", below="section"),
    # a news summary: unnumbered headings that the text names as parts (报告的第二部分是关于…) › （一）; the
    # summary's own unnumbered sub-heads between them are headings that set no number
    Layout("announced parts", frozenset({"announced", "closing"}), 2, "section"),
    # 2019年工作回顾 › 一、 › （一）: unnumbered part headings with a cue of the genre, 一、 restarting under them
    Layout("cued parts", frozenset({"cue", "closing"}), 2, "part", below="section", first=True, needs_sections=True,
           restarts=True),
    # the same with headings of any words (过去五年工作的基本总结 › 一、 …; 今后五年的任务 › 一、 …)
    Layout("unnumbered parts over numbered sections", frozenset({"cue", "plain_heading", "closing"}), 2, "part",
           below="section", first=True, needs_sections=True, restarts=True),
    # 一、 › （一）; a 一、 list that restarts inside a part holds that part's sections
    Layout("numbered parts", frozenset({"part", "closing"}), 1, "section", nested=True),
    # 一 on a line of its own › （一）
    Layout("bare numerals", frozenset({"bare", "closing"}), 2, "section"),
    # short unnumbered headings that come before any （一） › （一）
    Layout("unnumbered parts", frozenset({"plain_heading", "cue", "closing"}), 2, "section", first=True),
    # the same where some headings are sentences with a comma (调整国民经济的任务已经基本完成，国民经济已经全面好转)
    Layout("unnumbered parts and leads", frozenset({"plain_heading", "lead", "cue", "closing"}), 2, "section",
           first=True),
    # （一） alone: the sections are the top level
    Layout("sections as parts", frozenset({"section", "closing"}), 2, None),
)


def _section_kinds(layout: Layout) -> frozenset[str]:
    """The candidate kinds of a layout's sections: 一、 sections may also lead their text with a heading
    sentence on the same line (一、综合实力显著增强。地区生产总值…), which 一、 parts may not."""
    if layout.sections == "part":
        return frozenset({"part", "part_lead"})
    return frozenset({layout.sections}) if layout.sections else frozenset()


def _layout(paragraphs: list[_Paragraph]) -> Layout | None:
    """The first layout of :data:`LAYOUTS` whose conditions the paragraphs meet, or None."""
    marked = [(i, p) for i, p in enumerate(paragraphs) if p.kind != "text"]  # the candidates, read once
    candidates = [p for _, p in marked]
    for layout in LAYOUTS:
        heads = [i for i, p in marked if p.kind in layout.parts]
        count = len(heads) if layout.parts <= _UNNUMBERED else max(_in_sequence(candidates, k) for k in layout.parts)
        if count < layout.at_least:
            continue
        sections = _section_kinds(layout)
        in_sequence = _in_sequence(candidates, sections) if layout.sections else 0
        if layout.needs_sections and not in_sequence:
            continue
        if layout.restarts and sum(p.kind in sections and p.number == 1 for p in candidates) < 2:
            continue
        if layout.first and (in_sequence >= 2 or layout.needs_sections):
            first_section = next(i for i, p in marked if p.kind in sections)
            if heads[0] > first_section:
                continue
        return layout
    return None


def _heading_text(text: str) -> str:
    """Heading words without marker and closing punctuation."""
    text = normalize_text(text)
    text = _SECTION.sub("", text)
    text = _PART.sub("", text)
    return text.strip().rstrip("。：:；;，,").strip()


def _section_heading_end(text: str, p: _Paragraph) -> int:
    """End offset of a section heading: the whole paragraph, or its first sentence when text follows."""
    if _is_heading_like(p.flat):
        return p.end
    match = _SENTENCE_END.search(text, p.start, p.end)
    if match and len(normalize_text(text[p.start:match.end()])) <= 60:
        return match.end()
    # A long first clause with no full stop nearby: treat the marker line as the heading.
    return p.end


def _item_markers(span: str) -> list[tuple[int, int, str]]:
    """The inline item markers of a span as ``(offset, number, family)``: 一是/二是 (family ``""``)
    and 第一，/第二， after a sentence or clause end (``ordinal``). A 一是 after a comma counts only
    within a sequence: when a 二是 follows it, a later one when it continues the marker before it.

    >>> [number for _, number, _ in _item_markers("存在不足，一是推进不平衡，二是创新不够，统一是前提。")]
    [1, 2]
    >>> _item_markers("大家认为，一是好的。")
    []
    >>> _item_markers("请看事实：第一，队伍壮大；第二，成果增多。")
    [(5, 1, 'ordinal'), (13, 2, 'ordinal')]
    """
    found = [(match, "") for match in _ITEM.finditer(span)] if _NUMERAL_SHI.search(span) else []
    if "第" in span:
        found += [(match, "ordinal") for match in _ITEM_ORDINAL_INLINE.finditer(span)]
        found.sort(key=lambda pair: pair[0].start())
    markers = [(match.start("num"), _ordinal(match.group("num").lstrip("第")), family) for match, family in found]
    markers = [marker for marker in markers if marker[1]]
    kept: list[tuple[int, int, str]] = []
    for index, (offset, number, family) in enumerate(markers):
        before = offset - 1  # the last character before the marker that is not a space
        while before >= 0 and span[before] in _SPACE:
            before -= 1
        if before >= 0 and span[before] in "，,":  # after a comma: only within a sequence
            if number == 1:
                if not any(later[1] == 2 and later[2] == family for later in markers[index + 1:]):
                    continue
            elif not kept or kept[-1][1:] != (number - 1, family):
                continue
        kept.append((offset, number, family))
    return kept


_CIRCLED_CHARS = frozenset(_CIRCLED)


def _marker_number(match: re.Match, group: str) -> int:
    """The number of an item marker: its digits (full-width too), or the place of a circled numeral."""
    value = match.group(group)
    return _CIRCLED.index(value) + 1 if group == "circle" else int(value)  # int reads full-width digits too


def _numbered_items(span: str, opened: int, family: str = "dot") -> list[tuple[int, int, str]]:
    """The items numbered 2. 3. (family ``dot``) or ② ③ (``circle``) after sentence ends inside a span
    that continue the sequence the span opened with (``opened``, 0 for none); a 1. (①) after a colon or
    sentence end opens one when a 2. (②) follows it.

    >>> _numbered_items("1.完善制度。出台文件3件。2.加强审查。共45份。4.其他。", 1)
    [(14, 2, 'dot')]
    >>> _numbered_items("主要做法：1.完善制度；2.加强审查。", 0)
    [(5, 1, 'dot'), (12, 2, 'dot')]
    >>> _numbered_items("规范执法：①开展培训；②组织考试。", 0, "circle")
    [(5, 1, 'circle'), (11, 2, 'circle')]
    """
    group = "circle" if family == "circle" else "num"
    found = [(match.start(group), _marker_number(match, group))
             for match in _ITEM_NUMBERED_INLINE.finditer(span) if match.group(group)]
    kept, last = [], opened
    for index, (offset, number) in enumerate(found):
        opens = number == 1 and any(later == 2 for _, later in found[index + 1:])
        if number == last + 1 and (last or opens):
            kept.append((offset, number, family))
            last = number
    return kept


def _segments(text: str, start: int, end: int) -> tuple[list[int], list[tuple[int, str] | None] | None]:
    """Split text[start:end] into sentences; an item marker starts a new one.

    Returns the sentence starts and, for each, the item it opens as ``(number, family)`` (None for
    none), or None for the items when the span has no item marker. Families: ``dot`` (1. or 1、 at the
    span's start), ``paren`` (（1）), ``ordinal`` (第一，) and ``""`` (一是). Whitespace between a
    sentence end and the next sentence stays with the earlier one; a sentence end followed by nothing
    but whitespace starts no sentence.

    >>> _segments("1.强化学习。一是学法；二是用法。", 0, 16)
    ([0, 7, 12], [(1, 'dot'), (1, ''), (2, '')])
    """
    # sentence ends found in the text itself (the pattern looks behind only within its own match)
    breaks = [match.end() for match in _SENTENCE_BREAK.finditer(text, start, end)]
    if breaks and breaks[-1] == end:
        breaks.pop()
    lead = start
    while lead < end and text[lead] in _SPACE:
        lead += 1
    may_be_numbered = (text[lead:lead + 1] in _DIGITS or text[lead + 1:lead + 2] in _DIGITS
                       or text[lead:lead + 1] in _CIRCLED_CHARS)
    ordinal_marker = text.find("第", start, end) >= 0
    numbered_inline = _ITEM_NUMBERED_INLINE.search(text, start, end) is not None
    if not may_be_numbered and not ordinal_marker and not numbered_inline and not _NUMERAL_SHI.search(text, start, end):
        return [start, *breaks], None  # most paragraphs: no item marker can be there
    span = text[start:end]
    opening = text[lead:end]
    numbered = _ITEM_NUMBERED.match(opening) if may_be_numbered else None
    ordinal = _ITEM_ORDINAL.match(opening) if ordinal_marker and not numbered else None
    items = _item_markers(span) if ordinal_marker or _NUMERAL_SHI.search(span) else []
    if numbered_inline and (numbered is None or numbered.lastgroup in ("dot", "circle")):
        opened = _marker_number(numbered, numbered.lastgroup) if numbered else 0
        families = (numbered.lastgroup,) if numbered else ("dot", "circle")
        items = sorted(items + [item for family in families for item in _numbered_items(span, opened, family)])
    if not ordinal and not items and not numbered:
        return [start, *breaks], None
    if numbered:
        family = numbered.lastgroup
        number = _marker_number(numbered, family)
        first = (number, family) if number else None
    else:
        first = (_ordinal(ordinal.group("num")), "ordinal") if ordinal and _ordinal(ordinal.group("num")) else None
    cuts: dict[int, tuple[int, str] | None] = {0: first}
    cuts.update(dict.fromkeys(offset - start for offset in breaks))
    cuts.update((offset, (number, family)) for offset, number, family in items)
    offsets = sorted(cuts)
    return [start + offset for offset in offsets], [cuts[offset] for offset in offsets]


#: What a report without any part layout is read as: its （一） headings are sections of part 0.
NO_PARTS = Layout("no parts", frozenset(), 0, "section")


class _Outline:
    """Where the reader stands in the report's outline while it reads the paragraphs in order."""

    def __init__(self, text: str, layout: Layout) -> None:
        self.text, self.layout = text, layout
        self.sections = _section_kinds(layout)
        self.part = self.section = 0
        self.part_title = self.section_title = ""
        self.part_length = 0  # the length of the part's heading, to tell a part from an entry of a nested list
        self.nested: list[tuple[int, int]] = []  # open 一、 lists restarted inside the part: (last number, length)
        self.nested_sections = False  # the part's sections are such a list's entries (（一） are then a level below)
        self.depth = 0  # the depth of the nested list the last heading continued

    def read(self, p: _Paragraph) -> int | None:
        """Move to paragraph ``p``; returns where its heading ends (None: the paragraph is text)."""
        layout, text = self.layout, self.text
        if p.kind in layout.parts:
            if p.kind in _UNNUMBERED:
                return self._new_part(self.part + 1, p, p.heading_end or p.end)
            if layout.nested and self.part and self._continues_nested(p):
                return self._nested_entry(p)
            if p.number == self.part + 1:
                return self._new_part(p.number, p,
                                      _section_heading_end(text, p) if p.kind == "section" else p.heading_end or p.end)
            if layout.nested and self.part and p.number == 1:
                self.nested.append((0, len(p.flat)))
                self._continues_nested(p)
                return self._nested_entry(p)
        elif p.kind in self.sections and p.number == self.section + 1 and not self.nested_sections:
            heading_end = _section_heading_end(text, p)
            self.section, self.section_title = p.number, _heading_text(text[p.start:heading_end])
            return heading_end
        if p.kind in _HEADING_KINDS and _is_heading_like(p.flat):
            return p.end  # an unnumbered or out-of-sequence heading: no counter changes
        if p.kind == "section" and (p.kind == layout.below or self.nested_sections):
            return _section_heading_end(text, p)  # a level below the sections: a heading, no counter
        return None

    def _new_part(self, number: int, p: _Paragraph, heading_end: int) -> int:
        self.part, self.part_length = number, len(p.flat)
        self.part_title = _heading_text(p.flat if heading_end >= p.end else self.text[p.start:heading_end])
        self.section, self.section_title = 0, ""
        self.nested, self.nested_sections = [], False
        return heading_end

    def _continues_nested(self, p: _Paragraph) -> bool:
        """True when ``p`` continues an open nested list (the innermost such; the lists inside it close).
        A number that continues both a nested list and the parts goes to the one whose first heading is
        closer in length (a list's entries are alike, and unlike the part headings)."""
        for depth in range(len(self.nested) - 1, -1, -1):
            last, length = self.nested[depth]
            if last + 1 == p.number:
                if p.number == self.part + 1 and abs(len(p.flat) - self.part_length) < abs(len(p.flat) - length):
                    return False
                del self.nested[depth + 1:]
                self.nested[depth] = (p.number, length)
                self.depth = depth
                return True
        return False

    def _nested_entry(self, p: _Paragraph) -> int:
        """A heading of a 一、 list restarted inside the part: a section at the first depth (unless the part
        has （一） sections), a heading without a number deeper down."""
        if self.depth == 0 and (self.nested_sections or self.section == 0):
            self.nested_sections = True
            self.section, self.section_title = p.number, _heading_text(p.flat)
        return p.end


def _units(text: str, paragraphs: list[_Paragraph], doc_id: str, warnings: list[str], *,
           appendix_from: int | None = None) -> dict[str, list]:
    """The units table of the paragraphs; from paragraph ``appendix_from`` on, units of kind ``appendix``."""
    layout = _layout(paragraphs)
    where = _Outline(text, layout or NO_PARTS)
    item = 0
    numbered_items = ""  # how the items of this part and section are numbered: dot, paren, ordinal or yishi
    columns = _Columns(text)
    place = (where.part, where.section)
    state = (where.part, where.part_title, where.section, where.section_title)
    appendix_from = len(paragraphs) if appendix_from is None else appendix_from
    for index, p in enumerate(paragraphs):
        if p.kind == "title":
            columns.add(p, index, ["title"], [p.start], [0], [0], (0, "", 0, ""))
            continue
        if index >= appendix_from:  # back matter: its own units, no part, section or item
            starts, _ = _segments(text, p.start, p.end)
            columns.add(p, index, ["appendix"] * len(starts), starts, [0] * len(starts),
                        list(range(1, len(starts) + 1)), (0, "", 0, ""))
            continue
        heading_end = None
        if p.kind != "text":  # text moves no counter of the outline
            heading_end = where.read(p)
            if (where.part, where.section) != place:
                item, numbered_items = 0, ""  # item numbers restart in each part and section
            place = (where.part, where.section)
            state = (where.part, where.part_title, where.section, where.section_title)
        if heading_end is not None and heading_end >= p.end:
            columns.add(p, index, ["heading"], [p.start], [0], [0], state)
            continue
        body_start = heading_end if heading_end is not None else p.start
        while body_start < p.end and text[body_start] in _WHITESPACE:
            body_start += 1
        starts, markers = _segments(text, body_start, p.end)
        if markers is None:
            items = [item] * len(starts)
        else:
            items = []
            for marker in markers:
                # An item marker numbered 1, or one more than the last, sets the item. Where a section
                # numbers its items 1. 2. …, （1）（2） … or 第一，第二，…, markers numbered another way
                # (一是 under 1., （1） under 第一，) are a level below and set nothing.
                if marker is not None and (marker[0] == 1 or marker[0] == item + 1) and (
                        not numbered_items or marker[1] == numbered_items):
                    item, numbered_items = marker[0], numbered_items or marker[1]
                items.append(item)
        kinds, sentences = ["text"] * len(starts), list(range(1, len(starts) + 1))
        if heading_end is not None:  # a heading on the same line is the paragraph's first unit (sentences count it)
            kinds, starts, items = ["heading", *kinds], [p.start, *starts], [0, *items]
            sentences = [0, *range(2, len(starts) + 1)]
        columns.add(p, index, kinds, starts, items, sentences, state)
    if layout is None and paragraphs:
        warnings.append("no numbered parts found; the whole body is part 0")
    return columns.table(doc_id)


class _Columns:
    """The units table as lists, filled a paragraph at a time (what repeats within it is repeated in C)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.kind, self.start, self.item, self.sentence, self.norm = [], [], [], [], []
        # what is the same for all units of a paragraph, once a paragraph, with its number of units
        self.counts: list[int] = []
        self.paragraphs: list[int] = []
        self.states: list[tuple] = []
        self.region_ends: list[int] = []  # the end of each region and the index of its last unit
        self.region_last: list[int] = []

    def add(self, p: _Paragraph, index: int, kinds: list[str], starts: list[int], items: list[int],
            sentences: list[int], state: tuple) -> None:
        """Append paragraph ``p``'s units (``state`` is its part, part title, section and section title)."""
        n = len(kinds)
        if self.region_ends and self.region_ends[-1] == p.region_end:
            self.region_last[-1] += n
        else:
            self.region_ends.append(p.region_end)
            self.region_last.append(len(self.kind) + n - 1)
        # A unit's text past its paragraph's end is whitespace up to the next one, which normalizing
        # drops: the paragraph's own part gives the same ``norm``.
        own = map(self.text.__getitem__, map(slice, starts, [*starts[1:], p.end]))
        self.norm += map(str.strip, own) if p.clean else map(normalize_text, own)
        self.kind += kinds
        self.start += starts
        self.item += items
        self.sentence += sentences
        self.counts.append(n)
        self.paragraphs.append(index + 1)
        self.states.append(state)

    def table(self, doc_id: str) -> dict[str, list]:
        """The columns in ``UNIT_COLUMNS`` order; each unit runs to the next unit's start in its region
        (whitespace included), the last one to the region's end."""
        count = len(self.kind)
        ends = [*self.start[1:], 0] if count else []
        for last, region_end in zip(self.region_last, self.region_ends):
            ends[last] = region_end
        spans = list(map(self.text.__getitem__, map(slice, self.start, ends)))

        def per_unit(values) -> list:
            return list(chain.from_iterable(map(repeat, values, self.counts)))

        part, part_title, section, section_title = map(per_unit, zip(*self.states)) if self.states else ([], [], [], [])
        return {
            "doc_id": [doc_id] * count, "unit_id": list(range(1, count + 1)), "kind": self.kind,
            "part": part, "part_title": part_title, "section": section,
            "section_title": section_title, "item": self.item, "start": self.start, "end": ends,
            "text": spans, "paragraph": per_unit(self.paragraphs), "sentence": self.sentence,
            "norm": self.norm,
        }


def outline(units: pd.DataFrame) -> pd.DataFrame:
    """One row per part and section with the size of its text: sentences, items and characters.

    Characters count the normalized text of sentences (headings excluded). The
    preamble (part 0) and a part's text before its first section (section 0)
    are rows too when they hold any sentence.

    >>> from jzrol.report import parse_report
    >>> r = parse_report("一、成效\\n\\n（一）执法。共办结12件。一是公开；二是记录。")
    >>> outline(r.units)[["part", "section", "sentences", "items", "characters"]].values.tolist()
    [[1, 1, 3, 2, 17]]
    """
    columns = ["doc_id", "part", "part_title", "section", "section_title", "sentences", "items", "characters"]
    body = units[units["kind"] == "text"]
    if body.empty:
        return pd.DataFrame(columns=columns)
    keys = ["doc_id", "part", "part_title", "section", "section_title"]
    grouped = body.assign(characters=body["norm"].str.len()).groupby(keys, sort=False)
    table = grouped.agg(sentences=("norm", "size"), items=("item", "max"), characters=("characters", "sum"))
    return table.reset_index().sort_values(["doc_id", "part", "section"], kind="stable")[columns].reset_index(drop=True)


@lru_cache(maxsize=4)
def _role_patterns(path: str) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((row["role"], re.compile(row["pattern"])) for row in read_rows(path, ["role", "pattern"]))


def part_roles(units: pd.DataFrame, *, rules: str | Path = paths.PART_ROLES) -> pd.DataFrame:
    """The role each part plays in the genre's three-part shape, read from its heading.

    Roles are ``duties`` (党政主要负责人履行推进法治建设第一责任人职责情况, a part local reports have
    had since 2019), ``achievements``, ``problems``, ``plans`` (the first rule in
    ``jzrol/lexicon/part_roles.csv`` whose pattern matches the part title wins, in the file's order) or
    ``other``; the preamble is ``preamble``.

    >>> from jzrol import paths
    >>> from jzrol.report import read_report
    >>> part_roles(read_report(paths.SEED_REPORT).units).role.tolist()
    ['preamble', 'achievements', 'problems', 'plans']
    """
    patterns = _role_patterns(str(rules))
    parts = units[units["kind"] != "title"][["doc_id", "part", "part_title"]].drop_duplicates(["doc_id", "part"])

    def role(row: pd.Series) -> str:
        if row["part"] == 0:
            return "preamble"
        return next((name for name, pattern in patterns if pattern.search(row["part_title"])), "other")

    roles = parts.apply(role, axis=1) if len(parts) else pd.Series(dtype=object)
    return parts.assign(role=roles).reset_index(drop=True)
