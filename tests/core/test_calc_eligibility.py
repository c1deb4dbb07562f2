"""Eligibility pre-check: verdicts for the leave and the benefit, with plain reasons."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.calc import CalcInputError, eligibility, render_eligibility

START = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("inputs", "leave", "pay", "overall"),
    [
        # 입사 2025-01-01 → 6개월은 2025-06-30; 피보험 400일; 30-299인; 정규직
        (
            {"hired_on": date(2025, 1, 1), "insured_days": 400, "workplace_size": "30-299"},
            "likely",
            "likely",
            "likely",
        ),
        # 입사 2026-07-01 → 6개월은 2026-12-31에 참: 12-01 시작은 회사가 거부할 수 있음
        ({"hired_on": date(2026, 7, 1), "insured_days": 400}, "check", "check", "check"),
        # 피보험 150일 < 180일: 휴직은 되지만 급여는 어려움
        ({"hired_on": date(2020, 1, 1), "insured_days": 150}, "likely", "unlikely", "unlikely"),
        # 피보험단위기간 모름 → 급여 확인 필요
        ({"hired_on": date(2020, 1, 1)}, "likely", "check", "check"),
        # 5인 미만: 육아휴직은 그대로 적용 (판정에 영향 없음)
        (
            {"hired_on": date(2020, 1, 1), "insured_days": 400, "workplace_size": "lt5"},
            "likely",
            "likely",
            "likely",
        ),
        # 기간제, 계약이 휴직 중에 끝남 → 확인 필요
        (
            {
                "hired_on": date(2025, 1, 1),
                "insured_days": 400,
                "contract": "fixed_term",
                "contract_end": date(2027, 3, 31),
                "leave_end": date(2027, 11, 30),
            },
            "check",
            "check",
            "check",
        ),
        # 기간제, 계약이 휴직 뒤에 끝남 → 문제없음 (2년 계산 제외 안내만)
        (
            {
                "hired_on": date(2025, 1, 1),
                "insured_days": 400,
                "contract": "fixed_term",
                "contract_end": date(2028, 3, 31),
                "leave_end": date(2027, 11, 30),
            },
            "likely",
            "likely",
            "likely",
        ),
        # 프리랜서 → 근로자성 확인
        (
            {"hired_on": date(2025, 1, 1), "insured_days": 400, "contract": "freelance"},
            "check",
            "check",
            "check",
        ),
    ],
    ids=[
        "all-fine",
        "tenure-short",
        "insured-short",
        "insured-unknown",
        "under-5",
        "fixed-term-ends-during-leave",
        "fixed-term-ends-after",
        "freelance",
    ],
)
def test_parental_leave_verdicts(
    inputs: dict[str, Any], leave: str, pay: str, overall: str
) -> None:
    result = eligibility(purpose="parental-leave", leave_start=START, **inputs)
    assert (result.leave_verdict, result.pay_verdict, result.verdict) == (leave, pay, overall)


@pytest.mark.parametrize(
    ("hired_on", "start", "status"),
    [
        # 입사 2026-06-01: 6개월 = 2026-06-01~2026-11-30. 12-01 시작(전날 11-30까지 6개월) → ok
        (date(2026, 6, 1), date(2026, 12, 1), "ok"),
        # 11-30 시작이면 전날 11-29까지 6개월 미만 → check
        (date(2026, 6, 1), date(2026, 11, 30), "check"),
        # 입사 2026-08-31: 6개월은 2027-02-28 (2월 말일)에 차고 03-01부터 거부 불가
        (date(2026, 8, 31), date(2027, 3, 1), "ok"),
        (date(2026, 8, 31), date(2027, 2, 28), "check"),
    ],
)
def test_six_months_tenure_boundary(hired_on: date, start: date, status: str) -> None:
    result = eligibility(
        purpose="parental-leave", leave_start=start, hired_on=hired_on, insured_days=400
    )
    tenure = result.reasons[0]
    assert (tenure.about, tenure.status) == ("leave", status)


def test_tenure_reason_says_when_refusal_stops() -> None:
    result = eligibility(purpose="parental-leave", leave_start=START, hired_on=date(2026, 7, 1))
    assert (
        "입사일 2026년 7월 1일(수) 기준 6개월은 2026년 12월 31일(목)에 차요"
        in result.reasons[0].text
    )
    assert "2027년 1월 1일(금)부터 시작하면 거부할 수 없어요" in result.reasons[0].text


def test_maternity_leave_needs_no_tenure() -> None:
    result = eligibility(
        purpose="maternity-leave", leave_start=START, insured_days=200, workplace_size="lt5"
    )
    assert result.verdict == "likely"
    assert "근무 기간이나 사업장 규모와 관계없이" in result.reasons[0].text


def test_under_5_lists_what_does_not_apply() -> None:
    result = eligibility(
        purpose="parental-leave",
        leave_start=START,
        workplace_size="lt5",
        hired_on=date(2020, 1, 1),
        insured_days=400,
    )
    excluded = result.not_applicable_under_5
    assert "정당한 이유 없는 해고 제한과 부당해고 구제신청(노동위원회)" in excluded
    assert "연차휴가" in excluded
    other = eligibility(purpose="parental-leave", leave_start=START, workplace_size="5-29")
    assert other.not_applicable_under_5 == ()


def test_fixed_term_leave_not_counted_in_two_years() -> None:
    result = eligibility(purpose="parental-leave", leave_start=START, contract="fixed_term")
    assert any("2년 사용기간 계산에 들어가지 않아요" in r.text for r in result.reasons)
    dispatched = eligibility(purpose="parental-leave", leave_start=START, contract="dispatched")
    assert any("파견기간" in r.text for r in dispatched.reasons)


def test_reduced_hours_mentions_the_2026_refusal_change() -> None:
    result = eligibility(
        purpose="reduced-hours", leave_start=START, hired_on=date(2020, 1, 1), insured_days=400
    )
    assert result.verdict == "likely"
    assert any("대체인력" in r.text and r.status == "info" for r in result.reasons)


@pytest.mark.parametrize(
    "inputs",
    [
        {"purpose": "sick-leave"},
        {"purpose": "parental-leave", "workplace_size": "tiny"},
        {"purpose": "parental-leave", "contract": "temp"},
        {"purpose": "parental-leave", "hired_on": START},
        {"purpose": "parental-leave", "insured_days": -1},
        {"purpose": "parental-leave", "leave_end": date(2026, 11, 1)},
    ],
    ids=["purpose", "size", "contract", "hired-on-start", "negative-days", "end-before-start"],
)
def test_bad_inputs(inputs: dict[str, Any]) -> None:
    with pytest.raises(CalcInputError):
        eligibility(leave_start=START, **inputs)


def test_render() -> None:
    text = render_eligibility(
        eligibility(
            purpose="parental-leave",
            leave_start=START,
            hired_on=date(2026, 7, 1),
            insured_days=150,
            workplace_size="lt5",
        )
    )
    lines = text.splitlines()
    assert lines[:4] == [
        "육아휴직 사전 확인 (시작 2026년 12월 1일(화))",
        "결과: 어려울 수 있어요",
        "- 육아휴직 사용: 확인이 필요해요",
        "- 고용보험 급여: 어려울 수 있어요",
    ]
    assert any(line.startswith("[확인 필요] 입사일 2026년 7월 1일(수) 기준") for line in lines)
    assert any(line.startswith("[어려움] 피보험단위기간 150일") for line in lines)
    assert any(line.startswith("5인 미만 사업장에 적용되지 않는") for line in lines)


def test_fixed_term_contract_ending_during_maternity_leave_keeps_the_benefit() -> None:
    # 휴가 2026-12-01부터 90일 → 2027-02-28; 계약 만료 2027-01-15는 휴가 중
    result = eligibility(
        purpose="maternity-leave",
        leave_start=START,
        insured_days=400,
        contract="fixed_term",
        contract_end=date(2027, 1, 15),
    )
    [reason] = [
        r for r in result.reasons if "계약이 휴가 중(2027년 1월 15일(금))에 끝나도" in r.text
    ]
    assert (reason.about, reason.status) == ("pay", "ok")
    assert "휴가가 끝나는 날(2027년 2월 28일(일), 90일 휴가 기준)까지 모두 받아요" in reason.text
    assert "휴직도 함께 끝나는" not in render_eligibility(result)
    assert result.pay_verdict == "likely"
    assert "고용보험법 제76조의2" in result.legal_basis


def test_agency_contract_rule_without_an_end_date_is_stated() -> None:
    result = eligibility(purpose="maternity-leave", leave_start=START, contract="dispatched")
    assert any(
        r.text.startswith("파견 근로자는 휴가 중에 계약기간이 끝나도") for r in result.reasons
    )


def test_parental_leave_still_ends_with_the_contract() -> None:
    result = eligibility(
        purpose="parental-leave",
        leave_start=START,
        leave_end=date(2027, 5, 31),
        contract="fixed_term",
        contract_end=date(2027, 1, 15),
    )
    assert any("휴직도 함께 끝나는 것이 원칙" in r.text for r in result.reasons)


def test_reduced_hours_refusal_before_2026_09_18_includes_the_replacement_ground() -> None:
    before = eligibility(purpose="reduced-hours", leave_start=date(2026, 9, 17))
    after = eligibility(purpose="reduced-hours", leave_start=date(2026, 9, 18))
    assert any("못 구했으면 거부할 수 있어요" in r.text for r in before.reasons)
    assert not any("못 구했으면 거부할 수 있어요" in r.text for r in after.reasons)
    assert any("'대체인력을 못 구함'은 거부 사유가 아니에요" in r.text for r in after.reasons)
