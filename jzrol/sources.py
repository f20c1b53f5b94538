"""Read a report file into text: encoding detection, HTML reduction, provenance.

The reader accepts UTF-8 (with or without a byte-order mark), UTF-16 with a
byte-order mark, GB18030 (a superset of GBK and GB2312) and saved HTML pages in
any of those encodings. Anything else is refused with a :class:`SourceError`
whose message names the file and the reason, so that a command line can print
one clear line.

>>> from jzrol.sources import decode_bytes
>>> decode_bytes("锦州".encode("gbk")).encoding
'gb18030'
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from jzrol import documents

__all__ = ["Source", "SourceError", "decode_bytes", "html_to_text", "read_source"]


class SourceError(Exception):
    """A file that cannot be read as a report; ``str(error)`` is one line naming file and reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding that worked."""

    text: str
    encoding: str


@dataclass(frozen=True)
class Source:
    """A decoded report file and where it came from.

    Attributes:
        path: the file as given.
        doc_id: the file stem, used as the document identifier in every table.
        text: the decoded text; for HTML, the page reduced to its text. All offsets refer to it.
        encoding: the codec that decoded the bytes (a PDF's is ``text layer``: its fonts' Unicode maps).
        format: ``"text"``, ``"html"``, ``"pdf"`` or ``"docx"`` (see :mod:`jzrol.documents`).
        sha256: hash of the raw bytes, for provenance.
        warnings: what the reader had to guess or could not read (a PDF page without text …).
        chrome: ``(kind, start, end)`` spans of ``text`` that a PDF or DOCX reader set apart as page
            furniture (running headers and footers, page numbers), after the body.
    """

    path: str
    doc_id: str
    text: str
    encoding: str
    format: Literal["text", "html", "pdf", "docx"]
    sha256: str
    warnings: tuple[str, ...] = ()
    chrome: tuple[tuple[str, int, int], ...] = ()


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20), 0x7f])
_HTML_SNIFF = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_GB_ALIASES = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn"}


def decode_bytes(data: bytes) -> Decoded:
    """Decode report bytes, trying the encodings Chinese government sites use.

    Order: byte-order marks, then strict UTF-8, then an HTML ``<meta charset>``
    declaration, then GB18030 (which also reads GBK and GB2312).

    Raises:
        ValueError: with a reason when the bytes are empty, binary or undecodable.

    >>> decode_bytes(b"\\xef\\xbb\\xbf\\xe6\\xb3\\x95").text
    '法'
    """
    if not data.strip():
        raise ValueError("empty file (no text to parse)")
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:].decode("utf-8", errors="strict"), "utf-8-sig", data[3:])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as error:
            raise ValueError(f"has a UTF-16 byte-order mark but is not valid UTF-16 ({error.reason})") from None
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes), not a text or HTML report")
    candidates = ["utf-8"]
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        candidates.append("gb18030" if name in _GB_ALIASES else name)
    candidates.append("gb18030")
    for encoding in dict.fromkeys(candidates):
        try:
            return _checked(data.decode(encoding, errors="strict"), encoding,
                            data if encoding in {"utf-8", "gb18030"} else None)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ValueError("cannot be decoded as UTF-8 or GB18030/GBK; convert it to UTF-8 first")


def _checked(text: str, encoding: str, data: bytes | None = None) -> Decoded:
    """``text`` if it is not empty or binary; ``data`` (its bytes, in an encoding where bytes below 0x80
    are ASCII characters, as UTF-8 and GB18030) lets the control characters be counted in the bytes."""
    if not text.strip().strip("\ufeff\u200b"):
        raise ValueError("empty file (no text to parse)")
    if data is None:
        controls = len(_CONTROL_CHARS.findall(text))
    else:
        controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > max(3, len(text) // 200):
        raise ValueError(f"binary file ({controls} control characters after decoding as {encoding})")
    return Decoded(text=text, encoding=encoding)


_SKIPPED_TAGS = {"script", "style", "noscript", "template", "head", "svg"}
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tbody", "title", "tr", "ul",
}
_CELL_TAGS = {"td", "th"}  # the cells of a table row stay on the row's line, a tab apart


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001 - HTMLParser signature
        if tag in _SKIPPED_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.pieces.append("\n\n")
        elif tag in _CELL_TAGS:
            self.pieces.append("\t")

    def handle_startendtag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag in _BLOCK_TAGS:
            self.pieces.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.pieces.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        # Source line breaks inside a text node are layout, not content.
        data = re.sub(r"[ \t\r\f\v]*\n\s*", "", data)
        self.pieces.append(re.sub(r"[ \t\r\f\v]+", " ", data))


def html_to_text(markup: str) -> str:
    """Reduce an HTML page to its text: blocks become paragraphs, the cells of a table row one line
    with a tab between cells, and scripts and styles vanish.

    >>> html_to_text("<html><body><p>一、总体情况</p><script>x=1</script><p>正文&nbsp;。</p></body></html>")
    '一、总体情况\\n\\n正文\\xa0。'
    >>> html_to_text("<table><tr><td>维持</td><td>86件</td></tr><tr><td>撤销</td><td>34件</td></tr></table>")
    '维持\\t86件\\n\\n撤销\\t34件'
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.pieces)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return html.unescape(text).strip()


def looks_like_html(text: str) -> bool:
    """True when the text is a saved web page rather than plain text."""
    return bool(_HTML_SNIFF.search(text[:2000]))


def read_source(path: str | Path) -> Source:
    """Read and decode one report file.

    Raises:
        SourceError: the file is missing, a directory, empty, binary or undecodable, or a document
            jzrol does not read (DOC, WPS, a PDF without a text layer).

    >>> from jzrol import paths
    >>> read_source(paths.SEED_REPORT).encoding
    'utf-8'
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(path, "no such file") from None
    except IsADirectoryError:
        raise SourceError(path, "is a directory, not a report file") from None
    except OSError as error:
        raise SourceError(path, f"cannot be read ({error.strerror})") from None
    try:
        document = documents.read_document(data, suffix=path.suffix)  # None for text and HTML
    except ValueError as error:
        raise SourceError(path, str(error)) from None
    if document is not None:
        return Source(path=str(path), doc_id=path.stem, text=document.text,
                      encoding="utf-8" if document.format == "docx" else "text layer",
                      format=document.format, sha256=hashlib.sha256(data).hexdigest(),
                      warnings=document.warnings, chrome=document.chrome)
    try:
        decoded = decode_bytes(data)
    except ValueError as error:
        raise SourceError(path, str(error)) from None
    text, fmt = decoded.text, "text"
    if looks_like_html(text):
        text, fmt = html_to_text(text), "html"
        if not text.strip():
            raise SourceError(path, "HTML page without any text")
    return Source(
        path=str(path),
        doc_id=path.stem,
        text=text,
        encoding=decoded.encoding,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
    )
