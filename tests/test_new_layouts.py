"""Reports in layouts the other fixtures do not have, read as a researcher would read them: each test
compares the parser, the claims or the checks with what the fixture says, checked by hand."""

from pathlib import Path

import pytest

from jzrol import parse_report, read_report
from jzrol.claims import check_claims, extract_claims
from jzrol.corpus.summary import report_genre

DATA = Path(__file__).parent / "data"


def _read(name: str):
    return read_report(DATA / name)


def _meta(report) -> dict:
    meta = report.meta
    return {"title": meta.title, "issuer": meta.issuer, "place": meta.place, "level": meta.level,
            "year": meta.year, "delivered": meta.delivered, "published": meta.published,
            "genre": report_genre(report)}


def _claims(report) -> list[tuple]:
    claims = extract_claims(report.units)
    return [(row.raw, row.value, row.unit, row.kind, row.qualifier, row.role) for row in claims.itertuples()]


def _offsets_hold(report) -> None:
    for row in report.units.itertuples():
        assert report.text[row.start:row.end] == row.text


# --- a province's joint report: 一、(一)1., two signers on one line -----------------------------------

def test_a_provincial_report_signed_by_the_party_committee_and_the_government():
    report = _read("province-joint-signature.txt")
    assert _meta(report) == {
        "title": "中共青川省委 青川省人民政府关于2022年法治政府建设情况的报告",
        "issuer": ["中共青川省委", "青川省人民政府"], "place": "青川省", "level": "provincial", "year": 2022,
        "delivered": None, "published": "2023-03-28", "genre": "rule_of_law_report"}
    assert report.parts().part_title.tolist() == ["2022年法治政府建设的主要举措和成效", "存在的不足", "2023年工作安排"]
    sections = report.sections()
    assert sections[sections.part == 1].section_title.tolist() == [
        "加强党对法治政府建设的领导", "依法全面履行政府职能", "严格规范公正文明执法"]
    text = report.units[report.units.kind == "text"]
    # 1. 2. restart in every section; 一是 … 三是 in part 2
    assert text.groupby(["part", "section"]).item.max().to_dict() == {
        (0, 0): 0, (1, 1): 2, (1, 2): 2, (1, 3): 2, (2, 0): 3, (3, 1): 0, (3, 2): 0, (3, 3): 0}
    signature = report.units[report.units.kind == "signature"]
    assert "".join(signature.text).split() == ["中共青川省委", "青川省人民政府", "2023年3月28日"]
    _offsets_hold(report)


# --- a county bureau's report in 第一部分 parts with 一、 sections and 一是 items ------------------------

def test_a_county_bureau_report_in_parts_named_by_ordinal():
    report = _read("county-bureau-parts.txt")
    assert _meta(report) == {
        "title": "柳河县司法局2022年度法治政府建设工作报告", "issuer": ["柳河县司法局"], "place": "柳河县",
        "level": "district/county", "year": 2022, "delivered": None, "published": "2023-01-16",
        "genre": "rule_of_law_report"}
    assert report.parts().part_title.tolist() == ["2022年法治政府建设工作开展情况", "存在的问题和不足", "2023年工作思路"]
    assert report.sections().groupby("part").section.max().to_dict() == {1: 3, 3: 2}
    text = report.units[report.units.kind == "text"]
    assert text.groupby(["part", "section"]).item.max().to_dict() == {
        (0, 0): 0, (1, 1): 3, (1, 2): 3, (1, 3): 0, (2, 0): 3, (3, 1): 2, (3, 2): 2}
    assert ("不到3人", 3.0, "人", "count", "less_than", "") in _claims(report)
    assert ("5个工作日以内", 5.0, "个工作日", "duration", "at_most", "") in _claims(report)
    _offsets_hold(report)


# --- full-width digits, percent signs and ranges --------------------------------------------------

def test_full_width_figures_ranges_and_money_of_a_city_department():
    report = _read("city-market-fullwidth.txt")
    assert _meta(report) == {
        "title": "白石市市场监督管理局2022年法治政府建设年度报告", "issuer": ["白石市市场监督管理局"],
        "place": "白石市", "level": "municipal", "year": 2022, "delivered": None, "published": "2023-02-20",
        "genre": "rule_of_law_report"}
    assert _claims(report) == [
        ("３．６万户", 36000.0, "户", "count", "exact", ""), ("１１．８％", 11.8, "%", "percent", "exact", ""),
        ("１．２万户", 12000.0, "户", "count", "exact", ""), ("７．５％", 7.5, "%", "percent", "exact", ""),
        ("１个工作日以内", 1.0, "个工作日", "duration", "at_most", ""),
        ("０．５个工作日", 0.5, "个工作日", "duration", "exact", ""),
        ("１８６２件", 1862.0, "件", "count", "exact", ""), ("６．３％", 6.3, "%", "percent", "exact", ""),
        ("２３５０万元", 23500000.0, "元", "money", "exact", ""), ("４７件", 47.0, "件", "count", "exact", ""),
        ("８６００户次", 8600.0, "户次", "count", "exact", ""),
        ("５-８个百分点", 6.5, "个百分点", "percent", "exact", ""),
        ("１．５２万批次", 15200.0, "批次", "count", "exact", ""), ("９８．６％", 98.6, "%", "percent", "exact", ""),
        ("１００％", 100.0, "%", "percent", "exact", ""), ("０．８亿元", 80000000.0, "元", "money", "exact", ""),
        ("２３件", 23.0, "件", "count", "exact", ""), ("１．１万件", 11000.0, "件", "count", "exact", ""),
        ("１５个工作日", 15.0, "个工作日", "duration", "exact", "from"),
        ("３～５个工作日", 4.0, "个工作日", "duration", "exact", "to"),
        ("１２．４亿元", 1240000000.0, "元", "money", "exact", ""), ("２１％", 21.0, "%", "percent", "exact", ""),
        ("不足９０％", 90.0, "%", "percent", "less_than", ""), ("４－６名", 5.0, "名", "count", "exact", ""),
        ("３万户以上", 30000.0, "户", "count", "at_least", ""),
        ("０．５个工作日", 0.5, "个工作日", "duration", "exact", ""),
    ]
    claims = extract_claims(report.units)
    ranges = claims[claims.raw.isin(["５-８个百分点", "３～５个工作日", "４－６名"])]
    assert list(zip(ranges.low, ranges.high)) == [(5.0, 8.0), (3.0, 5.0), (4.0, 6.0)]
    assert report.parts().part_title.tolist() == ["主要工作及成效", "存在的问题", "2023年工作安排"]
    _offsets_hold(report)


# --- no title, a township's signature dated in Chinese numerals ------------------------------------

def test_a_report_without_title_takes_its_issuer_and_date_from_the_signature():
    report = _read("no-title-signature.txt")
    assert _meta(report) == {
        "title": None, "issuer": ["青石镇人民政府"], "place": "青石镇", "level": "township", "year": 2022,
        "delivered": None, "published": "2023-01-20", "genre": "rule_of_law_report"}
    assert report.parts().part_title.tolist() == ["法治政府建设主要成效", "存在的主要问题", "下一步工作打算"]
    assert report.units.kind.iloc[-1] == "signature"


def test_the_second_count_of_a_list_under_qizhong_is_no_part_of_the_first():
    # 全镇18个行政村 …，其中省级2个、市级5个: both are parts of the 18, neither of the other
    report = _read("no-title-signature.txt")
    findings = check_claims(extract_claims(report.units), report.units)
    assert findings[["check", "status", "detail"]].values.tolist() == [
        ["part_of_whole", "consistent", "省级 2个 ≤ 行政村全部 18个"]]


# --- a page in Big5 -------------------------------------------------------------------------------

def test_a_big5_page_has_its_header_and_footer_told_apart_in_traditional_characters():
    report = _read("district-page-big5.html")
    assert report.meta.provenance["encoding"] == "big5"
    assert report.chrome.kind.tolist() == ["breadcrumb", "breadcrumb", "pubmeta", "footer", "footer"]
    assert report.chrome.text.iloc[1].startswith("當前位置")  # the chrome keeps the source's characters
    assert _meta(report) == {
        "title": "东湖区2021年法治政府建设年度报告", "issuer": ["东湖区人民政府"], "place": "东湖区",
        "level": "district/county", "year": 2021, "delivered": None, "published": "2022-02-15",
        "genre": "rule_of_law_report"}
    assert report.meta.site_code == "4101050001" and report.meta.provenance["sponsor"] == "东湖区人民政府办公室"
    assert report.meta.warnings == []  # the menu line 首頁 | 政務公開 is no site name
    title = report.units[report.units.kind == "title"]
    assert title.text.str.strip().tolist() == ["東湖區2021年法治政府建設年度報告"]
    assert report.parts().part_title.tolist() == ["主要工作成效", "存在的问题", "2022年工作计划"]
    _offsets_hold(report)


# --- a district's work report: title 政府工作报告 over its delivery line and the speaker's byline -------

def test_a_district_work_report_is_titled_delivered_and_issued_by_its_title_block():
    report = _read("district-work-report.txt")
    assert _meta(report) == {
        "title": "政府工作报告", "issuer": ["金沙区人民政府"], "place": "金沙区", "level": "district/county",
        "year": 2022, "delivered": 2023, "published": "2023-01-10", "genre": "government_work_report"}
    assert report.meta.issuer_source == "title block" and report.meta.delivered_source == "title block"
    title = report.units[report.units.kind == "title"]
    assert title.text.str.strip().tolist() == [
        "政府工作报告", "——2023年1月10日在金沙区第十八届人民代表大会第三次会议上", "金沙区人民政府区长\u3000李明"]
    assert report.parts().part_title.tolist() == ["过去五年工作回顾", "2023年工作安排", "全面加强政府自身建设"]
    assert report.sections().groupby("part").section.max().to_dict() == {1: 3, 2: 3}
    text = report.units[report.units.kind == "text"]
    assert text[text.item > 0].text.str[:2].tolist() == ["一是", "二是", "三是"]
    claims = [(raw, value, unit, qualifier, role) for raw, value, unit, _, qualifier, role in _claims(report)]
    assert claims[:5] == [("486.2亿元", 48620000000.0, "元", "exact", "from"),
                          ("712.5亿元", 71250000000.0, "元", "exact", "to"), ("6.8%", 6.8, "%", "exact", ""),
                          ("58.3亿元", 5830000000.0, "元", "exact", ""), ("5.2%", 5.2, "%", "exact", "")]
    targets = [claim for claim in claims if claim[0] in {"6%左右", "5.5%以内", "3%以内", "300亿元以上"}]
    assert targets == [("6%左右", 6.0, "%", "approx", ""), ("5.5%以内", 5.5, "%", "at_most", ""),
                       ("3%以内", 3.0, "%", "at_most", ""), ("300亿元以上", 30000000000.0, "元", "at_least", "")]
    assert ("120万平方米", 1200000.0, "平方米", "exact", "") in claims and ("2.4倍", 2.4, "倍", "exact", "") in claims
    _offsets_hold(report)


def test_a_speakers_byline_names_the_issuer_of_a_work_report():
    report = parse_report("政府工作报告\n——2024年1月8日在某县第十九届人民代表大会第四次会议上\n"
                          "某县人民政府代县长　王某\n\n各位代表：\n\n一、2023年工作回顾\n\n全县生产总值增长5%。")
    assert (report.meta.title, report.meta.issuer, report.meta.place, report.meta.year, report.meta.delivered) == (
        "政府工作报告", ["某县人民政府"], "某县", 2023, 2024)


# --- quantities of work reports the extractor read in pieces --------------------------------------

def test_percent_ranges_months_and_multiples_with_more_are_read_whole():
    report = parse_report("一、工作情况\n\n地区生产总值增长5%—8%，减少8%至10%。历时3个多月，用了两个多月，"
                          "工作10个多小时。投资增长一倍多，收入翻了一番多，产值增长两倍多的企业。"
                          "推动3倍多元化发展，3个多元主体。")
    claims = extract_claims(report.units)
    assert claims[["raw", "value", "low", "high", "unit", "kind", "qualifier"]].astype(object).fillna("").values.tolist() == [
        ["5%—8%", 6.5, 5.0, 8.0, "%", "percent", "exact"], ["8%至10%", 9.0, 8.0, 10.0, "%", "percent", "exact"],
        ["3个多月", 3.0, 3.0, "", "个月", "duration", "more_than"],
        ["两个多月", 2.0, 2.0, "", "个月", "duration", "more_than"],
        ["10个多小时", 10.0, 10.0, "", "个小时", "duration", "more_than"],
        ["一倍多", 1.0, 1.0, "", "倍", "count", "more_than"], ["翻了一番多", 1.0, 1.0, "", "番", "count", "more_than"],
        ["两倍多", 2.0, 2.0, "", "倍", "count", "more_than"],
        ["3倍", 3.0, 3.0, 3.0, "倍", "count", "exact"], ["3个", 3.0, 3.0, 3.0, "个", "count", "exact"]]
    for row in claims.itertuples():
        assert report.text[row.start:row.end] == row.raw


def test_a_bracketed_delivery_line_under_a_title_stands_apart_from_it():
    report = parse_report("2023年某区政府工作报告\n（2023年1月10日在某区第十八届人民代表大会第三次会议上）\n区长　李某\n\n"
                          "各位代表：\n\n一、2022年工作回顾\n\n全年受理诉求5.6万件。")
    title = report.units[report.units.kind == "title"]
    assert title.text.str.strip().tolist() == [
        "2023年某区政府工作报告", "（2023年1月10日在某区第十八届人民代表大会第三次会议上）", "区长\u3000李某"]
    assert (report.meta.title, report.meta.place, report.meta.year, report.meta.delivered) == (
        "2023年某区政府工作报告", "某区", 2022, 2023)


# --- the signature below an attachment list, a date without its day -------------------------------

_ATTACHMENTS_ABOVE_SIGNER = ("关于2022年度法治政府建设工作情况的报告\n\n2022年，市司法局全面推进法治政府建设。现将有关情况报告如下：\n\n"
                             "一、主要做法及成效\n\n出台规范性文件3件。\n\n二、下一步打算\n\n持续抓好学法用法。\n\n"
                             "附件：1.工作台账\n2.案件统计表\n\n红河市司法局\n{date}")


def test_a_signature_below_the_list_of_attachments_names_the_issuer():
    # official documents set the attachments (附件：1.…) above the signer and date
    report = parse_report(_ATTACHMENTS_ABOVE_SIGNER.format(date="2023年1月5日"))
    assert report.units.kind.tolist()[-3:] == ["appendix", "appendix", "signature"]
    assert report.units.text.iloc[-1] == "红河市司法局\n2023年1月5日"
    assert (report.meta.issuer, report.meta.place, report.meta.level, report.meta.published) == (
        ["红河市司法局"], "红河市", "municipal", "2023-01-05")


def test_a_signature_dated_by_month_alone():
    report = parse_report(_ATTACHMENTS_ABOVE_SIGNER.format(date="2023年1月"))
    assert report.units.kind.iloc[-1] == "signature"
    assert (report.meta.issuer, report.meta.published, report.meta.published_source) == (
        ["红河市司法局"], "2023-01", "signature")
    report = parse_report("一、成效\n\n全年办结12件。\n\n某县人民政府\n二〇二三年一月")
    assert report.units.kind.iloc[-1] == "signature" and report.meta.published == "2023-01"
    # a sentence that ends in a month is no signature
    report = parse_report("一、成效\n\n全年办结12件。\n\n工作时间截至2022年12月")
    assert report.units.kind.iloc[-1] == "text" and report.meta.published is None


# --- items numbered 1. 2. run on inside a paragraph -----------------------------------------------

def test_numbered_items_inside_a_paragraph_continue_its_sequence():
    report = parse_report("一、主要做法\n\n（一）强化法治引领。1.完善制度。出台规范性文件3件。2.加强审查。审查合同45份。\n\n"
                          "（二）推进严格执法。主要做法：1.开展检查；2.开展评查。增长3.5%。2.5万人参加。\n\n"
                          "（三）其他。1、培训。2、3月份开展。")
    text = report.units[report.units.kind == "text"]
    assert list(zip(text.section, text.item, text.text)) == [
        (1, 1, "1.完善制度。"), (1, 1, "出台规范性文件3件。"), (1, 2, "2.加强审查。"), (1, 2, "审查合同45份。\n\n"),
        (2, 0, "主要做法："), (2, 1, "1.开展检查；"), (2, 2, "2.开展评查。"), (2, 2, "增长3.5%。"),
        (2, 2, "2.5万人参加。\n\n"), (3, 1, "1、培训。"), (3, 1, "2、3月份开展。")]  # 2.5万 and 2、3月 are numbers


# --- a page whose header holds its tool links, its logo an image ----------------------------------

_TOOL_LINKS_PAGE = """<html><head><title>云溪区2022年法治政府建设年度报告-云溪区人民政府网</title></head>
<body><div id="top"><img src="logo.png" alt="云溪区人民政府"> 无障碍浏览</div>
<div class="crumbs">您现在的位置：<a href="/">首页</a> &gt; <a>政务公开</a></div>
<h2>云溪区2022年法治政府建设年度报告</h2>
<div class="info">时间：2023-03-15 来源：云溪区司法局 阅读：88次</div>
<div class="content">2022年，云溪区深入贯彻落实习近平法治思想。<br>一、主要成效<br>全区办理行政处罚案件1356件。
<br><br>云溪区人民政府<br>2023年3月10日</div>
<div class="foot">版权所有：云溪区人民政府 湘ICP备12345678号-1</div></body></html>"""


def test_the_pages_tool_links_are_no_site_name(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(_TOOL_LINKS_PAGE.encode("gbk"))
    report = read_report(path)
    assert report.chrome.kind.tolist() == ["tool", "breadcrumb", "pubmeta", "footer"]
    meta = report.meta
    assert (meta.title, meta.place, meta.published, meta.site_name, meta.site_name_source, meta.warnings) == (
        "云溪区2022年法治政府建设年度报告", "云溪区", "2023-03-15", "云溪区人民政府", "footer", [])
    assert meta.provenance["encoding"] == "gb18030" and meta.provenance["icp"] == "湘ICP备12345678"


# --- titles that put the issuing office, or the year, first ---------------------------------------

@pytest.mark.parametrize(("title", "issuer", "place", "level"), [
    ("青川省司法厅2022年度法治政府建设工作情况报告", ["青川省司法厅"], "青川省", "provincial"),
    ("白石市税务局2022年法治政府建设工作报告", ["白石市税务局"], "白石市", "municipal"),
    ("白石市公安局交通警察支队2022年法治政府建设情况报告", ["白石市公安局交通警察支队"], "白石市", "municipal"),
    ("白石市生态环境局柳河分局2022年法治政府建设年度报告", ["白石市生态环境局柳河分局"], "白石市", "municipal"),
    ("柳河县教育体育局2022年度法治政府建设工作报告", ["柳河县教育体育局"], "柳河县", "district/county"),
    ("东城街道办事处2022年法治政府建设工作报告", ["东城街道办事处"], "东城街道", "township"),
    ("2022年白石市法治政府建设年度报告", [], "白石市", "municipal"),
    ("二〇二二年度柳河县法治政府建设情况报告", [], "柳河县", "district/county"),
    ("深入推进依法行政2022年工作总结", [], None, None),
    ("关于白石市2022年法治政府建设情况的报告", ["白石市"], "白石市", "municipal"),
    ("柳河县法治政府建设年度报告（2022年度）", [], "柳河县", "district/county"),
    ("柳河县人民政府法治政府建设2022年度报告", [], "柳河县", "district/county"),  # no office before the year
    ("白石经济技术开发区管委会2022年法治政府建设工作报告", ["白石经济技术开发区管委会"], "白石经济技术开发区",
     "district/county"),
])
def test_the_office_or_place_a_title_names_before_or_after_its_year(title, issuer, place, level):
    report = parse_report(title + "\n\n2022年，我们全面推进法治政府建设。现将有关情况报告如下：\n\n一、主要成效\n\n全年办结案件12件。")
    assert (report.meta.issuer, report.meta.place, report.meta.level, report.meta.year) == (issuer, place, level, 2022)


# --- tables of targets: the unit in the row's label, the column's header or a unit column ---------

def test_the_table_of_targets_of_a_work_report_gives_claims_in_the_unit_of_its_rows():
    claims = extract_claims(_read("district-work-report.txt").units)
    table = claims[claims.raw.isin(["4.1", "6左右", "8.5", "10以上", "-1.2", "5左右"]) & (claims.part == 2)]
    assert table[["raw", "value", "unit", "kind", "qualifier", "subject"]].values.tolist() == [
        ["4.1", 4.1, "%", "percent", "exact", "地区生产总值增长 2022年完成"],
        ["6左右", 6.0, "%", "percent", "approx", "地区生产总值增长 2023年目标"],
        ["8.5", 8.5, "%", "percent", "exact", "固定资产投资增长 2022年完成"],
        ["10以上", 10.0, "%", "percent", "at_least", "固定资产投资增长 2023年目标"],
        ["-1.2", -1.2, "%", "percent", "exact", "社会消费品零售总额增长 2022年完成"],
        ["5左右", 5.0, "%", "percent", "approx", "社会消费品零售总额增长 2023年目标"]]
    assert len(claims) == 35  # the 29 of the text and the 6 of the table


def test_table_cells_take_the_unit_of_a_unit_column_or_a_count_header_and_no_other():
    report = parse_report("一、主要指标\n\n全年主要指标见下表，新增就业1.5万人。\n\n"
                          "指标\t单位\t2022年\n粮食产量\t万吨\t45.6\n一般公共预算收入\t亿元\t58.3\n全省排名\t位次\t3\n\n"
                          "类别\t件数\t占比\n维持\t86\t71.7%\n\n"
                          "项目\t2021年\t2022年\n综合得分\t88\t91")
    claims = extract_claims(report.units)
    assert claims[["raw", "value", "unit", "kind", "subject"]].values.tolist() == [
        ["1.5万人", 15000.0, "人", "count", "新增就业"], ["45.6", 456000.0, "吨", "measure", "粮食产量 2022年"],
        ["58.3", 5830000000.0, "元", "money", "一般公共预算收入 2022年"], ["86", 86.0, "件", "count", "维持 件数"],
        ["71.7%", 71.7, "%", "percent", ""]]  # 位次 is no unit, and 综合得分's row and columns name none
    for row in claims.itertuples():
        assert report.text[row.start:row.end] == row.raw


# --- a work report in unnumbered parts whose 一、 sections lead their text ---------------------------

def test_unnumbered_parts_over_sections_that_lead_their_text_on_one_line():
    report = parse_report(
        "政府工作报告\n\n各位代表：\n\n现在，我代表市人民政府，向大会报告工作，请予审议。\n\n过去五年工作回顾\n\n"
        "过去五年，全市经济实现跨越式发展。\n\n一、综合实力显著增强。地区生产总值年均增长7.2%。\n\n"
        "二、改革开放持续深化。新增市场主体5.6万户。\n\n今后五年目标任务\n\n今后五年，是加快建设现代化强市的关键时期。\n\n"
        "一、建设创新城市。研发投入强度达到2.5%。\n\n二、建设开放城市。进出口总额年均增长8%。\n\n2022年重点工作\n\n"
        "今年的主要预期目标是：地区生产总值增长7%左右。\n\n一、全力稳定经济增长。\n\n二、持续深化改革开放。\n\n"
        "各位代表，让我们团结奋斗！")
    assert report.parts().part_title.tolist() == ["过去五年工作回顾", "今后五年目标任务", "2022年重点工作"]
    assert report.sections().values.tolist() == [
        [1, 1, "综合实力显著增强"], [1, 2, "改革开放持续深化"], [2, 1, "建设创新城市"], [2, 2, "建设开放城市"],
        [3, 1, "全力稳定经济增长"], [3, 2, "持续深化改革开放"]]
    headings = report.units[report.units.kind == "heading"]
    assert headings.text.str.strip().tolist()[1] == "一、综合实力显著增强。"  # the heading sentence, not its text
    # under numbered parts, such a line is text: a 一、 list of points is no list of parts
    points = parse_report("一、存在问题\n\n主要是：\n\n一、推进不平衡。部分地区进展较慢。\n\n二、创新不够。基层力量薄弱。")
    assert points.parts().part_title.tolist() == ["存在问题"] and points.sections().empty


def test_items_numbered_with_circled_numerals():
    report = parse_report("一、主要成效\n\n（一）加强领导。\n\n①成立领导小组。组长由县长担任。\n\n②制定工作方案。明确任务20项。\n\n"
                          "（二）规范执法。①开展培训；②组织考试。\n\n二、存在问题\n\n问题较多。")
    text = report.units[report.units.kind == "text"]
    assert list(zip(text.section, text.item, text.text.str.strip())) == [
        (1, 1, "①成立领导小组。"), (1, 1, "组长由县长担任。"), (1, 2, "②制定工作方案。"), (1, 2, "明确任务20项。"),
        (2, 1, "①开展培训；"), (2, 2, "②组织考试。"), (0, 0, "问题较多。")]


def test_a_value_times_its_multiplier_carries_no_binary_noise():
    claims = extract_claims(parse_report("一、经济\n\n旅游收入达到156.3亿元，财政支出8.7万亿元，约三分之一。").units)
    assert claims.value.tolist() == [15630000000.0, 8700000000000.0, 33.333333]


def test_a_place_alone_in_the_title_yields_to_an_issuer_the_report_names():
    report = parse_report("金沙区2023年政府工作报告\n——2023年1月10日在金沙区第十八届人民代表大会第三次会议上\n"
                          "金沙区人民政府区长　李明\n\n各位代表：\n\n一、2022年工作回顾\n\n全区生产总值增长5%。")
    assert (report.meta.issuer, report.meta.issuer_source) == (["金沙区人民政府"], "title block")
    report = parse_report("索引号：123/2023-0001\n发文机关：白石市人民政府\n\n白石市2022年法治政府建设年度报告\n\n"
                          "2022年，白石市深入学习贯彻习近平法治思想，现将有关情况报告如下：\n\n一、主要成效\n\n全市取消行政许可事项12项。")
    assert (report.meta.issuer, report.meta.issuer_source, report.meta.place) == (
        ["白石市人民政府"], "information table", "白石市")
    report = parse_report("白石市2022年法治政府建设年度报告\n\n2022年，全市推进法治政府建设。\n\n一、主要成效\n\n全年办结12件。")
    assert (report.meta.issuer, report.meta.issuer_source) == (["白石市"], "title")  # nothing else names one


# --- a text copied from a PDF: numbers split by its line breaks -----------------------------------

def test_claims_split_by_a_line_break_are_read_whole():
    report = parse_report("一、主要成效\n\n（一）依法履职能力不断提升。全县取消行政许可事项12\n项，政务服务事项网上可办率达到98\n%，"
                          "增长1\n2.5%。全年办理行政处罚案件356件，\n同比下降5.3%。\n\n（二）规范执法。共3\n\n项已完成。")
    claims = extract_claims(report.units)
    assert claims[["raw", "value", "unit"]].values.tolist() == [
        ["12\n项", 12.0, "项"], ["98\n%", 98.0, "%"], ["1\n2.5%", 12.5, "%"], ["356件", 356.0, "件"],
        ["5.3%", 5.3, "%"]]  # 共3 and 项已完成 are two paragraphs
    for row in claims.itertuples():
        assert report.text[row.start:row.end] == row.raw


def test_a_table_that_numbers_its_rows_takes_its_labels_from_the_next_column():
    report = parse_report("一、主要指标\n\n全年主要指标见下表。\n\n序号\t指标\t单位\t2023年目标\n1\t地区生产总值\t亿元\t755\n"
                          "2\t城镇新增就业\t万人\t1.6\n3\t居民收入增长（%）\t\t6")
    assert extract_claims(report.units)[["raw", "value", "unit", "subject"]].values.tolist() == [
        ["755", 75500000000.0, "元", "地区生产总值 2023年目标"], ["1.6", 16000.0, "人", "城镇新增就业 2023年目标"],
        ["6", 6.0, "%", "居民收入增长 2023年目标"]]  # the row numbers 1 2 3 are no claims


@pytest.mark.parametrize(("signed", "year"), [("2023年1月20日", 2022), ("2023年3月", 2022), ("2022年12月20日", 2022)])
def test_a_report_that_names_no_year_reports_on_the_year_its_signature_implies(signed, year):
    report = parse_report("关于法治政府建设情况的报告\n\n一年来，县政府认真贯彻落实法治政府建设各项部署。现将有关情况报告如下：\n\n"
                          f"一、主要成效\n\n全年办结12件。\n\n柳河县人民政府\n{signed}")
    assert (report.meta.year, report.meta.year_source) == (year, "signature")


def test_a_menu_laid_out_as_a_table_row_is_no_site_name(tmp_path):
    page = ("<html><head><title>柳河县人民政府</title></head><body><table><tr><td><a href='/'>网站首页</a></td>"
            "<td><a>政务公开</a></td><td><a>办事服务</a></td></tr></table><table><tr><td>柳河县2022年法治政府建设年度报告</td></tr>"
            "<tr><td>发布日期：2023-02-28　来源：县司法局</td></tr><tr><td><p>2022年，柳河县深入学习贯彻习近平法治思想。"
            "现将有关情况报告如下：</p><p>一、主要成效</p><p>全县取消行政许可事项12项。</p></td></tr></table>"
            "<table><tr><td>主办：柳河县人民政府办公室</td><td>网站标识码：2224000002</td></tr></table></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gb18030"))
    report = read_report(path)
    assert report.chrome.kind.tolist() == ["breadcrumb", "pubmeta", "footer"]
    assert (report.meta.title, report.meta.site_name, report.meta.site_code, report.meta.warnings) == (
        "柳河县2022年法治政府建设年度报告", "柳河县人民政府办公室", "2224000002", [])


def test_round_the_clock_hours_are_no_claim():
    claims = extract_claims(parse_report("一、成效\n\n建立7×24小时服务机制，推行5×8小时工作制，办理时限压缩至24小时。").units)
    assert claims.raw.tolist() == ["24小时"] and claims.start.iloc[0] > 30


def test_a_claims_lexicon_row_with_an_unquoted_comma_names_its_file_and_line(tmp_path):
    from jzrol.claims.grammar import GrammarError, _rows

    path = tmp_path / "not_claims.csv"
    path.write_text("pattern,first,example,note\n[0-9]{1,2}小时,0-9,7×24小时,hours\n", encoding="utf-8")
    with pytest.raises(GrammarError, match=r"not_claims.csv:2: more fields than the 4 columns"):
        _rows(path, ["pattern", "first"])


def test_a_range_whose_low_end_repeats_the_unit_or_multiplier_is_one_claim():
    report = parse_report("一、成效\n\n奖励3万—5万元。补助500元-1000元。提高5个至8个百分点。培训3次到5次。"
                          "占比由15%到29%。从500元到1000元。")
    claims = extract_claims(report.units)
    assert claims[["raw", "low", "high", "unit", "role"]].values.tolist() == [
        ["3万—5万元", 30000.0, 50000.0, "元", ""], ["500元-1000元", 500.0, 1000.0, "元", ""],  # not −1000 元
        ["5个至8个百分点", 5.0, 8.0, "个百分点", ""], ["3次到5次", 3.0, 5.0, "次", ""],
        ["15%", 15.0, 15.0, "%", ""], ["29%", 29.0, 29.0, "%", ""],  # 由…到… is no range (a change without its verb)
        ["500元", 500.0, 500.0, "元", ""], ["1000元", 1000.0, 1000.0, "元", ""]]
