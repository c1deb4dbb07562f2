"""Calendar arithmetic shared by the answer parsers and the triage rules."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def days_in_month(year: int, month: int) -> int:
    """Number of days in the given month (28..31)."""
    return calendar.monthrange(year, month)[1]


def add_months(day: date, months: int) -> date:
    """Shift by whole calendar months, clamping the day to the end of the target month.

    2026-11-30 + 3 → 2027-02-28, 2027-11-30 + 3 → 2028-02-29, 2026-03-31 - 1 → 2026-02-28.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month_index = divmod(index, 12)
    month = month_index + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def period_end(event: date, months: int) -> date:
    """Last day of a period of `months` months running from `event` (민법 제157조, 제160조).

    The day of the event is not counted, so the period starts the next day; it ends the day
    before the corresponding day `months` later, or on the last day of that month when the
    month has no corresponding day. In practice this is `add_months(event, months)`, except
    that an event on a month's last day ends on the target month's last day:

    - 2026-09-01 + 3 → 2026-12-01
    - 2026-11-30 + 3 → 2027-02-28 (start 12-01: December, January, February)
    - 2026-11-29 + 3 → 2027-02-28 (no 02-30 in 2027, so the month's end)
    - 2026-04-30 + 3 → 2026-07-31 (start 05-01: May, June, July), not 07-30
    - 2027-11-30 + 3 → 2028-02-29 (leap year)

    A period ending on a Saturday or public holiday is extended to the next working day
    (민법 제161조); that is deliberately not applied, so the date shown is never too late.
    """
    start = event + timedelta(days=1)
    target = add_months(start.replace(day=1), months)
    if start.day > days_in_month(target.year, target.month):
        return target.replace(day=days_in_month(target.year, target.month))
    return target.replace(day=start.day) - timedelta(days=1)
