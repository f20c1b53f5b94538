"""Which files a run reads: paths, folders and patterns expanded, each report named once.

A path that exists is taken as it is (a file, even when its name holds ``[``, ``*`` or ``?``; a
folder gives its ``.txt`` and ``.html`` files); only a path that does not exist is tried as a glob
pattern, and ``**`` does not follow symbolic links, so a link that loops back counts nothing twice.
Each report gets a ``doc_id`` unique within the run: its file stem, or, where two reports share a
stem, the shortest end of their paths that tells them apart. A name that is not valid in the file
system's encoding (names unzipped from Windows archives) is shown readably. The user's document
variables for the files (a docvars table, or a file-name pattern) are read and joined here too.

>>> from jzrol import paths
>>> [(f.doc_id, f.error) for f in report_files([paths.SEED_REPORT])]
[('jinzhou-2020-rule-of-law-government-report', None)]
"""

from __future__ import annotations

import glob
import os
import re
import stat
import warnings
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from jzrol.sources import SourceError

__all__ = ["DOCVARS", "REPORT_SUFFIXES", "DocvarsWarning", "ReportFile", "docvars_from_names", "join_docvars",
           "list_reports", "read_docvars", "readable", "report_files"]

#: The files a folder gives: every format :func:`jzrol.sources.read_source` reads.
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
_MAGIC = ("*", "?", "[")


@dataclass(frozen=True)
class ReportFile:
    """One report of a run: its path, its ``doc_id``, and why it cannot be read when listing found out.

    Attributes:
        path: the file as found.
        doc_id: unique within the run.
        error: one line naming the file and the problem (a missing file, a FIFO …), or None.
    """

    path: Path
    doc_id: str
    error: str | None = None

    @property
    def name(self) -> str:
        """The path as a reader should see it (see :func:`readable`)."""
        return readable(self.path)

    @property
    def size(self) -> int:
        """The file's size in bytes (0 when it cannot be read), to take large reports first."""
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def readable(path: str | Path) -> str:
    """A path as text a reader can read: its bytes decoded as UTF-8, else GB18030, else escaped.

    Names that are not valid in the file system's encoding reach Python with surrogate escapes
    (``\\udcd6``), which cannot be printed or written; archives made on Chinese Windows store names in
    GBK, which GB18030 reads.

    >>> readable("法治.txt"), readable(os.fsdecode("报告".encode("gbk") + b".txt"))
    ('法治.txt', '报告.txt')
    >>> readable(os.fsdecode(b"caf\\xe9.txt"))
    'caf\\\\xe9.txt'
    """
    raw = os.fsencode(str(path))
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "backslashreplace")


def _problem(path: Path) -> str | None:
    """Why ``path`` (which exists) cannot be read as a report file, or None."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if stat.S_ISDIR(mode):
        return "is a directory, not a report file"
    if not stat.S_ISREG(mode):  # reading a FIFO or a device would wait or never end
        return "is not a regular file (a pipe, socket or device), so it is not read"
    return None


def _folder(path: Path) -> tuple[list[Path], str | None]:
    """The report files of a folder, sorted, or the reason there are none."""
    try:
        entries = sorted(path.iterdir())
    except OSError as error:
        return [], f"folder cannot be read ({error.strerror})"
    files = [p for p in entries if p.suffix.lower() in REPORT_SUFFIXES and _problem(p) is None]
    return files, None if files else f"folder holds no report ({', '.join(REPORT_SUFFIXES)})"


def _pattern(text: str) -> list[Path]:
    """Files matching a glob pattern, sorted; ``**`` does not follow symbolic links (pathlib's rule)."""
    if "**" not in text:
        return sorted(Path(p) for p in glob.glob(text) if _problem(Path(p)) is None)
    parts = Path(text).parts
    fixed = next(i for i, part in enumerate(parts) if any(c in part for c in _MAGIC))
    base = Path(*parts[:fixed]) if fixed else Path()
    return sorted(p for p in base.glob(str(Path(*parts[fixed:]))) if _problem(p) is None)


def _expand(item: str | Path) -> Iterable[tuple[Path, str | None]]:
    path = Path(item)
    if os.path.lexists(path):
        if path.is_dir():
            files, reason = _folder(path)
            return [(p, None) for p in files] if files else [(path, reason)]
        return [(path, _problem(path))]
    text = str(item)
    if any(c in text for c in _MAGIC):
        found = _pattern(text)
        return [(p, None) for p in found] if found else [(path, "pattern matches no file")]
    return [(path, "no such file")]


def _unique_ids(paths: list[Path]) -> list[str]:
    """File stems, made unique by as many parent folders as two same-named reports need."""
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for index, path in enumerate(paths):
        groups[readable(path.stem)].append(index)
    ids = [readable(path.stem) for path in paths]
    for stem, members in groups.items():
        if len(members) == 1:
            continue
        folders = [Path(os.path.abspath(paths[i])).parent.parts for i in members]
        names = [readable(paths[i].name) for i in members]
        labels = [readable(paths[i]) for i in members]  # when nothing shorter tells them apart
        for ends, first in ((["" for _ in members], 1), (names, 0)):  # the stem with folders, then the name
            tried = (["/".join([*map(readable, parts[len(parts) - depth:]), end or stem]) for parts, end in zip(folders, ends)]
                     for depth in range(first, max(map(len, folders)) + 1))
            found = next((candidate for candidate in tried if len(set(candidate)) == len(candidate)), None)
            if found:
                labels = found
                break
        for i, label in zip(members, labels):
            ids[i] = label
    return ids


def report_files(inputs: Iterable[str | Path]) -> list[ReportFile]:
    """Every report named by ``inputs``, in order (folders and patterns sorted), each file once.

    Inputs that name nothing readable (a missing file, a pattern that matches nothing, a folder that
    cannot be listed, a FIFO) are kept with their ``error``, so that a run can name and skip them.

    >>> [f.error for f in report_files(["no/such/file.txt"])]
    ['no/such/file.txt: no such file']
    """
    found: dict[str, tuple[Path, str | None]] = {}
    for item in inputs:
        for path, reason in _expand(item):
            key = os.path.realpath(path) if reason is None else f"{path}\0{reason}"  # one file, one report
            found.setdefault(key, (path, reason))
    paths = [path for path, _ in found.values()]
    return [ReportFile(path, doc_id, f"{readable(path)}: {reason}" if reason else None)
            for (path, reason), doc_id in zip(found.values(), _unique_ids(paths))]


def list_reports(inputs: Iterable[str | Path]) -> list[Path]:
    """Report files named by paths, folders (their files of ``REPORT_SUFFIXES``) and glob patterns, sorted, no duplicates.

    Raises:
        SourceError: a path that does not exist, or a pattern or folder that names no report.
    """
    files = report_files(inputs)
    for file in files:
        if file.error:
            raise SourceError(file.name, file.error.removeprefix(f"{file.name}: "))
    return [file.path for file in files]


# --- document variables and groups -------------------------------------------------------------

#: The document variables every corpus table carries, before the user's own.
DOCVARS = ("doc_id", "title", "place", "level", "year", "delivered", "genre")
_FIELD = re.compile(r"\{(\w+)\}")


class DocvarsWarning(UserWarning):
    """Document variables that name files not in the corpus, or miss files that are."""


def read_docvars(docvars: str | Path | pd.DataFrame) -> pd.DataFrame:
    """A docvars table (a CSV path or a DataFrame) keyed by ``doc_id`` or ``file`` (a file name).

    Raises:
        SourceError: an unreadable file, or a table with neither a ``doc_id`` nor a ``file`` column,
            or the same key twice (one line naming the file).

    >>> read_docvars(pd.DataFrame({"file": ["2024.txt"], "premier": ["李强"]})).columns.tolist()
    ['file', 'premier']
    """
    name = "docvars table" if isinstance(docvars, pd.DataFrame) else str(docvars)
    if isinstance(docvars, pd.DataFrame):
        table = docvars.copy()
    else:
        try:
            table = pd.read_csv(docvars, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            raise SourceError(name, f"cannot be read as a CSV table ({type(error).__name__}: {error})") from None
        table = table.apply(_numbers_where_all_are)
    key = "doc_id" if "doc_id" in table else "file" if "file" in table else None
    if key is None:
        raise SourceError(name, "a docvars table needs a doc_id or a file column to join on")
    twice = table[key][table[key].duplicated()].astype(str).tolist()
    if twice:
        raise SourceError(name, f"{key} given twice: {', '.join(sorted(set(twice)))}")
    return table


def _numbers_where_all_are(column: pd.Series) -> pd.Series:
    """Whole numbers as integers when every filled value is one (years, counts); text stays text."""
    present = column.notna() & (column.astype(str) != "")
    filled = column[present]
    if len(filled) and filled.astype(str).str.fullmatch(r"-?\d+").all():
        return pd.to_numeric(column.where(present), errors="coerce").astype("Int64")
    return column.where(present, None)


def docvars_from_names(paths_: Sequence[str | Path], pattern: str) -> pd.DataFrame:
    """Document variables read from file names, as readtext's ``docvarsfrom = "filenames"``.

    ``pattern`` matches the file stem, ``{name}`` standing for one variable (``"{place}_{year}"``
    reads 沈河区_2021.txt as place 沈河区, year 2021). Returns ``file`` and one column per variable;
    a file whose name does not match gets empty values.

    >>> docvars_from_names(["沈河区_2021.txt", "readme.txt"], "{place}_{year}").values.tolist()
    [['沈河区_2021.txt', '沈河区', 2021], ['readme.txt', nan, <NA>]]
    """
    names = _FIELD.findall(pattern)
    if not names:
        raise ValueError(f"docvars_from pattern {pattern!r} names no variable (write them as {{place}}, {{year}})")
    pieces = _FIELD.split(pattern)
    regex = "".join(re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>.+?)" for i, piece in enumerate(pieces))
    compiled = re.compile(regex)
    rows = []
    for path in paths_:
        match = compiled.fullmatch(Path(path).stem)
        rows.append({"file": Path(path).name, **(match.groupdict() if match else dict.fromkeys(names))})
    table = pd.DataFrame(rows, columns=["file", *names])
    return table.apply(lambda column: column if column.name == "file" else _numbers_where_all_are(column))


def join_docvars(documents: pd.DataFrame, docvars: str | Path | pd.DataFrame | None = None, *,
                 docvars_from: str | None = None) -> pd.DataFrame:
    """``documents`` (one row per report, with ``doc_id`` and ``path``) with the user's variables added.

    ``docvars`` joins on ``doc_id`` or on ``file`` (the file name, or its stem); ``docvars_from``
    reads variables from the file names (:func:`docvars_from_names`). A user column of the same name
    as a built-in one (``place``, ``level`` …) replaces it where the user gives a value, except
    ``year``, under which the term counts are filed: a user's ``year`` becomes ``year_docvars``.
    Files the table names that are not in the corpus, and reports it does not cover, are reported
    in one :class:`DocvarsWarning` listing them.

    >>> documents = pd.DataFrame({"doc_id": ["a", "b"], "path": ["x/2019.txt", "x/2021.txt"]})
    >>> join_docvars(documents, pd.DataFrame({"file": ["2019.txt", "2021"], "premier": ["李克强", "李克强"]}))["premier"].tolist()
    ['李克强', '李克强']
    """
    table = documents.copy()
    names = table["path"].map(lambda p: Path(str(p)).name)
    if docvars_from is not None:
        found = docvars_from_names(table["path"].tolist(), docvars_from)
        unmatched = found.loc[found.drop(columns="file").isna().all(axis=1), "file"].tolist()
        if unmatched:
            warnings.warn(DocvarsWarning(f"docvars_from {docvars_from!r} does not match {len(unmatched)} file "
                                         f"name(s): {', '.join(unmatched)}"), stacklevel=2)
        table = _overlay(table, found.drop(columns="file").set_axis(table.index))
    if docvars is not None:
        given = read_docvars(docvars)
        source = "docvars table" if isinstance(docvars, pd.DataFrame) else str(docvars)
        if "doc_id" in given:
            keys, own = given["doc_id"].astype(str), table["doc_id"].astype(str)
        else:
            given_names = given["file"].astype(str)
            stems = names.map(lambda n: Path(n).stem)
            by_stem = ~given_names.isin(set(names)) & given_names.isin(set(stems))
            keys = given_names.where(~by_stem, given_names.map(dict(zip(stems, names))))
            own = names
        extra = sorted(set(keys) - set(own))
        missing = sorted(set(own) - set(keys))
        if extra or missing:
            said = [f"{len(extra)} not in the corpus ({', '.join(extra)})" if extra else "",
                    f"{len(missing)} report(s) without a row ({', '.join(missing)})" if missing else ""]
            warnings.warn(DocvarsWarning(f"{source}: " + "; ".join(s for s in said if s)), stacklevel=2)
        values = given.drop(columns=[c for c in ("doc_id", "file", "path") if c in given]).set_axis(keys)
        table = _overlay(table, values.reindex(own.tolist()).set_axis(table.index))
    return table


def _overlay(table: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the columns of ``values`` added, or filled in where ``values`` has a value."""
    values = values.rename(columns={"year": "year_docvars"})
    for column in values.columns:
        if column in table:
            table[column] = values[column].where(values[column].notna(), table[column])
        else:
            table[column] = values[column]
    return table
