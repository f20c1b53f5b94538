"""Every path the package uses, in one place.

>>> from jzrol import paths
>>> paths.SEED_REPORT.name
'jinzhou-2020-rule-of-law-government-report.txt'
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
LEXICON_DIR = DATA_DIR / "lexicon"
FIGURES_DIR = ROOT / "figures"
NOTEBOOKS_DIR = ROOT / "notebooks"
ASSETS_DIR = PACKAGE_DIR / "assets"  # styles and script of the annotated page

SEED_REPORT = RAW_DIR / "jinzhou-2020-rule-of-law-government-report.txt"
PROVINCES = LEXICON_DIR / "provinces.csv"
PART_ROLES = LEXICON_DIR / "part_roles.csv"
PAGE_CHROME = LEXICON_DIR / "page_chrome.csv"
PART_HEADING_CUES = LEXICON_DIR / "part_headings.txt"
CLOSING_HEADINGS = LEXICON_DIR / "closing_headings.txt"
SIGNER_SUFFIXES = LEXICON_DIR / "signer_suffixes.txt"
BACK_MATTER_CUES = LEXICON_DIR / "back_matter.txt"

#: Folder of the State Council work reports used by tests and benchmarks when it is present.
#: Override with the ``JZROL_CORPUS`` environment variable.
SHARED_CORPUS = Path(os.environ.get("JZROL_CORPUS", ROOT.parent / "shared" / "corpus" / "state-council"))

# What the reader and the metadata rules read: common characters (to judge an encoding), the pages' meta
# tags, old variant characters, genres, and the cues, aliases and suffix rules of places and levels.
COMMON_CHARS = LEXICON_DIR / "common_chars.txt"
HTML_META = LEXICON_DIR / "html_meta.csv"
VARIANTS = LEXICON_DIR / "variants.csv"
GENRES = LEXICON_DIR / "genres.csv"
PLACE_CUES = LEXICON_DIR / "place_cues.csv"
PLACE_ALIASES = LEXICON_DIR / "place_aliases.csv"
LEVELS = LEXICON_DIR / "levels.csv"
