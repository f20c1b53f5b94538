"""jzrol: structure, terms, themes and numeric claims of Chinese government policy reports.

>>> import jzrol
>>> report = jzrol.read_report(jzrol.paths.SEED_REPORT)
>>> report.parts().part_title.tolist()[0]
'法治政府建设措施及成效'
"""

from jzrol import paths
from jzrol.report import Report, ReportMeta, normalize_text, parse_report, read_report
from jzrol.sources import SourceError, read_source

__all__ = ["Report", "ReportMeta", "SourceError", "normalize_text", "parse_report", "paths", "read_report", "read_source"]
__version__ = "0.1.0"
