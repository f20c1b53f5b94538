"""Summaries of the claims table for figures: claims per section, how precise the claims are.

>>> precision_level("approx|more_than")
'approximate'
"""

from __future__ import annotations

import pandas as pd

from jzrol.report import outline

__all__ = ["PRECISION_LEVELS", "claims_by_section", "precision_level", "precision_profile"]

PRECISION_LEVELS = ["exact", "approximate", "bounded"]


def precision_level(qualifier: str) -> str:
    """Collapse a qualifier into how concrete the claim is: exact, approximate or bounded.

    >>> [precision_level(q) for q in ["exact", "approx", "more_than", "approx|more_than", "at_most"]]
    ['exact', 'approximate', 'bounded', 'approximate', 'bounded']
    """
    if qualifier == "exact":
        return "exact"
    return "approximate" if "approx" in qualifier.split("|") else "bounded"


def claims_by_section(claims: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Claims per part and section and kind, with section titles (``doc_id, part, section, title, kind, n``).

    Every part/section of the outline with text appears, with ``n`` 0 where it makes no claim.
    """
    frame = outline(units)[["doc_id", "part", "part_title", "section", "section_title"]]
    frame = frame.assign(title=frame["section_title"].where(frame["section"] > 0, frame["part_title"]))
    kinds = ["count", "percent", "money", "duration", "measure"]
    grid = frame.merge(pd.DataFrame({"kind": kinds}), how="cross")
    counts = claims.groupby(["doc_id", "part", "section", "kind"]).size().rename("n").reset_index()
    table = grid.merge(counts, how="left", on=["doc_id", "part", "section", "kind"]).fillna({"n": 0})
    table["n"] = table["n"].astype(int)
    return table[["doc_id", "part", "section", "title", "kind", "n"]]


def precision_profile(claims: pd.DataFrame) -> pd.DataFrame:
    """Share of exact, approximate and bounded claims in each part and section.

    Returns ``doc_id, part, section, level, n, share`` (shares of a section sum to 1).
    """
    levels = claims.assign(level=claims["qualifier"].map(precision_level))
    table = levels.groupby(["doc_id", "part", "section", "level"]).size().rename("n").reset_index()
    table["share"] = (table["n"] / table.groupby(["doc_id", "part", "section"])["n"].transform("sum")).round(4)
    table["level"] = pd.Categorical(table["level"], PRECISION_LEVELS, ordered=True)
    return table.sort_values(["doc_id", "part", "section", "level"]).reset_index(drop=True)
