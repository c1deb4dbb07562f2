"""The month or year a report covers, in the center's local time zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Literal

PeriodKind = Literal["month", "year"]
_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR_RE = re.compile(r"^(\d{4})$")
MIN_YEAR = 2000
MAX_YEAR = 2100


class PeriodError(ValueError):
    """A period given on the command line could not be read."""


@dataclass(frozen=True)
class Period:
    """A calendar month or year; boundaries are local midnight in `tz`."""

    kind: PeriodKind
    year: int
    month: int | None
    tz: tzinfo

    @classmethod
    def for_month(cls, year: int, month: int, tz: tzinfo) -> Period:
        if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
            raise PeriodError(f"no such month: {year}-{month:02d}")
        return cls("month", year, month, tz)

    @classmethod
    def for_year(cls, year: int, tz: tzinfo) -> Period:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise PeriodError(f"year out of range: {year}")
        return cls("year", year, None, tz)

    @classmethod
    def parse_month(cls, text: str, tz: tzinfo) -> Period:
        """`YYYY-MM`, e.g. 2026-03."""
        match = _MONTH_RE.match(text.strip())
        if match is None:
            raise PeriodError(f"expected YYYY-MM, got {text!r}")
        return cls.for_month(int(match.group(1)), int(match.group(2)), tz)

    @classmethod
    def parse_year(cls, text: str, tz: tzinfo) -> Period:
        """`YYYY`, e.g. 2026."""
        match = _YEAR_RE.match(text.strip())
        if match is None:
            raise PeriodError(f"expected YYYY, got {text!r}")
        return cls.for_year(int(match.group(1)), tz)

    @classmethod
    def containing(cls, moment: datetime, tz: tzinfo) -> Period:
        """The month `moment` falls in, locally."""
        local = moment.astimezone(tz)
        return cls.for_month(local.year, local.month, tz)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, 1)

    @property
    def end_day(self) -> date:
        """The first day after the period."""
        if self.month is None:
            return date(self.year + 1, 1, 1)
        if self.month == 12:
            return date(self.year + 1, 1, 1)
        return date(self.year, self.month + 1, 1)

    @property
    def start(self) -> datetime:
        return _local_midnight(self.first_day, self.tz)

    @property
    def end(self) -> datetime:
        """Exclusive end."""
        return _local_midnight(self.end_day, self.tz)

    @property
    def months(self) -> int:
        return 1 if self.kind == "month" else 12

    @property
    def label(self) -> str:
        """Korean label: `2026년 3월` or `2026년`."""
        return f"{self.year}년 {self.month}월" if self.month else f"{self.year}년"

    @property
    def slug(self) -> str:
        """For file names: `2026-03` or `2026`."""
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)

    def year_months(self) -> list[Period]:
        """Months of this period's year from January up to the period's last month."""
        last = self.month or 12
        return [Period.for_month(self.year, m, self.tz) for m in range(1, last + 1)]

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=tz)
