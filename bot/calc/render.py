"""Korean plain-text display of the calculator results (the bot escapes HTML itself).

One function per result type; each returns the whole message. Months or blocks computed from
a figure marked uncertain in the rule tables end in " *", explained under the table.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from fractions import Fraction
from typing import Final

from bot.calc.common import man_won, percent, won
from bot.calc.deadlines import DeadlineItem
from bot.calc.eligibility import Eligibility
from bot.calc.maternity import MaternityLeavePay, SpouseLeavePay
from bot.calc.paid_leave import PaidLeaveDays
from bot.calc.parental import LeaveMonth, MonthPart, ParentalLeavePay
from bot.calc.reduced_hours import ReducedHoursPay
from bot.korean import korean_date, korean_date_range

STAR: Final = " *"
STAR_NOTE: Final = "* 표시: 아래 '참고'의 기준으로 계산한 부분이에요."
NOTES_HEADING: Final = "참고"
CONFIRM: Final = (
    "예상액이에요. 정확한 금액은 고용24(www.work24.go.kr)나 고용노동부 고객상담센터"
    "(☎1350)에서 확인해 주세요."
)
COMPANY: Final = {"priority": "우선지원대상기업", "large": "대규모기업"}
BIRTH: Final = {"single": "", "multiple": " · 다태아", "premature": " · 미숙아"}
SCHEME: Final = {
    "general": "",
    "6plus6": "6+6 부모육아휴직제 특례: 각자 첫 6개월 통상임금 100%, 상한이 달마다 올라가요.",
    "single-parent": "한부모 특례: 1~3개월차 상한 300만원.",
}
VERDICT: Final = {
    "likely": "가능성이 높아요",
    "check": "확인이 필요해요",
    "unlikely": "어려울 수 있어요",
}
STATUS: Final = {"ok": "[충족]", "check": "[확인 필요]", "no": "[어려움]", "info": "[참고]"}
PURPOSE: Final = {
    "parental-leave": "육아휴직",
    "reduced-hours": "육아기 근로시간 단축",
    "maternity-leave": "출산전후휴가",
}


def _period(start: date, end: date) -> str:
    """A leave in a heading: 2026년 3월 1일(일)~8월 31일(월); the year again if it changes."""
    return f"{korean_date(start)}~{korean_date(end, with_year=end.year != start.year)}"


def _star(is_uncertain: bool) -> str:
    return STAR if is_uncertain else ""


def _footer(
    assumptions: Iterable[str],
    uncertainties: Iterable[str],
    legal_basis: Iterable[str],
    has_star: bool,
) -> list[str]:
    lines = [STAR_NOTE] if has_star else []
    lines += ["", "계산 기준", *(f"- {line}" for line in assumptions)]
    notes = list(uncertainties)
    if notes:
        lines += ["", NOTES_HEADING, *(f"- {line}" for line in notes)]
    basis = list(legal_basis)
    if basis:
        lines += ["", "근거: " + "; ".join(basis)]
    return [*lines, CONFIRM]


def _part_terms(part: MonthPart, wage: int) -> str:
    raw = wage * Fraction(part.rate)
    terms = [percent(part.rate)]
    if raw > part.cap:
        terms.append(f"상한 {man_won(part.cap)} 적용")
    elif raw < part.floor:
        terms.append(f"하한 {man_won(part.floor)} 적용")
    return ", ".join(terms)


def _month_line(month: LeaveMonth, wage: int) -> str:
    part = f"({month.days}/{month.month_days}일)" if month.is_part_month else ""
    head = f"{month.number}개월차 {korean_date_range(month.start, month.end)}{part}: "
    head += won(month.amount)
    if len(month.parts) == 1:
        detail = _part_terms(month.parts[0], wage)
    else:
        detail = " / ".join(
            f"{korean_date_range(part.start, part.end, with_year=False)} {part.days}일 "
            + _part_terms(part, wage)
            for part in month.parts
        )
    line = f"{head} ({detail}){_star(month.is_uncertain)}"
    if month.paid_later:
        line += (
            f"\n    휴직 중 {won(month.paid_during_leave)}, 나중에 "
            f"{won(month.paid_later)} — {'; '.join(month.later_reasons)}"
        )
    return line


def render_parental_leave_pay(result: ParentalLeavePay) -> str:
    """The month-by-month table of 육아휴직 급여 with totals, assumptions and uncertainties."""
    length = f"{result.days}일" if result.rows[-1].is_part_month else f"{result.months}개월"
    lines = [
        "육아휴직 급여 예상액" + (" (1주·2주 단기 육아휴직)" if result.is_short else ""),
        f"통상임금 월 {won(result.monthly_wage)} · {length}({_period(result.start, result.end)})",
    ]
    if SCHEME[result.scheme]:
        lines.append(SCHEME[result.scheme])
    if result.scheme == "6plus6" and result.special_months < 6:
        lines.append(f"특례 상한은 짧은 쪽 기간인 처음 {result.special_months}개월에 적용해요.")
    lines += ["", *(_month_line(month, result.monthly_wage) for month in result.rows), ""]
    lines.append(f"합계 {won(result.total)}")
    if result.total_later:
        lines += [
            f"- 휴직 중 받는 돈 {won(result.total_during_leave)}",
            f"- 나중에 받는 돈 {won(result.total_later)}",
        ]
    lines += _footer(
        result.assumptions,
        result.uncertainties,
        result.legal_basis,
        any(month.is_uncertain for month in result.rows),
    )
    return "\n".join(lines)


def render_maternity_leave_pay(result: MaternityLeavePay) -> str:
    """Who pays how much for each 30 days of 출산전후휴가."""
    lines = [
        "출산전후휴가 급여 예상액",
        f"통상임금 월 {won(result.monthly_wage)} · {COMPANY[result.company]}"
        f"{BIRTH[result.birth]} · {result.leave_days}일({_period(result.start, result.end)})",
        f"유급 {result.employer_paid_days}일, 고용보험 지급 {result.government_days}일",
        "",
    ]
    for block in result.blocks:
        payers = []
        if block.government:
            capped = "(상한 적용)" if block.is_capped else ""
            floored = "(하한 적용)" if block.is_floored else ""
            payers.append(f"고용보험 {won(block.government)}{capped}{floored}")
        if block.employer:
            payers.append(f"회사 {won(block.employer)}")
        lines.append(
            f"{block.first_day}~{block.last_day}일({korean_date_range(block.start, block.end)}): "
            f"{' + '.join(payers) or '0원'}{_star(block.is_uncertain)}"
        )
    lines += [
        "",
        f"합계 {won(result.total)} (고용보험 {won(result.government_total)}, "
        f"회사 {won(result.employer_total)})",
    ]
    lines += _footer(
        result.assumptions,
        result.uncertainties,
        result.legal_basis,
        any(block.is_uncertain for block in result.blocks),
    )
    return "\n".join(lines)


def render_spouse_leave_pay(result: SpouseLeavePay) -> str:
    """배우자 출산휴가 pay split between 고용보험 and the employer."""
    capped = f" (상한 {won(result.cap_for_days)} 적용)" if result.is_capped else ""
    lines = [
        "배우자 출산휴가 급여 예상액",
        f"통상임금 월 {won(result.monthly_wage)} · {COMPANY[result.company]} · "
        f"{result.days}일({korean_date(result.start)} 시작)",
        "",
        f"{result.days}일분 통상임금 {won(result.wage_for_days)}",
        f"- 고용보험 {won(result.government)}{capped}{_star(bool(result.uncertainties))}",
        f"- 회사 {won(result.employer)}",
    ]
    lines += _footer(
        result.assumptions, result.uncertainties, result.legal_basis, bool(result.uncertainties)
    )
    return "\n".join(lines)


PAID_LEAVE_TITLE: Final = {"infertility": "난임치료휴가", "spouse_loss": "배우자 유산·사산휴가"}


def render_paid_leave_days(result: PaidLeaveDays) -> str:
    """난임치료휴가 / 배우자 유산·사산휴가: paid and unpaid days and who pays them."""
    title = PAID_LEAVE_TITLE[result.kind]
    when = (
        f"유산·사산일 {korean_date(result.start)}"
        if result.kind == "spouse_loss"
        else f"{korean_date(result.start)} 시작"
    )
    lines = [
        f"{title} 유급·무급 안내",
        f"통상임금 월 {won(result.monthly_wage)} · {COMPANY[result.company]} · "
        f"{result.days}일({when})",
    ]
    if result.claim_by is not None:
        lines.append(f"휴가 청구는 {korean_date(result.claim_by)}까지 해야 해요.")
    lines += ["", f"유급 {result.paid_days}일 (하루 통상임금 {won(result.daily_wage)})"]
    if result.government_days:
        lines.append(
            f"- 고용보험 {result.government_days}일: 통상임금으로 "
            f"{won(result.government_wage_basis)} 기준"
            f"{_star(bool(result.uncertainties))}"
        )
    if result.employer_days:
        lines.append(
            f"- 회사 {result.employer_days}일: {won(result.employer_amount)}"
            f"{_star(bool(result.uncertainties))}"
        )
    if result.unpaid_days:
        lines.append(f"무급 {result.unpaid_days}일")
    lines += _footer(
        result.assumptions, result.uncertainties, result.legal_basis, bool(result.uncertainties)
    )
    return "\n".join(lines)


def _hours(value: Fraction) -> str:
    return f"{float(value):g}시간"


def render_reduced_hours_pay(result: ReducedHoursPay) -> str:
    """The month-by-month table of 육아기 근로시간 단축 급여."""
    reduction = result.hours_before - result.hours_after
    days = (result.end - result.start).days + 1
    length = f"{days}일" if result.rows[-1].is_part_month else f"{result.months}개월"
    split = f"처음 {_hours(result.full_rate_hours)}분 100%"
    if result.rest_hours:
        split += f", 나머지 {_hours(result.rest_hours)}분 80%"
    lines = [
        "육아기 근로시간 단축 급여 예상액",
        f"통상임금 월 {won(result.monthly_wage)} · 주 {_hours(result.hours_before)} → "
        f"{_hours(result.hours_after)}({_hours(reduction)} 단축) · "
        f"{length}({_period(result.start, result.end)})",
        f"매주 단축한 시간 중 {split} (통상임금 기준, 상한 있음)",
        "",
    ]
    for month in result.rows:
        parts = f"{won(month.full_rate_part)}"
        if month.rest_part:
            parts += f" + {won(month.rest_part)}"
        capped = ", 상한 적용" if month.is_capped else ""
        part = f"({month.days}/{month.month_days}일)" if month.is_part_month else ""
        lines.append(
            f"{month.number}개월차 {korean_date_range(month.start, month.end)}{part}: "
            f"{won(month.amount)} ({parts}{capped}){_star(month.is_uncertain)}"
        )
    lines += [
        "",
        f"합계 {won(result.total)}",
        f"회사가 주는 임금(일한 시간만큼): 월 약 {won(result.employer_monthly_estimate)}",
    ]
    lines += _footer(
        result.assumptions,
        result.uncertainties,
        result.legal_basis,
        any(month.is_uncertain for month in result.rows),
    )
    return "\n".join(lines)


def _ira(word: str) -> str:
    """'일요일' → '일요일이라', '추석 연휴' → '추석 연휴라' (particle after the last syllable)."""
    last = ord(word[-1]) - 0xAC00 if word else -1
    has_final = 0 <= last < 11172 and last % 28 != 0
    return f"{word}이라" if has_final else f"{word}라"


def render_deadlines(items: Iterable[DeadlineItem], today: date) -> str:
    """Each deadline as "label: date까지 (D-n)" with where it runs from and a note."""
    items = list(items)
    lines = [f"기한 계산 ({korean_date(today)} 기준)"]
    if not items:
        return "\n".join([*lines, "날짜를 알려 주시면 기한을 계산해 드려요."])
    for item in items:
        state = f"기한 지남, {item.countdown}" if item.is_passed else item.countdown
        extended = (
            f" — {_ira(item.extended_reason)} 법으로는 {korean_date(item.extended_due)}까지"
            if item.extended_due is not None
            else ""
        )
        lines += [
            "",
            f"{item.label}: {korean_date(item.due)}까지 ({state}){extended}",
            f"  {item.event_label} {korean_date(item.event)} 기준. {item.note}",
            f"  근거: {item.legal_basis}",
        ]
    lines += [
        "",
        "마지막 날이 토요일·공휴일이면 법으로는 다음 평일까지 늘어나요(민법 제161조). 늦지 "
        "않도록 앞의 날짜를 기준으로 준비하고, 기한이 가까우면 바로 상담을 신청해 주세요.",
    ]
    return "\n".join(lines)


def render_eligibility(result: Eligibility) -> str:
    """The verdicts, each reason with its status, and what does not apply under 5 employees."""
    name = PURPOSE[result.purpose]
    leave = "휴가 사용" if result.purpose == "maternity-leave" else f"{name} 사용"
    lines = [
        f"{name} 사전 확인 (시작 {korean_date(result.leave_start)})",
        f"결과: {VERDICT[result.verdict]}",
        f"- {leave}: {VERDICT[result.leave_verdict]}",
        f"- 고용보험 급여: {VERDICT[result.pay_verdict]}",
        "",
        *(f"{STATUS[reason.status]} {reason.text}" for reason in result.reasons),
    ]
    if result.not_applicable_under_5:
        lines += [
            "",
            "5인 미만 사업장에 적용되지 않는 근로기준법 보호: "
            + ", ".join(result.not_applicable_under_5),
        ]
    lines += [
        "",
        "근거: " + "; ".join(result.legal_basis),
        "미리 보는 참고용이에요. 정확한 판단은 센터 상담에서 함께 확인해 드려요.",
    ]
    return "\n".join(lines)
