"""Read reports published as PDF or Word (DOCX) files into text, page furniture and warnings.

A PDF's text layer comes in lines broken by the page; :func:`read_pdf` joins the lines of a
paragraph, keeps headings on lines of their own, and sets running headers, footers and page numbers
(``- 3 -``, ``第3页``, ``共12页``) apart as chrome. :func:`read_docx` takes a Word document's
paragraphs as paragraphs, its tables a row a line with the cells a tab apart, and writes back the
numbers of Word's automatic numbering (which are not in the text) from the numbering definitions.

In both, the text is the body's paragraphs a blank line apart, followed by the chrome lines, one a
line; :attr:`Document.chrome` gives their spans in the text, so every offset refers to one string.
Word 97-2003 (DOC) and WPS files, OpenDocument and RTF files, and PDFs without a text layer are
refused with a :class:`ValueError` whose message says what to do.

>>> sniff_format(b"%PDF-1.7\\n...", ".pdf"), sniff_format(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1", ".wps")
('pdf', 'ole')
>>> chinese_counting(24), format_number(3, "ideographTraditional"), format_number(12, "decimal")
('二十四', '丙', '12')
"""

from __future__ import annotations

import io
import re
import statistics
import zipfile
from collections import Counter
from dataclasses import dataclass
from typing import Literal, NamedTuple

__all__ = ["Document", "chinese_counting", "format_number", "read_docx", "read_document", "read_pdf",
           "sniff_format"]

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONVERT_HINT = "convert it to DOCX or PDF with LibreOffice (soffice --headless --convert-to docx FILE)"

# Lines of page furniture: page numbers in their usual dresses (after spaces are removed).
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—－~～]\d{1,4}[-–—－~～]|第\d{1,4}页(?:[,，/]?共\d{1,4}页)?|共\d{1,4}页(?:[,，]?第\d{1,4}页)?"
    r"|\d{1,4}/\d{1,4}|\d{1,4}|[Pp]age\d{1,4}(?:of\d{1,4})?)$"
)
_DIGIT_RUN = re.compile(r"[0-9０-９]+")
_SPACES = re.compile(r"[\s\u3000]+")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# A line that starts a heading starts a paragraph, wherever the line above it ends.
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[部章])")
_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")
_CID = re.compile(r"\(cid:\d+\)")
_NUMBER_PLACEHOLDER = re.compile(r"%([1-9])")
_EDGE_LINES = 2  # how many lines at the top and the bottom of a page may be page furniture


@dataclass(frozen=True)
class Document:
    """The text of a PDF or DOCX file, its chrome and what the reader had to warn about.

    Attributes:
        text: the body's paragraphs a blank line apart, then the chrome lines one a line.
        format: ``"pdf"`` or ``"docx"``.
        chrome: ``(kind, start, end)`` of each chrome line in ``text``; ``kind`` is ``page_number``,
            ``page_header`` or ``page_footer``.
        warnings: what was lost or guessed (pages without text, list numbers not read …).
    """

    text: str
    format: Literal["pdf", "docx"]
    chrome: tuple[tuple[str, int, int], ...] = ()
    warnings: tuple[str, ...] = ()


def sniff_format(data: bytes, suffix: str = "") -> str | None:
    """The kind of document the bytes hold by their signature: ``pdf``, ``docx``, ``ole`` (DOC, WPS),
    ``odt``, ``rtf``, ``zip`` (another archive), or None for text and HTML.

    >>> sniff_format("一、总体情况".encode()), sniff_format(b"{\\\\rtf1\\\\ansi}")
    (None, 'rtf')
    """
    if data.startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and suffix.lower() == ".pdf"):
        return "pdf"
    if data.startswith(_OLE_SIGNATURE):
        return "ole"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype") if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, KeyError):
            return "docx" if suffix.lower() == ".docx" else "zip"
        if "word/document.xml" in names:
            return "docx"
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            return "odt"
        return "docx" if suffix.lower() == ".docx" else "zip"
    return None


def read_document(data: bytes, *, suffix: str = "") -> Document | None:
    """Read PDF or DOCX bytes; None for bytes that are neither (text and HTML are read elsewhere).

    Raises:
        ValueError: a DOC, WPS, ODT or RTF file, an archive that is no Word document, a damaged or
            encrypted file, or a PDF without a text layer; the message says what to do.

    >>> read_document("一、总体情况".encode()) is None
    True
    """
    kind = sniff_format(data, suffix)
    if kind == "pdf":
        return read_pdf(data)
    if kind == "docx":
        return read_docx(data)
    if kind == "ole":
        raise ValueError(f"a Word 97-2003 (DOC) or WPS file, which jzrol does not read; {_CONVERT_HINT}")
    if kind == "odt":
        raise ValueError(f"an OpenDocument file, which jzrol does not read; {_CONVERT_HINT}")
    if kind == "rtf":
        raise ValueError(f"an RTF file, which jzrol does not read; {_CONVERT_HINT}")
    if kind == "zip":
        raise ValueError("a ZIP archive without a Word document inside; unpack it and give the reports it holds")
    return None


# --- numbers as Word writes them -------------------------------------------------------------

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


# --- shared assembly ------------------------------------------------------------------------

def _assemble(paragraphs: list[str], chrome: list[tuple[str, str]], fmt: str, warnings: list[str]) -> Document:
    """The body paragraphs a blank line apart, then each chrome line, with the chrome's spans."""
    body = "\n\n".join(paragraphs)
    if not body.strip():
        raise ValueError(f"{fmt.upper()} file without any body text")
    pieces, spans, offset = [body], [], len(body)
    for position, (kind, line) in enumerate(chrome):
        separator = "\n\n" if position == 0 else "\n"
        offset += len(separator)
        pieces += [separator, line]
        spans.append((kind, offset, offset + len(line)))
        offset += len(line)
    return Document("".join(pieces), fmt, tuple(spans), tuple(dict.fromkeys(warnings)))


# --- PDF ------------------------------------------------------------------------------------

class _PdfLine(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def read_pdf(data: bytes) -> Document:
    """Read a PDF's text layer with pdfminer.six: paragraphs joined, page furniture set apart.

    Raises:
        ValueError: a damaged or encrypted PDF, or one without a text layer (a scan).
    """
    pages = _pdf_pages(data)
    if not any(len(_SPACES.sub("", line.text)) for page in pages for line in page):
        raise ValueError("PDF without a text layer (a scanned image?); jzrol reads only a PDF's text, "
                         "OCR is out of its scope: use a PDF with text or a text copy of the report")
    text_chars = sum(len(line.text) for page in pages for line in page)
    unmapped = sum(len(match) for page in pages for line in page for match in _CID.findall(line.text))
    if unmapped > text_chars / 10:
        raise ValueError("PDF whose fonts map no glyph to a character, so its text cannot be extracted "
                         "(OCR is out of jzrol's scope); use a text copy of the report")
    warnings = []
    empty = [number for number, page in enumerate(pages, 1) if not page]
    if empty:
        warnings.append(f"{len(empty)} of {len(pages)} PDF pages have no text layer (scanned?), "
                        f"their text is missing: pages {', '.join(map(str, empty[:10]))}")
    if unmapped:
        warnings.append("some PDF glyphs map to no character and show as (cid:N)")
    body, chrome = _split_page_furniture(pages)
    return _assemble(_join_lines(body), chrome, "pdf", warnings)


def _pdf_pages(data: bytes) -> list[list[_PdfLine]]:
    """The lines of each page, top to bottom, pieces on one baseline joined (a tab between cells)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    def lines_of(item):
        if isinstance(item, LTTextLine):
            yield item
        elif isinstance(item, LTTextContainer) or hasattr(item, "__iter__"):
            for child in item:
                yield from lines_of(child)

    pages = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            pieces = []
            for line in lines_of(page):
                chars = [c for c in line if isinstance(c, LTChar)]
                if chars:
                    pieces.append((chars, line))
            pages.append(_baseline_lines(pieces))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ValueError("encrypted PDF; jzrol cannot read its text without the password") from None
    except (PDFSyntaxError, PSException, KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValueError(f"damaged PDF, its text cannot be read ({type(error).__name__})") from None
    return pages


def _baseline_lines(pieces: list) -> list[_PdfLine]:
    """Join the text pieces that share a baseline into one line, left to right."""
    pieces.sort(key=lambda piece: (-piece[1].y1, piece[1].x0))
    rows: list[list] = []
    for chars, line in pieces:
        centre = (line.y0 + line.y1) / 2
        if rows and abs(centre - (rows[-1][0][1].y0 + rows[-1][0][1].y1) / 2) < line.height / 2:
            rows[-1].append((chars, line))
        else:
            rows.append([(chars, line)])
    lines = []
    for row in rows:
        row.sort(key=lambda piece: piece[1].x0)
        chars = [c for piece_chars, _ in row for c in piece_chars]
        size = statistics.median(c.size for c in chars)
        text, previous = "", None
        for char in chars:
            if previous is not None:
                gap = char.x0 - previous.x1
                if gap > 2 * size:
                    text = text.rstrip(" ") + "\t"
                elif gap > 0.6 * size and not text.endswith((" ", "\t")) and char.get_text() != " ":
                    text += " "
            text += char.get_text()
            previous = char
        text = text.strip(" \u3000")
        if text:
            boxes = [line for _, line in row]
            lines.append(_PdfLine(text, min(b.x0 for b in boxes), max(b.x1 for b in boxes),
                                  max(b.y1 for b in boxes), min(b.y0 for b in boxes), size))
    return lines


def _furniture_key(text: str) -> str:
    return _DIGIT_RUN.sub("#", _SPACES.sub("", text))


def _split_page_furniture(pages: list[list[_PdfLine]]) -> tuple[list[list[_PdfLine]], list[tuple[str, str]]]:
    """Body lines of each page, and the chrome (kind, text): page numbers at a page's top or bottom, and
    lines there that repeat (numbers aside) on at least half of the pages (and two)."""
    def edges(page):
        count = len(page)
        return [(i, "page_header" if i < _EDGE_LINES and i < count - _EDGE_LINES else "page_footer")
                for i in range(count) if i < _EDGE_LINES or i >= count - _EDGE_LINES]

    seen = Counter(key for page in pages for key in {_furniture_key(page[i].text) for i, _ in edges(page)})
    repeated = {key for key, n in seen.items() if n >= max(2, len(pages) // 2)}
    body, chrome = [], []
    for page in pages:
        kinds = {}
        for i, kind in edges(page):
            flat = _SPACES.sub("", page[i].text).translate(_FULLWIDTH_DIGITS)
            if _PAGE_NUMBER.match(flat):
                kinds[i] = "page_number"
            elif _furniture_key(page[i].text) in repeated:
                kinds[i] = kind
        chrome += [(kinds[i], page[i].text.replace("\t", " ")) for i in sorted(kinds)]
        body.append([line for i, line in enumerate(page) if i not in kinds])
    return body, chrome


def _join_lines(pages: list[list[_PdfLine]]) -> list[str]:
    """Paragraphs from the body lines: a line continues the one above unless the one above ends short
    of the right margin, it is indented, it starts a heading, the font size changes, a wider gap than
    the usual line spacing lies between them, or either is a table row."""
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    lefts = Counter(round(line.x0) for line in lines if "\t" not in line.text)
    left = min(lefts, key=lambda x: (-lefts[x], x)) if lefts else min(line.x0 for line in lines)
    left = min([left, *(line.x0 for line in lines if abs(line.x0 - left) < 2)])
    rights = sorted(line.x1 for line in lines)
    right = rights[int(0.9 * (len(rights) - 1))]
    pitches = [a.bottom - b.bottom for page in pages for a, b in zip(page, page[1:]) if a.bottom > b.bottom]
    pitch = statistics.median(pitches) if pitches else 0.0
    sizes = Counter(round(line.size, 1) for line in lines)
    body_size = min(sizes, key=lambda size: (-sizes[size], size))
    paragraphs: list[str] = []
    previous, previous_page = None, -1
    for page_index, page in enumerate(pages):
        for line in page:
            if previous is None or _starts_paragraph(previous, line, left=left, right=right, body_size=body_size,
                                                     pitch=pitch if page_index == previous_page else 0.0):
                paragraphs.append(line.text)
            else:
                joiner = " " if _LATIN_END.search(paragraphs[-1]) and _LATIN_START.match(line.text) else ""
                paragraphs[-1] += joiner + line.text
            previous, previous_page = line, page_index
    return paragraphs


def _starts_paragraph(previous: _PdfLine, line: _PdfLine, *, left: float, right: float, body_size: float,
                      pitch: float) -> bool:
    """True when ``line`` starts a new paragraph after ``previous`` (``pitch`` 0 across a page break);
    a centred title in a larger size than the body's continues on centred lines."""
    size = max(line.size, previous.size)
    centred_title = (line.size > body_size + 0.5
                     and all(abs((l.x0 - left) - (right - l.x1)) < 2 * size for l in (previous, line)))
    return (
        previous.x1 < right - 1.5 * size  # the line above ends short: its paragraph ends there
        or (line.x0 > left + 0.8 * line.size and not centred_title)  # an indented first line
        or abs(line.size - previous.size) > 0.5  # a title or heading in another size
        or bool(_HEADING_START.match(line.text))
        or "\t" in line.text or "\t" in previous.text
        or (pitch > 0 and previous.bottom - line.bottom > 1.6 * pitch)
    )


# --- DOCX -----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Level(NamedTuple):
    start: int
    fmt: str
    text: str


class _Numbering:
    """Word's numbering definitions (numbering.xml) and the counters of the lists as they run."""

    def __init__(self, root) -> None:  # noqa: ANN001 - an lxml element or None
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(f"{_W}abstractNum"):
            levels = {}
            for level in abstract.iter(f"{_W}lvl"):
                levels[int(level.get(f"{_W}ilvl", "0"))] = _Level(
                    int(_value(level, "start", "1") or 1), _value(level, "numFmt", "decimal"),
                    _value(level, "lvlText", ""))
            self.abstract[abstract.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            overrides = {int(o.get(f"{_W}ilvl", "0")): int(_value(o, "startOverride", "1") or 1)
                         for o in num.iter(f"{_W}lvlOverride") if o.find(f"{_W}startOverride") is not None}
            self.nums[num.get(f"{_W}numId")] = (_value(num, "abstractNumId", ""), overrides)

    def label(self, num_id: str, level: int) -> str | None:
        """The number Word shows before the next paragraph of list ``num_id`` at ``level`` (counting
        it), or None when the list's definition or format cannot be read."""
        if num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id)
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
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            paragraphs += _table_rows(block)
            continue
        text = block.text.strip(" \u3000\t")
        if not text:
            continue
        found = _num_reference(block)
        if found is not None:
            label = numbering.label(*found)
            if label is None:
                lost += 1
            elif label and not text.startswith(label):
                text = label + (" " if label[-1].isascii() and label[-1] in ".)" else "") + text
        paragraphs.append(text)
    warnings = [f"list numbers lost in {lost} DOCX paragraphs (Word numbering jzrol cannot read)"] if lost else []
    return _assemble(paragraphs, _header_footer_lines(document), "docx", warnings)


def _num_reference(paragraph) -> tuple[str, int] | None:  # noqa: ANN001 - a python-docx Paragraph
    """``(numId, level)`` of a paragraph's automatic numbering, set on it or on its style (or a base style)."""
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
            return (None if num_id == "0" else (num_id, level or 0))
    return None


def _table_rows(table) -> list[str]:  # noqa: ANN001 - a python-docx Table
    """One line per row, the cells a tab apart (a merged cell once)."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()).replace("\t", " "))
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
                        flat = _SPACES.sub("", text).translate(_FULLWIDTH_DIGITS)
                        lines[("page_number" if _PAGE_NUMBER.match(flat) else kind, text)] = None
    return list(lines)
