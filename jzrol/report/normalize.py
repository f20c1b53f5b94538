"""Characters and numerals: the analysis form of a span, simplified characters, heading numerals.

>>> normalize_text("共\\u200b１２\\n件"), chinese_numeral("十二")
('共12件', 12)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from jzrol import paths
from jzrol.lexicon_loader import LexiconError, lexicon_lines, read_rows

_SPACE = " \t\r\f\v\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff"
# Line breaks as str.splitlines knows them: \n, the separators U+2028 and U+2029, NEL (U+0085) and the
# file, group and record separators (\r, \v and \f are spaces within a line here).
_LINE_BREAKS = "\n\x1c\x1d\x1e\x85\u2028\u2029"
_WHITESPACE = _SPACE + _LINE_BREAKS
_LINE_BREAK = re.compile(f"[{_LINE_BREAKS}]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH_ALNUM.update({0xFF05: ord("%"), 0xFF0E: ord(".")})  # ％ ．

_FULLWIDTH_PRESENT = re.compile("[\uff05\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# Runs of them: translating each run is faster than translating a whole paragraph character by character.
_FULLWIDTH_RUN = re.compile(_FULLWIDTH_PRESENT.pattern + "+")


def _half_width(run: re.Match) -> str:
    return run.group().translate(_FULLWIDTH_ALNUM)

_INNER_BREAK = re.compile(rf"[ \t\r\f\v\u00a0]*[{_LINE_BREAKS}][\s\u3000]*")
_SPACE_RUN = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_NEEDS_NORMALIZING = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\uff05\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a \t\r\f\v\u00a0\u3000"
    + _LINE_BREAKS + "]")


_NUMERAL_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def chinese_numeral(text: str) -> int:
    """Value of a small Chinese numeral as used in headings (一 to 九十九).

    Raises:
        ValueError: the characters are not such a numeral (一一, 十十).

    >>> chinese_numeral("十一"), chinese_numeral("二十"), chinese_numeral("九")
    (11, 20, 9)
    """
    digits = _NUMERAL_DIGITS
    tens, ten, ones = text.partition("十")
    if not ten and len(text) == 1:
        return digits[text]
    if not ten or len(tens) > 1 or len(ones) > 1 or not set(tens + ones) <= set(digits):
        raise ValueError(f"not a heading numeral: {text!r}")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def _year_value(text: str) -> int:
    """A year written in digits or in Chinese numerals, digit by digit.

    >>> _year_value("2021"), _year_value("二〇二一"), _year_value("一九五四")
    (2021, 2021, 1954)
    """
    if text.isdigit():
        return int(text)
    return int("".join(str("〇一二三四五六七八九".index(c)) for c in text.replace("○", "〇").replace("零", "〇")))


def _ordinal(text: str) -> int:
    """A heading or item number, or 0 when the characters are not a well-formed numeral (一一)."""
    try:
        return chinese_numeral(text)
    except (ValueError, KeyError):
        return 0


def normalize_text(text: str) -> str:
    """The analysis form of a span: no zero-width or layout whitespace, half-width digits and letters.

    (The parser also converts traditional characters to simplified in the ``norm`` column; see
    :func:`to_simplified`.)

    Line breaks inside a sentence (as scraped pages leave around links) are
    removed, runs of spaces collapse, and full-width digits and Latin letters
    become half-width. Chinese punctuation is kept as written.

    >>> normalize_text("共\\u200b１２\\n件，\\u3000\\u3000ＡＰＰ\\n\\n")
    '共12件， APP'
    """
    text = text.strip()  # the edges go in any case; stripping first lets most sentences skip the rest
    if not _NEEDS_NORMALIZING.search(text):
        return text
    text = _ZERO_WIDTH.sub("", text)
    if _FULLWIDTH_PRESENT.search(text):
        text = _FULLWIDTH_RUN.sub(_half_width, text)
    if "\n" in text or _LINE_BREAK.search(text):
        text = _INNER_BREAK.sub("", text)
    text = _SPACE_RUN.sub(" ", text)
    return text.strip()


@lru_cache(maxsize=1)
def _to_simplified():
    import opencc

    return opencc.OpenCC("t2s").convert


_HAN = re.compile(r"[\u4e00-\u9fff]")


def is_traditional(text: str, *, threshold: float = 0.02) -> bool:
    """True when a text is written in traditional characters (OpenCC t2s changes over 2% of its Han characters).

    >>> is_traditional("我們在黨的領導下完成了國家預算"), is_traditional("我们在党的领导下完成了国家预算")
    (True, False)
    """
    sample = text[:4000]
    converted = _to_simplified()(sample)
    if converted == sample:
        return False
    han = len(_HAN.findall(sample))
    if not han:
        return False
    changed = sum(map(str.__ne__, sample, converted)) if len(converted) == len(sample) else han
    return changed / han > threshold


@lru_cache(maxsize=2)
def _variant_table(path: str) -> tuple[dict[int, str], re.Pattern]:
    """Old variant characters that OpenCC's t2s keeps, mapped to their standard forms (``variants.csv``),
    and a pattern that finds any of them (most texts hold none, and finding is faster than translating)."""
    rows = read_rows(path, ["variant", "standard"], patterns=())
    for row in rows:
        if len(row["variant"]) != 1 or len(row["standard"]) != 1:
            line = next(number for number, text in lexicon_lines(path) if text.startswith(row["variant"] + ","))
            raise LexiconError(path, line, "a variant and its standard form are one character each")
    table = {ord(row["variant"]): row["standard"] for row in rows}
    return table, re.compile("[" + "".join(map(chr, table)) + "]")


def to_simplified(text: str, *, variants: str | Path = paths.VARIANTS) -> str:
    """Traditional characters converted to simplified with OpenCC (t2s), then the old variant characters
    it keeps (衞, 擧, 汚 …) replaced by their standard forms (``jzrol/lexicon/variants.csv``).

    >>> to_simplified("關於憲法草案的報告"), to_simplified("選擧和衞生")
    ('关于宪法草案的报告', '选举和卫生')
    """
    converted = _to_simplified()(text)
    table, present = _variant_table(str(variants))
    return converted.translate(table) if present.search(converted) else converted


def simplified_in_place(text: str) -> str:
    """The text in simplified characters with every character at its own offset: the whole text as
    :func:`to_simplified` converts it, or, where that changes its length, each line that keeps its length
    converted and the others as they are. Rules written in simplified characters run on it and their
    offsets hold for the text.

    >>> simplified_in_place("當前位置：首頁\\n發布日期：2022-02-15")
    '当前位置：首页\\n发布日期：2022-02-15'
    """
    converted = to_simplified(text)
    if len(converted) == len(text):
        return converted
    lines = text.splitlines(keepends=True)
    return "".join(line if len(simple) != len(line) else simple for line, simple in zip(lines, map(to_simplified, lines)))


def _simplified_column(values: list[str], *, repeated: bool = False) -> list[str]:
    """Convert many short strings in one OpenCC call (values hold no line break); ``repeated`` converts
    each distinct value once (a heading's title repeats on every unit under it).

    >>> _simplified_column(["報告", "報告", "法治"], repeated=True)
    ['报告', '报告', '法治']
    """
    distinct = list(dict.fromkeys(values)) if repeated else values
    converted = to_simplified("\n".join(distinct)).split("\n")
    if len(converted) != len(distinct):
        converted = [to_simplified(value) for value in distinct]
    return list(map(dict(zip(distinct, converted)).__getitem__, values)) if repeated else converted
