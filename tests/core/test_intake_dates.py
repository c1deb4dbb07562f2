"""Dates that mean what the parent meant: the year of a month-day, relative days, the format."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.dialog import InvalidAnswer
from bot.intake import flow
from bot.intake.data import IntakeData
from bot.intake.parsing import Lean, parse_date
from bot.intake.triage import IntakeAnswers, announced_dismissal_rule, dismissal_remedy_rule
from bot.korean import korean_date, korean_datetime

DEC_20 = date(2026, 12, 20)  # a Sunday


@pytest.mark.parametrize(
    ("text", "lean", "today", "expected"),
    [
        # December → January: the leave start of the issue, typed in December
        ("1월 2일", "next", DEC_20, date(2027, 1, 2)),
        ("1/2", "next", DEC_20, date(2027, 1, 2)),
        ("1월 2일", "recent", DEC_20, date(2026, 1, 2)),
        ("3월 15일", "next", DEC_20, date(2027, 3, 15)),
        ("12월 20일", "next", DEC_20, date(2026, 12, 20)),  # today counts as next
        ("12월 20일", "recent", DEC_20, date(2026, 12, 20)),  # and as most recent
        ("12월 19일", "next", DEC_20, date(2027, 12, 19)),
        # January → December: a hire date or a dismissal that happened
        ("12월 31일", "recent", date(2027, 1, 2), date(2026, 12, 31)),
        ("12월 31일", "next", date(2027, 1, 2), date(2027, 12, 31)),
        # Feb 29 lands on the nearest leap year in the direction asked
        ("2월 29일", "next", date(2026, 3, 1), date(2028, 2, 29)),
        ("2월 29일", "next", date(2028, 2, 28), date(2028, 2, 29)),
        ("2월 29일", "recent", date(2027, 6, 1), date(2024, 2, 29)),
        ("2월 29일", "recent", date(2028, 2, 29), date(2028, 2, 29)),
        ("2월 말", "next", date(2027, 12, 1), date(2028, 2, 29)),
        ("2월 말", "recent", date(2027, 12, 1), date(2027, 2, 28)),
        ("1월 말", "next", DEC_20, date(2027, 1, 31)),
        # a dismissal: the most recent, unless the next is announced for the coming weeks
        ("1월 5일", "recent_or_soon", DEC_20, date(2027, 1, 5)),
        ("2월 20일", "recent_or_soon", DEC_20, date(2027, 2, 20)),  # 62 days ahead
        ("2월 21일", "recent_or_soon", DEC_20, date(2026, 2, 21)),  # 63 days ahead
        ("5월 1일", "recent_or_soon", DEC_20, date(2026, 5, 1)),
        ("12월 1일", "recent_or_soon", DEC_20, date(2026, 12, 1)),
        # a year written out is never moved
        ("2026.1.2", "next", DEC_20, date(2026, 1, 2)),
        ("내년 1월 2일", "recent", DEC_20, date(2027, 1, 2)),
    ],
)
def test_month_day_takes_the_year_the_field_leans_to(
    text: str, lean: Lean, today: date, expected: date
) -> None:
    assert parse_date(text, today, lean=lean) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("오늘", date(2026, 12, 30), date(2026, 12, 30)),
        ("어제", date(2027, 1, 1), date(2026, 12, 31)),
        ("내일", date(2026, 12, 31), date(2027, 1, 1)),
        ("모레", date(2026, 12, 31), date(2027, 1, 2)),
        ("3일 후", date(2026, 12, 30), date(2027, 1, 2)),
        ("3일 뒤에", date(2028, 2, 27), date(2028, 3, 1)),
        ("다음 주 화요일", date(2026, 12, 30), date(2027, 1, 5)),
        ("다음주 화요일이요", date(2026, 12, 30), date(2027, 1, 5)),
        ("지난주 금요일", date(2027, 1, 4), date(2027, 1, 1)),
        ("지난달 말", date(2027, 1, 10), date(2026, 12, 31)),
        ("지난달 말", date(2028, 3, 15), date(2028, 2, 29)),
        ("지난달 말일", date(2027, 3, 15), date(2027, 2, 28)),
        ("이번 달 말", date(2026, 12, 20), date(2026, 12, 31)),
        ("이달 말", date(2026, 4, 2), date(2026, 4, 30)),
        ("다음 달 말", date(2027, 1, 31), date(2027, 2, 28)),
        ("다음 달 5일", date(2026, 12, 20), date(2027, 1, 5)),
    ],
)
def test_relative_dates_count_from_today(text: str, today: date, expected: date) -> None:
    assert parse_date(text, today) == expected


@pytest.mark.parametrize("text", ["4월 31일", "13월 1일", "0월 5일", "13월 말"])
@pytest.mark.parametrize("lean", ["next", "recent", "recent_or_soon", None])
def test_a_day_no_year_has_is_refused_in_every_lean(text: str, lean: Lean | None) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        parse_date(text, DEC_20, lean=lean)
    assert caught.value.message.startswith("달력에 없는 날짜")


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (date(2027, 1, 2), "2027년 1월 2일(토)"),
        (date(2026, 11, 25), "2026년 11월 25일(수)"),
        (date(2028, 2, 29), "2028년 2월 29일(화)"),
        (date(2026, 12, 31), "2026년 12월 31일(목)"),
    ],
)
def test_korean_date(day: date, shown: str) -> None:
    assert korean_date(day) == shown
    assert korean_date(day, with_year=False) == shown.split("년 ")[1]


def test_korean_datetime_is_local_time() -> None:
    moment = datetime(2026, 12, 31, 15, 30, tzinfo=UTC)  # 00:30 the next day in Seoul
    assert korean_datetime(moment, ZoneInfo("Asia/Seoul")) == "2027년 1월 1일(금) 00:30"


# --- each intake date field knows its direction ----------------------------------------------

STEPS = flow.intake_flow([], retention_years=3, draft_days=7, summary=lambda _data: "")
LEAVE = IntakeData(topic="parental-leave", status="working", leave_refused="no")
DUE = IntakeData(topic="childbirth", status="working", leave_refused="no")
DISMISSED = IntakeData(topic="protection", status="dismissed")


@pytest.mark.parametrize(
    ("data", "text", "today", "expected"),
    [
        (LEAVE, "1월 2일", DEC_20, date(2027, 1, 2)),
        (LEAVE, "3월 2일", DEC_20, date(2027, 3, 2)),
        (LEAVE, "다음 주 월요일", DEC_20, date(2026, 12, 21)),  # weeks start on Monday
        (LEAVE.answer(status="on_leave"), "3월 2일", DEC_20, date(2026, 3, 2)),
        (DUE, "3월 15일", DEC_20, date(2027, 3, 15)),
        (DUE, "1월 3일", date(2026, 12, 30), date(2027, 1, 3)),
        (DISMISSED, "11월 30일", DEC_20, date(2026, 11, 30)),
        (DISMISSED, "1월 5일", DEC_20, date(2027, 1, 5)),
        (DISMISSED, "다음 주 금요일", DEC_20, date(2026, 12, 25)),
        (IntakeData(status="resigned"), "12월 31일", date(2027, 1, 2), date(2026, 12, 31)),
    ],
)
def test_key_date_field_reads_the_year_its_way(
    data: IntakeData, text: str, today: date, expected: date
) -> None:
    answered = STEPS.accept_text("key_date", text, data, today)
    assert answered.key_date == expected


def test_hire_date_is_the_most_recent_such_day() -> None:
    data = STEPS.accept_text("hired_on", "12월 31일", LEAVE, date(2027, 1, 2))
    assert data.hired_on == date(2026, 12, 31)


def test_leave_start_on_or_before_the_hire_date_is_asked_again() -> None:
    hired = LEAVE.answer(hired_on=date(2026, 3, 2))
    with pytest.raises(InvalidAnswer) as caught:
        STEPS.accept_text("key_date", "2026.1.2", hired, DEC_20)
    assert "입사일(2026년 3월 2일(월))" in caught.value.message
    assert STEPS.accept_text("key_date", "1월 2일", hired, DEC_20).key_date == date(2027, 1, 2)


def test_future_dismissal_is_kept_and_its_notice_date_asked() -> None:
    data = STEPS.accept_text("key_date", "다음 주 금요일", DISMISSED, DEC_20)
    assert (data.key_date, data.dismissal_announced) == (date(2026, 12, 25), True)
    assert STEPS.next_step("key_date", data) == "dismissal_notice_on"
    noticed = STEPS.accept_text("dismissal_notice_on", "12월 18일", data, DEC_20)
    assert noticed.dismissal_notice_on == date(2026, 12, 18)
    with pytest.raises(InvalidAnswer):
        STEPS.accept_text("dismissal_notice_on", "내일", data, DEC_20)


def test_past_dismissal_skips_the_notice_question() -> None:
    data = STEPS.accept_text("key_date", "어제", DISMISSED, DEC_20)
    assert data.dismissal_announced is False
    assert STEPS.next_step("key_date", data) == "description"


def _dismissal(effective: date, notice: date | None) -> IntakeAnswers:
    return IntakeAnswers(
        topic="protection",
        role="mother",
        workplace_size="30-299",
        contract="regular",
        status="left",
        key_date_kind="dismissal",
        key_date=effective,
        description="해고 통보를 받았어요.",
        has_crisis_words=False,
        leave_refused=False,
        dismissal_notice_on=notice,
    )


@pytest.mark.parametrize(
    ("effective", "notice", "is_urgent", "parts"),
    [
        (
            date(2027, 1, 1),
            date(2026, 12, 18),
            True,
            [
                "통보일 2026년 12월 18일(금)",
                "해고 예정일 2027년 1월 1일(금) (12일 남음)",
                "14일 전",
            ],
        ),
        (date(2027, 1, 19), None, True, ["통보일 확인 필요", "30일 남음"]),
        (date(2027, 1, 20), date(2026, 12, 1), False, ["31일 남음"]),
    ],
)
def test_announced_dismissal_is_urgent_within_30_days(
    effective: date, notice: date | None, is_urgent: bool, parts: list[str]
) -> None:
    finding = announced_dismissal_rule(_dismissal(effective, notice), DEC_20)
    assert finding is not None
    assert finding.is_urgent is is_urgent
    for part in parts:
        assert part in finding.reason
    assert ("해고예고수당" in finding.reason) is (notice is not None and parts[-1] == "14일 전")
    assert dismissal_remedy_rule(_dismissal(effective, notice), DEC_20) is None


def test_dismissal_that_happened_is_not_an_announcement() -> None:
    assert announced_dismissal_rule(_dismissal(DEC_20, None), DEC_20) is None
