"""Plotting helpers: each takes a tidy table and ``ax=None``, draws, and returns the Axes.

They never save or show; :func:`jzrol.figures.save_figure` writes files.

>>> from jzrol import read_report
>>> from jzrol.report import outline
>>> ax = plot_outline(outline(read_report(paths.SEED_REPORT).units))  # doctest: +SKIP
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from jzrol import paths  # noqa: F401  (used in the docstring example)

__all__ = ["PART_COLORS", "plot_outline", "shorten"]

#: Colour per part, colour-blind safe (Okabe–Ito), cycling after eight parts; part 0 is grey.
PART_COLORS = ["#999999", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]


def shorten(label: str, width: int = 16) -> str:
    """Cut a Chinese label to ``width`` characters with an ellipsis.

    >>> shorten("坚持多措并举,法治化营商环境建设进一步优化", 8)
    '坚持多措并举,…'
    """
    return label if len(label) <= width else label[: width - 1] + "…"


def _outline_label(row: pd.Series) -> str:
    if row["part"] == 0:
        return "Preamble 引言"
    if row["section"] == 0:
        return f"{row['part']}  {shorten(row['part_title'])}"
    return f"{row['part']}.{row['section']}  {shorten(row['section_title'])}"


def plot_outline(table: pd.DataFrame, *, value: str = "characters", ax: Axes | None = None) -> Axes:
    """Horizontal bars, one per part/section in reading order, coloured by part.

    Args:
        table: :func:`jzrol.report.outline` output (one document).
        value: column to draw: ``characters``, ``sentences`` or ``items``.
        ax: axes to draw on; a new figure when None.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(3, 0.32 * len(table) + 1)))
    labels = table.apply(_outline_label, axis=1)
    colors = [PART_COLORS[p % len(PART_COLORS)] if p else PART_COLORS[0] for p in table["part"]]
    positions = range(len(table))
    ax.barh(positions, table[value], color=colors)
    ax.set_yticks(list(positions), labels)
    ax.invert_yaxis()
    for y, number in zip(positions, table[value]):
        ax.annotate(f"{number:,}", (number, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_xlabel(f"{value} of text")
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.12)
    return ax
