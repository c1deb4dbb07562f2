"""Exact arithmetic for the report: 이행률 rounding, median and 90th percentile."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction


def round_half_up(value: Fraction, places: int = 1) -> Decimal:
    """Round exactly, halves away from zero (90.45 → 90.5), as the center's tables do."""
    scale = 10**places
    scaled = value * scale
    sign = -1 if scaled < 0 else 1
    whole = math.floor(abs(scaled) + Fraction(1, 2))
    return Decimal(sign * whole).scaleb(-places)


def achievement(actual: int, target: Fraction) -> Decimal | None:
    """이행률 = 실적 ÷ 목표 × 100, one decimal; None when the target is zero."""
    if target == 0:
        return None
    return round_half_up(Fraction(actual) * 100 / target)


def median(values: Sequence[timedelta]) -> timedelta | None:
    """The middle value; the mean of the two middle values for an even count."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[timedelta], pct: int) -> timedelta | None:
    """Nearest rank: the smallest value that `pct`% of the values do not exceed."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(pct * len(ordered) / 100))
    return ordered[min(rank, len(ordered)) - 1]
