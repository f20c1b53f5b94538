"""Pages and files the parser must not misread: pages without a report, footers, repeated pages, line breaks."""

import subprocess
import sys

import pytest

from jzrol import corpus, parse_report, read_report
from jzrol.report import NO_REPORT_TEXT
from jzrol.sources import SourceError
from tests.conftest import DATA

NO_REPORT = DATA / "no-report-page.html"


def cli(*args):
    return subprocess.run([sys.executable, "-m", "jzrol.cli", *map(str, args)], capture_output=True, text=True)


def test_a_page_of_menus_links_and_an_information_table_has_no_report_text():
    report = read_report(NO_REPORT)
    assert NO_REPORT_TEXT in report.meta.warnings
    assert report.units.empty and report.meta.title is None
    # nothing is lost: the page's lines are chrome, the information table still gives metadata
    assert {"breadcrumb", "pubmeta", "page", "footer"} <= set(report.chrome["kind"])
    assert "示例市2020年法治政府建设年度报告" in set(report.chrome["text"])
    assert report.meta.published == "2022-03-28" and report.meta.site_code == "2107000099"
    with pytest.raises(SourceError, match=f"no-report-page.html: {NO_REPORT_TEXT}"):
        report.require_text()


def test_info_warns_and_analysis_commands_give_one_error_line():
    info = cli("info", NO_REPORT)
    assert info.returncode == 0 and NO_REPORT_TEXT in info.stdout
    for command in ("terms", "claims", "checks", "themes"):
        result = cli(command, NO_REPORT)
        assert result.returncode == 2, command
        assert result.stderr.strip() == f"jzrol: error: {NO_REPORT}: {NO_REPORT_TEXT}"


def test_corpus_functions_list_a_page_without_a_report_as_a_failure(tmp_path):
    for name in ("no-report-page.html", "gbk.txt"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    summary = corpus.summarize([tmp_path], progress=False)
    failures = summary.failures.set_index("doc_id")["error"].to_dict()
    assert list(failures) == ["no-report-page"] and failures["no-report-page"].endswith(NO_REPORT_TEXT)
    table, errors = corpus.corpus_table([tmp_path], "claims")
    assert set(table["doc_id"]) == {"gbk"} and len(errors) == 1 and errors[0].endswith(NO_REPORT_TEXT)


def test_a_short_real_report_has_report_text():
    report = parse_report("一、总体情况\n\n今年共办结12件。")
    assert NO_REPORT_TEXT not in report.meta.warnings
    report.require_text()
