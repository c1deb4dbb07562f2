"""Report periods: local month and year boundaries."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.reports.period import Period, PeriodError

SEOUL = ZoneInfo("Asia/Seoul")


def test_month_boundaries_are_local_midnight() -> None:
    march = Period.parse_month("2026-03", SEOUL)
    assert march.start == datetime(2026, 2, 28, 15, 0, tzinfo=UTC)
    assert march.end == datetime(2026, 3, 31, 15, 0, tzinfo=UTC)
    assert (march.label, march.slug, march.months) == ("2026년 3월", "2026-03", 1)


def test_december_ends_in_the_next_year() -> None:
    december = Period.for_month(2026, 12, SEOUL)
    assert december.end_day.isoformat() == "2027-01-01"


def test_year_period() -> None:
    year = Period.parse_year("2026", SEOUL)
    assert (year.label, year.slug, year.months) == ("2026년", "2026", 12)
    assert year.start == datetime(2025, 12, 31, 15, tzinfo=UTC)
    assert len(year.year_months()) == 12


def test_month_lists_the_months_of_its_year_so_far() -> None:
    months = Period.for_month(2026, 3, SEOUL).year_months()
    assert [m.month for m in months] == [1, 2, 3]


def test_contains_is_half_open() -> None:
    march = Period.for_month(2026, 3, SEOUL)
    assert march.contains(datetime(2026, 3, 1, tzinfo=SEOUL))
    assert not march.contains(datetime(2026, 4, 1, tzinfo=SEOUL))


def test_containing_uses_local_time() -> None:
    moment = datetime(2026, 3, 31, 16, 0, tzinfo=UTC)  # 1 April 01:00 in Seoul
    assert Period.containing(moment, SEOUL).month == 4


@pytest.mark.parametrize("text", ["2026-13", "2026/03", "26-03", "march", "1999-01"])
def test_bad_months_are_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse_month(text, SEOUL)


@pytest.mark.parametrize("text", ["20266", "y2026", "3000"])
def test_bad_years_are_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse_year(text, SEOUL)
