"""Time source; the core asks a Clock, never the system directly."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Timezone-aware current time."""
        ...

    def today(self) -> date:
        """Local calendar date (Asia/Seoul by default)."""
        ...


class SystemClock:
    def __init__(self, tz: tzinfo) -> None:
        self._tz = tz

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return datetime.now(self._tz).date()


class FixedClock:
    """A clock that only moves when told to; for tests and demos."""

    def __init__(self, start: datetime, tz: tzinfo) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start
        self._tz = tz

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.astimezone(self._tz).date()

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)
