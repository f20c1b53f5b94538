"""The annotated report: one self-contained HTML page showing the analysis on the text itself.

The page holds the report's text exactly as parsed (every character of the decoded source, page
chrome folded under a "page chrome" note), the provenance warnings at the top, a clickable outline
(parts with their role, sections, items, the share of sentences per theme), every numeric claim
highlighted with its details on hover or focus, the check findings linked to their claims and back,
a margin mark per theme on each sentence, and a term search that lists every occurrence. The page's
frame, styles and script are files in ``jzrol/assets``, inlined with the data: no network, no
external fonts. The bytes depend on the report and the code only (sorted data, no dates, no paths),
so two builds give the same file.

>>> from jzrol import paths, read_report
>>> page = annotated_page(read_report(paths.SEED_REPORT))
>>> page.startswith("<!DOCTYPE html>"), page.count("data-claim=")
(True, 81)
"""

from __future__ import annotations

import html
import json
import math
import re
from bisect import bisect_right
from pathlib import Path
from string import Template

import pandas as pd

from jzrol import paths
from jzrol.claims import check_claims, extract_claims
from jzrol.io import atomic_write_text
from jzrol.plots.style import KIND_COLORS, THEME_PALETTE
from jzrol.report import Report, part_roles
from jzrol.themes import Codebook, code_units, load_codebook

__all__ = ["PAGE_NAME", "THEME_GLYPHS", "annotated_page", "page_data", "theme_shares", "write_annotated_page"]

#: File name of the page in the write-up's folder.
PAGE_NAME = "annotated-report.html"
#: A shape per theme, in codebook order (the cue besides colour); cycles after ten themes.
THEME_GLYPHS = ("●", "■", "▲", "◆", "★", "✚", "✖", "▼", "◐", "⬟")
#: A line style per claim kind (the cue besides colour), matching the legend.
_KIND_LINES = {"count": "solid", "percent": "double", "money": "dotted", "duration": "dashed", "measure": "wavy"}
_STATUS_GLYPHS = {"consistent": "✓", "rounding": "≈", "inconsistent": "✗"}
_STATUS_ORDER = ("inconsistent", "rounding", "consistent")
_CLAIM_ID = re.compile(r"\d+")
_SCRIPT_END = re.compile(r"</", re.IGNORECASE)


# --- data -------------------------------------------------------------------------------------

def _number(value: object) -> int | float | None:
    """A JSON-friendly number: None for NaN/empty, an int when whole."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    number = float(value)
    return int(number) if number.is_integer() and abs(number) < 2**53 else round(number, 6)


def _plain(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _show(number: int | float | None) -> str:
    if number is None:
        return "open"
    return f"{number:,}" if isinstance(number, int) else f"{number:,.6g}"


def _interval(low: int | float | None, high: int | float | None) -> str:
    """The interval a qualifier implies, in words: ``= 4``, ``≥ 1,000``, ``3 – 5``, ``open``."""
    if low is not None and low == high:
        return f"= {_show(low)}"
    if low is not None and high is not None:
        return f"{_show(low)} – {_show(high)}"
    if low is not None:
        return f"≥ {_show(low)}"
    if high is not None:
        return f"≤ {_show(high)}"
    return "open"


def _claim_ids(text: object) -> list[int]:
    return [int(part) for part in _CLAIM_ID.findall(_plain(text))]


def theme_shares(units: pd.DataFrame, hits: pd.DataFrame, *, by: list[str]) -> pd.DataFrame:
    """Share of a group's sentences that each theme touches: ``*by, theme, sentences, coded, share``.

    A sentence counts once per theme however many terms it matches; groups without a sentence are
    left out.

    >>> from jzrol import paths, read_report
    >>> from jzrol.themes import code_units
    >>> units = read_report(paths.SEED_REPORT).units
    >>> shares = theme_shares(units, code_units(units), by=["part"])
    >>> top = shares[shares.part == 3].sort_values("share").iloc[-1]
    >>> top.theme, int(top.coded), int(top.sentences)
    ('leadership', 6, 26)
    """
    text = units[units["kind"] == "text"]
    columns = [*by, "theme", "sentences", "coded", "share"]
    if text.empty or hits.empty:
        return pd.DataFrame(columns=columns)
    sentences = text.groupby(by).size().rename("sentences").reset_index()
    coded = hits.drop_duplicates(["doc_id", "unit_id", "theme"]).groupby([*by, "theme"]).size().rename("coded")
    table = coded.reset_index().merge(sentences, on=by)
    table["share"] = (table["coded"] / table["sentences"]).round(4)
    return table[columns].sort_values([*by, "theme"], kind="stable").reset_index(drop=True)


def page_data(report: Report, *, codebook: Codebook | str | Path | None = None) -> dict:
    """Everything the page shows, as plain sorted data (what :func:`annotated_page` renders).

    Keys: ``claims`` and ``findings`` (records), ``hits`` (theme hits per sentence), ``roles``
    (part -> role), ``themes`` (key, labels, glyph, colour, in codebook order) and the tables
    ``part_shares``, ``section_shares`` and ``doc_shares`` (:func:`theme_shares`).

    >>> from jzrol import paths, read_report
    >>> data = page_data(read_report(paths.SEED_REPORT))
    >>> claim = next(c for c in data["claims"] if c["raw"] == "99.93%")
    >>> claim["kind"], claim["interval"], claim["status"], data["roles"][2]
    ('percent', '= 99.93', 'rounding', 'problems')
    """
    units = report.units
    book = load_codebook(codebook)
    claims = extract_claims(units)
    findings = check_claims(claims, units)
    hits = code_units(units, codebook=book)
    finding_rows = []
    linked: dict[int, list[int]] = {}
    for number, row in enumerate(findings.to_dict("records"), start=1):
        ids = _claim_ids(row["claim_ids"])
        finding_rows.append({"id": number, "check": _plain(row["check"]), "status": _plain(row["status"]),
                             "detail": _plain(row["detail"]), "claims": ids})
        for claim_id in ids:
            linked.setdefault(claim_id, []).append(number)
    claim_rows = []
    for row in claims.sort_values("start", kind="stable").to_dict("records"):
        low, high = _number(row["low"]), _number(row["high"])
        claim_id = int(row["claim_id"])
        statuses = {finding_rows[i - 1]["status"] for i in linked.get(claim_id, [])}
        claim_rows.append({
            "id": claim_id, "start": int(row["start"]), "end": int(row["end"]), "raw": _plain(row["raw"]),
            "value": _number(row["value"]), "low": low, "high": high, "interval": _interval(low, high),
            "unit": _plain(row["unit"]), "kind": _plain(row["kind"]), "qualifier": _plain(row["qualifier"]),
            "subject": _plain(row["subject"]), "group": _plain(row["group"]), "role": _plain(row["role"]),
            "findings": linked.get(claim_id, []),
            "status": next((status for status in _STATUS_ORDER if status in statuses), ""),
        })
    themes = [{"key": theme.key, "label_zh": theme.label_zh, "label_en": theme.label_en,
               "glyph": THEME_GLYPHS[i % len(THEME_GLYPHS)], "color": THEME_PALETTE[i % len(THEME_PALETTE)]}
              for i, theme in enumerate(book.themes)]
    hit_rows: dict[int, list[dict]] = {}
    order = {theme["key"]: i for i, theme in enumerate(themes)}
    for row in hits[["unit_id", "theme", "hits", "matched"]].to_dict("records"):
        hit_rows.setdefault(int(row["unit_id"]), []).append(
            {"theme": row["theme"], "hits": int(row["hits"]), "matched": _plain(row["matched"])})
    for rows in hit_rows.values():
        rows.sort(key=lambda hit: order.get(hit["theme"], len(order)))
    roles = part_roles(units)
    return {
        "claims": claim_rows, "findings": finding_rows, "hits": hit_rows, "themes": themes,
        "roles": {int(part): role for part, role in zip(roles["part"], roles["role"])},
        "part_shares": theme_shares(units, hits, by=["part"]),
        "section_shares": theme_shares(units, hits, by=["part", "section"]),
        "doc_shares": theme_shares(units, hits, by=["doc_id"]),
    }


# --- rendering --------------------------------------------------------------------------------

def _e(text: object) -> str:
    return html.escape(_plain(text), quote=True)


def _claim_html(claim: dict, source: str) -> str:
    classes = f"claim k-{claim['kind']}" + (f" st-{claim['status']}" if claim["status"] else "")
    attributes = (f'class="{_e(classes)}" id="c{claim["id"]}" data-claim="{claim["id"]}" '
                  f'data-start="{claim["start"]}" aria-describedby="tip"')
    text = _e(source[claim["start"]:claim["end"]])
    if claim["findings"]:
        return f'<a {attributes} href="#f{claim["findings"][0]}">{text}</a>'
    return f'<mark {attributes} tabindex="0">{text}</mark>'


def _text_html(source: str, start: int, end: int, claims: list[dict]) -> str:
    """The source span with its claims wrapped; a claim overlapping an earlier one starts where that one ends."""
    pieces, position = [], start
    for claim in claims:
        claim_start = max(claim["start"], position)
        if claim_start >= claim["end"]:
            continue
        pieces.append(_e(source[position:claim_start]))
        pieces.append(_claim_html({**claim, "start": claim_start}, source))
        position = claim["end"]
    pieces.append(_e(source[position:end]))
    return "".join(pieces)


def _marks_html(hits: list[dict], themes: dict[str, dict]) -> str:
    marks = []
    for hit in hits:
        theme = themes.get(hit["theme"], {"label_zh": hit["theme"], "label_en": hit["theme"]})
        title = f"{theme['label_zh']} ({hit['theme']}): {hit['matched']}"
        marks.append(f'<span class="tm" data-theme="{_e(hit["theme"])}" title="{_e(title)}"></span>')
    label = "; ".join(f"{hit['theme']}: {hit['matched']}" for hit in hits)
    return f'<span class="marks" role="img" aria-label="{_e("themes: " + label if hits else "no theme")}">{"".join(marks)}</span>'


def _gap_html(source: str, start: int, end: int, chrome: pd.DataFrame) -> str:
    """Text between units: whitespace as is, anything else folded as page chrome."""
    gap = source[start:end]
    if not gap.strip():
        return _e(gap)
    inside = chrome[(chrome["start"] < end) & (chrome["end"] > start)]
    kinds = ", ".join(dict.fromkeys(inside["kind"])) or "text outside the body"
    lines = len(inside) or gap.strip().count("\n") + 1
    return (f'<details class="chrome"><summary>page chrome: {_e(kinds)} ({lines} line{"s" * (lines != 1)})</summary>'
            f'<div class="chrome-text" data-start="{start}">{_e(gap)}</div></details>')


_BODY_FIELDS = ["unit_id", "kind", "part", "section", "paragraph", "start", "end"]


def _body_html(report: Report, data: dict) -> str:
    """The whole decoded text in reading order: units as elements, gaps as whitespace or chrome."""
    source, units = report.text, report.units.sort_values("start", kind="stable")
    claims = data["claims"]
    claim_starts = [claim["start"] for claim in claims]
    themes = {theme["key"]: theme for theme in data["themes"]}
    out, position, paragraph = [], 0, None
    for unit in units[_BODY_FIELDS].itertuples(index=False):
        start, end = int(unit.start), int(unit.end)
        if start < position:  # units never overlap; one that did is left out, its text shown as a gap
            continue
        core = source[start:end].rstrip()
        core_end = start + len(core)
        block = unit.kind == "text" and (unit.paragraph, unit.part) == paragraph
        if paragraph is not None and not block:
            out.append("</div>")
            paragraph = None
        out.append(_gap_html(source, position, start, report.chrome))
        first = bisect_right(claim_starts, start - 1)
        last = bisect_right(claim_starts, core_end - 1)
        text = f'<span class="tx" data-start="{start}">{_text_html(source, start, core_end, claims[first:last])}</span>'
        attributes = (f'class="u {_e(unit.kind)}" id="u{int(unit.unit_id)}" data-part="{int(unit.part)}" '
                      f'data-section="{int(unit.section)}"')
        if unit.kind == "heading":
            tag = "h3" if int(unit.section) else "h2"
            out.append(f"<{tag} {attributes}>{text}</{tag}>")
        elif unit.kind == "text":
            if paragraph is None:
                out.append('<div class="para">')
                paragraph = (unit.paragraph, unit.part)
            hits = data["hits"].get(int(unit.unit_id), [])
            themes_attr = " ".join(hit["theme"] for hit in hits)
            out.append(f'<div {attributes} data-themes="{_e(themes_attr)}" tabindex="-1">'
                       f'{_marks_html(hits, themes)}{text}</div>')
        else:
            out.append(f"<div {attributes}>{text}</div>")
        out.append(_e(source[core_end:end]))
        position = end
    if paragraph is not None:
        out.append("</div>")
    out.append(_gap_html(source, position, len(source), report.chrome))
    return "".join(out)


def _shares_by(shares: pd.DataFrame, keys: list[str]) -> dict[tuple, list[dict]]:
    """Share rows grouped by ``keys``, each group's largest share first."""
    grouped: dict[tuple, list[dict]] = {}
    for row in shares.to_dict("records"):
        grouped.setdefault(tuple(int(row[k]) for k in keys), []).append(row)
    for rows in grouped.values():
        rows.sort(key=lambda row: (-row["share"], row["theme"]))
    return grouped


def _share_chips(rows: list[dict], themes: dict[str, dict], *, top: int | None = None) -> str:
    chips = []
    for row in rows[:top]:
        theme = themes.get(row["theme"], {"label_zh": row["theme"], "glyph": ""})
        chips.append(f'<span class="chip" data-theme="{_e(row["theme"])}" title="{_e(theme["label_zh"])}: '
                     f'{int(row["coded"])} of {int(row["sentences"])} sentences">{_e(theme["glyph"])}'
                     f'{_e(_percent(row["share"]))}</span>')
    return f'<span class="chips">{"".join(chips)}</span>' if chips else ""


def _percent(share: float) -> str:
    """A share as a whole percentage; a share above 0 that rounds to 0 is ``<1%``."""
    return "<1%" if 0 < share < 0.005 else f"{round(share * 100)}%"


def _label(text: str, limit: int = 28) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


_OUTLINE_FIELDS = ["unit_id", "kind", "part", "part_title", "section", "item", "start", "text"]


def _outline_html(report: Report, data: dict) -> str:
    """Nested list of parts (with role and theme shares), sections and items, each a link to its first unit."""
    tree: dict[int, dict[int, list[dict]]] = {}
    for unit in sorted(report.units[_OUTLINE_FIELDS].to_dict("records"), key=lambda unit: unit["start"]):
        if unit["kind"] != "title":
            tree.setdefault(int(unit["part"]), {}).setdefault(int(unit["section"]), []).append(unit)
    themes = {theme["key"]: theme for theme in data["themes"]}
    part_shares = _shares_by(data["part_shares"], ["part"])
    section_shares = _shares_by(data["section_shares"], ["part", "section"])
    out = ['<ol class="parts">']
    for part in sorted(tree):
        sections = tree[part]
        first = next(iter(sections.values()))[0]  # the part's first unit in reading order
        role = data["roles"].get(part, "other")
        title = first["text"] if first["kind"] == "heading" and not first["section"] else (
            first["part_title"] or ("preamble" if part == 0 else f"part {part}"))
        badge = f' <span class="role role-{_e(role)}">{_e(role)}</span>' if role != title else ""
        out.append(f'<li><a href="#u{int(first["unit_id"])}">{_e(_label(title))}</a>{badge}'
                   f'{_share_chips(part_shares.get((part,), []), themes)}')
        items_html = _items_html(sections.get(0, []))
        numbered = [section for section in sorted(sections) if section > 0]
        if numbered or items_html:
            out.append('<ol class="sections">' + items_html)
            for section in numbered:
                head = sections[section][0]
                out.append(f'<li><a href="#u{int(head["unit_id"])}">{_e(_label(head["text"]))}</a>'
                           f'{_share_chips(section_shares.get((part, section), []), themes, top=3)}'
                           f'{_items_html(sections[section])}</li>')
            out.append("</ol>")
        out.append("</li>")
    out.append("</ol>")
    return "".join(out)


def _items_html(units: list[dict]) -> str:
    firsts: dict[int, dict] = {}
    for unit in units:
        if unit["item"] > 0:
            firsts.setdefault(int(unit["item"]), unit)
    links = "".join(f'<li><a href="#u{int(unit["unit_id"])}">{_e(_label(unit["text"], 20))}</a></li>'
                    for unit in firsts.values())
    return f'<ol class="items">{links}</ol>' if links else ""


def _findings_html(data: dict) -> str:
    claims = {claim["id"]: claim for claim in data["claims"]}
    if not data["findings"]:
        return "<p>No check applies to this report's claims.</p>"
    rows = []
    for finding in data["findings"]:
        links = " ".join(f'<a href="#c{i}">{_e(claims[i]["raw"]) if i in claims else i}</a>' for i in finding["claims"])
        rows.append(f'<li id="f{finding["id"]}" class="finding st-{_e(finding["status"])}">'
                    f'<span class="status">{_STATUS_GLYPHS.get(finding["status"], "?")} {_e(finding["status"])}</span> '
                    f'<code>{_e(finding["check"])}</code> {_e(finding["detail"])} <span class="refs">claims: {links}</span></li>')
    return f'<ol class="findings">{"".join(rows)}</ol>'


def _legend_html(data: dict, shares: pd.DataFrame) -> str:
    coded = dict(zip(shares["theme"], shares["share"])) if len(shares) else {}
    buttons = "".join(
        f'<li><button type="button" class="toggle" data-theme="{_e(t["key"])}" aria-pressed="true">'
        f'<span class="tm" data-theme="{_e(t["key"])}"></span> {_e(t["label_zh"])} '
        f'<span class="en">{_e(t["key"])}</span> <span class="pct">{_e(_percent(coded.get(t["key"], 0)))}</span></button></li>'
        for t in data["themes"])
    kinds = "".join(f'<li><span class="claim k-{kind}">{kind}</span></li>' for kind in _KIND_LINES)
    return (f'<ul class="legend">{buttons}</ul><p class="hint">% = share of the report\'s sentences '
            f'the theme touches. Click to hide or show a theme\'s marks.</p><ul class="kinds">{kinds}</ul>')


def _style(data: dict) -> str:
    rules = [f'.tm[data-theme="{t["key"]}"]::before,.chip[data-theme="{t["key"]}"]{{color:{t["color"]}}}'
             f'.tm[data-theme="{t["key"]}"]::before{{content:"{t["glyph"]}"}}'
             f'body.off-{t["key"]} .u .tm[data-theme="{t["key"]}"]{{display:none}}' for t in data["themes"]]
    rules += [f".claim.k-{kind}{{text-decoration-color:{KIND_COLORS.get(kind, '#000000')};"
              f"text-decoration-style:{line}}}" for kind, line in _KIND_LINES.items()]
    return "\n".join(rules)


def _asset(name: str) -> str:
    return (paths.ASSETS_DIR / name).read_text(encoding="utf-8")


_TEMPLATE = Template(_asset("annotate.html"))  # the page's frame; $names are filled by annotated_page


def _json_script(payload: dict) -> str:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _SCRIPT_END.sub(r"<\\/", text)


def annotated_page(report: Report, *, codebook: Codebook | str | Path | None = None) -> str:
    """The annotated page of one parsed report, as one self-contained HTML document.

    Args:
        report: a parsed report (:func:`jzrol.read_report`).
        codebook: the themes codebook (a path or :class:`jzrol.themes.Codebook`; the default one when None).

    >>> from jzrol.report import parse_report
    >>> page = annotated_page(parse_report("一、成效\\n\\n共办结12件，约3.5万元。"))
    >>> page.count("data-claim="), 'id="u2"' in page
    (2, True)
    """
    data = page_data(report, codebook=codebook)
    meta = report.meta
    source = report.source
    provenance = meta.provenance or {}
    facts = [("issuer", "、".join(meta.issuer)), ("year", meta.year), ("published", meta.published),
             ("site", meta.site_name), ("file", Path(source.path).name if source else ""),
             ("encoding", provenance.get("encoding")), ("sha256", provenance.get("sha256"))]
    facts_html = "".join(f"<dt>{name}</dt><dd>{_e(value)}</dd>" for name, value in facts if _plain(value))
    warnings = "".join(f"<li>{_e(warning)}</li>" for warning in meta.warnings)
    warnings_html = (f'<section class="warnings" role="note" aria-label="provenance warnings"><h2>Provenance warnings</h2>'
                     f'<ul>{warnings}</ul></section>' if warnings else '<p class="nowarn">No provenance warnings.</p>')
    text_units = int((report.units["kind"] == "text").sum())
    coded = len(data["hits"])
    exact = sum(claim["qualifier"] == "exact" for claim in data["claims"])
    counts = {status: sum(f["status"] == status for f in data["findings"]) for status in _STATUS_ORDER}
    summary = (f'{len(data["claims"])} numeric claims ({exact} exact); {len(data["findings"])} check findings '
               f'({", ".join(f"{n} {s}" for s, n in counts.items())}); {coded} of {text_units} sentences coded with a theme.')
    script_data = {"claims": {str(c["id"]): {k: c[k] for k in ("raw", "value", "unit", "kind", "qualifier", "interval",
                                                                   "subject", "group", "role", "findings", "status")}
                              for c in data["claims"]},
                   "findings": {str(f["id"]): f for f in data["findings"]}}
    title = meta.title or meta.doc_id
    language = "zh-Hant" if provenance.get("script") == "traditional" else "zh-Hans"
    return _TEMPLATE.substitute(
        language=language, title=_e(title), style=_asset("annotate.css") + "\n" + _style(data), facts=facts_html,
        warnings=warnings_html, summary=_e(summary), outline=_outline_html(report, data),
        legend=_legend_html(data, data["doc_shares"]), body=_body_html(report, data), findings=_findings_html(data),
        data=_json_script(script_data), script=_asset("annotate.js"))


def write_annotated_page(report: Report, path: str | Path, *, codebook: Codebook | str | Path | None = None) -> Path:
    """Write :func:`annotated_page` to ``path`` atomically (nothing half-written on failure); returns the path.

    >>> import tempfile
    >>> from jzrol import paths, read_report
    >>> page = write_annotated_page(read_report(paths.SEED_REPORT), Path(tempfile.mkdtemp()) / PAGE_NAME)
    >>> page.name, page.stat().st_size < 300_000
    ('annotated-report.html', True)
    """
    path = Path(path)
    atomic_write_text(path, annotated_page(report, codebook=codebook))
    return path
