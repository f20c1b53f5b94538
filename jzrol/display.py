"""How tables look in a notebook: short, rounded, never in scientific notation.

Call :func:`set_display_options` once at the top of a notebook instead of setting pandas options
in every one.

>>> format_number(1.5e-81)
'< 0.001'
>>> format_number(12.34567)
'12.346'
"""

from __future__ import annotations

import pandas as pd

__all__ = ["format_number", "set_display_options"]


def format_number(value: float, *, digits: int = 3) -> str:
    """A float rounded to ``digits`` decimals; a small non-zero value reads ``< 0.001``.

    >>> format_number(0.00049), format_number(0.0), format_number(123456.0)
    ('< 0.001', '0.000', '123,456.000')
    """
    smallest = 10.0 ** -digits
    if 0 < abs(value) < smallest:
        return f"< {smallest:.{digits}f}" if value > 0 else f"> -{smallest:.{digits}f}"
    return f"{value:,.{digits}f}"


def set_display_options(*, max_rows: int = 15, max_colwidth: int | None = 200, digits: int = 3) -> None:
    """Show at most ``max_rows`` rows, text columns up to ``max_colwidth`` characters, rounded floats.

    The column width is wide enough for a finding's whole ``detail`` and a sentence, so that no
    explanation is cut mid-phrase; ``None`` shows every character.

    >>> set_display_options()
    >>> pd.get_option("display.max_rows")
    15
    >>> pd.reset_option("^display")
    """
    pd.set_option("display.max_rows", max_rows)
    pd.set_option("display.min_rows", max_rows)
    pd.set_option("display.max_colwidth", max_colwidth)
    pd.set_option("display.width", 140)
    pd.set_option("display.float_format", lambda value: format_number(value, digits=digits))
