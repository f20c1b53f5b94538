"""Parse a report's text into metadata and a lossless table of units.

A scraped report has three layers: page chrome (site name, breadcrumbs,
publication line, footer with sponsor, ICP and site code), a title block, and
the body. The body of this genre is numbered: parts (一、), sections (（一）),
enumerated items (一是/二是, 第一，) and sentences. :func:`parse_report` finds
all of them and returns a :class:`Report` whose ``units`` table covers the body
character for character: ``text[start:end]`` is always the source span.

>>> report = parse_report("一、总体情况\\n\\n今年共办结12件。一是加强领导；二是完善制度。")
>>> report.units[["kind", "part", "item", "text"]].values.tolist()[1:]
[['text', 1, 0, '今年共办结12件。'], ['text', 1, 1, '一是加强领导；'], ['text', 1, 2, '二是完善制度。']]
"""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from jzrol import paths
from jzrol.sources import Source, read_source

__all__ = [
    "Report", "ReportMeta", "UNIT_COLUMNS", "chinese_numeral", "normalize_text", "outline", "parse_report",
    "is_traditional", "part_roles", "read_report", "to_simplified",
]

UNIT_COLUMNS = [
    "doc_id", "unit_id", "kind", "part", "part_title", "section", "section_title", "item",
    "start", "end", "text", "paragraph", "sentence", "norm",
]

# --- characters and patterns -------------------------------------------------------------

_SPACE = " \t\r\f\v\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff"
_WHITESPACE = _SPACE + "\n"
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH_ALNUM.update({0xFF05: ord("%"), 0xFF0E: ord(".")})  # ％ ．

_FULLWIDTH_PRESENT = re.compile("[\uff05\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_INNER_BREAK = re.compile(r"[ \t\r\f\v\u00a0]*\n[\s\u3000]*")
_SPACE_RUN = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_NEEDS_NORMALIZING = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\uff05\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\n \t\r\f\v\u00a0\u3000]")

_NUM = "一二三四五六七八九十"
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_PART = re.compile(rf"^(?P<num>[{_NUM}]{{1,3}})\s*[、．.]|^第(?P<num2>[{_NUM}]{{1,3}})部分[\s:：、，,]*")
_BARE_NUMERAL = re.compile(rf"^[{_NUM}]{{1,3}}$")
_SECTION = re.compile(rf"^[（(]\s*(?P<num>[{_NUM}]{{1,3}})\s*[）)]\s*")
# Sentence-end and item patterns test their first character before any alternative, so that the
# regex engine gives up at once where no match can start.
_ITEM = re.compile(rf"(?=[{_SPACE}{_NUM}])(?:^|(?<=[。；;！？!?：:]))[{_SPACE}]*(?P<num>[{_NUM}]{{1,3}})是(?![否非])")
_ITEM_ORDINAL = re.compile(rf"^第(?P<num>[{_NUM}]{{1,3}})[，,、](?!\d)")
# Items numbered 1. 1、 or （1） (1) at a paragraph's start; ``dot`` or ``paren`` says which.
_ITEM_NUMBERED = re.compile(r"^(?:(?P<dot>[0-9０-９]{1,2})\s*[.．、](?![0-9０-９])|[（(]\s*(?P<paren>[0-9０-９]{1,2})\s*[）)])")
_SENTENCE_END = re.compile(r"[。！？!?…](?:(?<!…)[。！？!?]*[”’」』》）)]*|(?<=…)…[”’」』）)]*)")  # 。！？ runs or ……
_SENTENCE_BREAK = re.compile(_SENTENCE_END.pattern + rf"[{_WHITESPACE}]*")  # a sentence end and the space after it
_TERMINAL = tuple("。！？!?；;：:，,、")
_OPENING = tuple("《“‘（(「『—")
_CLOSING = tuple("》”’）)」』，,、。；;：:")
_SALUTATION = re.compile(r"^(各位代表|同志们)[：:！!，,]")
_CLOSING_NOTE = re.compile(r"^[（(]此件[^）)]{0,12}[）)]$")  # （此件公开发布） below a signature
# A line that starts with any of these markers starts a new paragraph (one test for them all).
_BLOCK_START = re.compile("|".join(
    "(?:" + re.sub(r"\(\?P<\w+>", "(?:", marker.pattern) + ")"
    for marker in (_PART, _SECTION, _ITEM, _ITEM_ORDINAL, _ITEM_NUMBERED, _SALUTATION, _CLOSING_NOTE)
))
_BLOCK_END = ("。", "！", "？", "!", "?", "：", ":", "；", "”", "」", "…")

_TITLE = re.compile(r"(报告|工作报告|情况|总结|意见|规划|纲要|公报|讲话|白皮书)$|^关于.+的|.+关于.+的(报告|情况)")
_BREADCRUMB = re.compile(r"当前位置|您的位置|您现在的位置|所在位置|首页\s*[>＞»]|[>＞»]\s*正文")
# The labels of the information table above a document on government disclosure pages (索引号, 发文机关 …),
# often spaced out to align (索 引 号, 标　　题); they need their colon.
_INFO_TABLE_LABELS = ("索引号", "主题分类", "主题词", "信息分类", "体裁分类", "组配分类", "服务对象", "发文机关",
                      "发布机构", "发文单位", "所属机构", "标题", "名称", "文号", "发文字号", "文件编号", "生效日期",
                      "废止日期", "有效性", "公开方式", "公开范围", "公开时限")
_PUBMETA = re.compile(
    r"^(发布时间|发布日期|发文日期|成文日期|日期|时间|来源|信息来源|文章来源|作者|编辑|责任编辑|浏览次数|点击数|访问量|阅读次数|字号|【字体|打印|分享)\s*[:：]?"
    r"|^(" + "|".join(r"[\s\u3000]*".join(label) for label in _INFO_TABLE_LABELS) + r")[\s\u3000]*[:：]"
)
_PUBLISHED_LABEL = re.compile(r"发布(?:日期|时间)[\s\u3000]*[:：]?[\s\u3000]*")
_ISSUING_BODY = re.compile(r"(发文机关|发布机构|发文单位)[\s\u3000]*[:：][\s\u3000]*(?P<name>[^\s\u3000]+)")
# A document number on a line of its own (某政发〔2022〕25号).
_DOC_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号$")
_FOOTER = re.compile(
    r"^(上一篇|下一篇|上一条|下一条|相关阅读|相关链接|相关文章|相关文件|打印本页|关闭窗口|【打印|【关闭|扫一扫|"
    r"[（(]?责任编辑|分享到|【?我要纠错|"
    r"主办单位|主办[:：]|承办单位|版权所有|Copyright|©|网站标识码|.{0,12}ICP备|.{0,12}公网安备|"
    r"本作品是中华人民共和国的|本作品在全世界都属于公有领域|Public domain$)"
)
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})")
# The date that closes a signature: 2022年3月25日 or 二〇二二年三月二十五日, alone or after the signer
# (after a space, or right after the signer's name: 某县人民政府2022年3月25日).
_SIGNED_DATE = re.compile(r"(?:^|[\s\u3000]|(?<=[府委局厅室组会]))(?P<y>(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*"
                          r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$")
_SIGNER = re.compile(r"(人民政府|政府|委员会|党委|[省市县区州]委|局|厅|办公室|办公厅|领导小组|委员会办公室)$")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})\s*年")
_SITE_CODE = re.compile(r"网站标识码\s*[:：]?\s*(?P<code>[0-9A-Za-z]{6,})")
_SPONSOR = re.compile(r"主办单位\s*[:：]\s*(?P<name>[^\s　]+)")
_ICP = re.compile(r"(?P<abbr>[\u4e00-\u9fff])ICP备\s*(?P<number>\d+)")
_POLICE = re.compile(r"(?P<abbr>[\u4e00-\u9fff])公网安备\s*(?P<number>\d{6,})")
_ADDRESS = re.compile(r"地址\s*[:：]\s*(?P<address>[^\s　]+)")
_PHONE = re.compile(r"电话\s*[:：]\s*(?P<phone>[0-9\-—－ ]{7,})")
_BYLINE_PREMIER = re.compile(r"国务院总理")
_ISSUER_SPLIT = re.compile(r"[\s、，,]+|(?<=[委府院])和(?=[\u4e00-\u9fff])")
_PLACE_PREFIX = re.compile(r"^(中共|中国共产党)")
_PLACE_SUFFIX = re.compile(r"(人民政府|政府|委员会|党委|省委|市委|县委|区委|州委|办公室|办公厅)$")
_ADMIN_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|省|市|县|区|州|盟|旗)$")


# --- small pure helpers ------------------------------------------------------------------

def chinese_numeral(text: str) -> int:
    """Value of a small Chinese numeral as used in headings (一 to 九十九).

    Raises:
        ValueError: the characters are not such a numeral (一一, 十十).

    >>> chinese_numeral("十一"), chinese_numeral("二十"), chinese_numeral("九")
    (11, 20, 9)
    """
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    tens, ten, ones = text.partition("十")
    if not ten and len(text) == 1:
        return digits[text]
    if not ten or len(tens) > 1 or len(ones) > 1 or not set(tens + ones) <= set(digits):
        raise ValueError(f"not a heading numeral: {text!r}")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def _year_value(text: str) -> int:
    """A year written in digits or in Chinese numerals, digit by digit.

    >>> _year_value("2021"), _year_value("二〇二一"), _year_value("一九五四")
    (2021, 2021, 1954)
    """
    if text.isdigit():
        return int(text)
    return int("".join(str("〇一二三四五六七八九".index(c)) for c in text.replace("○", "〇").replace("零", "〇")))


def _names(text: str) -> list[str]:
    """The names in an issuer or signer line (中共某县委 某县人民政府, 国务院和中央军委 …).

    >>> _names("中共某县委　某县人民政府")
    ['中共某县委', '某县人民政府']
    """
    return [name for name in _ISSUER_SPLIT.split(text) if name]


def _ordinal(text: str) -> int:
    """A heading or item number, or 0 when the characters are not a well-formed numeral (一一)."""
    try:
        return chinese_numeral(text)
    except (ValueError, KeyError):
        return 0


def normalize_text(text: str) -> str:
    """The analysis form of a span: no zero-width or layout whitespace, half-width digits and letters.

    (The parser also converts traditional characters to simplified in the ``norm`` column; see
    :func:`to_simplified`.)

    Line breaks inside a sentence (as scraped pages leave around links) are
    removed, runs of spaces collapse, and full-width digits and Latin letters
    become half-width. Chinese punctuation is kept as written.

    >>> normalize_text("共\\u200b１２\\n件，\\u3000\\u3000ＡＰＰ\\n\\n")
    '共12件， APP'
    """
    text = text.strip()  # the edges go in any case; stripping first lets most sentences skip the rest
    if not _NEEDS_NORMALIZING.search(text):
        return text
    text = _ZERO_WIDTH.sub("", text)
    if _FULLWIDTH_PRESENT.search(text):
        text = text.translate(_FULLWIDTH_ALNUM)
    if "\n" in text:
        text = _INNER_BREAK.sub("", text)
    text = _SPACE_RUN.sub(" ", text)
    return text.strip()


@lru_cache(maxsize=1)
def _to_simplified():
    import opencc

    return opencc.OpenCC("t2s").convert


_HAN = re.compile(r"[\u4e00-\u9fff]")


def is_traditional(text: str, *, threshold: float = 0.02) -> bool:
    """True when a text is written in traditional characters (OpenCC t2s changes over 2% of its Han characters).

    >>> is_traditional("我們在黨的領導下完成了國家預算"), is_traditional("我们在党的领导下完成了国家预算")
    (True, False)
    """
    sample = text[:4000]
    converted = _to_simplified()(sample)
    if converted == sample:
        return False
    han = len(_HAN.findall(sample))
    if not han:
        return False
    changed = sum(map(str.__ne__, sample, converted)) if len(converted) == len(sample) else han
    return changed / han > threshold


def to_simplified(text: str) -> str:
    """Traditional characters converted to simplified with OpenCC (t2s).

    >>> to_simplified("關於憲法草案的報告")
    '关于宪法草案的报告'
    """
    return _to_simplified()(text)


def _simplified_column(values: list[str], *, repeated: bool = False) -> list[str]:
    """Convert many short strings in one OpenCC call (values hold no line break); ``repeated`` converts
    each distinct value once (a heading's title repeats on every unit under it).

    >>> _simplified_column(["報告", "報告", "法治"], repeated=True)
    ['报告', '报告', '法治']
    """
    distinct = list(dict.fromkeys(values)) if repeated else values
    converted = to_simplified("\n".join(distinct)).split("\n")
    if len(converted) != len(distinct):
        converted = [to_simplified(value) for value in distinct]
    return list(map(dict(zip(distinct, converted)).__getitem__, values)) if repeated else converted


def _heading_text(text: str) -> str:
    """Heading words without marker and closing punctuation."""
    text = normalize_text(text)
    text = _SECTION.sub("", text)
    text = _PART.sub("", text)
    return text.strip().rstrip("。：:；;，,").strip()


# --- data classes -----------------------------------------------------------------------

@dataclass
class ReportMeta:
    """What a report says about itself and what its page chrome says about it."""

    doc_id: str
    title: str | None = None
    issuer: list[str] = field(default_factory=list)
    year: int | None = None
    published: str | None = None
    site_name: str | None = None
    site_code: str | None = None
    warnings: list[str] = field(default_factory=list)
    provenance: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Plain dict in the key order of ``jzrol info``."""
        return asdict(self)


@dataclass
class Report:
    """A parsed report: its text, metadata, units table and the chrome kept out of the body.

    Attributes:
        text: the decoded text; every ``start``/``end`` offset refers to it.
        meta: :class:`ReportMeta`.
        columns: the units table as plain lists, one per name in ``UNIT_COLUMNS`` (what corpus
            counting reads; :attr:`units` is the same as a DataFrame, built on first use).
        chrome_rows: page chrome lines kept out of the body, as ``(kind, start, end, text)``.
        body_spans: the (start, end) spans the units cover exactly.
    """

    text: str
    meta: ReportMeta
    columns: dict[str, list]
    chrome_rows: list[tuple[str, int, int, str]]
    body_spans: list[tuple[int, int]]
    source: Source | None = None

    @cached_property
    def units(self) -> pd.DataFrame:
        """The units table (``UNIT_COLUMNS``), one row per title line, heading or sentence (and the
        closing signature's lines, ``kind`` ``signature``)."""
        return pd.DataFrame(self.columns, columns=UNIT_COLUMNS)

    @cached_property
    def chrome(self) -> pd.DataFrame:
        """Page chrome lines kept out of the body (``kind, start, end, text``)."""
        return pd.DataFrame(self.chrome_rows, columns=["kind", "start", "end", "text"])

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    def parts(self) -> pd.DataFrame:
        """One row per part: number and title (``part`` 0 is the preamble)."""
        return (
            self.units.loc[self.units["part"] > 0, ["part", "part_title"]]
            .drop_duplicates("part").reset_index(drop=True)
        )

    def sections(self) -> pd.DataFrame:
        """One row per section: part, section number and title."""
        rows = self.units.loc[self.units["section"] > 0, ["part", "section", "section_title"]]
        return rows.drop_duplicates(["part", "section"]).reset_index(drop=True)


class _Line(NamedTuple):  # a tuple: reports have tens of thousands of lines
    start: int  # first non-space character
    end: int  # one past the last non-space character
    text: str

    @property
    def blank(self) -> bool:
        return self.start == self.end


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


# --- line and chrome handling --------------------------------------------------------------

def _split_lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        left = len(body) - len(body.lstrip(_SPACE))
        stripped = body.strip(_SPACE)
        start = offset + left if stripped else offset
        lines.append(_Line(start, start + len(stripped), stripped))
        offset += len(raw)
    return lines


def _is_prose(line: str) -> bool:
    flat = normalize_text(line)
    return flat.endswith(("。", "：", ":", "！", "；")) or (len(flat) >= 25 and any(p in flat for p in "，。；,"))


def _article_start(lines: list[_Line]) -> int:
    """Index of the first line of the article proper (after title and page header)."""
    for index, line in enumerate(lines):
        if line.blank:
            continue
        flat = normalize_text(line.text)
        if _FOOTER.match(flat):
            continue
        if (
            _SALUTATION.match(flat)
            or _PART.match(flat)
            or _SECTION.match(flat)
            or "报告如下" in flat
            or (_is_prose(flat) and not _BREADCRUMB.search(flat) and not _PUBMETA.match(flat))
        ):
            return index
    # No line looks like the start of an article: the body starts at the first line that is not chrome.
    for index, line in enumerate(lines):
        flat = normalize_text(line.text)
        if not line.blank and not _is_chrome(flat):
            return index
    return len(lines)


def _footer_start(lines: list[_Line], after: int) -> int:
    for index in range(after, len(lines)):
        if not lines[index].blank and _FOOTER.match(lines[index].text):  # lines are stripped already
            return index
    return len(lines)


def _is_chrome(flat: str) -> bool:
    """True for a normalized line of page chrome: a breadcrumb, a publication line (发布时间, 来源,
    索引号 …) or a footer line."""
    return bool(_BREADCRUMB.search(flat) or _PUBMETA.match(flat) or _FOOTER.match(flat))


def _stands_alone(line: str) -> bool:
    """True for a line never joined to its neighbours in the header: page chrome or a document number
    (某政发〔2022〕25号)."""
    flat = normalize_text(line)
    return _is_chrome(flat) or bool(_DOC_NUMBER_LINE.match(flat))


def _blocks(text: str, lines: list[_Line]) -> list[_Line]:
    """Join runs of non-blank lines (a scraped title can be split where the page had a link); a line
    of page chrome or a document number stands alone, so a page saved without blank lines keeps its
    title apart.

    >>> text = "首页 > 法治政府\\n某县2021年法治\\n政府建设年度报告\\n来源：司法局"
    >>> [block.text for block in _blocks(text, _split_lines(text))]
    ['首页 > 法治政府', '某县2021年法治\\n政府建设年度报告', '来源：司法局']
    """
    blocks: list[_Line] = []
    run: list[_Line] = []
    for line in [*lines, _Line(0, 0, "")]:
        alone = not line.blank and _stands_alone(line.text)
        if line.blank or alone:
            if run:
                blocks.append(_Line(run[0].start, run[-1].end, text[run[0].start:run[-1].end]))
            run = []
        else:
            run.append(line)
        if alone:
            blocks.append(line)
    return blocks


def _classify_header(text: str, header: list[_Line]) -> tuple[list[tuple[str, _Line]], list[_Line], _Line | None]:
    """Split header blocks into chrome (kind, block), title-block blocks and the title block."""
    content = _blocks(text, header)
    title_index = next(
        (i for i, line in enumerate(content)
         if _TITLE.search(normalize_text(line.text)) and not _BREADCRUMB.search(line.text)
         and not _PUBMETA.match(normalize_text(line.text))),
        None,
    )
    has_chrome = any(_BREADCRUMB.search(ln.text) or _PUBMETA.match(normalize_text(ln.text)) for ln in content)
    chrome: list[tuple[str, _Line]] = []
    title_block: list[_Line] = []
    for i, line in enumerate(content):
        flat = normalize_text(line.text)
        if _FOOTER.match(flat):
            chrome.append(("footer", line))
        elif _BREADCRUMB.search(flat):
            chrome.append(("breadcrumb", line))
        elif _PUBMETA.match(flat):
            chrome.append(("pubmeta", line))
        elif title_index is not None and i < title_index:
            chrome.append(("site" if not chrome else "column", line))
        elif title_index is None and has_chrome:
            chrome.append(("site" if not chrome else "column", line))
        else:
            title_block.append(line)
    title = content[title_index] if title_index is not None else None
    return chrome, title_block, title


# --- paragraphs and structure ---------------------------------------------------------------

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


# --- metadata ------------------------------------------------------------------------------

def _signers(line: str) -> list[str]:
    """The names of a signer line (short, every name an office: 某县人民政府, 中共某县委), else none."""
    names = _names(line)
    return names if names and len(line) <= 40 and all(_SIGNER.search(name) for name in names) else []


class _Signature(NamedTuple):
    signers: list[str]  # 中共某县委, 某县人民政府 (none when only the date is there)
    date: str | None  # ISO date, None when the report ends without a signature
    start: int | None = None  # where the signature starts in the text


def _signature(lines: list[_Line]) -> _Signature:
    """The signature that closes a report (its last body lines): signers, date and where it starts.

    >>> text = "……报告如下。\\n中共某县委　某县人民政府\\n二〇二二年三月二十五日"
    >>> _signature(_split_lines(text))
    _Signature(signers=['中共某县委', '某县人民政府'], date='2022-03-25', start=8)
    """
    tail = [line for line in lines if not line.blank]
    while tail and _CLOSING_NOTE.match(normalize_text(tail[-1].text)):  # （此件公开发布） below the date
        tail.pop()
    tail = tail[-3:]
    last = normalize_text(tail[-1].text) if tail else ""
    date = _SIGNED_DATE.search(last)
    if date is None:
        return _Signature([], None)
    year = _year_value(date["y"])
    month, day = (int(v) if v.isdigit() else _ordinal(v) for v in (date["m"], date["d"]))
    before = last[:date.start()].strip()  # 某县人民政府 2022年3月25日 on one line
    if not (1 <= month <= 12 and 1 <= day <= 31) or (before and not _signers(before)):
        return _Signature([], None)  # not a date, or a sentence that ends in one
    signers, start = _signers(before), tail[-1].start
    for line in reversed(tail[:-1]):
        names = _signers(normalize_text(line.text))
        if not names:
            break
        signers, start = names + signers, line.start
    return _Signature(signers, f"{year:04d}-{month:02d}-{day:02d}", start)


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    with open(paths.PROVINCES, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {row["code"]: row["name"] for row in rows} | {row["abbr"]: row["code"] for row in rows}


def _place(issuer: str) -> str | None:
    name = _PLACE_SUFFIX.sub("", _PLACE_PREFIX.sub("", issuer))
    name = _ADMIN_SUFFIX.sub("", name)
    return name if len(name) >= 2 and name not in {"国务院", "中央", "中共中央"} else None


def _meta(doc_id: str, title: _Line | None, title_block: list[_Line], chrome: list[tuple[str, _Line]],
          signature: _Signature, warnings: list[str]) -> ReportMeta:
    meta = ReportMeta(doc_id=doc_id)
    if title is not None:
        meta.title = normalize_text(title.text)
    else:
        warnings.append("no title found; metadata comes from what the text has")
    signers, signed, _ = signature
    if meta.title:
        head = meta.title.split("关于", 1)[0] if "关于" in meta.title else ""
        meta.issuer = _names(head)
        year = _YEAR_IN_TITLE.search(meta.title)
        meta.year = _year_value(year.group(1)) if year else None
        if not meta.issuer and not signers and year:  # 某县2021年法治政府建设年度报告: the place before the year
            place = meta.title[:year.start()].strip()
            if _ADMIN_SUFFIX.search(place) or _PLACE_SUFFIX.search(place):
                meta.issuer = _names(place)
    block = " ".join(normalize_text(line.text) for line in title_block)
    if not meta.issuer and _BYLINE_PREMIER.search(block):
        meta.issuer = ["国务院"]
    if not meta.issuer:
        meta.issuer = signers
    pubmeta = " ".join(normalize_text(line.text) for kind, line in chrome if kind == "pubmeta")
    issuing_body = _ISSUING_BODY.search(pubmeta)
    if not meta.issuer and issuing_body:
        meta.issuer = _names(issuing_body["name"])
    published = _PUBLISHED_LABEL.search(pubmeta)  # before 成文日期 and the like
    date = (published and _DATE.match(pubmeta, published.end())) or _DATE.search(pubmeta) or _DATE.search(block)
    if date:
        meta.published = f"{int(date['y']):04d}-{int(date['m']):02d}-{int(date['d']):02d}"
    elif signed:
        meta.published = signed
    # 某市人民政府 | 无障碍 | 长者模式: the site's name comes before the links that share its line
    header_site = [re.split(r"\s*[|｜]\s*", normalize_text(line.text))[0] for kind, line in chrome if kind == "site"]
    footer = " ".join(normalize_text(line.text) for kind, line in chrome if kind == "footer")
    sponsor = _SPONSOR.search(footer)
    meta.site_name = header_site[0] if header_site else (sponsor["name"] if sponsor else None)
    code = _SITE_CODE.search(footer)
    meta.site_code = code["code"] if code else None
    icp, police = _ICP.search(footer), _POLICE.search(footer)
    address, phone = _ADDRESS.search(footer), _PHONE.search(footer)
    meta.provenance = {
        "sponsor": sponsor["name"] if sponsor else None,
        "icp": f"{icp['abbr']}ICP备{icp['number']}" if icp else None,
        "police_record": f"{police['abbr']}公网安备{police['number']}" if police else None,
        "address": address["address"] if address else None,
        "phone": phone["phone"].strip() if phone else None,
    }
    _provenance_warnings(meta, warnings)
    meta.warnings = warnings
    return meta


def _provenance_warnings(meta: ReportMeta, warnings: list[str]) -> None:
    places = [place for place in map(_place, meta.issuer) if place]
    names = [n for n in (meta.site_name, meta.provenance.get("sponsor")) if n]
    evidence = []
    address = meta.provenance.get("address")
    named = [p for p in places if address and p in address]
    if named:
        evidence.append(f"the footer's address {address} names {named[0]}")
    if meta.site_code:
        evidence.append(f"the site identifier code is {meta.site_code}")
    for name in dict.fromkeys(names):
        if places and not any(place in name for place in places) and not any(name in i for i in meta.issuer):
            backing = f", while {' and '.join(evidence)}" if evidence else ""
            warnings.append(
                f"site name '{name}' in the page chrome does not match the issuer "
                f"{'、'.join(meta.issuer)}{backing}; check the text against the issuer's own site before citing it"
            )
    provinces = _provinces()
    regions = {}
    if meta.site_code and meta.site_code[:2] in provinces:
        regions["site code"] = meta.site_code[:2]
    for key in ("icp", "police_record"):
        value = meta.provenance.get(key)
        if value and value[0] in provinces:
            regions[key.replace("_", " ")] = provinces[value[0]]
    if len(set(regions.values())) > 1:
        listed = ", ".join(f"{k} {provinces.get(v, v)}" for k, v in regions.items())
        warnings.append(f"page chrome points to different provinces: {listed}")


# --- the parser ----------------------------------------------------------------------------

def parse_report(text: str, *, doc_id: str = "doc", source: Source | None = None) -> Report:
    """Parse report text into metadata, units and chrome.

    Args:
        text: decoded report text (plain text; see :func:`jzrol.sources.read_source` for files).
        doc_id: identifier written into every row.
        source: provenance of ``text`` when it came from a file.

    >>> r = parse_report("关于2020年法治政府建设情况的报告\\n\\n一、主要成效\\n\\n（一）完善机制。全年培训3次。")
    >>> r.meta.year, r.parts().part_title.tolist(), r.sections().section_title.tolist()
    (2020, ['主要成效'], ['完善机制'])
    """
    lines = _split_lines(text)
    first = _article_start(lines)
    while first < len(lines) and lines[first].blank:
        first += 1
    footer = _footer_start(lines, first + 1)
    chrome, title_block, title = _classify_header(text, lines[:first])
    chrome += [("footer", line) for line in lines[footer:] if not line.blank]
    warnings: list[str] = []

    last = footer
    while last > first and lines[last - 1].blank:
        last -= 1
    body_spans = [(line.start, line.end) for line in title_block]
    paragraphs = [_Paragraph(line.start, line.end, line.end, normalize_text(line.text), kind="title",
                             clean=normalize_text(line.text) == line.text) for line in title_block]
    if last > first:
        region_end = lines[last - 1].end
        body_spans.append((lines[first].start, region_end))
        article = _paragraphs(text, lines, first, last, region_end)
        _mark_candidates(article)
        paragraphs += article
    if not paragraphs:
        warnings.append("no body text found")
    columns = _units(text, paragraphs, doc_id, warnings)
    signature = _signature(lines[first:last])
    if signature.start is not None:  # the signer and date are no sentences of the report
        columns["kind"] = ["signature" if kind == "text" and start >= signature.start else kind
                           for kind, start in zip(columns["kind"], columns["start"])]
    # Simplified text passes through OpenCC's t2s unchanged, so every report is converted: this also
    # catches the traditional passages of mixed reports.
    traditional = is_traditional(text)
    columns["norm"] = _simplified_column(columns["norm"])
    for column in ("part_title", "section_title"):
        columns[column] = _simplified_column(columns[column], repeated=True)
    chrome_rows = [(kind, line.start, line.end, line.text) for kind, line in chrome]
    meta = _meta(doc_id, title, title_block, chrome, signature, warnings)
    meta.provenance["script"] = "traditional" if traditional else "simplified"
    if meta.title:
        meta.title = to_simplified(meta.title)
        meta.issuer = [to_simplified(name) for name in meta.issuer]
    if source is not None:
        meta.provenance = {"path": source.path, "encoding": source.encoding, "format": source.format,
                           "sha256": source.sha256, **meta.provenance}
    return Report(text=text, meta=meta, columns=columns, chrome_rows=chrome_rows, body_spans=body_spans,
                  source=source)


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


def read_report(path: str | Path) -> Report:
    """Read, decode and parse one report file.

    Raises:
        jzrol.sources.SourceError: the file cannot be read as a report.

    >>> report = read_report(paths.SEED_REPORT)
    >>> report.meta.issuer, report.meta.year, report.meta.published
    (['中共锦州市委', '锦州市人民政府'], 2020, '2021-02-23')
    """
    source = read_source(path)
    return parse_report(source.text, doc_id=source.doc_id, source=source)


def outline(units: pd.DataFrame) -> pd.DataFrame:
    """One row per part and section with the size of its text: sentences, items and characters.

    Characters count the normalized text of sentences (headings excluded). The
    preamble (part 0) and a part's text before its first section (section 0)
    are rows too when they hold any sentence.

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
    ``jzrol/lexicon/part_roles.csv`` whose pattern matches the part title wins, in the file's order) or
    ``other``; the preamble is ``preamble``.

    >>> from jzrol import paths
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
