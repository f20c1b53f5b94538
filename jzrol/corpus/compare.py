"""Comparing the documents and years of a corpus summary: trends, how much reports quantify, keyness.

>>> from jzrol import paths
>>> from jzrol.corpus.summary import summarize
>>> summary = summarize([paths.SEED_REPORT], progress=False)
>>> term_trend(summary, ["法治"]).columns.tolist()
['year', 'term', 'n', 'total', 'per_10k']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import pandas as pd

from jzrol import terms, themes
from jzrol.corpus.summary import CorpusSummary, summarize_document

__all__ = ["claims_by_year", "keyness_document", "term_trend", "theme_trend"]


def term_trend(summary: CorpusSummary, words: Sequence[str], *,
               match: Literal["token", "contains"] = "contains", per: int = 10_000) -> pd.DataFrame:
    """Relative frequency of each word per year, with the counts behind it.

    ``match="token"`` counts the word as a token; ``"contains"`` counts every token that contains it
    (依法 in 依法行政, 依法治国 …), which follows a word through the compounds the userdict keeps whole.

    Returns ``year, term, n, total, per_10k`` (``total`` is the year's counted tokens).
    """
    table = summary.year_counts
    ids = {word: table.ids_of(word, contains=match == "contains") for word in words}
    rows = []
    for year in sorted(y for y in table.years if y is not None and not pd.isna(y)):
        counts = table.row(year)
        total = int(counts.sum())
        for word in words:
            n = int(counts[ids[word]].sum())
            rows.append({"year": int(year), "term": word, "n": n, "total": total,
                         f"per_{per // 1000}k": round(n * per / total, 3) if total else 0.0})
    return pd.DataFrame(rows)


def theme_trend(summary: CorpusSummary) -> pd.DataFrame:
    """Theme hits and shares per year (``year, theme, hits, share``)."""
    if summary.themes.empty:
        return pd.DataFrame(columns=["year", "theme", "hits", "share"])
    table = summary.themes.dropna(subset=["year"]).groupby(["year", "theme"])["hits"].sum().reset_index()
    table["share"] = (table["hits"] / table.groupby("year")["hits"].transform("sum")).round(4)
    order = {key: i for i, key in enumerate(themes.THEME_KEYS)}
    return table.sort_values(["year", "theme"], key=lambda c: c.map(order) if c.name == "theme" else c,
                             kind="stable").reset_index(drop=True)


def claims_by_year(summary: CorpusSummary) -> pd.DataFrame:
    """How much reports quantify, per year: documents, claims, claims per 10,000 characters, exact share."""
    docs = summary.documents[summary.documents["error"].isna()].dropna(subset=["year"])
    by_year = docs.groupby("year")
    table = by_year[["claims", "exact_claims", "characters"]].sum()
    table.insert(0, "documents", by_year.size())
    table["claims_per_10k_chars"] = (table["claims"] * 10_000 / table["characters"]).round(2)
    table["exact_share"] = (table["exact_claims"] / table["claims"].where(table["claims"] > 0)).round(4)
    return table.reset_index()


def keyness_document(summary: CorpusSummary, doc_id: str, *, min_n: int = 3) -> pd.DataFrame:
    """Keyness (G², log ratio) of one document against the rest of the corpus."""
    row = summary.documents.loc[summary.documents["doc_id"] == doc_id]
    if row.empty:
        raise KeyError(f"no document {doc_id!r} in the corpus")
    path = summary.paths.get(doc_id, row["path"].iloc[0])
    own = summarize_document(path, doc_id=doc_id).terms
    rest = summary.totals - own
    return terms.keyness(pd.Series(own, dtype=float), pd.Series(rest, dtype=float), min_n=min_n, both_ways=True)
