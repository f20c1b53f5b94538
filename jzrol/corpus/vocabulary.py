"""Counting that streams: words numbered once, term counts per year as arrays over that numbering.

A worker meets the same words in every report, so each word is looked at once: :class:`Vocabulary`
numbers the words and flags what they are (a counted term or not, a theme word or not), and a
report's tokens become an array of word numbers that is counted, filtered and coded with array
operations. The flags depend on the stopword list and the codebook, so there is one vocabulary per
configuration (:func:`vocabulary_for`), and a changed codebook or stopword file gives a new one.
:class:`YearTermCounts` adds those counts up per year.

>>> table = YearTermCounts()
>>> table.add(2021, Counter(法治=2)); table.total()
Counter({'法治': 2})
"""

from __future__ import annotations

import operator
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import compress, count, repeat

import numpy as np

from jzrol import terms, themes

__all__ = ["Vocabulary", "WordNumbers", "YearTermCounts", "vocabulary_for"]


class WordNumbers:
    """Words numbered in the order they are first met: a word's number is its position in :attr:`words`.

    >>> numbering = WordNumbers()
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


class Vocabulary(WordNumbers):
    """Every word met under one configuration, numbered, with what it is: a counted term, a theme word.

    >>> vocabulary = vocabulary_for(terms.get_tokenizer(), terms.cached_wordlist(terms.STOPWORDS),
    ...                             themes.matcher_for())
    >>> ids = vocabulary.numbers(["依法", "行政", "，", "依法"])
    >>> [vocabulary.words[i] for i in ids], vocabulary.dropped[ids].tolist()
    (['依法', '行政', '，', '依法'], [False, False, True, False])
    """

    def __init__(self, stopwords: frozenset[str], matcher: themes._Matcher) -> None:
        super().__init__()
        self.stopwords, self.matcher = stopwords, matcher
        self.dropped = np.zeros(0, dtype=bool)  # stopwords, numbers, punctuation and spaces
        self.themed = np.zeros(0, dtype=bool)  # words of the codebook (plain values and globs)
        self._themed_by: dict[int, tuple[themes._Matcher, np.ndarray]] = {}  # the same for other codebooks

    def themed_by(self, matcher: themes._Matcher) -> np.ndarray:
        """For each word, whether it is a word of ``matcher``'s codebook (another codebook than the
        vocabulary's own, as a work report is coded with the work-report codebook)."""
        if matcher is self.matcher:
            return self.themed
        _, known = self._themed_by.get(id(matcher), (matcher, np.zeros(0, dtype=bool)))
        if len(known) < len(self.words):
            known = np.append(known, [bool(matcher.themes_of(w)) for w in self.words[len(known):]])
            self._themed_by[id(matcher)] = (matcher, known)
        return known

    def numbers(self, tokens: list[str]) -> np.ndarray:
        """The word number of each token (words met for the first time are looked at)."""
        ids, new = self.number(tokens)
        if new:
            stopwords, matcher = self.stopwords, self.matcher
            self.dropped = np.append(self.dropped, [w in stopwords or not terms.is_content(w) for w in new])
            self.themed = np.append(self.themed, [bool(matcher.themes_of(w)) for w in new])
        return ids


_VOCABULARIES: dict[tuple[int, int, int], tuple[tuple, Vocabulary]] = {}


def vocabulary_for(tokenizer: terms.Tokenizer, stopwords: frozenset[str], matcher: themes._Matcher) -> Vocabulary:
    """The process's vocabulary for a tokenizer, stopword list and codebook matcher (the cached objects
    of each file's version), made on first use: a new file version gives new objects and a new vocabulary.
    """
    key = (id(tokenizer), id(stopwords), id(matcher))
    found = _VOCABULARIES.get(key)
    if found is None:
        if len(_VOCABULARIES) >= 4:  # old configurations: their words are not needed again
            _VOCABULARIES.clear()
        found = _VOCABULARIES[key] = ((tokenizer, stopwords, matcher), Vocabulary(stopwords, matcher))
    return found[1]


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

    def __init__(self, words: Sequence[str] = (), *, numbering: WordNumbers | None = None) -> None:
        self.numbering = numbering if numbering is not None else WordNumbers(words)
        self.words, self.ids = self.numbering.words, self.numbering.ids  # the table's vocabulary
        self.years: dict[int | None, np.ndarray] = {}

    def detach(self) -> YearTermCounts:
        """Give the table a copy of its vocabulary, so that the words it counts stop growing; return it."""
        self.numbering = WordNumbers(self.words)
        self.words, self.ids = self.numbering.words, self.numbering.ids
        return self

    def compact(self) -> YearTermCounts:
        """A table of only the words counted here, in a numbering of its own (what a batch sends back)."""
        present = np.zeros(len(self.words), dtype=bool)
        for row in self.years.values():
            present[np.flatnonzero(row[:len(self.words)])] = True
        ids = np.flatnonzero(present)
        table = YearTermCounts([self.words[i] for i in ids.tolist()])
        table.years = {year: self.row(year)[ids] for year in list(self.years)}
        return table

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
