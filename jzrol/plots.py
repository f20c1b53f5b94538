"""Plotting helpers: each takes a tidy table and ``ax=None``, draws, and returns the Axes.

They never save or show; :func:`jzrol.figures.save_figure` writes files.

>>> from jzrol import read_report
>>> from jzrol.report import outline
>>> ax = plot_outline(outline(read_report(paths.SEED_REPORT).units))  # doctest: +SKIP
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from jzrol import paths  # noqa: F401  (used in the docstring example)

__all__ = ["FEW_DOCS", "PART_COLORS", "part_color", "plot_outline", "plot_trend_panels", "shorten", "with_gaps",
           "year_axis"]

#: Colour per part, colour-blind safe (Okabe–Ito), cycling after eight parts; part 0 is grey.
PART_COLORS = ["#999999", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]


def part_color(part: int) -> str:
    """The colour of a part: grey for the preamble (0), then the palette, cycling for any number of parts.

    >>> part_color(0), part_color(1), part_color(9) == part_color(1)
    ('#999999', '#0072B2', True)
    """
    if part <= 0:
        return PART_COLORS[0]
    return PART_COLORS[1 + (part - 1) % (len(PART_COLORS) - 1)]


def shorten(label: str, width: int = 16) -> str:
    """Cut a Chinese label to ``width`` characters with an ellipsis.

    >>> shorten("坚持多措并举,法治化营商环境建设进一步优化", 8)
    '坚持多措并举,…'
    """
    return label if len(label) <= width else label[: width - 1] + "…"


def _part_label(part: int, title: str) -> str:
    return "Preamble 引言" if part == 0 else f"{part}  {shorten(title)}"


def plot_outline(table: pd.DataFrame, *, value: str = "characters", ax: Axes | None = None) -> Axes:
    """One bar per part in reading order, its sections stacked inside it, coloured by part.

    A part's bar is as long as all its text, so parts compare with parts; its segments are its
    sections (numbered inside when there is room; text before the first section is the plain first
    segment), so sections compare within their part.

    Args:
        table: :func:`jzrol.report.outline` output (one document).
        value: column to draw: ``characters``, ``sentences`` or ``items``.
        ax: axes to draw on; a new figure when None.
    """
    parts = table.groupby(["part"], sort=True).agg(part_title=("part_title", "first"), total=(value, "sum"))
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(3, 0.42 * len(parts) + 1)))
    if table.empty:
        return _nothing_to_show(ax, "the report has no sentences to measure")
    widest = float(parts["total"].max()) or 1.0
    for y, (part, rows) in enumerate(table.groupby("part", sort=True)):
        left = 0.0
        for section, size in zip(rows["section"], rows[value]):
            ax.barh(y, size, left=left, color=part_color(part), edgecolor="white", linewidth=1.2)
            if section and size / widest > 0.045:
                ax.annotate(str(section), (left + size / 2, y), ha="center", va="center", fontsize=8,
                            color="white" if part_color(part) != PART_COLORS[7] else "black")
            left += size
        ax.annotate(f"{int(left):,}", (left, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(range(len(parts)), [_part_label(p, t) for p, t in zip(parts.index, parts["part_title"])])
    ax.invert_yaxis()
    ax.set_xlabel(f"{value} of text (segments: the part's sections, numbered)")
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.12)
    return ax


def plot_top_terms(counts: pd.DataFrame, *, n: int = 10, color: str = PART_COLORS[1],
                   ax: Axes | None = None) -> Axes:
    """Horizontal bars of the ``n`` most frequent terms of one group (a ``count_terms`` table).

    Bars show ``per_1000`` (relative frequency per 1,000 counted tokens), labelled with raw counts.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(4, 0.3 * n + 1))
    top = counts.sort_values(["n", "term"], ascending=[False, True], kind="stable").head(n)
    positions = range(len(top))
    ax.barh(positions, top["per_1000"], color=color)
    ax.set_yticks(list(positions), top["term"])
    ax.invert_yaxis()
    for y, (value, count) in enumerate(zip(top["per_1000"], top["n"])):
        ax.annotate(str(count), (value, y), xytext=(2, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_xlabel("per 1,000 terms")
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.15)
    return ax


def plot_wordcloud(frequencies: pd.Series, *, font_path: str, random_state: int, max_words: int = 150,
                   width: int = 1200, height: int = 700, ax: Axes | None = None) -> Axes:
    """A word cloud laid out from jzrol's own counts (not from raw text), seeded.

    A fresh ``WordCloud`` is built for every call: its random generator is consumed by the layout,
    so reusing one would give a different picture the second time.
    """
    from wordcloud import WordCloud

    if ax is None:
        _, ax = plt.subplots(figsize=(width / 150, height / 150))
    cloud = WordCloud(font_path=str(font_path), random_state=random_state, width=width, height=height,
                      max_words=max_words, background_color="white", prefer_horizontal=0.95,
                      collocations=False, color_func=_dark_palette_colour)
    cloud.generate_from_frequencies(dict(zip(frequencies.index, frequencies.to_numpy().tolist())))
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    return ax


#: Palette colours dark enough to read as small text on white (contrast above 4.5:1).
WORD_COLORS = ("#0072B2", "#000000", "#882255")


def _dark_palette_colour(word: str, **_) -> str:
    """A word's colour in the cloud: fixed by the word, from the palette's dark colours."""
    return WORD_COLORS[sum(map(ord, word)) % len(WORD_COLORS)]


def _nothing_to_show(ax: Axes, message: str) -> Axes:
    """An empty chart that says why it is empty (a report without the parts a chart compares)."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return ax


def plot_keyness(table: pd.DataFrame, *, n: int = 12, target_label: str = "target",
                 reference_label: str = "reference", alpha: float = 0.05, ax: Axes | None = None) -> Axes:
    """Diverging bars of the strongest terms each way of a ``keyness`` table (signed G²).

    Terms more frequent in the target (``direction`` 1) point right, terms more frequent in the
    reference (−1) point left; each side shows its first ``n`` rows in the table's order (by G²,
    equal G² by term). A term whose Benjamini–Hochberg adjusted p (``p_bh``) is below
    ``alpha`` is marked with an asterisk. An empty table (a report with no such part) gives an empty
    chart that says so.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.28 * 2 * n + 1))
    if table.empty:
        return _nothing_to_show(ax, f"nothing to compare: no {target_label} or no {reference_label} text")
    over = table[table["direction"] > 0].head(n)
    under = table[table["direction"] < 0].head(n)
    shown = pd.concat([over, under.iloc[::-1]])
    signed = shown["g2"].where(shown["direction"] > 0, -shown["g2"])
    colors = [PART_COLORS[2] if v > 0 else PART_COLORS[1] for v in signed]
    positions = range(len(shown))
    ax.barh(positions, signed, color=colors)
    labels = [term + ("*" if p < alpha else "") for term, p in zip(shown["term"], shown["p_bh"])]
    for y, (label, value) in enumerate(zip(labels, signed)):
        ax.annotate(label, (value, y), xytext=(3 if value > 0 else -3, 0), textcoords="offset points",
                    va="center", ha="left" if value > 0 else "right", fontsize=8)
    ax.set_yticks([])
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(f"G² (right: more in {target_label}; left: more in {reference_label}); "
                  f"* adjusted p < {alpha:g}")
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.margins(x=0.25)
    return ax


def plot_dispersion(positions: pd.DataFrame, terms: list[str], *, boundaries: pd.DataFrame | None = None,
                    ax: Axes | None = None) -> Axes:
    """Where each term occurs along the report: one row per term, one tick per occurrence.

    Args:
        positions: rows with ``token`` and ``position`` (token index in the document).
        terms: the terms to show, top to bottom.
        boundaries: optional ``position`` and ``label`` of part starts, drawn as dashed lines.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.4 * len(terms) + 1.2))
    for row, term in enumerate(terms):
        hits = positions.loc[positions["token"] == term, "position"]
        ax.vlines(hits, row - 0.35, row + 0.35, color=PART_COLORS[1], linewidth=1.2)
    ax.set_yticks(range(len(terms)), terms)
    ax.set_ylim(len(terms) - 0.5, -0.5)
    if boundaries is not None:
        for position, label in zip(boundaries["position"], boundaries["label"]):
            ax.axvline(position, color="grey", linestyle="--", linewidth=0.8)
            ax.annotate(label, (position, -0.5), xytext=(2, 2), textcoords="offset points", fontsize=8,
                        va="bottom", annotation_clip=False)
    ax.set_xlabel("token position in the report")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


KIND_COLORS = {"count": "#0072B2", "percent": "#D55E00", "money": "#009E73", "duration": "#CC79A7",
               "measure": "#E69F00"}
LEVEL_COLORS = {"exact": "#0072B2", "approximate": "#E69F00", "bounded": "#D55E00"}


def section_label(part: int, section: int, title: str = "", width: int = 14) -> str:
    """Short label of a part or section: '1.3 坚持多措并举…', '2 我市法治政府建设…', 'preamble'.

    >>> section_label(1, 3, "坚持多措并举,法治化营商环境建设进一步优化", 8)
    '1.3 坚持多措并举,…'
    """
    if part == 0:
        return "preamble"
    number = f"{part}.{section}" if section else f"{part}"
    return f"{number} {shorten(title, width)}".strip()


def _stacked_barh(table: pd.DataFrame, categories: list[str], colors: dict[str, str], ax: Axes) -> Axes:
    wide = table.pivot_table(index=["part", "section", "label"], columns="category", values="value",
                             aggfunc="sum", fill_value=0, observed=False).reindex(columns=categories, fill_value=0)
    wide = wide.sort_index(level=["part", "section"])
    left = pd.Series(0.0, index=wide.index)
    positions = range(len(wide))
    for category in categories:
        ax.barh(positions, wide[category], left=left, color=colors[category], label=category)
        left += wide[category]
    ax.set_yticks(list(positions), wide.index.get_level_values("label"))
    ax.invert_yaxis()
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8)
    return ax


def plot_claims_by_kind(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Stacked bars: numeric claims per part/section, by kind (a ``claims_by_section`` table)."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.32 * table[["part", "section"]].drop_duplicates().shape[0] + 1.2))
    data = table.assign(label=[section_label(p, s, t) for p, s, t in zip(table["part"], table["section"], table["title"])],
                        category=table["kind"], value=table["n"])
    kinds = [k for k in KIND_COLORS if table.loc[table["kind"] == k, "n"].sum() > 0]
    _stacked_barh(data, kinds, KIND_COLORS, ax)
    ax.set_xlabel("numeric claims")
    return ax


def plot_precision_profile(table: pd.DataFrame, titles: dict | None = None, *, ax: Axes | None = None) -> Axes:
    """100% bars: how concrete each section's numbers are (a ``precision_profile`` table)."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.32 * table[["part", "section"]].drop_duplicates().shape[0] + 1.2))
    titles = titles or {}
    data = table.assign(
        label=[section_label(p, s, titles.get((p, s), "")) for p, s in zip(table["part"], table["section"])],
        category=table["level"].astype(str), value=table["share"] * 100)
    _stacked_barh(data, list(LEVEL_COLORS), LEVEL_COLORS, ax)
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the section's numeric claims (%)")
    return ax


def quantity_labels(claims: pd.DataFrame, *, width: int = 12) -> list[str]:
    """One label per claim, its subject shortened; labels that would repeat get the claim's number.

    >>> quantity_labels(pd.DataFrame({"subject": ["审结", "审结", "受理"], "claim_id": [4, 5, 6]}))
    ['审结 (#4)', '审结 (#5)', '受理']
    """
    labels = [shorten(subject or "", width) or "(no subject)" for subject in claims["subject"]]
    repeated = {label for label in labels if labels.count(label) > 1}
    return [f"{label} (#{claim})" if label in repeated else label for label, claim in zip(labels, claims["claim_id"])]


def plot_quantities(claims: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """The quantities one section asserts as dots on a log scale (a Cleveland dot plot).

    Each row is one claim, labelled with its subject (made unique with the claim's number) and, beside
    the dot, the number as written; dots are coloured by kind. On a log scale a bar's length means
    nothing, so there are no bars. An empty table gives a chart that says so.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.3 * len(claims) + 1.2))
    if claims.empty:
        return _nothing_to_show(ax, "no numeric claim to show")
    shown = claims.reset_index(drop=True)
    positions = list(range(len(shown)))
    for y in positions:
        ax.axhline(y, color="#DDDDDD", linewidth=0.6, zorder=0)
    for kind, rows in shown.groupby("kind", sort=False):
        ax.scatter(rows["value"], rows.index, color=KIND_COLORS.get(kind, PART_COLORS[0]), s=28, zorder=2, label=kind)
    ax.set_xscale("log")
    ax.set_yticks(positions, quantity_labels(shown))
    ax.set_ylim(len(shown) - 0.5, -0.5)
    for y, (value, raw) in enumerate(zip(shown["value"], shown["raw"])):
        ax.annotate(raw, (value, y), xytext=(5, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_xlabel("value as stated (log scale)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8, title="kind", title_fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.2)
    return ax


#: One colour per theme in codebook order: the Okabe–Ito colours of the parts, then grey and Tol's wine
#: (the colours of the annotated page's theme marks), so every figure uses one colour-blind-safe palette.
THEME_COLORS = dict(zip(
    ["leadership", "functions", "rules", "decisions", "enforcement", "emergency", "disputes", "oversight",
     "digital", "legal_education"],
    [*PART_COLORS[1:], PART_COLORS[0], "#882255"]))


def plot_theme_heatmap(table: pd.DataFrame, themes: list[str], labels: dict | None = None, *,
                       theme_labels: dict | pd.DataFrame | None = None, label_width: int = 12, ax: Axes | None = None) -> Axes:
    """Parts or sections (rows) × themes (columns), cells shaded by the table's ``share``.

    Args:
        table: a ``theme_table`` table by section or by part. Weighted by sentences, a cell is the
            share of the row's sentences coded with the theme, and rows whose share rests on fewer
            sentences than the table's threshold (``few_sentences``) show their count, ``(n=3)``;
            weighted by hits, the theme's share of the row's codebook hits.
        themes: column order.
        labels: optional ``(part, section) -> title`` for row labels (section 0 for a part).
        theme_labels: column labels: ``key -> label``, or a codebook's ``labels()`` table (its Chinese
            labels are used); the keys otherwise.
        label_width: characters of the title kept in a row label.
    """
    labels = labels or {}
    rows = [column for column in ("part", "section") if column in table.columns]
    wide = table.pivot_table(index=rows, columns="theme", values="share", fill_value=0.0)
    wide = wide.reindex(columns=themes, fill_value=0.0).sort_index()
    keys = [key if isinstance(key, tuple) else (key, 0) for key in wide.index]
    by_sentences = "n_sentences" in table.columns
    few = {}
    if by_sentences:
        sizes = table.groupby(rows)[["n_sentences", "few_sentences"]].first()
        few = {(key if isinstance(key, tuple) else (key, 0)): int(row.n_sentences)
               for key, row in sizes.iterrows() if row.few_sentences}
    if ax is None:
        _, ax = plt.subplots(figsize=(1.0 + 0.62 * len(themes), 0.38 * len(wide) + 1.8))
    image = ax.imshow(wide.to_numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for (row, column), value in pd.DataFrame(wide.to_numpy()).stack().items():
        if value >= 0.05:
            ax.text(column, row, f"{value:.0%}", ha="center", va="center", fontsize=8,
                    color="white" if value > 0.55 else "black")
    ax.set_xticks(range(len(themes)), theme_tick_labels(themes, theme_labels), rotation=40, ha="right")
    ax.set_yticks(range(len(wide)), [section_label(p, s, labels.get((p, s), ""), label_width)
                                     + (f" (n={few[(p, s)]})" if (p, s) in few else "") for p, s in keys])
    unit = "section" if "section" in rows else "part"
    legend = (f"share of the {unit}'s sentences coded with the theme" if by_sentences
              else f"share of the {unit}'s theme hits")
    ax.figure.colorbar(image, ax=ax, fraction=0.03, pad=0.02, label=legend)
    return ax


def plot_theme_shares(table: pd.DataFrame, *, group: str = "part", labels: dict | None = None,
                      ax: Axes | None = None) -> Axes:
    """100% stacked bars of theme shares per group (a ``theme_table`` table weighted by hits, e.g. ``by="part"``).

    Shares of hits sum to 1 in each group; shares of sentences do not (a sentence can carry several
    themes): draw those with :func:`plot_theme_heatmap`.
    """
    labels = labels or {}
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.5 * table[group].nunique() + 1.5))
    groups = sorted(table[group].unique())
    left = pd.Series(0.0, index=groups)
    for theme, color in THEME_COLORS.items():
        values = table[table["theme"] == theme].set_index(group)["share"].reindex(groups, fill_value=0.0) * 100
        if values.sum() == 0:
            continue
        ax.barh(range(len(groups)), values, left=left, color=color, label=theme)
        left += values
    ax.set_yticks(range(len(groups)), [labels.get(g, str(g)) for g in groups])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of theme hits (%)")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def theme_tick_labels(themes: list[str], theme_labels: dict | pd.DataFrame | None = None, *,
                      english: bool = False, width: int = 30) -> list[str]:
    """Tick labels for theme keys: the codebook's Chinese label (and, with ``english``, its English label,
    shortened, on a second line); the key where there is no label.

    Args:
        themes: theme keys, in order.
        theme_labels: ``key -> label``, or a codebook's ``labels()`` table (its ``label_zh`` and
            ``label_en`` columns).
        english: add the English label under the Chinese one (a ``labels()`` table only).
        width: characters of the English label kept.

    >>> labels = pd.DataFrame({"theme": ["rules"], "label_zh": ["立法与规范性文件"],
    ...                        "label_en": ["Legislation and normative documents"]})
    >>> theme_tick_labels(["rules", "other"], labels, english=True, width=20)
    ['立法与规范性文件\\nLegislation and nor…', 'other']
    """
    if isinstance(theme_labels, pd.DataFrame):
        rows = theme_labels.set_index("theme")
        return [(rows.at[t, "label_zh"] + (f"\n{shorten(rows.at[t, 'label_en'], width)}" if english else ""))
                if t in rows.index else t for t in themes]
    theme_labels = theme_labels or {}
    return [theme_labels.get(t, t) for t in themes]


def plot_role_comparison(table: pd.DataFrame, *, hits: dict | None = None,
                         theme_labels: dict | pd.DataFrame | None = None, ax: Axes | None = None) -> Axes:
    """Theme shares in achievements, problems and plans side by side; a mismatch is named beside its bar.

    Args:
        table: a ``role_comparison`` table for one document.
        hits: optional ``role -> number of codebook hits`` behind the shares, given in the legend.
        theme_labels: row labels: ``key -> label``, or a codebook's ``labels()`` table (Chinese label
            with the English one under it); the keys otherwise.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.55 * len(table) + 1.2))
    if table.empty:
        return _nothing_to_show(ax, "no theme coded in the achievements, problems or plans parts")
    hits = hits or {}
    roles = [("achievements", PART_COLORS[1]), ("problems", PART_COLORS[2]), ("plans", PART_COLORS[3])]
    height = 0.26
    for offset, (role, color) in enumerate(roles):
        label = f"{role} ({hits[role]:,} hits)" if role in hits else role
        ax.barh([i + (offset - 1) * height for i in range(len(table))], table[role] * 100, height=height,
                color=color, label=label)
    ax.set_yticks(range(len(table)), theme_tick_labels(list(table["theme"]), theme_labels, english=True))
    ax.invert_yaxis()
    for i, row in enumerate(table.itertuples(index=False)):
        if row.flag:  # beside the bar it is about: the problem's bar, or the plan's
            role, offset = ("problems", 0) if row.flag.startswith("problem") else ("plans", 1)
            ax.annotate(row.flag, (getattr(row, role) * 100, i + offset * height), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize=8, color=PART_COLORS[2])
    ax.set_xlabel("share of the part's theme hits (%)")
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.35)
    return ax


#: A point resting on fewer documents than this shows their number beside it.
FEW_DOCS = 3


def year_axis(ax: Axes) -> Axes:
    """Label the x axis with whole years only (no 2017.5), as a plain number (no 2,017 or offset).

    >>> fig, ax = plt.subplots(); _ = ax.plot([2016, 2019], [1, 2]); _ = year_axis(ax); fig.canvas.draw()
    >>> all(float(t).is_integer() for t in ax.get_xticks())
    True
    """
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True, min_n_ticks=2))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f}"))
    ax.set_xlabel("year")
    return ax


def with_gaps(rows: pd.DataFrame, *, x: str = "year") -> pd.DataFrame:
    """``rows`` of one line with every missing year in between as an empty row, so that the line breaks
    where there is no report instead of running across the gap.

    >>> with_gaps(pd.DataFrame({"year": [2019, 2021], "n": [1.0, 2.0]}))["n"].tolist()
    [1.0, nan, 2.0]
    """
    years = rows[x].dropna().astype(int)
    if years.empty:
        return rows
    full = pd.DataFrame({x: range(int(years.min()), int(years.max()) + 1)})
    return full.merge(rows.assign(**{x: rows[x].astype(int)}), on=x, how="left")


def _note_few_docs(ax: Axes, rows: pd.DataFrame, value: str, color: str) -> None:
    """Write ``n_docs`` above the points that rest on few documents (when every point does, say it once)."""
    if "n_docs" not in rows or rows["n_docs"].isna().all():
        return
    counts = rows.dropna(subset=[value])
    if counts["n_docs"].max() < FEW_DOCS and counts["n_docs"].nunique() == 1:
        if not getattr(ax, "_jzrol_docs_noted", False):
            reports = "report" if int(counts["n_docs"].iloc[0]) == 1 else "reports"
            ax.annotate(f"each point: {int(counts['n_docs'].iloc[0])} {reports}", (1, 1), xycoords="axes fraction",
                        ha="right", va="bottom", fontsize=7, color="#555555")
            ax._jzrol_docs_noted = True  # once per panel
        return
    for row in counts[counts["n_docs"] < FEW_DOCS].itertuples():
        ax.annotate(f"n={int(row.n_docs)}", (row.year, getattr(row, value)), textcoords="offset points", xytext=(0, 4),
                    ha="center", fontsize=6, color=color)


def plot_term_trend(trend: pd.DataFrame, *, value: str = "per_10k", ax: Axes | None = None) -> Axes:
    """One line per term over the years (a ``corpus.term_trend`` table): relative frequency per 10,000 terms.

    Years are whole numbers; a line breaks across years without a report; where ``n_docs`` is there,
    points resting on fewer than :data:`FEW_DOCS` documents show it.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4))
    for index, (term, rows) in enumerate(trend.groupby("term", sort=False)):
        color = PART_COLORS[1 + index % (len(PART_COLORS) - 1)]
        ax.plot("year", value, data=with_gaps(rows), marker="o", markersize=3, linewidth=1.4, color=color, label=term)
        _note_few_docs(ax, rows, value, color)
    year_axis(ax)
    ax.set_ylabel("per 10,000 counted terms")
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_trend_panels(trend: pd.DataFrame, *, panel: str, line: str = "term", value: str = "per_10k",
                      ylabel: str = "per 10,000 counted terms", ncols: int = 3, fig: Figure | None = None,
                      ) -> np.ndarray:
    """Small multiples: one panel per value of ``panel`` (a group, a theme), one line per ``line``,
    with shared axes and one legend for the whole figure.

    Each line breaks across years without a report and shows ``n_docs`` where it is small. Returns
    the panels' Axes (empty panels are hidden).

    >>> trend = pd.DataFrame({"premier": ["甲", "甲", "乙"], "term": "改革", "year": [1990, 1992, 2000],
    ...                       "per_10k": [1.0, 2.0, 3.0], "n_docs": 1})
    >>> axes = plot_trend_panels(trend, panel="premier"); [ax.get_title(loc="left") for ax in axes[:2]]
    ['甲', '乙']
    """
    groups = list(dict.fromkeys(trend[panel]))
    ncols = max(1, min(ncols, len(groups)))
    nrows = max(1, -(-len(groups) // ncols))
    if fig is None:
        fig = plt.figure(figsize=(3.2 * ncols + 1, 2.4 * nrows + 0.6))
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel())
    lines = list(dict.fromkeys(trend[line]))
    colors = {name: PART_COLORS[1 + i % (len(PART_COLORS) - 1)] for i, name in enumerate(lines)}
    for ax, group in zip(axes, groups):
        for name, rows in trend[trend[panel] == group].groupby(line, sort=False):
            ax.plot("year", value, data=with_gaps(rows), marker="o", markersize=2.5, linewidth=1.2,
                    color=colors[name], label=name)
            _note_few_docs(ax, rows, value, colors[name])
        ax.set_title(str(group), loc="left", fontsize=9)
        year_axis(ax)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in axes[len(groups):]:
        ax.set_visible(False)
    for ax in axes[: len(groups)]:
        if ax.get_subplotspec().is_first_col():
            ax.set_ylabel(ylabel, fontsize=8)
        if not ax.get_subplotspec().is_last_row():
            ax.set_xlabel("")
    handles = [plt.Line2D([], [], color=colors[name], marker="o", markersize=3, label=name) for name in lines]
    fig.subplots_adjust(hspace=0.45)
    fig.legend(handles=handles, loc="lower center", ncols=min(len(lines), 8), frameon=False,
               bbox_to_anchor=(0.5, 0.99), fontsize=8)
    return axes


def plot_theme_years(trend: pd.DataFrame, themes: list[str] | None = None, *,
                     theme_labels: dict | pd.DataFrame | None = None, ax: Axes | None = None) -> Axes:
    """Years (columns) × themes (rows), shaded by the theme's share of the year's hits (``corpus.theme_trend``).

    ``themes`` are the rows, in order (by default the themes of the table, in the order of the table),
    labelled with ``theme_labels`` (``key -> label`` or a ``labels()`` table: the Chinese labels) where given.
    """
    wide = trend.pivot_table(index="theme", columns="year", values="share", fill_value=0.0)
    themes = list(dict.fromkeys(trend["theme"])) if themes is None else themes
    wide = wide.reindex(index=themes, fill_value=0.0)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6, 0.22 * wide.shape[1] + 2), 4))
    image = ax.imshow(wide.to_numpy(), cmap="Blues", vmin=0, aspect="auto")
    years = list(wide.columns)
    step = max(1, len(years) // 12)
    ax.set_xticks(range(0, len(years), step), [str(y) for y in years[::step]], rotation=45)
    ax.set_yticks(range(len(themes)), theme_tick_labels(themes, theme_labels))
    ax.figure.colorbar(image, ax=ax, fraction=0.03, pad=0.02, label="share of the year's theme hits")
    return ax


def plot_claims_by_year(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Claims per 10,000 characters by year (bars), with the share of exact claims (line, right axis)."""
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4))
    ax.bar(table["year"], table["claims_per_10k_chars"], color=PART_COLORS[1], width=0.8, label="claims per 10,000 characters")
    ax.set_xlabel("year")
    ax.set_ylabel("claims per 10,000 characters")
    ax.spines[["top"]].set_visible(False)
    right = ax.twinx()
    gapped = with_gaps(table)
    right.plot(gapped["year"], gapped["exact_share"] * 100, color=PART_COLORS[2], marker="o", markersize=3,
               linewidth=1.2, label="exact claims (%)")
    year_axis(ax)
    right.set_ylim(0, 105)
    right.set_ylabel("exact claims (%)")
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    ax.legend(handles, [h.get_label() for h in handles], frameon=False, loc="upper left", fontsize=8)
    return ax
