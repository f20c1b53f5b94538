"""Shared fixtures: the seed report, the hand-made fixtures, the optional shared corpus."""

from pathlib import Path

import pytest

from jzrol import paths, read_report

DATA = Path(__file__).parent / "data"


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
