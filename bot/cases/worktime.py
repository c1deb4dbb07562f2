"""Working time: weekdays within office hours, in the center's time zone."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo


def working_minutes_between(
    start: datetime, end: datetime, tz: tzinfo, *, day_start: int = 9, day_end: int = 18
) -> int:
    """Minutes of office time (Mon–Fri, day_start–day_end local) between two instants.

    Public holidays are not known here; they count as working days.
    """
    if end <= start:
        return 0
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    total = 0.0
    day = local_start.date()
    while day <= local_end.date():
        if day.weekday() < 5:
            open_at = datetime.combine(day, time(day_start), tz)
            close_at = datetime.combine(day, time(day_end), tz)
            lo, hi = max(open_at, local_start), min(close_at, local_end)
            if hi > lo:
                total += (hi - lo).total_seconds() / 60
        day += timedelta(days=1)
    return int(total)


def age(since: datetime, now: datetime) -> str:
    """How long ago, roughly, in Korean: 5분, 3시간, 2일."""
    minutes = max(int((now - since).total_seconds() // 60), 0)
    if minutes < 60:
        return f"{minutes}분"
    if minutes < 60 * 24:
        return f"{minutes // 60}시간"
    return f"{minutes // (60 * 24)}일"
