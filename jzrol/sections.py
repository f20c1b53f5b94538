"""Part and section helpers shared by the figures and the notebooks.

Small lookups over the tables of earlier stages: the title of every part and section, where each
part begins in the token stream, the section a report quantifies most, and a requested section
checked against the report.

>>> from jzrol.report import parse_report
>>> units = parse_report("一、成效\\n\\n（一）执法。共办结12件。\\n\\n二、问题\\n\\n人手不足。").units
>>> section_titles(units)
{(1, 1): '执法', (2, 0): '问题'}
"""

from __future__ import annotations

import pandas as pd

from jzrol.report import outline, part_roles

__all__ = ["chosen_section", "hits_by_role", "most_quantified_section", "part_starts", "section_titles"]


def section_titles(units: pd.DataFrame) -> dict[tuple[int, int], str]:
    """``(part, section) -> title`` for every part and section with text (a part's own title at section 0).

    >>> from jzrol.report import parse_report
    >>> section_titles(parse_report("一、成效\\n\\n（一）执法。共办结12件。").units)
    {(1, 1): '执法'}
    """
    table = outline(units)
    return {(int(p), int(s)): (st if s else pt) or "" for p, s, pt, st in
            zip(table["part"], table["section"], table["part_title"], table["section_title"])}


def part_starts(toks: pd.DataFrame) -> pd.DataFrame:
    """The token position where each numbered part begins, labelled ``part N`` (``part, position, label``).

    >>> toks = pd.DataFrame({"part": [0, 1, 1, 2], "position": [0, 1, 2, 3]})
    >>> part_starts(toks).values.tolist()
    [[1, 1, 'part 1'], [2, 3, 'part 2']]
    """
    starts = toks.groupby("part")["position"].min().reset_index()
    starts = starts[starts["part"] > 0].reset_index(drop=True)
    return starts.assign(label=[f"part {p}" for p in starts["part"]])


def most_quantified_section(claims: pd.DataFrame) -> tuple[int, int] | None:
    """The ``(part, section)`` with the most numeric claims (the first in reading order on a tie), or None.

    >>> most_quantified_section(pd.DataFrame({"part": [1, 1, 2], "section": [2, 2, 0]}))
    (1, 2)
    """
    if claims.empty:
        return None
    sizes = claims.groupby(["part", "section"]).size()
    part, section = sizes[sizes == sizes.max()].index[0]
    return int(part), int(section)


def chosen_section(requested, claims: pd.DataFrame) -> tuple[tuple[int, int] | None, str]:
    """The section to chart and a sentence saying why: the requested one if it has claims, else the busiest.

    Args:
        requested: ``[part, section]``, or None for the most quantified section.
        claims: an ``extract_claims`` table of one report.

    >>> found = pd.DataFrame({"part": [1, 1, 2], "section": [2, 2, 0]})
    >>> chosen_section([9, 9], found)
    ((1, 2), 'Section 9.9 makes no numeric claim in this report; showing the most quantified section, 1.2, instead.')
    """
    busiest = most_quantified_section(claims)
    if busiest is None:
        return None, "This report makes no numeric claim, so there is no section to chart."
    if requested is None:
        return busiest, f"Showing the most quantified section, {busiest[0]}.{busiest[1]}."
    part, section = (int(n) for n in requested)
    if ((claims["part"] == part) & (claims["section"] == section)).any():
        return (part, section), f"Showing section {part}.{section}, as requested."
    return busiest, (f"Section {part}.{section} makes no numeric claim in this report; showing the most "
                     f"quantified section, {busiest[0]}.{busiest[1]}, instead.")


def hits_by_role(hits: pd.DataFrame, units: pd.DataFrame) -> dict[str, int]:
    """Codebook hits in the achievements, problems and plans parts: the numbers behind their theme shares.

    >>> from jzrol.report import parse_report
    >>> units = parse_report("一、主要成效\\n\\n办结12件。\\n\\n二、存在的问题\\n\\n人手不足。").units
    >>> hits_by_role(pd.DataFrame({"doc_id": [units.doc_id[0]] * 2, "part": [1, 1], "hits": [2, 1]}), units)
    {'achievements': 3, 'problems': 0, 'plans': 0}
    """
    roles = part_roles(units)[["doc_id", "part", "role"]]
    totals = hits.merge(roles, on=["doc_id", "part"]).groupby("role")["hits"].sum()
    return {role: int(totals.get(role, 0)) for role in ("achievements", "problems", "plans")}
