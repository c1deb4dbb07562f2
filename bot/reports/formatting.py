"""Numbers, durations and dates the way the center writes them."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from fractions import Fraction

from bot.reports import labels
from bot.reports.stats import round_half_up


def count(value: int, unit: str = "") -> str:
    """3500 → `3,500건`."""
    return f"{value:,}{unit}"


def target_value(target: Fraction | None) -> Decimal | None:
    """A goal as shown: whole numbers as is, others to one decimal (291.666… → 291.7)."""
    if target is None:
        return None
    if target.denominator == 1:
        return Decimal(target.numerator)
    return round_half_up(target)


def target(target: Fraction | None, unit: str = "") -> str:
    value = target_value(target)
    if value is None:
        return labels.NO_TARGET
    return f"{value:,}{unit}"


def percent(value: Decimal | None) -> str:
    """90.5 → `90.5%`; None → `-`."""
    return labels.NO_TARGET if value is None else f"{value:,}%"


def share(part: int, whole: int) -> Decimal | None:
    """part ÷ whole × 100, one decimal."""
    return None if whole == 0 else round_half_up(Fraction(part * 100, whole))


def duration(value: timedelta | None) -> str:
    """`35분`, `3시간 20분`, `2일 4시간`; None → `-`."""
    if value is None:
        return labels.NO_TARGET
    minutes = int(value.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes}분"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours}시간 {minutes}분" if minutes else f"{hours}시간"
    days, hours = divmod(hours, 24)
    return f"{days}일 {hours}시간" if hours else f"{days}일"


def hours(value: timedelta | None) -> Decimal | None:
    """A duration in hours, one decimal (for spreadsheets)."""
    if value is None:
        return None
    return round_half_up(Fraction(round(value.total_seconds()), 3600))


def moment(value: datetime, tz: tzinfo) -> str:
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def width(text: str) -> int:
    """Terminal cells: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, cells: int, *, right: bool = False) -> str:
    gap = " " * max(0, cells - width(text))
    return gap + text if right else text + gap
