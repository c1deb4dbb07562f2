"""Deadlines from the parent's own dates, with the exact last day and a "D-n" countdown.

Periods in months follow the civil code exactly as the intake triage does
(`bot.intake.dates.period_end`: the event day is not counted; a month-end event ends on the
target month's end). The plain last day is the one counted on; when it is a Saturday or a
public holiday the period runs to the next working day (민법 제161조), shown beside it as
`extended_due` (`bot.calc.holidays`). The kinds and their lengths are the triage's: 부당해고
구제신청 3 months, 차별 시정신청 6 months, 임금 청구 3 years, 육아휴직 신청 30 days before the
start; plus benefit applications 12 months after the leave ends, 재심 신청 10 days after the
지방노동위원회 decision is received and 행정소송 15 days after the 중앙노동위원회 decision is
received (근로기준법 제31조), and 배우자 출산전후휴가 within 120 days of the birth (남녀고용평등법
제18조의2): days are counted from the day after the event (민법 제157조).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from bot.calc.common import CalcInputError
from bot.calc.holidays import extended_due, why_off
from bot.intake.dates import period_end
from bot.intake.triage import (
    DISCRIMINATION_MONTHS,
    LEAVE_NOTICE_DAYS,
    REMEDY_MONTHS,
    WAGE_CLAIM_MONTHS,
    Deadline,
)

BENEFIT_APPLICATION_MONTHS: Final = 12  # 고보법: 휴직·휴가 종료일 이후 12개월 이내
REVIEW_DAYS: Final = (
    10  # 중앙노동위원회 재심 신청: 초심 판정서를 받은 날부터 10일 (근기법 제31조①)
)
LAWSUIT_DAYS: Final = 15  # 행정소송: 재심 판정서를 받은 날부터 15일 (근기법 제31조②)
SPOUSE_LEAVE_DAYS: Final = 120  # 배우자 출산전후휴가: 출산일부터 120일 (고평법 제18조의2)
#: Deadlines counted backwards (a day before an event): 민법 제161조 does not move them.
NOT_EXTENDED: Final = frozenset({"parental_leave_application"})


@dataclass(frozen=True)
class DeadlineItem:
    """One deadline: what, from which day, the last day and how many days are left."""

    kind: str  # the triage's kind ids, plus "benefit_application"
    label: str
    event: date
    event_label: str
    due: date
    days_left: int  # 0 = the last day is today; negative = passed
    countdown: str  # "D-12", "D-day", "D+3"
    legal_basis: str
    note: str
    #: The last day under 민법 제161조 when `due` is a Saturday or public holiday, else None.
    extended_due: date | None = None
    extended_reason: str = ""  # why `due` is a day off: "일요일", "삼일절 대체공휴일" …

    @property
    def is_passed(self) -> bool:
        return self.days_left < 0

    def to_triage(self) -> Deadline:
        """The same deadline in the intake triage's shape (for urgency and queue order)."""
        return Deadline(kind=self.kind, label=self.label, due=self.due, days_left=self.days_left)


def countdown(days_left: int) -> str:
    if days_left > 0:
        return f"D-{days_left}"
    return "D-day" if days_left == 0 else f"D+{-days_left}"


def deadlines(
    *,
    today: date,
    dismissal: date | None = None,
    discrimination: date | None = None,
    leave_start: date | None = None,
    leave_end: date | None = None,
    wage_due: date | None = None,
    first_ruling: date | None = None,
    review_ruling: date | None = None,
    birth: date | None = None,
) -> tuple[DeadlineItem, ...]:
    """Every deadline the given dates lead to, earliest first (passed ones included).

    Args:
        dismissal: the day of the dismissal (or other 부당해고등).
        discrimination: the day of the discriminatory treatment, or its last day when it
            went on; without it, a dismissal also gives the 차별 시정신청 deadline.
        leave_start: first day of a planned 육아휴직 (the application is due 30 days before).
        leave_end: last day of a 육아휴직 / 출산전후휴가 / 육아기 단축 (benefit application).
        wage_due: the day unpaid wages were due; without it, a dismissal date is used.
        first_ruling: the day the 지방노동위원회 decision (판정서) was received (재심 10 days).
        review_ruling: the day the 중앙노동위원회 decision was received (행정소송 15 days).
        birth: the day of the birth, for the spouse's 배우자 출산전후휴가 (within 120 days).
    """
    if leave_start is not None and leave_end is not None and leave_end < leave_start:
        raise CalcInputError("휴직이 끝나는 날이 시작일보다 빨라요.")
    found: list[tuple[str, str, date, str, date, str, str]] = []
    if dismissal is not None:
        found.append(
            (
                "unfair_dismissal_remedy",
                "부당해고 구제신청(지방노동위원회)",
                dismissal,
                "해고일",
                period_end(dismissal, REMEDY_MONTHS),
                "근로기준법 제28조 제2항",
                "상시 5인 이상 사업장만 신청할 수 있어요. 기한이 지나면 각하돼요.",
            )
        )
    discrimination_event = discrimination if discrimination is not None else dismissal
    if discrimination_event is not None:
        found.append(
            (
                "discrimination_remedy",
                "차별 시정신청(노동위원회)",
                discrimination_event,
                "차별받은 날" if discrimination is not None else "해고일",
                period_end(discrimination_event, DISCRIMINATION_MONTHS),
                "남녀고용평등법 제26조",
                "차별이 계속되면 끝난 날부터 6개월이에요."
                if discrimination is not None
                else "해고가 성별·임신·출산 등을 이유로 한 차별이라면 신청할 수 있어요.",
            )
        )
    if leave_start is not None:
        found.append(
            (
                "parental_leave_application",
                "육아휴직 신청(시작 30일 전까지)",
                leave_start,
                "휴직 시작 예정일",
                leave_start - timedelta(days=LEAVE_NOTICE_DAYS),
                "남녀고용평등법 시행령 제11조",
                "늦게 신청하면 회사가 시작일을 신청일부터 30일 안에서 미룰 수 있어요.",
            )
        )
    if leave_end is not None:
        found.append(
            (
                "benefit_application",
                "육아휴직·출산전후휴가·근로시간 단축 급여 신청",
                leave_end,
                "휴직(휴가) 마지막 날",
                period_end(leave_end, BENEFIT_APPLICATION_MONTHS),
                "고용보험법 제70조, 제73조의2, 제75조~제77조",
                "끝난 날 이후 12개월이 지나면 원칙적으로 받을 수 없어요. 고용24에서 신청해요.",
            )
        )
    wage_event = wage_due if wage_due is not None else dismissal
    if wage_event is not None:
        found.append(
            (
                "wage_claim",
                "임금·퇴직금 청구(소멸시효 3년)",
                wage_event,
                "임금 지급일" if wage_due is not None else "해고일",
                period_end(wage_event, WAGE_CLAIM_MONTHS),
                "근로기준법 제49조",
                "밀린 임금마다 받기로 한 날부터 3년이에요."
                if wage_due is not None
                else "그 전에 밀린 임금은 각각 받기로 한 날부터 3년이에요.",
            )
        )
    found += _ruling_and_birth(first_ruling, review_ruling, birth)
    items = [
        DeadlineItem(
            kind=kind,
            label=label,
            event=event,
            event_label=event_label,
            due=due,
            days_left=(due - today).days,
            countdown=countdown((due - today).days),
            legal_basis=basis,
            note=note,
            extended_due=None if kind in NOT_EXTENDED else extended_due(due),
            extended_reason=""
            if kind in NOT_EXTENDED or extended_due(due) is None
            else why_off(due),
        )
        for kind, label, event, event_label, due, basis, note in found
    ]
    return tuple(sorted(items, key=lambda item: item.due))


def _ruling_and_birth(
    first_ruling: date | None, review_ruling: date | None, birth: date | None
) -> list[tuple[str, str, date, str, date, str, str]]:
    found: list[tuple[str, str, date, str, date, str, str]] = []
    if first_ruling is not None:
        found.append(
            (
                "review_application",
                "재심 신청(중앙노동위원회)",
                first_ruling,
                "지방노동위원회 판정서를 받은 날",
                first_ruling + timedelta(days=REVIEW_DAYS),
                "근로기준법 제31조 제1항",
                "판정서를 받은 다음 날부터 10일이에요. 지나면 초심 판정이 확정돼요.",
            )
        )
    if review_ruling is not None:
        found.append(
            (
                "administrative_lawsuit",
                "행정소송 제기(법원)",
                review_ruling,
                "중앙노동위원회 재심 판정서를 받은 날",
                review_ruling + timedelta(days=LAWSUIT_DAYS),
                "근로기준법 제31조 제2항",
                "재심 판정서를 받은 다음 날부터 15일이에요. 지나면 재심 판정이 확정돼요.",
            )
        )
    if birth is not None:
        found.append(
            (
                "spouse_childbirth_leave",
                "배우자 출산전후휴가 사용",
                birth,
                "출산일",
                birth + timedelta(days=SPOUSE_LEAVE_DAYS),
                "남녀고용평등법 제18조의2",
                "20일(3번까지 나눠 쓰기)을 이 날까지 써야 해요. 남은 날은 그 뒤에 쓸 수 없어요.",
            )
        )
    return found
