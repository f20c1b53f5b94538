"""Plotting helpers: each takes a tidy table and ``ax=None``, draws, and returns the Axes.

They never save or show; :func:`jzrol.figures.save_figure` writes files. One module per subject:
:mod:`~jzrol.plots.style` (the palette and labels every plot shares), :mod:`~jzrol.plots.terms`
(structure and words), :mod:`~jzrol.plots.claims` (numbers), :mod:`~jzrol.plots.themes` (the codebook's
themes) and :mod:`~jzrol.plots.trends` (a corpus year by year); every name is importable from here.

>>> from jzrol import paths, read_report
>>> from jzrol.report import outline
>>> ax = plot_outline(outline(read_report(paths.SEED_REPORT).units))  # doctest: +SKIP
"""

from __future__ import annotations

from jzrol.plots.claims import plot_claims_by_kind, plot_precision_profile, plot_quantities, quantity_labels
from jzrol.plots.style import (
    KIND_COLORS,
    LEVEL_COLORS,
    PART_COLORS,
    THEME_COLORS,
    THEME_PALETTE,
    WORD_COLORS,
    nothing_to_show,
    part_color,
    section_label,
    shorten,
)
from jzrol.plots.terms import (
    plot_dispersion,
    plot_keyness,
    plot_outline,
    plot_top_terms,
    plot_top_terms_by_part,
    plot_wordcloud,
)
from jzrol.plots.themes import plot_role_comparison, plot_theme_heatmap, plot_theme_shares, theme_tick_labels
from jzrol.plots.trends import (
    FEW_DOCS,
    plot_claims_by_year,
    plot_term_trend,
    plot_theme_years,
    plot_trend_panels,
    with_gaps,
    year_axis,
)

__all__ = ["FEW_DOCS", "KIND_COLORS", "LEVEL_COLORS", "PART_COLORS", "THEME_COLORS", "THEME_PALETTE", "WORD_COLORS",
           "nothing_to_show", "part_color", "plot_claims_by_kind", "plot_claims_by_year", "plot_dispersion",
           "plot_keyness", "plot_outline", "plot_precision_profile", "plot_quantities", "plot_role_comparison",
           "plot_term_trend", "plot_theme_heatmap", "plot_theme_shares", "plot_theme_years", "plot_top_terms",
           "plot_top_terms_by_part",
           "plot_trend_panels", "plot_wordcloud", "quantity_labels", "section_label", "shorten", "theme_tick_labels",
           "with_gaps", "year_axis"]
