"""Consistency checks: the relations a report's claims imply, tested on the report's own numbers.

Precision comes first: numbers are compared only when the sentence ties them together. A rate is
paired with counts only when it names them (办结率 with 办结 and 受理, ``rate_counts.csv``) or when 占 joins
them; a part is compared with a whole only when a cue (其中, 包括, 含, 分别, 占) puts it under the whole, in
the same unit; a from→to change is compared with a stated rate only when a change verb joins them.

>>> from jzrol.report import parse_report
>>> from jzrol.claims.extract import extract_claims
>>> units = parse_report("一、成效\\n\\n共调解纠纷1000件，调解成功990件，成功率99%。").units
>>> check_claims(extract_claims(units), units)[["check", "status"]].values.tolist()
[['rate_of_counts', 'consistent'], ['part_of_whole', 'consistent']]
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from jzrol import paths
from jzrol.claims.extract import CHANGE_BETWEEN
from jzrol.claims.grammar import GrammarError

__all__ = ["FINDING_COLUMNS", "RATE_COUNTS", "check_claims", "rate_status"]

FINDING_COLUMNS = ["doc_id", "check", "status", "claim_ids", "detail"]
RATE_COUNTS = paths.LEXICON_DIR / "rate_counts.csv"

_DECREASE = {"缩短", "减少", "压缩", "降低", "下降", "降", "减"}
_DECIMALS = re.compile(r"[.．点點]([0-9０-９零〇○一二三四五六七八九]+)")
_CLAUSE_BREAK = re.compile(r"[，,；;。：:！？!?（(）)\n]")
_SUBSET_CUE = re.compile(r"其中|包括|含|予以|经审查|经审核|成功|通过")
_SHARE_CUE = re.compile(r"^[^，,；;。]{0,4}[，,]?[^，,；;。]{0,3}占")
_RESPECTIVELY = "分别"
_CHANGE_START = re.compile(r"[由从]")
_CHANGE_RATE_BETWEEN = re.compile(r"^[，,]?(?:比[^，,；;。]{0,8})?(?P<verb>增长|提高|提升|增加|上升|下降|降低|减少|缩短|压缩|扩大)(?:了)?$")


@dataclass(frozen=True)
class _RateRule:
    part: tuple[str, ...]
    whole: tuple[str, ...]


@lru_cache(maxsize=4)
def _rate_rules(path: str) -> tuple[dict[str, _RateRule], _RateRule]:
    rules = {}
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not {"rate", "part", "whole"} <= set(reader.fieldnames or []):
            raise GrammarError(f"{path}:1: expected the columns rate, part, whole")
        for row in reader:
            rules[row["rate"]] = _RateRule(tuple(filter(None, row["part"].split("|"))),
                                           tuple(filter(None, row["whole"].split("|"))))
    return rules, rules.pop("*", _RateRule((), ()))


def _decimals(raw: str) -> int:
    match = _DECIMALS.search(raw)
    return len(match.group(1)) if match else 0


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def rate_status(computed: float, stated: float, decimals: int) -> str:
    """``consistent`` if the stated rate is the computed one rounded half-up at the stated precision,
    ``rounding`` if only truncation gives it, else ``inconsistent``.

    >>> rate_status(12.5, 13, 0), rate_status(12.5, 12, 0), rate_status(12.5, 11, 0), rate_status(99.9397, 99.93, 2)
    ('consistent', 'rounding', 'inconsistent', 'rounding')
    """
    scale = 10 ** decimals
    target = round(stated * scale)
    if math.floor(computed * scale + 0.5 + 1e-9) == target:
        return "consistent"
    if math.floor(computed * scale + 1e-9) == target:
        return "rounding"
    return "inconsistent"


def _finding(doc_id: str, check: str, status: str, ids: list[int], detail: str) -> dict:
    return {"doc_id": doc_id, "check": check, "status": status,
            "claim_ids": "|".join(str(int(i)) for i in ids), "detail": detail}


class _Sentence:
    """The claims of one unit and the unit's text, to read the words between two claims."""

    def __init__(self, rows: list, unit_text: str, unit_start: int):
        self.rows = rows
        self.text, self.offset = unit_text, unit_start

    def between(self, first, second) -> str:  # noqa: ANN001 - claim rows
        return self.text[first.end - self.offset:second.start - self.offset]

    def clause_before(self, claim) -> str:  # noqa: ANN001
        """The text from the last clause break (comma, bracket …) up to the claim."""
        local = claim.start - self.offset
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(self.text, 0, local)]
        return self.text[breaks[-1] if breaks else 0:local]

    def before(self, claim, width: int = 8) -> str:  # noqa: ANN001
        local = claim.start - self.offset
        return self.text[max(0, local - width):local]


def _counts(sentence: _Sentence) -> list:
    return [r for r in sentence.rows if r.kind == "count" and r.role == "" and r.value >= 0]


def _check_sums(sentence: _Sentence) -> list[dict]:
    """Parts that add up to their total exactly; parts under 其中 that exceed it, or that 分别 lists in
    full and fall short of it."""
    findings = []
    rows = [r for r in _counts(sentence) if r.qualifier == "exact"]
    for i, total in enumerate(rows):
        same = [r for r in rows[i + 1:] if r.unit == total.unit]
        if same and not _CLAUSE_BREAK.search(sentence.between(total, same[0])):
            continue  # 1500所县医院、500所县中医院和1000所…: items of one list, not a total and its parts
        run = next((same[:n] for n in range(len(same), 1, -1)
                    if abs(sum(r.value for r in same[:n]) - total.value) < 1e-9), None) if total.value >= 10 else None
        if run:
            findings.append(_finding(total.doc_id, "sum_of_parts", "consistent",
                                     [total.claim_id] + [r.claim_id for r in run],
                                     f"{total.subject} {_fmt(total.value)}{total.unit} = "
                                     + " + ".join(f"{r.subject} {_fmt(r.value)}" for r in run)))
            continue
        parts = [r for r in same if "其中" in sentence.between(total, r)]
        if len(parts) < 2 or any(r.role for r in parts):
            continue
        if any(other.start < parts[-1].start and other.unit != total.unit and other.start > total.start
               and other.kind == "count" for other in sentence.rows):
            continue  # the list mixes units: it is not one breakdown of the total
        listed = sum(r.value for r in parts)
        complete = _RESPECTIVELY in sentence.between(total, parts[0])
        if listed > total.value:
            findings.append(_finding(total.doc_id, "sum_of_parts", "inconsistent",
                                     [total.claim_id] + [r.claim_id for r in parts],
                                     f"the parts after 其中 add up to {_fmt(listed)}{total.unit}, "
                                     f"more than {total.subject} {_fmt(total.value)}{total.unit}"))
        elif complete and listed < total.value:
            findings.append(_finding(total.doc_id, "sum_of_parts", "inconsistent",
                                     [total.claim_id] + [r.claim_id for r in parts],
                                     f"the parts listed with 分别 add up to {_fmt(listed)}{total.unit}, "
                                     f"{_fmt(total.value - listed)}{total.unit} short of {total.subject} "
                                     f"{_fmt(total.value)}{total.unit}"))
    return findings


def _bases(count: float, rate: float, decimals: int, *, truncated: bool) -> range:
    """Integer bases b for which count / b, as a percentage, gives ``rate`` at ``decimals`` places.

    Rounded half-up: rate - h <= 100·count/b < rate + h with h half a unit of the last place;
    truncated: rate <= 100·count/b < rate + 2h.
    """
    half = 0.5 * 10 ** -decimals
    low_rate, high_rate = (rate, rate + 2 * half) if truncated else (rate - half, rate + half)
    if high_rate <= 0 or count <= 0:
        return range(0)
    smallest = math.floor(count * 100 / high_rate) + 1
    largest = math.floor(count * 100 / low_rate) if low_rate > 0 else smallest + 10**9
    return range(max(1, smallest), largest + 1)


def _span(bases: range) -> str:
    return f"{bases.start}" if len(bases) == 1 else f"{bases.start}–{bases.stop - 1}"


def _is_rate(claim, sentence: _Sentence) -> bool:  # noqa: ANN001
    """A percentage that is a rate or a share: 办结率99%, 占全国…的20% (not a growth rate, 增长8%)."""
    subject = claim.subject or ""
    return claim.unit == "%" and claim.role == "" and claim.value >= 0 and (
        subject.endswith("率") or "占" in subject or "占" in sentence.clause_before(claim))


def _rule(rate, rules: dict[str, _RateRule], default: _RateRule) -> _RateRule:  # noqa: ANN001
    """The counts a rate names: its row in ``rate_counts.csv``, or its stem (办结 of 办结率) and the generic wholes."""
    subject = rate.subject or ""
    named = max((name for name in rules if subject.endswith(name)), key=len, default=None)
    if named:
        return rules[named]
    stem = subject[:-1][-2:] if subject.endswith("率") else ""
    return _RateRule((stem,) if stem else (), default.whole)


def _names(subject: str, words: tuple[str, ...]) -> bool:
    return any(word and word in (subject or "") for word in words)


def _with_qualifier(status: str, computed: float, rate) -> str:  # noqa: ANN001
    if status == "inconsistent" and rate.qualifier != "exact":
        inside = (pd.isna(rate.low) or computed >= rate.low) and (pd.isna(rate.high) or computed <= rate.high)
        return "consistent" if inside else status
    return status


def _rate_finding(rate, whole, part) -> dict:  # noqa: ANN001
    decimals = _decimals(rate.raw)
    computed = part.value / whole.value * 100
    status = _with_qualifier(rate_status(computed, rate.value, decimals), computed, rate)
    detail = (f"{rate.subject} {rate.raw}: {part.subject} {_fmt(part.value)} / {whole.subject} "
              f"{_fmt(whole.value)} = {computed:.4f}%")
    detail += {"consistent": "", "inconsistent": f", which does not give {rate.raw}",
               "rounding": f"; {rate.raw} holds only if the source truncated instead of rounding "
                           f"(rounded half-up it is {math.floor(computed * 10**decimals + 0.5) / 10**decimals:.{decimals}f}%)"}[status]
    return _finding(rate.doc_id, "rate_of_counts", status, [whole.claim_id, part.claim_id, rate.claim_id], detail)


def _base_finding(count, rate) -> dict:  # noqa: ANN001
    decimals = _decimals(rate.raw)
    rounded = _bases(count.value, rate.value, decimals, truncated=False)
    truncated = _bases(count.value, rate.value, decimals, truncated=True)
    status = "consistent" if rounded else "rounding" if truncated else "inconsistent"
    fit = (f"the integer base {_span(rounded)} gives it" if len(rounded) == 1
           else f"integer bases {_span(rounded)} give it" if rounded
           else f"only truncation fits (bases {_span(truncated)})" if truncated
           else "no integer base gives this rate")
    return _finding(rate.doc_id, "implied_base", status, [count.claim_id, rate.claim_id],
                    f"{count.subject} {_fmt(count.value)}{count.unit} at {rate.subject} {rate.raw} implies a base of "
                    f"about {count.value / (rate.value / 100):,.1f} ({_fmt(count.value)} / {rate.value:g}%); {fit}")


def _check_rates(sentence: _Sentence, rules: dict[str, _RateRule], default: _RateRule) -> list[dict]:
    """Rates against the counts they name (``rate_of_counts``), or against one count (``implied_base``)."""
    findings = []
    counts = [r for r in _counts(sentence) if r.qualifier == "exact"]
    rates = [r for r in sentence.rows if _is_rate(r, sentence)]
    for position, rate in enumerate(rates):
        before = [c for c in counts if c.end <= rate.start]
        if not before:
            continue
        last = before[-1]
        share = _SHARE_CUE.search(sentence.between(last, rate))
        if len(before) >= 2 and "占" in sentence.between(before[-2], last) and _SHARE_CUE.search(
                sentence.between(before[-2], last)) and before[-2].unit == last.unit and last.value > 0 \
                and not any(r.start > before[-2].end and r.end < rate.start for r in rates):
            # 已有504个县，占全国1786个县的28%: the part, 占, the whole, the rate
            findings.append(_rate_finding(rate, last, before[-2]))
            continue
        rule = _rule(rate, rules, default)
        named_parts = [c for c in before if _names(c.subject, rule.part)]
        if named_parts:
            part = named_parts[-1]
            wholes = [c for c in before if c is not part and c.unit == part.unit and c.value >= part.value > 0
                      and c.start < part.start and (_names(c.subject, rule.whole) or _names(c.subject, default.whole))]
            if wholes:
                findings.append(_rate_finding(rate, wholes[-1], part))
                continue
        if rate.value <= 0:
            continue
        respectively = _RESPECTIVELY in sentence.before(rates[0], 12)
        if respectively and len(before) >= len(rates):
            paired = before[-len(rates):]
            stretch = sentence.text[max(0, paired[0].start - sentence.offset - 12):rate.start - sentence.offset]
            if all(c.unit == paired[0].unit for c in paired) and rule.part and _names(stretch, rule.part):
                count = paired[min(position, len(paired) - 1)]
                if count.value > 0:
                    findings.append(_base_finding(count, rate))
            continue
        starts_a_change = _CHANGE_START.search(sentence.between(last, rate)) and not any(
            r.start > last.end and r.end <= rate.start and r.unit == "%" for r in sentence.rows if r is not rate)
        if starts_a_change:
            continue  # 占…的比例由15%上升到29%: the count goes with the share it has now, not the one it had
        if last.value > 0 and (share or (rule.part and _names(last.subject, rule.part))):
            findings.append(_base_finding(last, rate))  # 诉前调解案件606件，占民事案件总量的10%
    return findings


def _check_subsets(sentence: _Sentence) -> list[dict]:
    """A count right after another of the same unit that a cue puts under it (其中, 包括, 含, 予以 …) cannot
    exceed it; nor can a count that 占 puts under the count after it."""
    findings = []
    rows = _counts(sentence)
    for first, second in zip(rows, rows[1:]):
        if second.unit != first.unit:
            continue
        # The cue must stand between the two (其中省级2个、市级5个: the 其中 before 省级 puts neither
        # under the other), in the clause of the second.
        between, clause = sentence.between(first, second), sentence.clause_before(second)
        if between and _SUBSET_CUE.search(min(between, clause, key=len)):  # both end where the second begins
            whole, part = first, second
        elif _SHARE_CUE.search(between):
            whole, part = second, first
        else:
            continue
        status = "consistent" if part.value <= whole.value else "inconsistent"
        relation = "≤" if status == "consistent" else ">"
        findings.append(_finding(whole.doc_id, "part_of_whole", status, [whole.claim_id, part.claim_id],
                                 f"{part.subject} {_fmt(part.value)}{part.unit} {relation} "
                                 f"{whole.subject} {_fmt(whole.value)}{whole.unit}"))
    return findings


def _check_changes(sentence: _Sentence) -> list[dict]:
    """A from→to change goes the way its verb says; a rate of change right after it matches it."""
    findings = []
    changes = [r for r in sentence.rows if r.role in {"from", "to"}]
    for before, after in zip(changes, changes[1:]):
        if before.role != "from" or after.group != before.group:
            continue
        verb = CHANGE_BETWEEN.match(sentence.between(before, after))["verb"]
        decreasing = verb in _DECREASE
        holds = after.value < before.value if decreasing else after.value > before.value
        direction = "down" if decreasing else "up"
        findings.append(_finding(
            before.doc_id, "change_direction", "consistent" if holds else "inconsistent",
            [before.claim_id, after.claim_id],
            f"{before.raw} → {after.raw} ({verb}): goes {direction} as stated" if holds
            else f"{before.raw} → {after.raw} is said to go {direction} ({verb}) but does not"))
        following = next((r for r in sentence.rows if r.start >= after.end), None)
        if (following is None or following.kind != "percent" or before.unit == "%" or before.value <= 0
                or not _CHANGE_RATE_BETWEEN.match(sentence.between(after, following))):
            continue  # a rate of change must follow the change, joined by its verb (…，增长75%)
        rate = following
        computed = abs(before.value - after.value) / before.value * 100
        status = _with_qualifier(rate_status(computed, rate.value, _decimals(rate.raw)), computed, rate)
        findings.append(_finding(before.doc_id, "change_rate", status, [before.claim_id, after.claim_id, rate.claim_id],
                                 f"{before.raw} → {after.raw} is a change of {computed:.2f}%; "
                                 f"the report states {rate.raw}"))
    return findings


def check_claims(claims: pd.DataFrame, units: pd.DataFrame, *, rate_counts: str | Path = RATE_COUNTS) -> pd.DataFrame:
    """Test the relations a report's claims imply (``FINDING_COLUMNS``).

    Checks, each a general rule over the claims of one sentence:

    - ``sum_of_parts``: counts after a count that add up to it exactly (受理56件，审结48件，作出责令履行2件，
      驳回3件，撤回7件，维持36件: 2+3+7+36 = 48); parts after 其中 that exceed the count before, or that
      分别 lists in full and that fall short of it, are inconsistent (the difference is in the detail);
    - ``rate_of_counts``: a rate against the two counts it names (成功率 with 调解 and 调解成功, by
      ``rate_counts.csv`` or the rate's stem) or that 占 joins; 11594/11601 = 99.9397%: stated 99.93% is
      ``rounding``, right only if the source truncated (rounding is half-up at the stated precision);
    - ``implied_base``: a rate beside one count it names or that 占 ties to it implies a base (121个 at
      119.8% -> about 101) and says whether an integer base gives the stated rate; with 分别 rates pair
      with counts in order;
    - ``part_of_whole``: a count that a cue (其中, 包括, 含, 予以, 经审查 in its clause) puts under the count
      before it, or that 占 puts under the count after it, must not exceed it;
    - ``change_direction`` and ``change_rate``: a from→to change goes the way its verb says, and matches a
      rate of change that its verb introduces right after it.

    Args:
        claims: :func:`extract_claims` output.
        units: the units table the claims came from (for the words between claims).
        rate_counts: which counts each rate names.
    """
    if claims.empty:
        return pd.DataFrame(columns=FINDING_COLUMNS)
    rules, default = _rate_rules(str(rate_counts))
    texts = {(doc, unit): (text, start) for doc, unit, text, start in
             zip(units["doc_id"], units["unit_id"], units["text"], units["start"])}
    findings: list[dict] = []
    by_unit: dict[tuple, list] = {}  # in order of first appearance, as the claims table has them
    for row in claims.itertuples(index=False):
        by_unit.setdefault((row.doc_id, row.unit_id), []).append(row)
    for key, group in by_unit.items():
        text, start = texts[key]
        sentence = _Sentence(sorted(group, key=lambda r: r.start), text, int(start))
        findings += (_check_rates(sentence, rules, default) + _check_sums(sentence) + _check_subsets(sentence)
                     + _check_changes(sentence))
    return pd.DataFrame(findings, columns=FINDING_COLUMNS)
