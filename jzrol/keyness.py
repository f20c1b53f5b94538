"""Keyness: which terms one group of units uses more than another, or than general Chinese.

:func:`keyness` compares two sets of term counts, term by term, on the 2×2 table of the term and
all other counted tokens (statistics from :mod:`jzrol.association`); :func:`keyness_between` takes
the groups from a :func:`jzrol.terms.tokens` table; :func:`reference_counts` is general Chinese,
counted as the target is. The three names are also importable from :mod:`jzrol.terms`.

>>> from jzrol import read_report, paths
>>> from jzrol.terms import tokens
>>> table = keyness_between(tokens(read_report(paths.SEED_REPORT).units), {"part": 2}, {"part": 1})
>>> table[["term", "n_target", "n_reference", "direction", "p_method"]].head(1).values.tolist()
[['有待', 5, 0, 1, 'fisher']]
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from jzrol import association
from jzrol.terms import POLICY_VERBS, STOPWORDS, PolicyVerbs, _kept, file_version, is_content, read_wordlist

__all__ = ["keyness", "keyness_between", "reference_counts"]


@lru_cache(maxsize=1)
def _jieba_dictionary() -> pd.Series:
    """Word frequencies of jieba's ``dict.txt`` (349,046 words, 60,101,967 occurrences), summed per word."""
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    table = pd.read_csv(path, sep=" ", header=None, names=["word", "freq", "pos"], dtype={"word": str},
                        keep_default_na=False, quoting=3, usecols=[0, 1])
    return table.groupby("word")["freq"].sum()


@lru_cache(maxsize=8)
def _reference_counts(stopwords: str, stopwords_version: tuple | None, verbs: str | None,  # noqa: ARG001 - versions key the cache
                      verbs_version: tuple | None) -> pd.Series:
    dictionary = _jieba_dictionary()
    dropped = set(read_wordlist(stopwords))
    if verbs is not None:
        dropped |= read_wordlist(verbs)
    kept = [word not in dropped and is_content(word) for word in dictionary.index]
    return dictionary[kept]


def reference_counts(*, stopwords: str | Path = STOPWORDS, policy_verbs: str | Path = POLICY_VERBS,
                     drop_policy_verbs: bool = False) -> pd.Series:
    """General-language reference: jieba's dictionary word frequencies, counted as the target is.

    jieba's ``dict.txt`` ships with the tokenizer, so keyness against general Chinese works on a
    fresh machine with a single report. Its counts come from large general corpora (news and web
    text), segmented by jieba's makers, not by this tokenizer. To count both sides the same way, the
    words a target count leaves out are left out of the reference too: stopwords, words without a
    Chinese character or Latin letter (numbers, symbols; the dictionary lists no punctuation, so
    none is counted on either side), and the policy verbs when ``drop_policy_verbs``. What cannot be
    matched: the userdict's terms (法治政府建设) are absent from the reference, so their reference
    count is 0, and the reference was segmented with jieba's dictionary alone.

    >>> reference = reference_counts()
    >>> "的" in reference.index, int(reference["法治"]) > 0
    (False, True)
    """
    verbs = str(policy_verbs) if drop_policy_verbs else None
    return _reference_counts(str(stopwords), file_version(stopwords), verbs, file_version(policy_verbs) if verbs else None)


Correction = Literal["none", "williams"]
_KEYNESS_COLUMNS = {"term": str, "n_target": int, "n_reference": int, "per_million_target": float,
                    "per_million_reference": float, "direction": int, "g2": float, "p_g2": float, "p": float,
                    "p_method": str, "p_bh": float, "log_ratio": float}
_DIRECTION_ORDER = {1: 0, -1: 1, 0: 2}  # more in the target, more in the reference, the same rate


def keyness(target: pd.Series, reference: pd.Series, *, min_n: int = 2, both_ways: bool = False,
            exact_below: float = 5, correction: Correction = "none") -> pd.DataFrame:
    """Log-likelihood (G²), p-values and log ratio of every term in ``target`` against ``reference``.

    For each term, a 2×2 table: its count ``a`` and the other tokens in the target (size ``c``),
    its count ``b`` and the other tokens in the reference (size ``d``).

    - ``direction`` is the sign of a/c − b/d: 1 where the term is more frequent in the target,
      −1 where it is more frequent in the reference, 0 where the rates are equal.
    - ``g2`` is the log-likelihood ratio statistic of the whole table (Dunning 1993; the same as
      ``scipy.stats.chi2_contingency(..., lambda_="log-likelihood", correction=False)``; Rayson and
      Garside's (2000) shortcut leaves out the two cells of other tokens), divided by
      Williams' (1976) q = 1 + (N/(a+b) + N/(N−a−b) − 1)(N/c + N/d − 1) / 6N when
      ``correction="williams"`` (quanteda's default for its likelihood ratio).
    - ``p_g2`` is its chi-squared tail with one degree of freedom. ``p`` is the p-value to report:
      Fisher's exact test (two-sided) where an expected cell count is below ``exact_below``, else
      ``p_g2``; ``p_method`` says which (``fisher``, ``g2`` or ``g2_williams``).
    - ``p_bh`` is ``p`` adjusted for the number of terms tested (the rows returned) by
      Benjamini and Hochberg's (1995) false discovery rate.
    - ``log_ratio`` is Hardie's (2014) effect size, log2 of the ratio of relative frequencies with
      0.5 put in place of a zero count. Where one count is 0, its sign can disagree with
      ``direction`` (0.5 / c may exceed b / d): read the direction from ``direction``.

    Args:
        target, reference: counts indexed by term.
        min_n: terms seen fewer times than this in the target are left out.
        both_ways: also rank terms seen ``min_n`` times or more in the reference only (for two groups of
            one corpus; leave off against a large general reference).
        exact_below: smallest expected count for which the chi-squared tail is trusted (0: never exact).
        correction: ``"none"`` or ``"williams"``.

    Returns columns ``term, n_target, n_reference, per_million_target, per_million_reference,
    direction, g2, p_g2, p, p_method, p_bh, log_ratio``: terms more frequent in the target first,
    then those more frequent in the reference, then those at the same rate; within each, by
    ``g2`` descending (as rounded in the table), terms of equal ``g2`` in Unicode code-point order
    (terms with the same counts are tied on every statistic; the order among them means nothing).

    >>> keyness(pd.Series({"执法": 30, "的": 50}), pd.Series({"执法": 10, "的": 500}))["term"].tolist()
    ['执法', '的']
    """
    if correction not in ("none", "williams"):
        raise ValueError(f"correction must be 'none' or 'williams', not {correction!r}")
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
    table["per_million_target"] = (a * 1e6 / c).round(3)
    table["per_million_reference"] = (b * 1e6 / d).round(3)
    table["direction"] = np.sign(a * d - b * c).astype(int)  # the sign of a/c − b/d, without rounding
    cells = (a, c - a, b, d - b)
    g2 = association.log_likelihood(*cells)
    method = np.full(len(table), "g2", dtype=object)
    if correction == "williams":
        g2 = g2 / association.williams_q(*cells)
        method[:] = "g2_williams"
    table["g2"] = g2.round(4)
    p_g2 = association.chi2_tail(g2)
    table["p_g2"] = p_g2
    small = association.smallest_expected(*cells) < exact_below
    p = p_g2.copy()
    if small.any():
        p[small] = association.fisher_exact_p(a[small], b[small], c, d)
        method[small] = "fisher"
    table["p"] = p
    table["p_method"] = method
    table["p_bh"] = association.benjamini_hochberg(p)
    ratio = np.log2(((np.where(a == 0, 0.5, a)) / c) / ((np.where(b == 0, 0.5, b)) / d))
    table["log_ratio"] = ratio.round(4)
    table["n_target"] = table["n_target"].astype(int)
    table["n_reference"] = table["n_reference"].astype(int)
    table.index.name = "term"
    table = table.reset_index()
    table["_side"] = table["direction"].map(_DIRECTION_ORDER)
    table = table.sort_values(["_side", "g2", "term"], ascending=[True, False, True], kind="stable")
    return table[list(_KEYNESS_COLUMNS)].reset_index(drop=True)


def _select(toks: pd.DataFrame, where: dict) -> pd.DataFrame:
    mask = pd.Series(True, index=toks.index)
    for column, value in where.items():
        values = value if isinstance(value, (list, tuple, set)) else [value]
        mask &= toks[column].isin(values)
    return toks[mask]


def keyness_between(toks: pd.DataFrame, target: dict, reference: dict | None = None, *,
                    policy_verbs: PolicyVerbs = "keep", min_n: int = 2, exact_below: float = 5,
                    correction: Correction = "none", stopwords: str | Path = STOPWORDS,
                    policy_verb_list: str | Path = POLICY_VERBS) -> pd.DataFrame:
    """Keyness of one group of units against another, or against general Chinese (see :func:`keyness`).

    Args:
        toks: :func:`jzrol.terms.tokens` output.
        target: column filters for the target group, e.g. ``{"part": 2}``.
        reference: filters for the reference group; ``None`` compares with :func:`reference_counts`,
            from which the same words are left out as from the target: ``stopwords`` and
            ``policy_verb_list`` should be the lists ``toks`` was flagged with.
        policy_verbs, min_n, exact_below, correction: as in :func:`jzrol.terms.count_terms` and :func:`keyness`.

    >>> from jzrol import read_report, paths
    >>> from jzrol.terms import tokens
    >>> toks = tokens(read_report(paths.SEED_REPORT).units)
    >>> keyness_between(toks, {"part": 2}, {"part": 1}).term.iloc[0]
    '有待'
    """
    kept = _kept(toks, policy_verbs)
    target_counts = _select(kept, target)["token"].value_counts()
    if reference is None:
        reference_counts_ = reference_counts(stopwords=stopwords, policy_verbs=policy_verb_list,
                                             drop_policy_verbs=policy_verbs == "drop")
    else:
        reference_counts_ = _select(kept, reference)["token"].value_counts()
    return keyness(target_counts, reference_counts_, min_n=min_n, both_ways=reference is not None,
                   exact_below=exact_below, correction=correction)
