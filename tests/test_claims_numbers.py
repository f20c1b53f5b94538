"""Numbers as reports write them: the numeral reader against cn2an, and the classes of quantities claims must read."""

import math

import cn2an
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jzrol import parse_report, paths
from jzrol.claims import check_claims, chinese_number, extract_claims
from jzrol.claims.numbers import number_value


def claims_of(text):
    return extract_claims(parse_report(text).units)


# --- the numeral reader against an independent one -------------------------------------------

def with_liang(chinese: str) -> str:
    """二 before a place written 两, as speech has it (两千, 两万, 两亿); 十 keeps 二 (二十)."""
    out = []
    for i, char in enumerate(chinese):
        starts_group = i == 0 or chinese[i - 1] in "万亿零"
        out.append("两" if char == "二" and starts_group and chinese[i + 1:i + 2] in ("千", "万", "亿", "百") else char)
    return "".join(out)


def colloquial(chinese: str) -> str:
    """Drop the last place when it is the one right below the place before it (一千二百 -> 一千二)."""
    below = {"百": "千", "十": "百", "千": "万"}
    if len(chinese) >= 3 and chinese[-1] in below and chinese[-3] == below[chinese[-1]] and "零" not in chinese[-3:]:
        return chinese[:-1]
    return chinese


# cn2an cannot read these forms, which reports use (checked with cn2an 0.5): a bare place (万人, 千余件),
# 万万 for 亿 (1950s reports), a colloquial last digit after 亿 (一亿二), and a number cut by 多 before its
# multiplier and joined again (二十五亿七千 of 二十五亿七千多万元).
CN2AN_FAILS = {"万": 10_000, "千": 1000, "一万万": 100_000_000, "一亿二": 120_000_000, "二十五亿七千": 2_500_007_000}


@pytest.mark.parametrize(("text", "value"), CN2AN_FAILS.items())
def test_forms_cn2an_cannot_read(text, value):
    with pytest.raises(Exception):  # noqa: B017 - cn2an raises its own ValueError subclasses
        cn2an.cn2an(text, "smart")
    assert chinese_number(text) == value


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**13 - 1))
def test_integers_read_back_as_cn2an_reads_them(n):
    standard = cn2an.an2cn(n, "low")
    forms = {standard, with_liang(standard), colloquial(standard), cn2an.an2cn(n, "up"),
             standard.replace("零", "〇")}
    for form in forms:
        assert chinese_number(form) == n, form
        assert cn2an.cn2an(form, "smart") == n, form  # the oracle agrees that the form means n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=1, max_value=999))
def test_decimals_read_back(whole, fraction):
    decimal = f"{whole}.{fraction:03d}".rstrip("0")
    chinese = cn2an.an2cn(decimal, "low")
    assert math.isclose(chinese_number(chinese), float(decimal), rel_tol=1e-12), chinese
    assert math.isclose(float(cn2an.cn2an(chinese, "smart")), float(decimal), rel_tol=1e-12)


@pytest.mark.parametrize(("text", "value"), [
    ("两万三", 23_000), ("一千二", 1200), ("三百五", 350), ("壹仟贰佰", 1200), ("兩萬三", 23_000),
    ("二〇二一", 2021), ("一千〇五", 1005), ("三万亿", 3e12), ("一亿零四百万", 104_000_000), ("十五", 15),
])
def test_colloquial_financial_and_traditional_numerals(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("1,200", 1200), ("１２", 12), ("-3", -3), ("−3", -3), ("1亿3千万", 130_000_000), ("2万5千", 25_000),
    ("3,,000", None), ("1..2", None), ("9" * 400, None),
])
def test_digit_numbers(text, value):
    assert number_value(text) == value


# --- classes of quantities -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "raw", "value", "unit", "kind", "qualifier"), [
    ("地方财政收入2518.6亿元。", "2518.6亿元", 251_860_000_000, "元", "money", "exact"),
    ("投资1234.5万元。", "1234.5万元", 12_345_000, "元", "money", "exact"),
    ("PM2.5平均浓度降至35微克/立方米。", "35微克/立方米", 35, "微克/立方米", "measure", "exact"),
    ("最低工资标准提高到1200元/月。", "1200元/月", 1200, "元/月", "money", "exact"),
    ("租金6.5元/平方米。", "6.5元/平方米", 6.5, "元/平方米", "money", "exact"),
    ("每天工作8小时/天。", "8小时/天", 8, "小时/天", "duration", "exact"),
    ("保障起降1200架次。", "1200架次", 1200, "架次", "count", "exact"),
    ("集装箱吞吐量300万标箱。", "300万标箱", 3_000_000, "标箱", "measure", "exact"),
    ("粮食产量连续三年增长。", "三年", 3, "年", "duration", "exact"),
    ("投资近万亿元。", "近万亿元", 1e12, "元", "money", "approx"),
    ("培训十万余人。", "十万余人", 100_000, "人", "count", "more_than"),
    ("覆盖率提高百分之十。", "百分之十", 10, "%", "percent", "exact"),
    ("五成以上的企业受益。", "五成以上", 50, "%", "percent", "at_least"),
    ("减少三分之一。", "三分之一", 100 / 3, "%", "percent", "exact"),
    ("出生率控制在千分之五。", "千分之五", 0.5, "%", "percent", "exact"),
    ("新增就业两万三千人。", "两万三千人", 23_000, "人", "count", "exact"),
    ("共培训一千二人。", "一千二人", 1200, "人", "count", "exact"),
    ("拨款壹仟贰佰元。", "壹仟贰佰元", 1200, "元", "money", "exact"),
    ("原煤八千一百九十九萬噸。", "八千一百九十九萬噸", 81_990_000, "吨", "measure", "exact"),
    ("損失二十五億七千多萬元。", "二十五億七千多萬元", 2_570_000_000, "元", "money", "more_than"),
    ("出境旅游人次增加到1亿3千万人次。", "1亿3千万人次", 130_000_000, "人次", "count", "exact"),
    ("完成三至五万人的培训。", "三至五万人", 40_000, "人", "count", "exact"),
    ("进出口总额突破1000亿元。", "突破1000亿元", 1e11, "元", "money", "more_than"),
    ("逾千人参加。", "逾千人", 1000, "人", "count", "more_than"),
    ("参保人数超1000万人。", "超1000万人", 1e7, "人", "count", "more_than"),
    ("参加人数达到100人以上。", "100人以上", 100, "人", "count", "at_least"),
    ("城乡居民收入翻一番。", "翻一番", 1, "番", "count", "exact"),
    ("经济总量翻了两番。", "翻了两番", 2, "番", "count", "exact"),
    ("产值比一九八○年增加了一倍。", "一倍", 1, "倍", "count", "exact"),
    ("青藏铁路提前一年建成通车。", "一年", 1, "年", "duration", "exact"),
    ("我国有十亿多人口。", "十亿多人口", 1e9, "人口", "count", "more_than"),
    ("新增发电装机容量一千九百五十万千瓦。", "一千九百五十万千瓦", 19_500_000, "千瓦", "measure", "exact"),
    ("收入由2002年7703元增加到2007年。", "7703元", 7703, "元", "money", "exact"),
    ("这个比重大约是百分之十七。", "大约是百分之十七", 17, "%", "percent", "approx"),
    ("出口增长-3%。", "-3%", -3, "%", "percent", "exact"),
    ("利润增长−3.5%。", "−3.5%", -3.5, "%", "percent", "exact"),
    ("用两三年时间完成。", "两三年", 2.5, "年", "duration", "approx"),
])
def test_classes_of_quantities(text, raw, value, unit, kind, qualifier):
    claims = claims_of(text)
    assert len(claims) == 1, claims.raw.tolist()
    claim = claims.iloc[0]
    assert (claim.raw, claim.unit, claim.kind, claim.qualifier) == (raw, unit, kind, qualifier)
    assert math.isclose(claim.value, value, rel_tol=1e-6)


def test_a_doubling_is_the_to_end_of_a_change():
    claim = claims_of("城乡居民收入比2010年翻一番。").iloc[0]
    assert claim.role == "to" and claim.group


def test_a_range_keeps_its_sign_only_before_digits():
    # 6.5%－7% is one range whose ends both carry the percent sign, not 6.5% and −7%
    claims = claims_of("国内生产总值增长6.5%－7%，投资3-5天。")
    assert claims.raw.tolist() == ["6.5%－7%", "3-5天"] and (claims.value > 0).all()
    assert claims[["low", "high", "unit"]].values.tolist() == [[6.5, 7.0, "%"], [3.0, 5.0, "天"]]


@pytest.mark.parametrize("text", [
    "二期工程建成投产。", "一期、二期和三期同步推进。", "区人大二次会议审议通过。", "六届三次会议以来。",
    "十三届全国人大一次会议。", "实现“五个率先”。", "改革三部曲。", "出台“20条”措施。", "成立三人小组。",
    "出台稳外资20条措施。", "经济总量排名第一。", "位居全国前三名。", "跻身世界500强。", "实施三年行动。",
    "第一个五年计划。", "一九五二年以来。", "长三角一体化。", "二季度经济回升。", "三门峡水利枢纽。",
    "金额3,,000元。", "比例1/3的人。", "数值1e5元。", "抓两头带中间。", "这五年的成就。", "五年来取得成就。",
    "从以下四个方面来看：", "预算内和预算外两项资金合计。", "指出三个值得特别注意的地方。", "建设百万吨级码头。",
])
def test_not_claims(text):
    claims = claims_of(text)
    assert claims.empty, claims.raw.tolist()


# --- nothing raises --------------------------------------------------------------------------

_PIECES = (list("0123456789.,，%％万亿余多约近超逾以上下内件个次元人户年第一二两三十百千零〇、。；/-−")
           + ["9" * 40, "9" * 400, "个工作日", "元/月", "分之", "百分之", "成", "由", "缩短至", "提高到", "翻一番",
              "其中", "分别为", "共", "占", "办结率", "合格率", "出庭率", "受理", "办结", "抽检", "合格", "出庭应诉0件"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), min_size=1, max_size=4))
def test_extract_and_check_never_raise(sentences):
    units = parse_report("\n\n".join(["一、成效", *sentences])).units
    claims = extract_claims(units)
    findings = check_claims(claims, units)
    assert set(findings.status) <= {"consistent", "rounding", "inconsistent"}
    assert claims["value"].map(math.isfinite).all()


@pytest.mark.parametrize("text", [
    "出庭应诉0件，出庭率100%。", "受理0件，办结0件，办结率100%。", "共0件，其中调解0件，判决0件。",
    "由0天缩短至0天，缩短50%。", "投资" + "9" * 400 + "亿元，增长" + "9" * 400 + "%。",
    "受理" + "9" * 300 + "件，办结1件，办结率0%。",
])
def test_checks_survive_zero_and_huge_numbers(text):
    units = parse_report(text).units
    check_claims(extract_claims(units), units)


NOT_CLAIM_EXAMPLES = pd.read_csv(paths.LEXICON_DIR / "not_claims.csv", keep_default_na=False)["example"].tolist()


@pytest.mark.parametrize("example", NOT_CLAIM_EXAMPLES)
def test_every_not_claim_pattern_blocks_its_example(example):
    # each row of the data file states its example, and its first characters must let the pattern be tried
    claims = claims_of(f"全年{example}")
    assert claims.empty, claims.raw.tolist()
