"""Numeric claims: every quantity a report asserts, and checks of the report's own arithmetic.

A claim is a number with its unit, as written: ``1000余场次``, ``成功率99.93%``, ``约210000人次``,
``4.46万个岗位``. :func:`extract_claims` finds them in the units table with their magnitude
(万/亿 applied, Chinese numerals read), unit, kind, qualifier (约, 余, 以上 …), the interval the
qualifier implies, the phrase the number measures and the from→to changes they form. Years,
dates, ordinals, identifiers, phone numbers and named formulas (1+5+N, 三项制度) are not claims.
:func:`check_claims` then tests the relations a report implies: parts that add up to totals,
rates against their counts, a rate that implies a base, parts that cannot exceed their whole,
and from→to changes against their direction and stated rate.

>>> from jzrol.report import parse_report
>>> units = parse_report("一、成效\\n\\n共调解纠纷1000件，调解成功990件，成功率99%。").units
>>> extract_claims(units)[["raw", "value", "unit", "kind", "subject"]].values.tolist()
[['1000件', 1000.0, '件', 'count', '调解纠纷'], ['990件', 990.0, '件', 'count', '调解成功'], ['99%', 99.0, '%', 'percent', '成功率']]
>>> check_claims(extract_claims(units), units)[["check", "status"]].values.tolist()
[['rate_of_counts', 'consistent'], ['part_of_whole', 'consistent']]
"""


from jzrol.claims.checks import FINDING_COLUMNS, check_claims
from jzrol.claims.extract import (
    CLAIM_COLUMNS,
    NAMED_NUMBERS,
    TEXT_UNIT_FIELDS,
    UNITS,
    claim_records,
    count_claims,
    extract_claims,
    line_starts,
    prepare,
)
from jzrol.claims.numbers import chinese_number
from jzrol.claims.summary import PRECISION_LEVELS, claims_by_section, precision_level, precision_profile

__all__ = ["CLAIM_COLUMNS", "FINDING_COLUMNS", "NAMED_NUMBERS", "PRECISION_LEVELS", "TEXT_UNIT_FIELDS", "UNITS",
           "check_claims", "chinese_number", "claim_records", "claims_by_section", "count_claims", "extract_claims",
           "line_starts", "precision_level", "precision_profile", "prepare"]
