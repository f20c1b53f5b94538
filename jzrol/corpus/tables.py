"""The single-report tables of the command line, one report at a time, for the corpus engine.

Each command (``info``, ``parse``, ``terms``, ``kwic``, ``claims``, ``checks``, ``themes``) is a
:class:`Request`; :func:`report_table` answers it for one report, and :func:`tables` for many, in
the engine's workers, in input order, with the reports that could not be read named and skipped.
Term counts stream: one segmentation per group of sentences, counted as it goes, never a table of
every token.

>>> from jzrol import paths
>>> found = tables([paths.SEED_REPORT], Request("terms", top=2))
>>> found.results[0][["term", "n"]].values.tolist(), found.failures
([['法治政府建设', 17], ['锦州市', 17]], [])
"""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import compress
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from jzrol import claims as claims_stage
from jzrol import paths, terms, themes
from jzrol.corpus import engine
from jzrol.corpus.inputs import DOCVARS, ReportFile, join_docvars, report_files
from jzrol.corpus.summary import document_meta, read_named, report_genre
from jzrol.corpus.vocabulary import vocabulary_for
from jzrol.report import Report
from jzrol.sources import SourceError

__all__ = ["GROUPS", "CsvRows", "Request", "Tables", "corpus_table", "count_report_terms", "report_table", "tables"]

Command = Literal["info", "parse", "terms", "kwic", "claims", "checks", "themes"]
Table = Literal["units", "terms", "claims", "checks", "themes"]  # what corpus_table gives
#: Grouping columns of ``terms --by``.
GROUPS = {"doc": ("doc_id",), "part": ("doc_id", "part"), "section": ("doc_id", "part", "section")}


class NoBodyText(ValueError):
    """A report that has no sentence to analyse (headings only, or nothing but page chrome)."""


@dataclass(frozen=True)
class Request:
    """One command's table and its options (the lexicons as paths, so that workers build their own)."""

    command: Command
    by: str = "doc"
    top: int = 0
    policy_verbs: Literal["keep", "drop"] = "keep"
    userdict: str = str(terms.USERDICT)
    codebook: str | None = None  # None: each report coded with the codebook of its genre
    weight: Literal["hits", "sentences"] = "hits"  # the share ``themes`` gives
    kwic_terms: tuple[str, ...] = ()
    window: int = 15
    match: Literal["token", "substring"] = "token"
    as_csv: bool = False  # tables come back as CSV rows (a :class:`CsvRows`), written in the workers
    spill: str | None = None  # with as_csv, a folder: each report's rows go to a file there, not through memory
    with_docvars: bool = False  # each row carries its report's document variables (``corpus_table``)

    def prepare(self) -> None:
        """Build the lexicons this request needs now, once, before worker processes fork."""
        if self.command in ("terms", "kwic", "themes", "claims", "checks"):
            terms.get_tokenizer(self.userdict)
        if self.command == "themes":
            for codebook in ([self.codebook] if self.codebook else
                             [paths.lexicon_file(row["file"]) for row in themes.known_codebooks()]):
                themes.matcher_for(codebook)
        if self.command in ("claims", "checks"):
            claims_stage.prepare()


def count_report_terms(report: Report, *, by: Iterable[str] = ("doc_id",), policy_verbs: str = "keep",
                       tokenizer: terms.Tokenizer | None = None) -> pd.DataFrame:
    """:func:`jzrol.terms.count_terms` of one report, counted as the text streams by (the same table).

    The sentences of each group are segmented in one call, joined by line breaks (a line break is a
    token of its own and no word spans one), and their tokens counted by a ``Counter``; only the
    distinct words are then looked up in the process's vocabulary, which knows what each word is (a
    stopword, a number, punctuation). The policy verbs are left out too with ``policy_verbs="drop"``.

    >>> from jzrol import read_report, paths
    >>> table = count_report_terms(read_report(paths.SEED_REPORT), by=["doc_id", "part"])
    >>> table.columns.tolist(), table.iloc[0]["term"], int(table.iloc[0]["n"])
    (['doc_id', 'part', 'term', 'n', 'per_1000'], '全面', 3)
    """
    columns = _term_columns(report, keys=[key for key in by if key != "doc_id"], policy_verbs=policy_verbs,
                            tokenizer=tokenizer or terms.get_tokenizer())
    return pd.DataFrame(columns)


def _term_columns(report: Report, *, keys: Sequence[str] = (), policy_verbs: str = "keep",
                  tokenizer: terms.Tokenizer, top: int = 0) -> dict[str, Any]:
    """The columns of :func:`count_report_terms` (``top`` > 0: only each group's ``top`` first rows)."""
    if policy_verbs not in ("keep", "drop"):
        raise ValueError(f"policy_verbs must be 'keep' or 'drop', not {policy_verbs!r}")
    columns = report.columns
    is_text = [kind == "text" for kind in columns["kind"]]
    sentences = compress(columns["norm"], is_text)
    if keys:  # each group's sentences, groups in the order of their keys
        grouped: dict[tuple, list[str]] = {}
        for key, sentence in zip(zip(*(compress(columns[key], is_text) for key in keys)), sentences):
            grouped.setdefault(key, []).append(sentence)
        groups = sorted(grouped.items())
    else:
        groups = [((), list(sentences))]
    vocabulary = vocabulary_for(tokenizer, terms.cached_wordlist(str(terms.STOPWORDS)), themes.matcher_for())
    verbs = terms.cached_wordlist(str(terms.POLICY_VERBS)) if policy_verbs == "drop" else frozenset()
    found_terms: list[str] = []
    found: dict[str, list[np.ndarray]] = {name: [] for name in [*keys, "n", "per_1000"]}
    for key, group in groups:
        counted = Counter(tokenizer.cut("\n".join(group)))  # counting in C, then each word looked at once
        words = list(counted)
        ids = vocabulary.numbers(words)  # first: it extends the flags to the words met for the first time
        kept = ~vocabulary.dropped[ids]
        if verbs:
            kept &= np.fromiter((word not in verbs for word in words), dtype=bool, count=len(words))
        words = sorted(compress(words, kept))  # alphabetical, then most frequent first (a stable sort)
        n = np.fromiter(map(counted.__getitem__, words), dtype=np.int64, count=len(words))
        order = np.argsort(-n, kind="stable")[:top or None]
        found_terms += map(words.__getitem__, order.tolist())
        found["n"].append(n[order])
        found["per_1000"].append(np.round(n[order] * 1000 / n.sum(), 3))
        for position, name in enumerate(keys):
            found[name].append(np.full(len(order), key[position], dtype=np.int64))

    def joined(name: str) -> np.ndarray:
        return np.concatenate(found[name]) if found[name] else np.zeros(0, dtype=float if name == "per_1000" else int)

    return {"doc_id": np.full(len(found_terms), report.doc_id, dtype=object), **{name: joined(name) for name in keys},
            "term": np.array(found_terms, dtype=object), "n": joined("n"), "per_1000": joined("per_1000")}


def _require_sentences(report: Report) -> None:
    """:class:`jzrol.sources.SourceError` for a page without a report, :class:`NoBodyText` for a report
    without a sentence to analyse."""
    report.require_text()  # a page without a report (menus, link lists) is named, not analysed
    if "text" not in report.columns["kind"]:
        raise NoBodyText("report has no body text to analyse")


def report_table(report: Report, request: Request) -> Any:
    """:func:`_report_table`, with the report's document variables after the table's own columns when
    ``request.with_docvars`` (a table, not ``info`` or ``kwic``)."""
    table = _report_table(report, request)
    if request.with_docvars and isinstance(table, pd.DataFrame):
        meta = document_meta(report, report.source.path if report.source else report.doc_id)
        table = table.copy()
        for column in [*DOCVARS, "codebook"]:
            if column not in table or column == "codebook":
                table[column] = meta[column]
        table["_docvars_path"] = meta["path"]  # what user docvars join on; dropped by corpus_table
    return table


def _requested_terms(report: Report, request: Request) -> dict[str, Any]:
    """The columns of the ``terms`` table ``request`` asks for (see :func:`_require_sentences` for errors)."""
    _require_sentences(report)
    return _term_columns(report, keys=GROUPS[request.by][1:], policy_verbs=request.policy_verbs,
                         tokenizer=terms.get_tokenizer(request.userdict), top=request.top)


def _report_table(report: Report, request: Request) -> Any:
    """The table ``request`` asks for of one report (for ``info``, the metadata as a dict; for ``kwic``,
    one table per term).

    Raises:
        jzrol.sources.SourceError: the command counts sentences and the report has none (a page
            without a report says so).
        NoBodyText: the command counts sentences and the report has none.
    """
    command = request.command
    if command == "info":
        return report.meta.to_dict()
    if command == "parse" and len(report.units):
        return report.units
    if command == "terms":
        return pd.DataFrame(_requested_terms(report, request))
    _require_sentences(report)
    units = report.units
    if command == "kwic":
        tokenizer = terms.get_tokenizer(request.userdict)
        return [terms.kwic(units, term, window=request.window, match=request.match, tokenizer=tokenizer)
                for term in request.kwic_terms]
    if command == "themes":  # each report coded with its genre's codebook unless one is given
        codebook = request.codebook or themes.codebook_for_genre(report_genre(report))
        hits = themes.code_units(units, codebook=codebook)
        table = themes.theme_table(hits, units, by=request.by, weight=request.weight)
        table["codebook"] = hits.attrs["codebook"]
        return table
    found = claims_stage.extract_claims(units)
    return found if command == "claims" else claims_stage.check_claims(found, units)


@dataclass(frozen=True)
class CsvRows:
    """A report's table as CSV: its header line and its rows (what a worker sends for ``as_csv``).

    >>> rows = CsvRows.of(pd.DataFrame({"doc_id": ["a"], "n": [3]}), "a")
    >>> print(rows.header + rows.rows, end="")
    doc_id,n
    a,3
    """

    header: str
    rows: str
    doc_id: str
    path: str | None = None  # the file holding the rows instead (``rows`` is then empty)

    def take(self) -> str:
        """The rows, read from their file when they were written to one (which is then removed).

        >>> CsvRows("n\\n", "3\\n", "a").take()
        '3\\n'
        """
        if self.path is None:
            return self.rows
        with open(self.path, encoding="utf-8", newline="") as stream:  # the bytes as written, \r included
            found = stream.read()
        os.unlink(self.path)
        return found

    def spilled(self, folder: str) -> CsvRows:
        """The same rows written to a new file in ``folder``, returned as a :class:`CsvRows` that names it."""
        handle, name = tempfile.mkstemp(dir=folder, suffix=".csv")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(self.rows)
        return CsvRows(self.header, "", self.doc_id, name)

    @classmethod
    def of(cls, table: pd.DataFrame, doc_id: str) -> CsvRows:
        if table.isna().to_numpy().any():  # pandas writes a missing value as an empty field
            header = table.head(0).to_csv(index=False, lineterminator="\n")
            return cls(header, table.to_csv(index=False, header=False, lineterminator="\n"), doc_id)
        return cls.of_columns({column: table[column] for column in table.columns}, doc_id)

    @classmethod
    def of_columns(cls, columns: dict[str, Any], doc_id: str) -> CsvRows:
        """The rows of a table given as columns (arrays or lists of plain values, none missing).

        >>> print(CsvRows.of_columns({"term": ["法治"], "n": np.array([3])}, "a").rows, end="")
        法治,3
        """
        header, rows = io.StringIO(), io.StringIO()
        csv.writer(header, lineterminator="\n").writerow(columns)
        # Plain values through the csv module, column by column: the bytes pandas' to_csv writes, in half the time.
        csv.writer(rows, lineterminator="\n").writerows(zip(*(column if isinstance(column, list) else column.tolist()
                                                               for column in columns.values())))
        return cls(header.getvalue(), rows.getvalue(), doc_id)


def _one(file: ReportFile, _state: None, *, request: Request) -> tuple[Any, str | None]:
    """``(table, None)`` for a report, or ``(None, reason)`` naming the file when it cannot be analysed.

    With ``request.spill`` the CSV rows are written to a file there; a failure to write it (a full
    disk) is no fault of the report and stops the run.
    """
    if file.error:
        return None, file.error
    try:
        table = _table_of(file, request)
    except SourceError as error:
        return None, f"{file.name}: {error.reason}"
    except NoBodyText as error:
        return None, f"{file.name}: {error}"
    except Exception as error:  # noqa: BLE001 - one report that breaks the analysis must not stop the others
        return None, f"{file.name}: cannot be analysed ({type(error).__name__}: {error})"
    return (table.spilled(request.spill) if request.spill and isinstance(table, CsvRows) else table), None


def _table_of(file: ReportFile, request: Request) -> Any:
    """:func:`report_table` of the file's report, as :class:`CsvRows` with ``request.as_csv``."""
    report = read_named(file.path, file.doc_id)
    if request.as_csv and request.command == "terms" and not request.with_docvars:  # straight from the counts
        return CsvRows.of_columns(_requested_terms(report, request), file.doc_id)
    table = report_table(report, request)
    return CsvRows.of(table, file.doc_id) if request.as_csv and isinstance(table, pd.DataFrame) else table


@dataclass
class Tables:
    """The tables of a run, in input order, and the reports skipped with their reasons (one line each)."""

    results: list[Any] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    files: list[ReportFile] = field(default_factory=list)


def tables(inputs: Iterable[str | Path], request: Request, *, workers: int = 1, progress: bool = False,
           strict: bool = False, report_skips: bool = False) -> Tables:
    """``request`` for every report named by ``inputs``, through the corpus engine.

    With ``strict`` the first report that cannot be analysed raises :class:`jzrol.corpus.engine.StopRun`;
    with ``report_skips`` each skipped report is named on stderr as soon as it is met.
    """
    files = report_files(inputs)
    request.prepare()

    def check(_index: int, outcome: tuple[Any, str | None]) -> None:
        reason = outcome[1]
        if reason and strict:
            raise engine.StopRun(reason)
        if reason and report_skips:
            tqdm.write(f"jzrol: skipped {reason}", file=sys.stderr)

    found = engine.run_in_order(engine.Job(each=partial(_one, request=request)), files, sizes=[f.size for f in files],
                                workers=workers, progress=progress, names=[f.name for f in files], on_result=check)
    return Tables([table for table, _ in found if table is not None],
                  [reason for _, reason in found if reason], [f for f, (t, _) in zip(files, found) if t is not None])


_CORPUS_COMMANDS: dict[str, Command] = {"units": "parse", "terms": "terms", "claims": "claims", "checks": "checks",
                                        "themes": "themes"}


def corpus_table(inputs: Iterable[str | Path], table: Table, *, workers: int = 1, progress: bool = False,
                 docvars: str | Path | pd.DataFrame | None = None,
                 docvars_from: str | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Any single-report table for many reports at once, with the document variables; also the failures' messages.

    (``themes`` by section, ``terms`` by document.) Each row carries its report's
    :data:`jzrol.corpus.inputs.DOCVARS` (``doc_id, title, place, level, year, delivered, genre``) and
    ``codebook`` after the table's own columns, plus the user's variables from ``docvars`` or
    ``docvars_from`` as in :func:`jzrol.corpus.summarize`.
    """
    request = Request(_CORPUS_COMMANDS[table], by="section" if table == "themes" else "doc", with_docvars=True)
    found = tables(inputs, request, workers=workers, progress=progress)
    frames = [frame for frame in found.results if len(frame)]
    if not frames:
        return pd.DataFrame(), found.failures
    combined = pd.concat(frames, ignore_index=True)
    combined[["year", "delivered"]] = combined[["year", "delivered"]].astype("Int64")
    if docvars is not None or docvars_from is not None:
        documents = combined[["doc_id", "_docvars_path"]].drop_duplicates("doc_id").reset_index(drop=True)
        documents = documents.rename(columns={"_docvars_path": "path"})
        own = join_docvars(documents, docvars, docvars_from=docvars_from).drop(columns="path")
        added = [c for c in own.columns if c != "doc_id"]
        combined = combined.drop(columns=[c for c in added if c in combined]).merge(own, on="doc_id", how="left")
    return combined.drop(columns="_docvars_path"), found.failures
