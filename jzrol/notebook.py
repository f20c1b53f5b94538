"""Helpers for the notebooks: stop cleanly when the texts a notebook needs are not on the machine, and
turn a parameter the texts do not have into a sentence instead of an empty table or an error.

A notebook that analyses a corpus cannot show anything true without it. :func:`require_folder`
checks the folder and, when it is missing or holds no report, prints one message (which folder,
how to obtain such texts) and makes every later cell of the notebook a no-op, so the notebook ends
there without an error (papermill and nbmake see it pass) instead of drawing trends over nothing.

>>> require_folder(paths.RAW_DIR, what="reports")
True
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from jzrol import paths  # noqa: F401  (used in the docstring example)
from jzrol.corpus import REPORT_SUFFIXES

__all__ = ["chosen_value", "require_folder"]

#: What the message says about obtaining texts when the caller says nothing more specific.
HOW_TO_OBTAIN = ("Government work reports (政府工作报告) and rule-of-law reports (法治政府建设年度报告) are published "
                 "on each government's portal (the 政府信息公开 column); save them as .txt, .html, .pdf or .docx "
                 "files in one folder and set the notebook's folder parameter to it.")


def _skip_cell(lines: list[str]) -> list[str]:
    """An IPython input transformer: the cell's code is replaced by nothing to run."""
    return ["pass\n"] if lines else lines


def _skip_remaining_cells() -> bool:
    """Make every cell after this one a no-op in the running IPython kernel; False outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    if _skip_cell not in shell.input_transformers_post:
        shell.input_transformers_post.append(_skip_cell)
    return True


def require_folder(folder: str | Path, *, what: str = "reports", how: str = HOW_TO_OBTAIN) -> bool:
    """True when ``folder`` holds at least one report; otherwise print why not and stop the notebook.

    In a notebook the later cells then run nothing, so it ends cleanly at this cell; in a script
    the process exits with status 0 after the message.

    Args:
        folder: the folder the notebook reads.
        what: what the folder should hold, for the message ("the State Council work reports").
        how: how to obtain such texts.
    """
    folder = Path(folder)
    if folder.is_dir() and any(p.suffix.lower() in REPORT_SUFFIXES and p.is_file() for p in folder.iterdir()):
        return True
    problem = "does not exist" if not folder.exists() else "holds no report (.txt, .html, .pdf, .docx)"
    print(f"Folder {folder} {problem}: this notebook needs {what} and stops here. {how}")
    if not _skip_remaining_cells():
        sys.exit(0)
    return False


def chosen_value(requested, available: Iterable, *, what: str, where: str = "this corpus") -> tuple[object, str]:
    """``requested`` when ``available`` holds it, else the first value available, with a sentence saying
    which value is shown and why (None and a sentence when nothing is available).

    Args:
        requested: the value a parameter asks for (a document id, a group, a term).
        available: the values there are, the one to fall back on first (the most frequent term, …).
        what: what the value is, for the sentence ("document", "premier", "term").
        where: where it was looked for.

    >>> chosen_value("2030", ["1954", "2024"], what="document")
    ('1954', 'No document 2030 in this corpus; showing 1954 instead.')
    >>> chosen_value("2024", ["1954", "2024"], what="document")
    ('2024', 'Showing document 2024, as requested.')
    """
    values = list(dict.fromkeys(available))
    if requested in values:
        return requested, f"Showing {what} {requested}, as requested."
    if not values:
        return None, f"No {what} in {where} to show."
    return values[0], f"No {what} {requested} in {where}; showing {values[0]} instead."
