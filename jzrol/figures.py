"""Reproducible figures: matplotlib set-up, ``save_figure``, and ``build`` (every figure, MANIFEST, write-up).

Two builds with the same inputs, package versions and font give byte-identical
files: PNG and SVG carry no dates or versions, SVG ids come from a fixed salt,
text in SVG is drawn as paths, every random choice takes a seed from
:data:`SEEDS`, and tables are written in a fixed order.

>>> from jzrol.figures import build
>>> written = build(out_dir="figures")  # doctest: +SKIP
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from tqdm.auto import tqdm

from jzrol import claims, corpus, paths, plots, terms, themes
from jzrol import sections as sections_helpers
from jzrol.annotate import PAGE_NAME, annotated_page
from jzrol.display import theme_labels as all_theme_labels
from jzrol.fonts import FontChoice, find_cjk_font
from jzrol.io import atomic_write_bytes, atomic_write_text, recording_writes
from jzrol.manifest import MANIFEST_NAME, PACKAGES, make_manifest, sha256_file
from jzrol.report import Report, outline, read_report
from jzrol.report import part_roles as report_part_roles
from jzrol.staging import BuildFolderError, staged_folder

__all__ = ["DPI", "PACKAGES", "SEEDS", "BuildFiles", "FigureResult", "build", "configure_matplotlib", "save_figure", "table_csv"]

DPI = 150
#: What :func:`save_figure` writes by default; PDF on request (``jzrol build --figure-formats png,svg,pdf``).
FIGURE_FORMATS = ("png", "svg")
#: Per format, the metadata left out so that files do not change between runs.
_SAVE_OPTIONS = {
    "png": {"metadata": {"Software": None}},
    "svg": {"metadata": {"Date": None, "Creator": None}},
    "pdf": {"metadata": {"Creator": None, "Producer": None, "CreationDate": None}},
}
_DEFAULT_FORMATS = list(FIGURE_FORMATS)
#: Every random choice in a figure takes its seed from here; the MANIFEST records them.
SEEDS = {"wordcloud": 20201231}


@dataclass
class FigureResult:
    """One figure of the write-up: its files, title, caption and the numbers worth quoting."""

    name: str
    title: str
    caption: str
    key_numbers: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    markdown: str = ""  # a table shown in the write-up in place of (or beside) a picture


def configure_matplotlib(font: FontChoice | None = None, *, dpi: int = DPI,
                         formats: Sequence[str] = FIGURE_FORMATS) -> FontChoice:
    """Point matplotlib at the CJK font and fix everything that would make files differ between runs.

    ``dpi`` and ``formats`` become what :func:`save_figure` writes when not told otherwise.

    Returns the font in use. Raises :class:`jzrol.fonts.FontNotFoundError` when there is none.
    """
    unknown = sorted(set(formats) - set(_SAVE_OPTIONS))
    if unknown or not formats:
        raise ValueError(f"figure formats are {', '.join(_SAVE_OPTIONS)}, not {', '.join(unknown) or 'none'}")
    _DEFAULT_FORMATS[:] = list(formats)
    font = font or find_cjk_font()
    matplotlib.font_manager.fontManager.addfont(str(font.path))
    matplotlib.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [font.family, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.hashsalt": "jzrol",
        "svg.fonttype": "path",
        "figure.dpi": 100,
        "savefig.dpi": dpi,
        "savefig.bbox": "tight",
        "figure.constrained_layout.use": False,
    })
    return font


def table_csv(table: pd.DataFrame) -> str:
    """CSV text of a table as jzrol writes it everywhere (UTF-8, ``\\n`` line ends, no index)."""
    return table.to_csv(index=False, lineterminator="\n")


def save_figure(fig: Figure, name: str, *, table: pd.DataFrame | None = None,
                out_dir: str | Path = paths.FIGURES_DIR, dpi: int | None = None,
                formats: Sequence[str] | None = None) -> list[Path]:
    """Write the figure as ``name.png``, ``name.svg`` (and ``name.pdf`` when asked) and the table behind
    it as ``name.csv``, atomically.

    ``dpi`` is the PNG's resolution (300 for print; by default the one :func:`configure_matplotlib`
    set, 150 unless told); ``formats`` any of ``png``, ``svg``, ``pdf`` (by default those of
    :func:`configure_matplotlib`, PNG and SVG unless told). Files carry no dates or versions, so a
    second run writes the same bytes. The figure is rendered to memory first, so a failure leaves no
    half-written file. The figure is closed.

    >>> fig, ax = plt.subplots(); _ = ax.plot([2019, 2021], [1, 2])
    >>> import tempfile; folder = tempfile.mkdtemp()
    >>> [p.name for p in save_figure(fig, "demo", out_dir=folder, dpi=300, formats=["png", "pdf"])]
    ['demo.png', 'demo.pdf']
    """
    out_dir = Path(out_dir)
    formats = list(formats or _DEFAULT_FORMATS)
    unknown = sorted(set(formats) - set(_SAVE_OPTIONS))
    if unknown:
        plt.close(fig)
        raise ValueError(f"figure formats are {', '.join(_SAVE_OPTIONS)}, not {', '.join(unknown)}")
    dpi = dpi or matplotlib.rcParams["savefig.dpi"]
    if dpi == "figure":
        dpi = DPI
    outputs: list[tuple[Path, bytes]] = []
    try:
        for suffix in formats:
            buffer = io.BytesIO()
            fig.savefig(buffer, format=suffix, dpi=dpi, **_SAVE_OPTIONS[suffix])
            outputs.append((out_dir / f"{name}.{suffix}", buffer.getvalue()))
    finally:
        plt.close(fig)
    if table is not None:
        outputs.append((out_dir / f"{name}.csv", table_csv(table).encode("utf-8")))
    for path, data in outputs:
        atomic_write_bytes(path, data)
    return [path for path, _ in outputs]


# --- figure builders: each analysis adds one -------------------------------------------------

def structure_figures(report: Report, out_dir: Path) -> list[FigureResult]:
    """Figure 1: how the report spends its text across parts and sections."""
    table = outline(report.units)
    fig, ax = plt.subplots(figsize=(8, max(3.0, 0.42 * table["part"].nunique() + 1.2)))
    plots.plot_outline(table, ax=ax)
    ax.set_title("Length of each part, its sections stacked inside (characters of text)", loc="left")
    name = "01-structure-outline"
    files = save_figure(fig, name, table=table, out_dir=out_dir)
    parts = report.parts()
    per_part = table.groupby("part")["characters"].sum()
    total = int(per_part.sum())
    longest = table.loc[table["characters"].idxmax()]
    numbers = [f"{len(parts)} parts, {len(report.sections())} sections, "
               f"{int((report.units.kind == 'text').sum())} sentences, {total:,} characters of text"]
    for part, title in zip(parts["part"], parts["part_title"]):
        share = per_part.get(part, 0) / total if total else 0
        numbers.append(f"part {part} {title}: {int(per_part.get(part, 0)):,} characters ({share:.0%})")
    numbers.append(f"longest unit of the outline: {longest['section_title'] or longest['part_title'] or 'preamble'} "
                   f"({int(longest['characters']):,} characters)")
    caption = (
        "Each bar is one part of the report in reading order; its length is the number of characters of its "
        "sentences (headings excluded), and its segments, numbered, are its sections in reading order (an "
        "unnumbered first segment is text before the first section). Parts compare with parts, sections with "
        "the sections of their part. Long bars are where the report spends its words: in this genre, "
        "achievements usually take far more space than problems."
    )
    return [FigureResult(name, "Structure of the report", caption, numbers, files)]


TOP_N_TERMS = 10
DISPERSION_TERMS = 8
KEYNESS_BARS = 12


def _ties_note(side: pd.DataFrame, shown: int, where: str) -> str:
    """'; 7 more terms share the G² of the last bar on the right' when the cut-off falls inside a tie."""
    if len(side) <= shown:
        return ""
    last = side["g2"].iloc[shown - 1]
    more = int((side["g2"].iloc[shown:] == last).sum())
    return f"; {more} more terms share the G² of the last bar on the {where} (G²={last:.2f})" if more else ""


_PLACE_SUFFIX = re.compile(r"(?:省|自治区|市|自治州|州|盟|地区|区|县|自治县|旗|镇|乡)$")


def fold_place_name(counts: pd.DataFrame, place: str | None) -> pd.DataFrame:
    """Count the report's place and its short form (锦州市, 锦州) as one term, under the full name.

    >>> counts = pd.DataFrame({"term": ["锦州", "执法", "锦州市"], "n": [5, 4, 2]})
    >>> fold_place_name(counts, "锦州市")[["term", "n"]].values.tolist()
    [['锦州市', 7], ['执法', 4]]
    """
    short = _PLACE_SUFFIX.sub("", place or "")
    if not place or len(short) < 2 or short == place or short not in set(counts["term"]):
        return counts
    merged = counts.assign(term=counts["term"].replace(short, place))
    keys = [c for c in merged.columns if c not in ("term", "n", "per_1000")]
    folded = merged.groupby([*keys, "term"], as_index=False, sort=False)["n"].sum()
    if "per_1000" in counts.columns:
        total = counts["n"].sum()
        folded["per_1000"] = (folded["n"] / total * 1000).round(2) if total else 0.0
    folded = folded.sort_values("n", ascending=False, kind="stable").reset_index(drop=True)
    return folded[[c for c in counts.columns if c in folded.columns]]


def term_figures(report: Report, out_dir: Path) -> list[FigureResult]:
    """Figures 2–5: top terms by part, word cloud, keyness of problems vs achievements, dispersion."""
    toks = terms.tokens(report.units)
    results = []

    by_part = terms.count_terms(toks, by=["doc_id", "part"], policy_verbs="drop")
    top = terms.top_terms(by_part[by_part["part"] > 0], TOP_N_TERMS)
    parts = report.parts()
    if len(parts):
        columns = min(len(parts), 3)
        rows = -(-len(parts) // columns)
        fig, axes = plt.subplots(rows, columns, figsize=(3.4 * columns, 3.6 * rows), squeeze=False, sharex=True)
        for ax, (part, title) in zip(axes.flat, zip(parts["part"], parts["part_title"])):
            plots.plot_top_terms(top[top["part"] == part], n=TOP_N_TERMS,
                                 color=plots.part_color(part), ax=ax)
            ax.set_title(plots.section_label(part, 0, title, 12), loc="left", fontsize=10)
        for ax in list(axes.flat)[len(parts):]:
            ax.set_visible(False)
        for ax in axes.flat:
            ax.xaxis.set_tick_params(labelbottom=True)
        fig.suptitle(f"Most frequent terms in each part (top {TOP_N_TERMS}, policy verbs dropped)", x=0.02, ha="left")
        fig.tight_layout()
        name = "02-terms-top-by-part"
        numbers = [f"part {p}: " + "、".join(top.loc[top["part"] == p, "term"].head(5)) for p in parts["part"]]
        results.append(FigureResult(
            name, "Most frequent terms by part",
            "Each panel lists the most frequent terms of one part, as a rate per 1,000 counted terms (raw count at "
            "the bar's end), on one scale shared by every panel. Stopwords, numbers and the genre's policy verbs (加强, 推进 …; see "
            "jzrol/lexicon/policy_verbs.txt) are left out, so what remains is what each part is about.",
            numbers, save_figure(fig, name, table=top, out_dir=out_dir)))

    overall = fold_place_name(terms.count_terms(toks, by=["doc_id"], policy_verbs="drop"), report.meta.place)
    cloud_table = overall.head(150)[["term", "n"]]
    fig, ax = plt.subplots(figsize=(8, 4.7))
    plots.plot_wordcloud(cloud_table.set_index("term")["n"], font_path=str(find_cjk_font().single_face_path()),
                         random_state=SEEDS["wordcloud"], ax=ax)
    name = "03-terms-wordcloud"
    results.append(FigureResult(
        name, "Word cloud of the report's terms",
        "Word size follows each term's count in the report (the 150 most frequent terms, stopwords and policy "
        "verbs dropped); position and colour carry no meaning. The report's own place and its short form "
        "(锦州市 and 锦州) name one government, so they are counted as one term under the full name. It is drawn from jzrol's own token counts, so "
        "multi-character policy terms (法治政府建设, 规范性文件) stay whole. Read sizes, not places.",
        ["top terms: " + "、".join(f"{t} ({n})" for t, n in zip(overall["term"].head(8), overall["n"].head(8)))],
        save_figure(fig, name, table=cloud_table, out_dir=out_dir)))

    roles = report_part_roles(report.units)
    problem_parts = roles.loc[roles["role"] == "problems", "part"].tolist()
    achievement_parts = roles.loc[roles["role"] == "achievements", "part"].tolist()
    if problem_parts and achievement_parts:
        table = terms.keyness_between(toks, {"part": problem_parts}, {"part": achievement_parts},
                                      policy_verbs="drop")
        fig, ax = plt.subplots(figsize=(7, 7))
        plots.plot_keyness(table, n=KEYNESS_BARS, target_label="problems", reference_label="achievements", ax=ax)
        ax.set_title("Keyness: the problems part against the achievements part", loc="left")
        name = "04-terms-keyness-problems-vs-achievements"
        over = table[table["direction"] > 0]
        under = table[table["direction"] < 0]
        exact = int((table["p_method"] == "fisher").sum())
        results.append(FigureResult(
            name, "What the report says when it admits problems",
            "Log-likelihood (G²) keyness of the problems part (target) against the achievements part (reference), "
            "on the whole 2×2 table of each term, without Williams' correction. Bars to the right are terms at a "
            "higher rate when the report describes shortcomings, bars to the left terms of its success story; bar "
            "length is G². An asterisk marks a term whose p, adjusted for the "
            f"{len(table)} terms tested at once (Benjamini–Hochberg), is below 0.05; p is Fisher's exact test "
            f"where an expected count is below 5 ({exact} of the {len(table)} terms here), else G²'s chi-squared "
            "tail. Terms of equal G² are ordered by the term's Unicode code points (a fixed order that carries no meaning)"
            f"{_ties_note(over, KEYNESS_BARS, 'right')}{_ties_note(under, KEYNESS_BARS, 'left')}. "
            "With parts this short most terms rest on a few occurrences: read the chart as a ranking; the table "
            "gives each term's counts, both p-values (p_g2, p), p_bh and the log ratio (effect size).",
            ["problems: " + "、".join(f"{t} (G²={g:.1f}, adjusted p={p:.3g})"
                                      for t, g, p in zip(over["term"].head(5), over["g2"], over["p_bh"])),
             "achievements: " + "、".join(f"{t} (G²={g:.1f}, adjusted p={p:.3g})"
                                          for t, g, p in zip(under["term"].head(5), under["g2"], under["p_bh"]))],
            save_figure(fig, name, table=table, out_dir=out_dir)))

    general = terms.keyness_between(toks, {"doc_id": report.doc_id}, None, policy_verbs="drop", min_n=3)
    chosen = general[general["direction"] > 0]["term"].head(DISPERSION_TERMS).tolist()
    positions = toks.loc[toks["token"].isin(chosen), ["part", "section", "position", "token"]]
    starts = toks.groupby("part")["position"].min().reset_index()
    starts = starts[starts["part"] > 0]
    boundaries = starts.assign(label=[f"part {p}" for p in starts["part"]])
    if not chosen:
        return results
    fig, ax = plt.subplots(figsize=(9, 0.4 * len(chosen) + 1.4))
    plots.plot_dispersion(positions, chosen, boundaries=boundaries, ax=ax)
    ax.set_title("Where the report's most distinctive terms occur", loc="left", pad=14)
    name = "05-terms-dispersion"
    results.append(FigureResult(
        name, "Dispersion of distinctive terms",
        "Each row is one of the report's most distinctive terms (highest G² among the terms at a higher rate "
        "than in general Chinese, the word frequencies that ship with jieba's dictionary, from which stopwords, "
        "numbers and policy verbs are left out as they are from the report); each tick is one occurrence, placed by its token "
        "position; dashed lines mark where parts begin. A term spread across the report is a frame; a term "
        "packed in one stretch belongs to one topic.",
        ["terms: " + "、".join(chosen)],
        save_figure(fig, name, table=positions.reset_index(drop=True), out_dir=out_dir)))
    return results


def _markdown_table(table: pd.DataFrame) -> str:
    cells = table.map(lambda value: "" if pd.isna(value) else str(value).replace("|", "\\|"))
    header = "| " + " | ".join(table.columns) + " |"
    rule = "|" + "---|" * len(table.columns)
    return "\n".join([header, rule] + ["| " + " | ".join(row) + " |" for row in cells.itertuples(index=False)])


def claim_figures(report: Report, out_dir: Path) -> list[FigureResult]:
    """Figures 6–8 and the findings table: what the report quantifies, how precisely, and whether it adds up."""
    found = claims.extract_claims(report.units)
    results = []
    if found.empty:
        return results
    by_section = claims.claims_by_section(found, report.units)
    titles = dict(zip(zip(by_section["part"], by_section["section"]), by_section["title"]))
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(titles) + 1.4))
    plots.plot_claims_by_kind(by_section, ax=ax)
    ax.set_title("Numeric claims in each part and section, by kind", loc="left")
    name = "06-claims-by-section"
    kinds = found["kind"].value_counts()
    busiest = by_section.groupby(["part", "section", "title"])["n"].sum().idxmax()
    results.append(FigureResult(
        name, "Where the report quantifies",
        "Each bar counts the numeric claims of one part or section (years, dates, ordinals, identifiers and named "
        "formulas such as 1+5+N are not claims), split by kind: counts (项, 件, 人次 …), percentages, money, "
        "durations and physical measures. Sections without a bar assert no number at all.",
        [f"{len(found)} claims: " + ", ".join(f"{n} {kind}" for kind, n in kinds.items()),
         f"most quantified: {plots.section_label(busiest[0], busiest[1], busiest[2], 30)} "
         f"({int(by_section.groupby(['part', 'section'])['n'].sum().max())} claims)"],
        save_figure(fig, name, table=by_section, out_dir=out_dir)))

    part, section = busiest[0], busiest[1]
    chosen = found[(found["part"] == part) & (found["section"] == section)]
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(chosen) + 1.4))
    plots.plot_quantities(chosen, ax=ax)
    ax.set_title(f"Quantities asserted in {plots.section_label(part, section, busiest[2], 20)}", loc="left")
    name = "07-claims-quantities"
    largest = chosen.loc[chosen["value"].idxmax()]
    results.append(FigureResult(
        name, "The quantities of the most quantified section",
        "Every number the most quantified section asserts, one dot each, on a logarithmic scale so that 7 次 and "
        "210000 人次 fit one axis (dots, not bars: on a log scale a bar's length means nothing); each row is "
        "labelled with the phrase it measures (with the claim's number where two share a phrase) and the number "
        "as written (余 = more than, 约 = about). Colours give the kind of claim. Numbers of different units are "
        "not comparable: read each against its label.",
        [f"{len(chosen)} claims; largest: {largest['subject']} {largest['raw']}",
         f"{(chosen['qualifier'] != 'exact').mean():.0%} of them approximate or bounded"],
        save_figure(fig, name, table=chosen, out_dir=out_dir)))

    profile = claims.precision_profile(found)
    fig, ax = plt.subplots(figsize=(8, 0.32 * profile[["part", "section"]].drop_duplicates().shape[0] + 1.4))
    plots.plot_precision_profile(profile, titles, ax=ax)
    ax.set_title("How concrete is each section? Exact, approximate and bounded numbers", loc="left")
    name = "08-claims-precision-profile"
    levels = found["qualifier"].map(claims.precision_level).value_counts(normalize=True)
    results.append(FigureResult(
        name, "Precision profile of each section",
        "For each section that asserts numbers, the share of its claims that are exact (56件), approximate "
        "(约10000人) or bounded (1000余场次, 90个工作日以内). Reports of this genre tend to be exact where they "
        "report case handling and approximate where they report outreach; a section made of 余 and 约 is "
        "telling its story in round numbers.",
        [", ".join(f"{level} {levels.get(level, 0):.0%}" for level in claims.PRECISION_LEVELS) + " of all claims"],
        save_figure(fig, name, table=profile, out_dir=out_dir)))

    findings = claims.check_claims(found, report.units)
    name = "09-claims-findings"
    files = []
    if not findings.empty:
        path = out_dir / f"{name}.csv"
        atomic_write_text(path, table_csv(findings))
        files.append(path)
    statuses = findings["status"].value_counts()
    results.append(FigureResult(
        name, "Does the report's arithmetic add up?",
        "Each row is a relation the report's own numbers imply, tested: parts against totals, rates against the "
        "counts they come from, the base a rate implies, parts against wholes, and from→to changes against their "
        "verb. `rounding` means the stated figure is right only if the source truncated instead of rounding.",
        [", ".join(f"{statuses.get(s, 0)} {s}" for s in ("consistent", "rounding", "inconsistent"))],
        files, markdown=_markdown_table(findings[["check", "status", "claim_ids", "detail"]]) if len(findings) else
        "No relation between the report's numbers was found to test."))
    return results


def theme_figures(report: Report, out_dir: Path) -> list[FigureResult]:
    """Figures 9–11 and the validation table: what the report spends its words on, by the codebook."""
    hits = themes.code_units(report.units)
    results = []
    if hits.empty:
        return results
    book = themes.load_codebook()
    sections = themes.theme_table(hits, report.units, by="section", weight="sentences")
    titled = outline(report.units)
    titles = {(p, s): (st or pt) for p, s, pt, st in
              zip(titled["part"], titled["section"], titled["part_title"], titled["section_title"])}
    cover = themes.coverage(hits, report.units).iloc[0]
    few = themes.FEW_SENTENCES

    fig, ax = plt.subplots(figsize=(8.5, 0.38 * sections[["part", "section"]].drop_duplicates().shape[0] + 2.2))
    theme_labels = book.labels()
    plots.plot_theme_heatmap(sections, book.keys, titles, theme_labels=theme_labels, ax=ax)
    ax.set_title("Theme profile of each section (share of its sentences coded with each theme)", loc="left")
    name = "10-themes-section-heatmap"
    agreement = themes.heading_agreement(hits, report.units)
    labelled = agreement.dropna(subset=["agree"])
    small = sections.drop_duplicates(["part", "section"])
    small = small[small["few_sentences"]]
    results.append(FigureResult(
        name, "Themes section by section",
        "Each row is a part or section, each column a theme of the codebook (jzrol/lexicon/themes.yaml, after the "
        "national Outline for Building a Rule-of-Law Government 2021–2025), named by its Chinese label "
        "(the English labels and keys are in the codebook and the table); a cell is the share of the section's "
        "sentences that the codebook codes with the theme (a sentence can carry several themes, so a row does not "
        f"add up to 100%). Rows of fewer than {few} sentences show their count, (n=3): their shares rest on a "
        "handful. A dark cell alone in its row is a section about one thing; a spread-out row mixes topics. The "
        "table beside the figure also gives each theme's share of the section's codebook hits (hit_share), in "
        "which one word repeated in many sentences weighs more. Which terms put each sentence into a theme is in "
        "`jzrol themes --by unit` and notebook 03; the agreement below compares each heading with the theme that "
        "has most hits in its section.",
        [f"coverage: {cover.coded_units} of {cover.text_units} sentences coded ({cover.coverage:.0%})",
         f"{len(small)} of {len(sections.drop_duplicates(['part', 'section']))} rows rest on fewer than {few} "
         "sentences",
         f"headings agree with the dominant theme in {int(labelled['agree'].sum())} of {len(labelled)} "
         "sections whose heading names a topic"],
        save_figure(fig, name, table=sections, out_dir=out_dir),
        markdown=_markdown_table(agreement[["part", "section", "section_title", "heading_theme", "dominant_theme",
                                            "agree"]]) if len(agreement) else ""))

    parts = themes.theme_table(hits, report.units, by="part", weight="sentences")
    roles = {row.part: row.role for row in report_part_roles(report.units).itertuples()}
    part_titles = {(p, 0): (f"({roles[p]}) " if roles.get(p) else "") + titles.get((p, 0), "")
                   for p in parts["part"].unique()}
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(part_titles) + 2.2))
    plots.plot_theme_heatmap(parts, book.keys, part_titles, theme_labels=theme_labels, label_width=26, ax=ax)
    ax.set_title("Theme profile of each part (share of its sentences coded with each theme)", loc="left")
    name = "11-themes-by-part"
    top = parts.drop_duplicates("part")
    results.append(FigureResult(
        name, "Theme shares by part",
        "Each row is one part of the report, with its role (achievements, problems, plans) as read from its "
        "heading; a cell is the share of the part's sentences coded with the theme (several themes can share a "
        f"sentence). Parts of fewer than {few} sentences show their count. The table beside the figure gives the "
        "number of sentences behind each share (n_sentences) and the theme's share of the part's codebook hits "
        "(hit_share).",
        [f"part {row.part}: mostly {row.theme} ({row.sentences} of its {row.n_sentences} sentences, {row.share:.0%})"
         for row in top.itertuples()],
        save_figure(fig, name, table=parts, out_dir=out_dir)))

    comparison = themes.role_comparison(hits, report.units)
    if len(comparison) and {"problems", "plans"} <= set(roles.values()):
        doc = comparison[comparison["doc_id"] == report.doc_id]
        role_hits = sections_helpers.hits_by_role(hits, report.units)
        fig, ax = plt.subplots(figsize=(8, 0.55 * len(doc) + 1.4))
        plots.plot_role_comparison(doc, hits=role_hits, theme_labels=theme_labels, ax=ax)
        ax.set_title("Achievements, problems and plans: what each part is about", loc="left")
        name = "12-themes-problems-vs-plans"
        flagged = doc[doc["flag"] != ""]
        zh_labels = dict(zip(theme_labels["theme"], theme_labels["label_zh"]))
        results.append(FigureResult(
            name, "Do the plans answer the problems?",
            "For each theme (named by the codebook's Chinese and English labels), its share of the codebook hits in "
            "the achievements, problems and plans parts. A theme "
            "raised among the problems but absent from the plans is a problem without a plan; a theme planned but "
            "never named as a problem is a plan without a problem. Both are questions to put to the report, not "
            "verdicts: a plan may address a problem in other words. The legend gives the codebook hits behind "
            f"each part's shares (problems: {role_hits['problems']} hits, plans: {role_hits['plans']}): where "
            "they are a few dozen, one sentence more or less moves a share by several points.",
            [f"{zh_labels.get(row.theme, row.theme)} ({row.theme}): {row.flag}" for row in flagged.itertuples()]
            or ["every problem theme has a plan"],
            save_figure(fig, name, table=doc, out_dir=out_dir)))
    return results


#: Words followed across a corpus: the rule of law (法治), by law (依法) and the older legal system (法制).
CORPUS_TERMS = ("法治", "依法", "法制")


def corpus_figures(summary: corpus.CorpusSummary, out_dir: Path, label: str) -> list[FigureResult]:
    """Figures 12–14: words, themes and numbers across the reports of a corpus, year by year."""
    docs = summary.documents
    ok = docs[docs["error"].isna()]
    years = ok["year"].dropna()
    span = f"{int(years.min())}–{int(years.max())}" if len(years) else "no dated reports"
    results = []
    trend = corpus.term_trend(summary, CORPUS_TERMS)
    if len(trend):
        fig, ax = plt.subplots(figsize=(9, 4))
        plots.plot_term_trend(trend, ax=ax)
        ax.set_title(f"{'、'.join(CORPUS_TERMS)} across {label}, {span}", loc="left")
        name = "13-corpus-term-trend"
        peaks = trend.loc[trend.groupby("term")["per_10k"].idxmax()]
        firsts = trend[trend["n"] > 0].groupby("term")["year"].min()
        results.append(FigureResult(
            name, "The vocabulary of law across the years",
            "Relative frequency per 10,000 counted terms of each word, counting every token that contains it (依法 "
            "in 依法行政, 依法治国 …), one point per year; the line breaks across years without a report. The table "
            "behind the figure gives the counts, the year's total and the reports behind it (n_docs), so that a "
            "reader can see how much text each point stands on.",
            [f"{row.term}: first used {int(firsts.get(row.term, 0)) or '—'}, highest in {row.year} "
             f"({row.per_10k:.1f} per 10,000)" for row in peaks.itertuples()],
            save_figure(fig, name, table=trend, out_dir=out_dir)))
    theme_years = corpus.theme_trend(summary)
    if len(theme_years):
        fig, ax = plt.subplots(figsize=(max(6, 0.2 * theme_years["year"].nunique() + 2.5), 4.2))
        shown = sorted(set(theme_years["theme"]), key=themes.theme_order().__getitem__)
        labels = all_theme_labels()
        plots.plot_theme_years(theme_years, shown, theme_labels=labels, ax=ax)
        ax.set_title(f"Theme shares by year across {label}", loc="left")
        name = "14-corpus-theme-trend"
        top = theme_years.groupby("theme")["hits"].sum().sort_values(ascending=False)
        zh = dict(zip(labels["theme"], labels["label_zh"]))
        results.append(FigureResult(
            name, "Themes across the years",
            "Each column is a year, each row a theme of the codebook, named by its Chinese label (the keys and "
            "English labels are in the codebooks and the table gives the keys); the shade is the theme's share of that "
            "year's codebook hits. Each report is coded with the codebook of its genre (the codebook column of the "
            "table): government work reports with the work-report codebook (五位一体 plus Party building, reform "
            "and opening-up and livelihood), rule-of-law reports with the rule-of-law codebook.",
            ["most coded overall: " + ", ".join(f"{zh.get(key, key)} ({key})" for key in top.index[:3])],
            save_figure(fig, name, table=theme_years, out_dir=out_dir)))
    by_year = corpus.claims_by_year(summary)
    if len(by_year):
        fig, ax = plt.subplots(figsize=(9, 4))
        plots.plot_claims_by_year(by_year, ax=ax)
        ax.set_title(f"How much the reports quantify, {span}", loc="left")
        name = "15-corpus-claims-by-year"
        busiest = by_year.loc[by_year["claims_per_10k_chars"].idxmax()]
        results.append(FigureResult(
            name, "How much the reports quantify",
            "Bars: numeric claims per 10,000 characters of text in each year's reports; line: the share of those "
            "claims that are exact rather than approximate (约) or bounded (余, 以上).",
            [f"{int(by_year['claims'].sum()):,} claims in {int(by_year['documents'].sum())} reports; densest: "
             f"{int(busiest['year'])} ({busiest['claims_per_10k_chars']:.1f} per 10,000 characters)"],
            save_figure(fig, name, table=by_year, out_dir=out_dir)))
    failures = summary.failures
    if len(failures):
        results.append(FigureResult("corpus-failures", "Reports that could not be analysed",
                                    "These files were skipped, each for the reason given.", [], [],
                                    markdown=_markdown_table(failures[["doc_id", "error"]])))
    return results


#: The figure builders `build` runs, in write-up order.
BUILDERS: list[Callable[[Report, Path], list[FigureResult]]] = [structure_figures, term_figures, claim_figures,
                                                                theme_figures]


# --- build ------------------------------------------------------------------------------------

def _how_many(count: int, noun: str) -> str:
    """'11 figures', 'a table', 'no table'.

    >>> _how_many(11, "figure"), _how_many(1, "table"), _how_many(0, "table")
    ('11 figures', 'a table', 'no table')
    """
    return {0: f"no {noun}", 1: f"a {noun}"}.get(count, f"{count} {noun}s")


def _writeup(report: Report, results: list[FigureResult]) -> str:
    meta = report.meta
    lines = [
        f"# {meta.title or meta.doc_id}",
        "",
        "Figures and tables regenerated by `jzrol build` from the report "
        f"`{meta.doc_id}`" + (f" (sha256 `{report.source.sha256[:12]}…`)." if report.source else "."),
        "",
        "| field | value |",
        "|---|---|",
        f"| issuer | {'、'.join(meta.issuer) or '—'} |",
        f"| year reported on | {meta.year or '—'} |",
        f"| published | {meta.published or '—'} |",
        f"| site name in page chrome | {meta.site_name or '—'} |",
        f"| site identifier code | {meta.site_code or '—'} |",
        "",
    ]
    if meta.warnings:
        lines += ["**Provenance warnings.** A reader citing this page should know:", ""]
        lines += [f"- {warning}" for warning in meta.warnings] + [""]
    pictures = sum(any(f.suffix == ".png" for f in r.files) for r in results)
    tables = len(results) - pictures
    lines += [f"This write-up has {_how_many(pictures, 'figure')} and {_how_many(tables, 'table')}.", ""]
    numbers = {"Figure": 0, "Table": 0}
    for result in results:
        png = next((f.name for f in result.files if f.suffix == ".png"), None)
        kind = "Figure" if png else "Table"
        numbers[kind] += 1
        lines += [f"## {kind} {numbers[kind]}. {result.title}", ""]
        if png:
            lines += [f"![{result.title}]({png})", ""]
        lines += [result.caption, ""]
        if result.markdown:
            lines += [result.markdown, ""]
        if result.key_numbers:
            lines += ["Key numbers:", ""] + [f"- {n}" for n in result.key_numbers] + [""]
        tables = [f.name for f in result.files if f.suffix == ".csv"]
        if tables:
            lines += [f"Table behind the figure: {', '.join(f'`{t}`' for t in tables)}.", ""]
    rows = "title line, heading or sentence"
    if (report.units["kind"] == "signature").any():
        rows += ", and the lines of the closing signature"
    lines += [
        "## Files",
        "",
        f"`units.csv` is the parsed structure (one row per {rows}, with offsets into the "
        "source text); `info.json` is the report's metadata; "
        f"`{PAGE_NAME}` is the report itself with its claims, findings, themes and outline marked on the text "
        "(one page, opens offline in any browser); `MANIFEST` lists every file's sha256 with the package "
        "versions, lexicon hashes, font and seeds that produced it; `jzrol verify` checks the folder against it.",
        "",
    ]
    return "\n".join(lines)


class BuildFiles(list):
    """The files a build wrote (a list of paths), with the corpus reports it had to skip."""

    def __init__(self, files: list[Path], skipped: list[str]):
        super().__init__(files)
        self.skipped = skipped


def _corpus_inputs(summary: corpus.CorpusSummary) -> list[tuple[Path, str | None, str | None]]:
    """Each corpus file with its sha256 (None for a file that could not be read) and why it was skipped."""
    inputs = []
    for path, error in zip(summary.documents["path"], summary.documents["error"]):
        try:
            digest = sha256_file(Path(path))
        except OSError:
            digest = None
        inputs.append((Path(path), digest, error if isinstance(error, str) else None))
    return inputs


def build(input_path: str | Path = paths.SEED_REPORT, out_dir: str | Path = paths.FIGURES_DIR, *,
          progress: bool = True, font: FontChoice | None = None, corpus_dir: str | Path | None = None,
          workers: int = 2, dpi: int = DPI, figure_formats: Sequence[str] = FIGURE_FORMATS) -> BuildFiles:
    """Regenerate every figure and table for one report, the write-up and the MANIFEST, all or nothing.

    ``dpi`` is the PNGs' resolution (300 for print) and ``figure_formats`` the files of each figure
    (``png``, ``svg``, ``pdf``).

    Everything is written into a staging folder beside ``out_dir`` and swapped into place at the end
    (:func:`jzrol.staging.staged_folder`); the MANIFEST lists the sha256 of the bytes written. An error or
    ``Ctrl-C`` before the swap leaves ``out_dir`` as it was. Returns the files written (under ``out_dir``).

    Raises:
        jzrol.sources.SourceError: an unreadable input, before anything is written.
        jzrol.fonts.FontNotFoundError: no CJK font is installed, before anything is written.
        jzrol.staging.BuildFolderError: ``out_dir`` cannot be built into, the report has no body text, or
            ``corpus_dir`` is not a folder.
    """
    font = configure_matplotlib(font, dpi=dpi, formats=figure_formats)
    report = read_report(input_path)
    if not (report.units["kind"] == "text").any():
        raise BuildFolderError(f"{input_path}: report has no body text to analyse (headings only?)")
    if corpus_dir is not None:
        if not Path(corpus_dir).is_dir():
            raise BuildFolderError(f"{corpus_dir}: --corpus names no folder")
        try:
            with os.scandir(corpus_dir) as entries:
                next(entries, None)
        except OSError as error:
            raise BuildFolderError(f"{corpus_dir}: cannot read the folder ({error.strerror})") from None
    with staged_folder(out_dir) as stage, recording_writes() as written:
        steps = tqdm(BUILDERS, desc="jzrol build", unit="analysis", disable=not progress, file=sys.stderr)
        results: list[FigureResult] = []
        for builder in steps:
            steps.set_postfix_str(builder.__name__)
            results += builder(report, stage)
        summary = None
        if corpus_dir is not None:
            summary = corpus.summarize([corpus_dir], workers=workers, progress=progress)
            results += corpus_figures(summary, stage, f"{len(summary.documents)} reports in {Path(corpus_dir).name}")
        tables = {
            "units.csv": table_csv(report.units),
            "info.json": json.dumps(
                {**report.meta.to_dict(),
                 "provenance": {k: v for k, v in report.meta.provenance.items() if k != "path"}},
                ensure_ascii=False, indent=2) + "\n",
            "README.md": _writeup(report, results),
            PAGE_NAME: annotated_page(report),
        }
        for name, text in tables.items():
            atomic_write_text(stage / name, text)
        on_disk = {p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file()}
        hashes = {p.relative_to(stage).as_posix(): digest for p, digest in written.items()
                  if p.is_relative_to(stage)}
        if on_disk != set(hashes):  # a writer that bypassed jzrol.io: its bytes are not accounted for
            raise RuntimeError(f"files in the build without a recorded hash: {sorted(on_disk ^ set(hashes))}")
        source = report.source
        manifest = make_manifest(
            hashes, input_file=Path(source.path) if source else None, input_sha256=source.sha256 if source else None,
            font={"family": font.family, "file": font.path.name, "face": font.index, "sha256": font.sha256()},
            seeds=SEEDS, dpi=dpi, corpus_dir=Path(corpus_dir) if corpus_dir is not None else None, workers=workers,
            corpus_files=_corpus_inputs(summary) if summary is not None else None, figure_formats=list(figure_formats))
        atomic_write_text(stage / MANIFEST_NAME, manifest)
    out = Path(out_dir)
    skipped = [] if summary is None else [str(e) for e in summary.failures["error"]]
    return BuildFiles(sorted(out / name for name in hashes) + [out / MANIFEST_NAME], skipped)
