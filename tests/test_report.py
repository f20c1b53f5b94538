"""The parser on the seed report and on hand-made fixtures, one rule each."""

import pytest

from jzrol import normalize_text, parse_report, read_report
from jzrol.report import UNIT_COLUMNS, chinese_numeral, part_roles
from tests.conftest import DATA

CHROME_SNIPPETS = ["顶盛体育", "当前位置", "通知公示公告", "发布时间", "上一篇", "下一篇", "主办单位", "ICP",
                   "公网安备", "网站标识码", "市司法局转发省厅", "溪林苑"]


def assert_lossless(report):
    """Units tile the body spans exactly: in order, no gaps, no overlaps, text is the source span."""
    units = report.units
    assert list(units.columns) == UNIT_COLUMNS
    assert (units["text"] == [report.text[s:e] for s, e in zip(units.start, units.end)]).all()
    covered = "".join(units["text"])
    body = "".join(report.text[s:e] for s, e in report.body_spans)
    assert covered == body
    assert (units["start"].values[1:] >= units["end"].values[:-1]).all()
    assert (units["end"] > units["start"]).all(), "a unit is empty"
    for start, end in report.body_spans:
        inside = units[(units.start >= start) & (units.end <= end)]
        assert inside.start.min() == start and inside.end.max() == end
        assert (inside.start.values[1:] == inside.end.values[:-1]).all()


# --- the seed -------------------------------------------------------------------------------

def test_seed_metadata(seed):
    meta = seed.meta
    assert meta.title == "中共锦州市委 锦州市人民政府关于2020年法治政府建设情况的报告"
    assert meta.issuer == ["中共锦州市委", "锦州市人民政府"]
    assert (meta.year, meta.published) == (2020, "2021-02-23")
    assert (meta.site_name, meta.site_code) == ("顶盛体育", "2107000052")


def test_seed_site_name_mismatch_is_a_provenance_warning(seed):
    assert any("顶盛体育" in w and "does not match the issuer" in w for w in seed.meta.warnings)


def test_seed_parts_and_titles(seed):
    assert seed.parts().part_title.tolist() == [
        "法治政府建设措施及成效", "我市法治政府建设存在的主要问题", "2021年法治政府建设主要工作安排",
    ]


def test_seed_sections_of_part_one(seed):
    sections = seed.sections()
    assert sections.part.tolist() == [1] * 11
    assert sections.section.tolist() == list(range(1, 12))
    assert sections.section_title.iloc[0] == "完善工作机制,夯实法治政府建设工作基础"
    assert sections.section_title.iloc[10] == "推进政务公开,努力打造阳光政府"


def test_seed_items(seed):
    items = seed.units.groupby(["part", "section"])["item"].max()
    assert {(1, 1): 3, (1, 3): 5, (1, 4): 3, (1, 9): 2}.items() <= items[items > 0].to_dict().items()
    assert items[(1, 2)] == 0 and items[(1, 5)] == 0
    assert items[(2, 0)] == 5 and items[(3, 0)] == 9


def test_seed_inline_items_start_mid_paragraph(seed):
    second = seed.units[(seed.units.part == 1) & (seed.units.section == 3) & (seed.units.item == 2)]
    assert second.norm.iloc[0] == "二是注重工作实效。"
    assert second.paragraph.nunique() == 1
    assert second.paragraph.iloc[0] == seed.units[(seed.units.section == 3) & (seed.units.item == 1)].paragraph.iloc[0]


def test_seed_has_no_chrome_in_any_unit(seed):
    for snippet in CHROME_SNIPPETS:
        assert not seed.units["text"].str.contains(snippet, regex=False).any(), snippet
    assert set(seed.chrome.kind) == {"site", "breadcrumb", "column", "pubmeta", "footer"}


def test_seed_is_lossless(seed):
    assert_lossless(seed)
    assert seed.units.kind.tolist()[0] == "title"


# --- rules on hand-made fixtures -----------------------------------------------------------

def test_report_without_title_or_chrome():
    report = read_report(DATA / "no-title.txt")
    assert report.meta.title is None
    assert any("no title" in w for w in report.meta.warnings)
    assert report.chrome.empty
    assert report.units.norm.iloc[0] == "现将有关情况报告如下："
    assert report.parts().part_title.tolist() == ["主要做法", "存在问题", "下一步打算"]
    assert_lossless(report)


def test_heading_sharing_its_line_with_text_full_and_half_width():
    report = read_report(DATA / "shared-heading.txt")
    headings = report.units[report.units.kind == "heading"]
    assert headings.norm.tolist() == ["一、工作成效", "(一)强化依法决策。", "（二）深化普法宣传。"]
    assert report.sections().section_title.tolist() == ["强化依法决策", "深化普法宣传"]
    text = report.units[(report.units.kind == "text") & (report.units.section == 1)]
    assert text.norm.tolist() == ["全年审查重大行政决策事项12件，提出法律意见30条。"]
    assert_lossless(report)


def test_inline_items_separated_by_semicolons():
    report = read_report(DATA / "no-title.txt")
    items = report.units[(report.units.part == 1) & (report.units.section == 2) & (report.units.kind == "text")]
    assert items.item.tolist() == [1, 2, 3]
    assert items.norm.iloc[1] == "二是落实执法全过程记录；"


def test_space_between_a_sentence_end_and_an_item_marker_makes_no_empty_unit():
    units = parse_report("一、总体\n\n一是加强领导。 二是完善制度。").units
    assert units[["kind", "item", "text"]].values.tolist() == [
        ["heading", 0, "一、总体\n\n"], ["text", 1, "一是加强领导。 "], ["text", 2, "二是完善制度。"]]


def test_normalization_is_a_column_not_a_rewrite():
    report = read_report(DATA / "normalization.txt")
    row = report.units[report.units.norm.str.contains("行政复议")].iloc[0]
    assert "１２" in row.text and "\u200b" in row.text
    assert row.norm == "全年办理行政复议案件12件，受理率100%，完成“APP”掌上办。"
    assert report.text[row.start:row.end] == row.text
    assert "\n\n\n" in report.units[report.units.norm == row.norm].text.iloc[0]  # blank-line run kept in the span
    assert_lossless(report)


def test_wikisource_link_lines_are_joined_and_notice_is_chrome():
    report = read_report(DATA / "wikisource-links.txt")
    assert "现在，我代表国务院，根据中华人民共和国宪法的规定，向大会报告政府工作。" in report.units.norm.tolist()
    assert not report.units.text.str.contains("公有领域").any()
    assert report.parts().part_title.tolist() == ["过去一年工作回顾", "今年工作任务"]
    assert_lossless(report)


def test_traditional_characters_parse_and_normalize_to_simplified():
    report = read_report(DATA / "traditional.txt")
    assert report.parts().part_title.tolist() == ["关于过去一年的工作", "今后的任务"]
    assert_lossless(report)  # offsets and text stay the original traditional characters
    row = report.units[report.units.kind == "text"].iloc[1]
    assert row.text.startswith("我們在黨的領導下") and row.norm.startswith("我们在党的领导下")
    assert report.meta.provenance["script"].startswith("traditional")
    assert read_report(DATA / "no-title.txt").meta.provenance["script"] == "simplified"


def test_html_page_chrome_and_structure():
    report = read_report(DATA / "page.html")
    assert report.meta.title == "某市人民政府关于2023年法治政府建设情况的报告"
    assert (report.meta.published, report.meta.site_code) == ("2024-03-01", "1101000001")
    assert not report.units.text.str.contains("当前位置|发布时间|主办单位").any()
    assert report.units[report.units.part == 2].item.max() == 2
    assert_lossless(report)


def test_page_saved_without_blank_lines_keeps_its_title_apart_from_the_chrome():
    report = read_report(DATA / "county-no-blank-lines.txt")
    meta = report.meta
    assert (meta.title, meta.year, meta.published) == ("示例县2021年法治政府建设年度报告", 2021, "2022-03-28")
    assert meta.issuer == ["示例县人民政府"]  # from the signature at the end
    signature = report.units[report.units.kind == "signature"]
    assert signature.norm.tolist() == ["示例县人民政府2022年3月25日"]  # no sentence of the report: not counted
    assert report.chrome.kind.tolist() == ["breadcrumb", "pubmeta", "pubmeta", "footer"]
    assert not report.units.text.str.contains("首页|发布时间|字号|打印本页").any()
    assert report.parts().part_title.tolist() == [
        "主要工作举措和成效", "存在的问题和不足", "党政主要负责人履行推进法治建设第一责任人职责情况", "2022年工作安排"]
    assert_lossless(report)


def test_leaders_duty_part_has_a_role_of_its_own():
    roles = part_roles(read_report(DATA / "county-no-blank-lines.txt").units).role.tolist()
    assert roles == ["preamble", "achievements", "problems", "duties", "plans"]


def test_numbered_items_and_the_yishi_inside_them():
    units = read_report(DATA / "county-no-blank-lines.txt").units
    section = units[(units.part == 1) & (units.section == 2)]
    assert section[["kind", "item", "norm"]].values.tolist() == [
        ["heading", 0, "（二）深化“放管服”改革"],
        ["text", 1, "1、推进政务服务标准化。"],
        ["text", 1, "全县98%的政务服务事项实现“一网通办”，平均办理时限压缩65%。"],
        ["text", 2, "2、优化营商环境。"],
        ["text", 2, "新增市场主体3560户，同比增长12.5%。"],
    ]
    # where a section numbers its items 1. 2., the 一是 inside them are a level below
    nested = parse_report("一、成效\n\n（一）学法\n1.强化学习。一是学理论；二是学法规。\n2.压实责任。").units
    assert nested[nested.kind == "text"].item.tolist() == [1, 1, 1, 2]
    # a number that opens a line is no item marker when it is a quantity
    assert parse_report("一、成效\n\n12.5%的事项实现网上办理。").units.item.max() == 0


def test_numbered_item_heading_on_its_own_line_is_not_joined_to_its_text():
    report = read_report(DATA / "district-split-title.txt")
    units = report.units
    assert units[(units.section == 1) & (units.item == 1)].norm.tolist() == [
        "1.健全工作机制", "区政府常务会议专题研究法治政府建设工作4次，印发《样本区2022年法治政府建设工作要点》，分解任务56项。"]
    # the title was split over two lines by the page; the site name above it stays chrome
    assert report.meta.title == "关于样本区2022年度法治政府建设工作情况的报告"
    assert report.meta.site_name == "样本市样本区人民政府门户网站"
    assert report.meta.issuer == ["样本区人民政府"]
    assert_lossless(report)


def test_gbk_page_declaring_gb2312_with_a_signature():
    report = read_report(DATA / "city-page-gbk.html")
    meta = report.meta
    assert (meta.title, meta.issuer, meta.published) == ("范例市2020年法治政府建设情况报告", ["范例市人民政府"], "2021-03-31")
    assert meta.site_name == "范例市人民政府"  # the accessibility links on its line are dropped
    assert meta.provenance["police_record"] == "鄂公网安备42090002000123"
    # the signer above the date is the signature, not an unnumbered heading
    assert report.units.tail(3)[["kind", "norm"]].values.tolist() == [
        ["text", "2021年，我市将以“十四五”开局为契机，推动法治政府建设再上新台阶。"],
        ["signature", "范例市人民政府"], ["signature", "2021年3月30日"]]
    assert report.sections().section_title.tolist() == ["依法全面履行政府职能", "完善依法行政制度体系"]
    assert_lossless(report)


def test_signature_gives_issuer_and_date_when_the_page_has_none():
    report = parse_report("某县2021年法治政府建设年度报告\n\n一、成效\n\n完成。\n\n中共某县委　某县人民政府\n二〇二二年三月五日")
    assert (report.meta.issuer, report.meta.published) == (["中共某县委", "某县人民政府"], "2022-03-05")
    # without a signature, the place before the year in the title
    assert parse_report("某县2021年法治政府建设年度报告\n\n一、成效\n\n完成。").meta.issuer == ["某县"]
    # a closing sentence that ends in a date is no signature
    assert parse_report("一、成效\n\n本报告统计截至 2021年12月31日").meta.published is None


def test_disclosure_page_information_table_is_chrome():
    report = read_report(DATA / "info-table.txt")
    meta = report.meta
    assert (meta.title, meta.issuer, meta.year) == ("试点市人民政府关于2021年法治政府建设情况的报告", ["试点市人民政府"], 2021)
    assert meta.published == "2022-03-28"  # 发布日期, not the 成文日期 above it
    assert report.chrome.kind.tolist() == ["pubmeta"] * 7  # 索 引 号, 标　　题 … spaced out to align
    titles = report.units[report.units.kind == "title"].norm.tolist()
    assert titles == ["试点市人民政府关于2021年法治政府建设情况的报告", "试政文〔2022〕25号"]  # the number stands apart
    assert report.units.tail(3)[["kind", "norm"]].values.tolist() == [
        ["text", "持续推进法治政府建设。"], ["signature", "试点市人民政府2022年3月25日"], ["signature", "（此件公开发布）"]]
    assert_lossless(report)
    # the issuing body of the table names the issuer when nothing else does
    bare = parse_report("发文机关：某县人民政府\n\n一、成效\n\n完成。")
    assert bare.meta.issuer == ["某县人民政府"]


def test_year_in_chinese_numerals_and_windows_line_ends():
    report = parse_report("某市人民政府关于二〇二一年度法治政府建设情况的报告\r\n\r\n一、主要成效\r\n"
                          "（一）完善机制。全年培训3次。\r\n二、存在问题\r\n1.执法不规范。\r\n")
    assert report.meta.year == 2021
    assert report.parts().part_title.tolist() == ["主要成效", "存在问题"]
    assert report.units[report.units.part == 2].item.tolist() == [0, 1]
    assert_lossless(report)


def test_table_rows_of_a_page_are_text_a_row_each():
    report = read_report(DATA / "page-with-table.html")
    rows = report.units[report.units.norm.str.contains("维持|撤销|类别")]
    assert rows[["kind", "text"]].values.tolist() == [
        ["text", "类别\t件数\t占比\n\n"], ["text", "维持\t86\t71.7%\n\n"], ["text", "撤销\t34\t28.3%\n\n"]]
    assert report.parts().part_title.tolist() == ["主要成效", "存在问题", "下一步打算"]
    assert_lossless(report)


def test_part_headings_ending_in_a_full_stop():
    report = parse_report("某县2021年法治政府建设年度报告\n\n一、主要举措和成效。\n\n（一）加强领导。成立领导小组。\n\n"
                          "二、存在的问题。\n\n执法不严。\n\n三、下一步打算。\n\n继续努力。")
    assert report.parts().part_title.tolist() == ["主要举措和成效", "存在的问题", "下一步打算"]
    assert report.sections().section_title.tolist() == ["加强领导"]
    # where parts stand without a full stop, 一、…。 lines inside them stay the points of a list
    nested = parse_report("一、过去一年的工作\n\n一、加强领导。\n\n二、完善制度。\n\n二、今年的任务\n\n继续努力。")
    assert nested.parts().part_title.tolist() == ["过去一年的工作", "今年的任务"]
    assert_lossless(report)


def test_parts_numbered_by_chapter_with_numbered_sections_inside():
    report = parse_report("某市2021年法治政府建设年度报告\n\n第一部分 2021年法治政府建设情况\n\n一、依法全面履行政府职能\n\n"
                          "（一）深化改革。取消事项12项。\n\n二、完善依法行政制度体系\n\n审查文件。\n\n"
                          "第二部分 存在的问题\n\n一、执法不规范\n\n有待加强。")
    assert report.parts().part_title.tolist() == ["2021年法治政府建设情况", "存在的问题"]
    sections = report.sections()
    assert sections[["part", "section", "section_title"]].values.tolist() == [
        [1, 1, "依法全面履行政府职能"], [1, 2, "完善依法行政制度体系"], [2, 1, "执法不规范"]]
    below = report.units[report.units.norm == "（一）深化改革。"]
    assert below[["kind", "part", "section"]].values.tolist() == [["heading", 1, 1]]  # a heading with no counter
    assert_lossless(report)
    # a lone 第一部分 is a part like 一、, and （一） its sections
    lone = parse_report("第一部分 总体情况\n\n（一）成效。完成。\n\n（二）问题。不足。")
    assert lone.sections().section_title.tolist() == ["成效", "问题"]


def test_editor_share_and_correction_links_after_the_signature_are_chrome():
    report = parse_report("某县2021年法治政府建设年度报告\n来源：县司法局\n一、成效\n完成审查12件。\n二、问题\n执法不严。\n"
                          "某县人民政府\n2022年3月1日\n（责任编辑：张三）\n分享到：\n【我要纠错】【打印】【关闭】\n")
    assert report.chrome.kind.tolist() == ["pubmeta", "footer", "footer", "footer"]
    assert report.units.kind.iloc[-1] == "signature"
    assert (report.meta.issuer, report.meta.published) == (["某县人民政府"], "2022-03-01")
    assert_lossless(report)


def test_chrome_pointing_to_two_provinces_is_a_warning():
    text = "某市人民政府关于2020年法治政府建设情况的报告\n\n一、成效\n\n完成。\n\n主办单位：某市人民政府 网站标识码：2107000052 京ICP备1号"
    report = parse_report(text)
    assert any("different provinces" in w for w in report.meta.warnings)


def test_out_of_sequence_marker_is_not_a_part():
    report = parse_report("一、成效\n\n完成。\n\n三、问题\n\n不足。\n\n二、计划\n\n继续。")
    assert report.parts().part_title.tolist() == ["成效", "计划"]


def test_empty_text_gives_no_units_and_a_warning():
    report = parse_report("   \n\n")
    assert report.units.empty and "no body text found" in report.meta.warnings


@pytest.mark.parametrize(("numeral", "value"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("三十五", 35)])
def test_chinese_numerals(numeral, value):
    assert chinese_numeral(numeral) == value


def test_normalize_text_keeps_chinese_punctuation():
    assert normalize_text("（一）　１．５万，\n次") == "（一） 1.5万，次"


@pytest.mark.parametrize("text", ["一一", "十一一", "一一、标题\n\n正文。", "（十十）标题", "二二是什么。"])
def test_malformed_numerals_are_not_markers(text):
    report = parse_report(text)
    assert_lossless(report)
    assert report.parts().empty and report.sections().empty


def test_units_table_is_the_parsers_plain_columns(seed):
    assert list(seed.columns) == UNIT_COLUMNS
    assert seed.units.to_dict("list") == seed.columns
    empty = parse_report("")
    assert list(empty.units.columns) == UNIT_COLUMNS and empty.units.empty and empty.chrome.empty
