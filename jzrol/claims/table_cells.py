"""Numbers in the cells of a table whose unit stands elsewhere: in the row's label (地区生产总值（亿元）),
the column's header (增长（%）, 件数) or a column of units (单位).

A table reaches the text as rows of cells a tab apart (one line a row: the reader writes an HTML table so,
and a text copied from a spreadsheet is so). A run of such lines is a table; its first line is the header
when none of its cells is a bare number. A bare number (712.5, 6左右, -1.2) in any cell but the first is a
claim when one of these gives its unit; the unit must be one the claim grammar knows (万 and 亿 before it
are multipliers: 万人, 亿千瓦时).

>>> text = "指标\\t2022年\\t2023年目标\\n地区生产总值增长（%）\\t4.1\\t6左右\\n新增就业（万人）\\t1.2\\t1.5"
>>> [(text[start:end], unit, subject) for start, end, unit, subject in cell_numbers(text, {"%", "人"})][:2]
[('4.1', '%', '地区生产总值增长 2022年'), ('6左右', '%', '地区生产总值增长 2023年目标')]
"""

from __future__ import annotations

import re
from collections.abc import Collection

__all__ = ["cell_numbers"]

_BARE_NUMBER = re.compile(r"[-−－+]?[0-9０-９]+(?:[.．][0-9０-９]+)?(?:左右|以上|以内|以下|上下)?")
_UNIT_IN_BRACKETS = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?(?P<unit>[^（()）\s]{1,6})\s*[）)]$")
_COUNT_HEADER = re.compile(r"^(?P<unit>[\u4e00-\u9fff])数$")  # 件数, 人数, 户数
_UNIT_COLUMN = frozenset({"单位", "计量单位", "单 位"})
_MAGNITUDES = "万亿"


def _known(unit: str, units: Collection[str]) -> bool:
    unit = unit.replace("％", "%")
    return unit in units or (len(unit) > 1 and unit[0] in _MAGNITUDES and unit[1:] in units)


def _bracketed(cell: str, units: Collection[str]) -> str | None:
    match = _UNIT_IN_BRACKETS.search(cell)
    return match["unit"].replace("％", "%") if match and _known(match["unit"], units) else None


def _header_unit(cell: str, units: Collection[str]) -> str | None:
    bracketed = _bracketed(cell, units)
    if bracketed:
        return bracketed
    count = _COUNT_HEADER.match(cell.strip())
    return count["unit"] if count and count["unit"] in units else None


def _rows(text: str) -> list[list[tuple[int, int, int]]]:
    """The runs of table rows in ``text``: per row, its cells as (start, end, column), stripped of spaces."""
    runs: list[list[list[tuple[int, int, int]]]] = [[]]
    position, after_blank = 0, False
    for line in text.split("\n"):
        if "\t" in line:
            cells, start = [], position
            for column, cell in enumerate(line.split("\t")):
                left = len(cell) - len(cell.lstrip())
                cells.append((start + left, start + len(cell.rstrip()), column))
                start += len(cell) + 1
            # blank lines between rows (a page's table) keep the run, unless what follows is another
            # table: a row of other width, or a header (no bare number) after a blank line
            header = not any(_BARE_NUMBER.fullmatch(text, a, b) for a, b, column in cells if column)
            if runs[-1] and (len(cells) != len(runs[-1][0]) or (after_blank and header)):
                runs.append([])
            runs[-1].append(cells)
        elif line.strip() and runs[-1]:
            runs.append([])
        after_blank = not line.strip()
        position += len(line) + 1
    return [run for run in runs if run]


def cell_numbers(text: str, units: Collection[str]) -> list[tuple[int, int, str, str]]:
    """``(start, end, unit, subject)`` of every bare number in a table cell of ``text`` whose unit its row
    label, its column's header or the row's unit column gives (the label first), in the order of the text.

    ``units`` are the units the claim grammar knows; ``unit`` is as written (万元, 万人, %); ``subject`` is
    the row's label without its unit, then the column's header.
    """
    found = []
    for run in _rows(text):
        first = run[0]
        is_header = not any(_BARE_NUMBER.fullmatch(text, start, end) for start, end, column in first if column)
        header = {column: text[start:end] for start, end, column in first} if is_header else {}
        unit_column = next((column for column, name in header.items() if name.replace("　", " ") in _UNIT_COLUMN), None)
        column_units = {column: _header_unit(name, units) for column, name in header.items()}
        for row in run[1:] if is_header else run:
            cells = {column: (start, end) for start, end, column in row}
            # the row's label: its first cell, or the first that is no number where the first numbers the rows (序号)
            label = next((text[start:end] for start, end, _ in row if not _BARE_NUMBER.fullmatch(text, start, end)), "")
            row_unit = _bracketed(label, units)
            if row_unit is None and unit_column in cells:
                written = text[cells[unit_column][0]:cells[unit_column][1]].replace("％", "%")
                row_unit = written if _known(written, units) else None
            for start, end, column in row:
                if column == 0 or column == unit_column or not _BARE_NUMBER.fullmatch(text, start, end):
                    continue
                unit = row_unit or column_units.get(column)
                if unit:
                    subject = _UNIT_IN_BRACKETS.sub("", label) if row_unit and label else label
                    found.append((start, end, unit, f"{subject} {header.get(column, '')}".strip()))
    return found
