"""Page chrome: where the article starts and ends, and what the lines above it are.

A scraped page has a header (site name, breadcrumbs, publication line), a title block and a footer
(sponsor, ICP and site code). These functions split the page's lines into those layers.

>>> lines = _split_lines("首页 > 正文\\n\\n关于某事的报告\\n\\n一、总体情况")
>>> _article_start(lines)
4
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple

from jzrol import paths
from jzrol.lexicon_loader import LexiconError, read_rows
from jzrol.report.markers import _PART, _REPORT_SENTENCE, _SALUTATION, _SECTION
from jzrol.report.normalize import _WHITESPACE, normalize_text

# A title ends with the genre's word, or with a bracket after it (某县法治政府建设年度报告（2022年度）).
_TITLE = re.compile(r"(报告|工作报告|情况|总结|意见|规划|纲要|公报|讲话|白皮书)(?:[（(][^（()）]{1,12}[）)])?$"
                    r"|^关于.+的|.+关于.+的(报告|情况)")


def _chrome_patterns(kind: str) -> list[str]:
    """The patterns of one kind of page chrome line in ``jzrol/lexicon/page_chrome.csv``."""
    rows = read_rows(paths.PAGE_CHROME, ["kind", "pattern"])
    kinds = {row["kind"] for row in rows} - {"breadcrumb", "publication", "information", "tool", "footer"}
    if kinds:
        raise LexiconError(paths.PAGE_CHROME, 0, f"unknown kind(s) {', '.join(sorted(kinds))}")
    return [row["pattern"] for row in rows if row["kind"] == kind]


_BREADCRUMB = re.compile("|".join(_chrome_patterns("breadcrumb")))
# A publication line (发布时间, 来源 …), or a label of the information table above a document on government
# disclosure pages (索引号, 发文机关 …), often spaced out to align (索 引 号, 标　　题), which needs its colon.
_PUBMETA = re.compile(
    r"^(" + "|".join(_chrome_patterns("publication")) + r")\s*[:：]?"
    r"|^(" + "|".join(r"[\s\u3000]*".join(label) for label in _chrome_patterns("information")) + r")[\s\u3000]*[:：]"
)
# A document number on a line of its own (某政发〔2022〕25号).
_DOC_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号$")
# A line under a title that opens with a dash (——2023年1月10日在某区第十八届人民代表大会第三次会议上,
# ——在全市法治政府建设推进会上的讲话) or that brackets a meeting ((2023年1月10日在…会议上)): the delivery
# or occasion, never the title's second half.
_DASH_LINE = re.compile(r"^(?:——|──|－－|--)|^[（(][^（()）]*(?:会议|大会)[^（()）]*[）)]$")
_SPACES = re.compile(r"\s+")
_FOOTER = re.compile("^(" + "|".join(_chrome_patterns("footer")) + ")")
# A line of the page's tool links above the article (无障碍, 长者模式, English), which is no site name.
_PAGE_TOOL = re.compile("^(?:" + "|".join(_chrome_patterns("tool")) + ")")


class _Line(NamedTuple):  # a tuple: reports have tens of thousands of lines
    start: int  # first non-space character
    end: int  # one past the last non-space character
    text: str

    @property
    def blank(self) -> bool:
        return self.start == self.end


def _split_lines(text: str) -> list[_Line]:
    """The lines of a text as str.splitlines cuts them, each stripped of spaces, with the offsets of what
    is left (a blank line has start == end at the line's start). Each step runs over all lines at once.

    >>> _split_lines("\\u3000\\u3000一、概况 \\r\\n\\n全年办结12件。")
    [_Line(start=2, end=6, text='一、概况'), _Line(start=9, end=9, text=''), _Line(start=10, end=18, text='全年办结12件。')]
    """
    raws = text.splitlines(keepends=True)
    lengths = list(map(len, raws))
    # A line holds no line break but its last character(s), and begins with one only when blank: stripping
    # all whitespace gives what stripping the spaces from the line without its break gives.
    stripped = list(map(str.strip, raws, repeat(_WHITESPACE)))
    lefts = map(len, map(str.lstrip, raws, repeat(_WHITESPACE)))
    starts = [offset + length - left if line else offset
              for offset, length, left, line in zip(accumulate(lengths, initial=0), lengths, lefts, stripped)]
    return list(map(_Line._make, zip(starts, map(add, starts, map(len, stripped)), stripped)))


def _is_prose(line: str) -> bool:
    flat = normalize_text(line)
    return flat.endswith(("。", "：", ":", "！", "；")) or (len(flat) >= 25 and any(p in flat for p in "，。；,"))


def _article_start(lines: list[_Line], *, links: frozenset[str] = frozenset()) -> int:
    """Index of the first line of the article proper (after title and page header); a line that is one of
    the page's ``links`` (a sidebar's article list) never starts it."""
    links = {normalize_text(link) for link in links}
    for index, line in enumerate(lines):
        if line.blank:
            continue
        flat = normalize_text(line.text)
        if _FOOTER.match(flat) or (links and flat in links):
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


_WHITESPACE_RUN = re.compile(r"\s*")
_SENTENCE_LINE = 12  # a line of a sentence this long or longer is report text (a notice's scraps are shorter)


def _footer_start(lines: list[_Line], after: int, end: int | None = None) -> int:
    """Index of the first line of the page footer in lines[after:end] (``end`` when there is none).

    A footer line (上一篇, 相关链接, 主办单位, 版权所有 …) starts the footer only where footers are: after
    the report's text, where at most a fifth as much text of sentences follows it as comes before it
    (lines shorter than a sentence, as the scraps of a licence notice, do not count). A body line that
    happens to start with such a word keeps the text after it in the body.

    >>> lines = _split_lines("一、概况\\n相关链接已公开，共3项。\\n全年办结案件12件，增长5%。\\n主办单位：某县政府")
    >>> _footer_start(lines, 0)
    3
    """
    end = len(lines) if end is None else end
    candidates = [index for index in range(after, end) if lines[index].text and _FOOTER.match(lines[index].text)]
    if not candidates:
        return end

    def weight(index: int) -> int:
        text = lines[index].text
        return len(text) if len(text) >= _SENTENCE_LINE and _REPORT_SENTENCE.search(text) and not _is_chrome(text) else 0

    # The text of sentences after each candidate, summed from the end; the text before it is summed
    # from the start only as far as the test needs (a footer's candidates are near the end).
    following, after_candidate, index = {}, 0, end - 1
    for candidate in reversed(candidates):
        while index > candidate:
            after_candidate += weight(index)
            index -= 1
        following[candidate] = after_candidate
    before, index = 0, after
    for candidate in candidates:
        while index < candidate and before < following[candidate] * 5:
            before += weight(index)
            index += 1
        if following[candidate] * 5 <= before:
            return candidate
    return end


def _repeat_start(text: str) -> int | None:
    """Where a second copy of the whole page starts, when the file holds the page twice or more (a scrape
    saved twice), the copies apart by whitespace only; None otherwise.

    >>> _repeat_start("一、概况\\n全年办结12件。\\n\\n一、概况\\n全年办结12件。\\n")
    15
    """
    stripped = text.strip()
    probe = stripped[:min(200, len(stripped) // 2)]
    if len(probe) < 10:
        return None
    first = text.index(probe)
    position = text.find(probe, first + 1)
    while position != -1:
        copy, at = text[first:position].rstrip(), position
        while text.startswith(copy, at):  # offsets, not slices: a file of many copies stays linear
            at = _WHITESPACE_RUN.match(text, at + len(copy)).end()
        if at == len(text):
            return position
        position = text.find(probe, position + 1)
    return None


def _is_chrome(flat: str) -> bool:
    """True for a normalized line of page chrome: a breadcrumb, a publication line (发布时间, 来源,
    索引号 …), a footer line or a line of page tools (无障碍, 长者模式)."""
    return bool(_BREADCRUMB.search(flat) or _PUBMETA.match(flat) or _FOOTER.match(flat) or _PAGE_TOOL.match(flat))


def _stands_alone(line: str) -> bool:
    """True for a line never joined to its neighbours in the header: page chrome, a document number
    (某政发〔2022〕25号) or a dash line under the title (——2023年1月10日在…会议上)."""
    flat = normalize_text(line)
    return _is_chrome(flat) or bool(_DOC_NUMBER_LINE.match(flat) or _DASH_LINE.match(flat))


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


def _classify_header(text: str, header: list[_Line], *, links: frozenset[str] = frozenset(),
                     title_hint: str | None = None) -> tuple[list[tuple[str, _Line]], list[_Line], _Line | None]:
    """Split header blocks into chrome (kind, block), title-block blocks and the title block.

    A block that is one of the page's ``links`` (a sidebar, related articles) is never the title by these
    rules; the block that reads as ``title_hint`` (the title the page's head gives) is, wherever it
    stands and even when the page links it to itself.
    """
    content = _blocks(text, header)
    links = {normalize_text(link) for link in links}
    hint = _SPACES.sub("", normalize_text(title_hint)) if title_hint else None
    title_index = next(
        (i for i, line in enumerate(content) if hint and _SPACES.sub("", normalize_text(line.text)) == hint),
        None,
    )
    if title_index is None:
        title_index = next(
            (i for i, line in enumerate(content)
             if _TITLE.search(normalize_text(line.text)) and not _BREADCRUMB.search(line.text)
             and not _PUBMETA.match(normalize_text(line.text)) and normalize_text(line.text) not in links),
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
        elif _PAGE_TOOL.match(flat):
            chrome.append(("tool", line))
        elif title_index is not None and i < title_index:
            chrome.append(("site" if not chrome else "column", line))
        elif title_index is None and has_chrome:
            chrome.append(("site" if not chrome else "column", line))
        else:
            title_block.append(line)
    title = content[title_index] if title_index is not None else None
    return chrome, title_block, title
