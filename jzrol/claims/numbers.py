"""Numbers as reports write them: Arabic digits (full-width too, with thousands separators) and Chinese numerals.

The one numeral reader of the package: the claim grammar's number patterns and the values they stand for.

>>> number_value("1,200"), number_value("一千二百"), number_value("３.５")
(1200.0, 1200.0, 3.5)
"""

from __future__ import annotations

__all__ = ["ARABIC", "CHINESE", "DIGIT", "FULLWIDTH", "HAN_NUMERALS", "MULTIPLIERS", "chinese_number", "is_chinese",
           "number_value"]

DIGIT = "0-9０-９"
ARABIC = rf"[{DIGIT}]+(?:[,，][{DIGIT}]{{3}})*(?:[.．][{DIGIT}]+)?"
HAN_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
CHINESE = rf"[{HAN_NUMERALS}]+(?:点[零〇一二三四五六七八九]+)?"
MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万亿": 1e12}

FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_HAN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> float:
    """Value of a Chinese numeral, with 万/亿 sections and a 点 decimal part.

    >>> chinese_number("一千二百"), chinese_number("两万"), chinese_number("十五"), chinese_number("三点五")
    (1200.0, 20000.0, 15.0, 3.5)
    """
    whole, _, decimal = text.partition("点")
    total, section, digit = 0, 0, None
    for char in whole:
        if char in _HAN_DIGITS:
            digit = _HAN_DIGITS[char] if digit is None else digit * 10 + _HAN_DIGITS[char]
        elif char in _HAN_UNITS:
            section += (1 if digit is None else digit) * _HAN_UNITS[char]
            digit = None
        elif char in "万亿":
            multiplier = 10_000 if char == "万" else 100_000_000
            total = (total + section + (digit or 0)) * multiplier if char == "亿" else \
                total + (section + (digit or 0)) * multiplier
            section, digit = 0, None
    value = float(total + section + (digit or 0))
    if decimal:
        value += float("0." + "".join(str(_HAN_DIGITS[c]) for c in decimal))
    return value


_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")


def number_value(text: str) -> float | None:
    """Value of a number in digits or Chinese numerals, or None when the digits are malformed."""
    if text[0] in _DIGIT_CHARS:
        plain = text.translate(FULLWIDTH).replace(",", "")
        try:
            return float(plain)
        except ValueError:
            return None
    return chinese_number(text)


def is_chinese(text: str) -> bool:
    """True when a number is written in Chinese numerals."""
    return text[0] not in _DIGIT_CHARS
