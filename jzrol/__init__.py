"""jzrol: structure, terms, themes and numeric claims of Chinese government policy reports.

>>> import jzrol
>>> report = jzrol.read_report(jzrol.paths.SEED_REPORT)
>>> report.parts().part_title.tolist()[0]
'法治政府建设措施及成效'
"""

import logging
from importlib import metadata

from jzrol import paths
from jzrol.report import Report, ReportMeta, normalize_text, parse_report, read_report
from jzrol.sources import SourceError, read_source

__all__ = ["Report", "ReportMeta", "SourceError", "normalize_text", "parse_report", "paths", "read_report", "read_source"]

try:
    __version__ = metadata.version("jzrol")  # the one version number is pyproject.toml's
except metadata.PackageNotFoundError:  # a source tree on sys.path that was never installed
    __version__ = "0+unknown"

# Library messages go to this logger; an application decides whether and where they are shown.
logging.getLogger("jzrol").addHandler(logging.NullHandler())
