"""Triage: each rule at its boundary dates, deadlines, case types, and the composition."""

from __future__ import annotations

import ast
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.intake.dates import period_end
from bot.intake.triage import (
    Deadline,
    Finding,
    IntakeAnswers,
    Triage,
    add_months,
    compute_deadlines,
    crisis_rule,
    dismissal_remedy_rule,
    due_date_rule,
    leave_start_rule,
    refused_leave_rule,
    suggest_case_type,
    triage,
)

TODAY = date(2026, 11, 25)
ROOT = Path(__file__).resolve().parents[2]
BASE = IntakeAnswers(
    topic="other",
    role="mother",
    workplace_size="30-299",
    contract="regular",
    status="working",
    key_date_kind=None,
    key_date=None,
    description="회사 일로 상담을 받고 싶어요.",
    has_crisis_words=False,
    leave_refused=False,
)


def _answers(**changes: object) -> IntakeAnswers:
    return replace(BASE, **changes)  # type: ignore[arg-type]  # replace() takes **Any fields


def _dismissed(on: date, **changes: object) -> IntakeAnswers:
    return _answers(status="left", key_date_kind="dismissal", key_date=on, **changes)


def _in_days(days: int) -> date:
    return TODAY + timedelta(days=days)


# --- calendar arithmetic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 9, 1), 3, date(2026, 12, 1)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
        (date(2026, 11, 25), -120, date(2016, 11, 25)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
    ],
)
def test_add_months_clamps_to_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("event", "months", "expected"),
    [
        (date(2026, 9, 1), 3, date(2026, 12, 1)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 11, 29), 3, date(2027, 2, 28)),  # no 02-30: the month's end
        (date(2026, 11, 28), 3, date(2027, 2, 28)),
        (date(2027, 11, 28), 3, date(2028, 2, 28)),
        (date(2027, 11, 29), 3, date(2028, 2, 29)),  # leap year: no 02-30
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 4, 30), 3, date(2026, 7, 31)),  # month-end event: May..July
        (date(2026, 2, 28), 3, date(2026, 5, 31)),
        (date(2026, 12, 31), 3, date(2027, 3, 31)),
        (date(2026, 8, 30), 6, date(2027, 2, 28)),
        (date(2026, 9, 1), 6, date(2027, 3, 1)),
        (date(2026, 9, 1), 36, date(2029, 9, 1)),
        (date(2024, 2, 29), 36, date(2027, 2, 28)),
    ],
)
def test_period_end_follows_the_civil_code(event: date, months: int, expected: date) -> None:
    assert period_end(event, months) == expected


# --- crisis ----------------------------------------------------------------------------------


def test_crisis_words_are_urgent() -> None:
    finding = crisis_rule(_answers(has_crisis_words=True), TODAY)
    assert finding == Finding(
        "위기 표현 있음 — 위기 상담 안내(109·1577-0199) 확인, 즉시 연락 필요", True
    )


def test_no_crisis_words_no_finding() -> None:
    assert crisis_rule(_answers(), TODAY) is None


# --- dismissal remedy window -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("dismissal", "today", "expected"),
    [
        (
            date(2026, 9, 1),
            TODAY,
            Finding(
                "해고일 2026년 9월 1일(화) → 구제신청 기한 2026년 12월 1일(화), 6일 남음", True
            ),
        ),
        (
            date(2026, 9, 25),
            TODAY,  # 30 days left: still urgent
            Finding(
                "해고일 2026년 9월 25일(금) → 구제신청 기한 2026년 12월 25일(금), 30일 남음", True
            ),
        ),
        (date(2026, 9, 26), TODAY, None),  # 31 days left
        (
            date(2026, 8, 25),
            TODAY,  # the deadline day itself
            Finding(
                "해고일 2026년 8월 25일(화) → 구제신청 기한 2026년 11월 25일(수), 오늘 마감", True
            ),
        ),
        (date(2026, 12, 10), TODAY, None),  # announced dismissal, still far off
        (
            date(2026, 11, 30),
            date(2027, 2, 28),  # month-end roll
            Finding(
                "해고일 2026년 11월 30일(월) → 구제신청 기한 2027년 2월 28일(일), 오늘 마감", True
            ),
        ),
        (
            date(2026, 11, 30),
            date(2027, 1, 29),
            Finding(
                "해고일 2026년 11월 30일(월) → 구제신청 기한 2027년 2월 28일(일), 30일 남음", True
            ),
        ),
        (date(2026, 11, 30), date(2027, 1, 28), None),
        (
            date(2026, 4, 30),
            date(2026, 7, 31),  # 07-31, not 07-30
            Finding(
                "해고일 2026년 4월 30일(목) → 구제신청 기한 2026년 7월 31일(금), 오늘 마감", True
            ),
        ),
        (
            date(2027, 11, 30),
            date(2028, 2, 29),  # leap year
            Finding(
                "해고일 2027년 11월 30일(화) → 구제신청 기한 2028년 2월 29일(화), 오늘 마감", True
            ),
        ),
        (
            date(2027, 11, 30),
            date(2028, 1, 30),
            Finding(
                "해고일 2027년 11월 30일(화) → 구제신청 기한 2028년 2월 29일(화), 30일 남음", True
            ),
        ),
        (date(2027, 11, 30), date(2028, 1, 29), None),
    ],
)
def test_dismissal_remedy_window(dismissal: date, today: date, expected: Finding | None) -> None:
    assert dismissal_remedy_rule(_dismissed(dismissal), today) == expected


@pytest.mark.parametrize(
    ("dismissal", "today", "expected"),
    [
        (
            date(2026, 8, 24),
            TODAY,
            "해고일 2026년 8월 24일(월) → 구제신청 기한 2026년 11월 24일(화), 1일 지남 — "
            "구제신청 기간 경과. "
            "성별·임신·출산 이유라면 차별 시정신청 가능(기한 2027년 2월 24일(수), 91일 남음), "
            "해고무효확인 소송·임금 청구 등 검토",
        ),
        (
            date(2026, 5, 25),
            TODAY,
            "해고일 2026년 5월 25일(월) → 구제신청 기한 2026년 8월 25일(화), 92일 지남 — "
            "구제신청 기간 경과. "
            "성별·임신·출산 이유라면 차별 시정신청 가능(기한 2026년 11월 25일(수), 오늘 마감), "
            "해고무효확인 소송·임금 청구 등 검토",
        ),
        (
            date(2026, 5, 24),
            TODAY,
            "해고일 2026년 5월 24일(일) → 구제신청 기한 2026년 8월 24일(월), 93일 지남 — "
            "구제신청·차별 시정신청 기간 경과. 해고무효확인 소송(민사), 임금·퇴직금 청구 등 검토",
        ),
        (
            date(2026, 11, 30),
            date(2027, 3, 1),
            "해고일 2026년 11월 30일(월) → 구제신청 기한 2027년 2월 28일(일), 1일 지남 — "
            "구제신청 기간 경과. "
            "성별·임신·출산 이유라면 차별 시정신청 가능(기한 2027년 5월 31일(월), 91일 남음), "
            "해고무효확인 소송·임금 청구 등 검토",
        ),
    ],
)
def test_passed_remedy_window_is_not_urgent_and_names_other_remedies(
    dismissal: date, today: date, expected: str
) -> None:
    assert dismissal_remedy_rule(_dismissed(dismissal), today) == Finding(expected, False)


@pytest.mark.parametrize(
    ("changes", "caveat"),
    [
        (
            {"workplace_size": "lt5"},
            "5인 미만 사업장은 노동위원회 부당해고 구제신청 대상 아님 — 상시근로자 수 확인 필요",
        ),
        ({"workplace_size": "unknown"}, "사업장 규모 모름 — 5인 미만 여부 확인 필요"),
        ({"contract": "freelance"}, "특수고용·프리랜서 — 근로자성 검토 필요"),
    ],
)
def test_dismissal_caveats_keep_the_deadline_urgent(changes: dict[str, str], caveat: str) -> None:
    finding = dismissal_remedy_rule(_dismissed(date(2026, 9, 1), **changes), TODAY)
    assert finding == Finding(
        f"해고일 2026년 9월 1일(화) → 구제신청 기한 2026년 12월 1일(화), 6일 남음 ({caveat})", True
    )


def test_small_workplace_and_freelance_caveats_are_joined() -> None:
    answers = _dismissed(date(2026, 9, 1), workplace_size="lt5", contract="freelance")
    finding = dismissal_remedy_rule(answers, TODAY)
    assert finding is not None
    assert finding.reason.endswith(
        "상시근로자 수 확인 필요; 특수고용·프리랜서 — 근로자성 검토 필요)"
    )


def test_resignation_date_is_not_a_dismissal() -> None:
    answers = _answers(status="left", key_date_kind="resignation", key_date=date(2026, 9, 1))
    assert dismissal_remedy_rule(answers, TODAY) is None


def test_dismissal_without_a_date_has_no_finding() -> None:
    assert dismissal_remedy_rule(_answers(key_date_kind="dismissal"), TODAY) is None


# --- leave start -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, Finding("휴가·휴직 시작일 2026년 11월 25일(수), 오늘 시작", True)),
        (1, Finding("휴가·휴직 시작일 2026년 11월 26일(목), 1일 남음", True)),
        (7, Finding("휴가·휴직 시작일 2026년 12월 2일(수), 7일 남음", True)),
        (8, None),
        (-1, None),  # already started
    ],
)
def test_leave_start_within_seven_days(days: int, expected: Finding | None) -> None:
    answers = _answers(key_date_kind="leave_start", key_date=_in_days(days))
    assert leave_start_rule(answers, TODAY) == expected


def test_leave_start_rule_ignores_other_dates() -> None:
    answers = _answers(key_date_kind="due_date", key_date=_in_days(3))
    assert leave_start_rule(answers, TODAY) is None


# --- refused leave ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (
            0,
            Finding(
                "휴가·휴직 신청 거부, 시작 예정일 2026년 11월 25일(수) (오늘 시작) — "
                "사업주 서면 통지·진정 여부 바로 확인",
                True,
            ),
        ),
        (
            30,
            Finding(
                "휴가·휴직 신청 거부, 시작 예정일 2026년 12월 25일(금) (30일 남음) — "
                "사업주 서면 통지·진정 여부 바로 확인",
                True,
            ),
        ),
        (31, Finding("휴가·휴직 신청 거부, 시작 예정일 2026년 12월 26일(토) (31일 남음)", False)),
        (-1, Finding("휴가·휴직 신청 거부, 시작 예정일 2026년 11월 24일(화) (1일 지남)", False)),
    ],
)
def test_refused_leave_near_its_start(days: int, expected: Finding) -> None:
    answers = _answers(leave_refused=True, key_date_kind="leave_start", key_date=_in_days(days))
    assert refused_leave_rule(answers, TODAY) == expected


def test_refused_leave_without_a_start_date_is_reported_not_urgent() -> None:
    finding = refused_leave_rule(_answers(leave_refused=True), TODAY)
    assert finding == Finding("휴가·휴직 신청 거부 — 시작 예정일 확인 필요", False)


def test_leave_not_refused_has_no_refusal_finding() -> None:
    answers = _answers(key_date_kind="leave_start", key_date=_in_days(10))
    assert refused_leave_rule(answers, TODAY) is None


# --- due date --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "days", "is_urgent"),
    [
        ("mother", "working", 0, True),
        ("mother", "working", 14, True),
        ("mother", "working", 15, False),
        ("mother", "working", -1, False),  # already born
        ("other", "working", 3, True),
        ("mother", "on_leave", 3, False),
        ("mother", "left", 3, False),
        ("father", "working", 3, False),
    ],
)
def test_due_date_within_fourteen_days_while_working(
    role: str, status: str, days: int, is_urgent: bool
) -> None:
    answers = _answers(role=role, status=status, key_date_kind="due_date", key_date=_in_days(days))
    finding = due_date_rule(answers, TODAY)
    assert (finding is not None and finding.is_urgent) is is_urgent


def test_due_date_reason_names_the_date_and_the_check() -> None:
    answers = _answers(key_date_kind="due_date", key_date=_in_days(14))
    assert due_date_rule(answers, TODAY) == Finding(
        "출산 예정일 2026년 12월 9일(수) (14일 남음), 아직 근무 중 — 출산전후휴가 사용 여부 확인",
        True,
    )


# --- deadlines -------------------------------------------------------------------------------


def test_dismissal_deadlines_for_display() -> None:
    assert compute_deadlines(_dismissed(date(2026, 9, 1)), TODAY) == [
        Deadline("unfair_dismissal_remedy", "부당해고 구제신청", date(2026, 12, 1), 6),
        Deadline("discrimination_remedy", "차별 시정신청", date(2027, 3, 1), 96),
        Deadline("wage_claim", "임금·퇴직금 청구(소멸시효)", date(2029, 9, 1), 1011),
    ]


def test_passed_deadlines_are_kept_with_negative_days() -> None:
    deadlines = compute_deadlines(_dismissed(date(2026, 5, 24)), TODAY)
    assert [(d.kind, d.days_left) for d in deadlines] == [
        ("unfair_dismissal_remedy", -93),
        ("discrimination_remedy", -1),
        ("wage_claim", 911),
    ]


def test_resignation_has_only_the_wage_claim() -> None:
    answers = _answers(status="left", key_date_kind="resignation", key_date=date(2026, 6, 30))
    assert compute_deadlines(answers, TODAY) == [
        Deadline("wage_claim", "임금·퇴직금 청구(소멸시효)", date(2029, 6, 30), 948),
    ]


def test_parental_leave_start_gives_the_application_date() -> None:
    answers = _answers(
        topic="parental-leave", key_date_kind="leave_start", key_date=date(2026, 12, 10)
    )
    assert compute_deadlines(answers, TODAY) == [
        Deadline(
            "parental_leave_application", "육아휴직 신청(시작 30일 전)", date(2026, 11, 10), -15
        ),
    ]


@pytest.mark.parametrize(
    "answers",
    [
        _answers(),
        _answers(topic="childbirth", key_date_kind="leave_start", key_date=date(2026, 12, 10)),
        _answers(key_date_kind="due_date", key_date=date(2026, 12, 10)),
        _answers(key_date_kind="dismissal"),
    ],
)
def test_no_computable_deadline(answers: IntakeAnswers) -> None:
    assert compute_deadlines(answers, TODAY) == []


# --- case type -------------------------------------------------------------------------------


def test_plain_question_is_general_counseling() -> None:
    assert suggest_case_type(_answers(), TODAY) == "종합상담"


def test_crisis_words_suggest_psychological_counseling_first() -> None:
    answers = _dismissed(date(2026, 9, 1), has_crisis_words=True)
    assert suggest_case_type(answers, TODAY) == "심리상담 연계"


def test_dismissal_within_the_remedy_window_suggests_representation() -> None:
    assert suggest_case_type(_dismissed(date(2026, 9, 1)), TODAY) == "사건대리 검토"


def test_dismissal_within_the_discrimination_window_suggests_representation() -> None:
    assert suggest_case_type(_dismissed(date(2026, 5, 25)), TODAY) == "사건대리 검토"


def test_dismissal_past_every_window_is_not_representation() -> None:
    answers = _dismissed(date(2026, 5, 24), description="작년에 부당하게 해고당했어요.")
    assert suggest_case_type(answers, TODAY) == "종합상담"


def test_refused_leave_suggests_representation() -> None:
    assert suggest_case_type(_answers(leave_refused=True), TODAY) == "사건대리 검토"


@pytest.mark.parametrize(
    "description",
    [
        "복직했더니 보직 해제됐어요.",
        "임신 사실을 알리고 나서 권고사직을 받았어요.",
        "출산휴가 다녀온 뒤 월급을 깎았어요.",
        "회사가 육아휴직 신청을 거부했어요.",
        "퇴사하라고 계속 압박해요.",
        "육아휴직 후 승진에서 차별을 받았어요.",
    ],
)
def test_unfair_treatment_words_suggest_representation(description: str) -> None:
    assert suggest_case_type(_answers(description=description), TODAY) == "사건대리 검토"


@pytest.mark.parametrize(
    "description",
    [
        "요즘 너무 우울해요.",
        "밤에 잠을 못 자요.",
        "힘들어 죽겠어요.",
        "회사 때문에 스트레스가 심해요.",
        "복직이 불안해요.",
    ],
)
def test_distress_words_suggest_psychological_counseling(description: str) -> None:
    assert suggest_case_type(_answers(description=description), TODAY) == "심리상담 연계"


@pytest.mark.parametrize("description", ["고용 불안이 있는 계약직이에요.", "근무가 불안정해요."])
def test_job_insecurity_is_not_distress(description: str) -> None:
    assert suggest_case_type(_answers(description=description), TODAY) == "종합상담"


@pytest.mark.parametrize(
    "description",
    [
        "수술 후 병원비가 걱정돼요.",
        "치료비 지원이 있을까요?",
        "입원을 해야 한대요.",
        "산부인과 진료를 자주 받아요.",
    ],
)
def test_medical_words_suggest_medical_support(description: str) -> None:
    assert suggest_case_type(_answers(description=description), TODAY) == "의료지원 연계"


@pytest.mark.parametrize(
    "description",
    [
        "복직하면 아이 맡길 곳이 없어요.",
        "어린이집 하원 시간이 안 맞아요.",
        "아이돌봄서비스를 알아보고 있어요.",
        "등하원을 도와줄 사람이 없어요.",
    ],
)
def test_childcare_words_suggest_care_link(description: str) -> None:
    assert suggest_case_type(_answers(description=description), TODAY) == "돌봄 연계"


def test_family_care_leave_is_a_legal_question_not_a_care_link() -> None:
    answers = _answers(description="가족돌봄휴가를 며칠 쓸 수 있나요?")
    assert suggest_case_type(answers, TODAY) == "종합상담"


def test_representation_outranks_distress() -> None:
    answers = _dismissed(date(2026, 9, 1), description="해고 후 너무 우울해요.")
    assert suggest_case_type(answers, TODAY) == "사건대리 검토"


def test_distress_outranks_medical() -> None:
    answers = _answers(description="병원비 걱정에 잠을 못 자요.")
    assert suggest_case_type(answers, TODAY) == "심리상담 연계"


def test_medical_outranks_care() -> None:
    answers = _answers(description="입원하는 동안 아이 맡길 곳이 없어요.")
    assert suggest_case_type(answers, TODAY) == "의료지원 연계"


# --- composition -----------------------------------------------------------------------------


def test_nothing_special_is_normal() -> None:
    assert triage(_answers(), TODAY) == Triage("normal", [], "종합상담", [])


def test_the_issue_example() -> None:
    result = triage(_dismissed(date(2026, 9, 1)), TODAY)
    assert result.urgency == "urgent"
    assert result.reasons == [
        "해고일 2026년 9월 1일(화) → 구제신청 기한 2026년 12월 1일(화), 6일 남음"
    ]
    assert result.case_type == "사건대리 검토"
    assert [d.kind for d in result.deadlines] == [
        "unfair_dismissal_remedy",
        "discrimination_remedy",
        "wage_claim",
    ]


def test_only_non_urgent_findings_stay_normal() -> None:
    result = triage(_dismissed(date(2026, 5, 24)), TODAY)
    assert result.urgency == "normal"
    assert len(result.reasons) == 1


def test_crisis_reason_comes_first() -> None:
    answers = _dismissed(date(2026, 9, 1), has_crisis_words=True)
    reasons = triage(answers, TODAY).reasons
    assert reasons[0].startswith("위기 표현 있음")
    assert reasons[1].startswith("해고일 2026년 9월 1일(화)")


def test_refused_leave_starting_soon_reports_both_rules() -> None:
    answers = _answers(leave_refused=True, key_date_kind="leave_start", key_date=_in_days(5))
    result = triage(answers, TODAY)
    assert result.urgency == "urgent"
    assert [reason.split(" ")[0] for reason in result.reasons] == ["휴가·휴직", "휴가·휴직"]
    assert len(result.reasons) == 2


def test_triage_depends_only_on_answers_and_today() -> None:
    answers = _dismissed(date(2026, 9, 1), description="해고 후 잠을 못 자요.")
    assert triage(answers, TODAY) == triage(answers, TODAY)
    assert triage(answers, TODAY) != triage(answers, TODAY + timedelta(days=1))


def test_triage_modules_stay_pure() -> None:
    forbidden = {"telegram", "sqlalchemy", "storage", "handlers"}
    for name in ("__init__.py", "dates.py", "parsing.py", "triage.py"):
        tree = ast.parse((ROOT / "bot" / "intake" / name).read_text(encoding="utf-8"))
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        imported |= {
            node.module.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        }
        assert not imported & forbidden, name
