"""Korean public holidays (관공서의 공휴일에 관한 규정) for the 민법 제161조 extension.

A period whose last day is a Saturday or a public holiday (Sundays included) ends on the next
day that is neither (민법 제161조). The list holds the holidays of 2026 and 2027 with their
substitute days (대체공휴일) and the 2026 local election day; 근로자의 날 (5월 1일) is not a
public holiday under the regulation. Days after `KNOWN_UNTIL` are not extended: the list
needs the next year (and any 임시공휴일 the government designates) added here.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

KNOWN_FROM: Final = date(2026, 1, 1)
KNOWN_UNTIL: Final = date(2027, 12, 31)

HOLIDAYS: Final[dict[date, str]] = {
    date(2026, 1, 1): "신정",
    date(2026, 2, 16): "설날 연휴",
    date(2026, 2, 17): "설날",
    date(2026, 2, 18): "설날 연휴",
    date(2026, 3, 1): "삼일절",
    date(2026, 3, 2): "삼일절 대체공휴일",
    date(2026, 5, 5): "어린이날",
    date(2026, 5, 24): "부처님오신날",
    date(2026, 5, 25): "부처님오신날 대체공휴일",
    date(2026, 6, 3): "전국동시지방선거일",
    date(2026, 6, 6): "현충일",
    date(2026, 8, 15): "광복절",
    date(2026, 8, 17): "광복절 대체공휴일",
    date(2026, 9, 24): "추석 연휴",
    date(2026, 9, 25): "추석",
    date(2026, 9, 26): "추석 연휴",
    date(2026, 10, 3): "개천절",
    date(2026, 10, 5): "개천절 대체공휴일",
    date(2026, 10, 9): "한글날",
    date(2026, 12, 25): "성탄절",
    date(2027, 1, 1): "신정",
    date(2027, 2, 6): "설날 연휴",
    date(2027, 2, 7): "설날",
    date(2027, 2, 8): "설날 연휴",
    date(2027, 2, 9): "설날 대체공휴일",
    date(2027, 3, 1): "삼일절",
    date(2027, 5, 5): "어린이날",
    date(2027, 5, 13): "부처님오신날",
    date(2027, 6, 6): "현충일",
    date(2027, 8, 15): "광복절",
    date(2027, 8, 16): "광복절 대체공휴일",
    date(2027, 9, 14): "추석 연휴",
    date(2027, 9, 15): "추석",
    date(2027, 9, 16): "추석 연휴",
    date(2027, 10, 3): "개천절",
    date(2027, 10, 4): "개천절 대체공휴일",
    date(2027, 10, 9): "한글날",
    date(2027, 10, 11): "한글날 대체공휴일",
    date(2027, 12, 25): "성탄절",
    date(2027, 12, 27): "성탄절 대체공휴일",
}

SATURDAY: Final = 5
SUNDAY: Final = 6


def is_day_off(day: date) -> bool:
    """Saturday, Sunday or a public holiday of the list."""
    return day.weekday() in (SATURDAY, SUNDAY) or day in HOLIDAYS


def why_off(day: date) -> str:
    """'토요일', '일요일' or the holiday's name ('' for a working day)."""
    if day in HOLIDAYS:
        return HOLIDAYS[day]
    return {SATURDAY: "토요일", SUNDAY: "일요일"}.get(day.weekday(), "")


def extended_due(due: date) -> date | None:
    """The last day after 민법 제161조 when `due` is a day off; None when it is not (or when
    `due` is outside the known years, so nothing is extended that may not be)."""
    if not KNOWN_FROM <= due <= KNOWN_UNTIL or not is_day_off(due):
        return None
    day = due + timedelta(days=1)
    while is_day_off(day):
        day += timedelta(days=1)
    return day
