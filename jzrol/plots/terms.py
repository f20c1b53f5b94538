"""Plots of a report's structure and words: the outline, top terms, the word cloud, keyness, dispersion.

>>> from jzrol import paths, read_report
>>> from jzrol.report import outline
>>> ax = plot_outline(outline(read_report(paths.SEED_REPORT).units))  # doctest: +SKIP
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from jzrol.plots.style import PART_COLORS, WORD_COLORS, nothing_to_show, part_color, section_label, shorten

__all__ = ["plot_dispersion", "plot_keyness", "plot_outline", "plot_top_terms", "plot_top_terms_by_part",
           "plot_wordcloud"]


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
        return nothing_to_show(ax, "the report has no sentences to measure")
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


def plot_top_terms_by_part(counts: pd.DataFrame, parts: pd.DataFrame, *, n: int = 10, ncols: int = 3,
                           fig: Figure | None = None) -> np.ndarray:
    """Small multiples: the ``n`` most frequent terms of each part, one panel a part in the part's colour,
    on one x scale shared by every panel (rates compare across panels).

    Args:
        counts: a :func:`jzrol.terms.count_terms` table by ``part``.
        parts: the report's parts (``Report.parts()``: ``part``, ``part_title``), in panel order.
        n: terms per panel.
        ncols: panels per row.
        fig: figure to draw in; a new one sized to the panels when None.

    Returns the panels' Axes (panels beyond the parts are hidden); a report without parts gives one
    panel that says so.

    >>> counts = pd.DataFrame({"part": [1, 1, 2], "term": ["立法", "执法", "复议"], "n": [3, 2, 4],
    ...                        "per_1000": [30.0, 20.0, 40.0]})
    >>> axes = plot_top_terms_by_part(counts, pd.DataFrame({"part": [1, 2], "part_title": ["成效", "问题"]}))
    >>> [ax.get_title(loc="left") for ax in axes]
    ['1 成效', '2 问题']
    """
    columns = max(1, min(len(parts), ncols))
    rows = max(1, -(-len(parts) // columns))
    if fig is None:
        fig = plt.figure(figsize=(3.4 * columns, 3.6 * rows))
    axes = fig.subplots(rows, columns, squeeze=False, sharex=True)
    if parts.empty:
        nothing_to_show(axes[0, 0], "the report has no numbered parts")
        return axes.ravel()
    for ax, (part, title) in zip(axes.flat, zip(parts["part"], parts["part_title"])):
        plot_top_terms(counts[counts["part"] == part], n=n, color=part_color(part), ax=ax)
        ax.set_title(section_label(part, 0, title, 12), loc="left", fontsize=10)
    for ax in list(axes.flat)[len(parts):]:
        ax.set_visible(False)
    for ax in axes.flat:
        ax.xaxis.set_tick_params(labelbottom=True)
    return axes.ravel()


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


def _dark_palette_colour(word: str, **_) -> str:
    """A word's colour in the cloud: fixed by the word, from the palette's dark colours."""
    return WORD_COLORS[sum(map(ord, word)) % len(WORD_COLORS)]


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
        return nothing_to_show(ax, f"nothing to compare: no {target_label} or no {reference_label} text")
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
