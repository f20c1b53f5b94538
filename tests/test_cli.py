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
    assert list(meta)[:8] == ["doc_id", "title", "issuer", "year", "published", "site_name", "site_code", "warnings"]
    assert meta["year"] == 2020 and meta["site_code"] == "2107000052"


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
