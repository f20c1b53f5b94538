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


REPORT = ("关于2021年法治政府建设情况的报告\n\n一、主要工作\n\n全年共办理行政复议案件36件，调解纠纷1200件。\n\n"
          "相关链接已在政府网站公开，共3项。\n\n二、存在的问题\n\n个别部门依法行政意识不强，执法程序不够规范。\n\n"
          "三、下一步工作\n\n持续深化法治政府建设，全面提升依法行政水平。\n\n")
FOOTER = "上一篇：关于2020年的报告\n\n主办单位：某县人民政府办公室\n\n版权所有 © 某县人民政府\n"


@pytest.mark.parametrize("word", ["相关链接", "上一条", "主办单位", "版权所有", "©"])
def test_a_body_line_starting_with_a_footer_word_keeps_the_rest_in_the_body(word):
    text = REPORT.replace("相关链接已在", f"{word}已在") + FOOTER
    report = parse_report(text)
    assert report.parts().part_title.tolist() == ["主要工作", "存在的问题", "下一步工作"]
    assert any(norm.startswith(f"{word}已在") for norm in report.units["norm"])
    assert report.chrome["text"].tolist() == ["上一篇：关于2020年的报告", "主办单位：某县人民政府办公室", "版权所有 © 某县人民政府"]
    assert not any("more text than the body" in warning for warning in report.meta.warnings)


def test_chrome_holding_more_text_than_the_body_is_a_warning():
    links = "".join(f"相关文章：某县召开第{i}次常务会议，研究部署法治政府建设工作。\n\n" for i in range(1, 30))
    report = parse_report("关于2021年法治政府建设情况的报告\n\n一、主要工作\n\n全年办结案件36件。\n\n" + links)
    assert any("page chrome holds more text than the body" in warning for warning in report.meta.warnings)


def test_a_page_saved_twice_is_analysed_once_with_a_warning():
    page = "当前位置：首页 > 政务公开\n\n" + REPORT + FOOTER
    once, twice = parse_report(page), parse_report(page + "\n\n" + page)
    assert twice.units["norm"].tolist() == once.units["norm"].tolist()
    assert any("more than once" in warning for warning in twice.meta.warnings)
    assert not any("more than once" in warning for warning in once.meta.warnings)
    repeated = twice.chrome[twice.chrome["kind"] == "repeat"]
    assert repeated["start"].min() == len(page) + 2 and "二、存在的问题" in set(repeated["text"])


@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\u2029", "\r\n"])
def test_unicode_line_separators_are_line_breaks(separator):
    text = REPORT.replace("\n", separator)
    report = parse_report(text)
    plain = parse_report(REPORT)
    assert report.units[["kind", "part", "item", "norm"]].values.tolist() == \
        plain.units[["kind", "part", "item", "norm"]].values.tolist()
    assert all(separator.strip() not in norm for norm in report.units["norm"] if separator.strip())


def test_a_page_whose_markup_starts_after_2000_characters_is_read_as_html(tmp_path):
    preamble = "本页面由档案系统导出。" * 220  # 2,420 characters of plain text before the markup
    markup = ("<html><head><title>x</title></head><body><div>当前位置：首页 &gt; 正文</div>"
              "<h1>关于2021年法治政府建设情况的报告</h1><p>一、主要工作</p><p>全年办结案件36件。</p>"
              "<p>二、下一步工作</p><p>持续推进。</p></body></html>")
    path = tmp_path / "late-markup.html"
    path.write_text(preamble + "\n" + markup, encoding="utf-8")
    report = read_report(path)
    assert report.source.format == "html"
    assert not any("<" in text for text in report.units["text"])
    assert report.parts().part_title.tolist() == ["主要工作", "下一步工作"]
