"""Consistency checks: precision first (numbers are compared only when the sentence ties them), rounding
half-up, shortfalls, and findings judged by hand on State Council reports."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jzrol import parse_report, read_report
from jzrol.claims import check_claims, extract_claims
from jzrol.claims.checks import rate_status
from tests.conftest import DATA


def findings_of(text):
    units = parse_report(text).units
    return check_claims(extract_claims(units), units)


def statuses(text, check):
    found = findings_of(text)
    return found[found.check == check].status.tolist()


# --- precision: only numbers that belong together ---------------------------------------------

@pytest.mark.parametrize(("text", "status"), [
    ("受理申请800件，办结799件，办结率99.88%。", "consistent"),  # 办结率 names 办结 and 受理
    ("抽检食品500批次，合格490批次，合格率98%。", "consistent"),
    ("抽检食品500件，合格490件，合格率97%。", "inconsistent"),
    ("共有二百零四个县，占全国一千零二十七个植棉县的百分之二十。", "consistent"),  # part 占 whole 的 rate
])
def test_rates_pair_with_the_counts_they_name(text, status):
    assert statuses(text, "rate_of_counts") == [status]


@pytest.mark.parametrize("text", [
    "新建学校120所，培训教师3000人，入学率95%。",        # the rate names none of the counts
    "查处案件300件，罚款1200万元，结案率90%。",           # 件 and 元 are of different kinds
    "接待群众来访2000人次，化解矛盾150件，满意率98%。",   # 满意 is in neither subject
    "新增就业1100万人，城镇调查失业率5.5%。",
])
def test_rates_never_pair_with_counts_of_something_else(text):
    found = findings_of(text)
    assert found[found.check.isin(["rate_of_counts", "implied_base"])].empty, found.to_dict("records")


@pytest.mark.parametrize("text", [
    "在校学生达到80.1万人，普通中学（包括高中和初中）新招生213.7万人。",   # 包括 belongs to the bracket
    "改造和新建1500所县医院、500所县中医院和1000所县妇幼保健院。",       # one list, no total
    "全市有农户12000户，发放补贴3600万元。",                              # 户 against 元
])
def test_no_part_of_a_whole_without_a_cue(text):
    found = findings_of(text)
    assert found[found.check.isin(["part_of_whole", "sum_of_parts"])].empty, found.to_dict("records")


@pytest.mark.parametrize("text", ["出庭应诉0件，出庭率100%。", "受理0件，办结0件，办结率100%。",
                                  "建成调解室0个、服务站0个，建成率分别为100%、100%。"])
def test_a_rate_of_nothing_is_no_finding(text):
    assert findings_of(text).empty  # 0 of 0 says nothing either way


def test_a_rate_of_change_must_follow_its_change():
    assert statuses("由2090元增加到2476元，平均每年实际增长3.8%。", "change_rate") == []
    assert statuses("财政收入由1121亿元增加到2220亿元，增长98%。", "change_rate") == ["consistent"]
    assert statuses("财政收入由1121亿元增加到2220亿元，增长90%。", "change_rate") == ["inconsistent"]


# --- rounding ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("stated", "status", "implied"), [
    ("13%", "consistent", "consistent"),    # 1/8 = 12.5 % rounds half-up to 13 %
    ("12%", "rounding", "rounding"),        # only truncation gives 12 %, for the base 8 as for any
    ("11%", "inconsistent", "consistent"),  # not 1 of 8; but 1 of 9 is 11.1 %
    ("12.5%", "consistent", "consistent"), ("百分之十三", "consistent", "consistent"),
])
def test_rates_round_half_up_at_their_precision(stated, status, implied):
    assert statuses(f"受理案件8件，办结1件，办结率{stated}。", "rate_of_counts") == [status]
    assert statuses(f"办结案件1件，办结率{stated}。", "implied_base") == [implied]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=5000), st.data(), st.integers(min_value=0, max_value=2))
def test_rate_and_implied_base_agree(base, data, decimals):
    part = data.draw(st.integers(min_value=1, max_value=base))
    exact = part / base * 100
    stated = data.draw(st.sampled_from([math.floor(exact * 10**decimals + 0.5) / 10**decimals,
                                        math.floor(exact * 10**decimals) / 10**decimals,
                                        round(exact + 1, decimals)]))
    if stated <= 0:
        return
    rate = f"{stated:.{decimals}f}%"
    of_counts = statuses(f"受理案件{base}件，办结{part}件，办结率{rate}。", "rate_of_counts")
    implied = statuses(f"办结案件{part}件，办结率{rate}。", "implied_base")
    assert of_counts == [rate_status(exact, stated, decimals)]
    # when the stated base gives the rate, an integer base exists; a rate no integer base gives is no base's
    if of_counts == ["consistent"]:
        assert implied == ["consistent"]
    if of_counts == ["rounding"]:
        assert implied in (["consistent"], ["rounding"])
    if implied == ["inconsistent"]:
        assert of_counts == ["inconsistent"]


# --- shortfalls ----------------------------------------------------------------------------------

def test_a_total_listed_in_full_that_falls_short_is_inconsistent():
    found = findings_of("共办理案件50件，其中调解、判决、撤诉分别为20件、15件、10件。")
    row = found[found.check == "sum_of_parts"].iloc[0]
    assert row.status == "inconsistent" and "5件 short" in row.detail


def test_a_sum_of_some_parts_is_no_finding():
    found = findings_of("共办理案件50件，其中调解20件，判决15件。")
    assert found[found.check == "sum_of_parts"].empty


def test_parts_that_add_up_are_consistent():
    found = findings_of("共办理案件45件，其中调解、判决、撤诉分别为20件、15件、10件。")
    assert found[found.check == "sum_of_parts"].status.tolist() == ["consistent"]


# --- findings judged by hand -------------------------------------------------------------------

JUDGED = pd.read_csv(DATA / "checks-gold-state-council.csv", keep_default_na=False)


def test_findings_judged_by_hand(corpus_files):
    by_name = {p.name: p for p in corpus_files}
    found = []
    for file in sorted(set(JUDGED.file)):
        report = read_report(by_name[file.split("/")[-1]])
        claims = extract_claims(report.units)
        start_of = dict(zip(claims.claim_id.astype(str), claims.start))
        for row in check_claims(claims, report.units).itertuples():
            starts = "|".join(str(start_of[i]) for i in row.claim_ids.split("|"))
            found.append((file, starts, row.check, row.status))
    found = pd.DataFrame(found, columns=["file", "starts", "check", "status"])
    judged = found.merge(JUDGED[["file", "starts", "check", "related", "truth"]], on=["file", "starts", "check"])
    # every finding the sample holds is still made, apart from the false pairings of the earlier checks
    expected = JUDGED[JUDGED.related == "yes"]
    assert len(judged[judged.related == "yes"]) >= 0.95 * len(expected)
    consistent = judged[judged.status == "consistent"]
    assert (consistent.related == "yes").mean() >= 0.95
    inconsistent = judged[judged.status == "inconsistent"]
    assert inconsistent.empty or (inconsistent.truth == "inconsistent").mean() >= 0.9
    assert judged[judged.related == "no"].empty  # no false pairing judged so comes back
