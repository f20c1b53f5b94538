"""Back matter after a report: glossaries, notes and attachment lists, which are no text of the report.

A glossary (名词解释, 附：名词解释), notes (注释) or a list of attachments (附件：1.… 2.…, or lines that
name attached files, 1．重点项目一览表.xls) below the report's last heading start its back matter; so
does anything after the closing signature (see :func:`jzrol.report.signature._signature_and_notes`).
The heading words are data (``jzrol/lexicon/back_matter.txt``).

>>> from jzrol.report.paragraphs import _marked
>>> paragraphs = _marked("一、成效\\n\\n全年办结12件。\\n\\n附：名词解释\\n\\n1.放管服：简政放权。")
>>> _back_matter_start(paragraphs)
2
"""

from __future__ import annotations

import re

from jzrol.report.markers import _BACK_MATTER_HEADING
from jzrol.report.paragraphs import _Paragraph

# A line that names an attached file (1．重点项目一览表.xls, 附件2.doc)
_ATTACHED_FILE = re.compile(r"\.(?:xlsx?|docx?|wps|et|pdf|ofd|zip|rar|7z|jpe?g|png)$", re.IGNORECASE)
_STRUCTURE_KINDS = frozenset({"chapter", "part", "part_lead", "bare", "section", "cue"})


def _back_matter_start(paragraphs: list[_Paragraph]) -> int | None:
    """Index of the paragraph where the back matter starts, or None when the report has none.

    The back matter starts at a back-matter heading below the last part or section heading (and in
    the last two thirds of the body), or at a run of attached-file lines that ends the body.
    """
    last_heading = max((i for i, p in enumerate(paragraphs) if p.kind in _STRUCTURE_KINDS), default=-1)
    earliest = max(last_heading + 1, len(paragraphs) // 3)
    for index in range(earliest, len(paragraphs)):
        if _BACK_MATTER_HEADING.match(paragraphs[index].flat):
            return index
    start = len(paragraphs)
    while start > 0 and _ATTACHED_FILE.search(paragraphs[start - 1].flat):
        start -= 1
    return start if start < len(paragraphs) else None
