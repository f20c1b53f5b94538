"""jzrol as a package: metadata, version, lock file, logging, and the wheel installed outside the checkout."""

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

import jzrol
from jzrol import corpus, paths
from tests.conftest import DATA

PYPROJECT = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = paths.ROOT / "requirements-lock.txt"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def _canonical(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", _NAME.match(requirement.strip()).group(0)).lower()


def _locked() -> dict[str, str]:
    """Package name -> the text of its entry in the lock file."""
    entries = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text(encoding="utf-8"))
    return {_canonical(entry): entry for entry in entries if _NAME.match(entry)}


def test_one_version_number_from_the_package_metadata():
    assert jzrol.__version__ == PYPROJECT["project"]["version"]
    result = subprocess.run([sys.executable, "-m", "jzrol", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == f"jzrol {PYPROJECT['project']['version']}\n"


def test_dependencies_are_ranges_and_the_lock_pins_every_one_with_hashes():
    project = PYPROJECT["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    assert not [r for r in requirements if "==" in r], "a library gives ranges; exact pins belong in the lock"
    assert "jupyterlab" not in {_canonical(r) for r in project["dependencies"]}
    locked = _locked()
    missing = sorted({_canonical(r) for r in requirements} - set(locked))
    assert not missing, f"not in {LOCK.name}: {missing}; run `make lock`"
    for name, entry in locked.items():
        assert re.search(r"==[^\s;]+", entry) and "--hash=sha256:" in entry, name
    assert project["license"] == "MIT" and (paths.ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT")


def test_skipped_reports_are_library_log_messages_not_prints(tmp_path, caplog, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    shutil.copy(DATA / "gbk.txt", tmp_path)
    with caplog.at_level(logging.WARNING, logger="jzrol"):
        summary = corpus.summarize([tmp_path], workers=1, progress=False)
    assert len(summary.documents) == 2
    assert [r.name for r in caplog.records] == ["jzrol"] and "empty.txt: empty file" in caplog.records[0].message
    assert capsys.readouterr().err == ""


def _run(*command, cwd, env):
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}"
    return result


_NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "build", "dist", "__pycache__", ".pytest_cache",
                                      ".hypothesis", ".*.tmp")


def _not_sources(folder, names):
    """What the copy of the checkout leaves out: caches, builds and the hidden temporary files of writes in
    progress anywhere, the built figures/ at the top (not the jzrol/figures package), and the page the
    notebooks write (a notebook may run beside this test and replace it while the folder is copied)."""
    written = {paths.ROOT: {"figures"}, paths.NOTEBOOKS_DIR: {"annotated-report.html"}}.get(Path(folder), set())
    return _NOT_SOURCES(folder, names) | written


@pytest.mark.package
def test_wheel_and_sdist_install_into_a_fresh_venv_and_run_outside_the_checkout(tmp_path):
    started = time.perf_counter()
    source = tmp_path / "source"
    shutil.copytree(paths.ROOT, source, ignore=_not_sources)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    dist = tmp_path / "dist"
    # sdist first, then the wheel built from the unpacked sdist: both must carry the lexicons.
    _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, source, cwd=tmp_path, env=env)
    wheels, sdists = sorted(dist.glob("jzrol-*.whl")), sorted(dist.glob("jzrol-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1
    packaged = time.perf_counter()

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "uv", "venv", "--quiet", "--python", sys.executable, venv, cwd=tmp_path, env=env)
    python = venv / "bin" / "python"
    # The wheel's own dependency ranges, resolved to the locked versions (uv's cache makes this quick).
    _run(sys.executable, "-m", "uv", "pip", "install", "--quiet", "--python", python, wheels[0],
         "--constraint", LOCK, cwd=tmp_path, env=env)
    installed = time.perf_counter()

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    seed = shutil.copy(paths.SEED_REPORT, elsewhere / "report.txt")
    jzrol_command = venv / "bin" / "jzrol"
    version = _run(jzrol_command, "--version", cwd=elsewhere, env=env).stdout
    assert version == f"jzrol {PYPROJECT['project']['version']}\n"
    meta = json.loads(_run(jzrol_command, "info", seed, cwd=elsewhere, env=env).stdout)
    assert meta["year"] == 2020 and meta["site_code"] == "2107000052"
    claims = _run(python, "-m", "jzrol", "claims", seed, cwd=elsewhere, env=env).stdout
    assert claims.startswith("doc_id,claim_id,") and len(claims.splitlines()) > 50
    _run(jzrol_command, "build", "--quiet", "--input", seed, "--out", elsewhere / "out", cwd=elsewhere, env=env)
    assert (elsewhere / "out" / "01-structure-outline.png").is_file()
    built = sum(1 for p in (elsewhere / "out").rglob("*") if p.is_file() and p.name != "MANIFEST")
    assert built > 30 and (elsewhere / "out" / "annotated-report.html").is_file()  # package data and assets found
    assert f"all {built} files match" in _run(jzrol_command, "verify", "out", cwd=elsewhere, env=env).stdout
    no_input = subprocess.run([jzrol_command, "build", "--quiet"], cwd=elsewhere, env=env, capture_output=True,
                              text=True)
    assert no_input.returncode == 2 and "pass --input" in no_input.stderr and "Traceback" not in no_input.stderr
    imported = _run(python, "-c", "import jzrol, jzrol.paths as p; print(jzrol.__file__); print(p.IN_CHECKOUT); "
                    "print(len(jzrol.read_report('report.txt').parts()))", cwd=elsewhere, env=env).stdout.split()
    assert str(venv) in imported[0] and imported[1:] == ["False", "3"]
    print(f"package test: build {packaged - started:.1f} s, fresh venv and install {installed - packaged:.1f} s, "
          f"commands {time.perf_counter() - installed:.1f} s")
