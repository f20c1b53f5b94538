"""The one lexicon loader: cue lists and rule tables, with file:line on every malformed row."""

import pytest

from jzrol import paths
from jzrol.lexicon_loader import LexiconError, cue_pattern, lexicon_lines, read_cues, read_rows
from jzrol.report import chrome, signature


def test_shipped_cue_lists_and_tables_load():
    assert "工作回顾" in read_cues(paths.PART_HEADING_CUES)
    assert "名词解释" in read_cues(paths.BACK_MATTER_CUES)
    assert read_cues(paths.SIGNER_SUFFIXES)[0] == "人民政府"
    kinds = {row["kind"] for row in read_rows(paths.PAGE_CHROME, ["kind", "pattern"])}
    assert kinds == {"breadcrumb", "publication", "information", "tool", "footer"}


def test_chrome_and_signer_rules_come_from_the_data_files():
    assert chrome._FOOTER.match("主办单位：某市人民政府办公室")
    assert chrome._PUBMETA.match("索 引 号：11210700MB1A")
    assert chrome._BREADCRUMB.search("当前位置：首页 > 政务公开")
    assert signature._signers("中共某县委　某县人民政府") == ["中共某县委", "某县人民政府"]
    assert signature._signers("某县司法局") == ["某县司法局"]
    assert signature._signers("全县各级各部门") == []


def test_comments_and_blank_lines_are_skipped_with_their_line_numbers(tmp_path):
    path = tmp_path / "cues.txt"
    path.write_text("# heading\n\n工作回顾\n  主要任务  \n", encoding="utf-8")
    assert list(lexicon_lines(path)) == [(3, "工作回顾"), (4, "主要任务")]
    assert read_cues(path) == ("工作回顾", "主要任务")


@pytest.mark.parametrize(("content", "where", "reason"), [
    ("工作回顾\n主要 任务\n", ":2:", "one cue per line"),
    ("工作回顾\n\n工作回顾\n", ":3:", "duplicate cue"),
    ("# only a comment\n", ":0:", "empty"),
])
def test_malformed_cue_lists_name_file_and_line(tmp_path, content, where, reason):
    path = tmp_path / "cues.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        read_cues(path)
    assert f"{path}{where}" in str(error.value) and reason in str(error.value)


@pytest.mark.parametrize(("content", "where", "reason"), [
    ("kind,note\nfooter,x\n", ":1:", "lacks the column(s) pattern"),
    ("kind,pattern,note\nfooter,上一篇,\nfooter,a,b,c\n", ":3:", "expected 3 fields"),
    ("kind,pattern,note\nfooter,,no pattern\n", ":2:", "empty pattern"),
    ("kind,pattern,note\n# a comment row\nfooter,上一篇(,\n", ":3:", "not a valid regular expression"),
])
def test_malformed_rule_tables_name_file_and_line(tmp_path, content, where, reason):
    path = tmp_path / "rules.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        read_rows(path, ["kind", "pattern"])
    assert f"{path}{where}" in str(error.value) and reason in str(error.value)


def test_unreadable_lexicon_files_are_lexicon_errors(tmp_path):
    (tmp_path / "latin.txt").write_bytes("café\n".encode("latin-1"))
    for path, reason in [(tmp_path / "missing.txt", "not found"), (tmp_path, "is a folder"),
                         (tmp_path / "latin.txt", "must be UTF-8")]:
        with pytest.raises(LexiconError, match=reason):
            read_cues(path)


def test_cue_pattern_is_literal_and_prefers_the_longest_cue():
    import re

    pattern = re.compile(cue_pattern(["委员会", "委员会办公室", "a.b"]) + "$")
    assert pattern.search("某市法治政府建设委员会办公室").group() == "委员会办公室"
    assert not pattern.search("axb")


def test_the_variant_and_province_tables_are_read_by_the_loader(tmp_path):
    from jzrol.report.normalize import _variant_table, to_simplified

    path = tmp_path / "variants.csv"
    path.write_text("variant,standard,note\n衞,卫,ok\n# a comment\n擧擧,举,two characters\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"variants\.csv:4: a variant and its standard form are one character"):
        _variant_table(str(path))
    path = tmp_path / "no-standard.csv"  # tables are read once per path: each case has its own file
    path.write_text("variant,note\n衞,no standard column\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"no-standard\.csv:1: header lacks the column\(s\) standard"):
        _variant_table(str(path))
    path = tmp_path / "good.csv"
    path.write_text("variant,standard,note\n衞,卫,ok\n", encoding="utf-8")
    assert to_simplified("衞生", variants=path) == "卫生"
