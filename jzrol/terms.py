"""Terms: a private tokenizer, counts by structure, KWIC, collocations and keywords (keyness: jzrol.keyness).

Segmentation is jieba's dictionary and algorithm with the HMM for unknown words
switched off, run by jieba-rs (``rjieba``) for speed; ``engine="jieba"`` gives
the same tokens from pure-Python jieba. Each tokenizer is private to its
configuration and built from ``jzrol/lexicon/userdict.txt``, so no other
library can change it behind the analysis.

>>> from jzrol import read_report, paths
>>> toks = tokens(read_report(paths.SEED_REPORT).units)
>>> count_terms(toks).head(2)[["term", "n"]].values.tolist()
[['法治政府建设', 17], ['锦州市', 17]]
"""

from __future__ import annotations

import gc
import importlib.machinery
import importlib.util
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from jzrol import association, paths
from jzrol.lexicon_loader import LexiconError, lexicon_lines

__all__ = [
    "LexiconError", "Tokenizer", "UserWord", "cached_wordlist", "collocations", "count_terms", "count_texts",
    "file_version", "get_tokenizer",
    "is_content", "keyness", "keyness_between", "kwic", "read_userdict", "read_wordlist", "reference_counts",
    "tfidf_keywords", "textrank_keywords", "tokens", "top_terms",
]

USERDICT = paths.LEXICON_DIR / "userdict.txt"
STOPWORDS = paths.LEXICON_DIR / "stopwords.txt"
POLICY_VERBS = paths.LEXICON_DIR / "policy_verbs.txt"

Engine = Literal["rjieba", "jieba"]
PolicyVerbs = Literal["keep", "drop"]

_CONTENT = re.compile(r"[\u3400-\u9fffA-Za-z]")
_POS = re.compile(r"^[A-Za-z]{1,4}$")
_UNIT_KEYS = ["doc_id", "unit_id", "part", "section", "item"]


@dataclass(frozen=True)
class UserWord:
    """One userdict entry in jieba's ``word [freq] [pos]`` format."""

    word: str
    freq: int | None = None
    pos: str | None = None


def read_userdict(path: str | Path = USERDICT) -> list[UserWord]:
    """Read a user dictionary; comments (#) and blank lines are allowed.

    Raises:
        LexiconError: a line is not ``word [freq] [pos]``, naming the file and line.

    >>> read_userdict()[1]
    UserWord(word='法治政府建设', freq=3000, pos='n')
    """
    words = []
    for number, line in lexicon_lines(path):
        fields = line.split()
        if len(fields) > 3:
            raise LexiconError(path, number, f"expected 'word [freq] [pos]', got {len(fields)} fields: {line!r}")
        word, freq, pos = fields[0], None, None
        rest = fields[1:]
        if rest and rest[0].isdigit():
            freq = int(rest.pop(0))
            if freq <= 0:
                raise LexiconError(path, number, f"frequency must be positive: {line!r}")
        if rest:
            if not _POS.match(rest[0]) or len(rest) > 1:
                raise LexiconError(path, number, f"expected 'word [freq] [pos]', cannot read {' '.join(rest)!r}")
            pos = rest[0]
        if not _CONTENT.search(word):
            raise LexiconError(path, number, f"{word!r} has no Chinese character or letter")
        words.append(UserWord(word, freq, pos))
    return words


def read_wordlist(path: str | Path) -> frozenset[str]:
    """Read a one-word-per-line list (stopwords, policy verbs); # starts a comment.

    >>> "的" in read_wordlist(STOPWORDS)
    True
    """
    words = set()
    for number, line in lexicon_lines(path):
        if len(line.split()) != 1:
            raise LexiconError(path, number, f"expected one word per line, got {line!r}")
        words.add(line)
    return frozenset(words)


def _rjieba_class() -> type:
    """rjieba's ``Jieba`` class, loaded without running the package's ``__init__``.

    Importing ``rjieba`` builds a default instance of its dictionary (0.17 s, the cost of one more
    tokenizer) that jzrol never uses, as its tokenizers are its own. The compiled module is loaded
    directly and not registered, so that a later ``import rjieba`` imports the package as always (and
    gets the same class); any other layout of the package falls back to the plain import.

    >>> _rjieba_class().__name__
    'Jieba'
    """
    if "rjieba" not in sys.modules:
        spec = importlib.util.find_spec("rjieba")
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                compiled = Path(folder) / f"rjieba{suffix}"
                if compiled.is_file():
                    module_spec = importlib.util.spec_from_file_location("rjieba.rjieba", compiled)
                    module = importlib.util.module_from_spec(module_spec)
                    module_spec.loader.exec_module(module)
                    return module.Jieba
    import rjieba

    return rjieba.Jieba


class Tokenizer:
    """A private segmenter for one configuration (engine + userdict).

    >>> Tokenizer().cut("全力推进一网通办，落实行政执法三项制度")
    ['全力', '推进', '一网通办', '，', '落实', '行政执法三项制度']
    """

    def __init__(self, userdict: str | Path | None = USERDICT, *, engine: Engine = "rjieba"):
        self.engine = engine
        self.userdict = Path(userdict) if userdict else None
        self.words = read_userdict(self.userdict) if self.userdict else []
        if engine == "rjieba":
            self._segmenter = _rjieba_class()()
            for entry in self.words:
                self._segmenter.add_word(entry.word, entry.freq, entry.pos)
            self._cut = partial(self._segmenter.cut, hmm=False)  # no Python frame per call
            self._tokenize = lambda text: self._segmenter.tokenize(text, "default", False)
            self._tag = lambda text: self._segmenter.tag(text, False)
            self._has_word = self._segmenter.has_word
        elif engine == "jieba":
            import jieba

            self._segmenter = jieba.Tokenizer()
            self._segmenter.initialize()
            for entry in self.words:
                self._segmenter.add_word(entry.word, entry.freq, entry.pos)
            self._cut = lambda text: self._segmenter.lcut(text, HMM=False)
            self._tokenize = lambda text: list(self._segmenter.tokenize(text, HMM=False))
            from jieba import posseg

            tagger = posseg.POSTokenizer(self._segmenter)
            self._has_word = lambda word: self._segmenter.FREQ.get(word, 0) > 0
            self._tag = lambda text: [(pair.word, pair.flag) for pair in tagger.lcut(text, HMM=False)]
        else:
            raise ValueError(f"unknown engine {engine!r}; use 'rjieba' or 'jieba'")

    def cut(self, text: str) -> list[str]:
        """Tokens of ``text`` in order, punctuation and spaces included."""
        return self._cut(text)

    def cut_many(self, texts: Iterable[str]) -> list[list[str]]:
        """Tokens of each text, for many short texts at once (the sentences of a report).

        >>> Tokenizer().cut_many(["依法行政。", "一网通办"])
        [['依法行政', '。'], ['一网通办']]
        """
        return list(map(self._cut, texts))

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """Tokens with their character offsets in ``text``."""
        return [(token, int(start), int(end)) for token, start, end in self._tokenize(text)]

    def has_word(self, word: str) -> bool:
        """True when ``word`` is in the dictionary (jieba's, plus the userdict)."""
        return bool(self._has_word(word))

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Tokens with jieba's part-of-speech tags (``n`` noun, ``v`` verb …; userdict tags where given)."""
        return [(word, flag) for word, flag in self._tag(text)]


def file_version(path: str | Path) -> tuple[int, int, int] | None:
    """What tells one version of a lexicon file from the next (modification time in ns, size, inode),
    the key of every cache built from a file; None when it cannot be read.

    >>> file_version(USERDICT) == file_version(USERDICT), file_version("no/such/file")
    (True, None)
    """
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


@lru_cache(maxsize=8)
def _cached_tokenizer(userdict: str, version: tuple | None, engine: Engine) -> Tokenizer:  # noqa: ARG001 - keys the cache
    return Tokenizer(userdict, engine=engine)


def get_tokenizer(userdict: str | Path = USERDICT, *, engine: Engine = "rjieba") -> Tokenizer:
    """The shared tokenizer for a configuration, rebuilt when the userdict file changes."""
    return _cached_tokenizer(str(userdict), file_version(userdict), engine)


@lru_cache(maxsize=8)
def _cached_wordlist(path: str, version: tuple | None) -> frozenset[str]:  # noqa: ARG001 - version keys the cache
    return read_wordlist(path)


def cached_wordlist(path: str | Path) -> frozenset[str]:
    """:func:`read_wordlist`, read once per version of the file (stopword lists are consulted for every token)."""
    return _cached_wordlist(str(path), file_version(path))


def is_content(token: str) -> bool:
    """True when a token has a Chinese character or a Latin letter (numbers and punctuation are not).

    >>> [is_content(t) for t in ["法治", "APP", "99.93", "%", "，"]]
    [True, True, False, False, False]
    """
    return bool(_CONTENT.search(token))


def tokens(units: pd.DataFrame, *, tokenizer: Tokenizer | None = None, stopwords: str | Path = STOPWORDS,
           policy_verbs: str | Path = POLICY_VERBS, kinds: Sequence[str] = ("text",)) -> pd.DataFrame:
    """Every token of the chosen units, in order, with flags for what counting leaves out.

    Returns columns ``doc_id, unit_id, part, section, item, position, token, stop, policy_verb``:
    ``position`` counts tokens within the document, ``stop`` marks stopwords, numbers and
    punctuation, ``policy_verb`` the genre's action words (a research choice, see ``count_terms``).
    """
    tokenizer = tokenizer or get_tokenizer()
    stop, verbs = cached_wordlist(str(stopwords)), cached_wordlist(str(policy_verbs))
    chosen = units[units["kind"].isin(kinds)]
    rows: dict[str, list] = {key: [] for key in _UNIT_KEYS}
    words: list[str] = []
    for record in chosen[_UNIT_KEYS + ["norm"]].itertuples(index=False):
        cut = tokenizer.cut(record.norm)
        words += cut
        for key, value in zip(_UNIT_KEYS, record[:5]):
            rows[key] += [value] * len(cut)
    table = pd.DataFrame(rows)
    table["position"] = table.groupby("doc_id").cumcount() if len(table) else pd.Series(dtype=int)
    table["token"] = pd.Series(words, dtype=object)
    table["stop"] = [w in stop or not is_content(w) for w in words]
    table["policy_verb"] = [w in verbs for w in words]
    return table[_UNIT_KEYS + ["position", "token", "stop", "policy_verb"]]


def _kept(toks: pd.DataFrame, policy_verbs: PolicyVerbs) -> pd.DataFrame:
    mask = ~toks["stop"]
    if policy_verbs == "drop":
        mask &= ~toks["policy_verb"]
    elif policy_verbs != "keep":
        raise ValueError(f"policy_verbs must be 'keep' or 'drop', not {policy_verbs!r}")
    return toks[mask]


def count_terms(toks: pd.DataFrame, *, by: Sequence[str] = ("doc_id",),
                policy_verbs: PolicyVerbs = "keep") -> pd.DataFrame:
    """Term counts per group, with the relative frequency per 1,000 counted tokens of the group.

    Args:
        toks: :func:`tokens` output.
        by: grouping columns, e.g. ``("doc_id", "part")``.
        policy_verbs: ``"keep"`` counts 加强/推进/… like other terms; ``"drop"`` leaves them out.

    Returns columns ``*by, term, n, per_1000``, sorted by group, then ``n`` descending, then term.
    """
    by = list(by)
    kept = _kept(toks, policy_verbs)
    counts = kept.groupby(by + ["token"], sort=False).size().rename("n").reset_index()
    counts = counts.rename(columns={"token": "term"})
    totals = counts.groupby(by)["n"].transform("sum")
    counts["per_1000"] = (counts["n"] * 1000 / totals).round(3)
    return counts.sort_values(by + ["n", "term"], ascending=[True] * len(by) + [False, True],
                              kind="stable").reset_index(drop=True)


def top_terms(counts: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """The ``n`` most frequent terms of each group of a :func:`count_terms` table."""
    by = [c for c in counts.columns if c not in {"term", "n", "per_1000"}]
    if not by:
        return counts.head(n).reset_index(drop=True)
    return counts.groupby(by, sort=False).head(n).reset_index(drop=True)


def count_texts(texts: Iterable[str], *, tokenizer: Tokenizer | None = None, stopwords: str | Path = STOPWORDS,
                policy_verbs: str | Path = POLICY_VERBS, drop_policy_verbs: bool = False) -> Counter:
    """Stream texts through the tokenizer and count kept terms as it goes.

    Memory grows with the vocabulary, not with the number or size of the texts.

    >>> count_texts(["加强行政执法。", "行政执法三项制度"])["行政执法"]
    1
    """
    tokenizer = tokenizer or get_tokenizer()
    dropped = set(cached_wordlist(str(stopwords)))
    if drop_policy_verbs:
        dropped |= cached_wordlist(str(policy_verbs))
    counts: Counter = Counter()
    # Token lists hold no reference cycles; pausing the cyclic collector keeps it from re-walking
    # every large live structure (such as a loaded jieba dictionary) while millions of strings are made.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for text in texts:
            counts.update(tokenizer.cut(text))
    finally:
        if collecting:
            gc.enable()
    return Counter({w: n for w, n in counts.items() if w not in dropped and is_content(w)})


# --- concordance, collocations, keywords --------------------------------------------------------

def kwic(units: pd.DataFrame, term: str, *, window: int = 15, match: Literal["token", "substring"] = "token",
         tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` with ``window`` characters either side.

    Context runs across sentence boundaries within a document (from the normalized text).
    ``match="token"`` finds the term only where the tokenizer makes it one token (so 法治 does not
    match inside 法治政府建设); ``"substring"`` finds every occurrence of the characters.

    Returns ``doc_id, unit_id, part, section, item, left, keyword, right``.

    >>> from jzrol import read_report, paths
    >>> kwic(read_report(paths.SEED_REPORT).units, "枫桥经验", window=6)[["left", "keyword", "right"]].values.tolist()
    [['发展新时代“', '枫桥经验', '”,积极推进']]
    """
    tokenizer = tokenizer or get_tokenizer()
    rows = []
    body = units[units["kind"] != "title"]
    for doc_id, doc in body.groupby("doc_id", sort=False):
        text = "".join(doc["norm"])
        offsets = np.cumsum([0] + [len(t) for t in doc["norm"]])
        if match == "substring":
            hits = [m.start() for m in re.finditer(re.escape(term), text)]
        else:
            hits = [int(offsets[i]) + start for i, norm in enumerate(doc["norm"])
                    for token, start, _ in tokenizer.tokenize(norm) if token == term]
        for hit in hits:
            i = int(np.searchsorted(offsets, hit, side="right")) - 1
            unit = doc.iloc[i]
            rows.append({
                "doc_id": doc_id, "unit_id": unit["unit_id"], "part": unit["part"], "section": unit["section"],
                "item": unit["item"], "left": text[max(0, hit - window):hit], "keyword": term,
                "right": text[hit + len(term):hit + len(term) + window],
            })
    return pd.DataFrame(rows, columns=["doc_id", "unit_id", "part", "section", "item", "left", "keyword", "right"])


def _eligible_pairs(toks: pd.DataFrame, policy_verbs: PolicyVerbs) -> pd.DataFrame:
    """Neighbouring tokens of one sentence that are both counted terms: ``token`` then ``second``."""
    keep = ~_kept_mask_complement(toks, policy_verbs)
    same_unit = (toks["unit_id"].shift(-1) == toks["unit_id"]) & (toks["doc_id"].shift(-1) == toks["doc_id"])
    pairs = toks.assign(second=toks["token"].shift(-1), keep_next=keep.shift(-1, fill_value=False))
    return pairs[keep & pairs["keep_next"] & same_unit]


def _kept_mask_complement(toks: pd.DataFrame, policy_verbs: PolicyVerbs) -> pd.Series:
    if policy_verbs == "keep":
        return toks["stop"]
    if policy_verbs == "drop":
        return toks["stop"] | toks["policy_verb"]
    raise ValueError(f"policy_verbs must be 'keep' or 'drop', not {policy_verbs!r}")


def collocations(toks: pd.DataFrame, *, min_freq: int = 3, policy_verbs: PolicyVerbs = "keep") -> pd.DataFrame:
    """Adjacent two-term collocations with pointwise mutual information and G².

    The sample is every eligible pair: two neighbouring tokens of one sentence, both counted terms
    (not stopwords, numbers or punctuation; nor policy verbs when dropped). For the pair x y,
    ``n`` counts it, ``n_pairs_first`` the eligible pairs that begin with x, ``n_pairs_second``
    those that end with y, and ``n_pairs`` all eligible pairs (the same in every row). Then

        PMI = log2(n · n_pairs / (n_pairs_first · n_pairs_second))

    and G² = 2 Σ O ln(O / E) over the 2×2 table of pairs (Dunning 1993)
    ``[[n, n_pairs_first − n], [n_pairs_second − n, n_pairs − n_pairs_first − n_pairs_second + n]]``,
    E being each cell's row total × column total / ``n_pairs``. NLTK's ``BigramAssocMeasures``
    (``pmi``, ``likelihood_ratio``) give the same numbers from these margins.

    NLTK and most textbooks take instead each word's frequency over all tokens as the margins and
    the number of tokens as the sample size. Here stopwords, numbers and punctuation end a run of
    counted terms every few tokens (the seed report has 792 eligible pairs for 1,490 counted
    tokens), so a word's token count includes many occurrences that had no neighbour to pair with,
    and the table would mix tokens with pairs; counted over pairs, its four cells are disjoint sets
    of pairs that add up to ``n_pairs``. Rare pairs make PMI unreliable: ``min_freq`` sets the floor.

    Returns ``first, second, n, n_pairs_first, n_pairs_second, n_pairs, pmi, g2`` sorted by G²
    (descending), then ``first`` and ``second`` in code-point order.

    >>> from jzrol import read_report, paths
    >>> table = collocations(tokens(read_report(paths.SEED_REPORT).units))
    >>> table[["first", "second", "n", "n_pairs_first", "n_pairs_second", "n_pairs"]].head(1).values.tolist()
    [['人民', '群众', 5, 5, 5, 792]]
    """
    pairs = _eligible_pairs(toks, policy_verbs)
    columns = ["first", "second", "n", "n_pairs_first", "n_pairs_second", "n_pairs", "pmi", "g2"]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    total = len(pairs)
    bigrams = pairs.groupby(["token", "second"]).size().rename("n").reset_index().rename(columns={"token": "first"})
    bigrams["n_pairs_first"] = bigrams["first"].map(pairs["token"].value_counts())
    bigrams["n_pairs_second"] = bigrams["second"].map(pairs["second"].value_counts())
    bigrams["n_pairs"] = total
    bigrams = bigrams[bigrams["n"] >= min_freq].copy()
    o11 = bigrams["n"].to_numpy(float)
    o12 = bigrams["n_pairs_first"].to_numpy(float) - o11
    o21 = bigrams["n_pairs_second"].to_numpy(float) - o11
    o22 = total - o11 - o12 - o21
    bigrams["pmi"] = association.pmi(o11, o12, o21, o22).round(4)
    bigrams["g2"] = association.log_likelihood(o11, o12, o21, o22).round(4)
    return bigrams.sort_values(["g2", "first", "second"], ascending=[False, True, True],
                               kind="stable")[columns].reset_index(drop=True)


def tfidf_keywords(toks: pd.DataFrame, *, by: Sequence[str] = ("doc_id", "part", "section"), top_n: int = 10,
                   policy_verbs: PolicyVerbs = "drop") -> pd.DataFrame:
    """Keywords of each group by TF-IDF, the groups being the "documents".

    tf is the term's share of the group's counted tokens; idf = ln((1 + N) / (1 + df)) + 1 over the N
    groups (the smoothed form used by scikit-learn). Within one report, sections as documents find
    what each section says that the others do not.

    Returns ``*by, term, n, tfidf``, ``top_n`` rows per group.
    """
    counts = count_terms(toks, by=by, policy_verbs=policy_verbs)
    by = list(by)
    groups = counts[by].drop_duplicates().shape[0]
    document_frequency = counts.groupby("term")[by[-1]].size()
    totals = counts.groupby(by)["n"].transform("sum")
    idf = np.log((1 + groups) / (1 + counts["term"].map(document_frequency))) + 1
    counts["tfidf"] = (counts["n"] / totals * idf).round(6)
    ranked = counts.sort_values(by + ["tfidf", "term"], ascending=[True] * len(by) + [False, True], kind="stable")
    return ranked.groupby(by, sort=False).head(top_n)[by + ["term", "n", "tfidf"]].reset_index(drop=True)


def textrank_keywords(toks: pd.DataFrame, *, window: int = 5, top_n: int = 20, by: Sequence[str] = ("doc_id",),
                      policy_verbs: PolicyVerbs = "drop", damping: float = 0.85,
                      iterations: int = 100) -> pd.DataFrame:
    """Keywords by TextRank (Mihalcea and Tarau 2004) on jzrol's own tokens, one graph per group.

    What the code does, step by step:

    1. Candidates are the counted terms (no stopwords, numbers or punctuation; no policy verbs when
       ``policy_verbs="drop"``) of two characters or more; every other token is removed first.
    2. Within each sentence, the candidates left form a sequence, and each candidate is linked to
       the next ``window - 1`` candidates of that sequence (so the window counts candidates, not the
       original tokens, and never crosses a sentence); a term is not linked to itself.
    3. Links are undirected and weighted by how many times the two terms were linked; the graph is a
       ``scipy.sparse`` matrix (its memory grows with the links, not with the vocabulary squared).
    4. PageRank: each term passes its score to its neighbours in proportion to the weights, with
       ``damping`` and a uniform teleport of (1 − damping) / V over the V candidates; a term without
       links keeps only the teleport share. Iteration stops after ``iterations`` rounds or when the
       scores change by less than 1e-10 in total.

    Returns ``*by, term, n, score`` with ``top_n`` rows per group, by score (as rounded to 12 digits)
    then term in code-point order; ``n`` is the term's count as a candidate.
    """
    from scipy import sparse

    by = list(by)
    keep = ~_kept_mask_complement(toks, policy_verbs)
    candidates = toks[keep & (toks["token"].str.len() >= 2)]
    rows = []
    for key, group in candidates.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        vocabulary = sorted(set(group["token"]))
        index = {term: i for i, term in enumerate(vocabulary)}
        ids = np.array([index[t] for t in group["token"]])
        sentence = group["unit_id"].to_numpy()
        left, right = [], []
        for distance in range(1, window):
            linked = (sentence[:-distance] == sentence[distance:]) & (ids[:-distance] != ids[distance:])
            left.append(ids[:-distance][linked])
            right.append(ids[distance:][linked])
        left, right = np.concatenate(left + [np.zeros(0, int)]), np.concatenate(right + [np.zeros(0, int)])
        size = len(vocabulary)
        weights = sparse.coo_matrix((np.ones(2 * len(left)), (np.concatenate([left, right]),
                                                               np.concatenate([right, left]))),
                                    shape=(size, size)).tocsr()
        out_degree = np.asarray(weights.sum(axis=1)).ravel()
        scale = np.divide(1.0, out_degree, out=np.zeros(size), where=out_degree > 0)
        transition_t = (sparse.diags(scale) @ weights).T.tocsr()
        score = np.full(size, 1.0 / max(size, 1))
        for _ in range(iterations):
            updated = (1 - damping) / size + damping * (transition_t @ score)
            if np.abs(updated - score).sum() < 1e-10:
                score = updated
                break
            score = updated
        counts = group["token"].value_counts()
        ranked = sorted(zip(vocabulary, score), key=lambda pair: (-round(pair[1], 12), pair[0]))[:top_n]
        rows += [dict(zip(by, key), term=term, n=int(counts[term]), score=round(float(value), 6))
                 for term, value in ranked]
    return pd.DataFrame(rows, columns=by + ["term", "n", "score"])


_KEYNESS_NAMES = {"keyness", "keyness_between", "reference_counts"}


def __getattr__(name: str):
    """Keyness lives in :mod:`jzrol.keyness` (it builds on this module); its names stay importable from here."""
    if name in _KEYNESS_NAMES:
        from jzrol import keyness as module

        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
