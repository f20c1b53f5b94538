"""Rendering: matplotlib set up for the CJK font and for files that do not change between runs, and
``save_figure``, the one function that writes a figure.

Two builds with the same inputs, package versions and font give byte-identical files: PNG and SVG
carry no dates or versions, SVG ids come from a fixed salt, text in SVG is drawn as paths, and every
random choice takes a seed from :data:`SEEDS`.

>>> table_csv(pd.DataFrame({"term": ["法治"], "n": [3]}))
'term,n\\n法治,3\\n'
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from jzrol import paths
from jzrol.fonts import FontChoice, find_cjk_font
from jzrol.io import atomic_write_bytes

__all__ = ["DPI", "FIGURE_FORMATS", "SEEDS", "FigureResult", "configure_matplotlib", "markdown_table", "save_figure",
           "table_csv"]

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


def markdown_table(table: pd.DataFrame) -> str:
    """A table as Markdown, for the write-up (``|`` in a cell escaped, missing values empty).

    >>> print(markdown_table(pd.DataFrame({"check": ["sum"], "detail": ["a|b"]})))
    | check | detail |
    |---|---|
    | sum | a\\|b |
    """
    cells = table.map(lambda value: "" if pd.isna(value) else str(value).replace("|", "\\|"))
    header = "| " + " | ".join(table.columns) + " |"
    rule = "|" + "---|" * len(table.columns)
    return "\n".join([header, rule] + ["| " + " | ".join(row) + " |" for row in cells.itertuples(index=False)])
