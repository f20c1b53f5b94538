"""Report metadata for research (title, place, level, year, delivered and where each came from), page
metadata from HTML heads, and the old variant characters of the ``norm`` column."""

import csv

import pytest

from jzrol import paths
from jzrol.report import parse_report, read_report, to_simplified
from jzrol.report.normalize import _to_simplified


# --- old variant characters ------------------------------------------------------------------------

def test_variant_table_lists_only_what_opencc_keeps_and_maps_it_to_a_standard_character():
    with open(paths.VARIANTS, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 10
    for row in rows:
        assert _to_simplified()(row["variant"]) == row["variant"], row  # OpenCC alone leaves it
        row["standard"].encode("gb2312")  # the standard form is a common simplified character
        assert to_simplified(row["variant"]) == row["standard"]


def test_variants_are_replaced_in_norm_but_not_in_text():
    report = parse_report("一、选举工作\n\n選擧人民代表，開展愛國衞生運動，反對貪汚。")
    sentence = report.units[report.units.kind == "text"].iloc[0]
    assert sentence.norm == "选举人民代表，开展爱国卫生运动，反对贪污。"
    assert "擧" in sentence.text and "衞" in sentence.text  # the source span is as written


def test_weisheng_and_xuanju_counts_rise_in_the_older_reports(corpus_files):
    """In the 1954 report OpenCC leaves 衞生 and 選擧 as 衞生 and 选擧; with the table they count."""
    path = next((p for p in corpus_files if p.stem == "1954"), None)
    if path is None:
        pytest.skip("1954.txt not in the shared corpus")
    report = read_report(path)
    norm = "".join(report.units["norm"])
    opencc_only = _to_simplified()(report.text)
    assert "衞" not in norm and "擧" not in norm and "汚" not in norm
    assert norm.count("卫生") > opencc_only.count("卫生")
    assert norm.count("选举") > opencc_only.count("选举")
    assert norm.count("卫生") >= 10 and norm.count("选举") >= 5
