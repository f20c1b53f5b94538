"""`jzrol build` all or nothing (staging folder, lock, swap, Ctrl-C) and `jzrol verify` against the MANIFEST."""

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from jzrol import __version__ as jzrol_version  # noqa: E402
from jzrol import figures, paths, staging  # noqa: E402
from jzrol.cli import main  # noqa: E402
from jzrol.manifest import sha256_file  # noqa: E402
from tests.conftest import DATA, bound_by_permissions  # noqa: E402


def jzrol(*args):
    return subprocess.run([sys.executable, "-m", "jzrol", *map(str, args)], capture_output=True, text=True)


def jzrol_bound_by_permissions(*args):
    return subprocess.run(bound_by_permissions([sys.executable, "-m", "jzrol", *map(str, args)]),
                          capture_output=True, text=True)


@pytest.fixture
def built(seed_build):
    """The full build of the seed made by the real command in a fresh process (read only: copy to change it)."""
    return seed_build


@pytest.fixture
def quick_build(monkeypatch):
    """Builds in this process with the structure figure only, so that folder behaviour tests run fast."""
    monkeypatch.setattr(figures, "BUILDERS", [figures.structure_figures])


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def lock_is_held(folder):
    """Whether a build holds the lock of ``folder`` (a lock we can take and let go of is free)."""
    lock = staging.lock_path(folder)
    if not lock.exists():
        return False
    with open(lock, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def wait_until(condition, timeout=600):
    """Polls ``condition`` until it holds (True) or ``timeout`` seconds pass (False): a slow machine only waits longer."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def leftovers(folder):
    """Staging or previous-build folders left beside an output folder."""
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.")
                  and not p.name.endswith(".lock"))


def test_verify_passes_after_a_build_and_fails_after_one_byte_of_a_png_changes(built, tmp_path):
    ok = jzrol("verify", built)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    listed = sum(1 for p in built.rglob("*") if p.is_file() and p.name != "MANIFEST")
    assert f"all {listed} files match" in ok.stdout
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    png = copy / "03-terms-wordcloud.png"
    data = bytearray(png.read_bytes())
    data[len(data) // 2] ^= 0x01
    png.write_bytes(bytes(data))
    (copy / "units.csv").unlink()
    (copy / "notes.txt").write_text("mine", encoding="utf-8")
    bad = jzrol("verify", copy)
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == ["changed: 03-terms-wordcloud.png", "extra: notes.txt", "missing: units.csv",
                                       f"{copy}: 3 of {listed + 1} files differ from the MANIFEST"]


def test_verify_without_a_manifest_is_one_line(tmp_path):
    result = jzrol("verify", tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "no MANIFEST here" in result.stderr
    (tmp_path / "MANIFEST").write_text("not json", encoding="utf-8")
    result = jzrol("verify", tmp_path)
    assert result.returncode == 2 and "not a jzrol MANIFEST" in result.stderr and "Traceback" not in result.stderr


def test_manifest_says_which_code_command_platform_and_inputs_made_the_files(built):
    manifest = json.loads((built / "MANIFEST").read_text(encoding="utf-8"))
    code = manifest["code"]
    assert code["version"] == manifest["versions"]["jzrol"] == jzrol_version
    assert len(code["source_sha256"]) == 64
    if paths.IN_CHECKOUT and shutil.which("git") and (paths.ROOT / ".git").exists():
        assert len(code["git_commit"]) == 40 and isinstance(code["git_dirty"], bool)
    assert manifest["command"] == "jzrol build --input data/raw/jinzhou-2020-rule-of-law-government-report.txt"
    assert manifest["input"]["sha256"] == sha256_file(paths.SEED_REPORT)
    assert manifest["platform"]["freetype"] == matplotlib.ft2font.__freetype_version__
    assert manifest["platform"]["machine"] and manifest["platform"]["system"]
    for name, digest in manifest["files"].items():
        assert sha256_file(built / name) == digest


def test_corpus_inputs_are_listed_with_hashes_and_a_skipped_report_exits_1(tmp_path, quick_build, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(DATA / "gbk.txt", folder / "2021.txt")
    shutil.copy(DATA / "binary.bin", folder / "broken.txt")
    out = tmp_path / "out"
    assert main(["build", "--quiet", "--out", str(out), "--corpus", str(folder), "--workers", "1"]) == 1
    assert "broken.txt" in capsys.readouterr().err
    corpus = json.loads((out / "MANIFEST").read_text(encoding="utf-8"))["corpus"]
    assert [row["file"] for row in corpus["files"]] == ["2021.txt", "broken.txt"]
    assert corpus["files"][0]["sha256"] == sha256_file(folder / "2021.txt") and corpus["files"][0]["skipped"] is None
    assert corpus["files"][1]["sha256"] == sha256_file(folder / "broken.txt") and "broken.txt" in corpus["files"][1]["skipped"]
    assert corpus["failed"] == 1


@pytest.mark.parametrize("problem", ["missing", "file"])
def test_build_corpus_that_is_no_folder_is_one_line_and_writes_nothing(tmp_path, problem, capsys):
    corpus = tmp_path / "corpus"
    if problem == "file":
        corpus.write_text("x", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--quiet", "--out", str(out), "--corpus", str(corpus)]) == 2
    assert capsys.readouterr().err.count("\n") == 1 and not out.exists()


def test_a_new_build_replaces_the_old_one_whole(tmp_path, quick_build):
    out = tmp_path / "figures"
    out.mkdir(mode=0o750)
    os.chmod(out, 0o750)
    (out / "13-corpus-term-trend.png").write_bytes(b"from an earlier build with --corpus")
    (out / "sub").mkdir()
    (out / "sub" / "old.csv").write_text("old", encoding="utf-8")
    written = figures.build(out_dir=out, progress=False)
    assert {p.name for p in out.iterdir()} == {p.name for p in written}
    assert not (out / "13-corpus-term-trend.png").exists() and not (out / "sub").exists()
    assert out.is_dir() and not out.is_symlink() and (out.stat().st_mode & 0o777) == 0o750
    assert leftovers(out) == []
    assert jzrol("verify", out).returncode == 0


def test_a_late_failure_or_ctrl_c_leaves_the_previous_build_intact(tmp_path, quick_build, monkeypatch, capsys):
    out = tmp_path / "figures"
    figures.build(out_dir=out, progress=False)
    before = snapshot(out)

    def fail(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(figures, "_writeup", fail)
    with pytest.raises(RuntimeError):
        figures.build(input_path=DATA / "gbk.txt", out_dir=out, progress=False)
    assert snapshot(out) == before and leftovers(out) == []

    def interrupt(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(figures, "_writeup", interrupt)
    assert main(["build", "--quiet", "--input", str(DATA / "gbk.txt"), "--out", str(out)]) == 130
    assert capsys.readouterr().err == "jzrol: interrupted\n"
    assert snapshot(out) == before and leftovers(out) == []


def test_a_concurrent_build_refuses_and_a_real_sigint_exits_130_with_the_old_folder_intact(built, tmp_path):
    out = tmp_path / "figures"
    shutil.copytree(built, out)
    before = snapshot(out)
    process = subprocess.Popen([sys.executable, "-m", "jzrol", "build", "--quiet", "--input", str(DATA / "gbk.txt"),
                                "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # however slow the machine, wait until the build writes figures into its staging folder (made under
        # the lock, so the probe of the lock never races the build for it) and holds its lock
        mid_build = wait_until(lambda: process.poll() is not None
                               or (any(tmp_path.glob(".figures.staging-*/*.png")) and lock_is_held(out)))
        assert mid_build and process.poll() is None, "the build ended before it could be interrupted"
        process.send_signal(signal.SIGSTOP)  # held mid-build, lock taken, while a second build of another report tries
        try:
            second = jzrol("build", "--quiet", "--input", DATA / "traditional.txt", "--out", out)
            process.send_signal(signal.SIGINT)  # delivered as soon as the first build runs again
        finally:
            process.send_signal(signal.SIGCONT)
        assert second.returncode == 2 and second.stderr.count("\n") == 1 and "another build is writing" in second.stderr
        _, stderr = process.communicate(timeout=600)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130 and stderr.strip().splitlines()[-1] == "jzrol: interrupted", stderr
    assert "Traceback" not in stderr
    assert snapshot(out) == before and leftovers(out) == []


def test_a_second_build_into_a_locked_folder_refuses_with_one_line(tmp_path, capsys):
    out = tmp_path / "figures"
    with open(staging.lock_path(out), "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert main(["build", "--quiet", "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "another build is writing into this folder" in error
    assert not out.exists() and leftovers(out) == []


def test_build_onto_a_file_or_a_read_only_folder_is_one_line(tmp_path, monkeypatch, capsys):
    target = tmp_path / "figures"
    target.write_text("keep me", encoding="utf-8")
    assert main(["build", "--quiet", "--out", str(target)]) == 2
    assert "names a file, not a folder" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "keep me"
    folder = tmp_path / "locked"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(staging.os, "access", lambda p, mode: False if str(p) == str(folder) else real_access(p, mode))
    assert main(["build", "--quiet", "--out", str(folder / "figures")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "read-only" in error and not (folder / "figures").exists()


def test_build_into_a_really_read_only_folder_is_one_line(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    os.chmod(folder, 0o555)
    try:
        result = jzrol_bound_by_permissions("build", "--quiet", "--out", folder / "figures")
    finally:
        os.chmod(folder, 0o755)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "read-only" in result.stderr, result.stderr
    assert not (folder / "figures").exists() and list(folder.iterdir()) == []


def test_build_of_a_report_of_headings_only_is_one_line(tmp_path, capsys):
    report = tmp_path / "headings.txt"
    report.write_text("关于2021年法治政府建设情况的报告\n\n一、主要工作\n\n（一）加强领导\n\n二、存在的问题\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--quiet", "--input", str(report), "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "no body text" in error and not out.exists()


def test_build_with_an_unreadable_corpus_folder_is_one_line(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DATA / "gbk.txt", corpus)
    os.chmod(corpus, 0)
    try:
        result = jzrol_bound_by_permissions("build", "--quiet", "--out", tmp_path / "out", "--corpus", corpus)
    finally:
        os.chmod(corpus, 0o755)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "cannot read the folder" in result.stderr and not (tmp_path / "out").exists()


def test_build_into_a_new_nested_folder_creates_it(tmp_path, quick_build):
    out = tmp_path / "new" / "deeper" / "figures"
    figures.build(out_dir=out, progress=False)
    assert (out / "MANIFEST").is_file() and leftovers(out) == []
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    with pytest.raises(staging.BuildFolderError, match="cannot create the folder it goes in"):
        figures.build(out_dir=blocked / "figures", progress=False)
