"""Shared fixtures: the seed report, the hand-made fixtures, the optional shared corpus."""

import fcntl
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from jzrol import paths, read_report

DATA = Path(__file__).parent / "data"

# Property tests draw the same examples on every run, so that a result does not depend on the day;
# HYPOTHESIS_PROFILE=explore draws fresh ones.
settings.register_profile("repeatable", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def seed():
    """The parsed seed report (Jinzhou, 2020)."""
    return read_report(paths.SEED_REPORT)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """One full ``jzrol build`` of the seed by the real command in a fresh process, shared by the tests that
    only read what it wrote (a test that changes files copies the folder first). Under pytest-xdist the
    workers of a run share it too: the first to need it builds it under a lock, the others wait and read it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the folder of this run that holds every worker's own
    out = root / "seed-build" / "figures"
    with open(root / "seed-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not out.exists():  # the build swaps its folder into place whole, so a folder there is complete
            out.parent.mkdir(exist_ok=True)
            result = subprocess.run([sys.executable, "-m", "jzrol", "build", "--quiet", "--out", str(out)],
                                    capture_output=True, text=True)
            assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def corpus_files():
    """The State Council work reports, or a skip when the shared corpus is not on this machine."""
    files = sorted(paths.SHARED_CORPUS.glob("*.txt"))
    if not files:
        pytest.skip(f"shared corpus not present at {paths.SHARED_CORPUS}")
    return files


@pytest.fixture(scope="session")
def corpus_reports(corpus_files):
    """The State Council work reports parsed once for the session, in the order of ``corpus_files``, for the
    tests that only read them (about 20 MB for the 52)."""
    return [read_report(path) for path in corpus_files]


# Root reads and writes any file whatever its mode. Without these two capabilities it is bound by file
# permissions like any user (it stays the owner of the test's own folders), so that the real code path of
# an unreadable folder or a read-only one is run.
_DROP_PERMISSION_OVERRIDES = ["--bounding-set=-dac_override,-dac_read_search",
                              "--inh-caps=-dac_override,-dac_read_search"]


@functools.cache
def _setpriv():
    setpriv = shutil.which("setpriv")
    if setpriv and subprocess.run([setpriv, *_DROP_PERMISSION_OVERRIDES, "true"], capture_output=True).returncode == 0:
        return setpriv
    return None


def bound_by_permissions(command):
    """``command`` as run by a user whom file permissions bind: as it is for a user, under ``setpriv`` without
    the capabilities that let root ignore them for root; a skip when neither is possible."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return list(command)
    if _setpriv() is None:
        pytest.skip("file permissions do not bind root, and setpriv cannot drop the capabilities that let it")
    return [_setpriv(), *_DROP_PERMISSION_OVERRIDES, *command]
