"""A Word document (DOCX), read with python-docx, as the paragraphs of a report and its page furniture.

Paragraphs are paragraphs; a table is a row a line, its cells a tab apart (a merged cell once);
headers and footers are chrome. Word's automatic numbering is not in the text: the numbers are
written back from the numbering definitions (``numbering.xml``: each list's levels, their start,
format and text such as ``%1、`` or ``（%2）``), counting as Word does, with a warning where a list's
numbers cannot be read.

>>> chinese_counting(24), format_number(3, "ideographTraditional"), format_number(12, "decimal")
('二十四', '丙', '12')
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import NamedTuple

from jzrol.documents import Document, assemble

__all__ = ["chinese_counting", "format_number", "read_docx"]

_SPACES = re.compile(r"[\s\u3000]+")
_NUMBER_PLACEHOLDER = re.compile(r"%([1-9])")

_CHINESE_DIGITS = "零一二三四五六七八九"
_IDEOGRAPH_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "".join(chr(0x2460 + i) for i in range(20))  # ① … ⑳


def chinese_counting(number: int, *, digits: str = _CHINESE_DIGITS, units: str = "十百千") -> str:
    """``number`` in Chinese counting (Word's ``chineseCounting``): 10 is 十, 24 二十四, 105 一百零五.

    >>> chinese_counting(10), chinese_counting(105), chinese_counting(1010)
    ('十', '一百零五', '一千零一十')
    """
    if number <= 0 or number >= 10000:
        return str(number)
    written, zero = "", False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = number // power % 10
        if digit == 0:
            zero = bool(written)
            continue
        if zero:
            written += digits[0]
            zero = False
        written += ("" if unit == units[0] and digit == 1 and not written else digits[digit]) + unit
    return written


def format_number(number: int, fmt: str) -> str | None:
    """``number`` written in Word's numbering format ``fmt`` (``w:numFmt``); None for a format jzrol
    does not know (``bullet`` and ``none`` give no number: an empty string).

    >>> format_number(2, "chineseCounting"), format_number(2, "decimalEnclosedCircleChinese")
    ('二', '②')
    """
    if fmt in {"bullet", "none"}:
        return ""
    if fmt in {"decimal", "decimalZero"}:
        return f"{number:02d}" if fmt == "decimalZero" else str(number)
    if fmt in {"chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting"}:
        return chinese_counting(number)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(number, digits=_LEGAL_DIGITS, units="拾佰仟")
    if fmt in {"ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"}:
        return "".join(_IDEOGRAPH_DIGITS[int(d)] for d in str(number))
    if fmt in {"ideographTraditional", "ideographZodiac"}:
        cycle = _STEMS if fmt == "ideographTraditional" else _BRANCHES
        return cycle[(number - 1) % len(cycle)]
    if fmt in {"decimalFullWidth", "decimalFullWidth2"}:
        return str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in {"decimalEnclosedCircle", "decimalEnclosedCircleChinese"} and 1 <= number <= len(_CIRCLED):
        return _CIRCLED[number - 1]
    if fmt in {"lowerLetter", "upperLetter"} and number >= 1:
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in {"lowerRoman", "upperRoman"} and 1 <= number < 4000:
        roman = _roman(number)
        return roman if fmt == "upperRoman" else roman.lower()
    return None


def _roman(number: int) -> str:
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
              (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    written = ""
    for value, letters in values:
        count, number = divmod(number, value)
        written += letters * count
    return written


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Level(NamedTuple):
    start: int
    fmt: str
    text: str
    style: str  # the paragraph style that takes this level (w:pStyle), if any


class _Numbering:
    """Word's numbering definitions (numbering.xml) and the counters of the lists as they run."""

    def __init__(self, root) -> None:  # noqa: ANN001 - an lxml element or None
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        linked, styled = {}, {}
        for abstract in root.iter(f"{_W}abstractNum"):
            levels = {}
            for level in abstract.iter(f"{_W}lvl"):
                levels[int(level.get(f"{_W}ilvl", "0"))] = _Level(
                    int(_value(level, "start", "1") or 1), _value(level, "numFmt", "decimal"),
                    _value(level, "lvlText", ""), _value(level, "pStyle", ""))
            key = abstract.get(f"{_W}abstractNumId")
            self.abstract[key] = levels
            linked[key] = _value(abstract, "numStyleLink", "")
            if _value(abstract, "styleLink", ""):
                styled[_value(abstract, "styleLink", "")] = key
        for key, style in linked.items():  # a list defined by a numbering style takes that style's levels
            if style and not self.abstract[key] and style in styled:
                self.abstract[key] = self.abstract[styled[style]]
        for num in root.iter(f"{_W}num"):
            overrides = {int(o.get(f"{_W}ilvl", "0")): int(_value(o, "startOverride", "1") or 1)
                         for o in num.iter(f"{_W}lvlOverride") if o.find(f"{_W}startOverride") is not None}
            self.nums[num.get(f"{_W}numId")] = (_value(num, "abstractNumId", ""), overrides)

    def label(self, num_id: str, level: int | None, style: str = "") -> str | None:
        """The number Word shows before the next paragraph of list ``num_id`` at ``level`` (counting
        it; a paragraph without a level takes the level of its ``style``, else 0), or None when the
        list's definition or format cannot be read."""
        if num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id)
        if level is None:
            level = next((index for index, spec in (levels or {}).items() if spec.style and spec.style == style), 0)
        if not levels or level not in levels:
            return None
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:  # a list that restarts its numbers (lvlOverride) starts afresh
            self.started.add(num_id)
            for overridden, start in overrides.items():
                counters[overridden] = start - 1
                for deeper in [k for k in counters if k > overridden]:
                    del counters[deeper]
        counters[level] = counters[level] + 1 if level in counters else levels[level].start
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]

        def number(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            spec = levels.get(index)
            if spec is None:
                raise LookupError
            written = format_number(counters.get(index, spec.start), spec.fmt)
            if written is None:
                raise LookupError
            return written

        try:
            return _NUMBER_PLACEHOLDER.sub(number, levels[level].text) if levels[level].fmt != "bullet" else ""
        except LookupError:
            return None


def _value(element, tag: str, default: str) -> str:  # noqa: ANN001 - an lxml element
    child = element.find(f"{_W}{tag}")
    return child.get(f"{_W}val", default) if child is not None else default


def read_docx(data: bytes) -> Document:
    """Read a Word document with python-docx: its paragraphs, tables (a row a line, cells a tab apart),
    the numbers of automatic lists, and headers and footers as chrome.

    Raises:
        ValueError: a damaged file or one that is not a Word document.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ValueError(f"damaged DOCX file, or not a Word document ({error})") from None
    try:
        numbering_root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_root = None
    numbering = _Numbering(numbering_root)
    paragraphs, lost = [], 0
    for element in _blocks(document.element.body):
        if element.tag == f"{_W}tbl":
            paragraphs += _table_rows(Table(element, document._body))
            continue
        text = _paragraph_text(element).strip(" \u3000\t")
        found = _num_reference(Paragraph(element, document._body))
        if found is not None:  # counted even when empty, as Word counts it
            label = numbering.label(*found)
            if label is None:
                lost += bool(text)
            elif label and text and not text.startswith(label):
                text = label + (" " if label[-1].isascii() else "") + text  # 1. 1.1 a): a space, as Word's tab
        if text:
            paragraphs.append(text)
    warnings = [f"list numbers lost in {lost} DOCX paragraphs (Word numbering jzrol cannot read)"] if lost else []
    return assemble(paragraphs, _header_footer_lines(document), "docx", warnings)


def _blocks(container):  # noqa: ANN001, ANN202 - an lxml element; yields lxml elements
    """The paragraphs and tables of the body in document order, also those inside content controls
    (w:sdt) and custom XML."""
    for child in container:
        if child.tag in {f"{_W}p", f"{_W}tbl"}:
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif child.tag == f"{_W}customXml":
            yield from _blocks(child)


_SKIPPED = {f"{_W}{tag}" for tag in ("pPr", "rPr", "del", "moveFrom", "txbxContent", "instrText", "delText",
                                     "footnoteReference", "endnoteReference", "commentReference")}
_BREAKS = {f"{_W}br", f"{_W}cr"}


def _paragraph_text(paragraph) -> str:  # noqa: ANN001 - an lxml w:p element
    """A paragraph's text as Word shows it: runs, hyperlinks, fields' results, inserted text and inline
    content controls; tabs as tabs, line breaks as line breaks; deleted text and text boxes left out.

    >>> from docx.oxml import parse_xml
    >>> ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    >>> _paragraph_text(parse_xml(f'<w:p {ns}><w:r><w:t>审结</w:t></w:r><w:del><w:r><w:delText>40</w:delText>'
    ...                          f'</w:r></w:del><w:ins><w:r><w:t>48件</w:t></w:r></w:ins></w:p>'))
    '审结48件'
    """
    pieces = []

    def walk(element) -> None:  # noqa: ANN001
        for child in element:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag == f"{_W}t":
                pieces.append(child.text or "")
            elif tag == f"{_W}tab":
                pieces.append("\t")
            elif tag in _BREAKS:
                pieces.append("" if child.get(f"{_W}type") == "page" else "\n")
            elif tag == f"{_W}noBreakHyphen":
                pieces.append("-")
            else:
                walk(child)

    walk(paragraph)
    return "".join(pieces)


def _num_reference(paragraph) -> tuple[str, int | None, str] | None:  # noqa: ANN001 - a python-docx Paragraph
    """``(numId, level, style id)`` of a paragraph's automatic numbering, set on it or on its style (or a
    base style); the level is None where neither says."""
    sources = [paragraph._p]
    style = paragraph.style
    while style is not None:
        sources.append(style.element)
        style = style.base_style
    level = None
    for element in sources:
        properties = element.find(f"{_W}pPr")
        reference = properties.find(f"{_W}numPr") if properties is not None else None
        if reference is None:
            continue
        if level is None and reference.find(f"{_W}ilvl") is not None:
            level = int(_value(reference, "ilvl", "0"))
        num_id = _value(reference, "numId", "")
        if num_id:
            return None if num_id == "0" else (num_id, level, paragraph.style.style_id if paragraph.style else "")
    return None


def _table_rows(table) -> list[str]:  # noqa: ANN001 - a python-docx Table
    """One line per row, the cells a tab apart (a merged cell once)."""
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            if cell._tc is previous:
                continue  # a cell merged across columns comes once per column it spans
            previous = cell._tc
            texts = (_paragraph_text(p._p).strip() for p in cell.paragraphs)
            cells.append(_SPACES.sub(" ", " ".join(text for text in texts if text)))
        if any(cells):
            rows.append("\t".join(cells))
    return rows


def _header_footer_lines(document) -> list[tuple[str, str]]:  # noqa: ANN001 - a python-docx Document
    """The non-empty lines of every header and footer the sections define, once each."""
    lines: dict[tuple[str, str], None] = {}
    for section in document.sections:
        for kind, parts in (("page_header", (section.header, section.first_page_header, section.even_page_header)),
                            ("page_footer", (section.footer, section.first_page_footer, section.even_page_footer))):
            for part in parts:
                if part.is_linked_to_previous:
                    continue  # no definition of its own (reading one would add it)
                for paragraph in part.paragraphs:
                    text = _SPACES.sub(" ", paragraph.text).strip()
                    if text:
                        lines[(kind, text)] = None
    return list(lines)
