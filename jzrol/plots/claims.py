"""Plots of a report's numeric claims: claims per section by kind, precision, the quantities of one section.

>>> quantity_labels(pd.DataFrame({"subject": ["审结", "受理"], "claim_id": [4, 6]}))
['审结', '受理']
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from jzrol.plots.style import KIND_COLORS, LEVEL_COLORS, PART_COLORS, nothing_to_show, section_label, shorten

__all__ = ["plot_claims_by_kind", "plot_precision_profile", "plot_quantities", "quantity_labels"]


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
        return nothing_to_show(ax, "no numeric claim to show")
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
