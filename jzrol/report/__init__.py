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

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from jzrol.report.appendix import _back_matter_start
from jzrol.report.chrome import _article_start, _classify_header, _footer_start, _repeat_start, _split_lines
from jzrol.report.meta import ReportMeta, _meta, _page_title
from jzrol.report.normalize import (
    _simplified_column,
    chinese_numeral,
    is_traditional,
    normalize_text,
    simplified_in_place,
    to_simplified,
)
from jzrol.report.paragraphs import _has_report_text, _mark_candidates, _Paragraph, _paragraphs
from jzrol.report.signature import _signature_and_notes
from jzrol.report.structure import LAYOUTS, UNIT_COLUMNS, Layout, _units, outline, part_roles
from jzrol.sources import Source, SourceError, read_source

__all__ = [
    "LAYOUTS", "Layout", "NO_REPORT_TEXT", "Report", "ReportMeta", "UNIT_COLUMNS", "chinese_numeral", "normalize_text", "outline", "parse_report",
    "is_traditional", "part_roles", "read_report", "to_simplified",
]

#: The warning of a page whose body holds no sentence of a report (menus, link lists, an information table).
NO_REPORT_TEXT = "no report text found"


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

    def require_text(self) -> None:
        """Raise :class:`jzrol.sources.SourceError` (one line naming the file) when the report has no
        text units to analyse: a page without a report (``no report text found``) or no body at all.

        >>> parse_report("首页 | 新闻 | 政务公开\\n\\n政策文件\\n\\n关于开展检查的通知").require_text()
        Traceback (most recent call last):
        jzrol.sources.SourceError: doc: no report text found
        """
        if "text" in self.columns["kind"]:
            return
        where = self.source.path if self.source is not None else self.doc_id
        reason = NO_REPORT_TEXT if NO_REPORT_TEXT in self.meta.warnings else "report has no body text to analyse"
        raise SourceError(where, reason)

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
    page, links = (source.page, source.links) if source is not None else ({}, frozenset())
    lines = _split_lines(text)
    # The chrome cues and title rules are written in simplified characters: a page in traditional ones
    # (a Big5 page) is told apart into header, article and footer on a simplified copy of it, character
    # for character, whose lines have the same offsets; units and chrome rows keep the source's text.
    traditional = is_traditional(text)
    view = simplified_in_place(text) if traditional else text
    view_lines = _split_lines(view) if traditional else lines
    view_links = frozenset(_simplified_column(list(links))) if traditional else links  # one OpenCC call
    title_hint = _page_title(page)[0]
    if traditional and title_hint:
        title_hint = to_simplified(title_hint)
    warnings: list[str] = list(source.warnings) if source is not None else []
    repeat = _repeat_start(text)
    page_end = len(lines) if repeat is None else next(i for i, line in enumerate(lines) if line.start >= repeat)
    if repeat is not None:
        warnings.append("the file holds the whole page more than once (a page saved twice?); the first copy "
                        "is analysed, the others are kept as chrome of kind repeat")
    # The page furniture a PDF or DOCX reader set apart follows the body: it is chrome of its own kind.
    furniture = {start: kind for kind, start, _ in source.chrome} if source is not None else {}
    if furniture:
        page_end = min(page_end, next(i for i, line in enumerate(lines) if line.start >= min(furniture)))
    first = _article_start(view_lines[:page_end], links=view_links)
    while first < page_end and lines[first].blank:
        first += 1
    footer = _footer_start(view_lines, first + 1, page_end)
    chrome, title_block, title = _classify_header(view, view_lines[:first], links=view_links, title_hint=title_hint)
    chrome += [("footer", line) for line in view_lines[footer:page_end] if not line.blank]
    chrome += [(furniture.get(line.start, "repeat"), line) for line in view_lines[page_end:] if not line.blank]

    last = footer
    while last > first and lines[last - 1].blank:
        last -= 1
    body_last = last  # the body's last line, back matter included
    body_spans = [(line.start, line.end) for line in title_block]
    paragraphs = [_Paragraph(line.start, line.end, line.end, normalize_text(raw), kind="title",
                             clean=normalize_text(raw) == raw)
                  for line in title_block for raw in [text[line.start:line.end]]]
    appendix_from = notes_start = None
    if last > first:
        region_end = lines[last - 1].end
        body_spans.append((lines[first].start, region_end))
        article = _paragraphs(text, lines, first, last, region_end)
        _mark_candidates(text, article)
        if not _has_report_text(article):  # menus, link lists, an information table: a page without a report
            warnings.append(NO_REPORT_TEXT)
            chrome, page_lines, _ = _classify_header(view, view_lines[:footer])  # all of it is page chrome
            chrome += [("page", line) for line in page_lines]
            chrome.sort(key=lambda row: row[1].start)
            chrome += [("footer", line) for line in view_lines[footer:page_end] if not line.blank]
            chrome += [(furniture.get(line.start, "repeat"), line) for line in view_lines[page_end:] if not line.blank]
            article, paragraphs, body_spans, title_block, title, last = [], [], [], [], None, first
            body_last = first
        back_matter = _back_matter_start(article)
        if back_matter is not None:
            appendix_from = len(paragraphs) + back_matter
            last = next(i for i in range(first, last) if lines[i].end > article[back_matter].start)
        paragraphs += article
    if not paragraphs and NO_REPORT_TEXT not in warnings:
        warnings.append("no body text found")
    signature, notes_start = _signature_and_notes(lines[first:last])
    if signature.date is None and body_last > last:
        # an official document sets its list of attachments (附件：1.… 2.…) above the signer and date
        signature, notes_start = _signature_and_notes(lines[first:body_last])
    if notes_start is not None:  # notes after the signature are back matter too
        after = next(i for i, p in enumerate(paragraphs) if p.kind != "title" and p.start >= notes_start)
        appendix_from = after if appendix_from is None else min(appendix_from, after)
    columns = _units(text, paragraphs, doc_id, warnings, appendix_from=appendix_from)
    if signature.start is not None:  # the signer and date are no sentences of the report
        back_matter_start = paragraphs[appendix_from].start if appendix_from is not None else len(text)
        end = back_matter_start if back_matter_start > signature.start else (
            notes_start if notes_start is not None else len(text))
        columns["kind"] = ["signature" if kind in ("text", "appendix") and signature.start <= start < end else kind
                           for kind, start in zip(columns["kind"], columns["start"])]
    _chrome_warning(chrome, columns, warnings)
    # Simplified text passes through OpenCC's t2s unchanged, so every report is converted: this also
    # catches the traditional passages of mixed reports.
    columns["norm"] = _simplified_column(columns["norm"])
    for column in ("part_title", "section_title"):
        columns[column] = _simplified_column(columns[column], repeated=True)
    chrome_rows = [(kind, line.start, line.end, text[line.start:line.end]) for kind, line in chrome]
    meta = _meta(doc_id, title, title_block, chrome, signature, warnings, page=page, columns=columns,
                 file_name=Path(source.path).stem if source is not None else "")
    meta.provenance["script"] = "traditional" if traditional else "simplified"
    if source is not None:
        meta.provenance = {"path": source.path, "encoding": source.encoding, "format": source.format,
                           "sha256": source.sha256, **meta.provenance}
    return Report(text=text, meta=meta, columns=columns, chrome_rows=chrome_rows, body_spans=body_spans,
                  source=source)


def _chrome_warning(chrome: list, columns: dict[str, list], warnings: list[str]) -> None:
    """Warn when the page chrome holds more text than the body (a body line taken for chrome would
    otherwise go unnoticed); repeated copies of the page are not counted."""
    body = sum(map(len, columns["norm"]))
    kept_out = sum(len(normalize_text(line.text)) for kind, line in chrome if kind not in ("repeat", "page"))
    if body and kept_out > body:
        warnings.append(f"page chrome holds more text than the body ({kept_out} characters against {body}); "
                        "check report.chrome for lines of the report")


def read_report(path: str | Path) -> Report:
    """Read, decode and parse one report file.

    Raises:
        jzrol.sources.SourceError: the file cannot be read as a report.

    >>> from jzrol import paths
    >>> report = read_report(paths.SEED_REPORT)
    >>> report.meta.issuer, report.meta.year, report.meta.published
    (['中共锦州市委', '锦州市人民政府'], 2020, '2021-02-23')
    """
    source = read_source(path)
    return parse_report(source.text, doc_id=source.doc_id, source=source)
