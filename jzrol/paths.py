"""Every path the package uses, in one place.

The lexicons are package data (``jzrol/lexicon/``), read through :mod:`importlib.resources`, so an
installed jzrol finds them wherever it lives. The seed report, the notebooks and the committed
``figures/`` folder belong to a checkout of the repository; :data:`IN_CHECKOUT` says whether the
package is imported from one.

>>> from jzrol import paths
>>> paths.SEED_REPORT.name
'jinzhou-2020-rule-of-law-government-report.txt'
>>> paths.lexicon_file("themes.yaml").name
'themes.yaml'
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The folder above the package: the repository's root when jzrol is imported from a checkout.
ROOT = PACKAGE_DIR.parent
DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
NOTEBOOKS_DIR = ROOT / "notebooks"
ASSETS_DIR = PACKAGE_DIR / "assets"  # styles and script of the annotated page
SEED_REPORT = RAW_DIR / "jinzhou-2020-rule-of-law-government-report.txt"
#: True when the package is imported from a checkout of its repository (not from an installed wheel).
IN_CHECKOUT = (ROOT / "pyproject.toml").is_file() and SEED_REPORT.is_file()
#: Where ``jzrol build`` writes by default: the committed ``figures/`` of a checkout, else ``./figures``.
FIGURES_DIR = ROOT / "figures" if IN_CHECKOUT else Path("figures")


def _package_folder(name: str) -> Path:
    """A folder of package data as a file-system path (jzrol is installed as files, never zipped)."""
    folder = resources.files("jzrol").joinpath(name)
    if not isinstance(folder, Path):
        raise RuntimeError(f"jzrol's {name} folder is not on the file system ({folder}); install jzrol unzipped")
    return folder


LEXICON_DIR = _package_folder("lexicon")


def lexicon_file(name: str) -> Path:
    """The path of one lexicon file of the package (``userdict.txt``, ``themes.yaml`` …)."""
    return LEXICON_DIR / name


PROVINCES = lexicon_file("provinces.csv")
PART_ROLES = lexicon_file("part_roles.csv")
PAGE_CHROME = lexicon_file("page_chrome.csv")
PART_HEADING_CUES = lexicon_file("part_headings.txt")
CLOSING_HEADINGS = lexicon_file("closing_headings.txt")
SIGNER_SUFFIXES = lexicon_file("signer_suffixes.txt")
BACK_MATTER_CUES = lexicon_file("back_matter.txt")

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
GOVERNMENT_ORGANS = LEXICON_DIR / "government_organs.txt"
LEVELS = LEXICON_DIR / "levels.csv"
