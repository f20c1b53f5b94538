"""How tables look in a notebook: short, rounded, never in scientific notation.

Call :func:`set_display_options` once at the top of a notebook instead of setting pandas options
in every one; pass a table through :func:`for_display` before showing it, so that its document ids
read as short, still unique labels instead of long file stems (:func:`short_doc_ids`) and its theme
keys as the codebook's Chinese labels (:func:`theme_labels`).

>>> format_number(1.5e-81)
'< 0.001'
>>> format_number(12.34567)
'12.346'
>>> short_doc_ids(["00-1954-国务院政府工作报告", "01-1955-国务院政府工作报告"])
['00-1954', '01-1955']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from jzrol import paths
from jzrol.themes import known_codebooks, load_codebook

__all__ = ["DOC_ID_WIDTH", "THEME_COLUMNS", "for_display", "format_number", "set_display_options", "short_doc_ids",
           "shorten_doc_ids", "theme_labels"]

#: Characters a document id keeps in a table shown to students (an ellipsis marks a cut).
DOC_ID_WIDTH = 14
#: Columns of the package's tables that hold theme keys.
THEME_COLUMNS = ("theme", "heading_theme", "dominant_theme")
#: What separates the words of a file stem or a corpus path: 00-1954-政府工作报告, a/2020, jinzhou_2020.
_ID_SEPARATOR = re.compile(r"([-_\s./\\·—]+)")


def format_number(value: float, *, digits: int = 3) -> str:
    """A float rounded to ``digits`` decimals; a small non-zero value reads ``< 0.001``.

    >>> format_number(0.00049), format_number(0.0), format_number(123456.0)
    ('< 0.001', '0.000', '123,456.000')
    """
    smallest = 10.0 ** -digits
    if 0 < abs(value) < smallest:
        return f"< {smallest:.{digits}f}" if value > 0 else f"> -{smallest:.{digits}f}"
    return f"{value:,.{digits}f}"


def set_display_options(*, max_rows: int = 15, max_colwidth: int | None = 200, digits: int = 3) -> None:
    """Show at most ``max_rows`` rows, text columns up to ``max_colwidth`` characters, rounded floats.

    The column width is wide enough for a finding's whole ``detail`` and a sentence, so that no
    explanation is cut mid-phrase; ``None`` shows every character.

    >>> set_display_options()
    >>> pd.get_option("display.max_rows")
    15
    >>> pd.reset_option("^display")
    """
    pd.set_option("display.max_rows", max_rows)
    pd.set_option("display.min_rows", max_rows)
    pd.set_option("display.max_colwidth", max_colwidth)
    pd.set_option("display.width", 140)
    pd.set_option("display.float_format", lambda value: format_number(value, digits=digits))


def _cut(label: str, width: int) -> str:
    """``label`` in at most ``width`` characters: cut after a separator when one is near the end, else
    mid-word, with an ellipsis.

    >>> _cut("jinzhou-2020-rule-of-law-government-report", 14), _cut("锦州市人民政府关于2020年法治政府建设", 10)
    ('jinzhou-2020…', '锦州市人民政府关于…')
    """
    if len(label) <= width:
        return label
    head = label[: width - 1]
    pieces = _ID_SEPARATOR.split(head)
    if len(pieces) > 2 and len("".join(pieces[:-2])) >= width // 2:  # drop the word cut in two
        head = "".join(pieces[:-2])
    return head.rstrip("-_ ./\\·—") + "…"


def _without_shared_words(ids: list[str]) -> list[str]:
    """Each id without the words every id shares (the genre, the issuer), when what is left still tells
    them apart; the ids themselves otherwise."""
    words = [[w for w in _ID_SEPARATOR.split(i) if w and not _ID_SEPARATOR.fullmatch(w)] for i in ids]
    shared = set.intersection(*(set(w) for w in words)) if len(ids) > 1 else set()
    if not shared:
        return ids
    kept = []
    for doc_id, own in zip(ids, words):
        rest = [w for w in own if w not in shared]
        kept.append("-".join(rest) if rest else doc_id)
    return kept if len(set(kept)) == len(kept) else ids


def short_doc_ids(doc_ids: Iterable[str], *, width: int = DOC_ID_WIDTH) -> list[str]:
    """Short labels for document ids, one per id given, still unique: the words every id shares are
    dropped (``政府工作报告`` in ``00-1954-政府工作报告``), then each is cut to ``width`` characters;
    where two cuts would read the same, every label keeps more characters until none do (in the last
    resort the whole ids). An id already short stays as it is.

    >>> short_doc_ids(["1954", "2024", "1954"])
    ['1954', '2024', '1954']
    >>> short_doc_ids(["jinzhou-2020-rule-of-law-government-report"])
    ['jinzhou-2020…']
    >>> short_doc_ids(["锦州市人民政府关于2020年法治政府建设情况的报告", "锦州市人民政府关于2021年法治政府建设情况的报告"], width=12)
    ['锦州市人民政府关于2020…', '锦州市人民政府关于2021…']
    """
    ids = [str(doc_id) for doc_id in doc_ids]
    distinct = list(dict.fromkeys(ids))
    bases = dict(zip(distinct, _without_shared_words(distinct)))
    longest = max((len(base) for base in bases.values()), default=0)
    for wider in range(width, max(longest, width) + 1):
        labels = {doc_id: _cut(bases[doc_id], wider) for doc_id in distinct}
        if len(set(labels.values())) == len(labels):
            break
    else:  # cuts that read as another id: show them whole
        labels = {doc_id: doc_id for doc_id in distinct}
    return [labels[doc_id] for doc_id in ids]


def shorten_doc_ids(table: pd.DataFrame, *, column: str = "doc_id", width: int = DOC_ID_WIDTH) -> pd.DataFrame:
    """A copy of ``table`` whose ``column`` holds :func:`short_doc_ids` labels, for showing; the table
    itself keeps the full ids (join and filter on those). A table without the column comes back as it is.

    >>> table = pd.DataFrame({"doc_id": ["jinzhou-2020-rule-of-law-government-report"], "n": [3]})
    >>> shorten_doc_ids(table)["doc_id"].tolist()
    ['jinzhou-2020…']
    """
    if column not in table.columns:
        return table
    return table.assign(**{column: short_doc_ids(table[column], width=width)})


def theme_labels() -> pd.DataFrame:
    """The labels of every registered codebook's themes: ``theme, label_zh, label_en, codebook``.

    >>> labels = theme_labels().set_index("theme")
    >>> labels.loc["enforcement", "label_zh"], labels.loc["livelihood", "codebook"]
    ('行政执法', 'work_report')
    """
    tables = [load_codebook(paths.lexicon_file(row["file"])).labels().assign(codebook=row["codebook"])
              for row in known_codebooks()]
    labels = pd.concat(tables, ignore_index=True)
    return labels[["theme", "label_zh", "label_en", "codebook"]].drop_duplicates("theme").reset_index(drop=True)


def for_display(table: pd.DataFrame, *, labels: pd.DataFrame | dict | None = None,
                width: int = DOC_ID_WIDTH) -> pd.DataFrame:
    """A copy of ``table`` ready to show: short document ids and, in the theme columns
    (:data:`THEME_COLUMNS`), each key replaced by its Chinese label.

    Args:
        table: any table of the package.
        labels: ``key -> label``, or a ``labels()`` table of a codebook (its Chinese labels); by default
            the labels of every registered codebook (:func:`theme_labels`). A key without a label stays.
        width: characters a document id keeps.

    >>> table = pd.DataFrame({"doc_id": ["00-1954-政府工作报告", "01-1955-政府工作报告"], "theme": ["economy", "new"]})
    >>> for_display(table).values.tolist()
    [['00-1954', '经济建设'], ['01-1955', 'new']]
    """
    labels = theme_labels() if labels is None else labels
    if isinstance(labels, pd.DataFrame):
        labels = dict(zip(labels["theme"], labels["label_zh"]))
    shown = shorten_doc_ids(table, width=width)
    columns = [column for column in THEME_COLUMNS if column in shown.columns]
    return shown.assign(**{column: [labels.get(key, key) if isinstance(key, str) else key for key in shown[column]]
                           for column in columns})
