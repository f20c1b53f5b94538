"""Tables shown in the notebooks: short, unique document ids and theme labels instead of keys."""

import pandas as pd
import pytest

from jzrol import themes
from jzrol.display import DOC_ID_WIDTH, for_display, short_doc_ids, shorten_doc_ids, theme_labels


def _readable(labels, width=DOC_ID_WIDTH):
    return all(0 < len(label) <= width for label in labels)


def test_state_council_file_names_stay_as_they_are(corpus_files):
    stems = [path.stem for path in corpus_files]
    assert short_doc_ids(stems) == stems  # 1954 … 2025: already short


def test_long_numbered_stems_keep_their_number_and_year(corpus_files):
    """Stems such as 00-1954-中华人民共和国国务院政府工作报告 lose the words every file shares."""
    stems = [f"{i:02d}-{path.stem}-中华人民共和国国务院政府工作报告" for i, path in enumerate(corpus_files)]
    labels = short_doc_ids(stems)
    assert labels[:2] == [f"00-{corpus_files[0].stem}", f"01-{corpus_files[1].stem}"]
    assert len(set(labels)) == len(stems) and _readable(labels)


def test_titles_without_separators_are_cut_and_stay_unique(corpus_files):
    """Full titles as ids (no separator to split on): the year sits past the cut, so clashing cuts
    keep more characters until they differ."""
    titles = [f"中华人民共和国国务院关于{path.stem}年政府工作的报告" for path in corpus_files]
    labels = short_doc_ids(titles)
    assert len(set(labels)) == len(titles)
    assert all(label.endswith("…") and label[:-1] in title for label, title in zip(labels, titles))
    assert all(path.stem in label for label, path in zip(labels, corpus_files))  # widened until the year shows
    assert max(map(len, labels)) < max(map(len, titles))


def test_the_seed_id_is_cut_at_a_word(seed):
    assert len(seed.doc_id) > DOC_ID_WIDTH
    assert short_doc_ids([seed.doc_id]) == ["jinzhou-2020…"]


def test_ids_repeat_as_rows_do_and_paths_lose_their_shared_stem():
    ids = ["shenyang/2020", "jinzhou/2020", "shenyang/2020"]
    assert short_doc_ids(ids) == ["shenyang", "jinzhou", "shenyang"]


def test_ids_that_differ_only_in_the_shared_words_stay_whole():
    """Dropping the words both share would leave nothing to tell them apart."""
    assert short_doc_ids(["报告-2020", "2020-报告"]) == ["报告-2020", "2020-报告"]


def test_shorten_doc_ids_leaves_the_table_itself_alone(seed):
    table = pd.DataFrame({"doc_id": [seed.doc_id] * 2, "n": [1, 2]})
    shown = shorten_doc_ids(table)
    assert shown["doc_id"].tolist() == ["jinzhou-2020…"] * 2 and shown["n"].tolist() == [1, 2]
    assert table["doc_id"].tolist() == [seed.doc_id] * 2
    assert shorten_doc_ids(table.drop(columns="doc_id")).columns.tolist() == ["n"]


def test_theme_labels_cover_every_registered_codebook():
    labels = theme_labels()
    keys = [key for row in themes.known_codebooks() for key in row["keys"]]
    assert sorted(labels["theme"]) == sorted(set(keys))
    assert labels["label_zh"].str.contains(r"[\u4e00-\u9fff]").all() and labels["label_en"].str.len().gt(0).all()


def test_for_display_shows_labels_in_every_theme_column(seed):
    hits = themes.code_units(seed.units)
    agreement = themes.heading_agreement(hits, seed.units)
    shown = for_display(agreement)
    zh = set(theme_labels()["label_zh"])
    for column in ("heading_theme", "dominant_theme"):
        values = shown[column].dropna()
        assert len(values) and set(values) <= zh
    assert set(shown["doc_id"]) == {"jinzhou-2020…"}
    assert set(for_display(hits)["theme"]) <= zh


@pytest.mark.parametrize("labels", [{"enforcement": "执法"}, themes.load_codebook().labels()])
def test_for_display_takes_a_mapping_or_a_codebook_table(labels):
    shown = for_display(pd.DataFrame({"theme": ["enforcement", "economy"]}), labels=labels)
    assert shown["theme"].tolist()[1] == "economy" and shown["theme"].tolist()[0] in {"执法", "行政执法"}
