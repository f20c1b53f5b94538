"""Terms: a private tokenizer, counts by structure, keyness, KWIC, collocations and keywords.

Segmentation is jieba's dictionary and algorithm with the HMM for unknown words
switched off, run by jieba-rs (``rjieba``) for speed; ``engine="jieba"`` gives
the same tokens from pure-Python jieba. Each tokenizer is private to its
configuration and built from ``data/lexicon/userdict.txt``, so no other
library can change it behind the analysis.

>>> from jzrol import read_report, paths
>>> toks = tokens(read_report(paths.SEED_REPORT).units)
>>> count_terms(toks).head(2)[["term", "n"]].values.tolist()
[['法治政府建设', 17], ['锦州市', 17]]
"""

from __future__ import annotations

import gc
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from jzrol import paths

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


class LexiconError(ValueError):
    """A lexicon or codebook file with a problem; the message names file and line (``path:line: reason``)."""

    def __init__(self, path: str | Path, line: int, reason: str):
        super().__init__(f"{path}:{line}: {reason}")


@dataclass(frozen=True)
class UserWord:
    """One userdict entry in jieba's ``word [freq] [pos]`` format."""

    word: str
    freq: int | None = None
    pos: str | None = None


def _lexicon_lines(path: Path) -> Iterable[tuple[int, str]]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LexiconError(path, 0, "lexicon file not found") from None
    except UnicodeDecodeError:
        raise LexiconError(path, 0, "lexicon files must be UTF-8") from None
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            yield number, line


def read_userdict(path: str | Path = USERDICT) -> list[UserWord]:
    """Read a user dictionary; comments (#) and blank lines are allowed.

    Raises:
        LexiconError: a line is not ``word [freq] [pos]``, naming the file and line.

    >>> read_userdict()[1]
    UserWord(word='法治政府建设', freq=3000, pos='n')
    """
    words = []
    for number, line in _lexicon_lines(Path(path)):
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
    for number, line in _lexicon_lines(Path(path)):
        if len(line.split()) != 1:
            raise LexiconError(path, number, f"expected one word per line, got {line!r}")
        words.add(line)
    return frozenset(words)


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
            import rjieba  # here, not at the top: importing rjieba builds a default dictionary (0.1 s)

            self._segmenter = rjieba.Jieba()
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


# --- keyness ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def reference_counts() -> pd.Series:
    """General-language reference: jieba's dictionary word frequencies (about 60 million tokens).

    jieba's ``dict.txt`` ships with the tokenizer, so keyness against general Chinese works on a
    fresh machine with a single report. Its counts come from large general corpora (news and
    web text), not from this tokenizer, so G² against it is a guide to what is distinctive, not an
    exact test.
    """
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    table = pd.read_csv(path, sep=" ", header=None, names=["word", "freq", "pos"], dtype={"word": str},
                        keep_default_na=False, quoting=3, usecols=[0, 1])
    return table.groupby("word")["freq"].sum()


def _xlogx_ratio(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(observed > 0, observed * np.log(observed / expected), 0.0)


_KEYNESS_COLUMNS = {"term": str, "n_target": int, "n_reference": int, "per_1000_target": float,
                    "per_1000_reference": float, "g2": float, "p": float, "log_ratio": float}


def keyness(target: pd.Series, reference: pd.Series, *, min_n: int = 2, both_ways: bool = False) -> pd.DataFrame:
    """Log-likelihood (G²) and log ratio of every term in ``target`` against ``reference``.

    G² follows Rayson and Garside (2000) for a 2×2 table (term vs other tokens, target vs
    reference); ``p`` is its chi-squared tail with one degree of freedom. The effect size is
    Hardie's (2014) log ratio: log2 of the ratio of relative frequencies, with 0.5 added to a zero
    count. Positive ``log_ratio`` means the term is more frequent in the target.

    Args:
        target, reference: counts indexed by term.
        min_n: terms seen fewer times than this in the target are left out.
        both_ways: also rank terms seen ``min_n`` times or more in the reference only (for two groups of
            one corpus; leave off against a large general reference).

    Returns columns ``term, n_target, n_reference, per_1000_target, per_1000_reference, g2, p,
    log_ratio``, sorted by G² (overused terms first, then underused).

    >>> keyness(pd.Series({"执法": 30, "的": 50}), pd.Series({"执法": 10, "的": 500}))["term"].tolist()
    ['执法', '的']
    """
    target_total, reference_total = float(target.sum()), float(reference.sum())
    if not target_total or not reference_total:  # nothing to compare with: no rows, the same column types
        return pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in _KEYNESS_COLUMNS.items()})
    chosen = target.index[target >= min_n]
    if both_ways:
        chosen = chosen.union(reference.index[reference >= min_n])
    table = pd.DataFrame({"n_target": target.reindex(chosen).fillna(0).astype(float)})
    table["n_reference"] = reference.reindex(chosen).fillna(0).astype(float)
    a, b = table["n_target"].to_numpy(float), table["n_reference"].to_numpy(float)
    c, d = target_total, reference_total
    expected_a, expected_b = c * (a + b) / (c + d), d * (a + b) / (c + d)
    table["per_1000_target"] = (a * 1000 / c).round(3)
    table["per_1000_reference"] = (b * 1000 / d).round(3)
    g2 = 2 * (_xlogx_ratio(a, expected_a) + _xlogx_ratio(b, expected_b))
    table["g2"] = g2.round(4)
    table["p"] = [math.erfc(math.sqrt(max(x, 0.0) / 2)) for x in g2]
    ratio = np.log2(((np.where(a == 0, 0.5, a)) / c) / ((np.where(b == 0, 0.5, b)) / d))
    table["log_ratio"] = ratio.round(4)
    table["n_target"] = table["n_target"].astype(int)
    table["n_reference"] = table["n_reference"].astype(int)
    table.index.name = "term"
    table = table.reset_index()
    table["overused"] = table["log_ratio"] > 0
    table = table.sort_values(["overused", "g2", "term"], ascending=[False, False, True], kind="stable")
    return table.drop(columns="overused").reset_index(drop=True)


def _select(toks: pd.DataFrame, where: dict) -> pd.DataFrame:
    mask = pd.Series(True, index=toks.index)
    for column, value in where.items():
        values = value if isinstance(value, (list, tuple, set)) else [value]
        mask &= toks[column].isin(values)
    return toks[mask]


def keyness_between(toks: pd.DataFrame, target: dict, reference: dict | None = None, *,
                    policy_verbs: PolicyVerbs = "keep", min_n: int = 2) -> pd.DataFrame:
    """Keyness of one group of units against another, or against general Chinese.

    Args:
        toks: :func:`tokens` output.
        target: column filters for the target group, e.g. ``{"part": 2}``.
        reference: filters for the reference group; ``None`` compares with :func:`reference_counts`.

    >>> from jzrol import read_report, paths
    >>> toks = tokens(read_report(paths.SEED_REPORT).units)
    >>> keyness_between(toks, {"part": 2}, {"part": 1}).term.iloc[0]
    '有待'
    """
    kept = _kept(toks, policy_verbs)
    target_counts = _select(kept, target)["token"].value_counts()
    if reference is None:
        reference_counts_ = reference_counts()
    else:
        reference_counts_ = _select(kept, reference)["token"].value_counts()
    return keyness(target_counts, reference_counts_, min_n=min_n, both_ways=reference is not None)


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


def collocations(toks: pd.DataFrame, *, min_freq: int = 3, policy_verbs: PolicyVerbs = "keep") -> pd.DataFrame:
    """Adjacent two-term collocations with pointwise mutual information and G².

    A bigram is two neighbouring tokens of one sentence, both counted terms (not stopwords,
    numbers or punctuation). PMI = log2 p(xy) / (p(x) p(y)); G² is Dunning's (1993)
    log-likelihood on the 2×2 table of the pair. Rare pairs make PMI unreliable: ``min_freq``
    sets the floor.

    Returns ``first, second, n, n_first, n_second, pmi, g2`` sorted by G².
    """
    keep = ~toks["stop"] if policy_verbs == "keep" else ~(toks["stop"] | toks["policy_verb"])
    same_unit = (toks["unit_id"].shift(-1) == toks["unit_id"]) & (toks["doc_id"].shift(-1) == toks["doc_id"])
    pairs = toks.assign(second=toks["token"].shift(-1), keep_next=keep.shift(-1, fill_value=False))
    pairs = pairs[keep & pairs["keep_next"] & same_unit]
    columns = ["first", "second", "n", "n_first", "n_second", "pmi", "g2"]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    total = len(pairs)
    bigrams = pairs.groupby(["token", "second"]).size().rename("n").reset_index().rename(columns={"token": "first"})
    first_counts = pairs["token"].value_counts()
    second_counts = pairs["second"].value_counts()
    bigrams["n_first"] = bigrams["first"].map(first_counts)
    bigrams["n_second"] = bigrams["second"].map(second_counts)
    bigrams = bigrams[bigrams["n"] >= min_freq].copy()
    o11 = bigrams["n"].to_numpy(float)
    o12 = bigrams["n_first"].to_numpy(float) - o11
    o21 = bigrams["n_second"].to_numpy(float) - o11
    o22 = total - o11 - o12 - o21
    rows, cols = (o11 + o12, o21 + o22), (o11 + o21, o12 + o22)
    g2 = 0.0
    for observed, row, col in ((o11, rows[0], cols[0]), (o12, rows[0], cols[1]),
                               (o21, rows[1], cols[0]), (o22, rows[1], cols[1])):
        g2 = g2 + _xlogx_ratio(observed, row * col / total)
    bigrams["pmi"] = np.log2(o11 * total / (bigrams["n_first"] * bigrams["n_second"])).round(4)
    bigrams["g2"] = (2 * g2).round(4)
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
    """Keywords by TextRank (Mihalcea and Tarau 2004) on jzrol's own tokens.

    Counted terms (two characters or more) are nodes; two terms co-occurring within ``window``
    tokens of one sentence are linked, weighted by how often. PageRank on that graph ranks the
    terms that many other terms surround.

    Returns ``*by, term, n, score`` with ``top_n`` rows per group.
    """
    by = list(by)
    keep = ~toks["stop"] if policy_verbs == "keep" else ~(toks["stop"] | toks["policy_verb"])
    candidates = toks[keep & (toks["token"].str.len() >= 2)]
    rows = []
    for key, group in candidates.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        vocabulary = sorted(set(group["token"]))
        index = {term: i for i, term in enumerate(vocabulary)}
        weights = np.zeros((len(vocabulary), len(vocabulary)))
        for _, sentence in group.groupby("unit_id", sort=False):
            ids = [index[t] for t in sentence["token"]]
            for i, left in enumerate(ids):
                for right in ids[i + 1:i + window]:
                    if left != right:
                        weights[left, right] += 1
                        weights[right, left] += 1
        out_degree = weights.sum(axis=1)
        transition = np.divide(weights, out_degree[:, None], out=np.zeros_like(weights), where=out_degree[:, None] > 0)
        score = np.full(len(vocabulary), 1.0 / max(len(vocabulary), 1))
        for _ in range(iterations):
            updated = (1 - damping) / len(vocabulary) + damping * transition.T @ score
            if np.abs(updated - score).sum() < 1e-10:
                score = updated
                break
            score = updated
        counts = group["token"].value_counts()
        ranked = sorted(zip(vocabulary, score), key=lambda pair: (-round(pair[1], 12), pair[0]))[:top_n]
        rows += [dict(zip(by, key), term=term, n=int(counts[term]), score=round(float(value), 6))
                 for term, value in ranked]
    return pd.DataFrame(rows, columns=by + ["term", "n", "score"])
