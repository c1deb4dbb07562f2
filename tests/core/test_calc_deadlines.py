"""Deadlines from the parent's dates: exact last day (민법 제157·160조) and D-n."""

from __future__ import annotations

from datetime import date

import pytest

from bot.calc import CalcInputError, deadlines, render_deadlines
from bot.intake.triage import IntakeAnswers, compute_deadlines

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        # 해고 2026-11-30: 다음 날부터 3개월 → 2027-02-28 (2월에 30일이 없어 말일),
        # 6개월 → 2027-05-31, 3년 → 2029-11-30
        (
            {"dismissal": date(2026, 11, 30)},
            [
                ("unfair_dismissal_remedy", date(2027, 2, 28), 95, "D-95"),
                ("discrimination_remedy", date(2027, 5, 31), 187, "D-187"),
                ("wage_claim", date(2029, 11, 30), 1101, "D-1101"),
            ],
        ),
        # 해고 2026-08-01 → 구제신청 2026-11-01 (지남, D+24), 차별 2027-02-01
        (
            {"dismissal": date(2026, 8, 1)},
            [
                ("unfair_dismissal_remedy", date(2026, 11, 1), -24, "D+24"),
                ("discrimination_remedy", date(2027, 2, 1), 68, "D-68"),
                ("wage_claim", date(2029, 8, 1), 980, "D-980"),
            ],
        ),
        # 해고 2026-08-25 → 구제신청 마지막 날이 오늘 2026-11-25
        (
            {"dismissal": date(2026, 8, 25)},
            [
                ("unfair_dismissal_remedy", date(2026, 11, 25), 0, "D-day"),
                ("discrimination_remedy", date(2027, 2, 25), 92, "D-92"),
                ("wage_claim", date(2029, 8, 25), 1004, "D-1004"),
            ],
        ),
        # 휴직 마지막 날 2026-03-31 → 급여 신청 2027-03-31; 4월 30일 → 2027-04-30
        (
            {"leave_end": date(2026, 3, 31)},
            [("benefit_application", date(2027, 3, 31), 126, "D-126")],
        ),
        (
            {"leave_end": date(2026, 4, 30)},
            [("benefit_application", date(2027, 4, 30), 156, "D-156")],
        ),
        # 차별받은 날 2026-10-10 → 2027-04-10; 임금 지급일 2024-01-25 → 2027-01-25
        (
            {"discrimination": date(2026, 10, 10), "wage_due": date(2024, 1, 25)},
            [
                ("wage_claim", date(2027, 1, 25), 61, "D-61"),
                ("discrimination_remedy", date(2027, 4, 10), 136, "D-136"),
            ],
        ),
        # 육아휴직 시작 예정 2027-01-15 → 신청 2026-12-16 (30일 전)
        (
            {"leave_start": date(2027, 1, 15)},
            [("parental_leave_application", date(2026, 12, 16), 21, "D-21")],
        ),
    ],
    ids=[
        "dismissal-month-end",
        "dismissal-passed",
        "due-today",
        "leave-end",
        "leave-end-month-end",
        "discrimination-and-wage",
        "leave-application",
    ],
)
def test_deadlines(inputs: dict[str, date], expected: list[tuple[str, date, int, str]]) -> None:
    items = deadlines(today=TODAY, **inputs)
    assert [(i.kind, i.due, i.days_left, i.countdown) for i in items] == expected


def test_same_dates_as_the_intake_triage() -> None:
    answers = IntakeAnswers(
        topic="protection",
        role="mother",
        workplace_size="5-29",
        contract="regular",
        status="left",
        key_date_kind="dismissal",
        key_date=date(2026, 11, 30),
        description="",
        has_crisis_words=False,
        leave_refused=False,
    )
    ours = [item.to_triage() for item in deadlines(today=TODAY, dismissal=date(2026, 11, 30))]
    theirs = compute_deadlines(answers, TODAY)
    assert [(d.kind, d.due, d.days_left) for d in ours] == [
        (d.kind, d.due, d.days_left) for d in theirs
    ]


def test_no_dates_no_deadlines() -> None:
    assert deadlines(today=TODAY) == ()
    assert "날짜를 알려 주시면" in render_deadlines((), TODAY)


def test_leave_end_before_start_is_refused() -> None:
    with pytest.raises(CalcInputError):
        deadlines(today=TODAY, leave_start=date(2026, 5, 1), leave_end=date(2026, 4, 30))


def test_render() -> None:
    items = deadlines(today=TODAY, dismissal=date(2026, 8, 1))
    lines = render_deadlines(items, TODAY).splitlines()
    assert lines[0] == "기한 계산 (2026년 11월 25일(수) 기준)"
    # 2026-11-01 is a Sunday: 민법 제161조 runs the period to Monday 11-02
    assert (
        "부당해고 구제신청(지방노동위원회): 2026년 11월 1일(일)까지 (기한 지남, D+24)"
        " — 일요일이라 법으로는 2026년 11월 2일(월)까지"
    ) in lines
    assert "차별 시정신청(노동위원회): 2027년 2월 1일(월)까지 (D-68)" in lines
    assert "  근거: 근로기준법 제28조 제2항" in lines
    assert lines[-1].startswith("마지막 날이 토요일·공휴일이면 법으로는 다음 평일까지 늘어나요")


@pytest.mark.parametrize(
    ("inputs", "kind", "due", "extended"),
    [
        # 초심 판정서 2026-12-19(토) 수령 → 다음 날부터 10일: 12-20 … 12-29(화), 평일
        ({"first_ruling": date(2026, 12, 19)}, "review_application", date(2026, 12, 29), None),
        # 2026-09-14 수령 → 09-24(목) 추석 연휴 → 25(추석), 26(토), 27(일) → 09-28(월)
        (
            {"first_ruling": date(2026, 9, 14)},
            "review_application",
            date(2026, 9, 24),
            date(2026, 9, 28),
        ),
        # 재심 판정서 2027-02-22 수령 → 15일: 2027-03-09(화)
        ({"review_ruling": date(2027, 2, 22)}, "administrative_lawsuit", date(2027, 3, 9), None),
        # 2027-01-22 수령 → 02-06(토, 설날 연휴) → 7(일·설날), 8(설 연휴), 9(대체공휴일) → 02-10
        (
            {"review_ruling": date(2027, 1, 22)},
            "administrative_lawsuit",
            date(2027, 2, 6),
            date(2027, 2, 10),
        ),
        # 출산 2026-11-03 → 120일: 11월 27일 + 12월 31일 + 1월 31일 + 2월 28일 + 3일
        #   = 2027-03-03(수)
        ({"birth": date(2026, 11, 3)}, "spouse_childbirth_leave", date(2027, 3, 3), None),
        # 출산 2026-08-29 → 2026-12-27(일) → 12-28(월)
        (
            {"birth": date(2026, 8, 29)},
            "spouse_childbirth_leave",
            date(2026, 12, 27),
            date(2026, 12, 28),
        ),
        # 해고 2026-11-30 → 구제신청 2027-02-28(일) → 3-1(삼일절) → 2027-03-02(화)
        (
            {"dismissal": date(2026, 11, 30)},
            "unfair_dismissal_remedy",
            date(2027, 2, 28),
            date(2027, 3, 2),
        ),
        # 휴직 끝 2026-05-24 → 급여 신청 2027-05-24(월), 평일
        ({"leave_end": date(2026, 5, 24)}, "benefit_application", date(2027, 5, 24), None),
        # 휴직 끝 2026-12-25 → 2027-12-25(토, 성탄절) → 26(일), 27(대체공휴일) → 12-28
        (
            {"leave_end": date(2026, 12, 25)},
            "benefit_application",
            date(2027, 12, 25),
            date(2027, 12, 28),
        ),
    ],
)
def test_new_deadlines_and_the_weekend_holiday_extension(
    inputs: dict[str, date], kind: str, due: date, extended: date | None
) -> None:
    [item] = [i for i in deadlines(today=TODAY, **inputs) if i.kind == kind]
    assert (item.due, item.extended_due) == (due, extended)
    assert item.days_left == (due - TODAY).days  # the countdown is to the plain date


def test_application_before_a_leave_is_not_extended() -> None:
    # 시작 2026-11-30 → 30일 전 2026-10-31(토): counted backwards, nothing moves
    [item] = deadlines(today=TODAY, leave_start=date(2026, 11, 30))
    assert (item.due, item.extended_due) == (date(2026, 10, 31), None)


def test_days_after_the_known_holidays_are_not_extended() -> None:
    # 2028-02-27 is a Sunday, but the holiday list ends with 2027: no extension is claimed
    [item] = deadlines(today=TODAY, review_ruling=date(2028, 2, 12))
    assert (item.due, item.extended_due) == (date(2028, 2, 27), None)


def test_render_new_deadlines() -> None:
    items = deadlines(today=TODAY, first_ruling=date(2026, 9, 14), birth=date(2026, 11, 3))
    text = render_deadlines(items, TODAY)
    assert (
        "재심 신청(중앙노동위원회): 2026년 9월 24일(목)까지 (기한 지남, D+62)"
        " — 추석 연휴라 법으로는 2026년 9월 28일(월)까지"
    ) in text
    assert "배우자 출산전후휴가 사용: 2027년 3월 3일(수)까지 (D-98)" in text
