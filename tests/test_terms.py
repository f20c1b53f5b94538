"""Tokenizer, lexicons, counts, keyness, KWIC, collocations and keywords on real text."""

import math
import subprocess
import sys
from collections import Counter

import jieba
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from jzrol import paths, plots, read_report, terms
from tests.conftest import DATA

CONTEXTS = ["，{}。", "全面推进{}工作", "我市{}取得新进展"]


@pytest.fixture(scope="module")
def seed_tokens(seed):
    return terms.tokens(seed.units)


def test_every_userdict_entry_is_one_token_in_context():
    """No token boundary falls inside an entry (it may sit inside a longer entry, 人民政府 in 市人民政府)."""
    tokenizer = terms.get_tokenizer()
    vocabulary = {entry.word for entry in terms.read_userdict()}
    split = []
    for entry in terms.read_userdict():
        for context in CONTEXTS:
            text = context.format(entry.word)
            start = context.index("{}")
            end = start + len(entry.word)
            boundaries = {b for _, s, e in tokenizer.tokenize(text) for b in (s, e)}
            covering = [t for t, s, e in tokenizer.tokenize(text) if s <= start and e >= end]
            if any(start < b < end for b in boundaries) or not (covering and covering[0] in vocabulary):
                split.append((entry.word, text, tokenizer.cut(text)))
    assert not split, split[:20]


def test_userdict_is_a_genre_vocabulary_not_a_seed_word_list(seed):
    words = [entry.word for entry in terms.read_userdict()]
    assert len(words) >= 300 and len(set(words)) == len(words)
    body = "".join(seed.units.norm)
    assert sum(word not in body for word in words) > len(words) / 2
    for slogan in ["放管服", "一网通办", "最多跑一次", "一件事一次办", "枫桥经验", "三项制度", "行政执法三项制度"]:
        assert slogan in words


def test_issue_examples_come_out_whole():
    tokenizer = terms.get_tokenizer()
    assert "法治政府建设" in tokenizer.cut("推进法治政府建设")
    assert "一网通办" in tokenizer.cut("全力推进一网通办")
    assert "行政执法三项制度" in tokenizer.cut("落实行政执法三项制度")


def test_tokenizer_is_private_from_jieba_global_state():
    ours = terms.Tokenizer()
    before = ours.cut("推动法治政府建设各项工作")
    jieba.add_word("政府建设各项", freq=10**9)
    try:
        assert ours.cut("推动法治政府建设各项工作") == before
        assert terms.Tokenizer().cut("推动法治政府建设各项工作") == before
    finally:
        jieba.del_word("政府建设各项")
    assert "一网通办" not in jieba.lcut("全力推进一网通办", HMM=False)  # and we never touched the global one


def test_rjieba_and_jieba_engines_agree_on_the_seed_and_fixtures(seed):
    fast, reference = terms.Tokenizer(engine="rjieba"), terms.Tokenizer(engine="jieba")
    for text in [seed.text, read_report(DATA / "no-title.txt").text, read_report(DATA / "traditional.txt").text]:
        assert fast.cut(text) == reference.cut(text)
        assert fast.tokenize(text) == reference.tokenize(text)


def test_a_tokenizer_does_not_build_rjiebas_unused_default_dictionary():
    # rjieba's __init__ builds a module-level tokenizer jzrol never uses; jzrol loads the compiled class
    # alone, and a later plain import of rjieba still works and shares that class.
    code = ("import sys; from jzrol import terms; tokenizer = terms.get_tokenizer(); "
            "print('rjieba' in sys.modules, tokenizer.cut('全力推进一网通办')); "
            "import rjieba, rjieba.rjieba; "
            "print(rjieba.cut('依法行政', False), type(tokenizer._segmenter) is rjieba.rjieba.Jieba is rjieba.Jieba)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["False ['全力', '推进', '一网通办']", "['依法行政'] True"]


def test_rjieba_and_jieba_counts_agree_on_the_corpus(corpus_files):
    fast, reference = terms.Tokenizer(engine="rjieba"), terms.Tokenizer(engine="jieba")
    texts = [path.read_text(encoding="utf-8") for path in corpus_files[::5]]
    assert terms.count_texts(texts, tokenizer=fast) == terms.count_texts(texts, tokenizer=reference)


def test_stopwords_numbers_and_punctuation_are_not_counted(seed_tokens):
    counted = set(terms.count_terms(seed_tokens)["term"])
    assert not counted & {"的", "和", "，", "。", "99.93", "%", "2020", "一是"}
    assert "法治政府建设" in counted


def test_policy_verbs_are_a_choice(seed_tokens):
    kept = terms.count_terms(seed_tokens, policy_verbs="keep")
    dropped = terms.count_terms(seed_tokens, policy_verbs="drop")
    verbs = terms.read_wordlist(terms.POLICY_VERBS)
    assert {"加强", "推进", "进一步"} <= verbs
    assert set(kept.term) & verbs and not set(dropped.term) & verbs
    assert set(dropped.term) == set(kept.term) - verbs


def test_counts_by_part_add_up_to_the_document(seed_tokens):
    by_doc = terms.count_terms(seed_tokens).set_index("term")["n"]
    by_part = terms.count_terms(seed_tokens, by=["doc_id", "part"]).groupby("term")["n"].sum()
    pd.testing.assert_series_equal(by_doc.sort_index(), by_part.sort_index(), check_names=False)
    per_part = terms.count_terms(seed_tokens, by=["doc_id", "part", "section"]).groupby(["part", "section"])
    assert all(abs(total - 1000) < 1 for total in per_part["per_1000"].sum())


def test_count_texts_streams_to_the_same_counts(seed, seed_tokens):
    streamed = terms.count_texts(seed.units.loc[seed.units.kind == "text", "norm"])
    table = terms.count_terms(seed_tokens)
    assert streamed == Counter(dict(zip(table.term, table.n)))


def test_top_terms_per_group(seed_tokens):
    top = terms.top_terms(terms.count_terms(seed_tokens, by=["doc_id", "part"]), 3)
    assert top.groupby("part").size().max() == 3
    assert (top.groupby("part")["n"].apply(lambda s: s.is_monotonic_decreasing)).all()


def test_keyness_matches_hand_computed_values():
    table = terms.keyness(pd.Series({"甲": 10, "乙": 90}), pd.Series({"甲": 10, "乙": 90})).set_index("term")
    assert table.loc["甲", "g2"] == 0 and table.loc["甲", "log_ratio"] == 0 and table.loc["甲", "direction"] == 0
    table = terms.keyness(pd.Series({"甲": 20, "乙": 80}), pd.Series({"乙": 100})).set_index("term")
    # whole 2×2 table: 20 | 80 over 0 | 100, expected 10 | 90 in each row
    g2 = 2 * (20 * math.log(2) + 80 * math.log(80 / 90) + 100 * math.log(100 / 90))
    assert table.loc["甲", "g2"] == pytest.approx(g2, abs=1e-4)
    assert table.loc["甲", "log_ratio"] == pytest.approx(math.log2(20 / 0.5), abs=1e-4)
    assert table.loc["甲", "p_g2"] == pytest.approx(math.erfc(math.sqrt(g2 / 2)), rel=1e-6)
    assert table.loc["甲", "p_method"] == "g2" and table.loc["甲", "p"] == table.loc["甲", "p_g2"]
    assert table.loc["甲", "per_million_target"] == 200_000


def test_keyness_direction_is_the_sign_of_the_rate_difference_with_zero_counts_on_either_side():
    # 甲 is absent from the target: its smoothed log ratio, log2((0.5/100) / (2/10000)), is positive,
    # yet the reference uses it more. 乙 is absent from the reference.
    target = pd.Series({"乙": 3, "丙": 97})
    reference = pd.Series({"甲": 2, "丙": 9998})
    table = terms.keyness(target, reference, min_n=2, both_ways=True).set_index("term")
    assert table.loc["甲", "log_ratio"] > 0 and table.loc["甲", "direction"] == -1
    assert table.loc["乙", "direction"] == 1 and table.loc["乙", "n_reference"] == 0
    assert table.loc["丙", "direction"] == -1  # 97 % of the target, 99.98 % of the reference
    assert table.index[0] == "乙"  # the only term more frequent in the target comes first


def test_keyness_direction_on_the_seed_against_rates(seed_tokens):
    for reference in ({"part": 1}, None):
        table = terms.keyness_between(seed_tokens, {"part": 2}, reference, policy_verbs="drop")
        rate_difference = table.per_million_target - table.per_million_reference
        assert (table.direction[rate_difference.abs() > 1e-3] == rate_difference[rate_difference.abs() > 1e-3]
                .map(lambda v: 1 if v > 0 else -1)).all()
        assert (table.direction[table.n_target == 0] == -1).all()
        assert (table.direction[(table.n_reference == 0) & (table.n_target > 0)] == 1).all()
        side = table.direction.map({1: 0, -1: 1, 0: 2})
        assert side.is_monotonic_increasing  # more in the target, then more in the reference, then equal


def test_small_counts_get_fishers_exact_p_and_every_p_is_adjusted():
    # The issue's case: 2 against 0 in two equal halves; the chi-squared tail of G² is far too small.
    target = pd.Series({"甲": 2, "乙": 498, "丙": 500})
    reference = pd.Series({"乙": 500, "丙": 500})
    table = terms.keyness(target, reference, min_n=2).set_index("term")
    row = table.loc["甲"]
    g2 = 2 * (2 * math.log(2) + 998 * math.log(998 / 999) + 1000 * math.log(1000 / 999))
    assert row.p_method == "fisher" and row.p_g2 == pytest.approx(math.erfc(math.sqrt(g2 / 2)), rel=1e-6)
    both_in_target = (1000 * 999) / (2000 * 1999)  # C(1000, 2) / C(2000, 2); both in the reference as likely
    assert row.p == pytest.approx(2 * both_in_target, rel=1e-9) and row.p > 5 * row.p_g2
    assert table.loc["乙", "p_method"] == "g2"
    assert terms.keyness(target, reference, exact_below=0).set_index("term").loc["甲", "p_method"] == "g2"
    ranked = table.sort_values("p")
    m = len(ranked)
    by_hand = [min(1.0, min(p * m / rank for rank, p in enumerate(ranked.p, start=1) if rank >= i))
               for i in range(1, m + 1)]
    assert ranked.p_bh.tolist() == pytest.approx(by_hand)


def test_williams_correction_divides_g2_by_q():
    target, reference = pd.Series({"a": 3, "b": 7}), pd.Series({"a": 7, "b": 2})  # quanteda's own test table
    plain = terms.keyness(target, reference, exact_below=0).set_index("term")
    corrected = terms.keyness(target, reference, exact_below=0, correction="williams").set_index("term")
    cells = [[3, 7], [7, 2]]
    n = 19
    rows, columns = [sum(r) for r in cells], [sum(c) for c in zip(*cells)]
    q = 1 + (n * sum(1 / r for r in rows) - 1) * (n * sum(1 / c for c in columns) - 1) / (6 * n)
    assert corrected.loc["a", "g2"] == pytest.approx(plain.loc["a", "g2"] / q, abs=1e-4)
    assert corrected.loc["a", "p_method"] == "g2_williams" and corrected.loc["a", "p_g2"] > plain.loc["a", "p_g2"]
    with pytest.raises(ValueError, match="correction"):
        terms.keyness(target, reference, correction="yates")


def test_keyness_ties_are_broken_by_term_in_code_point_order():
    target = pd.Series({"甲": 2, "乙": 2, "丙": 2, "丁": 300})
    reference = pd.Series({"丁": 400})
    for order in (["甲", "乙", "丙", "丁"], ["丙", "丁", "乙", "甲"]):
        table = terms.keyness(target[order], reference, min_n=2)
        tied = table[table.n_target == 2]
        assert tied.g2.nunique() == 1
        assert tied.term.tolist() == ["丙", "乙", "甲"]  # Unicode code points 4E19, 4E59, 7532


def test_keyness_problems_against_achievements_on_the_seed(seed_tokens):
    table = terms.keyness_between(seed_tokens, {"part": 2}, {"part": 1}, policy_verbs="drop")
    problems = table[table.direction > 0].term.head(5).tolist()
    assert "有待" in problems  # 有待提高 / 有待加强: the genre's way of admitting a problem
    under = table[table.direction < 0]
    assert (under.n_target * under.n_reference.sum() < under.n_reference * table.n_target.sum()).all()


def test_reference_corpus_is_counted_as_the_target_is():
    from jzrol.keyness import _jieba_dictionary

    everything = _jieba_dictionary()
    kept = terms.reference_counts()
    without_verbs = terms.reference_counts(drop_policy_verbs=True)
    stop, verbs = terms.read_wordlist(terms.STOPWORDS), terms.read_wordlist(terms.POLICY_VERBS)
    assert not set(kept.index) & stop and set(everything.index) & stop
    assert not set(without_verbs.index) & verbs and set(kept.index) & verbs
    assert all(terms.is_content(word) for word in kept.index)
    assert kept.sum() == everything[[w not in stop and terms.is_content(w) for w in everything.index]].sum()
    assert everything.sum() > kept.sum() > without_verbs.sum()


def test_keyness_against_general_chinese_gives_reference_rates_per_million(seed_tokens):
    table = terms.keyness_between(seed_tokens, {"part": [0, 1, 2, 3]}, None, policy_verbs="drop", min_n=3)
    reference = terms.reference_counts(drop_policy_verbs=True)
    row = table.set_index("term").loc["立法"]
    assert row.n_reference == reference["立法"]
    assert row.per_million_reference == pytest.approx(reference["立法"] * 1e6 / reference.sum(), abs=1e-3)
    assert row.per_million_reference > 0 and (table.per_million_reference[table.n_reference > 0] > 0).all()


def test_keyness_with_nothing_to_compare_is_an_empty_table_of_the_same_types(seed_tokens):
    empty = terms.keyness_between(seed_tokens, {"part": 9}, {"part": 1})  # the seed has no part 9
    full = terms.keyness_between(seed_tokens, {"part": 2}, {"part": 1})
    assert empty.empty and empty.dtypes.to_dict() == full.dtypes.to_dict()
    fig, ax = plt.subplots()
    assert plots.plot_keyness(empty, target_label="problems", ax=ax) is ax
    assert "nothing to compare" in ax.texts[0].get_text()
    plt.close(fig)


def test_keyness_against_general_chinese_finds_policy_terms(seed_tokens):
    table = terms.keyness_between(seed_tokens, {"part": [0, 1, 2, 3]}, None, policy_verbs="drop", min_n=3)
    assert {"法治政府建设", "规范性文件"} <= set(table.term.head(10))


def test_kwic_token_and_substring(seed):
    by_token = terms.kwic(seed.units, "法治政府建设")
    by_substring = terms.kwic(seed.units, "法治政府建设", match="substring")
    # 17 in sentences + 5 in headings; the substring also finds 法治政府建设示范创建 (7 more)
    assert len(by_token) == 22 and len(by_substring) == 29
    row = by_token.iloc[0]
    assert row.keyword == "法治政府建设" and len(row.left) <= 15 and len(row.right) <= 15
    assert terms.kwic(seed.units, "不存在的词").empty


def test_collocations(seed_tokens):
    table = terms.collocations(seed_tokens, min_freq=3)
    assert (table.n >= 3).all()
    pair = table[(table["first"] == "人民") & (table["second"] == "群众")].iloc[0]
    assert pair.n == 5 and pair.pmi > 5 and pair.g2 > 10


def test_tfidf_keywords_per_section(seed_tokens):
    table = terms.tfidf_keywords(seed_tokens, top_n=3)
    top = table.groupby(["part", "section"])["term"].apply(list)
    assert top[(1, 5)][0] == "规范性文件"  # section on normative documents
    assert "行政复议" in top[(1, 8)] and "立法" in top[(1, 4)]
    assert (table.groupby(["part", "section"]).size() == 3).all()


def test_textrank_keywords_are_deterministic_content_terms(seed_tokens):
    first = terms.textrank_keywords(seed_tokens, top_n=10)
    assert first.equals(terms.textrank_keywords(seed_tokens, top_n=10))
    assert not any(any(c.isdigit() for c in term) for term in first.term)
    assert "法治政府建设" in first.term.tolist()


def test_textrank_is_pagerank_on_the_candidate_window_graph():
    """One sentence 法治的政府，法治的建设: stopwords leave 法治 政府 法治 建设; window 3 links candidates 1-2 apart."""
    from jzrol import parse_report

    toks = terms.tokens(parse_report("一、成效\n\n法治的政府，法治的建设。").units)
    assert [t for t, s in zip(toks.token, toks.stop) if not s] == ["法治", "政府", "法治", "建设"]
    table = terms.textrank_keywords(toks, window=3, policy_verbs="keep").set_index("term")
    # links: 法治-政府 twice (1 apart, on both sides of 政府), 法治-建设 (1 apart), 政府-建设 (2 apart);
    # 法治-法治 (2 apart) is no link
    weights = np.array([[0, 1, 1], [1, 0, 2], [1, 2, 0]], dtype=float)  # 建设, 政府, 法治 (code-point order)
    transition = weights / weights.sum(axis=1, keepdims=True)
    damping = 0.85
    exact = np.linalg.solve(np.eye(3) - damping * transition.T, np.full(3, (1 - damping) / 3))
    assert table.loc[["建设", "政府", "法治"], "score"].tolist() == pytest.approx(exact, abs=1e-6)
    assert table.loc["法治", "n"] == 2


def test_textrank_on_a_corpus_vocabulary_stays_sparse(corpus_reports):
    """Forty reports as one graph: a dense matrix of their vocabulary would take gigabytes."""
    import tracemalloc

    units = pd.concat([report.units for report in corpus_reports[-40:]], ignore_index=True)
    toks = terms.tokens(units).assign(doc_id="all")
    vocabulary = toks[~toks.stop & ~toks.policy_verb & (toks.token.str.len() >= 2)].token.nunique()
    assert vocabulary ** 2 * 8 > 1e9
    tracemalloc.start()
    table = terms.textrank_keywords(toks, top_n=5)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(table) == 5 and peak < 200e6


@pytest.mark.parametrize(("line", "reason"), [
    ("法治 3000 n extra", "4 fields"),
    ("法治 -5 n", "cannot read"),
    ("法治 0 n", "must be positive"),
    ("12345", "no Chinese character"),
])
def test_bad_userdict_line_is_named(tmp_path, line, reason):
    path = tmp_path / "userdict.txt"
    path.write_text(f"# comment\n法治政府 3000 n\n{line}\n", encoding="utf-8")
    with pytest.raises(terms.LexiconError, match=rf"userdict.txt:3: .*{reason}"):
        terms.read_userdict(path)


def cli(*args):
    return subprocess.run([sys.executable, "-m", "jzrol.cli", *map(str, args)], capture_output=True, text=True)


def test_terms_command_several_files_by_part():
    result = cli("terms", paths.SEED_REPORT, DATA / "gbk.txt", "--by", "part", "--top", "3")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(__import__("io").StringIO(result.stdout))
    assert list(table.columns) == ["doc_id", "part", "term", "n", "per_1000"]
    assert set(table.doc_id) == {"jinzhou-2020-rule-of-law-government-report", "gbk"}


def test_kwic_command_and_its_errors(tmp_path):
    ok = cli("kwic", paths.SEED_REPORT, "-t", "枫桥经验")
    assert ok.returncode == 0 and "枫桥经验" in ok.stdout
    unknown = cli("kwic", paths.SEED_REPORT, "-t", "量子")
    assert unknown.returncode == 2 and "does not occur" in unknown.stderr
    split = cli("kwic", paths.SEED_REPORT, "-t", "法治政府工作")
    assert split.returncode == 2 and "not one token" in split.stderr
    chrome_only = tmp_path / "chrome-only.txt"
    chrome_only.write_text("当前位置：首页 > 正文\n\n上一篇\n\n主办单位：某市人民政府\n", encoding="utf-8")
    empty = cli("terms", chrome_only)
    assert empty.returncode == 2 and "no body text" in empty.stderr and str(chrome_only) in empty.stderr
    bad = tmp_path / "bad.txt"
    bad.write_text("法治 3000 n\n法治 x y z\n", encoding="utf-8")
    bad_dict = cli("terms", paths.SEED_REPORT, "--userdict", bad)
    assert bad_dict.returncode == 2 and "bad.txt:2:" in bad_dict.stderr and "Traceback" not in bad_dict.stderr
