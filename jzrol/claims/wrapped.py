"""Numbers that a hard line wrap splits: a text copied from a PDF breaks its lines by the page, so a
claim can run across a line break (事项12 / 项, 增长1 / 2.5%). The claims of such a unit are read in a
copy with those line breaks taken out, and their offsets mapped back to the unit's text.

>>> text, where = unwrap_numbers("取消事项12\\n项，可办率98\\n%。")
>>> text, text[4:7], where[6]
('取消事项12项，可办率98%。', '12项', 7)
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["unwrap_numbers", "wrapped_texts"]

# A line break (and the spaces around it) after a digit or decimal point and before a digit, a decimal
# point, a percent sign or a character of a unit or multiplier.
_WRAP = re.compile(r"(?=[ \t\u3000\n])(?<=[0-9０-９.．])[ \t\u3000]*\n[ \t\u3000]*(?=[0-9０-９.．%％\u4e00-\u9fff])")


def wrapped_texts(joined: str, starts: list[int]) -> set[int]:
    """Which of the texts joined by line breaks in ``joined`` (``starts``: where each starts, and one
    more) hold a line break that splits a number; not a table's rows, whose lines are rows.

    >>> sorted(wrapped_texts("共12\\n项。\\n共3\\n项已完成", [0, 7, 10, 15]))  # 共3 and 项已完成 are two texts
    [0]
    """
    found = set()
    for match in _WRAP.finditer(joined):
        index = bisect_right(starts, match.start()) - 1
        joiner = starts[index + 1] - 1  # the line break that joins this text to the next
        if not match.start() <= joiner < match.end() and "\t" not in joined[starts[index]:joiner]:
            found.add(index)
    return found


def unwrap_numbers(text: str) -> tuple[str, list[int]]:
    """``text`` without the line breaks that split numbers, and where each of its characters is in ``text``."""
    kept, where, position = [], [], 0
    for match in _WRAP.finditer(text):
        kept.append(text[position:match.start()])
        where.extend(range(position, match.start()))
        position = match.end()
    kept.append(text[position:])
    where.extend(range(position, len(text)))
    return "".join(kept), where
