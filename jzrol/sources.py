"""Read a report file into text: encoding detection, HTML reduction, provenance.

The reader accepts UTF-8 (with or without a byte-order mark), UTF-16 (with or
without one), GB18030 (a superset of GBK and GB2312) and saved HTML pages in any
of those encodings. Bytes that are not UTF-8 are read as GB18030 when that gives
Chinese text; otherwise charset-normalizer gives a second opinion, and a file it
identifies with confidence (Big5, Shift-JIS, EUC-KR …) is decoded in that
encoding. Anything else is refused with a :class:`SourceError` whose message
names the file and the reason, so that a command line can print one clear line.
A page's ``<head>`` meta tags, ``<title>`` and ``<h1>`` are kept as
:attr:`Source.page` for the metadata.

>>> from jzrol.sources import decode_bytes
>>> decode_bytes("锦州".encode("gbk")).encoding
'gb18030'
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from jzrol import documents, paths

__all__ = ["Page", "Source", "SourceError", "decode_bytes", "html_to_text", "read_page", "read_source"]


class SourceError(Exception):
    """A file that cannot be read as a report; ``str(error)`` is one line naming file and reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding that worked and what is worth a warning."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


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
        warnings: what the reader had to guess or could not read (a page whose declared charset its
            bytes belie, a PDF page without text …).
        page: what an HTML page says of itself outside its text: its meta tags (``title``,
            ``published``, ``site_name``, ``site_code``, ``column``, ``source``; the names are in
            ``jzrol/lexicon/html_meta.csv``), ``page_title`` (``<title>``) and ``h1``.
        links: the page's blocks that are nothing but links (a sidebar, a list of related
            articles), as text: never a title.
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
    page: dict = field(default_factory=dict, hash=False)
    links: frozenset[str] = frozenset()
    chrome: tuple[tuple[str, int, int], ...] = ()


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20), 0x7f])
_HTML_SNIFF = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_BLOCK_MARKUP = re.compile(r"<(?:p|div|br|tr|td|li|h[1-6]|table)[\s/>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_GB_ALIASES = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn"}


_LATIN_ALIASES = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii", "ascii"}
# What charset-normalizer may identify besides UTF-8 and GB18030 (its codec names), with a label for messages.
_OTHER_ENCODINGS = {
    "big5": "Big5", "cp950": "Big5", "big5hkscs": "Big5-HKSCS", "shift_jis": "Shift-JIS", "cp932": "Shift-JIS",
    "euc_jp": "EUC-JP", "euc_kr": "EUC-KR", "cp949": "EUC-KR", "utf_16_le": "UTF-16LE", "utf_16_be": "UTF-16BE",
}
_MAX_CHAOS = 0.1  # charset-normalizer's mess ratio at or below which an identification is confident
_CHINESE_SHARE = 0.9  # share of common characters at or above which a reading is Chinese text
_MIN_JUDGED = 20  # fewer characters beyond ASCII than this are too few to judge a reading by


def decode_bytes(data: bytes) -> Decoded:
    """Decode report bytes, trying the encodings Chinese government sites use.

    Order: byte-order marks, then strict UTF-8, then an HTML ``<meta charset>``
    declaration (a Latin one only when the bytes are not GB18030 Chinese text),
    then GB18030 (which also reads GBK and GB2312) when it gives Chinese text,
    then what charset-normalizer identifies with confidence.

    Raises:
        ValueError: with a reason when the bytes are empty, binary or undecodable.

    >>> decode_bytes(b"\\xef\\xbb\\xbf\\xe6\\xb3\\x95").text
    '法'
    >>> decode_bytes("各位代表：现在，我代表国务院向大会报告政府工作，请予审议。".encode("big5", "ignore")).encoding
    'big5'
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
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise ValueError("binary file (contains NUL bytes), not a text or HTML report")
        return utf16
    try:
        return _checked(data.decode("utf-8", errors="strict"), "utf-8", data)
    except UnicodeDecodeError:
        pass
    gb = _strict(data, "gb18030")
    declared = _META_CHARSET.search(data[:4096])
    name = declared.group(1).decode("ascii").lower() if declared else ""
    if name in _LATIN_ALIASES:
        if gb is not None and _is_chinese(gb):
            return _checked(gb, "gb18030", data, (
                f"the page declares charset {name}, but its bytes are GB18030 Chinese text; read as GB18030",))
        latin = _strict(data, name)  # a page that is what it declares
        if latin is not None:
            return _checked(latin, name)
    elif name and name not in _GB_ALIASES:
        other = _strict(data, name)
        if other is not None:
            return _checked(other, name)
    if gb is not None and (name in _GB_ALIASES or _is_chinese(gb) or not _judgeable(gb)):
        return _checked(gb, "gb18030", data)
    guess = _detect(data)
    if guess is not None:
        encoding, text = guess
        return _checked(text, encoding)
    likely = _likely_encoding(data)
    guessed = f" (it looks like {likely})" if likely else ", and its encoding cannot be identified"
    if gb is not None:
        raise ValueError(f"cannot be decoded as UTF-8, and read as GB18030 it gives no Chinese text{guessed}; "
                         "convert it to UTF-8 first")
    raise ValueError(f"cannot be decoded as UTF-8 or GB18030/GBK{guessed}; convert it to UTF-8 first")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding, errors="strict")
    except (UnicodeDecodeError, LookupError):
        return None


@lru_cache(maxsize=1)
def _common_characters() -> re.Pattern:
    """One pattern that finds the common characters of ``jzrol/lexicon/common_chars.txt``."""
    with open(paths.COMMON_CHARS, encoding="utf-8") as handle:
        characters = "".join(line.strip() for line in handle if not line.startswith("#"))
    return re.compile("[" + re.escape(characters) + "]")


# Runs of ASCII, punctuation and symbols (general and CJK punctuation, full-width forms, number forms,
# arrows, shapes, circled numbers ①): what is left tells one reading of the bytes from another.
_IGNORED = re.compile(
    r"[\x00-\x7f\s\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2100-\u27bf\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef]+")
_SAMPLE = 2000  # characters beyond ASCII a reading is judged by
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HEAD = 8000  # where to look for them first


@lru_cache(maxsize=4)
def _judgement(text: str) -> tuple[float, int]:
    """How Chinese a reading is: the share of its first characters beyond ASCII and punctuation (a page's
    markup and scripts skipped) that are common Chinese characters (traditional ones by their simplified
    form), and how many characters that share is taken over.

    >>> _judgement("关于法治政府建设情况的报告"), _judgement("이 보고서는")
    ((1.0, 13), (0.0, 5))
    """
    sample = _IGNORED.sub("", text[:_HEAD])
    if len(sample) < _SAMPLE and len(text) > _HEAD:
        sample = _IGNORED.sub("", text)
    sample = sample[:_SAMPLE]
    if not sample:
        return 0.0, 0
    common = len(_common_characters().findall(_t2s()(sample)))
    return min(1.0, common / len(sample)), len(sample)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s").convert


def _is_chinese(text: str) -> bool:
    return _judgement(text)[0] >= _CHINESE_SHARE


def _judgeable(text: str) -> bool:
    """True when a reading has enough characters beyond ASCII to be judged."""
    return _judgement(text)[1] >= _MIN_JUDGED


def _detect(data: bytes) -> tuple[str, str] | None:
    """The encoding charset-normalizer identifies with confidence among :data:`_OTHER_ENCODINGS` (asked among
    those alone: a page that is mostly ASCII markup reads as well in any Latin code page), and the text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=list(_OTHER_ENCODINGS)).best()
    if best is None or best.encoding not in _OTHER_ENCODINGS or best.chaos > _MAX_CHAOS:
        return None
    text = _strict(data, best.encoding)
    return (best.encoding.replace("_", "-"), text) if text is not None else None


def _likely_encoding(data: bytes) -> str | None:
    """What charset-normalizer takes the bytes for, however unsure (None when nothing), for an error message."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return _OTHER_ENCODINGS.get(best.encoding, best.encoding) if best is not None else None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a byte-order mark (its ASCII characters give NUL bytes), else None: the byte
    order whose NUL bytes are the high bytes of characters is tried first."""
    if len(data) % 2:
        return None
    orders = ["utf-16-le", "utf-16-be"]
    if data[0::2].count(0) > data[1::2].count(0):
        orders.reverse()
    for encoding in orders:
        text = _strict(data, encoding)
        if text is not None and (_is_chinese(text) or text.isascii()):
            try:
                return _checked(text, encoding)
            except ValueError:
                return None
    return None


def _checked(text: str, encoding: str, data: bytes | None = None, warnings: tuple[str, ...] = ()) -> Decoded:
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
    return Decoded(text=text, encoding=encoding, warnings=warnings)


_SKIPPED_TAGS = {"script", "style", "noscript", "template", "head", "svg"}
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tbody", "title", "tr", "ul",
}
_CELL_TAGS = {"td", "th"}  # the cells of a table row stay on the row's line, a tab apart


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=2)
def _meta_fields(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8") as handle:
        return {row["name"].lower(): row["field"] for row in csv.DictReader(handle)}


@dataclass(frozen=True)
class Page:
    """An HTML page reduced to its text, with what its head says and its blocks of links."""

    text: str
    meta: dict
    links: frozenset[str]


class _TextExtractor(HTMLParser):
    def __init__(self, meta_fields: dict[str, str]) -> None:
        super().__init__(convert_charrefs=True)  # character references are resolved here, once
        self.pieces: list[str] = []
        self.skip_depth = 0
        self.meta_fields = meta_fields
        self.meta: dict[str, str] = {}
        self.capture: str | None = None  # "title" or "h1" while inside one
        self.captured: dict[str, list[str]] = {"title": [], "h1": []}
        self.link_depth = 0
        self.block_link_text: list[str] = []  # the current block's text inside and outside links
        self.block_other_text: list[str] = []
        self.links: set[str] = set()

    def _block(self) -> None:
        """A block boundary: the block just closed is a link block when all its Chinese text is link text."""
        linked, other = "".join(self.block_link_text), "".join(self.block_other_text)
        if _HAN.search(linked) and not _HAN.search(other):
            self.links.add(_SPACES.sub(" ", linked + other).strip())
        self.block_link_text, self.block_other_text = [], []
        self.pieces.append("\n\n")

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001 - HTMLParser signature
        if tag == "meta":
            values = dict(attrs)
            key = self.meta_fields.get((values.get("name") or "").lower())
            if key and values.get("content") and key not in self.meta:
                self.meta[key] = _SPACES.sub(" ", values["content"]).strip()
        if tag in {"title", "h1"} and not self.captured[tag]:
            self.capture = tag
        if tag == "a":
            self.link_depth += 1
        if tag in _SKIPPED_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self._block()
        elif tag in _CELL_TAGS:
            self.pieces.append("\t")

    def handle_startendtag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag == "meta":
            self.handle_starttag(tag, attrs)
        elif tag in _BLOCK_TAGS:
            self._block()

    def handle_endtag(self, tag: str) -> None:
        if tag == self.capture:
            self.capture = None
        if tag == "a":
            self.link_depth = max(0, self.link_depth - 1)
        if tag in _SKIPPED_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self._block()
            self.link_depth = 0  # a link left open ends with its block, not at the end of the page

    def handle_data(self, data: str) -> None:
        if self.capture:
            self.captured[self.capture].append(data)
        if self.skip_depth:
            return
        # Source line breaks inside a text node are layout, not content.
        data = re.sub(r"[ \t\r\f\v]*\n\s*", "", data)
        (self.block_link_text if self.link_depth else self.block_other_text).append(data)
        self.pieces.append(re.sub(r"[ \t\r\f\v]+", " ", data))


def read_page(markup: str, *, meta_names: str | Path = paths.HTML_META) -> Page:
    """Reduce an HTML page to its text and read what its head says of it.

    ``meta`` holds the meta tags named in ``meta_names`` (``ArticleTitle`` as ``title``, ``PubDate``
    as ``published`` …), ``page_title`` (the ``<title>``) and ``h1`` (the first ``<h1>``), and
    ``h1_is_link`` when that heading is a link (a site logo); ``links`` the text of every block
    whose Chinese text is all link text.

    >>> page = read_page('<head><meta name="ArticleTitle" content="某市2023年法治政府建设情况报告">'
    ...                  '<title>某市2023年法治政府建设情况报告_某市司法局</title></head>'
    ...                  '<body><ul><li><a href="1.html">关于2022年的报告</a></li></ul><p>正文。</p></body>')
    >>> page.meta["title"], page.meta["page_title"], sorted(page.links), page.text
    ('某市2023年法治政府建设情况报告', '某市2023年法治政府建设情况报告_某市司法局', ['关于2022年的报告'], '关于2022年的报告\\n\\n正文。')
    """
    parser = _TextExtractor(_meta_fields(str(meta_names)))
    parser.feed(markup)
    parser.close()
    parser._block()
    text = "".join(parser.pieces)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    meta = dict(parser.meta)
    for tag, key in (("title", "page_title"), ("h1", "h1")):
        value = _SPACES.sub(" ", "".join(parser.captured[tag])).strip()
        if value:
            meta[key] = value
    return Page(text=text.strip(), meta=meta, links=frozenset(parser.links))


def html_to_text(markup: str) -> str:
    """Reduce an HTML page to its text: blocks become paragraphs, the cells of a table row one line
    with a tab between cells, and scripts and styles vanish. Character references are resolved once.

    >>> html_to_text("<html><body><p>一、总体情况</p><script>x=1</script><p>正文&nbsp;。</p></body></html>")
    '一、总体情况\\n\\n正文\\xa0。'
    >>> html_to_text("<table><tr><td>维持</td><td>86件</td></tr><tr><td>撤销</td><td>34件</td></tr></table>")
    '维持\\t86件\\n\\n撤销\\t34件'
    >>> html_to_text("<p>a &amp;lt; b</p>")
    'a &lt; b'
    """
    return read_page(markup).text


def looks_like_html(text: str) -> bool:
    """True when the text is a saved web page rather than plain text: markup near its start, or page
    markup further down that tags many blocks (a page saved after a long preamble of plain text).

    >>> looks_like_html("说明" * 1500 + "<html><body><p>一、概况</p><p>正文。</p><br><div>…</div></body></html>")
    True
    """
    if _HTML_SNIFF.search(text[:2000]):
        return True
    return bool(_HTML_SNIFF.search(text)) and len(_BLOCK_MARKUP.findall(text)) >= 3


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
    text, fmt, page, links = decoded.text, "text", {}, frozenset()
    if looks_like_html(text):
        reduced = read_page(text)
        text, fmt, page, links = reduced.text, "html", reduced.meta, reduced.links
        if not text.strip():
            raise SourceError(path, "HTML page without any text")
    return Source(
        path=str(path),
        doc_id=path.stem,
        text=text,
        encoding=decoded.encoding,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=decoded.warnings,
        page=page,
        links=links,
    )
