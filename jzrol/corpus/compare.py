"""Comparing the documents, years and groups of a corpus summary: trends, how much reports quantify, keyness.

Every table groups by ``by=``: one or more document variables (``year`` by default; ``premier``,
``["place", "year"]`` or any column a docvars table adds), with ``n_docs`` behind each group.

>>> from jzrol import paths
>>> from jzrol.corpus.summary import summarize
>>> summary = summarize([paths.SEED_REPORT], progress=False)
>>> term_trend(summary, ["法治"]).columns.tolist()
['year', 'term', 'n', 'total', 'per_10k', 'n_docs']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

import pandas as pd

from jzrol import terms, themes
from jzrol.corpus.summary import CorpusSummary, summarize_document

__all__ = ["claims_by_year", "group_term_counts", "keyness_document", "keyness_group", "term_trend", "theme_trend"]


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
    for key, doc_id, path in zip(keys, docs["doc_id"], docs["path"]):
        found = summarize_document(summary.paths.get(doc_id, path), doc_id=doc_id)
        groups.setdefault(key, Counter()).update(found.terms)
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
    path = summary.paths.get(doc_id, row["path"].iloc[0])
    own = summarize_document(path, doc_id=doc_id).terms
    rest = summary.totals - own
    return terms.keyness(pd.Series(own, dtype=float), pd.Series(rest, dtype=float), min_n=min_n, both_ways=True)
