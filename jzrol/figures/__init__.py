"""Reproducible figures: matplotlib set-up, ``save_figure``, and ``build`` (every figure, MANIFEST, write-up).

One module per job: :mod:`~jzrol.figures.render` (matplotlib set-up, ``save_figure``),
:mod:`~jzrol.figures.builders` (one function per analysis) and :mod:`~jzrol.figures.writeup` (the
build's README); ``build`` here runs them into a staging folder, writes the MANIFEST and swaps the
folder into place. Every name is importable from here.

Two builds with the same inputs, package versions and font give byte-identical
files: PNG and SVG carry no dates or versions, SVG ids come from a fixed salt,
text in SVG is drawn as paths, every random choice takes a seed from
:data:`SEEDS`, and tables are written in a fixed order.

>>> from jzrol.figures import build
>>> written = build(out_dir="figures")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tqdm.auto import tqdm

from jzrol import corpus, paths
from jzrol.annotate import PAGE_NAME, annotated_page
from jzrol.figures.builders import (
    CORPUS_TERMS,
    claim_figures,
    corpus_figures,
    fold_place_name,
    structure_figures,
    term_figures,
    theme_figures,
)
from jzrol.figures.render import (
    DPI,
    FIGURE_FORMATS,
    SEEDS,
    FigureResult,
    configure_matplotlib,
    save_figure,
    table_csv,
)
from jzrol.figures.writeup import writeup_markdown as _writeup
from jzrol.fonts import FontChoice
from jzrol.io import atomic_write_text, recording_writes
from jzrol.manifest import MANIFEST_NAME, PACKAGES, make_manifest, sha256_file
from jzrol.report import Report, read_report
from jzrol.staging import BuildFolderError, staged_folder

__all__ = ["CORPUS_TERMS", "DPI", "FIGURE_FORMATS", "PACKAGES", "SEEDS", "BuildFiles", "FigureResult", "build",
           "claim_figures", "configure_matplotlib", "corpus_figures", "fold_place_name", "save_figure",
           "structure_figures", "table_csv", "term_figures", "theme_figures"]

#: The figure builders `build` runs, in write-up order.
BUILDERS: list[Callable[[Report, Path], list[FigureResult]]] = [structure_figures, term_figures, claim_figures,
                                                                theme_figures]


class BuildFiles(list):
    """The files a build wrote (a list of paths), with the corpus reports it had to skip."""

    def __init__(self, files: list[Path], skipped: list[str]):
        super().__init__(files)
        self.skipped = skipped


def _corpus_inputs(summary: corpus.CorpusSummary) -> list[tuple[Path, str | None, str | None]]:
    """Each corpus file with its sha256 (None for a file that could not be read) and why it was skipped."""
    inputs = []
    for path, error in zip(summary.documents["path"], summary.documents["error"]):
        try:
            digest = sha256_file(Path(path))
        except OSError:
            digest = None
        inputs.append((Path(path), digest, error if isinstance(error, str) else None))
    return inputs


def build(input_path: str | Path = paths.SEED_REPORT, out_dir: str | Path = paths.FIGURES_DIR, *,
          progress: bool = True, font: FontChoice | None = None, corpus_dir: str | Path | None = None,
          workers: int = 2, dpi: int = DPI, figure_formats: Sequence[str] = FIGURE_FORMATS) -> BuildFiles:
    """Regenerate every figure and table for one report, the write-up and the MANIFEST, all or nothing.

    ``dpi`` is the PNGs' resolution (300 for print) and ``figure_formats`` the files of each figure
    (``png``, ``svg``, ``pdf``).

    Everything is written into a staging folder beside ``out_dir`` and swapped into place at the end
    (:func:`jzrol.staging.staged_folder`); the MANIFEST lists the sha256 of the bytes written. An error or
    ``Ctrl-C`` before the swap leaves ``out_dir`` as it was. Returns the files written (under ``out_dir``).

    Raises:
        jzrol.sources.SourceError: an unreadable input, before anything is written.
        jzrol.fonts.FontNotFoundError: no CJK font is installed, before anything is written.
        jzrol.staging.BuildFolderError: ``out_dir`` cannot be built into, the report has no body text, or
            ``corpus_dir`` is not a folder.
    """
    font = configure_matplotlib(font, dpi=dpi, formats=figure_formats)
    report = read_report(input_path)
    if not (report.units["kind"] == "text").any():
        raise BuildFolderError(f"{input_path}: report has no body text to analyse (headings only?)")
    if corpus_dir is not None:
        if not Path(corpus_dir).is_dir():
            raise BuildFolderError(f"{corpus_dir}: --corpus names no folder")
        try:
            with os.scandir(corpus_dir) as entries:
                next(entries, None)
        except OSError as error:
            raise BuildFolderError(f"{corpus_dir}: cannot read the folder ({error.strerror})") from None
    with staged_folder(out_dir) as stage, recording_writes() as written:
        steps = tqdm(BUILDERS, desc="jzrol build", unit="analysis", disable=not progress, file=sys.stderr)
        results: list[FigureResult] = []
        for builder in steps:
            steps.set_postfix_str(builder.__name__)
            results += builder(report, stage)
        summary = None
        if corpus_dir is not None:
            summary = corpus.summarize([corpus_dir], workers=workers, progress=progress)
            results += corpus_figures(summary, stage, f"{len(summary.documents)} reports in {Path(corpus_dir).name}")
        tables = {
            "units.csv": table_csv(report.units),
            "info.json": json.dumps(
                {**report.meta.to_dict(),
                 "provenance": {k: v for k, v in report.meta.provenance.items() if k != "path"}},
                ensure_ascii=False, indent=2) + "\n",
            "README.md": _writeup(report, results),
            PAGE_NAME: annotated_page(report),
        }
        for name, text in tables.items():
            atomic_write_text(stage / name, text)
        on_disk = {p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file()}
        hashes = {p.relative_to(stage).as_posix(): digest for p, digest in written.items()
                  if p.is_relative_to(stage)}
        if on_disk != set(hashes):  # a writer that bypassed jzrol.io: its bytes are not accounted for
            raise RuntimeError(f"files in the build without a recorded hash: {sorted(on_disk ^ set(hashes))}")
        source = report.source
        manifest = make_manifest(
            hashes, input_file=Path(source.path) if source else None, input_sha256=source.sha256 if source else None,
            font={"family": font.family, "file": font.path.name, "face": font.index, "sha256": font.sha256()},
            seeds=SEEDS, dpi=dpi, corpus_dir=Path(corpus_dir) if corpus_dir is not None else None, workers=workers,
            corpus_files=_corpus_inputs(summary) if summary is not None else None, figure_formats=list(figure_formats))
        atomic_write_text(stage / MANIFEST_NAME, manifest)
    out = Path(out_dir)
    skipped = [] if summary is None else [str(e) for e in summary.failures["error"]]
    return BuildFiles(sorted(out / name for name in hashes) + [out / MANIFEST_NAME], skipped)
