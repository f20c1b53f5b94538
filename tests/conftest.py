"""Shared fixtures: the seed report, the hand-made fixtures, the optional shared corpus."""

import os
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
def corpus_files():
    """The State Council work reports, or a skip when the shared corpus is not on this machine."""
    files = sorted(paths.SHARED_CORPUS.glob("*.txt"))
    if not files:
        pytest.skip(f"shared corpus not present at {paths.SHARED_CORPUS}")
    return files
