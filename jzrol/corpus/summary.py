"""A corpus summary: every report read, parsed and counted, only what grows with the vocabulary kept.

:func:`summarize_document` analyses one report (metadata, sizes, term counts, theme hits, claim
counts); :func:`summarize` runs it over many reports through the corpus engine and adds the term
counts up per year, so that a corpus of any size fits in memory. A report that fails is recorded with
its reason and the rest go on.

>>> from jzrol import paths
>>> summary = summarize([paths.SEED_REPORT], workers=1, progress=False)
>>> summary.documents[["doc_id", "year", "genre"]].values.tolist()
[['jinzhou-2020-rule-of-law-government-report', 2020, 'rule_of_law_report']]
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, partial
from itertools import compress
from pathlib import Path

import numpy as np
import pandas as pd

from jzrol import claims as claims_stage
from jzrol import paths, terms, themes
from jzrol.corpus import engine
from jzrol.corpus.inputs import ReportFile, join_docvars, readable, report_files
from jzrol.corpus.vocabulary import Vocabulary, YearTermCounts, vocabulary_for
from jzrol.report import Report, parse_report
from jzrol.report.meta import _genre as genre_by_rules
from jzrol.sources import SourceError, read_source

__all__ = ["META_COLUMNS", "Analysis", "CorpusSummary", "DocumentSummary", "assemble", "document_meta", "guess_genre",
           "read_named", "report_genre", "summarize", "summarize_document", "summarize_report", "summary_job"]

LOG = logging.getLogger("jzrol")
GENRES = paths.LEXICON_DIR / "genres.csv"
_YEAR_IN_NAME = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")


# --- metadata -----------------------------------------------------------------------------------

def guess_genre(title: str | None, file_name: str, opening: str, *, rules: str | Path = GENRES) -> str:
    """The report's genre from its title, else its file name, else its opening words.

    >>> guess_genre("政府工作报告", "2024.txt", ""), guess_genre(None, "2024.txt", "各位代表：现在，我代表国务院")
    ('government_work_report', 'government_work_report')
    """
    return genre_by_rules(title, file_name, opening, rules=rules)  # the report stage's rule, one for both


def report_genre(report: Report, path: str | Path | None = None) -> str:
    """The genre of a parsed report (:func:`guess_genre` on its title, file name and first sentences).

    >>> from jzrol import read_report
    >>> report_genre(read_report(paths.SEED_REPORT))
    'rule_of_law_report'
    """
    columns = report.columns
    opening = "".join([norm for kind, norm in zip(columns["kind"], columns["norm"]) if kind == "text"][:3])
    source = path or (report.source.path if report.source else "")
    return guess_genre(report.meta.title, readable(Path(str(source)).name), opening)


META_COLUMNS = ("doc_id", "path", "title", "issuer", "place", "level", "year", "year_source", "delivered", "published",
                "genre", "codebook", "script", "warnings")


def document_meta(report: Report, path: str | Path) -> dict:
    """One row of corpus metadata: identity, year (and where it came from), issuer, genre, script.

    ``year`` is the year reported on (``report.meta.year``, from the title, or for a work report the year
    before its delivery), else the year of the publication or delivery date, else a year in the file
    name. ``place``, ``level`` and ``delivered`` are the report's own (``report.meta``); ``codebook`` is
    the codebook written for the report's genre (:func:`jzrol.themes.codebook_for_genre`).
    """
    meta = report.meta
    name = readable(Path(path).name)
    year, source = meta.year, meta.year_source
    if year is None and meta.published:
        year, source = int(meta.published[:4]), "published"
    if year is None:
        match = _YEAR_IN_NAME.search(name)
        year, source = (int(match.group(1)), "file name") if match else (None, "")
    genre = report_genre(report, path)
    return {
        "doc_id": meta.doc_id, "path": readable(path), "title": meta.title, "issuer": "、".join(meta.issuer),
        "place": meta.place, "level": meta.level, "year": year, "year_source": source, "delivered": meta.delivered,
        "published": meta.published,
        "genre": genre, "codebook": themes.codebook_for_genre(genre).name, "script": meta.provenance.get("script"),
        "warnings": len(meta.warnings),
    }


def read_named(path: str | Path, doc_id: str | None = None) -> Report:
    """:func:`jzrol.read_report` with the ``doc_id`` a run gave the file (its stem by default).

    >>> read_named(paths.SEED_REPORT, "seed").units.doc_id.iloc[0]
    'seed'
    """
    source = read_source(path)
    source = dataclasses.replace(source, doc_id=doc_id or readable(source.doc_id), path=readable(source.path))
    return parse_report(source.text, doc_id=source.doc_id, source=source)


# --- one document -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Analysis:
    """The lexicons an analysis uses (paths): every cache of counting is keyed on them.

    >>> Analysis().vocabulary() is Analysis().vocabulary()
    True
    """

    userdict: str = str(terms.USERDICT)
    stopwords: str = str(terms.STOPWORDS)
    codebook: str = str(themes.THEMES_FILE)

    def tokenizer(self) -> terms.Tokenizer:
        return terms.get_tokenizer(self.userdict)

    def matcher(self) -> themes._Matcher:
        return themes.matcher_for(self.codebook)

    def vocabulary(self) -> Vocabulary:
        """The process's vocabulary for these lexicons, as they are on disk now."""
        return vocabulary_for(self.tokenizer(), terms.cached_wordlist(self.stopwords), self.matcher())

    def codebook_for_genre(self, genre: str | None) -> themes.Codebook:
        """The codebook a report of ``genre`` is coded with: the one written for its genre when the
        analysis uses the default codebook, else the analysis's own."""
        if Path(self.codebook) == Path(themes.THEMES_FILE):
            return themes.codebook_for_genre(genre)
        return themes.load_codebook(self.codebook)

    def prepare(self) -> None:
        """Build the tokenizer, codebook matchers and claim grammar now (before worker processes fork)."""
        self.vocabulary()
        if Path(self.codebook) == Path(themes.THEMES_FILE):
            for row in themes.known_codebooks():
                themes.matcher_for(paths.lexicon_file(row["file"]))
        claims_stage.prepare()


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


def _phrase_hits(matcher: themes._Matcher, tokens: list[str], starts: np.ndarray, sentence_of: np.ndarray,
                 themed_sentences: np.ndarray, theme_counts: Counter, by_theme: dict | None = None) -> int:
    """Add the hits of the codebook's phrases to ``theme_counts``; return the sentences they alone code.

    ``starts`` are the positions of the tokens that begin a phrase, ``sentence_of`` numbers each token's
    sentence, and ``themed_sentences`` are the sentences a theme word already codes. With ``by_theme``,
    each theme's sentences are added there as sets of sentence numbers.
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


def _count_terms_and_themes(text: str, analysis: Analysis = Analysis(), *, matcher: themes._Matcher | None = None,
                            theme_sentences: dict[str, set] | None = None,
                            ) -> tuple[Vocabulary, np.ndarray, np.ndarray, Counter, int]:
    """Term counts, theme hits and coded sentences from one segmentation of ``text``: the sentences
    of a report, joined by line breaks.

    The term counts come as word numbers of the vocabulary (returned first) and their counts, so that
    a batch can add them to its yearly table without looking the words up again.

    Gives the same theme hits as :func:`jzrol.themes.code_units` (a token counts once per theme;
    phrases count where their words are consecutive), but works on the vocabulary rather than on
    every token, which is what makes a corpus fast. The sentences are segmented in one call: a line
    break is always a token of its own and no word spans one, so each sentence gets the tokens it
    gets alone (a test checks this on the State Council corpus). Themes are those of ``matcher`` (the
    analysis's codebook when None). With ``theme_sentences`` (a dict), each theme's coded sentences are
    added there as sets of sentence numbers.
    """
    vocabulary = analysis.vocabulary()
    matcher = matcher or vocabulary.matcher
    tokens = analysis.tokenizer().cut(text)
    ids = vocabulary.numbers(tokens)
    themed = vocabulary.themed_by(matcher)
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
        coded += _phrase_hits(matcher, tokens, starts, sentence_of, themed_sentences, theme_counts, theme_sentences)
    kept = present[~vocabulary.dropped[present]]
    return vocabulary, kept, counts[kept], theme_counts, coded


def _failed(file: ReportFile, error: Exception) -> DocumentSummary:
    """The summary of a report that could not be analysed, with the reason (and the file's name)."""
    if isinstance(error, SourceError):
        return DocumentSummary(doc_id=file.doc_id, path=file.name, error=f"{file.name}: {error.reason}")
    return DocumentSummary(doc_id=file.doc_id, path=file.name, error=f"{file.name}: {type(error).__name__}: {error}")


def _summarize(file: ReportFile, year_counts: YearTermCounts | None, analysis: Analysis) -> DocumentSummary:
    """One report's summary; its term counts go to ``year_counts`` (numbered as the vocabulary) if given,
    else into the summary's ``terms``."""
    if file.error:
        return DocumentSummary(doc_id=file.doc_id, path=file.name, error=file.error)
    try:
        report = read_named(file.path, file.doc_id)
        report.require_text()
        return summarize_report(report, file, year_counts, analysis)
    except Exception as error:  # noqa: BLE001 - one bad report must not stop a corpus
        return _failed(file, error)


def summarize_report(report: Report, file: ReportFile, year_counts: YearTermCounts | None = None,
                     analysis: Analysis = Analysis()) -> DocumentSummary:
    """The summary of a report already read (see :func:`summarize_document`)."""
    columns = report.columns
    is_text = [kind == "text" for kind in columns["kind"]]
    sentences = list(compress(columns["norm"], is_text))
    claim_kinds, exact_claims = claims_stage.count_claims(compress(columns["text"], is_text))
    summary = DocumentSummary(
        doc_id=report.doc_id, path=file.name, meta=document_meta(report, file.path), sentences=len(sentences),
        characters=sum(map(len, sentences)), claims=claim_kinds, exact_claims=exact_claims,
    )
    codebook = analysis.codebook_for_genre(summary.meta["genre"])
    summary.meta["codebook"] = codebook.name
    matcher = themes.matcher_for(codebook)
    by_theme: dict[str, set] = {}
    vocabulary, ids, counts, summary.themes, summary.coded_sentences = _count_terms_and_themes(
        "\n".join(sentences), analysis, matcher=matcher, theme_sentences=by_theme)
    summary.theme_sentences = Counter({theme: len(found) for theme, found in by_theme.items()})
    summary.tokens = int(counts.sum())
    if year_counts is None:
        summary.terms = Counter(dict(zip(map(vocabulary.words.__getitem__, ids.tolist()), counts.tolist())))
    else:  # last, once nothing can fail: a failed report adds nothing
        year_counts.add_numbered(summary.meta["year"], ids, counts)
    return summary


def summarize_document(path: str | Path, *, doc_id: str | None = None, analysis: Analysis = Analysis()) -> DocumentSummary:
    """Parse one report and count its terms, themes and claims.

    Each sentence is segmented once; term counts and theme coding share the tokens. Counting reads
    the parser's plain columns, not its tables. A report that cannot be read or analysed comes back
    with ``error`` set instead of raising.

    >>> summarize_document(paths.SEED_REPORT).claims["percent"] > 0
    True
    """
    path = Path(path)
    return _summarize(ReportFile(path, doc_id or readable(path.stem)), None, analysis)


# --- the corpus ---------------------------------------------------------------------------------

def _batch_table(analysis: Analysis) -> YearTermCounts:
    return YearTermCounts(numbering=analysis.vocabulary())


def _batch_total(table: YearTermCounts) -> YearTermCounts:
    return table.compact()


def summary_job(analysis: Analysis = Analysis()) -> engine.Job:
    """The engine's job for corpus summaries: per batch, summaries and the batch's term counts per year."""
    return engine.Job(each=partial(_summarize, analysis=analysis), start=partial(_batch_table, analysis),
                      finish=_batch_total)


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
    paths: dict[str, Path] = field(default_factory=dict)  # doc_id -> the file it was read from

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


def summarize(inputs: Iterable[str | Path], *, workers: int = 1, progress: bool = True, client=None,
              analysis: Analysis = Analysis(), strict: bool = False,
              docvars: str | Path | pd.DataFrame | None = None, docvars_from: str | None = None) -> CorpusSummary:
    """Analyse every report named by ``inputs`` (files, folders, globs) with ``workers`` processes.

    With ``client`` (a ``dask.distributed.Client``, from the optional ``jzrol[dask]`` extra) the
    documents are analysed on that Dask cluster instead, for corpora that outgrow one machine; the
    results are the same.

    Failing reports are reported on stderr with their name and reason, kept in ``documents`` with an
    ``error``, and skipped; the others go on (with ``strict``, the first failure raises
    :class:`jzrol.corpus.engine.StopRun` instead).

    ``documents`` carries each report's variables (:data:`jzrol.corpus.inputs.DOCVARS`, the codebook its
    themes were coded with, sizes and counts); ``docvars`` (a CSV or DataFrame keyed by ``file`` or
    ``doc_id``) and ``docvars_from`` (a file-name pattern such as ``"{place}_{year}"``) add the user's
    own, for grouping with ``by=`` (see :func:`jzrol.corpus.inputs.join_docvars`).

    Raises:
        jzrol.corpus.WorkerError: a worker process died; the message names its report.
        SourceError: the inputs name no file at all (a missing path, a folder that cannot be listed …).
    """
    files = report_files(inputs)
    if files and all(file.error for file in files):
        raise SourceError(files[0].name, files[0].error.removeprefix(f"{files[0].name}: "))
    analysis.prepare()  # once, before the workers fork

    def check(_index: int, result: DocumentSummary) -> None:
        if result.error:
            if strict:
                raise engine.StopRun(result.error)
            LOG.warning("skipped %s", result.error)

    summaries: list = [None] * len(files)
    year_counts = YearTermCounts()
    for index, result in engine.run(summary_job(analysis), files, sizes=[f.size for f in files], workers=workers,
                                    client=client, progress=progress, names=[f.name for f in files],
                                    on_result=check):
        if index < 0:
            year_counts.merge(result)
        else:
            summaries[index] = result
    return assemble(summaries, year_counts, files, docvars=docvars, docvars_from=docvars_from)


def assemble(summaries: list[DocumentSummary], year_counts: YearTermCounts, files: list[ReportFile], *,
             docvars: str | Path | pd.DataFrame | None = None, docvars_from: str | None = None) -> CorpusSummary:
    """The corpus summary of documents summarized in input order, their term counts added up per year."""
    rows, theme_rows = [], []
    for result in summaries:
        meta = result.meta or dict.fromkeys(META_COLUMNS)  # a failed report has none
        rows.append({**meta, "doc_id": result.doc_id, "path": result.path, "sentences": result.sentences,
                     "characters": result.characters, "tokens": result.tokens,
                     "coded_sentences": result.coded_sentences, "claims": sum(result.claims.values()),
                     "exact_claims": result.exact_claims, **{f"claims_{k}": n for k, n in result.claims.items()},
                     "error": result.error})
        if not result.error:
            theme_rows += [{"doc_id": result.doc_id, "year": result.meta.get("year"),
                            "codebook": result.meta.get("codebook"), "theme": theme, "hits": result.themes[theme],
                            "sentences": result.theme_sentences[theme]}
                           for theme in themes.theme_order() if theme in result.themes]  # codebook order, every run
    documents = pd.DataFrame(rows)
    if len(documents):
        claim_columns = [c for c in documents.columns if c.startswith("claims_")]
        documents[claim_columns] = documents[claim_columns].fillna(0).astype(int)
        documents[["year", "delivered"]] = documents[["year", "delivered"]].astype("Int64")
        if docvars is not None or docvars_from is not None:
            documents = join_docvars(documents, docvars, docvars_from=docvars_from)
    theme_table = pd.DataFrame(theme_rows, columns=["doc_id", "year", "codebook", "theme", "hits", "sentences"])
    return CorpusSummary(documents, year_counts, theme_table, {f.doc_id: f.path for f in files})
