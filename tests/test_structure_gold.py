"""The parser against a hand-made gold annotation of the structure of 14 State Council work reports.

``tests/data/structure-gold-state-council.csv`` gives, for each part of each annotated report, its
number of sections and of items (``structure-gold-state-council.md`` says how it was made). A report is
right when its parts, and the sections and items of every part, are exactly the gold's.
"""

import pandas as pd
import pytest

from jzrol import paths, read_report
from tests.conftest import DATA

GOLD = pd.read_csv(DATA / "structure-gold-state-council.csv", keep_default_na=False)
# Known disagreements with the gold (none at present), as {file: reason}.
KNOWN: dict[str, str] = {}


def structure(path):
    """(part, sections, items) for every part of a report: items count every item marker that set a
    new item number, so two 第一 … 第四 sequences in one part are eight items."""
    units = read_report(path).units
    body = units[units["kind"].isin(["text", "heading"])]
    rows = []
    for part, group in body.groupby("part"):
        sections = group.loc[group["section"] > 0, "section"].nunique()
        text = group[group["kind"] == "text"]
        previous = text[["section", "item"]].shift()
        starts = (text["item"] > 0) & ((text["item"] != previous["item"]) | (text["section"] != previous["section"]))
        rows.append((int(part), int(sections), int(starts.sum())))
    return rows


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN[name], strict=True)) if name in KNOWN else name
    for name in GOLD["file"].unique()
])
def test_structure_matches_the_gold(name):
    path = paths.SHARED_CORPUS / name
    if not path.exists():
        pytest.skip(f"shared corpus not present at {paths.SHARED_CORPUS}")
    expected = [(int(r.part), int(r.sections), int(r.items)) for r in GOLD[GOLD["file"] == name].itertuples()]
    assert structure(path) == expected


def test_the_gold_covers_at_least_ten_reports_of_several_decades():
    years = sorted({int(name[:4]) for name in GOLD["file"]})
    assert len(years) >= 10 and len({year // 10 for year in years}) >= 6
    assert (GOLD.groupby("file")["part"].apply(lambda parts: list(parts) == list(range(len(parts))))).all()
