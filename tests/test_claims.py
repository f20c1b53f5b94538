"""Numeric claims: extraction against hand-annotated gold sets, exclusions, and consistency checks."""

import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jzrol import parse_report, paths, read_report
from jzrol.claims import (
    CLAIM_COLUMNS,
    FINDING_COLUMNS,
    TEXT_UNIT_FIELDS,
    check_claims,
    chinese_number,
    claim_records,
    extract_claims,
)
from tests.conftest import DATA


def claims_of(text):
    units = parse_report(text).units
    return extract_claims(units), units


def precision_recall(predicted: Counter, gold: Counter):
    hits = sum((predicted & gold).values())
    return hits / max(sum(predicted.values()), 1), hits / max(sum(gold.values()), 1)


def score_against_gold(claims, gold_file, key):
    """Precision and recall of extracted claims against a gold CSV, matching on the ``key`` columns."""
    gold = pd.read_csv(DATA / gold_file, keep_default_na=False)
    predicted = Counter(tuple(r) for r in claims[key].astype(str).itertuples(index=False))
    expected = Counter(tuple(r) for r in gold[key].astype(str).itertuples(index=False))
    return precision_recall(predicted, expected)


def test_seed_precision_and_recall_against_the_gold_set(seed):
    precision, recall = score_against_gold(extract_claims(seed.units), "claims-gold-seed.csv",
                                           ["raw", "value", "unit", "qualifier", "kind"])
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_state_council_2024_precision_and_recall(corpus_files):
    path = next((p for p in corpus_files if p.stem == "2024"), None)
    if path is None:
        pytest.skip("2024.txt not in the shared corpus")
    precision, recall = score_against_gold(extract_claims(read_report(path).units),
                                           "claims-gold-state-council-2024.csv",
                                           ["start", "value", "unit", "qualifier", "kind"])
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


@pytest.mark.parametrize("path", [paths.SEED_REPORT, DATA / "gbk.txt", DATA / "page.html", DATA / "normalization.txt"])
def test_one_scan_of_all_units_finds_what_a_scan_of_each_unit_finds(path):
    # Units are scanned joined by line breaks; a number at the end of one sentence must not reach into the next.
    units = read_report(path).units
    body = units[units["kind"] == "text"]
    text_units = list(zip(*(body[c].tolist() for c in TEXT_UNIT_FIELDS)))
    together = claim_records(text_units)
    assert together and together == [claim for unit in text_units for claim in claim_records([unit])]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(list("0123456789万亿余约以上件个次元年第一二十是、，") + ["2020年", "个工作日", "由",
                                                                                          "缩短至", "1+5+N"]),
                         max_size=12).map("".join), min_size=1, max_size=6))
def test_sentence_boundaries_stop_every_claim_pattern(sentences):
    units = [("d", i + 1, 0, 0, 0, i * 100, text) for i, text in enumerate(sentences)]
    assert claim_records(units) == [claim for unit in units for claim in claim_records([unit])]


def test_claim_table_columns_and_offsets(seed):
    claims = extract_claims(seed.units)
    assert list(claims.columns[: len(CLAIM_COLUMNS)]) == CLAIM_COLUMNS
    assert all(seed.text[s:e] == raw for s, e, raw in zip(claims.start, claims.end, claims.raw))
    assert claims.claim_id.tolist() == list(range(1, len(claims) + 1))


@pytest.mark.parametrize(("text", "raw", "value", "unit", "kind", "qualifier"), [
    ("累计调整、取消、下放925项行政职权事项。", "925项", 925, "项", "count", "exact"),
    ("调解成功率99.93%。", "99.93%", 99.93, "%", "percent", "exact"),
    ("开展普法宣传活动1000余场次。", "1000余场次", 1000, "场次", "count", "more_than"),
    ("学生参加人数约210000人次。", "约210000人次", 210000, "人次", "count", "approx"),
    ("涉案货值金额达190万余元。", "190万余元", 1_900_000, "元", "money", "more_than"),
    ("新增4.46万个岗位。", "4.46万个", 44_600, "个", "count", "exact"),
    ("共培训一千二百人。", "一千二百人", 1200, "人", "count", "exact"),
    ("新增就业两万人。", "两万人", 20_000, "人", "count", "exact"),
    ("覆盖率达到百分之十五。", "百分之十五", 15, "%", "percent", "exact"),
    ("办理１２件。", "１２件", 12, "件", "count", "exact"),
    ("投资1,200万元。", "1,200万元", 12_000_000, "元", "money", "exact"),
    ("审批时限压缩至5个工作日以内。", "5个工作日以内", 5, "个工作日", "duration", "at_most"),
    ("受益人数约10000余人。", "约10000余人", 10000, "人", "count", "approx|more_than"),
    ("出庭率不低于80%。", "不低于80%", 80, "%", "percent", "at_least"),
    ("不足30人参加。", "不足30人", 30, "人", "count", "less_than"),
    ("新建道路12.5公里。", "12.5公里", 12.5, "公里", "measure", "exact"),
    ("粮食产量5.31亿吨。", "5.31亿吨", 531_000_000, "吨", "measure", "exact"),
    ("增加260万只。", "260万只", 2_600_000, "只", "count", "exact"),
])
def test_single_claims(text, raw, value, unit, kind, qualifier):
    claims, _ = claims_of(text)
    assert len(claims) == 1, claims.raw.tolist()
    claim = claims.iloc[0]
    assert (claim.raw, claim.value, claim.unit, claim.kind, claim.qualifier) == (raw, value, unit, kind, qualifier)


def test_intervals_follow_qualifiers():
    claims, _ = claims_of("开展活动30余次，不超过5天，约200人，出庭率不低于80%，办理3至5天。")
    rows = claims.set_index("raw")
    assert (rows.loc["30余次", "low"], pd.isna(rows.loc["30余次", "high"])) == (30, True)
    assert pd.isna(rows.loc["不超过5天", "low"]) and rows.loc["不超过5天", "high"] == 5
    assert pd.isna(rows.loc["约200人", "low"]) and pd.isna(rows.loc["约200人", "high"])
    assert (rows.loc["3至5天", "low"], rows.loc["3至5天", "high"], rows.loc["3至5天", "value"]) == (3, 5, 4)


def test_from_to_change_is_a_linked_pair():
    claims, _ = claims_of("企业办理不动产登记由3个工作日缩短至1个工作日。")
    assert claims.role.tolist() == ["from", "to"] and claims.group.nunique() == 1 and claims.group.iloc[0]


@pytest.mark.parametrize("text", [
    "2021-02-23召开会议。", "开展“4.15”全民国家安全教育日活动。", "“5·15政务公开日”活动。",
    "召开第二次会议。", "十九届五中全会精神。", "推进“1+5+N”大调解工作机制。", "落实三项制度。",
    "统筹推进“一站式”平台建设。", "电话：0416-2168122。", "锦政发〔2020〕12号文件。", "2020年度考核。",
    "国产大飞机C919投入运营。", "查处一起违法问题。", "经历三年疫情。", "全市2020年立法计划。",
    "《锦州市政务服务事项目录(2020版)》", "惠及千万家庭。", "坚决做到“两个维护”。",
])
def test_not_claims(text):
    claims, _ = claims_of(text)
    assert claims.empty, claims.raw.tolist()


@pytest.mark.parametrize("text", ["数量1..2件。", "金额3,,000元。", "比例12%%。", "约约5件", "百分之", "..%%，，万亿"])
def test_malformed_numbers_do_not_crash(text):
    claims, _ = claims_of(text)
    assert set(claims.columns) >= set(CLAIM_COLUMNS)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789.,，%％万亿余约近以上内下件个次元年月日第一二三十百千两是、。；")
                                + ["个工作日", "场次", "由", "缩短至", "其中", "成功率", "分别为"]), max_size=40).map("".join))
def test_random_text_never_crashes(text):
    units = parse_report(text).units
    claims = extract_claims(units)
    findings = check_claims(claims, units)
    assert list(findings.columns) == FINDING_COLUMNS


def test_subjects_label_the_number(seed):
    claims = extract_claims(seed.units).set_index("raw")
    assert claims.loc["48件", "subject"] == "审结"
    assert claims.loc["99.93%", "subject"] == "成功率"
    assert claims.loc["925项", "subject"].endswith("行政职权事项")


def test_chinese_numbers():
    assert [chinese_number(t) for t in ["一千二百", "两万", "十五", "三百零五", "一亿二千万", "三点五"]] == [
        1200, 20000, 15, 305, 120_000_000, 3.5]


# --- consistency checks -------------------------------------------------------------------

def findings_of(text):
    claims, units = claims_of(text)
    return check_claims(claims, units)


def one(findings, check):
    rows = findings[findings.check == check]
    assert len(rows) == 1, findings.to_dict("records")
    return rows.iloc[0]


def test_seed_findings(seed):
    claims = extract_claims(seed.units)
    findings = check_claims(claims, seed.units)
    raw = dict(zip(claims.claim_id.astype(str), claims.raw))
    by_raw = {tuple(raw[i] for i in row.claim_ids.split("|")): (row.check, row.status) for row in findings.itertuples()}
    assert by_raw[("48件", "2件", "3件", "7件", "36件")] == ("sum_of_parts", "consistent")
    assert by_raw[("11601件", "11594件", "99.93%")] == ("rate_of_counts", "rounding")
    assert by_raw[("121个", "119.8%")] == ("implied_base", "consistent")
    assert by_raw[("1180个", "106.88%")] == ("implied_base", "consistent")
    assert by_raw[("19件", "10件")] == ("part_of_whole", "consistent")
    assert by_raw[("56980条", "39526条")] == ("part_of_whole", "consistent")
    assert by_raw[("3个工作日", "1个工作日")] == ("change_direction", "consistent")
    assert "about 101" in findings[findings.claim_ids == "43|45"].detail.iloc[0]
    assert (findings.status != "inconsistent").all()


def test_sum_of_parts_on_other_numbers():
    row = one(findings_of("共受理案件120件，办结100件，其中调解结案40件，判决结案60件。"), "sum_of_parts")
    assert row.status == "consistent" and "100件 = " in row.detail
    row = one(findings_of("共办理案件50件，其中调解30件，判决25件。"), "sum_of_parts")
    assert row.status == "inconsistent" and "55件" in row.detail


@pytest.mark.parametrize(("text", "status"), [
    ("调解纠纷200件，调解成功190件，成功率95%。", "consistent"),
    ("调解纠纷200件，调解成功190件，成功率97%。", "inconsistent"),
    ("受理申请800件，办结799件，办结率99.87%。", "rounding"),
])
def test_rate_of_counts(text, status):
    assert one(findings_of(text), "rate_of_counts").status == status


@pytest.mark.parametrize(("text", "status", "words"), [
    ("建成调解室50个，建成率125%。", "consistent", "base 40 gives"),
    ("建成服务站3个，建成率41%。", "inconsistent", "no integer base"),
    ("诉前调解案件606件，占民事案件总量的10%。", "consistent", "5772–6378"),
])
def test_implied_base(text, status, words):
    row = one(findings_of(text), "implied_base")
    assert row.status == status and words in row.detail


def test_part_of_whole_cannot_exceed_it():
    row = one(findings_of("收到备案文件10件，经审查予以备案12件。"), "part_of_whole")
    assert row.status == "inconsistent"


def test_change_direction_and_rate():
    assert one(findings_of("办理时限由5个工作日缩短至8个工作日。"), "change_direction").status == "inconsistent"
    findings = findings_of("审批时间由20天压缩至5天，压缩75%。")
    assert one(findings, "change_direction").status == "consistent"
    assert one(findings, "change_rate").status == "consistent"
    assert one(findings_of("审批时间由20天压缩至5天，压缩60%。"), "change_rate").status == "inconsistent"


def cli(*args):
    return subprocess.run([sys.executable, "-m", "jzrol.cli", *map(str, args)], capture_output=True, text=True)


def test_claims_and_checks_commands():
    claims = cli("claims", paths.SEED_REPORT, DATA / "no-title.txt")
    assert claims.returncode == 0, claims.stderr
    table = pd.read_csv(__import__("io").StringIO(claims.stdout), keep_default_na=False)
    assert set(table.doc_id) == {"jinzhou-2020-rule-of-law-government-report", "no-title"}
    checks = cli("checks", paths.SEED_REPORT, "--format", "json")
    assert checks.returncode == 0 and '"rounding"' in checks.stdout
    bad = cli("claims", DATA / "binary.bin")
    assert bad.returncode == 2 and "binary file" in bad.stderr
