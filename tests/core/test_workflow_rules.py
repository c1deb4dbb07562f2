"""Stage transitions, working time and contact masking."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.account.privacy import mask_contact, mask_pii
from bot.cases import stages
from bot.cases.worktime import working_minutes_between

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("new", "claimed", True),
        ("new", "general", False),
        ("new", "closed", True),
        ("claimed", "general", True),
        ("claimed", "new", True),
        ("general", "in_depth", True),
        ("in_depth", "general", True),
        ("confirmation", "close_support", True),
        ("close_support", "closed", True),
        ("general", "general", False),
        ("general", "claimed", False),
        ("closed", "general", True),
        ("closed", "in_depth", False),
        ("closed", "new", False),
        ("unknown", "closed", False),
    ],
)
def test_stage_transitions(current: str, target: str, allowed: bool) -> None:
    assert stages.can_move(current, target) is allowed


def test_every_stage_has_a_label_and_transitions() -> None:
    assert set(stages.STAGE_LABELS) == set(stages.TRANSITIONS)


def _kst(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SEOUL).astimezone(UTC)


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [
        (_kst(25, 10), _kst(25, 12), 120),  # Wednesday, inside office hours
        (_kst(25, 17), _kst(26, 10), 120),  # overnight: 17–18 + 09–10
        (_kst(25, 20), _kst(26, 8), 0),  # night only
        (_kst(27, 17), _kst(30, 10), 120),  # Friday → Monday skips the weekend
        (_kst(28, 9), _kst(29, 18), 0),  # Saturday and Sunday
        (_kst(25, 12), _kst(25, 11), 0),  # end before start
        (_kst(25, 8), _kst(25, 19), 540),  # whole day
    ],
)
def test_working_minutes(start: datetime, end: datetime, minutes: int) -> None:
    assert working_minutes_between(start, end, SEOUL) == minutes


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("010-1234-5678", "010-****-5678"),
        ("02-335-0101", "02-***-0101"),
        ("name@example.com", "n***@example.com"),
        ("", ""),
        (None, ""),
    ],
)
def test_contact_masking(value: str | None, masked: str) -> None:
    assert mask_contact(value) == masked


@pytest.mark.parametrize(
    ("text", "hidden", "shown"),
    [
        ("제 번호는 010-1234-5678 이에요", "010-1234-5678", "[전화번호]"),
        ("01012345678로 연락 주세요", "01012345678", "[전화번호]"),
        ("주민번호 900101-2345678", "900101-2345678", "[주민번호]"),
        ("메일 a.b@naver.com 입니다", "a.b@naver.com", "[이메일]"),
        ("저는 홍길동이고 육아휴직 문의해요", "홍길동", "[이름]"),
        ("제 이름은 김민지입니다", "김민지", "[이름]"),
        ("이름: 이영희, 해고 문의", "이영희", "[이름]"),
    ],
)
def test_personal_data_is_masked(text: str, hidden: str, shown: str) -> None:
    masked = mask_pii(text)
    assert hidden not in masked
    assert shown in masked


@pytest.mark.parametrize(
    "text",
    ["저는 임신 중이에요", "전 괜찮아요", "육아휴직 12개월 250만원", "2026-03-05에 해고됐어요"],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert mask_pii(text) == text
