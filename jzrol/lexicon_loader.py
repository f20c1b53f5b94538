"""The one reader of the lexicon folder's plain files: word lists, cue lists and CSV tables of rules.

Every problem in a lexicon file is a :class:`LexiconError` whose message names the file and the
line (``path:line: reason``), so that the command line can print it as one line.

>>> from jzrol import paths
>>> "工作回顾" in read_cues(paths.PART_HEADING_CUES)
True
>>> read_rows(paths.PART_ROLES, ["role", "pattern"])[0]["role"]
'duties'
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

__all__ = ["LexiconError", "cue_pattern", "lexicon_lines", "read_cues", "read_rows"]


class LexiconError(ValueError):
    """A lexicon or codebook file with a problem; the message names file and line (``path:line: reason``)."""

    def __init__(self, path: str | Path, line: int, reason: str):
        super().__init__(f"{path}:{line}: {reason}")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LexiconError(path, 0, "lexicon file not found") from None
    except IsADirectoryError:
        raise LexiconError(path, 0, "is a folder, not a lexicon file") from None
    except UnicodeDecodeError:
        raise LexiconError(path, 0, "lexicon files must be UTF-8") from None


def lexicon_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """The numbered lines of a plain lexicon file, stripped; blank lines and ``#`` comments are skipped.

    >>> from jzrol import paths
    >>> next(lexicon_lines(paths.SIGNER_SUFFIXES))
    (3, '人民政府')
    """
    for number, line in enumerate(_read_text(Path(path)).splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            yield number, line


@lru_cache(maxsize=32)
def _cues(path: str) -> tuple[str, ...]:
    cues: dict[str, int] = {}
    for number, line in lexicon_lines(path):
        if len(line.split()) != 1:
            raise LexiconError(path, number, f"expected one cue per line, got {line!r}")
        if line in cues:
            raise LexiconError(path, number, f"duplicate cue {line!r} (first on line {cues[line]})")
        cues[line] = number
    if not cues:
        raise LexiconError(path, 0, "cue list is empty")
    return tuple(cues)


def read_cues(path: str | Path) -> tuple[str, ...]:
    """A cue list: one word or phrase per line, in the file's order, without duplicates.

    Raises:
        LexiconError: a line holds more than one cue, a cue repeats, or the list is empty.
    """
    return _cues(str(path))


def cue_pattern(cues: tuple[str, ...] | list[str]) -> str:
    """A regular-expression alternation that matches any of the cues literally, longest first.

    >>> cue_pattern(["政府", "人民政府"])
    '(?:人民政府|政府)'
    """
    return "(?:" + "|".join(map(re.escape, sorted(cues, key=len, reverse=True))) + ")"


@lru_cache(maxsize=32)
def _rows(path: str, columns: tuple[str, ...], patterns: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    text = _read_text(Path(path))
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise LexiconError(path, 1, "table is empty (no header row)")
    header = [name.strip() for name in header]
    missing = [name for name in columns if name not in header]
    if missing:
        raise LexiconError(path, 1, f"header lacks the column(s) {', '.join(missing)}")
    rows = []
    for row in reader:
        number = reader.line_num
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) != len(header):
            raise LexiconError(path, number, f"expected {len(header)} fields ({','.join(header)}), got {len(row)}")
        record = dict(zip(header, (cell.strip() for cell in row)))
        empty = [name for name in columns if not record[name]]
        if empty:
            raise LexiconError(path, number, f"empty {', '.join(empty)}")
        for name in patterns:
            try:
                re.compile(record[name])
            except re.error as error:
                raise LexiconError(path, number, f"{name} is not a valid regular expression ({error})") from None
        rows.append(record)
    return tuple(rows)


def read_rows(path: str | Path, columns: list[str], *, patterns: tuple[str, ...] = ("pattern",)) -> list[dict[str, str]]:
    """The rows of a CSV table of rules, each a dict; ``columns`` must be present and filled in.

    Args:
        path: a CSV file with a header row (lines whose first cell starts with ``#`` are comments).
        columns: the columns every row must fill in.
        patterns: the columns that hold regular expressions (checked where present in ``columns``).

    Raises:
        LexiconError: a missing column, a row with the wrong number of fields, an empty required
            field or an invalid regular expression, naming the file and line.
    """
    checked = tuple(name for name in patterns if name in columns)
    return [dict(row) for row in _rows(str(path), tuple(columns), checked)]
