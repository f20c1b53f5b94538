"""A PDF's text layer, read with pdfminer.six, as the paragraphs of a report and its page furniture.

The text comes in lines broken by the page, not by the sentence. Lines on one baseline are joined
(a tab between pieces far apart, as the cells of a table row). A line at the top or bottom of a page
that is a page number (``- 3 -``, ``第3页``, ``共12页``), or that repeats on at least half of the pages
(numbers aside), is a running header or footer, and so is a line in the same place on many pages (a
watermark): all are chrome. The other lines are joined into paragraphs: a line continues the one
above unless that one ends short of the right margin, it is indented, it starts a heading (一、,
（一）, 第一部分), the font size or the typeface of its Chinese characters changes (headings are
often set in 黑体 or 楷体, the text in 仿宋), a wider gap than the usual line spacing lies between
them, or either is a table row. So headings keep lines of their own, and a paragraph runs across a
page break.

>>> _starts_paragraph(_PdfLine("一、总体情况", 96, 168, 700, 688, 12), _PdfLine("今年以来，", 96, 156, 680, 668, 12),
...                   left=72, right=523, body_size=12, pitch=20)
True
>>> _starts_paragraph(_PdfLine("工作安排", 72, 144, 700, 688, 12, "SimHei", "SimHei"),
...                   _PdfLine("今年将继续加强", 72, 156, 680, 668, 12, "FangSong", "FangSong"),
...                   left=72, right=144, body_size=12, pitch=20)
True
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import struct
import zlib
from collections import Counter
from typing import NamedTuple

from jzrol.documents import Document, assemble, is_page_number

__all__ = ["read_pdf"]

# pdfminer logs what it mends in a damaged file; without a handler of the application's own, Python
# would print those records on stderr, beside the one line that reports a file.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

_DIGIT_RUN = re.compile(r"[0-9０-９]+")
_SPACES = re.compile(r"[\s\u3000]+")
# A line that starts a heading starts a paragraph, wherever the line above it ends.
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[部章])")
_UNBROKEN_START = re.compile(r"^[0-9A-Za-z.,:%/+\-]{2,}")  # a number or Latin word a line does not break
_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")
_CID = re.compile(r"\(cid:\d+\)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")  # ABCDEF+FangSong: one font embedded in several subsets
_EDGE_LINES = 2  # how many lines at the top and the bottom of a page may be page furniture


class _PdfLine(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    first_font: str = ""  # the font of its first Chinese character ("" where it has none)
    last_font: str = ""  # the font of its last Chinese character


def read_pdf(data: bytes) -> Document:
    """Read a PDF's text layer with pdfminer.six: paragraphs joined, page furniture set apart.

    Raises:
        ValueError: a damaged or encrypted PDF, or one without a text layer (a scan).
    """
    pages = _pdf_pages(data)
    body, chrome = _split_page_furniture(pages)
    # A scan has no text, or none beyond the page numbers or stamps a portal laid over its images.
    if sum(len(_SPACES.sub("", line.text)) for page in body for line in page) < 10 * max(1, len(pages)):
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
    return assemble(_join_lines(body), chrome, "pdf", warnings)


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
        # all_texts: the text inside form XObjects (a page drawn as one figure) is laid out too.
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(all_texts=True)):
            pieces = []
            for line in lines_of(page):
                chars = [c for c in line if isinstance(c, LTChar)]
                if chars:
                    pieces.append((chars, line))
            pages.append(_baseline_lines(pieces))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ValueError("encrypted PDF; jzrol cannot read its text without the password") from None
    except (PDFSyntaxError, PSException, KeyError, TypeError, ValueError, AttributeError, IndexError,
            struct.error, zlib.error) as error:
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
        inked = [c for c in chars if c.get_text().strip()]  # an indent drawn as spaces (U+3000) is an indent
        if text and inked:
            boxes = [line for _, line in row]
            fonts = [_SUBSET_TAG.sub("", c.fontname) for c in inked if _CJK.match(c.get_text())] or [""]
            lines.append(_PdfLine(text, inked[0].x0, max(c.x1 for c in inked),
                                  max(b.y1 for b in boxes), min(b.y0 for b in boxes), size, fonts[0], fonts[-1]))
    return lines


def _furniture_key(text: str) -> str:
    return _DIGIT_RUN.sub("#", _SPACES.sub("", text))


def _placed_key(line: _PdfLine) -> tuple[str, int, int]:
    return _furniture_key(line.text), round(line.x0 / 2), round(line.top / 2)


def _split_page_furniture(pages: list[list[_PdfLine]]) -> tuple[list[list[_PdfLine]], list[tuple[str, str]]]:
    """Body lines of each page, and the chrome (kind, text): page numbers at a page's top or bottom, and
    lines there that repeat (numbers aside) on at least half of the pages (and two)."""
    def edges(page):
        count = len(page)
        return [(i, "page_header" if i < _EDGE_LINES and i < count - _EDGE_LINES else "page_footer")
                for i in range(count) if i < _EDGE_LINES or i >= count - _EDGE_LINES]

    enough = max(2, len(pages) // 2)
    seen = Counter(key for page in pages for key in {_furniture_key(page[i].text) for i, _ in edges(page)})
    repeated = {key for key, n in seen.items() if n >= enough}
    # A line anywhere on the page, in the same place on many pages, is furniture too (a watermark).
    placed = Counter(key for page in pages for key in {_placed_key(line) for line in page})
    fixed = {key for key, n in placed.items() if n >= enough}
    body, chrome = [], []
    for page in pages:
        kinds = {}
        for i, kind in edges(page):
            if is_page_number(page[i].text):
                kinds[i] = "page_number"
            elif _furniture_key(page[i].text) in repeated:
                kinds[i] = kind
        for i, line in enumerate(page):
            if i not in kinds and _placed_key(line) in fixed:
                kinds[i] = "page_header" if i < len(page) / 2 else "page_footer"
        chrome += [(kinds[i], page[i].text.replace("\t", " ")) for i in sorted(kinds)]
        body.append([line for i, line in enumerate(page) if i not in kinds])
    return body, chrome


def _join_lines(pages: list[list[_PdfLine]]) -> list[str]:
    """Paragraphs from the body lines: a line continues the one above unless the one above ends short
    of the right margin, it is indented, it starts a heading, the font size or typeface changes, a
    wider gap than the usual line spacing lies between them, or either is a table row."""
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    # The text column: its left edge is where at least two lines start (a centred or stray line is no
    # margin), its right edge where the longest line ends (a table row aside).
    prose = [line for line in lines if "\t" not in line.text] or lines
    lefts = Counter(round(line.x0) for line in prose)
    left = min((x for x, n in lefts.items() if n >= 2), default=min(lefts))
    left = min(line.x0 for line in prose if abs(line.x0 - left) < 1)
    right = max(line.x1 for line in prose)
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
    a centred title in a larger size than the body's continues on centred lines.

    The line above ends short when the room left at its end would have taken the first word of
    ``line`` (a number or Latin word is not broken, so a line before one may end early) and more than
    a character and a half (punctuation may not start a line, so the character before it moves down too).
    """
    size = max(line.size, previous.size)
    centred_title = (line.size > body_size + 0.5
                     and all(abs((ln.x0 - left) - (right - ln.x1)) < 2 * size for ln in (previous, line)))
    unbroken = _UNBROKEN_START.match(line.text)
    first_word = 0.6 * size * len(unbroken.group()) if unbroken else size
    return (
        right - previous.x1 > max(1.5 * size, first_word + 0.5 * size)  # its paragraph ends there
        or (line.x0 > left + 0.8 * line.size and not centred_title)  # an indented first line
        or abs(line.size - previous.size) > 0.5  # a title or heading in another size
        # or in another typeface (黑体, 楷体): the text breaks off in one face and goes on in another
        or (line.first_font != previous.last_font and bool(line.first_font and previous.last_font))
        or bool(_HEADING_START.match(line.text))
        or "\t" in line.text or "\t" in previous.text
        or (pitch > 0 and previous.bottom - line.bottom > 1.6 * pitch)
    )
