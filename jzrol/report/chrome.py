"""Page chrome: where the article starts and ends, and what the lines above it are.

A scraped page has a header (site name, breadcrumbs, publication line), a title block and a footer
(sponsor, ICP and site code). These functions split the page's lines into those layers.

>>> lines = _split_lines("首页 > 正文\\n\\n关于某事的报告\\n\\n一、总体情况")
>>> _article_start(lines)
4
"""

from __future__ import annotations

import re
from typing import NamedTuple

from jzrol.report.markers import _PART, _SALUTATION, _SECTION
from jzrol.report.normalize import _SPACE, normalize_text

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
# A document number on a line of its own (某政发〔2022〕25号).
_DOC_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号$")
_SPACES = re.compile(r"\s+")
_FOOTER = re.compile(
    r"^(上一篇|下一篇|上一条|下一条|相关阅读|相关链接|相关文章|相关文件|打印本页|关闭窗口|【打印|【关闭|扫一扫|"
    r"[（(]?责任编辑|分享到|【?我要纠错|"
    r"主办单位|主办[:：]|承办单位|版权所有|Copyright|©|网站标识码|.{0,12}ICP备|.{0,12}公网安备|"
    r"本作品是中华人民共和国的|本作品在全世界都属于公有领域|Public domain$)"
)


class _Line(NamedTuple):  # a tuple: reports have tens of thousands of lines
    start: int  # first non-space character
    end: int  # one past the last non-space character
    text: str

    @property
    def blank(self) -> bool:
        return self.start == self.end


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
    has_chrome = any(_BREADCRUMB.search(l.text) or _PUBMETA.match(normalize_text(l.text)) for l in content)
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
