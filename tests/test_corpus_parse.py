"""Every State Council work report in the shared corpus parses and finds its top-level parts."""

import pytest

from jzrol import read_report
from tests.test_report import assert_lossless

# Two reports are single speeches with no headings at all (checked by reading them):
# 1954 (Zhou Enlai's first report) and 1975 (Zhou Enlai's last, four 各位代表 paragraphs).
WITHOUT_HEADINGS = {"1954", "1975"}


def test_every_report_parses_losslessly_with_parts(corpus_files, corpus_reports):
    failures = []
    for path, report in zip(corpus_files, corpus_reports):
        assert_lossless(report)
        assert not report.units.text.str.contains("本作品是中华人民共和国的|Public domain").any(), path.name
        parts = report.parts()
        if path.stem in WITHOUT_HEADINGS:
            if len(parts):
                failures.append(f"{path.name}: found parts in a report without headings")
        elif len(parts) < 2 or parts.part.tolist() != list(range(1, len(parts) + 1)):
            failures.append(f"{path.name}: parts {parts.part.tolist()}")
    assert not failures, failures


@pytest.mark.parametrize(
    ("year", "titles"),
    [
        ("2024", ["2023年工作回顾", "2024年经济社会发展总体要求和政策取向", "2024年政府工作任务"]),
        ("1983", ["过去五年的回顾", "今后五年的主要任务", "结束语"]),
        ("1958", ["一九五七年经济战线上的胜利", "争取一九五八年国民经济的新跃进", "一九五八年国民经济各部门发展计划的安排"]),
    ],
)
def test_known_part_titles(corpus_files, year, titles):
    path = next((p for p in corpus_files if p.stem == year), None)
    if path is None:
        pytest.skip(f"{year}.txt not in the shared corpus")
    assert read_report(path).parts().part_title.tolist()[: len(titles)] == titles


def test_dateline_and_byline_give_published_and_issuer(corpus_files):
    path = next((p for p in corpus_files if p.stem == "2024"), None)
    if path is None:
        pytest.skip("2024.txt not in the shared corpus")
    meta = read_report(path).meta
    assert (meta.title, meta.issuer, meta.published) == ("政府工作报告", ["国务院"], "2024-03-05")
