"""The command line: outputs, several files, and one-line errors with exit code 2."""

import io
import json
import subprocess
import sys

import pandas as pd

from jzrol import paths
from jzrol.cli import main
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


def test_bad_input_among_good_ones_does_not_touch_the_output(tmp_path):
    out = tmp_path / "units.csv"
    out.write_text("earlier result\n", encoding="utf-8")
    assert main(["parse", str(paths.SEED_REPORT), str(DATA / "empty.txt"), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "earlier result\n"
    assert [p.name for p in tmp_path.iterdir()] == ["units.csv"]


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
