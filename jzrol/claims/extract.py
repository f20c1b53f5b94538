"""Claim extraction: every quantity a report asserts, with its value, unit, kind, qualifier and subject.

A claim is a number with its unit, as written: ``1000余场次``, ``成功率99.93%``, ``约210000人次``,
``4.46万个岗位``, ``1200元/月``, ``三分之一``, ``五成``. Years, dates, ordinals, sessions, rankings,
identifiers, phone numbers and named formulas (1+5+N, 三项制度, “20条”) are not claims.

>>> [c["raw"] for c in claim_records([("d", 1, 0, 0, 0, 0, "开展活动30余次，约200人，连续三年增长。")])]
['30余次', '约200人', '三年']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate, count, pairwise
from operator import add
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from jzrol.claims.grammar import NAMED_NUMBERS, QUALIFIER_ORDER, UNITS, Grammar, load_grammar
from jzrol.claims.numbers import CHINESE_DIGITS, DIGIT, FULLWIDTH, MULTIPLIERS, chinese_range, is_chinese, number_value
from jzrol.claims.table_cells import cell_numbers
from jzrol.claims.wrapped import unwrap_numbers, wrapped_texts
from jzrol.terms import get_tokenizer

__all__ = ["CHANGE_BETWEEN", "CLAIM_COLUMNS", "NAMED_NUMBERS", "TEXT_UNIT_FIELDS", "UNITS", "claim_records", "count_claims",
           "extract_claims", "line_starts", "prepare"]

CLAIM_COLUMNS = [
    "doc_id", "claim_id", "part", "section", "item", "start", "end", "raw", "value", "low", "high",
    "unit", "kind", "qualifier", "subject", "group", "role", "unit_id",
]


@lru_cache(maxsize=1)
def _tokenizer():
    """jzrol's default tokenizer, looked up once (claims use it for word boundaries and subjects)."""
    return get_tokenizer()


def prepare() -> None:
    """Build the claim grammar and look up the tokenizer now (before worker processes fork)."""
    load_grammar()
    _tokenizer()


# --- exclusions ------------------------------------------------------------------------------

_YEAR_AFTER = re.compile(r"(年度|年版|版|年代|届|级|号|时|点|月|日|期间|年以来|年至|年底|年初|年末|—|-|－|～)")
# Dates (2020年10月, 2020-10, 2020.10.1, 10月1日, 3·15) and phone numbers (2002年7703元 is money). The first digit is written
# outside the alternatives so that the regex engine can skip to digits before trying them. A date with
# dots needs its day (2518.6亿元 is money, not a month).
_DATE_SPAN = re.compile(rf"[{DIGIT}](?:[{DIGIT}]{{3}}(?:[-/][{DIGIT}]{{1,2}}(?:[-/][{DIGIT}]{{1,2}})?|"
                        rf"年[{DIGIT}]{{1,2}}月(?:[{DIGIT}]{{1,2}}日)?|"
                        rf"[.．][{DIGIT}]{{1,2}}[.．][{DIGIT}]{{1,2}}(?![{DIGIT}]))|"
                        rf"[{DIGIT}]?月[{DIGIT}]{{1,2}}日|[{DIGIT}]?[·・][{DIGIT}]{{1,2}})")
_PHONE = re.compile(rf"[{DIGIT}](?:[{DIGIT}]{{2,3}}[-－][{DIGIT}]{{7,8}}|[{DIGIT}]{{10}})")
_IDENTIFIER_BEFORE = re.compile(r"[A-Za-z+＋#/]")
_IDENTIFIER_AFTER = re.compile(r"[A-Za-z+＋#]|[eE][0-9]")
_FOUR_DIGITS = re.compile(rf"[{DIGIT}]{{4}}")
_DOC_NUMBER = re.compile(rf"[〔\[［【][{DIGIT}]{{4}}[〕\]］】][{DIGIT}]+号")


_ORDINAL_BEFORE = frozenset("第〔[")
_ONLY_MAGNITUDES = frozenset("十百千万亿")
_GROUP_CHARS = re.compile("[万萬亿億]")
_HAS_PLACE = re.compile("[十拾百佰千仟万萬亿億]")
_TRAILING_PLACES = re.compile("[十拾百佰千仟万萬亿億]+$")
_MIXED_MAGNITUDE = re.compile(rf"[{DIGIT}].*[万亿]")  # 1亿3千万 carries its own multiplier
_DIGIT_BY_DIGIT = re.compile(f"[{CHINESE_DIGITS}]{{3,}}")
_NOT_A_COUNT_UNIT = frozenset({None, "年"})
_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")
_SEPARATORS = frozenset(",.．")  # not ，, which also separates the members of a list (3，5件)


def _excluded(text: str, match: re.Match, blocked: list[tuple[int, int]], start_of_unit: int, end_of_unit: int,
              grammar: Grammar) -> bool:
    """True when a number with a unit is not a claim: a year, date, ordinal, identifier, formula or figure of speech.

    ``text`` holds the match's unit (units joined by line breaks), which spans ``start_of_unit:end_of_unit``;
    ``blocked`` are the spans of dates, phone numbers and document numbers in it.
    """
    doubling, sign, number = match.group("doubling", "sign", "number")
    unit = _unit_written(match)
    if doubling:
        return False
    start, number_end = match.span("number")
    lead = match.start("sign") if sign else start
    end = match.end()
    if blocked and any(s < end and start < e for s, e in blocked):
        return True
    before = text[lead - 1] if lead else ""
    if before in _ORDINAL_BEFORE:
        return True
    if before in _SEPARATORS:
        back = lead - 1
        while back > start_of_unit and text[back - 1] in _SEPARATORS:
            back -= 1
        if back > start_of_unit and text[back - 1] in _DIGIT_CHARS:
            return True  # the tail of a malformed number: 3,,000 is not 000
    if _IDENTIFIER_BEFORE.match(before) or _IDENTIFIER_AFTER.match(text, number_end):
        return True  # identifiers and formulas: C919, 5G, 1+5+N, 1e5
    chinese = is_chinese(number)
    qualified = any(match.group("prefix", "more_before", "more", "fraction"))
    if chinese:
        cue_before = text[max(0, match.start() - 4):match.start()].endswith(grammar.duration_before)
        if not match.group("fraction") and ((number == "一" and unit != "倍" and not (unit == "年" and cue_before))
                                             or (number == "两" and unit == "个")):
            return True  # 一批, 一起, 两个维护 are articles and formulas; 增加了一倍, 提前一年 are quantities
        if _ONLY_MAGNITUDES.issuperset(number) and not qualified:
            return True  # 千万/万 alone are figures of speech; 近万亿元, 十万余人 are quantities
        if text[end:end + 1] == "是":
            return True
        if unit == "年":  # 连续三年, 十多年 are durations; 三年行动, 五年计划 are names, 一九五二年 a year
            if _DIGIT_BY_DIGIT.fullmatch(number):
                return True
            return not (any(match.group("more_before", "more", "suffix"))
                        or text.startswith(grammar.duration_after, end)
                        or cue_before)
    if match.group("unit") and len(unit) == 1 and "\u4e00" <= unit <= "\u9fff" and not match.group("per"):
        unit_start, unit_end = match.span("unit")
        next_char = text[unit_end:min(unit_end + 1, end_of_unit)]
        if next_char and _tokenizer().has_word(unit + next_char):
            following = _tokenizer().cut(text[unit_start:min(unit_start + 6, end_of_unit)])
            if following and following[0] != unit and not following[0].startswith(unit + unit):
                # the measure word is the start of another word: 千万家庭, 3个人; but 十亿多人口 is a
                # quantity of 人口 (the noun is read as the unit)
                return not (match.group("multiplier") or _GROUP_CHARS.search(number))
    if unit == "年" and not chinese:
        value = number_value(number)
        if value is None or value >= 100:
            return True
    a_year = _FOUR_DIGITS.fullmatch(number) and 1900 <= int(number.translate(FULLWIDTH)) <= 2100
    if a_year and (unit in _NOT_A_COUNT_UNIT or text.startswith(("年", "版"), number_end)):
        return True
    if unit in _NOT_A_COUNT_UNIT and _YEAR_AFTER.match(text, number_end) is not None:
        return True
    return _named(text, lead, end, start_of_unit, end_of_unit, grammar)


_NAME_REACH = 16  # named numbers and not-claim patterns reach no farther from the number they cover


def _named(text: str, start: int, end: int, start_of_unit: int, end_of_unit: int, grammar: Grammar) -> bool:
    """True when a named number or a not-claim pattern (``not_claims.csv``) covers part of ``text[start:end]``.

    Looked for only around the number, which is what makes the long list of patterns affordable.
    """
    window = grammar.not_claims.finditer(text, max(start_of_unit, start - _NAME_REACH), min(end_of_unit, end + _NAME_REACH))
    return any(m.start() < end and start < m.end() for m in window)


def line_starts(texts: list[str]) -> list[int]:
    """Where each text starts in ``"\\n".join(texts)`` (and, last, where one more would start).

    >>> line_starts(["共12件。", "", "约3天"])
    [0, 6, 7, 11]
    """
    return list(map(add, accumulate(map(len, texts), initial=0), count()))


def _blocked_spans(patterns: tuple[re.Pattern, ...], texts: list[str], offsets: list[int],
                   chosen: list[int]) -> list[tuple[int, int]]:
    """Spans of every match of each pattern in the chosen texts, sorted, as positions in all the texts
    joined by line breaks (``offsets`` are where each text starts there; ``chosen`` is in order).

    Matches of different patterns may overlap. No pattern matches a line break, so scanning only the
    chosen texts, joined, finds in them what scanning all would.
    """
    chosen_texts = [texts[index] for index in chosen]
    starts = line_starts(chosen_texts)
    joined = "\n".join(chosen_texts)
    spans = []
    for start, end in sorted(m.span() for pattern in patterns for m in pattern.finditer(joined)):
        k = bisect_right(starts, start) - 1
        shift = offsets[chosen[k]] - starts[k]
        spans.append((start + shift, end + shift))
    return spans


# --- qualifiers, intervals, subjects -----------------------------------------------------------

def _unit_written(match: re.Match) -> str | None:
    """The unit of a match as the units list names it: 个月 for 3个多月."""
    rest = match.group("unit_rest")
    return "个" + rest if rest else match.group("unit")


def _qualifier(match: re.Match, qualifiers: dict[str, str]) -> str:
    words = match.group("prefix", "more_before", "more", "more_inside", "more_after", "suffix")
    if not any(words):
        return "exact"
    found = {qualifiers[word] for word in words if word}
    return "|".join(q for q in QUALIFIER_ORDER if q in found) or "exact"


def _interval(value: float, qualifier: str, high: float | None) -> tuple[float | None, float | None]:
    if high is not None:
        return value, high
    if qualifier == "exact":
        return value, value
    low, upper = value, value
    parts = set(qualifier.split("|"))
    if "approx" in parts:
        low, upper = None, None
    if parts & {"more_than", "at_least"}:
        low, upper = value, None
    if parts & {"at_most", "less_than"}:
        low, upper = None, value
    return low, upper


_CLAUSE_BREAK = re.compile(r"[，,；;。：:！？!?、（(）)\n]")
_SUBJECT_TRIM = re.compile(r"(分别为|分别是|分别|共计|累计|总计|合计|达到|共有|共|达|为|是|了|有|的|占)+$")
_SUBJECT_LEAD = re.compile(r"^(共计|累计|总计|合计|全年|全市|年内|其中|分别|先后|共)+")
_SUBJECT_NOISE = "“”‘’\"'《》〈〉「」 \u3000"
_NON_CONTENT_POS = ("m", "x", "p", "c", "u", "r", "q", "y", "e", "o", "w", "f", "t", "uj", "ul")


def _subject(text: str, claim_start: int, claim_end: int, previous_end: int) -> str:
    """The short phrase the number measures: the noun after it, or the end of the clause before it."""
    tokenizer = _tokenizer()
    left_start = max(previous_end, max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, claim_start)), default=0))
    left = _SUBJECT_TRIM.sub("", text[left_start:claim_start].strip(_SUBJECT_NOISE)).strip(_SUBJECT_NOISE)
    right_text = text[claim_end:]
    right_match = _CLAUSE_BREAK.search(right_text)
    right_clause = right_text[: right_match.start() if right_match else len(right_text)]
    nouns = []
    for word, pos in tokenizer.tag(right_clause):
        if (pos.startswith("n") or pos == "vn") and word.strip(_SUBJECT_NOISE):
            nouns.append(word)
            if len(nouns) == 2:
                break
        else:
            break
    tagged = [(w, p) for w, p in tokenizer.tag(left) if w.strip(_SUBJECT_NOISE)]
    content = [i for i, (w, p) in enumerate(tagged) if not p.startswith(_NON_CONTENT_POS)]
    left_phrase = "".join(w for w, _ in tagged[content[-min(3, len(content))]:]) if content else ""
    if nouns:
        verb = tagged[-1][0] if tagged and tagged[-1][1].startswith("v") else ""
        return (verb + "".join(nouns))[:20]
    left_phrase = _SUBJECT_LEAD.sub("", left_phrase)
    return left_phrase[-20:] or right_clause.strip(_SUBJECT_NOISE)[:6]


_NO_WORD_STARTS = frozenset("，。；：、！？（）“”‘’《》,;:!?()\"' \u3000")  # no dictionary word starts so


def _noun_after(text: str, position: int, end_of_unit: int) -> str:
    """The noun (of one or two words) right after a number with 万/亿 and no measure word (6600多万纳税人 ->
    纳税人, 9748万农村人口 -> 农村人口), or ''."""
    if position >= end_of_unit or text[position] in _NO_WORD_STARTS:
        return ""
    tagged = _tokenizer().tag(text[position:min(position + 12, end_of_unit)])
    nouns = []
    for word, pos in tagged[:2]:  # 9748万农村人口 -> 农村人口
        if not (pos.startswith("n") and pos not in {"nr", "ns", "nt"}):
            break
        nouns.append(word)
    return "".join(nouns)


# --- extraction ------------------------------------------------------------------------------

CHANGE_BETWEEN = re.compile(
    r"^[^，。；;,]{0,10}?(?P<verb>缩短|减少|压缩|降低|下降|降|减|提高|提升|增加|增长|扩大|上升|升|增)(?:了)?(?:到|至|为)$")
_CHANGE_FROM = re.compile(r"(由|从)(原来的|原先的|原来|原|过去的)?$")


TEXT_UNIT_FIELDS = ["doc_id", "unit_id", "part", "section", "item", "start", "text"]


def extract_claims(units: pd.DataFrame, *, units_file: str | Path = UNITS,
                   named_file: str | Path = NAMED_NUMBERS, subjects: bool = True) -> pd.DataFrame:
    """Every numeric claim in the text units of one or more reports (``CLAIM_COLUMNS``).

    Offsets are into the decoded source text (``text[start:end] == raw``). ``low``/``high`` are the
    interval the qualifier implies (empty where open or fuzzy); a range (3至5天) gives both ends and
    its midpoint as ``value``. A from→to change is two rows sharing ``group`` with ``role``
    ``from``/``to``. Malformed numbers (1..2, 3,,000, 12%%) never raise: the well-formed part is
    read or the number is skipped. ``subjects=False`` leaves ``subject`` empty, for counting at speed.
    """
    body = units[units["kind"] == "text"]
    rows = claim_records(zip(*(body[c].tolist() for c in TEXT_UNIT_FIELDS)), units_file=units_file,
                         named_file=named_file, subjects=subjects)
    if not rows:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    numbers: Counter = Counter()
    for row in rows:  # claims are numbered within each document
        numbers[row["doc_id"]] += 1
        row["claim_id"] = numbers[row["doc_id"]]
    return pd.DataFrame({column: [row[column] for row in rows] for column in CLAIM_COLUMNS})


def claim_records(units: Iterable[tuple], *, units_file: str | Path = UNITS, named_file: str | Path = NAMED_NUMBERS,
                  subjects: bool = True) -> list[dict]:
    """The claims of text units given as tuples of ``TEXT_UNIT_FIELDS``, as dicts (no ``claim_id``).

    :func:`extract_claims` is this as a table.

    >>> [c["raw"] for c in claim_records([("d", 1, 0, 0, 0, 0, "新增岗位4.46万个，约210000人次。")])]
    ['4.46万个', '约210000人次']
    """
    units = list(units)
    rows: list[dict] = []
    readings = _readings([unit[6] for unit in units], load_grammar(units_file=units_file, named_file=named_file))
    for index, joined, base, numbers in readings:
        doc_id, unit_id, part, section, item, unit_start, text = units[index]
        found = []
        for reading in numbers:
            start, end = reading.start, reading.end
            low, upper = _interval(reading.value, reading.qualifier, reading.high)
            local = (start - base, end - base)
            found.append({
                "doc_id": doc_id, "part": part, "section": section, "item": item,
                "start": unit_start + local[0], "end": unit_start + local[1], "raw": joined[start:end],
                "value": (reading.value + reading.high) / 2 if reading.high is not None else reading.value,
                "low": low, "high": upper, "unit": reading.unit, "kind": reading.kind,
                "qualifier": reading.qualifier, "subject": "", "group": "", "role": "",
                "unit_id": unit_id, "_local": local,
            })
            if reading.match.group("doubling"):  # 翻一番: the "to" end of a change whose "from" is not stated
                found[-1].update(group=f"u{unit_id}d{local[0]}", role="to")
        if subjects:
            _add_subjects(text, found)
            for claim, reading in zip(found, numbers):  # a table cell's subject is its row's label
                claim["subject"] = reading.subject or claim["subject"]
        _pair_changes(text, found, unit_id)
        rows += found
    for row in rows:
        del row["_local"]
    return rows


def count_claims(texts: Iterable[str], *, units_file: str | Path = UNITS,
                 named_file: str | Path = NAMED_NUMBERS) -> tuple[Counter, int]:
    """Claims per ``kind`` in the texts of text units, and how many are exact (what corpus counting needs).

    The same claims as :func:`claim_records`, without building their records.

    >>> count_claims(["新增岗位4.46万个，约210000人次。", "成功率99%。"])
    (Counter({'count': 2, 'percent': 1}), 2)
    """
    kinds: Counter = Counter()
    exact = 0
    for _, _, _, numbers in _readings(list(texts), load_grammar(units_file=units_file, named_file=named_file)):
        for reading in numbers:
            kinds[reading.kind] += 1
            exact += reading.qualifier == "exact"
    return kinds, exact


def _scaled(value: float, multiplier: float) -> float:
    """A number times its multiplier in decimal arithmetic, so that no binary noise is left.

    >>> 156.3 * 1e8, _scaled(156.3, 1e8), _scaled(1.0, 100 / 3)
    (15630000000.000002, 15630000000.0, 33.333333)
    """
    return round(float(Decimal(repr(value)) * Decimal(repr(multiplier))), 6)


class _Reading(NamedTuple):
    """A number that is a claim: the grammar's match, where the claim starts, and what it says."""

    match: re.Match
    start: int
    end: int
    value: float
    high: float | None
    unit: str
    kind: str
    qualifier: str
    subject: str = ""  # a table cell's row label and column header (other claims find theirs in the text)


_DOUBLINGS = {None: 1.0, "一": 1.0, "两": 2.0, "二": 2.0, "三": 3.0, "四": 4.0}  # as written: 翻两番 is 2 番


def _read(match: re.Match, scan: str, unit_end: int, grammar: Grammar) -> _Reading | None:
    """What a match of the grammar that is a claim says, or None when its number cannot be read."""
    if match.group("doubling"):  # 翻一番 (a doubling) is 1 番, 翻两番 2 番, as 增长2倍 is 2 倍
        qualifier = "more_than" if match.group("doubling_more") else "exact"  # 翻了一番多
        return _Reading(match, match.start(), match.end(), _DOUBLINGS[match.group("times")], None, "番", "count", qualifier)
    number, high_text, multiplier_word, per, fraction = match.group("number", "high", "multiplier", "per", "fraction")
    unit = _unit_written(match)
    value = number_value(number)
    high = number_value(high_text) if high_text else None
    if value is None or (high_text and high is None):
        return None
    qualifier = _qualifier(match, grammar.qualifiers)
    rough = chinese_range(number) if high is None and is_chinese(number) else None
    if rough:  # 两三年, 二三十个: a rough range
        (value, high), qualifier = rough, "|".join(q for q in QUALIFIER_ORDER if q == "approx" or q in qualifier)
    magnitude = _TRAILING_PLACES.search(high_text) if high_text and is_chinese(high_text) else None
    if magnitude and not _HAS_PLACE.search(number):  # 三至五万 is 三万 to 五万
        value = number_value(number + magnitude.group())
    multiplier = MULTIPLIERS.get(multiplier_word, 1)
    if multiplier_word and _HAS_PLACE.search(number):  # 二十五亿七千多万 is 二十五亿七千万 and more
        value, multiplier = number_value(number + multiplier_word), 1
        high = number_value(high_text + multiplier_word) if high_text else None
        if value is None or (high_text and high is None):
            return None
    end = match.end()
    if unit and len(unit) == 1 and not per and (multiplier_word or _GROUP_CHARS.search(number)) \
            and _tokenizer().has_word(scan[match.start("unit"):match.start("unit") + 2]):
        noun = _noun_after(scan, match.start("unit"), unit_end)
        if len(noun) > 1 and noun.startswith(unit):  # 十亿多人口: 人口, not 人
            unit, end = noun, match.start("unit") + len(noun)
    unit_name = (unit or _noun_after(scan, match.end(), unit_end)).translate(FULLWIDTH)
    known = grammar.units.get(unit_name)
    kind = known.kind if known else "count"
    if known and known.factor != 1:  # 3.5亿元 is 350000000 元, 五成 is 50 %
        multiplier *= known.factor
        unit_name = known.base
    if fraction:  # 三分之一 is 33.3 %, 百分之十五 15 %
        denominator = number_value(match.group("denominator"))
        if not denominator:
            return None
        multiplier *= 100 / denominator
        unit_name, kind = "%", "percent"
    if per:
        unit_name = f"{unit_name}/{per}"
    if match.group("sign"):
        value, high = -value, (-high if high is not None else None)
    # round away binary noise: 5.31亿 is 531000000, not 530999999.99999994
    value = _scaled(value, multiplier)
    high = _scaled(high, multiplier) if high is not None else None
    first = next((name for name in ("prefix", "fraction", "sign") if match.group(name)), "number")
    return _Reading(match, match.start(first), end, value, high, unit_name, kind, qualifier)


def _readings(texts: list[str], grammar: Grammar) -> Iterator[tuple[int, str, int, list[_Reading]]]:
    """The numbers that are claims, unit by unit: ``(unit index, joined text, unit's offset in it, readings)``.

    Matches are positions in the joined text; minus the unit's offset they are positions in the unit.
    """
    # One scan of all the units joined by line breaks finds what a scan of each unit would: no
    # pattern matches a line break or looks behind past one, so no match crosses from one unit to the next.
    joined = "\n".join(texts)
    # Traditional characters are read through a map of one character to one, so positions stay the same.
    scan = joined.translate(grammar.traditional) if grammar.has_traditional.search(joined) else joined
    offsets = line_starts(texts)
    candidates: dict[int, list[re.Match]] = {}
    for match in grammar.pattern.finditer(scan):
        multiplier, fraction, doubling, number = match.group("multiplier", "fraction", "doubling", "number")
        unit = _unit_written(match)
        if unit or multiplier or fraction or doubling or (number and _MIXED_MAGNITUDE.fullmatch(number)):
            candidates.setdefault(bisect_right(offsets, match.start()) - 1, []).append(match)
    has_brackets = any(bracket in scan for bracket in "〔[［【")  # a document number needs one
    patterns = (_DATE_SPAN, _PHONE) + ((_DOC_NUMBER,) if has_brackets else ())
    scan_texts = [text.translate(grammar.traditional) for text in texts] if scan is not joined else texts
    blocked_spans = _blocked_spans(patterns, scan_texts, offsets, list(candidates))
    blocked_starts = [start for start, _ in blocked_spans]
    cells: dict[int, list[_Reading]] = {}
    if "\t" in scan:  # table rows: numbers whose unit the row's label or the column's header gives
        for start, end, unit, subject in cell_numbers(scan, grammar.units):
            reading = _cell_reading(grammar.pattern.fullmatch(scan, start, end), unit, subject, grammar)
            if reading is not None:
                cells.setdefault(bisect_right(offsets, start) - 1, []).append(reading)
    wrapped = wrapped_texts(joined, offsets)
    for index in sorted(candidates.keys() | cells.keys() | wrapped) if cells or wrapped else candidates:
        base, unit_end = offsets[index], offsets[index] + len(texts[index])
        if index in wrapped:  # a number split by a line break: read the unit without those breaks
            yield index, joined, base, _unwrapped_readings(texts[index], base, grammar)
            continue
        blocked = blocked_spans[bisect_left(blocked_starts, base):bisect_left(blocked_starts, unit_end + 1)]
        readings = [_read(match, scan, unit_end, grammar) for match in candidates.get(index, ())
                    if not _excluded(scan, match, blocked, base, unit_end, grammar)]
        readings = [reading for reading in readings if reading is not None]
        if index in cells:
            readings = sorted(readings + cells[index], key=lambda reading: reading.start)
        yield index, joined, base, readings


def _unwrapped_readings(text: str, base: int, grammar: Grammar) -> list[_Reading]:
    """The readings of one unit whose numbers a line break splits, read by :func:`_readings` without
    those breaks (a unit with such a break is no table row), at their offsets in the unit's text
    (plus ``base``)."""
    flat, where = unwrap_numbers(text)
    _, _, _, readings = next(_readings([flat], grammar), (0, "", 0, []))
    return [reading._replace(start=base + where[reading.start], end=base + where[reading.end - 1] + 1)
            for reading in readings]


def _cell_reading(match: re.Match | None, unit: str, subject: str, grammar: Grammar) -> _Reading | None:
    """What a bare number in a table cell says with the unit its row or column gives (万人 is 10000 人)."""
    if match is None or match.group("unit") or match.group("multiplier") or match.group("doubling"):
        return None
    value = number_value(match.group("number"))
    if value is None:
        return None
    multiplier = 1.0
    if unit not in grammar.units:  # 万人, 亿千瓦时: the magnitude is a multiplier
        multiplier, unit = MULTIPLIERS[unit[0]], unit[1:]
    known = grammar.units[unit]
    if match.group("sign"):
        value = -value
    start = match.start("sign") if match.group("sign") else match.start("number")
    return _Reading(match, start, match.end(), _scaled(value, multiplier * known.factor), None, known.base,
                    known.kind, _qualifier(match, grammar.qualifiers), subject)


def _add_subjects(text: str, found: list[dict]) -> None:
    """Fill each claim's ``subject``; a list (分别为119.8%、106.88%) shares the subject of its first member."""
    previous_end, previous_subject = 0, ""
    for claim in found:
        start, end = claim["_local"]
        claim["subject"] = _subject(text, start, end, previous_end)
        if previous_end and text[previous_end:start].strip(_SUBJECT_NOISE) in {"、", "，", ","}:
            claim["subject"] = previous_subject
        previous_end, previous_subject = end, claim["subject"]


def _pair_changes(text: str, found: list[dict], unit_id: int) -> None:
    """Mark consecutive claims that read 由/从 A 提高到 B as a from→to pair (same ``group``)."""
    for first, second in pairwise(found):
        (a_start, a_end), (b_start, _) = first["_local"], second["_local"]
        if first["unit"] == second["unit"] and _CHANGE_FROM.search(text[max(0, a_start - 6):a_start]) \
                and CHANGE_BETWEEN.match(text[a_end:b_start]):
            group = f"u{unit_id}c{a_start}"
            first.update(group=group, role="from")
            second.update(group=group, role="to")
