"""Consistency checks: the relations a report's claims imply, tested on the report's own numbers.

Parts that add up to totals, rates against their counts, a rate that implies a base, parts that cannot
exceed their whole, and from→to changes against their direction and stated rate.

>>> from jzrol.report import parse_report
>>> from jzrol.claims.extract import extract_claims
>>> units = parse_report("一、成效\\n\\n共调解纠纷1000件，调解成功990件，成功率99%。").units
>>> check_claims(extract_claims(units), units)[["check", "status"]].values.tolist()
[['rate_of_counts', 'consistent'], ['part_of_whole', 'consistent']]
"""

from __future__ import annotations

import math
import re

import pandas as pd

from jzrol.claims.extract import CHANGE_BETWEEN
from jzrol.claims.numbers import DIGIT

__all__ = ["FINDING_COLUMNS", "check_claims"]

FINDING_COLUMNS = ["doc_id", "check", "status", "claim_ids", "detail"]


_SUBSET_CUE = re.compile(r"其中|含|包括|予以|经审查|经审核|成功|通过")
_DECREASE = {"缩短", "减少", "压缩", "降低", "下降", "降", "减"}


def _decimals(raw: str) -> int:
    match = re.search(rf"[.．]([{DIGIT}]+)", raw)
    return len(match.group(1)) if match else 0


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def _rate_status(computed: float, stated: float, decimals: int) -> str:
    """consistent if the stated rate is the computed one rounded, rounding if only truncation gives it."""
    scale = 10 ** decimals
    if abs(round(computed * scale) - stated * scale) < 1e-6:
        return "consistent"
    if abs(math.floor(computed * scale + 1e-9) - stated * scale) < 1e-6:
        return "rounding"
    return "inconsistent"


def _finding(doc_id: str, check: str, status: str, ids: list[int], detail: str) -> dict:
    return {"doc_id": doc_id, "check": check, "status": status,
            "claim_ids": "|".join(str(int(i)) for i in ids), "detail": detail}


class _Sentence:
    """The claims of one unit and the unit's text, to read the words between two claims."""

    def __init__(self, claims: pd.DataFrame, unit_text: str, unit_start: int):
        self.rows = list(claims.itertuples(index=False))
        self.text, self.offset = unit_text, unit_start

    def between(self, first, second) -> str:  # noqa: ANN001 - claim rows
        return self.text[first.end - self.offset:second.start - self.offset]

    def before(self, claim, width: int = 8) -> str:  # noqa: ANN001
        local = claim.start - self.offset
        return self.text[max(0, local - width):local]


def _check_sums(sentence: _Sentence) -> list[dict]:
    findings = []
    rows = [r for r in sentence.rows if r.kind == "count" and r.qualifier == "exact" and r.role == ""]
    for i, total in enumerate(rows):
        same = [r for r in rows[i + 1:] if r.unit == total.unit]
        run = next((same[:n] for n in range(len(same), 1, -1)
                    if abs(sum(r.value for r in same[:n]) - total.value) < 1e-9), None) if total.value >= 10 else None
        if run:
            findings.append(_finding(total.doc_id, "sum_of_parts", "consistent",
                                     [total.claim_id] + [r.claim_id for r in run],
                                     f"{total.subject} {_fmt(total.value)}{total.unit} = "
                                     + " + ".join(f"{r.subject} {_fmt(r.value)}" for r in run)))
            continue
        parts = [r for r in same if "其中" in sentence.between(total, r)]
        if len(parts) >= 2 and sum(r.value for r in parts) > total.value:
            findings.append(_finding(total.doc_id, "sum_of_parts", "inconsistent",
                                     [total.claim_id] + [r.claim_id for r in parts],
                                     f"the parts after 其中 add up to {_fmt(sum(r.value for r in parts))}{total.unit}, "
                                     f"more than {total.subject} {_fmt(total.value)}{total.unit}"))
    return findings


def _bases(count: float, rate: float, decimals: int, *, truncated: bool) -> range:
    """Integer bases b for which count / b, as a percentage, gives ``rate`` at ``decimals`` places.

    Rounded: rate - h <= 100·count/b < rate + h with h half a unit of the last place; truncated:
    rate <= 100·count/b < rate + 2h.
    """
    half = 0.5 * 10 ** -decimals
    low_rate, high_rate = (rate, rate + 2 * half) if truncated else (rate - half, rate + half)
    if high_rate <= 0:
        return range(0)
    smallest = math.floor(count * 100 / high_rate) + 1
    largest = math.floor(count * 100 / low_rate) if low_rate > 0 else smallest + 10**9
    return range(max(1, smallest), largest + 1)


def _span(bases: range) -> str:
    return f"{bases.start}" if len(bases) == 1 else f"{bases.start}–{bases.stop - 1}"


def _is_rate(claim) -> bool:  # noqa: ANN001
    subject = claim.subject or ""
    return claim.unit == "%" and claim.role == "" and (subject.endswith("率") or "占" in subject)


def _check_rates(sentence: _Sentence) -> list[dict]:
    findings = []
    counts = [r for r in sentence.rows if r.kind == "count" and r.qualifier == "exact"]
    rates = [r for r in sentence.rows if _is_rate(r)]
    for position, rate in enumerate(rates):
        before = [c for c in counts if c.start < rate.start]
        decimals = _decimals(rate.raw)
        pairs = [(d, n) for i, d in enumerate(before) for n in before[i + 1:] if n.unit == d.unit and n.value <= d.value]
        respectively = "分别" in (sentence.before(rates[0], 12) if before else "")
        if pairs and not respectively:
            whole, part = min(pairs, key=lambda p: abs(p[1].value / p[0].value * 100 - rate.value))
            computed = part.value / whole.value * 100
            status = _rate_status(computed, rate.value, decimals)
            if status == "inconsistent" and rate.qualifier != "exact":
                inside = (pd.isna(rate.low) or computed >= rate.low) and (pd.isna(rate.high) or computed <= rate.high)
                status = "consistent" if inside else status
            detail = (f"{rate.subject} {rate.raw}: {part.subject} {_fmt(part.value)} / {whole.subject} "
                      f"{_fmt(whole.value)} = {computed:.4f}%")
            detail += {"consistent": "", "inconsistent": f", which does not give {rate.raw}",
                       "rounding": f"; {rate.raw} holds only if the source truncated instead of rounding "
                                   f"(rounded it is {computed:.{decimals}f}%)"}[status]
            findings.append(_finding(rate.doc_id, "rate_of_counts", status,
                                     [whole.claim_id, part.claim_id, rate.claim_id], detail))
        elif before and rate.value > 0:
            # A rate beside one count implies a base; with 分别 the rates pair with the counts in order.
            paired = before[-len(rates):] if respectively and len(before) >= len(rates) else before[-1:]
            count = paired[min(position, len(paired) - 1)]
            base = count.value / (rate.value / 100)
            rounded = _bases(count.value, rate.value, decimals, truncated=False)
            truncated = _bases(count.value, rate.value, decimals, truncated=True)
            status = "consistent" if rounded else "rounding" if truncated else "inconsistent"
            fit = (f"the integer base {_span(rounded)} gives it" if len(rounded) == 1
                   else f"integer bases {_span(rounded)} give it" if rounded
                   else f"only truncation fits (bases {_span(truncated)})" if truncated
                   else "no integer base gives this rate")
            findings.append(_finding(rate.doc_id, "implied_base", status, [count.claim_id, rate.claim_id],
                                     f"{count.subject} {_fmt(count.value)}{count.unit} at {rate.subject} {rate.raw} "
                                     f"implies a base of about {base:,.1f} ({_fmt(count.value)} / "
                                     f"{rate.value:g}%); {fit}"))
    return findings


def _check_subsets(sentence: _Sentence) -> list[dict]:
    """A count right after another of the same unit, introduced by a subset cue, cannot exceed it."""
    findings = []
    rows = [r for r in sentence.rows if r.kind == "count" and r.role == ""]
    for whole, part in zip(rows, rows[1:]):
        if part.unit != whole.unit or not _SUBSET_CUE.search(sentence.between(whole, part)):
            continue
        status = "consistent" if part.value <= whole.value else "inconsistent"
        relation = "≤" if status == "consistent" else ">"
        findings.append(_finding(whole.doc_id, "part_of_whole", status, [whole.claim_id, part.claim_id],
                                 f"{part.subject} {_fmt(part.value)}{part.unit} {relation} "
                                 f"{whole.subject} {_fmt(whole.value)}{whole.unit}"))
    return findings


def _check_changes(sentence: _Sentence) -> list[dict]:
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
        rates = [r for r in sentence.rows if r.kind == "percent" and r.start > after.end]
        if rates and before.value:
            rate = rates[0]
            computed = abs(before.value - after.value) / before.value * 100
            status = _rate_status(computed, rate.value, _decimals(rate.raw))
            if status == "inconsistent" and rate.qualifier != "exact":
                inside = (pd.isna(rate.low) or computed >= rate.low) and (pd.isna(rate.high) or computed <= rate.high)
                status = "consistent" if inside else status
            findings.append(_finding(before.doc_id, "change_rate", status,
                                     [before.claim_id, after.claim_id, rate.claim_id],
                                     f"{before.raw} → {after.raw} is a change of {computed:.2f}%; "
                                     f"the report states {rate.raw}"))
    return findings


def check_claims(claims: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Test the relations a report's claims imply (``FINDING_COLUMNS``).

    Checks, each a general rule over the claims of one sentence:

    - ``sum_of_parts``: counts after a count that add up to it exactly (受理56件，审结48件，作出责令履行2件，
      驳回3件，撤回7件，维持36件: 2+3+7+36 = 48); parts after 其中 that exceed the count before are
      inconsistent;
    - ``rate_of_counts``: a rate (…率, 占…) against the two counts before it (11594/11601 = 99.9397%:
      stated 99.93% is ``rounding``, right only if the source truncated);
    - ``implied_base``: a rate beside one count implies a base (121个 at 119.8% -> about 101) and says
      whether an integer base gives the stated rate; with 分别 rates pair with counts in order;
    - ``part_of_whole``: a later count of the same unit that is a subset of an earlier one (其中, 予以,
      经审查 between them, or a shared subject word) must not exceed it;
    - ``change_direction`` and ``change_rate``: a from→to change goes the way its verb says, and matches a
      stated rate of change after it.

    Args:
        claims: :func:`extract_claims` output.
        units: the units table the claims came from (for the words between claims).
    """
    if claims.empty:
        return pd.DataFrame(columns=FINDING_COLUMNS)
    unit_rows = units.set_index(["doc_id", "unit_id"])
    findings: list[dict] = []
    for (doc_id, unit_id), group in claims.groupby(["doc_id", "unit_id"], sort=False):
        row = unit_rows.loc[(doc_id, unit_id)]
        sentence = _Sentence(group, row["text"], int(row["start"]))
        findings += (_check_rates(sentence) + _check_sums(sentence) + _check_subsets(sentence)
                     + _check_changes(sentence))
    return pd.DataFrame(findings, columns=FINDING_COLUMNS)
