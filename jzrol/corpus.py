"""Corpora: many reports at once, in parallel, with counts that stream.

:func:`list_reports` expands folders and globs; :func:`summarize` reads every
report in worker processes and keeps only what grows with the vocabulary (term
counts per year, theme hits and claim counts per document), so a corpus of any
size fits in memory; a report that fails is recorded with its reason and the
rest go on. Trend tables (:func:`term_trend`, :func:`theme_trend`,
:func:`claims_by_year`) and :func:`keyness_document` compare documents and
years; :func:`corpus_table` gives any single-report table for many reports with
``doc_id``.

>>> from jzrol import paths
>>> summary = summarize([paths.SEED_REPORT], workers=1, progress=False)
>>> summary.documents[["doc_id", "year", "genre"]].values.tolist()
[['jinzhou-2020-rule-of-law-government-report', 2020, 'rule_of_law_report']]
"""

from __future__ import annotations

import csv
import glob
import multiprocessing
import operator
import queue
import re
import sys
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from itertools import compress, count, repeat
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from tqdm import tqdm

from jzrol import claims as claims_stage
from jzrol import paths, terms, themes
from jzrol.report import Report, read_report
from jzrol.sources import SourceError

__all__ = [
    "DOCVARS", "META_COLUMNS", "CorpusSummary", "DocumentSummary", "DocvarsWarning", "WorkerError", "YearTermCounts",
    "claims_by_year", "corpus_table", "document_meta", "docvars_from_names", "group_term_counts", "guess_genre",
    "join_docvars", "keyness_document", "keyness_group", "list_reports", "read_docvars", "report_genre", "summarize",
    "summarize_document", "term_trend", "theme_trend",
]

GENRES = paths.LEXICON_DIR / "genres.csv"
#: The files a folder gives: every format :func:`jzrol.sources.read_source` reads.
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
_YEAR_IN_NAME = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")
Table = Literal["units", "terms", "claims", "checks", "themes"]


# --- inputs and metadata ----------------------------------------------------------------------

def list_reports(inputs: Iterable[str | Path]) -> list[Path]:
    """Report files named by paths, folders (their files of ``REPORT_SUFFIXES``) and glob patterns, sorted,
    no duplicates.

    Raises:
        SourceError: a path that does not exist, or a pattern or folder that names no report.
    """
    found: dict[Path, None] = {}
    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in REPORT_SUFFIXES and p.is_file())
            if not files:
                raise SourceError(path, f"folder holds no report ({', '.join(REPORT_SUFFIXES)})")
        elif any(c in text for c in "*?["):
            files = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not files:
                raise SourceError(text, "pattern matches no file")
        else:
            files = [path]
        found.update(dict.fromkeys(files))
    return list(found)


@lru_cache(maxsize=2)
def _genre_rules(path: str) -> tuple[tuple[str, str, re.Pattern], ...]:
    with open(path, encoding="utf-8") as handle:
        return tuple((row["genre"], row["where"], re.compile(row["pattern"])) for row in csv.DictReader(handle))


def guess_genre(title: str | None, file_name: str, opening: str, *, rules: str | Path = GENRES) -> str:
    """The report's genre from its title, else its file name, else its opening words.

    >>> guess_genre("政府工作报告", "2024.txt", ""), guess_genre(None, "2024.txt", "各位代表：现在，我代表国务院")
    ('government_work_report', 'government_work_report')
    """
    evidence = {"title": title or "", "file": file_name, "body": opening}
    for where in ("title", "file", "body"):
        for genre, rule_where, pattern in _genre_rules(str(rules)):
            if rule_where == where and evidence[where] and pattern.search(evidence[where]):
                return genre
    return "unknown"


def report_genre(report: Report, path: str | Path | None = None) -> str:
    """The genre of a parsed report (:func:`guess_genre` on its title, file name and first sentences).

    >>> from jzrol import paths
    >>> report_genre(read_report(paths.SEED_REPORT))
    'rule_of_law_report'
    """
    columns = report.columns
    opening = "".join([norm for kind, norm in zip(columns["kind"], columns["norm"]) if kind == "text"][:3])
    source = path or (report.source.path if report.source else "")
    return guess_genre(report.meta.title, Path(str(source)).name, opening)


META_COLUMNS = ("doc_id", "path", "title", "issuer", "place", "level", "year", "year_source", "delivered", "published",
                "genre", "codebook", "script", "warnings")


def document_meta(report: Report, path: str | Path) -> dict:
    """One row of corpus metadata: identity, year (and where it came from), issuer, genre, script.

    ``year`` is the year reported on (``report.meta.year``, from the title, or for a work report the year
    before its delivery), else the year of the publication or delivery date, else a year in the file
    name. ``place``, ``level`` and ``delivered`` are the report's own (``report.meta``).
    """
    meta = report.meta
    name = Path(path).name
    year, source = meta.year, meta.year_source
    if year is None and meta.published:
        year, source = int(meta.published[:4]), "published"
    if year is None:
        match = _YEAR_IN_NAME.search(name)
        year, source = (int(match.group(1)), "file name") if match else (None, "")
    return {
        "doc_id": meta.doc_id, "path": str(path), "title": meta.title, "issuer": "、".join(meta.issuer),
        "place": meta.place, "level": meta.level, "year": year, "year_source": source, "delivered": meta.delivered,
        "published": meta.published,
        "genre": report_genre(report, path), "codebook": themes.codebook_for_genre(report_genre(report, path)).name,
        "script": meta.provenance.get("script"),
        "warnings": len(meta.warnings),
    }


class WorkerError(RuntimeError):
    """A worker process died before it finished (killed, out of memory); the corpus summary is incomplete."""


# --- one document -----------------------------------------------------------------------------

@dataclass
class DocumentSummary:
    """What one worker sends back for one report: metadata, sizes and counts, or the error."""

    doc_id: str
    path: str
    meta: dict = field(default_factory=dict)
    sentences: int = 0
    characters: int = 0
    tokens: int = 0
    terms: Counter = field(default_factory=Counter)
    themes: Counter = field(default_factory=Counter)
    coded_sentences: int = 0
    theme_sentences: Counter = field(default_factory=Counter)  # sentences coded with each theme
    claims: Counter = field(default_factory=Counter)
    exact_claims: int = 0
    error: str | None = None


class _WordNumbers:
    """Words numbered in the order they are first met: a word's number is its position in :attr:`words`.

    >>> numbering = _WordNumbers()
    >>> ids, new = numbering.number(["依法", "行政", "依法"]); ids.tolist(), new
    ([0, 1, 0], ['依法', '行政'])
    """

    def __init__(self, words: Sequence[str] = ()) -> None:
        self.words: list[str] = list(words)  # grows in place, never replaced
        # Looking up a word that is not there yet gives it the next number (one pass over the words).
        self.ids: defaultdict[str, int] = defaultdict(count(len(self.words)).__next__,
                                                      zip(self.words, range(len(self.words))))

    def number(self, words: Sequence[str]) -> tuple[np.ndarray, list[str]]:
        """The number of each word (repeats allowed), and the words met for the first time, in order."""
        known = len(self.words)
        ids = np.fromiter(map(self.ids.__getitem__, words), dtype=np.intp, count=len(words))
        if len(self.ids) == known:
            return ids, []
        is_new = ids >= known
        _, first = np.unique(ids[is_new], return_index=True)  # where each new number first occurs
        new = [words[position] for position in np.flatnonzero(is_new)[first].tolist()]
        self.words += new
        return ids, new


class _Vocabulary(_WordNumbers):
    """Every word a worker has met, numbered, with what it is: a counted term or not, a theme word or not.

    A worker meets the same words in every report, so each word is looked at once. A report's tokens
    become an array of word numbers, and counting, dropping and theme coding are array operations.

    >>> vocabulary = _Vocabulary()
    >>> ids = vocabulary.numbers(["依法", "行政", "，", "依法"])
    >>> ids.tolist(), vocabulary.words, vocabulary.dropped.tolist(), vocabulary.themed().tolist()
    ([0, 1, 2, 0], ['依法', '行政', '，'], [False, False, True], [False, False, False])
    """

    def __init__(self) -> None:
        super().__init__()
        self.dropped = np.zeros(0, dtype=bool)  # stopwords, numbers, punctuation and spaces
        self._themed: dict[str, np.ndarray] = {}  # per codebook: words of the codebook (plain values and globs)

    def numbers(self, tokens: list[str]) -> np.ndarray:
        """The word number of each token (words met for the first time are looked at)."""
        ids, new = self.number(tokens)
        if new:
            stopwords = terms.cached_wordlist(str(terms.STOPWORDS))
            self.dropped = np.append(self.dropped, [w in stopwords or not terms.is_content(w) for w in new])
        return ids

    def themed(self, codebook: themes.Codebook | None = None) -> np.ndarray:
        """For each word, whether it is a word of ``codebook`` (the default one when None)."""
        book = themes.load_codebook(codebook)
        known = self._themed.get(book.path, np.zeros(0, dtype=bool))
        if len(known) < len(self.words):
            matcher = themes.matcher_for(book)
            known = self._themed[book.path] = np.append(
                known, [bool(matcher.themes_of(w)) for w in self.words[len(known):]])
        return known


_VOCABULARY = _Vocabulary()


def _phrase_hits(tokens: list[str], starts: np.ndarray, sentence_of: np.ndarray, themed_sentences: np.ndarray,
                 theme_counts: Counter, matcher, by_theme: dict | None = None) -> int:  # noqa: ANN001 - the matcher
    """Add the hits of the codebook's phrases to ``theme_counts``; return the sentences they alone code.

    ``starts`` are the positions of the tokens that begin a phrase, ``sentence_of`` numbers each token's
    sentence, and ``themed_sentences`` are the sentences a theme word already codes.
    """
    coded = set()
    for i in starts.tolist():
        word = tokens[i]
        for phrase, theme in matcher.phrases[word]:
            if theme not in matcher.themes_of(word) and tuple(tokens[i:i + len(phrase)]) == phrase:
                theme_counts[theme] += 1
                coded.add(int(sentence_of[i]))
                if by_theme is not None:
                    by_theme.setdefault(theme, set()).add(int(sentence_of[i]))
    return len(coded.difference(themed_sentences.tolist()))


def _count_terms_and_themes(text: str, codebook: themes.Codebook | None = None, *,
                            theme_sentences: dict[str, set] | None = None,
                            ) -> tuple[np.ndarray, np.ndarray, Counter, int]:
    """Term counts, theme hits and coded sentences from one segmentation of ``text``: the sentences
    of a report, joined by line breaks.

    The term counts come as word numbers of the process's vocabulary and their counts (see
    :func:`_term_counter`), so that a worker can add them to its yearly table without looking the
    words up again.

    Gives the same theme hits as :func:`jzrol.themes.code_units` (a token counts once per theme;
    phrases count where their words are consecutive), but works on the vocabulary rather than on
    every token, which is what makes a corpus fast. The sentences are segmented in one call: a line
    break is always a token of its own and no word spans one, so each sentence gets the tokens it
    gets alone (a test checks this on the State Council corpus). Themes are those of ``codebook``
    (the default one when None). With ``theme_sentences`` (a dict), each theme's coded sentences are
    added there as sets of sentence numbers.
    """
    matcher = themes.matcher_for(codebook)
    tokens = terms.get_tokenizer().cut(text)
    vocabulary = _VOCABULARY
    ids = vocabulary.numbers(tokens)
    themed = vocabulary.themed(codebook)
    counts = np.bincount(ids, minlength=len(vocabulary.words))
    present = np.flatnonzero(counts)
    themed_ids = present[themed[present]].tolist()
    theme_counts: Counter = Counter()
    for index in themed_ids:
        for theme in matcher.themes_of(vocabulary.words[index]):
            theme_counts[theme] += int(counts[index])
    # A sentence is coded when one of its tokens is a theme word, or it holds a phrase of the codebook;
    # a token's sentence number counts the line breaks before it.
    sentence_of = np.cumsum(ids == vocabulary.ids.get("\n", -1))
    themed_sentences = np.unique(sentence_of[themed[ids]])
    coded = len(themed_sentences)
    if theme_sentences is not None:
        positions = np.flatnonzero(themed[ids])
        for word_id, sentence in zip(ids[positions].tolist(), sentence_of[positions].tolist()):
            for theme in matcher.themes_of(vocabulary.words[word_id]):
                theme_sentences.setdefault(theme, set()).add(sentence)
    first_words = [vocabulary.ids[word] for word in matcher.phrases if word in vocabulary.ids]
    if first_words and counts[first_words].any():
        begins_phrase = np.zeros(len(vocabulary.words), dtype=bool)
        begins_phrase[first_words] = True
        starts = np.flatnonzero(begins_phrase[ids])
        coded += _phrase_hits(tokens, starts, sentence_of, themed_sentences, theme_counts, matcher, theme_sentences)
    kept = present[~vocabulary.dropped[present]]
    return kept, counts[kept], theme_counts, coded


def _term_counter(ids: np.ndarray, counts: np.ndarray) -> Counter:
    """Term counts given as word numbers of the process's vocabulary, as a ``Counter`` of words."""
    return Counter(dict(zip(map(_VOCABULARY.words.__getitem__, ids.tolist()), counts.tolist())))


@dataclass
class _Parsed:
    """A report read and parsed, its claims counted: what is left is to segment its sentences."""

    summary: DocumentSummary  # all but the term and theme counts
    text: str  # the sentences, joined by line breaks


def _failed(path: Path, error: Exception) -> DocumentSummary:
    """The summary of a report that could not be analysed, with the reason (and the file's name)."""
    if isinstance(error, SourceError):
        return DocumentSummary(doc_id=path.stem, path=str(path), error=str(error))
    return DocumentSummary(doc_id=path.stem, path=str(path), error=f"{path}: {type(error).__name__}: {error}")


def _parse_document(path: Path) -> _Parsed | DocumentSummary:
    """The first stage of :func:`summarize_document`: read and parse the report and count its claims."""
    try:
        report = read_report(path)
        report.require_text()
        columns = report.columns
        is_text = [kind == "text" for kind in columns["kind"]]
        sentences = list(compress(columns["norm"], is_text))
        claim_kinds, exact_claims = claims_stage.count_claims(compress(columns["text"], is_text))
        summary = DocumentSummary(
            doc_id=report.doc_id, path=str(path), meta=document_meta(report, path), sentences=len(sentences),
            characters=sum(map(len, sentences)), claims=claim_kinds, exact_claims=exact_claims,
        )
        return _Parsed(summary, "\n".join(sentences))
    except Exception as error:  # noqa: BLE001 - one bad report must not stop a corpus
        return _failed(path, error)


def _count_document(parsed: _Parsed | DocumentSummary, year_counts: YearTermCounts | None) -> DocumentSummary:
    """The second stage of :func:`summarize_document`: segment the sentences, count terms and themes."""
    if isinstance(parsed, DocumentSummary):  # the report failed in the first stage
        return parsed
    summary = parsed.summary
    try:
        codebook = themes.codebook_for_genre(summary.meta["genre"])
        by_theme: dict[str, set] = {}
        ids, counts, summary.themes, summary.coded_sentences = _count_terms_and_themes(
            parsed.text, codebook, theme_sentences=by_theme)
        summary.theme_sentences = Counter({theme: len(found) for theme, found in by_theme.items()})
        summary.tokens = int(counts.sum())
        if year_counts is None:
            summary.terms = _term_counter(ids, counts)
        else:  # last, once nothing can fail: a failed report adds nothing
            year_counts.add_numbered(summary.meta["year"], ids, counts)
        return summary
    except Exception as error:  # noqa: BLE001 - one bad report must not stop a corpus
        return _failed(Path(summary.path), error)


def summarize_document(path: str | Path, *, year_counts: YearTermCounts | None = None) -> DocumentSummary:
    """Parse one report and count its terms, themes and claims (runs in a worker process).

    Each sentence is segmented once; term counts and theme coding share the tokens. Counting reads
    the parser's plain columns, not its tables. A report that cannot be read or analysed comes back
    with ``error`` set instead of raising.

    With ``year_counts`` (a worker's table, see :meth:`YearTermCounts.over_vocabulary`) the term
    counts are added to the report's year there and ``terms`` is left empty.
    """
    if year_counts is not None and year_counts.numbering is not _VOCABULARY:
        raise ValueError("year_counts must be numbered as the process's vocabulary: "
                         "use YearTermCounts.over_vocabulary()")
    return _count_document(_parse_document(Path(path)), year_counts)


# --- the corpus ---------------------------------------------------------------------------------

class YearTermCounts:
    """Term counts per year, as one array of counts per year over a vocabulary that grows.

    Adding a report's counts, or another process's table, is an array addition rather than a loop
    in Python over the words, and memory grows with years × vocabulary, not with documents.
    :meth:`counters` gives the counts as one ``Counter`` per year.

    >>> table = YearTermCounts()
    >>> table.add(2020, Counter(法治=2)); table.add(2020, Counter(法治=1, 依法=3)); table.add(2021, Counter(依法=1))
    >>> table.counters()
    {2020: Counter({'法治': 3, '依法': 3}), 2021: Counter({'依法': 1})}
    """

    def __init__(self, words: Sequence[str] = (), *, numbering: _WordNumbers | None = None) -> None:
        self.numbering = numbering if numbering is not None else _WordNumbers(words)
        self.words, self.ids = self.numbering.words, self.numbering.ids  # the table's vocabulary
        self.years: dict[int | None, np.ndarray] = {}

    @classmethod
    def over_vocabulary(cls) -> YearTermCounts:
        """A worker's table, numbered as the process's vocabulary: a report's counts are added by number.

        Its words grow with the vocabulary until :meth:`detach` gives it a vocabulary of its own.
        """
        return cls(numbering=_VOCABULARY)

    def detach(self) -> YearTermCounts:
        """Give the table a copy of its vocabulary, so that the words it counts stop growing; return it."""
        self.numbering = _WordNumbers(self.words)
        self.words, self.ids = self.numbering.words, self.numbering.ids
        return self

    def _row(self, year: int | None) -> np.ndarray:
        """The year's counts, long enough for the whole vocabulary (grown by doubling)."""
        row = self.years.get(year)
        if row is None or len(row) < len(self.words):
            grown = np.zeros(max(2 * len(self.words), 1024), dtype=np.int64)
            if row is not None:
                grown[:len(row)] = row
            row = self.years[year] = grown
        return row

    def add(self, year: int | None, counts: Counter) -> None:
        """Add one report's term counts to its year."""
        ids, _ = self.numbering.number(list(counts))
        self._row(year)[ids] += np.fromiter(counts.values(), dtype=np.int64, count=len(counts))

    def add_numbered(self, year: int | None, ids: np.ndarray, counts: np.ndarray) -> None:
        """Add one report's term counts, given as numbers of this table's words (no repeats) and counts."""
        self._row(year)[ids] += counts

    def merge(self, other: YearTermCounts) -> None:
        """Add another table (a worker process's) to this one."""
        ids, _ = self.numbering.number(other.words)
        for year, row in other.years.items():
            size = min(len(row), len(ids))  # a year's row can be shorter than the vocabulary: the rest is 0
            self._row(year)[ids[:size]] += row[:size]

    def row(self, year: int | None) -> np.ndarray:
        """The year's count of every word, in the order of :attr:`words`."""
        return self._row(year)[:len(self.words)]

    def ids_of(self, word: str, *, contains: bool = False) -> list[int]:
        """Positions in :attr:`words` of ``word``, or of every word that contains it."""
        if contains:
            return list(compress(count(), map(operator.contains, self.words, repeat(word))))
        return [self.ids[word]] if word in self.ids else []

    def total(self) -> Counter:
        """Counts over all years."""
        summed = sum((self.row(year) for year in self.years), np.zeros(len(self.words), dtype=np.int64))
        present = np.flatnonzero(summed).tolist()
        return Counter(dict(zip(map(self.words.__getitem__, present), summed[present].tolist())))

    def counters(self) -> dict[int | None, Counter]:
        """The counts as ``{year: Counter}``, years in order (unknown year last), words as first met."""
        years = sorted(self.years, key=lambda year: (year is None, year or 0))
        result = {}
        for year in years:
            row = self.years[year]
            present = np.flatnonzero(row).tolist()
            result[year] = Counter(dict(zip(map(self.words.__getitem__, present), row[present].tolist())))
        return result

    def sparse(self) -> dict[int | None, tuple[np.ndarray, np.ndarray]]:
        """Per year, the numbers of the words counted and their counts (what travels between processes)."""
        found = {}
        for year, row in self.years.items():
            present = np.flatnonzero(row)
            found[year] = (present.astype(np.int32), row[present].astype(np.int32))
        return found

    def add_sparse(self, sparse: dict[int | None, tuple[np.ndarray, np.ndarray]]) -> None:
        """Add counts given as :meth:`sparse` gives them, numbered as this table's words."""
        for year, (ids, counts) in sparse.items():
            self.add_numbered(year, ids, counts)

    def take_sparse(self) -> dict[int | None, tuple[np.ndarray, np.ndarray]]:
        """:meth:`sparse`, and the counts start again from 0 (a worker sends what it has added since)."""
        found = self.sparse()
        self.years = {}
        return found

    def __getstate__(self) -> dict:
        return {"words": self.words, "sparse": self.sparse()}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["words"])
        self.add_sparse(state["sparse"])


@dataclass
class CorpusSummary:
    """Streaming results for a corpus.

    Attributes:
        documents: one row per report (metadata, sizes, claim counts, ``error`` for failures).
        year_counts: term counts per year (:class:`YearTermCounts`).
        themes: theme hits and coded sentences per document (``doc_id, year, codebook, theme, hits,
            sentences``), each report coded with the codebook of its genre.
    """

    documents: pd.DataFrame
    year_counts: YearTermCounts
    themes: pd.DataFrame

    @cached_property
    def year_terms(self) -> dict[int | None, Counter]:
        """Term counts per year as ``{year: Counter}``, years in order, unknown year last (built on first use)."""
        return self.year_counts.counters()

    @cached_property
    def totals(self) -> Counter:
        """Term counts of the whole corpus (built on first use)."""
        return self.year_counts.total()

    @property
    def failures(self) -> pd.DataFrame:
        """Reports that could not be analysed, with the reason."""
        return self.documents.loc[self.documents["error"].notna(), ["doc_id", "path", "error"]]


def _warm_up() -> None:
    """Build the tokenizer, codebook matcher and claim grammar once, before worker processes fork from us."""
    terms.get_tokenizer()
    for row in themes.known_codebooks():
        themes.matcher_for(paths.LEXICON_DIR / row["file"])
    claims_stage.prepare()


def _in_order(function, items: list, workers: int, progress: bool) -> Iterable:  # noqa: ANN001
    """``function`` over ``items`` in ``workers`` processes, results in input order, with a progress bar."""
    bar = tqdm(total=len(items), desc="jzrol corpus", unit="report", disable=not progress, file=sys.stderr)
    if workers <= 1:
        for item in items:
            yield function(item)
            bar.update()
    else:
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        with context.Pool(workers) as pool:
            for result in pool.imap(function, items, chunksize=1):
                yield result
                bar.update()
    bar.close()


_REPORT_EVERY = 0.5  # seconds: how often a worker summarizing whole reports sends what it has finished
_WAIT = 1.0  # seconds: how long to wait for a message before checking that the worker processes are alive
_BACKLOG = 16  # parsed reports of a worker left waiting for this process before that worker segments itself


def _next_report(position, order: list[int], processes: Sequence = ()) -> int | None:  # noqa: ANN001
    """The index of the next report to take (all take them in ``order``; ``position`` is a shared
    ``multiprocessing.Value`` counting those taken), or None when all are taken.

    Raises:
        WorkerError: one of ``processes`` died holding the lock.
    """
    lock = position.get_lock()
    while not lock.acquire(timeout=_WAIT):
        _check_alive(processes)
    taken = position.value
    position.value = taken + 1
    lock.release()
    return order[taken] if taken < len(order) else None


def _worker(number: int, files: list[Path], order: list[int], position, results, counted) -> None:  # noqa: ANN001
    """Worker process ``number``: take reports in ``order`` until none is left, as the other workers do.

    It reads and parses each report and counts its claims, and sends the parsed report to the
    calling process, which segments it and counts its terms and themes. The two halves of the work
    take about as long, the term counts never travel, and the calling process takes whole reports
    itself whenever no parsed one waits. When the calling process falls behind (more than
    ``_BACKLOG`` of this worker's parsed reports wait for it, as with three or more workers;
    ``counted[number]`` is how many of them it has counted), the worker summarizes whole reports
    from then on (:func:`_summarize_rest`).
    """
    sent = 0
    while (index := _next_report(position, order)) is not None:
        if sent - counted[number] > _BACKLOG:
            _summarize_rest(number, files, order, position, results, index)
            return
        results.put(("parsed", number, index, _parse_document(files[index])))
        sent += 1
    results.put(("done", number, [], [], {}))


def _summarize_rest(number: int, files: list[Path], order: list[int], position, results,  # noqa: ANN001
                    index: int) -> None:
    """Summarize whole reports, from report ``index`` on, adding their term counts up by year.

    Every half second (enough for the progress bar, and the calling process is not interrupted for
    each report) it sends the summaries it has finished, without their term counts, and the yearly
    term counts added since, by word number, with the words it has met since (the first time, all
    it knows). The calling process keeps a copy of the worker's numbering, so when the work ends,
    only the last half second's counts are left to send.
    """
    _warm_up()  # nothing to do when forked from the calling process, which has built it all
    year_counts = YearTermCounts.over_vocabulary()
    sent = 0  # words the calling process knows by these numbers
    batch, last_sent = [], time.monotonic()
    while index is not None:
        batch.append((index, summarize_document(files[index], year_counts=year_counts)))
        if time.monotonic() - last_sent >= _REPORT_EVERY:
            results.put(("batch", number, batch, year_counts.words[sent:], year_counts.take_sparse()))
            batch, last_sent, sent = [], time.monotonic(), len(year_counts.words)
        index = _next_report(position, order)
    results.put(("done", number, batch, year_counts.words[sent:], year_counts.take_sparse()))


def _largest_first(files: list[Path]) -> list[int]:
    """Indices of ``files`` from the largest file to the smallest (unreadable ones last)."""
    def size(index: int) -> int:
        try:
            return files[index].stat().st_size
        except OSError:
            return 0

    return sorted(range(len(files)), key=size, reverse=True)


def _check_alive(processes: list) -> None:
    """Raise :class:`WorkerError` when a worker process has stopped with an error."""
    dead = [process.exitcode for process in processes if process.exitcode not in (None, 0)]
    if dead:
        raise WorkerError(f"a worker process stopped with exit code {dead[0]} before finishing its reports; "
                          "try fewer --workers")


def _in_workers(files: list[Path], workers: int, progress: bool) -> tuple[list[DocumentSummary], list[YearTermCounts]]:
    """Summaries (in input order, term counts left out) and the yearly term counts of each worker.

    This process is one of the ``workers``: it starts ``workers - 1`` worker processes, which parse
    reports (see :func:`_worker`), segments and counts the reports they have parsed, and takes whole
    reports itself whenever none is waiting. Reports are taken largest first, so that the last ones
    to finish are small.

    Raises:
        WorkerError: a worker process died (killed, out of memory) before finishing its reports.
    """
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    order, position, results = _largest_first(files), context.Value("q", 0), context.Queue()
    counted = context.RawArray("q", workers - 1)  # parsed reports of each worker that this process has counted
    processes = [context.Process(target=_worker, args=(number, files, order, position, results, counted),
                                 daemon=True) for number in range(workers - 1)]
    for process in processes:
        process.start()
    summaries: list = [None] * len(files)
    own = YearTermCounts.over_vocabulary()
    copies = [YearTermCounts() for _ in processes]  # each worker's numbering of words, and the counts it sent
    bar = tqdm(total=len(files), desc="jzrol corpus", unit="report", disable=not progress, file=sys.stderr)
    finished = 0

    def take(kind: str, number: int, *message) -> None:
        nonlocal finished
        if kind == "parsed":
            index, parsed = message
            summaries[index] = _count_document(parsed, own)
            counted[number] += 1
            bar.update()
            return
        batch, new_words, counts = message
        copies[number].numbering.number(new_words)  # numbered as the worker numbered them
        copies[number].add_sparse(counts)
        for index, summary in batch:
            summaries[index] = summary
        bar.update(len(batch))
        finished += kind == "done"

    try:
        while True:
            while not results.empty():  # reports a worker has parsed come first
                take(*results.get())
            if (index := _next_report(position, order, processes)) is None:
                break
            summaries[index] = summarize_document(files[index], year_counts=own)
            bar.update()
        while finished < len(processes):
            try:
                take(*results.get(timeout=_WAIT))
            except queue.Empty:
                _check_alive(processes)
    except BaseException:
        for process in processes:
            if process.is_alive():
                process.terminate()
        raise
    finally:
        bar.close()
    # The workers have sent everything and are exiting; not waiting for them saves a few milliseconds
    # (multiprocessing collects finished processes when it next starts one, and at exit).
    return summaries, [own, *copies]


def _on_dask(files: list[Path], client, progress: bool) -> Iterable[DocumentSummary]:  # noqa: ANN001
    """Summaries computed on a Dask cluster (``distributed.Client``), yielded in input order."""
    futures = client.map(summarize_document, files, pure=False)
    bar = tqdm(total=len(files), desc="jzrol corpus (dask)", unit="report", disable=not progress, file=sys.stderr)
    for future in futures:
        yield future.result()
        future.release()
        bar.update()
    bar.close()


def summarize(inputs: Iterable[str | Path], *, workers: int = 1, progress: bool = True,
              client=None, docvars: str | Path | pd.DataFrame | None = None,  # noqa: ANN001 - a distributed.Client
              docvars_from: str | None = None) -> CorpusSummary:
    """Analyse every report named by ``inputs`` (files, folders, globs) with ``workers`` processes.

    With ``client`` (a ``dask.distributed.Client``, from the optional ``jzrol[dask]`` extra) the
    documents are analysed on that Dask cluster instead, for corpora that outgrow one machine; the
    results are the same.

    Failing reports are reported on stderr with their name and reason, kept in ``documents`` with an
    ``error``, and skipped; the others go on.

    ``documents`` carries each report's variables (:data:`DOCVARS`, the codebook its themes were
    coded with, sizes and counts); ``docvars`` (a CSV or DataFrame keyed by ``file`` or ``doc_id``)
    and ``docvars_from`` (a file-name pattern such as ``"{place}_{year}"``) add the user's own, for
    grouping with ``by=`` (see :func:`join_docvars`).
    """
    files = list_reports(inputs)
    rows, theme_rows = [], []
    year_counts = YearTermCounts()  # filled here from summaries that carry their term counts (Dask)
    yearly: list[YearTermCounts] = []  # or filled as reports are summarized, one table per worker
    if client is not None:
        results = _on_dask(files, client, progress)
    elif workers <= 1 or len(files) <= 1:
        _warm_up()
        yearly = [YearTermCounts.over_vocabulary()]
        results = _in_order(partial(summarize_document, year_counts=yearly[0]), files, 1, progress)
    else:
        _warm_up()  # once, before the workers fork
        results, yearly = _in_workers(files, workers, progress)
    for result in results:
        meta = result.meta or dict.fromkeys(META_COLUMNS)  # a failed report has none
        row = {**meta, "doc_id": result.doc_id, "path": result.path, "sentences": result.sentences,
               "characters": result.characters, "tokens": result.tokens,
               "coded_sentences": result.coded_sentences, "claims": sum(result.claims.values()),
               "exact_claims": result.exact_claims, **{f"claims_{k}": n for k, n in result.claims.items()},
               "error": result.error}
        rows.append(row)
        if result.error:
            tqdm.write(f"jzrol: skipped {result.error}", file=sys.stderr)
            continue
        year = result.meta.get("year")
        if client is not None:
            year_counts.add(year, result.terms)
        codebook = result.meta["codebook"]
        theme_rows += [{"doc_id": result.doc_id, "year": year, "codebook": codebook, "theme": theme,
                        "hits": result.themes[theme], "sentences": result.theme_sentences[theme]}
                       for theme in themes.theme_order() if theme in result.themes]  # codebook order, every run
    if yearly:
        year_counts = yearly[0].detach()  # this process's table, off the vocabulary that goes on growing
        for part in yearly[1:]:
            year_counts.merge(part)
    documents = pd.DataFrame(rows)
    if len(documents):
        claim_columns = [c for c in documents.columns if c.startswith("claims_")]
        documents[claim_columns] = documents[claim_columns].fillna(0).astype(int)
        documents[["year", "delivered"]] = documents[["year", "delivered"]].astype("Int64")
        if docvars is not None or docvars_from is not None:
            documents = join_docvars(documents, docvars, docvars_from=docvars_from)
    theme_table = pd.DataFrame(theme_rows, columns=["doc_id", "year", "codebook", "theme", "hits", "sentences"])
    return CorpusSummary(documents, year_counts, theme_table)


# --- document variables and groups -------------------------------------------------------------

#: The document variables every corpus table carries, before the user's own.
DOCVARS = ("doc_id", "title", "place", "level", "year", "delivered", "genre")
_FIELD = re.compile(r"\{(\w+)\}")


class DocvarsWarning(UserWarning):
    """Document variables that name files not in the corpus, or miss files that are."""


def read_docvars(docvars: str | Path | pd.DataFrame) -> pd.DataFrame:
    """A docvars table (a CSV path or a DataFrame) keyed by ``doc_id`` or ``file`` (a file name).

    Raises:
        SourceError: an unreadable file, or a table with neither a ``doc_id`` nor a ``file`` column,
            or the same key twice (one line naming the file).

    >>> read_docvars(pd.DataFrame({"file": ["2024.txt"], "premier": ["李强"]})).columns.tolist()
    ['file', 'premier']
    """
    name = "docvars table" if isinstance(docvars, pd.DataFrame) else str(docvars)
    if isinstance(docvars, pd.DataFrame):
        table = docvars.copy()
    else:
        try:
            table = pd.read_csv(docvars, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            raise SourceError(name, f"cannot be read as a CSV table ({type(error).__name__}: {error})") from None
        table = table.apply(_numbers_where_all_are)
    key = "doc_id" if "doc_id" in table else "file" if "file" in table else None
    if key is None:
        raise SourceError(name, "a docvars table needs a doc_id or a file column to join on")
    twice = table[key][table[key].duplicated()].astype(str).tolist()
    if twice:
        raise SourceError(name, f"{key} given twice: {', '.join(sorted(set(twice)))}")
    return table


def _numbers_where_all_are(column: pd.Series) -> pd.Series:
    """Whole numbers as integers when every filled value is one (years, counts); text stays text."""
    present = column.notna() & (column.astype(str) != "")
    filled = column[present]
    if len(filled) and filled.astype(str).str.fullmatch(r"-?\d+").all():
        return pd.to_numeric(column.where(present), errors="coerce").astype("Int64")
    return column.where(present, None)


def docvars_from_names(paths_: Sequence[str | Path], pattern: str) -> pd.DataFrame:
    """Document variables read from file names, as readtext's ``docvarsfrom = "filenames"``.

    ``pattern`` matches the file stem, ``{name}`` standing for one variable (``"{place}_{year}"``
    reads 沈河区_2021.txt as place 沈河区, year 2021). Returns ``file`` and one column per variable;
    a file whose name does not match gets empty values.

    >>> docvars_from_names(["沈河区_2021.txt", "readme.txt"], "{place}_{year}").values.tolist()
    [['沈河区_2021.txt', '沈河区', 2021], ['readme.txt', nan, <NA>]]
    """
    names = _FIELD.findall(pattern)
    if not names:
        raise ValueError(f"docvars_from pattern {pattern!r} names no variable (write them as {{place}}, {{year}})")
    pieces = _FIELD.split(pattern)
    regex = "".join(re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>.+?)" for i, piece in enumerate(pieces))
    compiled = re.compile(regex)
    rows = []
    for path in paths_:
        match = compiled.fullmatch(Path(path).stem)
        rows.append({"file": Path(path).name, **(match.groupdict() if match else dict.fromkeys(names))})
    table = pd.DataFrame(rows, columns=["file", *names])
    return table.apply(lambda column: column if column.name == "file" else _numbers_where_all_are(column))


def join_docvars(documents: pd.DataFrame, docvars: str | Path | pd.DataFrame | None = None, *,
                 docvars_from: str | None = None) -> pd.DataFrame:
    """``documents`` (one row per report, with ``doc_id`` and ``path``) with the user's variables added.

    ``docvars`` joins on ``doc_id`` or on ``file`` (the file name, or its stem); ``docvars_from``
    reads variables from the file names (:func:`docvars_from_names`). A user column of the same name
    as a built-in one (``place``, ``level`` …) replaces it where the user gives a value, except
    ``year``, under which the term counts are filed: a user's ``year`` becomes ``year_docvars``.
    Files the table names that are not in the corpus, and reports it does not cover, are reported
    in one :class:`DocvarsWarning` listing them.

    >>> documents = pd.DataFrame({"doc_id": ["a", "b"], "path": ["x/2019.txt", "x/2021.txt"]})
    >>> join_docvars(documents, pd.DataFrame({"file": ["2019.txt", "2021"], "premier": ["李克强", "李克强"]}))["premier"].tolist()
    ['李克强', '李克强']
    """
    table = documents.copy()
    names = table["path"].map(lambda p: Path(str(p)).name)
    if docvars_from is not None:
        found = docvars_from_names(table["path"].tolist(), docvars_from)
        unmatched = found.loc[found.drop(columns="file").isna().all(axis=1), "file"].tolist()
        if unmatched:
            warnings.warn(DocvarsWarning(f"docvars_from {docvars_from!r} does not match {len(unmatched)} file "
                                         f"name(s): {', '.join(unmatched)}"), stacklevel=2)
        table = _overlay(table, found.drop(columns="file").set_axis(table.index))
    if docvars is not None:
        given = read_docvars(docvars)
        source = "docvars table" if isinstance(docvars, pd.DataFrame) else str(docvars)
        if "doc_id" in given:
            keys, own = given["doc_id"].astype(str), table["doc_id"].astype(str)
        else:
            given_names = given["file"].astype(str)
            stems = names.map(lambda n: Path(n).stem)
            by_stem = ~given_names.isin(set(names)) & given_names.isin(set(stems))
            keys = given_names.where(~by_stem, given_names.map(dict(zip(stems, names))))
            own = names
        extra = sorted(set(keys) - set(own))
        missing = sorted(set(own) - set(keys))
        if extra or missing:
            said = [f"{len(extra)} not in the corpus ({', '.join(extra)})" if extra else "",
                    f"{len(missing)} report(s) without a row ({', '.join(missing)})" if missing else ""]
            warnings.warn(DocvarsWarning(f"{source}: " + "; ".join(s for s in said if s)), stacklevel=2)
        values = given.drop(columns=[c for c in ("doc_id", "file", "path") if c in given]).set_axis(keys)
        table = _overlay(table, values.reindex(own.tolist()).set_axis(table.index))
    return table


def _overlay(table: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the columns of ``values`` added, or filled in where ``values`` has a value."""
    values = values.rename(columns={"year": "year_docvars"})
    for column in values.columns:
        if column in table:
            table[column] = values[column].where(values[column].notna(), table[column])
        else:
            table[column] = values[column]
    return table


def _as_list(by: str | Sequence[str]) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


def _usable_documents(summary: CorpusSummary, by: list[str]) -> pd.DataFrame:
    """The analysed documents that have every grouping variable, with a check that the variables exist."""
    docs = summary.documents
    unknown = [name for name in by if name not in docs]
    if unknown:
        known = ", ".join(c for c in docs.columns if c not in ("path", "error"))
        raise KeyError(f"no document variable {', '.join(unknown)}; the documents have {known}")
    ok = docs[docs["error"].isna()] if "error" in docs else docs
    return ok.dropna(subset=by)


def _group_sizes(docs: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    return docs.groupby(by, sort=True).size().rename("n_docs").reset_index()


def group_term_counts(summary: CorpusSummary, by: str | Sequence[str]) -> dict[tuple, Counter]:
    """Term counts per group of documents (``by`` document variables), as ``{group key: Counter}``.

    Groups made of whole years (each year's reports all in one group, as premiers or plan periods
    are) are added up from the yearly counts at once; other groups (place and year, say) are counted
    again from their reports, one report at a time, so memory stays with the vocabulary.
    """
    by = _as_list(by)
    docs = _usable_documents(summary, by)
    keys = docs[by].apply(tuple, axis=1)
    groups: dict[tuple, Counter] = {}
    year_group = dict(zip(docs["year"], keys)) if "year" in docs else {}
    dated = _usable_documents(summary, ["year"])
    whole_years = (docs["year"].notna().all() and len(docs) == len(dated)
                   and docs.groupby("year")[by].nunique().le(1).all().all())
    if whole_years:
        for year, counts in summary.year_terms.items():
            if year in year_group:
                groups.setdefault(year_group[year], Counter()).update(counts)
        return dict(sorted(groups.items()))
    for key, path in zip(keys, docs["path"]):
        groups.setdefault(key, Counter()).update(summarize_document(path).terms)
    return dict(sorted(groups.items()))


def term_trend(summary: CorpusSummary, words: Sequence[str], *, by: str | Sequence[str] = ("year",),
               match: Literal["token", "contains"] = "contains", per: int = 10_000) -> pd.DataFrame:
    """Relative frequency of each word per group of documents (per year by default), with the counts behind it.

    ``match="token"`` counts the word as a token; ``"contains"`` counts every token that contains it
    (依法 in 依法行政, 依法治国 …), which follows a word through the compounds the userdict keeps whole.
    ``by`` is one or more document variables (``["place", "year"]``, ``"premier"``).

    Returns ``*by, term, n, total, per_10k, n_docs`` (``total`` is the group's counted tokens,
    ``n_docs`` the reports behind it).
    """
    by = _as_list(by)
    docs = _usable_documents(summary, by)
    sizes = _group_sizes(docs, by)
    value = f"per_{per // 1000}k"
    if by == ["year"]:
        table = summary.year_counts
        ids = {word: table.ids_of(word, contains=match == "contains") for word in words}
        counted = {(int(year),): table.row(year) for year in sorted(y for y in table.years if y is not None and not pd.isna(y))}
        rows = [{"year": key[0], "term": word, "n": int(counts[ids[word]].sum()), "total": int(counts.sum())}
                for key, counts in counted.items() for word in words]
    else:
        rows = []
        for key, counts in group_term_counts(summary, by).items():
            total = sum(counts.values())
            for word in words:
                n = counts[word] if match == "token" else sum(c for w, c in counts.items() if word in w)
                rows.append({**dict(zip(by, key)), "term": word, "n": int(n), "total": int(total)})
    trend = pd.DataFrame(rows, columns=[*by, "term", "n", "total"])
    trend[value] = [round(n * per / total, 3) if total else 0.0 for n, total in zip(trend["n"], trend["total"])]
    return trend.merge(sizes, on=by, how="left").astype({"n_docs": "Int64"})


def _themes_with(summary: CorpusSummary, by: list[str]) -> pd.DataFrame:
    """Theme rows of the documents that have every grouping variable, with those variables."""
    docs = _usable_documents(summary, by)
    hits = summary.themes[["doc_id", "codebook", "theme", "hits", "sentences"]]
    return hits.merge(docs[["doc_id", *[c for c in by if c != "doc_id"]]], on="doc_id", how="inner")


def theme_trend(summary: CorpusSummary, *, by: str | Sequence[str] = ("year",)) -> pd.DataFrame:
    """Themes per group of documents (per year by default), as shares a reader can check.

    Returns ``*by, codebook, theme, hits, share, sentences, n_sentences, sentence_share, n_docs``:
    ``share`` is the theme's share of the group's codebook hits; ``sentence_share`` the share of the
    group's sentences coded with the theme (``sentences`` of ``n_sentences``; a sentence can carry
    several themes, so these do not sum to 1). Groups are kept apart by codebook, since shares of
    different codebooks do not add up.
    """
    by = _as_list(by)
    columns = [*by, "codebook", "theme", "hits", "share", "sentences", "n_sentences", "sentence_share", "n_docs"]
    if summary.themes.empty:
        return pd.DataFrame(columns=columns)
    docs = _usable_documents(summary, by)
    hits = _themes_with(summary, by)
    keys = [*by, "codebook"]
    table = hits.groupby([*keys, "theme"])[["hits", "sentences"]].sum().reset_index()
    table["share"] = (table["hits"] / table.groupby(keys)["hits"].transform("sum")).round(4)
    sizes = docs.groupby([*by, "codebook"]).agg(n_sentences=("sentences", "sum"), n_docs=("doc_id", "size")).reset_index()
    table = table.merge(sizes, on=keys, how="left")
    table["sentence_share"] = (table["sentences"] / table["n_sentences"].where(table["n_sentences"] > 0)).round(4)
    order = themes.theme_order()
    table = table.sort_values([*keys, "theme"], key=lambda c: c.map(order) if c.name == "theme" else c, kind="stable")
    return table[columns].reset_index(drop=True)


def claims_by_year(summary: CorpusSummary, *, by: str | Sequence[str] = ("year",)) -> pd.DataFrame:
    """How much reports quantify, per group of documents (per year by default).

    Returns ``*by, documents, claims, exact_claims, characters, claims_per_10k_chars, exact_share,
    n_docs``: claims per 10,000 characters of sentence text, and the share of claims that are exact
    (``exact_claims`` of ``claims``); ``n_docs`` (= ``documents``) is the reports behind each row.
    """
    by = _as_list(by)
    docs = _usable_documents(summary, by)
    grouped = docs.groupby(by)
    table = grouped[["claims", "exact_claims", "characters"]].sum()
    table.insert(0, "documents", grouped.size())
    table["claims_per_10k_chars"] = (table["claims"] * 10_000 / table["characters"]).round(2)
    table["exact_share"] = (table["exact_claims"] / table["claims"].where(table["claims"] > 0)).round(4)
    table["n_docs"] = table["documents"]
    return table.reset_index()


def keyness_group(summary: CorpusSummary, *, by: str | Sequence[str], target: object, min_n: int = 3) -> pd.DataFrame:
    """Keyness (G², log ratio) of one group of documents against all the others.

    ``target`` is the group's value (a tuple for several variables): ``keyness_group(summary,
    by="premier", target="温家宝")``. The table has ``n_docs_target`` and ``n_docs_reference`` beside it.
    """
    by = _as_list(by)
    key = target if isinstance(target, tuple) else (target,)
    groups = group_term_counts(summary, by)
    if key not in groups:
        raise KeyError(f"no documents with {', '.join(by)} = {target!r}; groups are {', '.join(map(str, groups))}")
    own = groups[key]
    rest = Counter()
    for other, counts in groups.items():
        if other != key:
            rest.update(counts)
    table = terms.keyness(pd.Series(own, dtype=float), pd.Series(rest, dtype=float), min_n=min_n, both_ways=True)
    sizes = _group_sizes(_usable_documents(summary, by), by)
    in_target = sizes[by].apply(tuple, axis=1) == key
    table["n_docs_target"] = int(sizes.loc[in_target, "n_docs"].sum())
    table["n_docs_reference"] = int(sizes.loc[~in_target, "n_docs"].sum())
    return table


def keyness_document(summary: CorpusSummary, doc_id: str, *, min_n: int = 3) -> pd.DataFrame:
    """Keyness (G², log ratio) of one document against the rest of the corpus."""
    row = summary.documents.loc[summary.documents["doc_id"] == doc_id]
    if row.empty:
        raise KeyError(f"no document {doc_id!r} in the corpus")
    own = summarize_document(row["path"].iloc[0]).terms
    rest = summary.totals - own
    return terms.keyness(pd.Series(own, dtype=float), pd.Series(rest, dtype=float), min_n=min_n, both_ways=True)


def _table_for(path: Path, table: Table) -> tuple[pd.DataFrame, dict]:
    report = read_report(path)
    meta = document_meta(report, path)
    if table != "units":
        report.require_text()
    if table == "units":
        return report.units, meta
    if table == "terms":
        return terms.count_terms(terms.tokens(report.units)), meta
    if table == "themes":
        hits = themes.code_units(report.units, codebook=themes.codebook_for_genre(meta["genre"]))
        return themes.theme_table(hits, by="section"), meta
    found = claims_stage.extract_claims(report.units)
    return (found if table == "claims" else claims_stage.check_claims(found, report.units)), meta


def _table_or_error(task: tuple[Path, Table]) -> tuple[pd.DataFrame | None, dict | None, str | None]:
    path, table = task
    try:
        return *_table_for(path, table), None
    except SourceError as error:
        return None, None, str(error)


def corpus_table(inputs: Iterable[str | Path], table: Table, *, workers: int = 1, progress: bool = False,
                 docvars: str | Path | pd.DataFrame | None = None,
                 docvars_from: str | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Any single-report table for many reports at once, with the document variables; also the failures' messages.

    Each row carries its report's :data:`DOCVARS` (``doc_id, title, place, level, year, delivered,
    genre``) and ``codebook`` after the table's own columns, plus the user's variables from
    ``docvars`` or ``docvars_from`` as in :func:`summarize`.
    """
    files = list_reports(inputs)
    results = list(_in_order(_table_or_error, [(path, table) for path in files], workers, progress))
    errors = [error for _, _, error in results if error]
    metas = [meta for _, meta, _ in results if meta is not None]
    tables = [frame for frame, _, _ in results if frame is not None and len(frame)]
    if not tables:
        return pd.DataFrame(), errors
    combined = pd.concat(tables, ignore_index=True)
    documents = pd.DataFrame(metas)[[*DOCVARS, "codebook", "path"]]
    documents[["year", "delivered"]] = documents[["year", "delivered"]].astype("Int64")
    if docvars is not None or docvars_from is not None:
        documents = join_docvars(documents, docvars, docvars_from=docvars_from)
    variables = documents.drop(columns="path")
    variables = variables.drop(columns=[c for c in variables.columns if c in combined and c != "doc_id"])
    return combined.merge(variables.drop_duplicates("doc_id"), on="doc_id", how="left"), errors
