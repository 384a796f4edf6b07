"""Numbers as tables store and show them."""

from __future__ import annotations

import math


def rounded(value: float | None, digits: int = 3) -> float | None:
    """`value` rounded to `digits` decimals; missing or not finite (None, NaN, inf) is None."""
    return None if value is None or not math.isfinite(value) else round(float(value), digits)
