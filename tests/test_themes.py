"""Themes codebook: validation, coding, coverage, heading agreement and the three-part comparison."""

import io
import subprocess
import sys

import matplotlib.pyplot as plt
import pandas as pd
import pytest
import yaml

from jzrol import paths, plots, read_report, themes
from jzrol.terms import get_tokenizer
from tests.conftest import DATA

HEADING_EXPECTATIONS = {  # the topic each seed section heading announces (issue text), by section number
    3: "functions", 4: "rules", 5: "rules", 6: "decisions", 7: "enforcement", 8: "disputes", 9: "disputes",
    10: "legal_education", 11: "oversight",
}


@pytest.fixture(scope="module")
def seed_hits(seed):
    return themes.code_units(seed.units)


def test_codebook_has_the_ten_fixed_keys_with_labels_and_definitions():
    book = themes.read_codebook()
    assert book.keys == list(themes.THEME_KEYS)
    labels = book.labels()
    assert labels.label_zh.str.len().min() >= 4 and labels.definition.str.len().min() >= 40
    assert labels.set_index("theme").loc["disputes", "label_zh"] == "矛盾纠纷化解"
    assert (labels["values"] >= 15).all()


def test_codebook_is_a_plain_quanteda_shaped_mapping():
    data = yaml.safe_load(themes.THEMES_FILE.read_text(encoding="utf-8"))
    assert list(data) == list(themes.THEME_KEYS)
    assert all(isinstance(v, list) and all(isinstance(t, str) for t in v) for v in data.values())


def test_every_plain_codebook_term_is_one_token():
    tokenizer = get_tokenizer()
    book = themes.read_codebook()
    split = [(theme.key, value, tokenizer.cut(value)) for theme in book.themes for value in theme.values
             if " " not in value and "*" not in value and "?" not in value
             and not themes.is_single_token(value, tokenizer)]
    assert not split, split
    phrases = [value for theme in book.themes for value in theme.values if " " in value]
    for phrase in phrases:
        assert all(themes.is_single_token(word, tokenizer) for word in phrase.split()), phrase


def test_codebook_is_not_built_from_the_seed_alone(seed):
    book = themes.read_codebook()
    body = "".join(seed.units.norm)
    plain = [v for t in book.themes for v in t.values if " " not in v and "*" not in v and "?" not in v]
    assert sum(v not in body for v in plain) > len(plain) / 3


def test_seed_sections_are_dominated_by_the_theme_their_heading_announces(seed, seed_hits):
    agreement = themes.heading_agreement(seed_hits, seed.units).set_index("section")
    for section, theme in HEADING_EXPECTATIONS.items():
        assert agreement.loc[section, "heading_theme"] == theme
        assert agreement.loc[section, "dominant_theme"] == theme, agreement.loc[section].to_dict()
    assert agreement.agree.all()


def test_coding_is_multi_label_and_traceable(seed_hits):
    per_unit = seed_hits.groupby("unit_id")["theme"].nunique()
    assert per_unit.max() >= 3
    row = seed_hits[seed_hits.matched.str.contains("行政复议")].iloc[0]
    assert row.theme == "disputes"
    assert set(seed_hits.columns) == {"doc_id", "unit_id", "part", "section", "item", "theme", "hits", "matched"}


@pytest.mark.parametrize("by", ["doc", "part", "section", "unit"])
def test_theme_tables_shares_sum_to_one(seed_hits, by):
    table = themes.theme_table(seed_hits, by=by)
    keys = {"doc": ["doc_id"], "part": ["doc_id", "part"], "section": ["doc_id", "part", "section"],
            "unit": ["doc_id", "unit_id"]}[by]
    assert table.groupby(keys)["share"].sum().between(0.998, 1.002).all()
    assert table["hits"].sum() == seed_hits["hits"].sum()


@pytest.mark.parametrize("by", ["doc", "part", "section", "unit"])
def test_sentence_shares_count_the_sentences_coded_with_each_theme(seed, seed_hits, by):
    table = themes.theme_table(seed_hits, seed.units, by=by, weight="sentences")
    keys = {"doc": ["doc_id"], "part": ["doc_id", "part"], "section": ["doc_id", "part", "section"],
            "unit": ["doc_id", "unit_id"]}[by]
    text = seed.units[seed.units.kind == "text"]
    sizes = text.groupby(keys).size()
    coded = seed_hits.groupby(keys + ["theme"])["unit_id"].nunique()
    for row in table.itertuples(index=False):
        key = tuple(getattr(row, k) for k in keys)
        key = key[0] if len(key) == 1 else key
        assert row.n_sentences == sizes[key]
        assert row.sentences == coded[(key if isinstance(key, tuple) else (key,)) + (row.theme,)]
        assert row.share == pytest.approx(row.sentences / row.n_sentences, abs=5e-5)
        assert row.few_sentences == (row.n_sentences < themes.FEW_SENTENCES)
    assert table.groupby(keys)["hit_share"].sum().between(0.998, 1.002).all()
    assert table["hits"].sum() == seed_hits["hits"].sum()


def test_sentence_shares_are_not_dominated_by_one_repeated_word():
    """Twelve hits of 企业 in one sentence outweigh three sentences of another theme by hits, not by sentences."""
    from jzrol import parse_report

    units = parse_report("一、成效\n\n" + "企业" * 12 + "。开展宪法宣传。开展普法宣传。开展法治宣传教育。").units
    hits = themes.code_units(units)
    by_hits = themes.theme_table(hits, by="doc").set_index("theme")
    by_sentences = themes.theme_table(hits, units, by="doc", weight="sentences").set_index("theme")
    assert by_hits.index[0] == "functions" and by_sentences.index[0] == "legal_education"
    assert by_sentences.loc["legal_education", "share"] == 0.75 and by_sentences.loc["functions", "share"] == 0.25
    assert by_sentences.loc["functions", "hit_share"] == by_hits.loc["functions", "share"]
    assert by_sentences["few_sentences"].all()  # four sentences: a handful
    with pytest.raises(ValueError, match="needs the units"):
        themes.theme_table(hits, weight="sentences")


def test_heatmap_of_sentence_shares_names_the_rows_that_rest_on_a_handful(seed, seed_hits):
    sections = themes.theme_table(seed_hits, seed.units, by="section", weight="sentences")
    fig, ax = plt.subplots()
    assert plots.plot_theme_heatmap(sections, list(themes.THEME_KEYS), ax=ax) is ax
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    sizes = sections.drop_duplicates(["part", "section"]).set_index(["part", "section"]).n_sentences
    assert labels[0] == f"preamble (n={sizes[(0, 0)]})" and sizes[(0, 0)] < themes.FEW_SENTENCES
    assert sum("(n=" in label for label in labels) == (sizes < themes.FEW_SENTENCES).sum() > 0
    assert "sentences" in fig.axes[-1].get_ylabel()
    plt.close(fig)


def test_coverage_and_uncoded_units(seed, seed_hits):
    cover = themes.coverage(seed_hits, seed.units).iloc[0]
    uncoded = themes.uncoded_units(seed_hits, seed.units)
    assert cover.text_units == (seed.units.kind == "text").sum()
    assert cover.text_units - cover.coded_units == len(uncoded)
    assert 0.8 <= cover.coverage < 1
    assert "现将有关情况报告如下:" in uncoded.norm.tolist()


def test_role_comparison_of_a_report_without_those_parts_draws_an_empty_chart():
    report = read_report(DATA / "traditional.txt")  # no achievements or problems part, and no theme in its plans
    table = themes.role_comparison(themes.code_units(report.units), report.units)
    assert table.empty
    fig, ax = plt.subplots()
    assert plots.plot_role_comparison(table, ax=ax) is ax
    assert "no theme coded" in ax.texts[0].get_text()
    plt.close(fig)


def test_problems_versus_plans(seed, seed_hits):
    table = themes.role_comparison(seed_hits, seed.units).set_index("theme")
    for role in ["achievements", "problems", "plans"]:
        assert table[role].sum() == pytest.approx(1, abs=0.002)
    assert table.loc["enforcement", "problems"] > table.loc["enforcement", "achievements"]
    assert table.loc["oversight", "flag"] == ""  # neither problem nor plan
    flagged = table[table.flag == "plan without problem"]
    assert (flagged.problems == 0).all() and (flagged.plans > 0).all()


def test_hand_made_sentences():
    from jzrol import parse_report

    units = parse_report("一、成效\n\n全年办理行政复议案件12件。开展宪法宣传活动5场。向社会公开信息。").units
    hits = themes.code_units(units)
    by_unit = hits.groupby("unit_id")["theme"].apply(set).tolist()
    assert by_unit == [{"disputes"}, {"legal_education"}, {"oversight"}]


CODEBOOK_HEAD = "#@ label_zh: 立法\n#@ label_en: Rules\n#@ definition: Making rules and reviewing them for legality and consistency.\n"


@pytest.mark.parametrize(("body", "line", "reason"), [
    ("rules:\n  - 立法\nrules:\n  - 规章\n", 6, "duplicate key 'rules'"),
    ("rules: []\n", 4, "empty term list"),
    ("rules:\n  - 立法\n  - \"[规章\"\n", 6, "malformed value"),
    ("rules:\n  - 立法\n  - \"**\"\n", 6, "malformed value"),
    ("budget:\n  - 预算\n", 4, "unknown theme key 'budget'"),
    ("rules:\n  - 立法\n  bad: [\n", 6, "not valid YAML"),
])
def test_bad_codebooks_name_the_line(tmp_path, body, line, reason):
    path = tmp_path / "themes.yaml"
    path.write_text(CODEBOOK_HEAD + body, encoding="utf-8")
    with pytest.raises(themes.CodebookError) as caught:
        themes.read_codebook(path)
    assert f"themes.yaml:{line}:" in str(caught.value) and reason in str(caught.value)


def test_theme_without_metadata_is_refused(tmp_path):
    path = tmp_path / "themes.yaml"
    path.write_text("rules:\n  - 立法\n", encoding="utf-8")
    with pytest.raises(themes.CodebookError, match=r"themes\.yaml:1: .*label_zh"):
        themes.read_codebook(path)


def cli(*args):
    return subprocess.run([sys.executable, "-m", "jzrol.cli", *map(str, args)], capture_output=True, text=True)


def test_themes_command(tmp_path):
    result = cli("themes", paths.SEED_REPORT, DATA / "no-title.txt", "--by", "part")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout))
    assert list(table.columns) == ["doc_id", "part", "theme", "hits", "share", "codebook"]
    assert set(table.doc_id) == {"jinzhou-2020-rule-of-law-government-report", "no-title"}
    assert set(table.codebook) == {"rule_of_law"}
    both = cli("themes", paths.SEED_REPORT, "--by", "doc", "--weight", "sentences")
    assert both.returncode == 0, both.stderr
    table = pd.read_csv(io.StringIO(both.stdout))
    assert list(table.columns) == ["doc_id", "theme", "hits", "share", "hit_share", "sentences", "n_sentences",
                                   "few_sentences", "codebook"]
    assert (table.n_sentences == 106).all() and (table.share == (table.sentences / 106).round(4)).all()
    bad = tmp_path / "themes.yaml"
    bad.write_text(CODEBOOK_HEAD + "rules: []\n", encoding="utf-8")
    failed = cli("themes", paths.SEED_REPORT, "--codebook", bad)
    assert failed.returncode == 2 and "themes.yaml:4:" in failed.stderr and "Traceback" not in failed.stderr


def test_agreement_table_for_every_state_council_report(corpus_reports):
    """Work reports have economic sections: few headings carry a rule-of-law cue, but each gets a row."""
    tables = []
    for report in corpus_reports:
        table = themes.heading_agreement(themes.code_units(report.units), report.units)
        assert len(table) == len(report.sections())
        tables.append(table)
    labelled = pd.concat(tables).dropna(subset=["agree"])
    assert len(labelled) >= 3 and labelled.agree.sum() >= 2


# --- the work-report codebook ----------------------------------------------------------------------

def test_work_report_codebook_is_quanteda_shaped_with_one_token_values():
    data = yaml.safe_load(themes.WORK_REPORT_THEMES_FILE.read_text(encoding="utf-8"))
    book = themes.read_codebook(themes.WORK_REPORT_THEMES_FILE)
    assert list(data) == book.keys == ["economy", "politics", "culture", "society", "ecology", "party_building",
                                       "reform_opening", "livelihood"]
    tokenizer = get_tokenizer()
    for theme in book.themes:
        for value in theme.values:
            assert all(themes.is_single_token(word, tokenizer) for word in value.split()), (theme.key, value)
    assert book.name == "work_report" and themes.load_codebook().name == "rule_of_law"


def test_a_codebook_mixing_the_keys_of_two_codebooks_is_refused(tmp_path):
    path = tmp_path / "mixed.yaml"
    path.write_text("#@ label_zh: 经济建设\n#@ label_en: Economy\n#@ definition: growth and output of the economy"
                    " in many words here\neconomy:\n  - 经济\nrules:\n  - 立法\n", encoding="utf-8")
    with pytest.raises(themes.CodebookError, match=r"mixed\.yaml:6: unknown theme key 'rules'"):
        themes.read_codebook(path)


def test_the_genre_picks_the_codebook_and_results_name_it(seed):
    assert themes.codebook_for_genre("government_work_report").name == "work_report"
    assert themes.codebook_for_genre("rule_of_law_report").name == "rule_of_law"
    assert themes.codebook_for_genre("no such genre").name == "rule_of_law"
    hits = themes.code_units(seed.units)
    assert hits.attrs["codebook"] == "rule_of_law"
    assert themes.theme_table(hits, by="doc").attrs["codebook"] == "rule_of_law"
    work = themes.code_units(seed.units, codebook=themes.WORK_REPORT_THEMES_FILE)
    assert work.attrs["codebook"] == "work_report" and set(work["theme"]) <= set(themes.theme_order())


def test_work_report_codebook_agrees_with_the_state_council_section_headings(corpus_reports):
    """Headed sections of the State Council reports: the body's dominant theme against the topic its
    heading announces (cue words independent of the codebook). Always answering the most frequent
    heading topic would agree on well under half of them."""
    tables = []
    for report in corpus_reports:
        units = report.units
        hits = themes.code_units(units, codebook=themes.WORK_REPORT_THEMES_FILE)
        tables.append(themes.heading_agreement(hits, units, cues=themes.WORK_REPORT_HEADING_CUES))
    labelled = pd.concat(tables).dropna(subset=["agree"])
    assert len(labelled) >= 200 and labelled["doc_id"].nunique() >= 20
    majority = labelled["heading_theme"].value_counts(normalize=True).iloc[0]
    assert majority < 0.5
    assert labelled["agree"].mean() >= 0.65
    by_theme = labelled.groupby("heading_theme")["agree"].mean()
    assert by_theme[["economy", "ecology", "livelihood", "culture"]].min() >= 0.6


def test_themes_command_codes_a_work_report_with_the_work_report_codebook(corpus_files):
    report = next(p for p in corpus_files if p.stem == "2024")
    table = pd.read_csv(io.StringIO(cli("themes", report, "--by", "doc").stdout))
    assert set(table.codebook) == {"work_report"} and table.theme.iloc[0] == "economy"
    forced = pd.read_csv(io.StringIO(cli("themes", report, "--by", "doc", "--codebook", themes.THEMES_FILE).stdout))
    assert set(forced.codebook) == {"rule_of_law"}
