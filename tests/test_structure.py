"""Layouts of the genre: items after commas, unnumbered and cued parts, nested lists, headings on one line."""

import pytest

from jzrol.report import LAYOUTS, parse_report, read_report
from jzrol.report.paragraphs import _marked
from jzrol.report.structure import _layout
from tests.conftest import DATA


def body(report):
    units = report.units
    return units[units["kind"] != "title"]


def items_of(report, part):
    units = body(report)
    return units.loc[(units["part"] == part) & (units["kind"] == "text"), ["item", "norm"]].values.tolist()


def test_items_after_a_comma_or_colon_continue_a_sequence_from_yishi():
    report = read_report(DATA / "items-after-commas.txt")
    problems = items_of(report, 2)
    assert [item for item, _ in problems] == [0, 1, 2, 3, 3]
    assert problems[1][1].startswith("一是推进不够平衡") and problems[3][1].startswith("三是队伍建设")
    plans = items_of(report, 3)
    assert [item for item, _ in plans] == [0, 1, 2, 3]  # ：一是 … ；二是 … ，三是
    assert plans[3][1] == "三是提升复议应诉水平。"


def test_words_ending_in_yi_before_shi_and_a_lone_yishi_after_a_comma_are_no_items():
    report = read_report(DATA / "items-after-commas.txt")
    first = items_of(report, 1)
    assert [item for item, _ in first] == [0, 0]  # 统一是推进法治建设的前提
    assert first[0][1] == "全县坚持统一领导，统一是推进法治建设的前提。"
    # 唯一是非 and a 一是 after a comma with no 二是 after it stay inside their sentence
    assert problems_last(report) == "这是唯一是非分明的做法，大家认为，一是好的开始。"


def problems_last(report):
    return items_of(report, 2)[-1][1]


def test_unnumbered_part_headings_with_a_cue_make_parts_and_the_restarting_lists_sections():
    report = read_report(DATA / "unnumbered-parts.txt")
    assert report.parts().part_title.tolist() == ["2019年工作回顾", "2020年主要工作安排"]
    sections = report.sections()
    assert sections.values.tolist() == [
        [1, 1, "经济运行稳中有进"], [1, 2, "改革开放持续深化"], [1, 3, "民生福祉不断增进"],
        [2, 1, "坚持稳中求进"], [2, 2, "着力保障和改善民生"],
    ]
    units = body(report)
    # the heading glued to its first sentence by a space is a heading unit, the sentence is text
    glued = units[units["norm"].str.startswith("2020年主要工作安排")].iloc[0]
    assert glued["kind"] == "heading" and glued["norm"] == "2020年主要工作安排"
    following = units.loc[units.index[units.index.get_loc(glued.name) + 1]]
    assert following["kind"] == "text" and following["norm"].startswith("今年是全面建成小康社会")
    # （一） under a 一、 section are headings a level below, with no number of their own
    below = units[units["norm"].str.startswith("（一）工业")].iloc[0]
    assert below["kind"] == "heading" and (below["part"], below["section"]) == (1, 1)
    assert _layout(_marked(report.text[report.body_spans[-1][0]:])).name == "cued parts"


def test_unnumbered_headings_without_a_cue_over_restarting_lists_make_parts():
    text = ("政府工作报告\n\n各位代表：\n\n过去五年的基本情况\n\n一、经济实力增强\n\n全年增长9%。\n\n二、人民生活改善\n\n收入增长8%。\n\n"
            "今后五年的方针和目标\n\n一、稳定经济\n\n增长7%。\n\n关于外交\n\n我们坚持和平外交。")
    report = parse_report(text)
    assert report.parts().part_title.tolist() == ["过去五年的基本情况", "今后五年的方针和目标", "关于外交"]
    assert report.sections()[["part", "section"]].values.tolist() == [[1, 1], [1, 2], [2, 1]]


def test_a_numbered_list_restarting_inside_a_part_holds_its_sections():
    report = read_report(DATA / "nested-list.txt")
    assert report.parts().part_title.tolist() == ["过去五年的回顾", "今后五年的主要任务", "关于政府自身建设"]
    sections = report.sections()
    assert sections[["part", "section"]].values.tolist() == [[2, 1], [2, 2], [2, 3]]
    assert sections.section_title.iloc[2].startswith("坚持把科技进步")


def test_two_section_headings_on_one_line_are_two_sections():
    report = read_report(DATA / "two-headings-one-line.txt")
    units = body(report)
    headings = units[(units["kind"] == "heading") & (units["section"] > 0)]
    assert headings[["section", "norm"]].values.tolist() == [
        [1, "（一）加强组织领导。"], [2, "（二）完善制度体系。"], [3, "（三）强化执法监督。"]]
    texts = units[(units["kind"] == "text") & (units["part"] == 1)]
    assert texts[["section", "norm"]].values.tolist() == [
        [1, "成立法治政府建设领导小组。"], [2, "全年出台制度3件。"], [3, "全年开展执法检查5次，纠正问题12个。"]]
    assert "".join(units["text"]) == report.text[units["start"].iloc[0]:units["end"].iloc[-1]]


def test_a_news_summary_takes_as_parts_only_the_unnumbered_headings_its_text_names_as_parts():
    report = read_report(DATA / "news-summary.txt")
    units = body(report)
    assert _layout(_marked(report.text[units["start"].min():])).name == "announced parts"
    assert report.parts().part_title.tolist() == ["过去五年的成就", "今后五年的目标任务", "加强政府自身建设"]
    headings = units[units["kind"] == "heading"]
    # the summary's own sub-heads, with a comma or without one, are headings inside the parts
    assert headings[["part", "section"]].values.tolist() == [[1, 0], [1, 0], [1, 0], [2, 0], [2, 0], [2, 0],
                                                              [3, 0], [3, 0]]
    assert headings["norm"].tolist()[2] == "今后工作中需要注意的几个问题"
    # both 第一，… sequences of the first part are its items, across its sub-heads
    assert [item for item, _ in items_of(report, 1)] == [0, 0, 0, 0, 1, 2, 3, 3, 1, 2]
    assert units.loc[units["part"] > 1, "item"].max() == 0


def test_a_part_named_in_passing_or_away_from_a_heading_announces_nothing():
    text = "过去五年的成就\n\n正文。\n\n应当注意的问题\n\n正文，如我在报告的第二部分说过的。\n\n今后的任务\n\n正文。"
    assert [(p.kind, p.number) for p in _marked(text) if p.kind != "text"] == [
        ("plain_heading", 0), ("plain_heading", 0), ("plain_heading", 0)]
    assert _layout(_marked(text)).name == "unnumbered parts"
    # a paragraph further down that names the part and the heading's words announces it
    text = "成就\n\n首先说成就。\n\n几个问题\n\n正文。\n\n对外工作\n\n据报道。\n\n报告的第二部分是关于对外工作。"
    assert [(p.kind, p.number) for p in _marked(text) if p.kind != "text"] == [
        ("announced", 1), ("plain_heading", 0), ("announced", 2)]


def test_dash_lead_lines_are_text_not_headings_or_items():
    report = read_report(DATA / "two-headings-one-line.txt")
    units = body(report)
    dashes = units[units["norm"].str.startswith("——")]
    assert len(dashes) == 2
    assert (dashes["kind"] == "text").all() and (dashes["item"] == 0).all() and (dashes["section"] == 0).all()


@pytest.mark.parametrize(("text", "layout"), [
    ("第一部分 回顾\n\n一、成效\n\n正文。\n\n第二部分 任务\n\n一、目标\n\n正文。", "chapters"),
    ("一、成效\n\n（一）执法\n\n正文。\n\n二、问题\n\n正文。", "numbered parts"),
    ("一\n\n（一）执法。正文。\n\n二\n\n正文。", "bare numerals"),
    ("主要成效\n\n（一）执法。正文。\n\n（二）复议。正文。\n\n存在不足\n\n正文。", "unnumbered parts"),
    ("成效\n\n报告首先说。\n\n几个问题\n\n正文。\n\n任务\n\n报告的第二部分是关于任务。", "announced parts"),
    ("成效\n\n首先说成效。\n\n几个问题\n\n正文。\n\n任务\n\n第二部分讲的是任务。", "announced parts"),
    ("（一）执法。正文。\n\n（二）复议。正文。", "sections as parts"),
])
def test_each_layout_of_the_table_is_recognised(text, layout):
    assert _layout(_marked(text)).name == layout


def test_the_layout_table_has_one_row_per_layout_with_known_kinds():
    kinds = {"chapter", "part", "bare", "section", "cue", "plain_heading", "lead", "closing", "announced"}
    assert len({layout.name for layout in LAYOUTS}) == len(LAYOUTS)
    for layout in LAYOUTS:
        assert layout.parts <= kinds and layout.sections in kinds | {None} and layout.below in kinds | {None}


def test_a_glossary_and_notes_after_the_report_are_appendix_units():
    report = read_report(DATA / "back-matter-glossary.txt")
    units = body(report)
    appendix = units[units["kind"] == "appendix"]
    assert appendix["norm"].tolist()[0] == "附：名词解释" and appendix["norm"].tolist()[-2:] == [
        "注释", "一、本报告中的数据为初步统计数。"]
    assert (appendix[["part", "section", "item"]] == 0).all().all()
    # the glossary's 1. 2. and the notes' 一、 create no items and no parts
    assert report.parts().part_title.tolist() == ["过去一年的工作", "今年的主要任务"]
    assert units.loc[units["kind"] == "text", "item"].max() == 0
    assert "".join(report.text[start:end] for start, end in report.body_spans[-1:]) == "".join(
        units.loc[units["start"] >= report.body_spans[-1][0], "text"])


def test_attachments_and_notes_after_the_signature_are_appendix_units():
    report = read_report(DATA / "attachments-after-signature.txt")
    units = body(report)
    assert units.loc[units["kind"] == "signature", "norm"].tolist() == ["某县人民政府2023年3月20日", "（此件公开发布）"]
    assert units.loc[units["kind"] == "appendix", "norm"].tolist() == [
        "附件：1.重点项目一览表.xls", "2.行政执法主体名单.doc", "注：本报告数据截至2022年12月31日，共涉及15个部门。"]
    assert report.meta.published == "2023-03-20" and report.meta.issuer == ["某县人民政府"]


def test_a_note_after_the_signature_without_a_heading_is_appendix():
    report = parse_report("关于2022年法治政府建设情况的报告\n\n一、主要工作\n\n全年办结案件36件。\n\n"
                          "某县人民政府\n2023年3月20日\n\n注：以上数据截至2022年底，共15个部门。")
    kinds = body(report)[["kind", "norm"]].values.tolist()
    assert kinds[-2:] == [["signature", "某县人民政府2023年3月20日"], ["appendix", "注：以上数据截至2022年底，共15个部门。"]]


def test_a_back_matter_word_inside_the_report_starts_no_appendix():
    report = parse_report("某县法治政府建设情况报告\n\n一、主要工作\n\n附件所列事项已全部办结。\n\n注释工作规范。\n\n"
                          "二、下一步工作\n\n持续推进。")
    units = body(report)
    assert "appendix" not in set(units["kind"])
    assert units.loc[units["norm"].str.startswith(("附件所列", "注释工作")), "kind"].tolist() == ["text", "text"]
    assert report.parts().part_title.tolist() == ["主要工作", "下一步工作"]


def test_terms_themes_and_claims_count_only_text_units():
    from jzrol import claims, terms, themes

    report = read_report(DATA / "back-matter-glossary.txt")
    units = report.units
    text_units = units[units["kind"] == "text"]
    tokens = terms.tokens(units)
    assert set(tokens["unit_id"]) <= set(text_units["unit_id"])
    assert "简政放权" not in set(tokens["token"]) and "放管服" in set(tokens["token"])
    found = claims.extract_claims(units)
    assert found["raw"].tolist() == ["120件"]  # not the glossary's 3项
    hits = themes.code_units(units)
    assert set(hits["unit_id"]) <= set(text_units["unit_id"])


def test_a_list_of_points_in_running_text_is_no_series_of_sections():
    text = ("一、今后的任务\n\n今后五年的基本任务是：\n\n（一）\n\n进一步发展经济。\n\n（二）\n\n进一步改善民生。\n\n"
            "一、确定适度的增长速度\n\n年均增长7%。\n\n二、合理调整投资结构\n\n投资增长8%。\n\n"
            "二、关于改革\n\n（一）在普遍增产粮食的基础上抓好两头，一头是抓好商品粮基地，一头是抓好缺粮地区，使全国粮食产量稳步提高，"
            "满足人民生活和工业发展的需要。\n\n（二）加快发展轻工业，增加市场供应，使城乡人民的吃穿用有较大改善，并为国家积累更多的资金。")
    report = parse_report(text)
    assert report.parts().part_title.tolist() == ["今后的任务", "关于改革"]
    assert report.sections().values.tolist() == [[1, 1, "确定适度的增长速度"], [1, 2, "合理调整投资结构"]]
    points = report.units[report.units["norm"].str.startswith("（")]
    assert set(points["kind"]) == {"text"} and (points["section"] == 0).all()


def test_a_closing_heading_after_numbered_parts_is_the_last_part():
    report = parse_report("一、回顾\n\n全年增长6%。\n\n二、任务\n\n今年增长5%。\n\n结束语\n\n让我们共同奋斗！")
    assert report.parts().part_title.tolist() == ["回顾", "任务", "结束语"]


def test_ordinal_items_inside_a_paragraph_and_after_a_comma():
    report = parse_report("一、任务\n\n从目前的条件来说，第一，全社的经济已经巩固；第二，社有经济占了优势；第三，穷队赶上富队。"
                          "第一、第二、第三产业都要发展。")
    texts = body(report)[body(report)["kind"] == "text"]
    assert texts[["item", "norm"]].values.tolist() == [
        [0, "从目前的条件来说，"], [1, "第一，全社的经济已经巩固；"], [2, "第二，社有经济占了优势；"],
        [3, "第三，穷队赶上富队。"], [3, "第一、第二、第三产业都要发展。"]]


def test_items_numbered_another_way_under_ordinal_items_are_a_level_below():
    report = parse_report("一、计划\n\n第一、关于基本建设\n\n（1）钢铁工业。\n\n（2）煤炭工业。\n\n第二、关于农业\n\n增产粮食。")
    texts = body(report)[body(report)["kind"] == "text"]
    assert texts["item"].tolist() == [1, 1, 1, 2, 2]


@pytest.mark.parametrize(("glued", "heading"), [
    ("2019年工作回顾：过去一年，全市经济平稳增长。", "2019年工作回顾："),
    ("2019年工作回顾　过去一年，全市经济平稳增长。", "2019年工作回顾"),
])
def test_a_cue_heading_glued_to_its_first_sentence(glued, heading):
    text = (f"某市政府工作报告\n\n各位代表：\n\n{glued}\n\n一、经济\n\n增长6%。\n\n二、民生\n\n收入增长8%。\n\n"
            "2020年主要工作安排\n\n一、稳增长\n\n增长6%左右。")
    report = parse_report(text)
    assert report.parts().part_title.tolist() == ["2019年工作回顾", "2020年主要工作安排"]
    units = body(report)
    assert units.loc[units["part"] == 1, "norm"].tolist()[:2] == [heading, "过去一年，全市经济平稳增长。"]


def test_a_cue_word_inside_a_sentence_makes_no_heading():
    report = parse_report("一、回顾\n\n今年的主要工作安排如下：一是稳增长；二是保民生。\n\n二、问题\n\n存在的问题主要是：投入不足。")
    assert report.parts().part_title.tolist() == ["回顾", "问题"]
    assert "heading" not in set(body(report).loc[lambda u: u["norm"].str.contains("如下|主要是"), "kind"])
