"""Association statistics of 2×2 tables, vectorized: G², Williams' q, Fisher's exact p, PMI, Benjamini–Hochberg.

A table is four arrays of cell counts ``o11, o12, o21, o22`` (row 1: the target, or pairs beginning
with the first word; column 1: the term, or pairs ending with the second word). Keyness and
collocations in :mod:`jzrol.terms` are built on these; the tests compare them with scipy and NLTK.

>>> float(log_likelihood(np.array([20.0]), np.array([80.0]), np.array([0.0]), np.array([100.0]))[0].round(4))
29.9527
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["benjamini_hochberg", "chi2_tail", "fisher_exact_p", "log_likelihood", "pmi", "smallest_expected",
           "williams_q"]

_EXACT_WINDOW = 64  # counts either side of the mode summed directly by fisher_exact_p
_EXACT_TOLERANCE = 1 + 1e-7  # tables as likely as the observed one, up to rounding, count as extreme (as R does)


def _expected(o11, o12, o21, o22) -> tuple[np.ndarray, ...]:
    total = o11 + o12 + o21 + o22
    rows, columns = (o11 + o12, o21 + o22), (o11 + o21, o12 + o22)
    return (rows[0] * columns[0] / total, rows[0] * columns[1] / total,
            rows[1] * columns[0] / total, rows[1] * columns[1] / total)


def _xlogx_ratio(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(observed > 0, observed * np.log(observed / expected), 0.0)


def log_likelihood(o11, o12, o21, o22) -> np.ndarray:
    """G² = 2 Σ O ln(O / E) over the four cells (Dunning 1993), never below 0.

    The same as ``scipy.stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")``.
    """
    observed = tuple(np.asarray(cell, float) for cell in (o11, o12, o21, o22))
    g2 = 2 * sum(_xlogx_ratio(o, e) for o, e in zip(observed, _expected(*observed)))
    return np.maximum(g2, 0.0)  # rounding can leave -1e-13 where the rows are alike


def williams_q(o11, o12, o21, o22) -> np.ndarray:
    """Williams' (1976) correction factor q = 1 + (N Σ 1/row − 1)(N Σ 1/column − 1) / 6N; report G²/q.

    >>> float(williams_q(np.array([3.0]), np.array([7.0]), np.array([7.0]), np.array([2.0]))[0].round(4))
    1.0795
    """
    o11, o12, o21, o22 = (np.asarray(cell, float) for cell in (o11, o12, o21, o22))
    total = o11 + o12 + o21 + o22
    with np.errstate(divide="ignore"):
        rows = 1 / (o11 + o12) + 1 / (o21 + o22)
        columns = 1 / (o11 + o21) + 1 / (o12 + o22)
    return 1 + (total * rows - 1) * (total * columns - 1) / (6 * total)


def smallest_expected(o11, o12, o21, o22) -> np.ndarray:
    """The smallest expected cell count of each table, the usual test of whether G²'s tail can be trusted."""
    return np.minimum.reduce(_expected(*(np.asarray(cell, float) for cell in (o11, o12, o21, o22))))


def chi2_tail(statistic: np.ndarray) -> np.ndarray:
    """Upper tail of the chi-squared distribution with one degree of freedom (G² or X² of a 2×2 table)."""
    return np.array([math.erfc(math.sqrt(max(float(x), 0.0) / 2)) for x in np.atleast_1d(statistic)])


def pmi(o11, o12, o21, o22) -> np.ndarray:
    """Pointwise mutual information log2(o11 · N / (row 1 · column 1)) (Church and Hanks 1990)."""
    o11, o12, o21, o22 = (np.asarray(cell, float) for cell in (o11, o12, o21, o22))
    total = o11 + o12 + o21 + o22
    return np.log2(o11 * total / ((o11 + o12) * (o11 + o21)))


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini and Hochberg's (1995) adjusted p-values (``scipy.stats.false_discovery_control``).

    >>> benjamini_hochberg(np.array([0.01, 0.04, 0.03])).round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p, float)
    if not len(p):
        return p
    from scipy.stats import false_discovery_control

    return false_discovery_control(p, method="bh")


def fisher_exact_p(a: np.ndarray, b: np.ndarray, c: float, d: float) -> np.ndarray:
    """Two-sided Fisher exact p of 2×2 tables ``[[a, c - a], [b, d - b]]``, many at once.

    ``a`` and ``b`` are a term's counts in the target and the reference, ``c`` and ``d`` the two
    sizes. Given the margins, the target's count follows a hypergeometric distribution; p sums the
    probabilities of every count no more likely than the one observed, as
    ``scipy.stats.fisher_exact`` does (one call per table would take seconds for a corpus
    vocabulary). Where the distribution is narrow (every table with a small expected count), the
    probabilities are summed over the counts within ``_EXACT_WINDOW`` of the mode, from the ratio of
    neighbouring probabilities (exact to rounding); other tables go through ``scipy.stats.hypergeom``.

    >>> round(float(fisher_exact_p(np.array([2.0]), np.array([0.0]), 100.0, 100.0)[0]), 4)
    0.4975
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    total, hits = c + d, a + b
    low, high = np.maximum(0, hits - d), np.minimum(hits, c)
    mode = np.clip(np.floor((c + 1) * (hits + 1) / (total + 2)), low, high)
    spread = np.sqrt(hits * (c / total) * (d / total) * np.maximum(total - hits, 0) / max(total - 1, 1))
    narrow = (np.abs(a - mode) + 12 * spread + 2 < _EXACT_WINDOW)
    p = np.empty(len(a))
    if narrow.any():
        p[narrow] = _fisher_narrow(a[narrow], hits[narrow], mode[narrow], low[narrow], high[narrow], c, d)
    if (~narrow).any():
        p[~narrow] = _fisher_wide(a[~narrow], hits[~narrow], mode[~narrow], low[~narrow], high[~narrow], c, d)
    return p


def _fisher_narrow(a, hits, mode, low, high, c, d) -> np.ndarray:
    """Fisher's p over a window of counts around the mode (all but a negligible share of the probability)."""
    offsets = np.arange(-_EXACT_WINDOW, _EXACT_WINDOW + 1)
    counts = mode[:, None] + offsets[None, :]
    inside = (counts >= low[:, None]) & (counts <= high[:, None])
    k, h = counts[:, :-1], hits[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):  # log p(k + 1) - log p(k), outside the support too
        steps = np.log(h - k) + np.log(c - k) - np.log(k + 1) - np.log(d - h + k + 1)
    steps = np.where(inside[:, :-1] & inside[:, 1:], steps, 0.0)
    centre = _EXACT_WINDOW
    relative = np.zeros(counts.shape)
    relative[:, centre + 1:] = np.cumsum(steps[:, centre:], axis=1)
    relative[:, :centre] = -np.cumsum(steps[:, :centre][:, ::-1], axis=1)[:, ::-1]
    weights = np.where(inside, np.exp(relative), 0.0)  # probabilities up to a factor of each row
    observed = weights[np.arange(len(a)), (a - mode).astype(int) + centre]
    extreme = weights <= observed[:, None] * _EXACT_TOLERANCE
    return np.minimum(1.0, (weights * extreme).sum(axis=1) / weights.sum(axis=1))


def _fisher_wide(a, hits, mode, low, high, c, d) -> np.ndarray:
    """Fisher's p from scipy's hypergeometric tails, with a binary search for the far tail's edge."""
    from scipy.special import gammaln
    from scipy.stats import hypergeom

    law = hypergeom(c + d, hits, c)

    def logpmf(k: np.ndarray) -> np.ndarray:  # up to a constant of each table, which cancels in comparisons
        return -(gammaln(k + 1) + gammaln(hits - k + 1) + gammaln(c - k + 1) + gammaln(d - hits + k + 1))

    observed = logpmf(a) + np.log(_EXACT_TOLERANCE)
    below = a <= mode  # the far tail lies beyond the mode, on the other side from the observed count
    inner, outer = mode.copy(), np.where(below, high + 1, low - 1)
    while True:  # the first count beyond the mode no more likely than the observed one
        open_ = np.abs(outer - inner) > 1
        if not open_.any():
            break
        middle = np.where(open_, np.floor((inner + outer) / 2), inner)
        extreme = logpmf(middle) <= observed
        outer = np.where(open_ & extreme, middle, outer)
        inner = np.where(open_ & ~extreme, middle, inner)
    near = np.where(below, law.cdf(a), law.sf(a - 1))
    far = np.where(below, law.sf(outer - 1), law.cdf(outer))
    as_likely_as_mode = logpmf(mode) <= observed  # then every count is as extreme: p = 1
    return np.where(as_likely_as_mode, 1.0, np.minimum(1.0, near + far))
