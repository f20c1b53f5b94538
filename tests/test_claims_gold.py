"""Claims against gold sets of every quantity in three stretches of State Council reports of different decades.

The gold sets (``claims-gold-state-council-<year>-<start>.csv``, with the numbers that are not claims in
``nonclaims-gold-state-council-…``) were annotated by reading the text, independently of the extractor;
tests/data/README.md says how, and what was corrected. Offsets are into the corpus file, which is not
stored here: the tests skip when the corpus is absent.
"""

import math

import pandas as pd
import pytest

from jzrol import read_report
from jzrol.claims import extract_claims
from jzrol.claims.grammar import load_grammar
from tests.conftest import DATA

STRETCHES = pd.read_csv(DATA / "claims-gold-stretches.csv")


def simplified(unit: str) -> str:
    """Units compare in simplified characters (the package writes 吨 where a traditional report has 噸)."""
    return str(unit).translate(load_grammar().traditional)


def overlapping(spans: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    return spans[(spans["start"] < end) & (spans["end"] > start)]


def scores(stretch, corpus_files):
    path = next((p for p in corpus_files if p.name == stretch.file.split("/")[-1]), None)
    if path is None:
        pytest.skip(f"{stretch.file} not in the shared corpus")
    stem = f"{path.stem}-{stretch.start}"
    gold = pd.read_csv(DATA / f"claims-gold-state-council-{stem}.csv", keep_default_na=False)
    nonclaims = pd.read_csv(DATA / f"nonclaims-gold-state-council-{stem}.csv", keep_default_na=False)
    claims = extract_claims(read_report(path).units)
    claims = claims[(claims["start"] >= stretch.start) & (claims["end"] <= stretch.end)]
    found, right, misses = 0, 0, []
    for row in gold.itertuples():
        match = overlapping(claims, row.start, row.end)
        if match.empty:
            misses.append(("missed", row.raw))
            continue
        found += 1
        claim = match.iloc[0]
        if (math.isclose(claim.value, float(row.value), rel_tol=1e-9) and simplified(claim.unit) == simplified(row.unit)
                and claim.qualifier == row.qualifier):
            right += 1
        else:
            misses.append(("wrong", row.raw, claim.raw, claim.value, claim.unit, claim.qualifier))
    taken = [claim.raw for claim in claims.itertuples() if not overlapping(nonclaims, claim.start, claim.end).empty]
    unannotated = [claim.raw for claim in claims.itertuples()
                   if overlapping(gold, claim.start, claim.end).empty and overlapping(nonclaims, claim.start, claim.end).empty]
    return found / len(gold), right / len(gold), taken, unannotated, misses


@pytest.mark.parametrize("stretch", list(STRETCHES.itertuples()), ids=list(STRETCHES.file))
def test_every_quantity_of_a_stretch(stretch, corpus_files):
    recall, right, taken, unannotated, misses = scores(stretch, corpus_files)
    assert recall >= 0.97, misses
    assert right >= 0.95, misses
    assert not taken, taken
    assert not unannotated, unannotated
