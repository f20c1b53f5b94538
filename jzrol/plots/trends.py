"""Plots across a corpus, year by year: words, small multiples by group, themes, numeric claims.

>>> with_gaps(pd.DataFrame({"year": [2019, 2021], "n": [1.0, 2.0]}))["year"].tolist()
[2019, 2020, 2021]
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from jzrol.plots.style import PART_COLORS
from jzrol.plots.themes import theme_tick_labels

__all__ = ["FEW_DOCS", "plot_claims_by_year", "plot_term_trend", "plot_theme_years", "plot_trend_panels",
           "with_gaps", "year_axis"]


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
                        ha="right", va="bottom", fontsize=8, color="#555555")
            ax._jzrol_docs_noted = True  # once per panel
        return
    for row in counts[counts["n_docs"] < FEW_DOCS].itertuples():
        ax.annotate(f"n={int(row.n_docs)}", (row.year, getattr(row, value)), textcoords="offset points", xytext=(0, 4),
                    ha="center", fontsize=8, color=color)


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
