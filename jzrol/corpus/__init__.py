"""Corpora: many reports at once, in parallel, with counts that stream.

:func:`list_reports` expands folders and globs; :func:`summarize` reads every report in worker
processes (or on a Dask cluster) and keeps only what grows with the vocabulary (term counts per year,
theme hits and claim counts per document), so a corpus of any size fits in memory; a report that
fails is recorded with its reason and the rest go on. Trend tables (:func:`term_trend`,
:func:`theme_trend`, :func:`claims_by_year`), :func:`keyness_group` and :func:`keyness_document` compare
documents, years and any groups of document variables (``by=``, with ``n_docs`` behind each group;
a docvars table or file-name pattern adds the user's own); :func:`corpus_table` gives any
single-report table for many reports with their document variables.

The work is split by job: ``inputs`` (which files, their ``doc_id``), ``engine`` (batches on a
process pool or Dask), ``vocabulary`` (numbered words, yearly counts), ``summary`` (one report, a
corpus), ``compare`` (trends, keyness), ``tables`` (the command line's tables), ``export`` (the
corpus tables as CSV files).

>>> from jzrol import paths
>>> summary = summarize([paths.SEED_REPORT], workers=1, progress=False)
>>> summary.documents[["doc_id", "year", "genre"]].values.tolist()
[['jinzhou-2020-rule-of-law-government-report', 2020, 'rule_of_law_report']]
"""

from jzrol.corpus.compare import (
    claims_by_year,
    group_term_counts,
    keyness_document,
    keyness_group,
    term_trend,
    theme_trend,
)
from jzrol.corpus.engine import StopRun, WorkerError, default_workers
from jzrol.corpus.inputs import (
    DOCVARS,
    REPORT_SUFFIXES,
    DocvarsWarning,
    ReportFile,
    docvars_from_names,
    join_docvars,
    list_reports,
    read_docvars,
    readable,
    report_files,
)
from jzrol.corpus.summary import (
    GENRES,
    META_COLUMNS,
    Analysis,
    CorpusSummary,
    DocumentSummary,
    document_meta,
    guess_genre,
    read_named,
    report_genre,
    summarize,
    summarize_document,
)
from jzrol.corpus.tables import Request, Table, corpus_table
from jzrol.corpus.vocabulary import YearTermCounts
from jzrol.sources import SourceError

__all__ = [
    "DOCVARS", "GENRES", "META_COLUMNS", "REPORT_SUFFIXES", "Analysis", "CorpusSummary", "DocumentSummary",
    "DocvarsWarning", "ReportFile", "Request", "SourceError", "StopRun", "Table", "WorkerError", "YearTermCounts",
    "claims_by_year", "corpus_table", "default_workers", "document_meta", "docvars_from_names", "group_term_counts",
    "guess_genre", "join_docvars", "keyness_document", "keyness_group", "list_reports", "read_docvars", "read_named",
    "readable", "report_files", "report_genre", "summarize", "summarize_document", "term_trend", "theme_trend",
]
