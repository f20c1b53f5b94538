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


# --- what an HTML page's head says ------------------------------------------------------------------

DATA = paths.ROOT / "tests" / "data"


def test_page_head_gives_title_date_site_and_code_before_the_text_rules():
    report = read_report(DATA / "page-head-meta.html")
    meta = report.meta
    assert (meta.title, meta.title_source) == ("样例市南山区2022年法治政府建设年度报告", "ArticleTitle meta tag")
    assert (meta.year, meta.year_source) == (2022, "ArticleTitle meta tag")
    assert (meta.published, meta.published_source) == ("2023-02-15", "PubDate meta tag")
    assert (meta.site_name, meta.site_name_source) == ("样例市南山区人民政府门户网站", "SiteName meta tag")
    assert meta.site_code == "4403050001"
    assert meta.provenance["column"] == "法治政府建设" and meta.provenance["content_source"] == "南山区司法局"
    assert (meta.place, meta.level) == ("样例市南山区", "district/county")
    assert meta.warnings == []  # the site's name names the issuer's place


def test_sidebar_links_before_the_article_never_become_the_title():
    """Both pages list earlier reports as links above the article: the title is the article's own."""
    head = read_report(DATA / "page-head-meta.html")
    titles = head.units[head.units.kind == "title"].norm.tolist()
    assert titles == ["样例市南山区2022年法治政府建设年度报告"]
    assert "样例市南山区2021年法治政府建设年度报告" in head.chrome.text.tolist()
    assert head.parts().part_title.tolist() == ["主要成效", "存在问题"]

    sidebar = read_report(DATA / "page-sidebar.html")  # no meta tags, a <title> that is the site's name
    assert (sidebar.meta.title, sidebar.meta.title_source) == ("示范县2021年法治政府建设年度报告", "text")
    assert sidebar.meta.year == 2021 and sidebar.meta.published == "2022-03-10"
    assert sidebar.units[sidebar.units.kind == "title"].norm.tolist() == ["示范县2021年法治政府建设年度报告"]


def test_entity_written_escaped_in_the_page_stays_escaped_in_the_text():
    report = read_report(DATA / "page-head-meta.html")
    assert "文件中的“A&lt;B”原样照录。" in report.units.norm.tolist()


def _page(tmp_path, head, body, name="page.html"):
    path = tmp_path / name
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>",
                    encoding="utf-8")
    return read_report(path)


def test_title_tag_and_h1_give_the_title_when_the_text_has_none(tmp_path):
    body = "<p>现将有关情况报告如下。</p><p>一、主要成效</p><p>全年办结案件12件。</p>"
    tagged = _page(tmp_path, "<title>某区2022年法治政府建设年度报告_法治政府_某区人民政府</title>", body)
    assert (tagged.meta.title, tagged.meta.title_source, tagged.meta.year) == ("某区2022年法治政府建设年度报告", "title tag", 2022)
    headed = _page(tmp_path, "<title>某区人民政府</title>", "<h1>某区2021年法治政府建设情况报告</h1>" + body)
    assert (headed.meta.title, headed.meta.title_source) == ("某区2021年法治政府建设情况报告", "h1")
    logo = _page(tmp_path, "<title>首页</title>", "<h1><a href='/'>某区人民政府</a></h1>" + body)
    assert logo.meta.title is None and logo.meta.title_source is None
    fuller = _page(tmp_path, "<title>关于2020年法治政府建设情况的报告_某市人民政府</title>",
                   "<p>中共某市委 某市人民政府关于2020年法治政府建设情况的报告</p>" + body)
    assert (fuller.meta.title_source, fuller.meta.issuer) == ("text", ["中共某市委", "某市人民政府"])


def test_site_name_meta_tag_that_does_not_match_the_issuer_is_a_provenance_warning(tmp_path):
    report = _page(tmp_path, '<meta name="SiteName" content="顶盛体育">'
                             '<meta name="ArticleTitle" content="中共锦州市委 锦州市人民政府关于2020年法治政府建设情况的报告">',
                   "<p>中共锦州市委 锦州市人民政府关于2020年法治政府建设情况的报告</p><p>一、主要成效</p><p>全年办结12件。</p>")
    assert report.meta.site_name_source == "SiteName meta tag"
    assert any(w.startswith("site name '顶盛体育' in the page chrome does not match the issuer") for w in report.meta.warnings)


def test_encoding_warning_of_the_reader_reaches_the_metadata():
    meta = read_report(DATA / "page-gbk-declared-latin1.html").meta
    assert meta.provenance["encoding"] == "gb18030"
    assert any("declares charset iso-8859-1" in w for w in meta.warnings)
    assert meta.title == read_report(DATA / "page.html").meta.title


# --- place, level, year reported on and year delivered ---------------------------------------------

@pytest.mark.parametrize(("place", "level"), [
    ("国务院", "national"), ("辽宁省", "provincial"), ("北京市", "provincial"), ("广西壮族自治区", "provincial"),
    ("锦州市", "municipal"), ("延边朝鲜族自治州", "municipal"), ("深圳市南山区", "district/county"),
    ("南山区", "district/county"), ("黑山县", "district/county"), ("某镇", "township"), ("某街道", "township"),
    ("某开发区管委会", "other"),
])
def test_level_of_a_place(place, level):
    from jzrol.report.meta import _level

    assert _level(place) == level


@pytest.mark.parametrize(("name", "place"), [
    ("锦州市人民政府", "锦州市"), ("中共锦州市委", "锦州市"), ("深圳市南山区人民政府", "深圳市南山区"),
    ("中华人民共和国国务院", "国务院"), ("中央人民政府", "国务院"), ("某县司法局", "某县"), ("中共中央", None),
])
def test_place_a_name_holds(name, place):
    from jzrol.report.meta import _place_of

    assert _place_of(name) == place


def test_fixtures_give_place_and_level_from_title_or_signature():
    seed = read_report(paths.SEED_REPORT).meta
    assert (seed.place, seed.level, seed.place_source, seed.delivered) == ("锦州市", "municipal", "title", None)
    county = read_report(DATA / "county-no-blank-lines.txt").meta
    assert (county.place, county.level, county.place_source) == ("示例县", "district/county", "signature")
    district = read_report(DATA / "district-split-title.txt").meta
    assert (district.place, district.level) == ("样本区", "district/county")
    untitled = read_report(DATA / "no-title.txt").meta  # its file name is no title either
    assert (untitled.title, untitled.title_source, untitled.place) == (None, None, None)


def test_work_report_without_a_title_line_takes_it_from_the_file_name(tmp_path):
    path = tmp_path / "南山区2022年政府工作报告.txt"
    path.write_text("各位代表：\n\n现在，我代表区人民政府，向大会报告工作，请予审议。\n\n一、2021年工作回顾\n\n"
                    "过去一年，全区地区生产总值增长6.5%。\n\n二、2022年工作安排\n\n一是稳增长；二是惠民生。\n", encoding="utf-8")
    meta = read_report(path).meta
    assert (meta.title, meta.title_source) == ("南山区2022年政府工作报告", "file name")
    assert (meta.place, meta.level, meta.place_source) == ("南山区", "district/county", "file name")
    assert (meta.delivered, meta.delivered_source) == (2022, "file name")
    assert (meta.year, meta.year_source) == (2021, "heading")
    assert not any(w.startswith("no title found") for w in meta.warnings)


def test_work_report_delivered_in_one_year_reports_on_the_year_before():
    report = parse_report("锦州市2022年政府工作报告\n\n各位代表：\n\n现在，我代表市人民政府，向大会报告工作。\n\n"
                          "一、过去一年的工作\n\n全市地区生产总值增长5%。\n\n二、今年的主要任务\n\n一是稳增长。")
    meta = report.meta
    assert (meta.delivered, meta.delivered_source, meta.year, meta.year_source) == (2022, "title", 2021, "delivered")
    assert (meta.place, meta.level) == ("锦州市", "municipal")


def test_state_council_reports_year_delivered_place_and_level(corpus_files, corpus_reports):
    """All 52 reports: filed under the year of delivery, each reports on the year before and is the
    State Council's (national) — from 我代表国务院, 受国务院的委托, the byline, or 国务院决定 in the body."""
    assert len(corpus_files) == 52
    for path, report in zip(corpus_files, corpus_reports):
        meta = report.meta
        delivered = int(path.stem)
        assert (meta.delivered, meta.year) == (delivered, delivered - 1), path.name
        assert (meta.place, meta.level) == ("国务院", "national"), path.name
        assert meta.delivered_source in {"title block", "file name"} and meta.year_source in {"heading", "delivered"}
        assert meta.place_source in {"title block", "opening", "body"}


def test_corpus_documents_carry_place_level_and_delivered():
    from jzrol.corpus import document_meta

    row = document_meta(read_report(paths.SEED_REPORT), paths.SEED_REPORT)
    assert (row["place"], row["level"], row["year"], row["year_source"], row["delivered"]) == (
        "锦州市", "municipal", 2020, "title", None)


def test_report_without_a_year_in_its_title_takes_the_year_its_first_sentence_opens_with():
    meta = parse_report("法治政府建设年度报告\n\n2021年，在市委的坚强领导下，我市法治政府建设取得新成效。\n\n"
                        "一、主要成效\n\n全年办结12件。").meta
    assert (meta.year, meta.year_source) == (2021, "opening")


def test_speaker_cues_do_not_take_a_congress_or_a_list_for_a_government():
    from jzrol.report.meta import _first_cue

    assert _first_cue("现向市人民代表大会常务委员会和市人民政府报告如下。", "") == (None, None)
    assert _first_cue("我受中共中央和国务院的委托，向大会作报告。", "") == ("国务院", "opening")
    assert _first_cue("我代表锦州市人民政府，向大会报告政府工作。", "") == ("锦州市", "opening")
    assert _first_cue("", "经研究，国务院决定：今年的改革继续推进。") == ("国务院", "body")


def test_place_named_after_the_title_year_or_in_the_delivery_line():
    named = parse_report("2022年南山区政府工作报告\n\n各位代表：\n\n现在，我代表区人民政府，向大会报告工作。").meta
    assert (named.place, named.level, named.place_source, named.delivered) == ("南山区", "district/county", "title", 2022)
    delivered = parse_report("政府工作报告\n\n——2022年1月6日在深圳市南山区第七届人民代表大会第二次会议上\n\n"
                             "各位代表：\n\n现在，我代表区人民政府，向大会报告工作。").meta
    assert (delivered.place, delivered.level, delivered.place_source) == ("深圳市南山区", "district/county", "opening")
    assert (delivered.delivered, delivered.delivered_source, delivered.year) == (2022, "title block", 2021)


def test_title_the_page_links_to_itself_is_the_title_when_the_head_names_it(tmp_path):
    body = ("<div><a href='./'>某县2022年法治政府建设年度报告</a></div><p>现将有关情况报告如下。</p>"
            "<p>一、主要成效</p><p>全年办结12件。</p><p><a href='x'>未闭合的链接<p>二、存在问题</p><p>一是执法不规范。</p>")
    named = _page(tmp_path, "<title>某县2022年法治政府建设年度报告_某县人民政府</title>", body)
    assert (named.meta.title, named.meta.title_source, named.meta.year) == ("某县2022年法治政府建设年度报告", "title tag", 2022)
    assert named.units[named.units.kind == "title"].norm.tolist() == ["某县2022年法治政府建设年度报告"]
    assert named.parts().part_title.tolist() == ["主要成效", "存在问题"]  # the link left open ends with its block
    unnamed = _page(tmp_path, "<title>首页</title>", body)  # a link alone never makes a title
    assert unnamed.meta.title is None


def test_place_from_the_file_name_when_the_report_names_none(tmp_path):
    path = tmp_path / "南山区2021年法治政府建设年度报告.txt"
    path.write_text("法治政府建设年度报告\n\n2021年，我们深入推进依法行政。\n\n一、主要成效\n\n全年办结12件。\n", encoding="utf-8")
    meta = read_report(path).meta
    assert (meta.title_source, meta.place, meta.level, meta.place_source) == ("text", "南山区", "district/county", "file name")
    assert (meta.year, meta.year_source) == (2021, "opening")


def test_sidebar_link_written_in_full_width_digits_is_still_a_link(tmp_path):
    report = _page(tmp_path, "<title>首页</title>",
                   "<ul><li><a href='1.html'>某县２０２０年法治政府建设年度报告</a></li></ul>"
                   "<p>某县2021年法治政府建设年度报告</p><p>现将有关情况报告如下。</p><p>一、主要成效</p><p>全年办结12件。</p>")
    assert (report.meta.title, report.meta.year) == ("某县2021年法治政府建设年度报告", 2021)


@pytest.mark.parametrize(("issuer", "place", "level"), [
    ("中共锦州市委", "锦州市", "municipal"), ("锦州市委", "锦州市", "municipal"),
    ("锦州市人民政府办公室", "锦州市", "municipal"), ("凌海市人民政府办公室", "凌海市", "municipal"),
    ("中共锦州市委全面依法治市委员会办公室", "锦州市", "municipal"), ("锦州市司法局", "锦州市", "municipal"),
    ("锦州市人民代表大会常务委员会", "锦州市", "municipal"),
    ("太和区委", "太和区", "district/county"), ("中共锦州市太和区委", "锦州市太和区", "district/county"),
    ("中共黑山县委", "黑山县", "district/county"), ("北京市西城区人民政府", "北京市西城区", "district/county"),
    ("中共辽宁省委", "辽宁省", "provincial"), ("广西壮族自治区人民政府", "广西壮族自治区", "provincial"),
    ("延边朝鲜族自治州人民政府", "延边朝鲜族自治州", "municipal"),
    ("中共某镇委员会", "某镇", "township"), ("某街道办事处", "某街道", "township"),
    # a department whose name holds a place's suffix character (市场, 城市, 城乡, 乡村) or repeats it (市委), and
    # places whose own names hold one (晋城市, 沙市区, 古城乡, 沙市市)
    ("锦州市市场监督管理局", "锦州市", "municipal"), ("锦州市市委", "锦州市", "municipal"),
    ("锦州市城市管理综合行政执法局", "锦州市", "municipal"), ("锦州市住房和城乡建设局", "锦州市", "municipal"),
    ("北京市市政管理委员会", "北京市", "provincial"), ("辽宁省省政府", "辽宁省", "provincial"),
    ("大连市中山区市场监督管理局", "大连市中山区", "district/county"), ("太和区区长", "太和区", "district/county"),
    ("某县乡村振兴局", "某县", "district/county"), ("荆州市沙市区人民政府", "荆州市沙市区", "district/county"),
    ("晋城市生态环境局", "晋城市", "municipal"), ("锦州市政府", "锦州市", "municipal"),
    ("锦州市政务服务中心", "锦州市", "municipal"), ("锦州市政法委", "锦州市", "municipal"),
    ("某县古城乡人民政府", "某县古城乡", "township"), ("辽宁省直机关工委", "辽宁省", "provincial"),
    ("沙市市人民政府", "沙市市", "municipal"), ("锦州市市政工程管理处", "锦州市", "municipal"),
    ("北京市朝阳区城市管理委员会", "北京市朝阳区", "district/county"),
])
def test_place_and_level_of_issuer_forms(issuer, place, level):
    from jzrol.report.meta import _level, _place, _place_of

    assert _place(issuer) == _place_of(issuer) == place
    assert _level(place) == level


@pytest.mark.parametrize("issuer", ["国务院", "国务院办公厅", "中华人民共和国国务院", "中共中央", "某某"])
def test_national_organs_and_names_without_a_place_give_no_local_place(issuer):
    from jzrol.report.meta import _place

    assert _place(issuer) is None


def test_a_party_committee_as_the_only_issuer_is_checked_against_the_site_name():
    from jzrol.report.meta import ReportMeta, _provenance_warnings

    warnings = []
    _provenance_warnings(ReportMeta("doc", issuer=["中共锦州市委"], site_name="锦州政府网"), warnings)
    assert warnings == []
    _provenance_warnings(ReportMeta("doc", issuer=["中共锦州市委"], site_name="黑山县人民政府"), warnings)
    assert len(warnings) == 1 and "site name '黑山县人民政府'" in warnings[0]
