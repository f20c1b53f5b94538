"""The closing signature of a report: signer names and the date below them.

>>> _signers("中共某县委　某县人民政府")
['中共某县委', '某县人民政府']
"""

from __future__ import annotations

import re
from typing import NamedTuple

from jzrol import paths
from jzrol.lexicon_loader import cue_pattern, read_cues
from jzrol.report.chrome import _Line
from jzrol.report.markers import _CLOSING_NOTE
from jzrol.report.normalize import _ordinal, _year_value, normalize_text

_SIGNER_SUFFIXES = read_cues(paths.SIGNER_SUFFIXES)  # 人民政府, 党委, 局 …
_SIGNER = re.compile(cue_pattern(_SIGNER_SUFFIXES) + "$")
# The date that closes a signature: 2022年3月25日 or 二〇二二年三月二十五日 (or the month alone, 2023年1月),
# alone or after the signer (after a space, or right after the signer's name: 某县人民政府2022年3月25日).
_SIGNED_DATE = re.compile(r"(?:^|[\s\u3000]|(?<=[" + re.escape("".join(sorted({cue[-1] for cue in _SIGNER_SUFFIXES})))
                          + r"]))(?P<y>(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*"
                          r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?$")


def _signed_date(line: str) -> re.Match | None:
    """The date that closes a signature at the end of a line (a quick test of the last character first:
    most lines are sentences, and the pattern would be tried at each of their characters).

    >>> _signed_date("某县人民政府 2022年3月25日")["y"], _signed_date("全年办结12件。")
    ('2022', None)
    """
    return _SIGNED_DATE.search(line) if line.endswith(("日", "月")) else None


_ISSUER_SPLIT = re.compile(r"[\s、，,]+|(?<=[委府院])和(?=[\u4e00-\u9fff])")


def _names(text: str) -> list[str]:
    """The names in an issuer or signer line (中共某县委 某县人民政府, 国务院和中央军委 …).

    >>> _names("中共某县委　某县人民政府")
    ['中共某县委', '某县人民政府']
    """
    return [name for name in _ISSUER_SPLIT.split(text) if name]


def _signers(line: str) -> list[str]:
    """The names of a signer line (short, every name an office: 某县人民政府, 中共某县委), else none."""
    names = _names(line)
    return names if names and len(line) <= 40 and all(_SIGNER.search(name) for name in names) else []


class _Signature(NamedTuple):
    signers: list[str]  # 中共某县委, 某县人民政府 (none when only the date is there)
    date: str | None  # ISO date (2023-01 when the day is not given), None when the report ends without a signature
    start: int | None = None  # where the signature starts in the text


def _last_nonblank(lines: list[_Line], end: int, count: int) -> list[int]:
    """The indexes of the last ``count`` non-blank lines of lines[:end], in order (a backward scan: a
    report's end is all a signature needs)."""
    found, index = [], end - 1
    while index >= 0 and len(found) < count:
        if not lines[index].blank:
            found.append(index)
        index -= 1
    return found[::-1]


def _signature(lines: list[_Line], end: int | None = None) -> _Signature:
    """The signature that closes a report (the last body lines of lines[:end]): signers, date and where
    it starts.

    >>> from jzrol.report.chrome import _split_lines
    >>> text = "……报告如下。\\n中共某县委　某县人民政府\\n二〇二二年三月二十五日"
    >>> _signature(_split_lines(text))
    _Signature(signers=['中共某县委', '某县人民政府'], date='2022-03-25', start=8)
    """
    tail: list[_Line] = []
    index = len(lines) - 1 if end is None else end - 1
    while index >= 0 and len(tail) < 3:
        line = lines[index]
        # （此件公开发布） below the date is left out; the three lines above it are the signature's place
        if not line.blank and (tail or not _CLOSING_NOTE.match(normalize_text(line.text))):
            tail.append(line)
        index -= 1
    tail.reverse()
    last = normalize_text(tail[-1].text) if tail else ""
    date = _signed_date(last)
    if date is None:
        return _Signature([], None)
    year = _year_value(date["y"])
    month, day = (int(v) if v.isdigit() else _ordinal(v) for v in (date["m"], date["d"] or "1"))
    before = last[:date.start()].strip()  # 某县人民政府 2022年3月25日 on one line
    if not (1 <= month <= 12 and 1 <= day <= 31) or (before and not _signers(before)):
        return _Signature([], None)  # not a date, or a sentence that ends in one
    signers, start = _signers(before), tail[-1].start
    for line in reversed(tail[:-1]):
        names = _signers(normalize_text(line.text))
        if not names:
            break
        signers, start = names + signers, line.start
    return _Signature(signers, f"{year:04d}-{month:02d}" + (f"-{day:02d}" if date["d"] else ""), start)


def _signature_and_notes(lines: list[_Line]) -> tuple[_Signature, int | None]:
    """The closing signature and where the notes after it start (None when nothing follows it).

    The signature is the report's last lines (see :func:`_signature`) or, when notes follow it, a
    date line with the signers above it or before it on its line, among the last twelve lines.

    >>> from jzrol.report.chrome import _split_lines
    >>> text = "……报告如下。\\n某县人民政府\\n2022年3月25日\\n（此件公开发布）\\n注：本报告数据截至2021年底。"
    >>> signature, notes = _signature_and_notes(_split_lines(text))
    >>> signature.date, text[notes:]
    ('2022-03-25', '注：本报告数据截至2021年底。')
    """
    signature = _signature(lines)
    if signature.date is not None:
        return signature, None
    nonblank = _last_nonblank(lines, len(lines), 13)
    for position in range(len(nonblank) - 2, max(-1, len(nonblank) - 13), -1):
        candidate = _signature(lines, nonblank[position] + 1)
        if candidate.date is not None and candidate.signers:
            notes = [lines[index] for index in nonblank[position + 1:]
                     if not _CLOSING_NOTE.match(normalize_text(lines[index].text))]
            return candidate, notes[0].start if notes else None
    return signature, None
