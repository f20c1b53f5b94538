"""The body's structure: paragraphs, parts, sections, items and sentences as a lossless units table.

>>> from jzrol.report import parse_report
>>> outline(parse_report("一、成效\\n\\n今年共办结12件。").units)[["part", "sentences"]].values.tolist()
[[1, 1]]
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from jzrol import paths
from jzrol.report.chrome import _Line
from jzrol.report.markers import (
    _BARE_NUMERAL, _BLOCK_END, _BLOCK_START, _CLOSING, _DIGITS, _ITEM, _ITEM_NUMBERED, _ITEM_ORDINAL, _NUM,
    _OPENING, _PART, _SECTION, _SENTENCE_BREAK, _SENTENCE_END, _TERMINAL,
)
from jzrol.report.normalize import _SPACE, _WHITESPACE, _ordinal, normalize_text
from jzrol.report.signature import _SIGNED_DATE

UNIT_COLUMNS = [
    "doc_id", "unit_id", "kind", "part", "part_title", "section", "section_title", "item",
    "start", "end", "text", "paragraph", "sentence", "norm",
]


def _heading_text(text: str) -> str:
    """Heading words without marker and closing punctuation."""
    text = normalize_text(text)
    text = _SECTION.sub("", text)
    text = _PART.sub("", text)
    return text.strip().rstrip("。：:；;，,").strip()


@dataclass
class _Paragraph:
    start: int
    end: int
    region_end: int
    flat: str  # normalized text for classification
    kind: str = "text"  # title | chapter | part | section | plain_heading | bare | text
    number: int = 0
    heading_end: int | None = None  # for a section heading sharing its line with text
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


def _paragraphs(text: str, lines: list[_Line], first: int, last: int, region_end: int) -> list[_Paragraph]:
    """Group lines[first:last] into paragraphs; single line breaks inside a sentence are joined."""
    paragraphs: list[_Paragraph] = []
    current: list[_Line] = []
    blank_since = False

    def close() -> None:
        if current:
            paragraphs.append(_Paragraph(current[0].start, current[-1].end, region_end, ""))

    previous = ""
    for line in lines[first:last]:
        if line.blank:
            blank_since = True
            continue
        flat = line.text  # stripped of spaces and zero-width characters at both ends: enough for markers
        if current and (
            blank_since
            or _BLOCK_START.match(flat)
            or previous.endswith(_BLOCK_END)
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
    for paragraph in paragraphs:
        raw = text[paragraph.start:paragraph.end]
        paragraph.flat = normalize_text(raw)
        paragraph.clean = paragraph.flat == raw
        paragraph.table_row = "\t" in raw
    return paragraphs


def _mark_candidates(paragraphs: list[_Paragraph]) -> None:
    for index, p in enumerate(paragraphs):
        part, section = _PART.match(p.flat), _SECTION.match(p.flat)
        if part and _is_heading_like(p.flat):
            p.kind = "chapter" if part.group("num2") else "part"  # 第一部分 or 一、
            p.number = _ordinal(part.group("num") or part.group("num2"))
        elif _BARE_NUMERAL.match(p.flat):
            p.kind, p.number = "bare", _ordinal(p.flat)
        elif section:
            p.kind, p.number = "section", _ordinal(section.group("num"))
        elif (
            index + 1 < len(paragraphs)
            and not p.table_row
            and 2 <= len(p.flat) <= 40
            and _is_heading_like(p.flat)
            and re.search(r"[\u4e00-\u9fff]", p.flat)
            and not _ITEM.match(p.flat)
            and not _ITEM_ORDINAL.match(p.flat)
            and not _ITEM_NUMBERED.match(p.flat)
            # a signer (above its date, or with it on the next line), not a heading
            and not _SIGNED_DATE.fullmatch(paragraphs[index + 1].flat)
            and not _SIGNED_DATE.search(p.flat)
        ):
            p.kind = "plain_heading"
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


def _in_sequence(paragraphs: list[_Paragraph], kind: str) -> int:
    """How many candidates of ``kind`` continue a 1, 2, 3 … sequence."""
    count = 0
    for p in paragraphs:
        if p.kind == kind and p.number == count + 1:
            count += 1
    return count


def _part_family(paragraphs: list[_Paragraph]) -> str | None:
    """Which marker makes a top-level part in this document."""
    if _in_sequence(paragraphs, "chapter") >= 2:  # 第一部分, 第二部分 …, with 一、 inside them
        return "chapter"
    if _in_sequence(paragraphs, "part") >= 1:
        return "part"
    if _in_sequence(paragraphs, "bare") >= 2:
        return "bare"
    plain = [i for i, p in enumerate(paragraphs) if p.kind == "plain_heading"]
    sections = [i for i, p in enumerate(paragraphs) if p.kind == "section"]
    numbered_sections = _in_sequence(paragraphs, "section") >= 2
    # Unnumbered headings are parts when they come first; numbered sections nest under them.
    if len(plain) >= 2 and (not numbered_sections or plain[0] < sections[0]):
        return "plain_heading"
    if numbered_sections:
        return "section"
    return None


def _section_heading_end(text: str, p: _Paragraph) -> int:
    """End offset of a section heading: the whole paragraph, or its first sentence when text follows."""
    if _is_heading_like(p.flat):
        return p.end
    match = _SENTENCE_END.search(text, p.start, p.end)
    if match and len(normalize_text(text[p.start:match.end()])) <= 60:
        return match.end()
    # A long first clause with no full stop nearby: treat the marker line as the heading.
    return p.end


def _may_hold_item(span: str) -> bool:
    """True when a numeral comes right before a 是 (every item marker has one): a quick test before the pattern."""
    position = span.find("是", 1)
    while position > 0:
        if span[position - 1] in _NUM:
            return True
        position = span.find("是", position + 1)
    return False


def _segments(text: str, start: int, end: int) -> tuple[list[int], list[int | None] | None, str]:
    """Split text[start:end] into sentences; an item marker starts a new one.

    Returns the sentence starts and the item number each opens (None for none), or None for the
    numbers when the span has no item marker, and how the item that opens the span is numbered:
    ``"dot"`` (1. or 1、), ``"paren"`` (（1）) or ``""`` (not so: 一是 or no item). Such items are
    the level above 一是 where both are used. Whitespace between a sentence end and the next
    sentence stays with the earlier one; a sentence end followed by nothing but whitespace starts
    no sentence.

    >>> _segments("1.强化学习。一是学法；二是用法。", 0, 16)
    ([0, 7, 12], [1, 1, 2], 'dot')
    """
    span = text[start:end]
    breaks = [match.end() for match in _SENTENCE_BREAK.finditer(span)]
    if breaks and breaks[-1] == len(span):
        breaks.pop()
    opening = span.lstrip(_SPACE)
    numbered = _ITEM_NUMBERED.match(opening) if opening[:1] in _DIGITS or opening[1:2] in _DIGITS else None
    ordinal = _ITEM_ORDINAL.match(opening) if "第" in span and not numbered else None
    items = [match for match in _ITEM.finditer(span) if _ordinal(match.group("num"))] if _may_hold_item(span) else []
    if not ordinal and not items and not numbered:  # most paragraphs
        return [start, *(start + offset for offset in breaks)], None, ""
    if numbered:
        first = int(numbered.group("dot") or numbered.group("paren")) or None
    else:
        first = _ordinal(ordinal.group("num")) or None if ordinal else None
    cuts: dict[int, int | None] = {0: first}
    cuts.update(dict.fromkeys(breaks))
    cuts.update((match.start("num"), _ordinal(match.group("num"))) for match in items)
    offsets = sorted(cuts)
    return [start + offset for offset in offsets], [cuts[offset] for offset in offsets], numbered.lastgroup if numbered else ""


def _units(text: str, paragraphs: list[_Paragraph], doc_id: str, warnings: list[str]) -> dict[str, list]:
    family = _part_family(paragraphs)
    section_kind = "section" if family != "section" else None
    if family == "chapter" and _in_sequence(paragraphs, "part"):
        section_kind = "part"  # 第一部分 › 一、: the 一、 are the sections, and （一） headings below them
    part = section = item = 0
    numbered_items = ""  # how the items of this part and section are numbered: "dot" (1. 2.), "paren" ((1) (2))
    part_title = section_title = ""
    columns = _Columns(text)
    place = None
    for index, p in enumerate(paragraphs):
        heading_end = None
        if p.kind == "title":
            columns.add(p, index, ["title"], [p.start], [0], [0], (0, "", 0, ""))
            continue
        if p.kind == family and p.number == part + 1:
            part, part_title = p.number if family != "plain_heading" else part + 1, _heading_text(p.flat)
            section, section_title = 0, ""
            heading_end = _section_heading_end(text, p) if family == "section" else p.end
        elif family == "plain_heading" and p.kind == "plain_heading":
            part, part_title = part + 1, _heading_text(p.flat)
            section, section_title = 0, ""
            heading_end = p.end
        elif p.kind == section_kind and p.number == section + 1:
            heading_end = _section_heading_end(text, p)
            section, section_title = p.number, _heading_text(text[p.start:heading_end])
        elif p.kind in {"part", "plain_heading", "bare"} and _is_heading_like(p.flat):
            heading_end = p.end  # an unnumbered or out-of-sequence heading: no counter changes
        elif p.kind == "section" and section_kind == "part":
            heading_end = _section_heading_end(text, p)  # a level below the sections: a heading, no counter
        if place is not None and (part, section) != place:
            item, numbered_items = 0, ""  # item numbers restart in each part and section
        place = (part, section)
        state = (part, part_title, section, section_title)
        if heading_end is not None and heading_end >= p.end:
            columns.add(p, index, ["heading"], [p.start], [0], [0], state)
            continue
        body_start = heading_end if heading_end is not None else p.start
        while body_start < p.end and text[body_start] in _WHITESPACE:
            body_start += 1
        starts, numbers, numbered = _segments(text, body_start, p.end)
        if numbers is None:
            items = [item] * len(starts)
        else:
            items = []
            for position, number in enumerate(numbers):
                # An item marker numbered 1, or one more than the last, sets the item. Where a section
                # numbers its items 1. 2. …, the 一是 inside them are a level below and set nothing, and
                # so are items numbered the other way ((1) (2) under 1.).
                numbering = numbered if position == 0 else ""
                if (number is not None and (number == 1 or number == item + 1)
                        and (not numbered_items or numbering == numbered_items)):
                    item, numbered_items = number, numbered_items or numbering
                items.append(item)
        kinds, sentences = ["text"] * len(starts), list(range(1, len(starts) + 1))
        if heading_end is not None:  # a heading on the same line is the paragraph's first unit (sentences count it)
            kinds, starts, items = ["heading", *kinds], [p.start, *starts], [0, *items]
            sentences = [0, *range(2, len(starts) + 1)]
        columns.add(p, index, kinds, starts, items, sentences, state)
    if family is None and paragraphs:
        warnings.append("no numbered parts found; the whole body is part 0")
    return columns.table(doc_id)


class _Columns:
    """The units table as lists, filled a paragraph at a time (what repeats within it is repeated in C)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.kind, self.start, self.item, self.sentence, self.paragraph, self.norm = [], [], [], [], [], []
        self.part, self.part_title, self.section, self.section_title = [], [], [], []
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
        self.paragraph += [index + 1] * n
        for column, value in zip((self.part, self.part_title, self.section, self.section_title), state):
            column += [value] * n

    def table(self, doc_id: str) -> dict[str, list]:
        """The columns in ``UNIT_COLUMNS`` order; each unit runs to the next unit's start in its region
        (whitespace included), the last one to the region's end."""
        count = len(self.kind)
        ends = [*self.start[1:], 0] if count else []
        for last, region_end in zip(self.region_last, self.region_ends):
            ends[last] = region_end
        spans = list(map(self.text.__getitem__, map(slice, self.start, ends)))
        return {
            "doc_id": [doc_id] * count, "unit_id": list(range(1, count + 1)), "kind": self.kind,
            "part": self.part, "part_title": self.part_title, "section": self.section,
            "section_title": self.section_title, "item": self.item, "start": self.start, "end": ends,
            "text": spans, "paragraph": self.paragraph, "sentence": self.sentence,
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
    with open(path, encoding="utf-8") as handle:
        return tuple((row["role"], re.compile(row["pattern"])) for row in csv.DictReader(handle))


def part_roles(units: pd.DataFrame, *, rules: str | Path = paths.PART_ROLES) -> pd.DataFrame:
    """The role each part plays in the genre's three-part shape, read from its heading.

    Roles are ``duties`` (党政主要负责人履行推进法治建设第一责任人职责情况, a part local reports have
    had since 2019), ``achievements``, ``problems``, ``plans`` (the first rule in
    ``data/lexicon/part_roles.csv`` whose pattern matches the part title wins, in the file's order) or
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
