"""The claim grammar: what a quantity looks like, built once from the lexicon's data files.

A quantity is an optional qualifier (约, 超过, 突破), an optional fraction word (百分之, 三分之), an optional
sign, a number (digits or Chinese numerals), an optional range end (3至5, 5%—8%, 3万—5万元), 余/多, a multiplier (万,
亿), a unit (件, 万元, 元/月, 个多月) and an optional qualifier after it (以上, 左右, 一倍多); or a doubling
(翻一番, 翻一番多). The data files
say which units there are (``units.csv``), which qualifiers (``qualifiers.csv``), which denominators a
compound unit may have (``per_units.txt``), what is never a claim (``named_numbers.txt``,
``not_claims.csv``), when a Chinese-numeral number of years is a duration (``chinese_durations.csv``) and
how traditional characters read (``traditional_numbers.txt``).

>>> grammar = load_grammar()
>>> match = grammar.pattern.search("超过1200元/月以上")
>>> match.group("prefix", "number", "unit", "per", "suffix")
('超过', '1200', '元', '月', '以上')
>>> grammar.units["万元"]
Unit(kind='money', base='元', factor=10000.0)
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jzrol import paths
from jzrol.claims.numbers import ARABIC, CHINESE, HAN_NUMERALS, MIXED
from jzrol.terms import read_userdict, read_wordlist

__all__ = ["CHINESE_DURATIONS", "NAMED_NUMBERS", "NOT_CLAIMS", "PER_UNITS", "QUALIFIERS", "QUALIFIER_ORDER",
           "TRADITIONAL", "UNITS", "Grammar", "GrammarError", "Unit", "load_grammar"]

UNITS = paths.LEXICON_DIR / "units.csv"
NAMED_NUMBERS = paths.LEXICON_DIR / "named_numbers.txt"
NOT_CLAIMS = paths.LEXICON_DIR / "not_claims.csv"
QUALIFIERS = paths.LEXICON_DIR / "qualifiers.csv"
PER_UNITS = paths.LEXICON_DIR / "per_units.txt"
CHINESE_DURATIONS = paths.LEXICON_DIR / "chinese_durations.csv"
TRADITIONAL = paths.LEXICON_DIR / "traditional_numbers.txt"

QUALIFIER_ORDER = ["approx", "more_than", "at_least", "at_most", "less_than"]
_MULTIPLIER = "千万|百万|万亿|万|亿"
_RANGE_JOIN = "至|到|-|~|～|—|－"
_DENOMINATOR = "[一二三四五六七八九十百千万两]{1,3}|[0-9]{1,4}"
_SIGN = "-−－"
# 多 after a multiple (增长一倍多，翻了一番多): more than it, where no word goes on (3倍多元化)
_MORE_AFTER = "多(?![\u4e00-\u9fff])|多(?=的)"


class GrammarError(ValueError):
    """A data file of the claim grammar is malformed (names the file and line)."""


@dataclass(frozen=True)
class Unit:
    """A unit a claim can carry: its kind, and the base unit and factor it is read in (万元 is 10000 元)."""

    kind: str
    base: str
    factor: float


@dataclass(frozen=True)
class Grammar:
    """The compiled claim grammar and the tables that go with it."""

    pattern: re.Pattern
    units: dict[str, Unit]
    not_claims: re.Pattern
    qualifiers: dict[str, str]
    duration_before: tuple[str, ...]
    duration_after: tuple[str, ...]
    traditional: dict[int, str]
    has_traditional: re.Pattern


def _rows(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise GrammarError(f"{path}:1: missing column(s) {', '.join(missing)}")
        rows = []
        for number, row in enumerate(reader, start=2):
            if None in row:  # more fields than columns: a comma in a pattern (3{1,2}) needs quotes
                raise GrammarError(f"{path}:{number}: more fields than the {len(reader.fieldnames)} columns "
                                   "(quote a field that holds a comma)")
            rows.append((number, row))
        return rows


def _units(path: Path) -> dict[str, Unit]:
    units = {}
    for number, row in _rows(path, ["unit", "kind"]):
        try:
            factor = float(row.get("factor") or 1)
        except ValueError:
            raise GrammarError(f"{path}:{number}: factor {row['factor']!r} is not a number") from None
        units[row["unit"]] = Unit(row["kind"], row.get("base") or row["unit"], factor)
    return units


def _not_claims(path: Path, named: set[str]) -> re.Pattern:
    """One pattern for the named numbers and the rows of ``not_claims.csv``, with a first-character test.

    Each row says in ``first`` (the body of a character class) which characters a match can start with,
    so that the pattern fails at once everywhere else.
    """
    alternatives = [re.escape(n) for n in sorted(named, key=len, reverse=True)]
    firsts = "".join(sorted({re.escape(n[0]) for n in named}))
    for number, row in _rows(path, ["pattern", "first"]):
        try:
            re.compile(row["pattern"])
            re.compile(f"[{row['first']}]")
        except re.error as error:
            raise GrammarError(f"{path}:{number}: bad pattern: {error}") from None
        alternatives.append(f"(?:{row['pattern']})")
        firsts += row["first"]
    return re.compile(f"(?=[{firsts}])(?:{'|'.join(alternatives)})")


def _alternatives(words) -> str:  # noqa: ANN001 - any iterable of strings
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def _load(units_path: str, named_path: str) -> Grammar:
    units = _units(Path(units_path))
    qualifier_rows = [row for _, row in _rows(QUALIFIERS, ["word", "position", "qualifier"])]
    qualifiers = {row["word"]: row["qualifier"] for row in qualifier_rows if row["position"] != "link"}
    by_position = {p: [r["word"] for r in qualifier_rows if r["position"] == p]
                   for p in ("before", "link", "after_number", "after")}
    per_units = read_wordlist(PER_UNITS)
    number = rf"(?:{MIXED}|{ARABIC}|{CHINESE})"
    units_pattern = _alternatives(units)
    more = _alternatives(by_position["after_number"])
    starts = {w[0] for w in by_position["before"]} | set(HAN_NUMERALS) | set("0123456789０１２３４５６７８９翻") | set(_SIGN)
    pattern = re.compile(
        rf"(?=[{''.join(sorted(starts))}])"  # cheap first-character test before the alternatives
        rf"(?:(?P<doubling>翻了?(?P<times>[一两二三四])?番)(?P<doubling_more>(?:{_MORE_AFTER}))?|"
        rf"(?:(?P<prefix>{_alternatives(by_position['before'])})(?:{_alternatives(by_position['link'])})?)?"
        rf"(?P<fraction>(?P<denominator>{_DENOMINATOR})分之)?"
        rf"(?:(?<![0-9０-９A-Za-z.．%％])(?P<sign>[{_SIGN}])(?=[0-9０-９]))?"
        rf"(?P<after_from>(?<=[由从]))?"  # 由15%到29% is a change, not a range
        rf"(?P<number>{number})"
        # 5%—8%, 3万—5万元, 5个至8个百分点: a range whose low end carries what its high end does
        rf"(?:(?(after_from)|(?P<low_unit>(?P<low_tail>(?:{_MULTIPLIER})(?:[%％]|{units_pattern})?|[%％]|{units_pattern})"
        rf"(?=(?:{_RANGE_JOIN})(?:{number})(?P=low_tail)))?)"
        rf"(?P<join>{_RANGE_JOIN})(?P<high>{number}))?"
        rf"(?P<more_before>{more})?"
        rf"(?P<multiplier>{_MULTIPLIER})?"
        rf"(?P<more>{more})?"
        # 3个多月, 两个多小时: 多/余 inside a unit of 个 (个月, 个小时 …), whose unit is the one without it
        rf"(?:个(?P<more_inside>{more})(?P<unit_rest>{_alternatives(u[1:] for u in units if u.startswith('个') and len(u) > 1)})"
        rf"|(?P<unit>[%％]|{units_pattern}))?"
        rf"(?:/(?P<per>{_alternatives(per_units)}))?"
        rf"(?P<more_after>(?<=[倍番])(?:{_MORE_AFTER}))?"
        rf"(?P<suffix>{_alternatives(by_position['after'])})?)"
    )
    named = set(read_wordlist(named_path))
    numeral = re.compile(rf"[0-9{HAN_NUMERALS}]")
    named |= {entry.word for entry in read_userdict() if numeral.search(entry.word)}
    durations = [row for _, row in _rows(CHINESE_DURATIONS, ["cue", "position"])]
    traditional = {}
    for number_, line in enumerate(Path(TRADITIONAL).read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            pair = line.split()
            if len(pair) != 2 or len(pair[0]) != 1 or len(pair[1]) != 1:
                raise GrammarError(f"{TRADITIONAL}:{number_}: expected two single characters, got {line!r}")
            traditional[ord(pair[0])] = pair[1]
    return Grammar(
        pattern=pattern, units=units, not_claims=_not_claims(NOT_CLAIMS, named), qualifiers=qualifiers,
        duration_before=tuple(r["cue"] for r in durations if r["position"] == "before"),
        duration_after=tuple(r["cue"] for r in durations if r["position"] == "after"),
        traditional=traditional, has_traditional=re.compile(f"[{''.join(map(chr, traditional))}]"),
    )


def load_grammar(*, units_file: str | Path = UNITS, named_file: str | Path = NAMED_NUMBERS) -> Grammar:
    """The claim grammar for a units list and a list of named numbers (built once per pair of files).

    Raises:
        GrammarError: a data file is malformed.
    """
    return _load(str(units_file), str(named_file))
