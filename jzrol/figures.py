"""Reproducible figures: matplotlib set-up, ``save_figure``, and ``build`` (every figure, MANIFEST, write-up).

Two builds with the same inputs, package versions and font give byte-identical
files: PNG and SVG carry no dates or versions, SVG ids come from a fixed salt,
text in SVG is drawn as paths, every random choice takes a seed from
:data:`SEEDS`, and tables are written in a fixed order.

>>> from jzrol.figures import build
>>> written = build(out_dir="figures")  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import io
import json
import platform
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from tqdm import tqdm

from jzrol import paths, plots
from jzrol.fonts import FontChoice, find_cjk_font
from jzrol.io import atomic_write_bytes, atomic_write_text
from jzrol.report import Report, outline, read_report

__all__ = ["DPI", "SEEDS", "FigureResult", "build", "configure_matplotlib", "save_figure", "table_csv"]

DPI = 150
#: Every random choice in a figure takes its seed from here; the MANIFEST records them.
SEEDS = {"wordcloud": 20201231}
PACKAGES = ["jzrol", "pandas", "numpy", "matplotlib", "pillow", "fonttools", "jieba", "rjieba", "wordcloud", "pyyaml"]


@dataclass
class FigureResult:
    """One figure of the write-up: its files, title, caption and the numbers worth quoting."""

    name: str
    title: str
    caption: str
    key_numbers: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def configure_matplotlib(font: FontChoice | None = None) -> FontChoice:
    """Point matplotlib at the CJK font and fix everything that would make files differ between runs.

    Returns the font in use. Raises :class:`jzrol.fonts.FontNotFoundError` when there is none.
    """
    font = font or find_cjk_font()
    matplotlib.font_manager.fontManager.addfont(str(font.path))
    matplotlib.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [font.family, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.hashsalt": "jzrol",
        "svg.fonttype": "path",
        "figure.dpi": 100,
        "savefig.dpi": DPI,
        "savefig.bbox": "tight",
        "figure.constrained_layout.use": False,
    })
    return font


def table_csv(table: pd.DataFrame) -> str:
    """CSV text of a table as jzrol writes it everywhere (UTF-8, ``\\n`` line ends, no index)."""
    return table.to_csv(index=False, lineterminator="\n")


def save_figure(fig: Figure, name: str, *, table: pd.DataFrame | None = None,
                out_dir: str | Path = paths.FIGURES_DIR) -> list[Path]:
    """Write ``name.png`` (fixed dpi), ``name.svg`` and the table behind it as ``name.csv``, atomically.

    The figure is rendered to memory first, so a failure leaves no half-written file. The figure is closed.
    """
    out_dir = Path(out_dir)
    outputs: list[tuple[Path, bytes]] = []
    try:
        for suffix, options in (
            ("png", {"metadata": {"Software": None}}),
            ("svg", {"metadata": {"Date": None, "Creator": None}}),
        ):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=suffix, dpi=DPI, **options)
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
    fig, ax = plt.subplots(figsize=(8, max(3.0, 0.32 * len(table) + 1)))
    plots.plot_outline(table, ax=ax)
    ax.set_title("Length of each part and section (characters of text)", loc="left")
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
        "Each bar is one part or section of the report in reading order, coloured by part; its length is the "
        "number of characters of its sentences (headings excluded). Long bars are where the report spends its "
        "words: in this genre, achievements usually take far more space than problems."
    )
    return [FigureResult(name, "Structure of the report", caption, numbers, files)]


#: The figure builders `build` runs, in write-up order.
BUILDERS: list[Callable[[Report, Path], list[FigureResult]]] = [structure_figures]


# --- build ------------------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return versions


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return path.name


def _manifest(out_dir: Path, written: list[Path], report: Report, font: FontChoice) -> str:
    lexicons = sorted(p for p in paths.LEXICON_DIR.glob("*") if p.is_file())
    manifest = {
        "input": {"file": _relative(Path(report.source.path)) if report.source else None,
                  "sha256": report.source.sha256 if report.source else None},
        "files": {p.relative_to(out_dir).as_posix(): _sha256(p) for p in sorted(written)},
        "versions": _versions(),
        "lexicons": {p.name: _sha256(p) for p in lexicons},
        "font": {"family": font.family, "file": font.path.name, "face": font.index, "sha256": font.sha256()},
        "seeds": SEEDS,
        "dpi": DPI,
    }
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


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
    for number, result in enumerate(results, start=1):
        png = next((f.name for f in result.files if f.suffix == ".png"), None)
        lines += [f"## Figure {number}. {result.title}", ""]
        if png:
            lines += [f"![{result.title}]({png})", ""]
        lines += [result.caption, ""]
        if result.key_numbers:
            lines += ["Key numbers:", ""] + [f"- {n}" for n in result.key_numbers] + [""]
        tables = [f.name for f in result.files if f.suffix == ".csv"]
        if tables:
            lines += [f"Table behind the figure: {', '.join(f'`{t}`' for t in tables)}.", ""]
    lines += [
        "## Files",
        "",
        "`units.csv` is the parsed structure (one row per title line, heading or sentence, with offsets into the "
        "source text); `info.json` is the report's metadata; `MANIFEST` lists every file's sha256 with the package "
        "versions, lexicon hashes, font and seeds that produced it.",
        "",
    ]
    return "\n".join(lines)


def build(input_path: str | Path = paths.SEED_REPORT, out_dir: str | Path = paths.FIGURES_DIR, *,
          progress: bool = True, font: FontChoice | None = None) -> list[Path]:
    """Regenerate every figure and table for one report, the write-up and the MANIFEST.

    Returns the files written. Raises :class:`jzrol.sources.SourceError` for an unreadable input and
    :class:`jzrol.fonts.FontNotFoundError` when no CJK font is installed, before anything is written.
    """
    out_dir = Path(out_dir)
    font = configure_matplotlib(font)
    report = read_report(input_path)
    steps = tqdm(BUILDERS, desc="jzrol build", unit="analysis", disable=not progress, file=sys.stderr)
    results: list[FigureResult] = []
    for builder in steps:
        steps.set_postfix_str(builder.__name__)
        results += builder(report, out_dir)
    written = [path for result in results for path in result.files]
    tables = {
        "units.csv": table_csv(report.units),
        "info.json": json.dumps(
            {**report.meta.to_dict(), "provenance": {k: v for k, v in report.meta.provenance.items() if k != "path"}},
            ensure_ascii=False, indent=2) + "\n",
        "README.md": _writeup(report, results),
    }
    for name, text in tables.items():
        atomic_write_text(out_dir / name, text)
        written.append(out_dir / name)
    atomic_write_text(out_dir / "MANIFEST", _manifest(out_dir, written, report, font))
    return sorted(written) + [out_dir / "MANIFEST"]
