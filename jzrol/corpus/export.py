"""``jzrol corpus DIR -o OUTDIR``: the corpus tables as CSV files, for work in R, Stata or Excel.

One pass over the reports (through the corpus engine) gives every table; each file is written
atomically, and a README in the folder lists the files and their columns.

>>> import tempfile
>>> from jzrol import paths
>>> written, skipped = export_corpus([paths.SEED_REPORT], tempfile.mkdtemp(), progress=False)
>>> sorted(p.name for p in written)[:3], skipped
(['README.md', 'claims.csv', 'claims_by_year.csv'], 0)
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path

import pandas as pd

from jzrol import claims as claims_stage
from jzrol.corpus import engine
from jzrol.corpus.compare import claims_by_year, term_trend, theme_trend
from jzrol.corpus.inputs import ReportFile, report_files
from jzrol.corpus.summary import (
    Analysis,
    DocumentSummary,
    _failed,
    assemble,
    read_named,
    summarize_report,
)
from jzrol.corpus.vocabulary import YearTermCounts
from jzrol.io import atomic_write_text

__all__ = ["TREND_TERMS", "export_corpus"]

LOG = logging.getLogger("jzrol")

#: Words whose yearly frequency ``term_trend.csv`` gives: the rule of law, by law, the older legal system.
TREND_TERMS = ("法治", "依法", "法制")

_README = """# Corpus tables

Written by `jzrol corpus` from {documents} reports ({failed} could not be read; see `documents.csv`,
column `error`). UTF-8 CSV files, one fact per row; `doc_id` joins them.

| file | columns |
|---|---|
{rows}

- `documents.csv`: one row per report, with its metadata (`year` is the year reported on;
  `year_source` says where it came from), its size (`sentences`, `characters`, counted `tokens`), how many
  sentences a theme codes, its claims by kind, and `error` for a report that could not be read.
- `terms.csv`: counts of every counted term (stopwords, numbers and punctuation left out) per report.
- `themes.csv`: hits of each codebook theme per report.
- `claims.csv`: every numeric claim (value with 万/亿 applied, unit, kind, qualifier, interval, subject).
- `term_trend.csv`: {terms} per year, every term that contains the word (`per_10k`: per 10,000 counted terms).
- `theme_trend.csv`, `claims_by_year.csv`: themes and claims per year.
"""


def _export_one(file: ReportFile, _state: None, *, analysis: Analysis) -> tuple[DocumentSummary, pd.DataFrame | None]:
    """A report's summary with its term counts, and its claims table."""
    if file.error:
        return DocumentSummary(doc_id=file.doc_id, path=file.name, error=file.error), None
    try:
        report = read_named(file.path, file.doc_id)
        report.require_text()
        return summarize_report(report, file, None, analysis), claims_stage.extract_claims(report.units)
    except Exception as error:  # noqa: BLE001 - one bad report must not stop a corpus
        return _failed(file, error), None


def export_corpus(inputs: Iterable[str | Path], out_dir: str | Path, *, workers: int = 1, progress: bool = True,
                  strict: bool = False, trend_terms: Sequence[str] = TREND_TERMS) -> tuple[list[Path], int]:
    """Write the corpus tables of ``inputs`` into ``out_dir``; return the files written and the reports skipped.

    Raises:
        jzrol.corpus.engine.StopRun: with ``strict``, the first report that cannot be read.
        ValueError: no report could be read (nothing is written).
    """
    files = report_files(inputs)
    analysis = Analysis()
    analysis.prepare()

    def check(_index: int, outcome: tuple[DocumentSummary, pd.DataFrame | None]) -> None:
        if outcome[0].error and strict:
            raise engine.StopRun(outcome[0].error)

    found = engine.run_in_order(engine.Job(each=partial(_export_one, analysis=analysis)), files,
                                sizes=[f.size for f in files], workers=workers, progress=progress,
                                names=[f.name for f in files], on_result=check)
    summaries = [summary for summary, _ in found]
    failures = [summary.error for summary in summaries if summary.error]
    if len(failures) == len(summaries):
        raise ValueError("\n".join(failures) or "no report to read")
    for reason in failures:
        LOG.warning("skipped %s", reason)
    year_counts = YearTermCounts()
    term_rows = []
    for summary in summaries:
        if not summary.error:
            year_counts.add(summary.meta["year"], summary.terms)
            term_rows += [(summary.doc_id, term, n) for term, n in sorted(summary.terms.items(),
                                                                          key=lambda pair: (-pair[1], pair[0]))]
    corpus = assemble(summaries, year_counts, files)
    claims = [table for _, table in found if table is not None and len(table)]
    documents = corpus.documents.copy()
    documents["warnings"] = documents["warnings"].astype("Int64")  # empty for reports that could not be read
    tables = {
        "documents.csv": documents,
        "terms.csv": pd.DataFrame(term_rows, columns=["doc_id", "term", "n"]),
        "themes.csv": corpus.themes.astype({"year": "Int64"}),
        "claims.csv": pd.concat(claims, ignore_index=True) if claims else pd.DataFrame(columns=claims_stage.CLAIM_COLUMNS),
        "term_trend.csv": term_trend(corpus, list(trend_terms)),
        "theme_trend.csv": theme_trend(corpus).astype({"year": "Int64"}),
        "claims_by_year.csv": claims_by_year(corpus),
    }
    out = Path(out_dir)
    written = []
    for name, table in tables.items():
        atomic_write_text(out / name, table.to_csv(index=False, lineterminator="\n"))
        written.append(out / name)
    rows = "\n".join(f"| `{name}` | {', '.join(f'`{c}`' for c in table.columns)} |" for name, table in tables.items())
    readme = _README.format(documents=len(summaries), failed=len(failures), rows=rows, terms="、".join(trend_terms))
    atomic_write_text(out / "README.md", readme)
    return [*written, out / "README.md"], len(failures)
