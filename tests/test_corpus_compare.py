"""Comparing governments: document variables, grouping by any of them, shares with their counts."""

import shutil
import warnings

import pandas as pd
import pytest

from jzrol import corpus, paths, read_report, themes
from jzrol.sources import SourceError
from tests.conftest import DATA

DOCVARS = paths.DATA_DIR / "docvars" / "state-council.csv"


@pytest.fixture(scope="module")
def districts(tmp_path_factory):
    """Four small reports named place_year: two places, one of them twice in 2021 (two reports, one year)."""
    folder = tmp_path_factory.mktemp("districts")
    for name, source in [("沈河区_2020", "county-no-blank-lines.txt"), ("沈河区_2021", "gbk.txt"),
                         ("和平区_2021", "traditional.txt"), ("和平区-2021", "no-title.txt")]:
        shutil.copy(DATA / source, folder / f"{name}.txt")
    return folder


@pytest.fixture(scope="module")
def state_council(corpus_files):
    with warnings.catch_warnings():
        warnings.simplefilter("error", corpus.DocvarsWarning)  # the docvars file covers every report
        return corpus.summarize(corpus_files, workers=2, progress=False, docvars=DOCVARS)


def test_documents_carry_their_variables_and_names_read_as_readtext_does(districts):
    with pytest.warns(corpus.DocvarsWarning, match=r"does not match 1 file name\(s\): 和平区-2021.txt"):
        summary = corpus.summarize([districts], progress=False, docvars_from="{place}_{year}")
    docs = summary.documents.set_index("doc_id")
    assert set(corpus.DOCVARS) - {"doc_id"} <= set(docs.columns)
    assert docs.loc["沈河区_2020", "place"] == "沈河区" and docs.loc["和平区_2021", "place"] == "和平区"
    assert docs.loc["沈河区_2021", "year_docvars"] == 2021  # the counted year stays the parser's
    assert set(docs["codebook"]) <= {"rule_of_law", "work_report"}


def test_a_docvars_file_naming_files_not_in_the_corpus_or_missing_one_is_reported(districts, tmp_path):
    table = tmp_path / "vars.csv"
    table.write_text("file,district_type\n沈河区_2020.txt,core\n沈河区_2021,core\n和平区_2021.txt,core\n"
                     "铁西区_2021.txt,industrial\n", encoding="utf-8")
    with pytest.warns(corpus.DocvarsWarning) as caught:
        summary = corpus.summarize([districts], progress=False, docvars=table)
    message = str(caught[0].message)
    assert "1 not in the corpus (铁西区_2021.txt)" in message and "1 report(s) without a row (和平区-2021.txt)" in message
    kinds = summary.documents.set_index("doc_id")["district_type"]
    assert kinds.drop("和平区-2021").eq("core").all() and pd.isna(kinds["和平区-2021"])
    bad = tmp_path / "bad.csv"
    bad.write_text("name,x\na,1\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"bad\.csv: a docvars table needs a doc_id or a file column"):
        corpus.summarize([districts], progress=False, docvars=bad)


def test_corpus_table_rows_carry_the_document_variables(districts):
    with pytest.warns(corpus.DocvarsWarning, match="和平区-2021.txt"):
        table, errors = corpus.corpus_table([districts], "claims", docvars_from="{place}_{year}")
    assert not errors and len(table)
    assert {"doc_id", "title", "place", "level", "year", "delivered", "genre", "codebook"} <= set(table.columns)
    assert set(table.loc[table.doc_id.str.startswith("沈河区"), "place"]) == {"沈河区"}


def test_two_reports_of_one_place_in_one_year_show_in_n_docs(districts):
    table = pd.DataFrame({"file": ["沈河区_2020.txt", "沈河区_2021.txt", "和平区_2021.txt", "和平区-2021.txt"],
                          "district": ["沈河区", "沈河区", "和平区", "和平区"], "report_year": [2020, 2021, 2021, 2021]})
    summary = corpus.summarize([districts], progress=False, docvars=table)
    trend = corpus.term_trend(summary, ["法治"], by=["district", "report_year"])
    assert trend[["district", "report_year", "n_docs"]].values.tolist() == [
        ["和平区", 2021, 2], ["沈河区", 2020, 1], ["沈河区", 2021, 1]]
    one = corpus.summarize_document(districts / "和平区_2021.txt").terms
    other = corpus.summarize_document(districts / "和平区-2021.txt").terms
    assert trend.loc[trend.district == "和平区", "total"].item() == sum(one.values()) + sum(other.values())
    claims = corpus.claims_by_year(summary, by=["district"])
    assert claims["n_docs"].tolist() == [2, 2] and claims["claims"].sum() == summary.documents["claims"].sum()


def test_grouping_by_premier_adds_up_the_reports(state_council):
    docs = state_council.documents
    assert docs["premier"].notna().all() and docs["premier"].nunique() == 8
    trend = corpus.term_trend(state_council, ["改革"], by="premier").set_index("premier")
    assert trend["n_docs"].to_dict() == docs.groupby("premier").size().to_dict()
    assert trend.loc["温家宝", "n_docs"] == 10 and trend.loc["李强", "n_docs"] == 2
    yearly = corpus.term_trend(state_council, ["改革"])
    premier_of_year = docs.set_index("year")["premier"]
    by_hand = yearly.assign(premier=yearly["year"].map(premier_of_year)).groupby("premier")[["n", "total"]].sum()
    assert (by_hand["n"] == trend["n"]).all() and (by_hand["total"] == trend["total"]).all()
    # a grouping that cuts across years is recounted report by report and gives the same numbers
    cross = corpus.term_trend(state_council, ["改革"], by=["premier", "plan_period"])
    assert cross.groupby("premier")["n"].sum().to_dict() == trend["n"].to_dict()


def test_theme_shares_per_group_are_shares_of_sentences_with_counts(state_council, corpus_files):
    table = corpus.theme_trend(state_council, by="premier")
    work = table[table["codebook"] == "work_report"]
    row = work[(work.premier == "李强") & (work.theme == "ecology")].iloc[0]
    li = [p for p in corpus_files if p.stem in ("2024", "2025")]
    units = [read_report(p).units for p in li]
    hits = pd.concat([themes.code_units(u, codebook=themes.WORK_REPORT_THEMES_FILE) for u in units])
    sentences = sum(int((u["kind"] == "text").sum()) for u in units)
    coded = hits[hits.theme == "ecology"].groupby("doc_id")["unit_id"].nunique().sum()
    assert (row["sentences"], row["n_sentences"], row["n_docs"]) == (coded, sentences, 2)
    assert row["sentence_share"] == round(coded / sentences, 4)
    assert (work.groupby(["premier", "codebook"])["share"].sum().round(3) == 1).all()


def test_claims_per_group_are_rates_with_their_counts(state_council):
    table = corpus.claims_by_year(state_council, by="premier").set_index("premier")
    zhou = state_council.documents[state_council.documents["premier"] == "周恩来"]
    assert table.loc["周恩来", "claims"] == zhou["claims"].sum() and table.loc["周恩来", "n_docs"] == len(zhou)
    assert table.loc["周恩来", "claims_per_10k_chars"] == round(zhou["claims"].sum() * 10_000 / zhou["characters"].sum(), 2)
    assert table.loc["周恩来", "exact_share"] == round(zhou["exact_claims"].sum() / zhou["claims"].sum(), 4)


def test_keyness_of_one_group_against_the_rest(state_council):
    table = corpus.keyness_group(state_council, by="plan_period", target="14th FYP 2021–2025")
    assert table["n_docs_target"].iloc[0] == 5 and table["n_docs_reference"].iloc[0] == 47
    top = table[table["direction"] == 1].head(30)["term"].tolist()
    assert "高质量发展" in top or "新冠" in "".join(top)
    with pytest.raises(KeyError, match="no documents with premier = '无名'"):
        corpus.keyness_group(state_council, by="premier", target="无名")
    with pytest.raises(KeyError, match="no document variable region"):
        corpus.term_trend(state_council, ["改革"], by="region")
