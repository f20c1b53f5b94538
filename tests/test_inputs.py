"""What a run reads: existing paths before patterns, symlink loops, FIFOs, unique doc_ids, odd file names,
unreadable folders, and caches that follow the lexicon files."""

import io
import json
import os
import pathlib
import shutil
import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest

from jzrol import corpus, paths, themes
from jzrol.corpus import Analysis, report_files
from tests.conftest import DATA, bound_by_permissions


def cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "jzrol.cli", *map(str, args)], capture_output=True, text=True,
                          check=False, timeout=120, **kwargs)


def test_an_existing_path_is_a_file_even_with_glob_characters(tmp_path):
    shutil.copyfile(DATA / "gbk.txt", tmp_path / "report[1].txt")
    shutil.copyfile(paths.SEED_REPORT, tmp_path / "report1.txt")  # what report[1].txt would match as a pattern
    for name in ["report[1].txt", "*report*"]:
        if name.startswith("*"):
            shutil.copyfile(DATA / "no-title.txt", tmp_path / name)
        files = report_files([tmp_path / name])
        assert [f.path.name for f in files] == [name] and files[0].error is None
    # a path that does not exist is a pattern
    assert {f.path.name for f in report_files([tmp_path / "report?.txt"])} == {"report1.txt"}


def test_recursive_patterns_do_not_follow_symlink_loops(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copyfile(DATA / "gbk.txt", tmp_path / "a" / "b" / "one.txt")
    (tmp_path / "a" / "b" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "again").symlink_to(tmp_path / "a")
    files = report_files([f"{tmp_path}/**/*.txt"])
    assert [f.path.name for f in files] == ["one.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_given_as_input_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "waiting.txt"
    os.mkfifo(fifo)
    result = cli("parse", fifo, paths.SEED_REPORT)
    assert result.returncode == 1
    reason = "is not a regular file (a pipe, socket or device), so it is not read"
    assert result.stderr.strip().splitlines() == [f"jzrol: skipped {fifo}: {reason}"]
    assert report_files([tmp_path]) [0].error == f"{tmp_path}: folder holds no report (.txt, .html, .htm, .pdf, .docx)"


def test_two_reports_with_one_name_in_two_folders_stay_two_documents(tmp_path):
    for folder, source in [("a", DATA / "gbk.txt"), ("b", DATA / "page.html")]:
        (tmp_path / folder).mkdir()
        shutil.copyfile(source, tmp_path / folder / ("2020" + source.suffix.replace(".html", ".txt")))
    shutil.copyfile(DATA / "gbk.txt", tmp_path / "a" / "2020.html")  # same folder, same stem
    inputs = [tmp_path / "a" / "2020.txt", tmp_path / "b" / "2020.txt", tmp_path / "a" / "2020.html"]
    assert [f.doc_id for f in report_files(inputs)] == ["a/2020.txt", "b/2020.txt", "a/2020.html"]
    assert [f.doc_id for f in report_files(inputs[::2])] == ["2020.txt", "2020.html"]
    assert [f.doc_id for f in report_files(inputs[:2])] == ["a/2020", "b/2020"]
    for command in ["checks", "claims", "terms", "themes", "parse", "kwic"]:
        extra = ["-t", "执法", "--match", "substring"] if command == "kwic" else []
        result = cli(command, *inputs[:2], *extra)
        assert result.returncode == 0, (command, result.stderr)
        table = pd.read_csv(io.StringIO(result.stdout))
        assert set(table.doc_id) <= {"a/2020", "b/2020"}, command
        if command != "checks":
            assert set(table.doc_id) == {"a/2020", "b/2020"}, command
    info = json.loads(cli("info", *inputs[:2]).stdout)
    assert [meta["doc_id"] for meta in info] == ["a/2020", "b/2020"]
    summary = corpus.summarize(inputs[:2], progress=False)
    assert summary.documents.doc_id.tolist() == ["a/2020", "b/2020"]
    assert summary.documents.tokens.tolist() == [corpus.summarize_document(p).tokens for p in inputs[:2]]


def test_file_names_not_valid_in_the_file_system_encoding_are_shown_readably(tmp_path):
    folder = os.fsencode(tmp_path)
    gbk_name = "锦州报告".encode("gbk") + b".txt"
    latin_name = b"caf\xe9-2020.txt"
    for name in (gbk_name, latin_name):
        shutil.copyfile(DATA / "gbk.txt", os.path.join(folder, name))
    result = cli("terms", tmp_path, "--top", "1")
    assert result.returncode == 0, result.stderr
    assert set(pd.read_csv(io.StringIO(result.stdout)).doc_id) == {"锦州报告", "caf\\xe9-2020"}
    info = json.loads(cli("info", tmp_path).stdout)
    assert {meta["provenance"]["path"] for meta in info} == {f"{tmp_path}/锦州报告.txt", f"{tmp_path}/caf\\xe9-2020.txt"}
    summary = corpus.summarize([tmp_path], progress=False)
    assert set(summary.documents.doc_id) == {"锦州报告", "caf\\xe9-2020"} and summary.failures.empty
    summary.documents.to_csv(tmp_path / "documents.csv")  # every name can be written out
    assert summary.paths["caf\\xe9-2020"].exists()  # and the file can be found again (keyness_document reads it)


def _check_unreadable_folder(locked, capsys):
    from jzrol.cli import main

    assert main(["info", str(locked), str(DATA / "gbk.txt"), "--format", "csv"]) == 1
    out, err = capsys.readouterr()
    assert err.strip().splitlines() == [f"jzrol: skipped {locked}: folder cannot be read (Permission denied)"]
    assert "gbk" in out
    summary = corpus.summarize([locked, DATA / "gbk.txt"], progress=False)
    assert summary.failures.error.tolist() == [f"{locked}: folder cannot be read (Permission denied)"]
    assert summary.documents.doc_id.tolist() == [locked.name, "gbk"]
    with pytest.raises(corpus.SourceError, match="folder cannot be read"):  # nothing else: one clear error
        corpus.summarize([locked], progress=False)


def test_a_folder_the_system_will_not_list_is_named_and_skipped(tmp_path, monkeypatch, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copyfile(DATA / "gbk.txt", locked / "hidden.txt")
    listing = pathlib.Path.iterdir

    def refuse(self):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return listing(self)

    monkeypatch.setattr(pathlib.Path, "iterdir", refuse)  # what the system does for a folder without read permission
    _check_unreadable_folder(locked, capsys)


SUMMARIZE_AND_SHOW = """
import sys
from jzrol import corpus
summary = corpus.summarize(sys.argv[1:], progress=False)
print(summary.failures.error.tolist(), summary.documents.doc_id.tolist())
try:
    corpus.summarize(sys.argv[1:2], progress=False)
except corpus.SourceError as error:
    print(error)
"""


def test_a_folder_without_read_permission_is_named_and_skipped(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copyfile(DATA / "gbk.txt", locked / "hidden.txt")
    locked.chmod(0o311)  # can be entered, not listed
    try:
        info = subprocess.run(bound_by_permissions([sys.executable, "-m", "jzrol.cli", "info", str(locked),
                                                    str(DATA / "gbk.txt"), "--format", "csv"]),
                              capture_output=True, text=True, timeout=300)
        summary = subprocess.run(bound_by_permissions([sys.executable, "-c", SUMMARIZE_AND_SHOW, str(locked),
                                                       str(DATA / "gbk.txt")]),
                                 capture_output=True, text=True, timeout=300)
    finally:
        locked.chmod(0o755)
    reason = f"{locked}: folder cannot be read (Permission denied)"
    assert info.returncode == 1 and info.stderr.strip().splitlines() == [f"jzrol: skipped {reason}"], info.stderr
    assert "gbk" in info.stdout
    assert summary.returncode == 0, summary.stderr
    assert summary.stdout.splitlines() == [f"{[reason]} {[locked.name, 'gbk']}", reason]


def test_a_report_without_read_permission_is_named_and_skipped_and_alone_is_one_line(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copyfile(DATA / "gbk.txt", folder / "gbk.txt")
    locked = folder / "locked.txt"
    shutil.copyfile(DATA / "gbk.txt", locked)
    locked.chmod(0)
    try:
        info = subprocess.run(bound_by_permissions([sys.executable, "-m", "jzrol.cli", "info", str(folder),
                                                    "--format", "csv"]), capture_output=True, text=True, timeout=300)
        build = subprocess.run(bound_by_permissions([sys.executable, "-m", "jzrol.cli", "build", "--quiet",
                                                     "--input", str(locked), "--out", str(tmp_path / "out")]),
                               capture_output=True, text=True, timeout=300)
    finally:
        locked.chmod(0o644)
    reason = f"{locked}: cannot be read (Permission denied)"
    assert info.returncode == 1 and info.stderr.strip().splitlines() == [f"jzrol: skipped {reason}"], info.stderr
    assert pd.read_csv(io.StringIO(info.stdout)).doc_id.tolist() == ["gbk"]
    assert build.returncode == 2 and build.stderr.strip().splitlines() == [f"jzrol: error: {reason}"], build.stderr
    assert not (tmp_path / "out").exists()


def test_a_changed_codebook_or_stopword_list_is_seen_by_the_next_summary(tmp_path):
    codebook, stopwords = tmp_path / "themes.yaml", tmp_path / "stopwords.txt"
    shutil.copyfile(themes.THEMES_FILE, codebook)
    shutil.copyfile(corpus.summary.terms.STOPWORDS, stopwords)
    analysis = Analysis(codebook=str(codebook), stopwords=str(stopwords))
    before = corpus.summarize([paths.SEED_REPORT], progress=False, analysis=analysis)
    assert before.totals["法治"] > 0
    codebook.write_text(codebook.read_text(encoding="utf-8").replace("leadership:\n", "leadership:\n  - 法治\n"),
                        encoding="utf-8")
    stopwords.write_text(stopwords.read_text(encoding="utf-8") + "\n法治\n", encoding="utf-8")
    after = corpus.summarize([paths.SEED_REPORT], progress=False, analysis=analysis)
    hits = dict(zip(after.themes.theme, after.themes.hits))
    expected = themes.code_units(corpus.read_named(paths.SEED_REPORT).units, codebook=codebook)
    assert hits == expected.groupby("theme")["hits"].sum().to_dict()
    assert hits["leadership"] == dict(zip(before.themes.theme, before.themes.hits))["leadership"] + before.totals["法治"]
    assert "法治" not in after.totals and Counter(before.totals) - after.totals == Counter(法治=before.totals["法治"])
