"""The command line: outputs, several files, and one-line errors with exit code 2."""

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from jzrol import corpus, paths
from jzrol.cli import main
from jzrol.corpus.tables import tables
from tests.conftest import DATA


def run(*args):
    """Run the real console entry point in a subprocess (no shared state, real exit code)."""
    return subprocess.run([sys.executable, "-m", "jzrol.cli", *map(str, args)], capture_output=True, text=True)


def test_info_prints_metadata_json():
    result = run("info", paths.SEED_REPORT)
    assert result.returncode == 0, result.stderr
    meta = json.loads(result.stdout)
    assert list(meta)[:11] == ["doc_id", "title", "issuer", "place", "level", "year", "delivered", "published",
                               "site_name", "site_code", "warnings"]
    assert meta["year"] == 2020 and meta["site_code"] == "2107000052"
    assert (meta["place"], meta["level"], meta["delivered"]) == ("锦州市", "municipal", None)
    assert (meta["title_source"], meta["place_source"], meta["year_source"]) == ("text", "title", "title")


def test_parse_several_files_gives_one_table_with_doc_id():
    result = run("parse", paths.SEED_REPORT, DATA / "gbk.txt")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    assert set(table.doc_id) == {"jinzhou-2020-rule-of-law-government-report", "gbk"}
    assert table.groupby("doc_id").part.max().to_dict() == {"jinzhou-2020-rule-of-law-government-report": 3, "gbk": 3}


def test_parse_json_to_file(tmp_path):
    out = tmp_path / "units.json"
    assert main(["parse", str(DATA / "no-title.txt"), "--format", "json", "-o", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert rows[0]["norm"] == "现将有关情况报告如下：" and rows[0]["part"] == 0


def test_bad_input_is_one_line_exit_2_no_traceback():
    for name in ["empty.txt", "binary.bin", "not-chinese-encoding.txt", "missing.txt"]:
        result = run("parse", DATA / name)
        assert result.returncode == 2
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(DATA / name) in lines[0] and "Traceback" not in result.stderr


def test_bad_input_among_good_ones_is_named_and_skipped_the_rest_written(tmp_path):
    out = tmp_path / "units.csv"
    out.write_text("earlier result\n", encoding="utf-8")
    result = run("parse", paths.SEED_REPORT, DATA / "empty.txt", "-o", out)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"jzrol: skipped {DATA / 'empty.txt'}: empty file (no text to parse)"]
    table = pd.read_csv(out)
    assert set(table.doc_id) == {"jinzhou-2020-rule-of-law-government-report"} and len(table) > 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["units.csv"]  # no temporary file left


def test_strict_stops_at_the_first_bad_report_and_leaves_the_output_as_it_was(tmp_path):
    out = tmp_path / "units.csv"
    out.write_text("earlier result\n", encoding="utf-8")
    assert main(["parse", str(paths.SEED_REPORT), str(DATA / "empty.txt"), "-o", str(out), "--strict"]) == 2
    assert out.read_text(encoding="utf-8") == "earlier result\n"
    assert [p.name for p in tmp_path.iterdir()] == ["units.csv"]


def test_rows_of_a_folder_pass_through_files_that_are_removed_after_a_run_and_after_a_stop(tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again in this process
    from jzrol.corpus.tables import CsvRows

    read_from, take = [], CsvRows.take
    monkeypatch.setattr(CsvRows, "take", lambda rows: read_from.append(Path(rows.path).parent.parent) or take(rows))
    out = tmp_path / "terms.csv"
    reports = [paths.SEED_REPORT, DATA / "no-title.txt", DATA / "traditional.txt"]
    assert main(["terms", *map(str, reports), "-o", str(out), "--workers", "2"]) == 0
    assert read_from == [scratch] * 3  # each report's rows came through a file in the temporary folder
    expected = pd.concat([tables([path], corpus.Request("terms")).results[0] for path in reports])
    written = pd.read_csv(out, keep_default_na=False)
    assert written.doc_id.tolist() == sorted(expected.doc_id.tolist()) and len(written) == len(expected)
    assert list(scratch.iterdir()) == []
    assert main(["parse", *map(str, reports), str(DATA / "empty.txt"), "-o", str(out), "--strict"]) == 2
    assert list(scratch.iterdir()) == []
    assert main(["parse", *map(str, reports), "-o", str(tmp_path)]) == 2  # the output is a folder: nothing written
    assert list(scratch.iterdir()) == []


def test_a_full_disk_for_the_rows_stops_the_run_instead_of_skipping_reports(tmp_path, monkeypatch, capsys):
    from jzrol.corpus.tables import CsvRows

    def full(_rows, folder):
        raise OSError(28, "No space left on device", f"{folder}/rows.csv")

    monkeypatch.setattr(CsvRows, "spilled", full)
    out = tmp_path / "units.csv"
    assert main(["parse", str(paths.SEED_REPORT), str(DATA / "no-title.txt"), "-o", str(out), "--workers", "1"]) == 2
    message = capsys.readouterr().err.strip().splitlines()
    assert len(message) == 1 and message[0].endswith("rows.csv: cannot write (No space left on device)")
    assert "skipped" not in message[0] and not out.exists()


def test_sigterm_ends_a_run_like_ctrl_c_leaving_no_temporary_files(tmp_path):
    folder, scratch, out = tmp_path / "reports", tmp_path / "scratch", tmp_path / "units.csv"
    folder.mkdir()
    scratch.mkdir()
    for number in range(8):  # reports large enough that the run is still going when it is stopped
        (folder / f"county-{number}.txt").write_text("某县2021年法治政府建设年度报告\n\n" + "\n\n".join(
            f"第{number}批第{n}个乡镇办理行政复议案件{n}件。" for n in range(3_000)), encoding="utf-8")
    out.write_text("earlier result\n", encoding="utf-8")
    command = subprocess.Popen([sys.executable, "-m", "jzrol.cli", "parse", str(folder), "-o", str(out), "--workers",
                                "2"], env={**os.environ, "TMPDIR": str(scratch)}, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not any(scratch.glob("jzrol-rows-*/*.csv")) and command.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # until the first report's rows are written
    command.terminate()
    assert command.wait(timeout=60) == 143, command.stderr.read()
    assert command.stderr.read().strip().splitlines()[-1] == "jzrol: terminated"
    assert out.read_text(encoding="utf-8") == "earlier result\n" and list(scratch.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports", "scratch", "units.csv"]


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path):
    long_report = tmp_path / "long.txt"  # units far beyond what a pipe holds, so the writer meets a closed pipe
    long_report.write_text("某县2021年法治政府建设年度报告\n\n" + "\n\n".join(
        f"全县第{n}个乡镇办理行政复议案件{n}件，同比增长{n % 97}%。" for n in range(5_000)), encoding="utf-8")
    command = f"{sys.executable} -m jzrol.cli parse {long_report} | head -n 1"
    result = subprocess.run(["bash", "-c", f"{command}; exit ${{PIPESTATUS[0]}}"], capture_output=True, text=True)
    assert result.stdout.startswith("doc_id,unit_id,kind,") and result.stdout.count("\n") == 1
    assert len(subprocess.run([sys.executable, "-m", "jzrol.cli", "parse", long_report], capture_output=True).stdout) > 2**19
    assert (result.returncode, result.stderr) == (141, "")


def test_info_csv_writes_years_as_whole_numbers():
    result = run("info", paths.SEED_REPORT, DATA / "no-title.txt", "--format", "csv")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    assert table.year.tolist() == ["2020", ""] and table.place.tolist() == ["锦州市", ""]


def test_build_outside_a_checkout_without_input_says_to_pass_input(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(paths, "SEED_REPORT", tmp_path / "no-checkout" / "seed.txt")
    assert main(["build", "--quiet", "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "pass --input" in error
    assert not (tmp_path / "out").exists()


def test_lexicons_are_package_data_beside_the_code():
    assert paths.LEXICON_DIR == paths.PACKAGE_DIR / "lexicon"
    assert paths.lexicon_file("userdict.txt").is_file() and paths.PROVINCES.is_file()


def test_csv_for_spreadsheets_starts_with_a_bom_only_when_asked(tmp_path):
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    assert main(["claims", str(paths.SEED_REPORT), "-o", str(plain)]) == 0
    assert main(["claims", str(paths.SEED_REPORT), "--encoding", "utf-8-sig", "-o", str(excel)]) == 0
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert excel.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert pd.read_csv(excel, encoding="utf-8-sig").columns[0] == "doc_id"
    piped = run("info", paths.SEED_REPORT, "--format", "csv", "--encoding", "utf-8-sig")
    assert piped.returncode == 0 and piped.stdout.startswith("\ufeffdoc_id,")


@pytest.mark.parametrize(("args", "message"), [
    (["terms", paths.SEED_REPORT, "--top", "-1"], "argument --top: -1 is below 0"),
    (["kwic", paths.SEED_REPORT, "-t", "法治", "--window", "-5"], "argument --window: -5 is below 0"),
    (["parse", paths.SEED_REPORT, "--workers", "0"], "argument --workers: 0 is below 1"),
    (["terms", paths.SEED_REPORT, "--userdict", DATA], f"argument --userdict: {DATA}: is a folder, not a lexicon file"),
    (["themes", paths.SEED_REPORT, "--codebook", DATA / "missing.yaml"],
     f"argument --codebook: {DATA / 'missing.yaml'}: cannot be read (No such file or directory)"),
])
def test_bad_options_are_one_line_exit_2(args, message):
    result = run(*args)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr


def test_every_command_takes_a_folder_with_bad_reports_and_skips_them(tmp_path):
    for name in ["gbk.txt", "page.html", "empty.txt", "not-chinese-encoding.txt"]:
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    (tmp_path / "headings.txt").write_text("一、主要成效\n\n二、存在问题\n", encoding="utf-8")
    (tmp_path / "rates.txt").write_text("某县2021年法治政府建设情况的报告\n\n一、主要成效\n\n"
                                        "全年受理行政执法投诉10件，办结10件，办结率100%。\n", encoding="utf-8")
    for command in ["info", "parse", "terms", "kwic", "claims", "checks", "themes"]:
        extra = ["-t", "执法"] if command == "kwic" else []
        result = run(command, tmp_path, "--workers", "2", "--format", "csv", *extra)
        assert result.returncode == 1, (command, result.stderr)
        skipped = [line for line in result.stderr.splitlines() if line.startswith("jzrol: skipped ")]
        # headings alone are no report text: info says so in its warnings, the others skip the file
        expected = {"empty.txt", "not-chinese-encoding.txt"} | (set() if command == "info" else {"headings.txt"})
        assert {line.split(": ")[1].rsplit("/", 1)[1] for line in skipped} == expected, (command, result.stderr)
        assert len(skipped) == len(result.stderr.strip().splitlines())
        table = pd.read_csv(io.StringIO(result.stdout))
        expected = {"gbk", "page", "rates"} | ({"headings"} if command == "info" else set())
        if command == "kwic":  # 执法 is a token of page only (rates has the one token 行政执法)
            expected = {"page"}
        if command == "checks":  # only rates has numbers that check against each other
            expected = {"rates"}
        assert set(table.doc_id) == expected, command


def test_nothing_readable_is_exit_2_with_each_report_named(tmp_path):
    result = run("terms", DATA / "empty.txt", DATA / "blank.txt")
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("jzrol: error: ") for line in lines)
    assert str(DATA / "empty.txt") in lines[0] and str(DATA / "blank.txt") in lines[1]


def test_results_keep_their_order_whatever_the_workers(tmp_path):
    inputs = [DATA / "page.html", paths.SEED_REPORT, DATA / "gbk.txt", DATA / "city-page-gbk.html"]
    one = run("claims", *inputs, "--workers", "1")
    three = run("claims", *inputs, "--workers", "3")
    assert one.returncode == three.returncode == 0
    assert one.stdout == three.stdout
    assert list(dict.fromkeys(pd.read_csv(io.StringIO(one.stdout)).doc_id)) == [p.stem for p in inputs]


def test_corpus_writes_its_tables_with_a_readme(tmp_path):
    out = tmp_path / "tables"
    result = run("corpus", DATA, "-o", out, "--workers", "2")
    assert result.returncode == 1  # four fixtures cannot be read or hold no report
    names = {p.name for p in out.iterdir()}
    assert names == {"README.md", "documents.csv", "terms.csv", "themes.csv", "claims.csv", "term_trend.csv",
                     "theme_trend.csv", "claims_by_year.csv"}
    readme = (out / "README.md").read_text(encoding="utf-8")
    documents = pd.read_csv(out / "documents.csv")
    assert set(documents.loc[documents.error.notna(), "doc_id"]) == {"empty", "blank", "not-chinese-encoding",
                                                                      "no-report-page"}
    for name in names - {"README.md"}:
        columns = pd.read_csv(out / name, nrows=0).columns
        assert f"`{name}` | " + ", ".join(f"`{c}`" for c in columns) in readme
    terms_table = pd.read_csv(out / "terms.csv")
    gbk = corpus.summarize_document(DATA / "gbk.txt").terms
    assert dict(terms_table[terms_table.doc_id == "gbk"][["term", "n"]].values.tolist()) == dict(gbk)
    claims_table = pd.read_csv(out / "claims.csv")
    assert (claims_table.doc_id == "jinzhou-2020-rule-of-law-government-report").sum() == 0  # not in tests/data
    assert documents.set_index("doc_id").loc["gbk", "claims"] == (claims_table.doc_id == "gbk").sum()
