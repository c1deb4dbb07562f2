"""Korean wording helpers: dates as people write them."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Final

WEEKDAYS: Final = "월화수목금토일"


def korean_date(day: date, *, with_year: bool = True) -> str:
    """2027년 1월 2일(토) (or 1월 2일(토)): the one way a date is shown to parents and staff."""
    shown = f"{day.month}월 {day.day}일({WEEKDAYS[day.weekday()]})"
    return f"{day.year}년 {shown}" if with_year else shown


def korean_datetime(moment: datetime, tz: tzinfo, *, with_year: bool = True) -> str:
    """2026년 11월 25일(수) 10:00, in the center's time zone."""
    local = moment.astimezone(tz)
    return f"{korean_date(local.date(), with_year=with_year)} {local:%H:%M}"
