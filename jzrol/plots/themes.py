"""Plots of a report's themes: shares by section or part, shares of hits, achievements against problems and plans.

>>> theme_tick_labels(["rules"], {"rules": "立法与规范性文件"})
['立法与规范性文件']
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from jzrol.plots.style import PART_COLORS, THEME_COLORS, THEME_PALETTE, nothing_to_show, section_label, shorten
from jzrol.themes import theme_order

__all__ = ["plot_role_comparison", "plot_theme_heatmap", "plot_theme_shares", "theme_tick_labels"]


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
                      theme_labels: dict | pd.DataFrame | None = None, ax: Axes | None = None) -> Axes:
    """100% stacked bars of theme shares per group (a ``theme_table`` table weighted by hits, e.g. ``by="part"``).

    Shares of hits sum to 1 in each group; shares of sentences do not (a sentence can carry several
    themes): draw those with :func:`plot_theme_heatmap`. Themes come in codebook order, in the
    palette's colours, whichever codebook coded them; the legend names them by ``theme_labels``
    (``key -> label`` or a ``labels()`` table: the Chinese labels), by their keys otherwise.
    """
    labels = labels or {}
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.5 * table[group].nunique() + 1.5))
    groups = sorted(table[group].unique())
    order = theme_order()
    shown = sorted(dict.fromkeys(table["theme"]), key=lambda key: order.get(key, len(order)))
    names = dict(zip(shown, theme_tick_labels(shown, theme_labels)))
    left = pd.Series(0.0, index=groups)
    for index, theme in enumerate(shown):
        values = table[table["theme"] == theme].set_index(group)["share"].reindex(groups, fill_value=0.0) * 100
        if values.sum() == 0:
            continue
        color = THEME_COLORS.get(theme, THEME_PALETTE[index % len(THEME_PALETTE)])
        ax.barh(range(len(groups)), values, left=left, color=color, label=names[theme])
        left += values
    ax.set_yticks(range(len(groups)), [labels.get(g, str(g)) for g in groups])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of theme hits (%)")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


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
        return nothing_to_show(ax, "no theme coded in the achievements, problems or plans parts")
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
