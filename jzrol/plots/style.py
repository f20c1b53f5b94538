"""Colours and labels every plot shares: one colour-blind-safe palette (Okabe–Ito), short labels.

>>> part_color(1), section_label(1, 3, "坚持多措并举,法治化营商环境建设进一步优化", 8)
('#0072B2', '1.3 坚持多措并举,…')
"""

from __future__ import annotations

from matplotlib.axes import Axes

from jzrol.themes import THEME_KEYS

__all__ = ["KIND_COLORS", "LEVEL_COLORS", "PART_COLORS", "THEME_COLORS", "THEME_PALETTE", "WORD_COLORS",
           "nothing_to_show", "part_color", "section_label", "shorten"]

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


#: Theme colours in codebook order: the Okabe–Ito colours of the parts, then grey and Tol's wine, so that
#: every figure and the annotated page use one colour-blind-safe palette; cycles after ten themes.
THEME_PALETTE = (*PART_COLORS[1:], PART_COLORS[0], "#882255")
#: One colour per theme of the rule-of-law codebook.
THEME_COLORS = dict(zip(THEME_KEYS, THEME_PALETTE))

#: Palette colours dark enough to read as small text on white (contrast above 4.5:1).
WORD_COLORS = ("#0072B2", "#000000", "#882255")
#: Colour per kind of numeric claim, and per level of precision (exact, approximate, bounded).
KIND_COLORS = {"count": "#0072B2", "percent": "#D55E00", "money": "#009E73", "duration": "#CC79A7",
               "measure": "#E69F00"}
LEVEL_COLORS = {"exact": "#0072B2", "approximate": "#E69F00", "bounded": "#D55E00"}


def shorten(label: str, width: int = 16) -> str:
    """Cut a Chinese label to ``width`` characters with an ellipsis.

    >>> shorten("坚持多措并举,法治化营商环境建设进一步优化", 8)
    '坚持多措并举,…'
    """
    return label if len(label) <= width else label[: width - 1] + "…"


def section_label(part: int, section: int, title: str = "", width: int = 14) -> str:
    """Short label of a part or section: '1.3 坚持多措并举…', '2 我市法治政府建设…', 'preamble'.

    >>> section_label(1, 3, "坚持多措并举,法治化营商环境建设进一步优化", 8)
    '1.3 坚持多措并举,…'
    """
    if part == 0:
        return "preamble"
    number = f"{part}.{section}" if section else f"{part}"
    return f"{number} {shorten(title, width)}".strip()


def nothing_to_show(ax: Axes, message: str) -> Axes:
    """An empty chart that says why it is empty (a report without the parts a chart compares)."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return ax
