"""Corpora: listing inputs, parallel summaries, failures that do not stop the rest, trends."""

import io
import pickle
import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest

from jzrol import claims, corpus, paths, read_report, terms, themes
from jzrol.sources import SourceError
from tests.conftest import DATA


def test_list_reports_expands_folders_and_globs_without_duplicates():
    files = corpus.list_reports([DATA, str(DATA / "*.html"), DATA / "gbk.txt"])
    assert files == sorted(set(files), key=files.index)
    assert DATA / "page.html" in files and DATA / "gbk.txt" in files and DATA / "binary.bin" not in files
    with pytest.raises(SourceError, match="pattern matches no file"):
        corpus.list_reports([str(DATA / "*.docx")])


def test_summary_of_a_folder_with_bad_files_reports_and_skips_them():
    summary = corpus.summarize([DATA], workers=2, progress=False)
    failed = set(summary.failures.doc_id)
    assert failed == {"empty", "blank", "not-chinese-encoding", "no-report-page"}
    assert all(str(DATA) in error for error in summary.failures.error)
    ok = summary.documents[summary.documents.error.isna()]
    assert {"gbk", "page", "traditional", "no-title"} <= set(ok.doc_id)
    assert (ok.tokens > 0).all()


def test_a_folder_in_which_every_report_fails_gives_empty_tables(tmp_path):
    for name in ("empty.txt", "blank.txt"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    summary = corpus.summarize([tmp_path], progress=False)
    assert set(summary.failures.doc_id) == {"empty", "blank"}
    assert set(corpus.META_COLUMNS) <= set(summary.documents.columns)
    assert corpus.claims_by_year(summary).empty and corpus.term_trend(summary, ["法治"]).empty
    assert corpus.theme_trend(summary).empty
    assert list(corpus.summarize_document(DATA / "gbk.txt").meta) == list(corpus.META_COLUMNS)


def test_one_and_two_workers_agree():
    one = corpus.summarize([DATA], workers=1, progress=False)
    two = corpus.summarize([DATA], workers=2, progress=False)
    pd.testing.assert_frame_equal(one.documents, two.documents)
    assert one.totals == two.totals and one.year_terms == two.year_terms


def test_three_workers_and_batches_of_one_report_agree_with_one(monkeypatch):
    # batches of one report each: every batch sends back counts in a numbering of its own
    monkeypatch.setattr(corpus.engine, "_BATCHES_PER_WORKER", 1000)
    one = corpus.summarize([DATA], workers=1, progress=False)
    three = corpus.summarize([DATA], workers=3, progress=False)
    pd.testing.assert_frame_equal(one.documents, three.documents)
    assert one.year_terms == three.year_terms
    pd.testing.assert_frame_equal(one.themes, three.themes)


def test_streamed_counts_match_the_single_report_tables(seed):
    result = corpus.summarize_document(paths.SEED_REPORT)
    table = terms.count_terms(terms.tokens(seed.units))
    assert result.terms == Counter(dict(zip(table.term, table.n)))
    hits = themes.code_units(seed.units)
    assert dict(result.themes) == hits.groupby("theme")["hits"].sum().to_dict()
    assert result.coded_sentences == hits.unit_id.nunique()


def test_streamed_counts_match_the_tables_on_the_state_council_corpus(corpus_files):
    for path in corpus_files[::10]:
        report, result = read_report(path), corpus.summarize_document(path)
        table = terms.count_terms(terms.tokens(report.units))
        assert result.terms == Counter(dict(zip(table.term, table.n))), path.name
        assert result.claims == Counter(claims.extract_claims(report.units)["kind"]), path.name
        assert result.meta["codebook"] == "work_report", path.name  # the genre's codebook
        hits = themes.code_units(report.units, codebook=themes.WORK_REPORT_THEMES_FILE)
        assert dict(result.themes) == hits.groupby("theme")["hits"].sum().to_dict(), path.name
        assert result.coded_sentences == hits.unit_id.nunique(), path.name


def test_year_term_counts_merge_as_a_worker_sends_them():
    first, second = corpus.YearTermCounts(), corpus.YearTermCounts()
    first.add(2020, Counter(法治=2, 依法=1))
    second.add(2019, Counter(改革=4))
    many = Counter({f"词{i}": 1 for i in range(2000)})
    second.add(2020, many)  # the 2019 row is now shorter than the vocabulary
    second.add(2020, Counter(法治=5))
    first.merge(pickle.loads(pickle.dumps(second)))
    assert first.counters() == {2019: Counter(改革=4), 2020: Counter(法治=7, 依法=1) + many}
    assert first.total() == Counter(first.counters()[2019]) + first.counters()[2020]
    assert first.row(2019).sum() == 4 and len(first.row(2019)) == len(first.words)
    assert [first.words[i] for i in first.ids_of("法", contains=True)] == ["法治", "依法"]
    assert first.ids_of("行政") == []


def test_a_batch_table_counts_by_word_number_and_sends_only_the_words_it_counted():
    analysis = corpus.Analysis()
    table = corpus.YearTermCounts(numbering=analysis.vocabulary())
    summary = corpus.summary._summarize(corpus.ReportFile(DATA / "gbk.txt", "gbk"), table, analysis)
    assert summary.terms == Counter() and summary.tokens > 0
    corpus.summarize_document(DATA / "traditional.txt")  # the process's vocabulary grows
    sent = pickle.loads(pickle.dumps(table.compact()))
    assert len(sent.words) < len(analysis.vocabulary().words)
    assert sent.total() == corpus.summarize_document(DATA / "gbk.txt").terms
    assert sum(sent.total().values()) == summary.tokens


def test_sentences_joined_by_line_breaks_segment_as_they_do_alone(corpus_files, corpus_reports):
    tokenizer = terms.get_tokenizer()
    for path, report in zip(corpus_files, corpus_reports):
        sentences = report.units.query("kind == 'text'")["norm"].tolist()
        alone = [token for words in tokenizer.cut_many(sentences) for token in [*words, "\n"]][:-1]
        assert tokenizer.cut("\n".join(sentences)) == alone, path.name


def test_phrases_alone_code_a_sentence():
    # a phrase alone, nothing, a phrase with a theme word, a theme word alone
    sentences = ["推进信息公开。", "会议召开。", "领导干部主动向社会公开。", "加强绩效考核。"]
    joined = "\n".join(sentences)
    vocabulary, ids, numbers, theme_counts, coded = corpus.summary._count_terms_and_themes(joined)
    counts = Counter(dict(zip([vocabulary.words[i] for i in ids], numbers.tolist())))
    expected = themes.code_units(pd.DataFrame({
        "doc_id": "d", "unit_id": range(1, 5), "part": 0, "section": 0, "item": 0, "kind": "text",
        "norm": sentences, "text": sentences}))
    assert dict(theme_counts) == expected.groupby("theme")["hits"].sum().to_dict()
    assert coded == expected.unit_id.nunique() == 3
    assert counts["信息"] == 1 and "。" not in counts


def test_metadata_year_genre_and_script():
    seed = corpus.summarize_document(paths.SEED_REPORT).meta
    assert (seed["year"], seed["year_source"], seed["genre"]) == (2020, "title", "rule_of_law_report")
    traditional = corpus.summarize_document(DATA / "traditional.txt").meta
    assert traditional["script"] == "traditional" and traditional["genre"] == "government_work_report"
    assert corpus.guess_genre(None, "jinzhou-fzzf-2021.txt", "") == "rule_of_law_report"
    assert corpus.guess_genre("关于开展调研的通知", "x.txt", "为了") == "unknown"


@pytest.mark.parametrize(("title", "genre"), [
    ("某县人民政府关于2019年法治政府建设情况的报告", "rule_of_law_report"),
    ("某区2022年法治政府建设工作总结", "rule_of_law_report"),
    ("关于2013年依法行政工作情况的报告", "rule_of_law_report"),  # the genre's name before 2015
    ("某县2021年度法治建设工作报告", "rule_of_law_report"),  # Party committee and government together
    ("某市市长2021年度履行推进法治建设第一责任人职责情况的报告", "leader_duty_report"),
    ("2020年政府工作报告", "government_work_report"),
])
def test_genre_of_the_titles_the_genre_uses(title, genre):
    assert corpus.guess_genre(title, "x.txt", "") == genre


def test_traditional_text_is_counted_in_simplified():
    result = corpus.summarize_document(DATA / "traditional.txt")
    assert {"党的领导", "预算", "依法办事"} <= set(result.terms) and "預算" not in result.terms


def test_trends_and_keyness_on_fixtures():
    summary = corpus.summarize([DATA / "gbk.txt", DATA / "page.html", paths.SEED_REPORT], progress=False)
    trend = corpus.term_trend(summary, ["执法"], match="contains")
    year_2020 = trend[trend.year == 2020].iloc[0]
    counts = summary.year_terms[2020]
    assert year_2020.n == sum(n for t, n in counts.items() if "执法" in t)
    assert year_2020.per_10k == pytest.approx(year_2020.n * 10_000 / year_2020.total, abs=1e-3)
    by_year = corpus.claims_by_year(summary)
    assert by_year.set_index("year").loc[2020, "claims"] == 81
    table = corpus.keyness_document(summary, "gbk").set_index("term")
    own = corpus.summarize_document(DATA / "gbk.txt").terms
    rest = summary.totals - own
    assert table.loc["执法", "n_target"] == own["执法"] and table.loc["执法", "n_reference"] == rest["执法"]
    with pytest.raises(KeyError):
        corpus.keyness_document(summary, "no-such-report")


def test_command_line_takes_folders_and_globs():
    result = subprocess.run([sys.executable, "-m", "jzrol.cli", "info", str(DATA / "*.html"), "--format", "csv"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert set(pd.read_csv(io.StringIO(result.stdout)).doc_id) == {
        "city-page-gbk", "no-report-page", "page", "page-gbk", "page-gbk-declared-latin1", "page-head-meta",
        "page-sidebar", "page-with-table", "district-page-big5"}


def test_the_state_council_corpus(corpus_files):
    summary = corpus.summarize([paths.SHARED_CORPUS], workers=2, progress=False)
    assert summary.failures.empty and len(summary.documents) == len(corpus_files)
    trend = corpus.term_trend(summary, ["法治", "法制"])
    first = trend[trend.n > 0].groupby("term").year.min()
    assert first["法制"] < 1960 and 1990 <= first["法治"] <= 2000
    late = trend[trend.year >= 2015].groupby("term").n.sum()
    assert late["法治"] > 5 * late["法制"]
    assert (summary.documents.genre == "government_work_report").mean() > 0.9
    assert read_report(corpus_files[0]).meta.provenance["script"] == "traditional"


def test_a_local_dask_cluster_gives_the_same_summary():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        on_dask = corpus.summarize([DATA], client=client, progress=False)
    local = corpus.summarize([DATA], workers=1, progress=False)
    pd.testing.assert_frame_equal(on_dask.documents, local.documents)
    assert on_dask.totals == local.totals
    assert set(on_dask.failures.doc_id) == {"empty", "blank", "not-chinese-encoding", "no-report-page"}


@pytest.mark.parametrize("by", [["doc_id"], ["doc_id", "part"], ["doc_id", "part", "section"]])
@pytest.mark.parametrize("policy_verbs", ["keep", "drop"])
def test_streamed_term_tables_are_the_token_tables(corpus_files, by, policy_verbs):
    from jzrol.corpus.tables import count_report_terms

    for path in [paths.SEED_REPORT, DATA / "traditional.txt", DATA / "page.html", *corpus_files[::13]]:
        report = read_report(path)
        expected = terms.count_terms(terms.tokens(report.units), by=by, policy_verbs=policy_verbs)
        streamed = count_report_terms(report, by=by, policy_verbs=policy_verbs)
        pd.testing.assert_frame_equal(streamed, expected, check_dtype=False, obj=path.name)
