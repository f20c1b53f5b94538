"""Numbers as reports write them: Arabic digits (full-width too, with thousands separators) and Chinese numerals.

The one numeral reader of the package: the claim grammar's number patterns and the values they stand for.
Chinese numerals include 两 and 〇, the financial forms (壹仟贰佰), traditional 萬/億/兩 and the colloquial
abbreviations in which a last digit takes the place below the one before it (两万三 is 23000, 一千二 is 1200).

>>> number_value("1,200"), number_value("一千二百"), number_value("３.５"), number_value("两万三")
(1200.0, 1200.0, 3.5, 23000.0)
"""

from __future__ import annotations

import math
import re

__all__ = ["ARABIC", "CHINESE", "CHINESE_DIGITS", "CHINESE_PAIR", "MIXED", "chinese_range", "DIGIT", "FULLWIDTH", "HAN_NUMERALS", "MULTIPLIERS",
           "chinese_number", "is_chinese", "number_value"]

DIGIT = "0-9０-９"
ARABIC = rf"[{DIGIT}]+(?:[,，][{DIGIT}]{{3}})*(?:[.．][{DIGIT}]+)?"
#: Chinese digits (plain, financial and the circle used for zero in years).
CHINESE_DIGITS = "零〇○一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
HAN_NUMERALS = CHINESE_DIGITS + "十拾百佰千仟万萬亿億"
# A 千 right before 瓦/克/米/伏/卡 is the unit's (一千九百五十万千瓦), not the number's.
CHINESE = rf"(?:[{HAN_NUMERALS.replace('千', '')}]|千(?![瓦克米伏卡]))+(?:[点點][{CHINESE_DIGITS}]+)?"
#: Digits with Chinese places between them: 1亿3千万, 2万5千, 5千 (but 5千万 is 5 with the multiplier 千万).
MIXED = rf"[{DIGIT}]+(?:(?:[亿万千百][{DIGIT}]+)+[亿万千百]*|[千百](?![万亿]))"
#: Two neighbouring digits for a rough figure: 两三年, 二三十年, 七八千.
CHINESE_PAIR = re.compile(r"([一二两三四五六七八九])([二两三四五六七八九])([十百千万亿]*)")
MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万亿": 1e12}

FULLWIDTH = str.maketrans("０１２３４５６７８９．，％－−", "0123456789.,%--")
_DIGIT_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {
    "〇": 0, "○": 0, "两": 2, "兩": 2, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6,
    "陸": 6, "柒": 7, "捌": 8, "玖": 9}
_PLACES = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_GROUPS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_ZEROS = frozenset("零〇○")
_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")
_GROUPED = re.compile(r"-?[0-9]+(?:,[0-9]{3})+(?:\.[0-9]+)?")
_PLACE_CHARS = frozenset("十百千万亿")
_AS_CHINESE = str.maketrans("0123456789", "〇一二三四五六七八九")


def chinese_number(text: str) -> float:
    """Value of a Chinese numeral, with 万/亿 groups, a 点 decimal part and colloquial last digits.

    A digit left at the end right after a place (no 零 between) takes the place below it: 一千二 is
    1200, 两万三 23000, 三百五 350. Digits written one by one (二〇二一) read as a digit string.

    >>> chinese_number("一千二百"), chinese_number("两万"), chinese_number("十五"), chinese_number("三点五")
    (1200.0, 20000.0, 15.0, 3.5)
    >>> chinese_number("一千二"), chinese_number("一千零二"), chinese_number("壹仟贰佰"), chinese_number("一亿二")
    (1200.0, 1002.0, 1200.0, 120000000.0)
    """
    whole, _, decimal = text.replace("點", "点").partition("点")
    total, group, section = 0, 0, 0  # whole 亿 groups; the 万 group; what is below 万
    digit: int | None = None
    last_place, zero_since_place = 0, False
    for char in whole:
        if char in _DIGIT_VALUES:
            if char in _ZEROS and last_place:
                zero_since_place = True
            digit = _DIGIT_VALUES[char] if digit is None else digit * 10 + _DIGIT_VALUES[char]
        elif char in _PLACES:
            section += (1 if digit is None else digit) * _PLACES[char]
            digit, last_place, zero_since_place = None, _PLACES[char], False
        elif char in _GROUPS:
            size = _GROUPS[char]
            amount = section + (digit or 0)
            if not (amount or group or total):
                amount = 1  # 万人, 近万亿元: a bare 万 is ten thousand
            if size == 10_000:
                group = (group + amount) * size if group and not amount else group + amount * size
            else:
                total = (total + group + amount) * size
                group = 0
            section, digit, last_place, zero_since_place = 0, None, size, False
    if digit is not None and digit < 10 and last_place and not zero_since_place:
        digit *= last_place // 10  # colloquial: 一千二 -> 1000 + 2·100
    value = float(total + group + section + (digit or 0))
    if decimal:
        value += float("0." + "".join(str(_DIGIT_VALUES[c]) for c in decimal))
    return value


def number_value(text: str) -> float | None:
    """Value of a number in digits or Chinese numerals, or None when it is malformed or beyond any real figure.

    >>> number_value("1,200.5"), number_value("-3"), number_value("1..2"), number_value("9" * 400)
    (1200.5, -3.0, None, None)
    >>> number_value("1亿3千万"), number_value("2万5千")
    (130000000.0, 25000.0)
    """
    if text[0] in _DIGIT_CHARS or text[0] in "-−－":
        plain = text.translate(FULLWIDTH)
        if "," in plain:
            if not _GROUPED.fullmatch(plain):
                return None  # 3,,000 and 1,00 are not numbers
            plain = plain.replace(",", "")
        if _PLACE_CHARS.intersection(plain):  # 1亿3千万 reads as 一亿三千万
            return chinese_number(plain.translate(_AS_CHINESE))
        try:
            value = float(plain)
        except ValueError:
            return None
    else:
        value = chinese_number(text)
    return value if math.isfinite(value) and abs(value) < 1e18 else None


def is_chinese(text: str) -> bool:
    """True when a number is written in Chinese numerals.

    >>> is_chinese("三百"), is_chinese("300"), is_chinese("-3")
    (True, False, False)
    """
    return text[0] not in _DIGIT_CHARS and text[0] not in "-−－"


def chinese_range(text: str) -> tuple[float, float] | None:
    """The two ends of a rough figure written with two neighbouring digits, or None.

    >>> chinese_range("两三"), chinese_range("二三十"), chinese_range("七八千"), chinese_range("一九")
    ((2.0, 3.0), (20.0, 30.0), (7000.0, 8000.0), None)
    """
    match = CHINESE_PAIR.fullmatch(text)
    if not match:
        return None
    first, second, places = match.groups()
    if _DIGIT_VALUES[second] - _DIGIT_VALUES[first] not in (1, 2):
        return None
    return chinese_number(first + places), chinese_number(second + places)
