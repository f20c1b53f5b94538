"""Reports published as PDF or Word (DOCX) files: tell them by their signature, read them, refuse the rest.

:func:`read_document` reads a PDF's text layer (:mod:`jzrol.pdf_text`) or a Word document
(:mod:`jzrol.word_text`) into a :class:`Document`: the body's paragraphs a blank line apart,
followed by the page furniture (running headers and footers, page numbers), one line each, whose
spans :attr:`Document.chrome` gives, so that every offset refers to one string. Word 97-2003 (DOC)
and WPS files, OpenDocument and RTF files, and PDFs without a text layer are refused with a
:class:`ValueError` whose message says what to do.

>>> sniff_format(b"%PDF-1.7\\n...", ".pdf"), sniff_format(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1", ".wps")
('pdf', 'ole')
>>> assemble(["一、总体情况", "全年培训3次。"], [("page_footer", "- 1 -")], "pdf").chrome
(('page_number', 17, 22),)
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Literal

__all__ = ["Document", "assemble", "is_page_number", "read_docx", "read_document", "read_pdf", "sniff_format"]

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONVERT_HINT = "convert it to DOCX or PDF with LibreOffice (soffice --headless --convert-to docx FILE)"

# Page numbers in their usual dresses (tested once spaces are removed).
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—－~～·•]+(?:\d{1,4}|[一二三四五六七八九十百零〇]{1,6})[-–—－~～·•]+"
    r"|第(?:\d{1,4}|[一二三四五六七八九十百零〇]{1,6})页(?:[,，/]?共(?:\d{1,4}|[一二三四五六七八九十百零〇]{1,6})页)?"
    r"|共(?:\d{1,4}|[一二三四五六七八九十百零〇]{1,6})页[,，/]?第(?:\d{1,4}|[一二三四五六七八九十百零〇]{1,6})页"
    r"|共\d{1,4}页|\d{1,4}/\d{1,4}|\d{1,4}|[Pp]age\d{1,4}(?:of\d{1,4})?)$"
)
_SPACES = re.compile(r"[\s\u3000]+")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


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
    if suffix.lower() in {".pdf", ".docx"}:
        expected = "%PDF- signature" if suffix.lower() == ".pdf" else "ZIP signature of a Word document"
        raise ValueError(f"named {suffix} but not a {suffix[1:].upper()} file (no {expected}): damaged, or misnamed")
    return None


def read_pdf(data: bytes) -> Document:
    """A PDF's text layer as a :class:`Document` (see :func:`jzrol.pdf_text.read_pdf`)."""
    from jzrol import pdf_text

    return pdf_text.read_pdf(data)


def read_docx(data: bytes) -> Document:
    """A Word document as a :class:`Document` (see :func:`jzrol.word_text.read_docx`)."""
    from jzrol import word_text

    return word_text.read_docx(data)


def is_page_number(line: str) -> bool:
    """True for a line that is a page number: ``- 3 -``, ``第3页``, ``第3页 共12页``, ``3/12``, ``3``.

    >>> [is_page_number(t) for t in ("- 3 -", "第 3 页 共 12 页", "—  三  —", "3.5", "第三部分")]
    [True, True, True, False, False]
    """
    return bool(_PAGE_NUMBER.match(_SPACES.sub("", line).translate(_FULLWIDTH_DIGITS)))


def assemble(paragraphs: list[str], chrome: list[tuple[str, str]], fmt: str, warnings: list[str] = ()) -> Document:
    """The body ``paragraphs`` a blank line apart, then each ``chrome`` line ``(kind, text)``, with the
    chrome's spans; a line that is a page number has kind ``page_number`` whatever it was given.

    Raises:
        ValueError: there is no body text.
    """
    body = "\n\n".join(paragraphs)
    if not body.strip():
        raise ValueError(f"{fmt.upper()} file without any body text")
    pieces, spans, offset = [body], [], len(body)
    for position, (kind, line) in enumerate(chrome):
        separator = "\n\n" if position == 0 else "\n"
        offset += len(separator)
        pieces += [separator, line]
        spans.append(("page_number" if is_page_number(line) else kind, offset, offset + len(line)))
        offset += len(line)
    return Document("".join(pieces), fmt, tuple(spans), tuple(dict.fromkeys(warnings)))


