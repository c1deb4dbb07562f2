"""Intake answers as a model: drafts stored before it read back and store the same JSON."""

from __future__ import annotations

from datetime import date

import pytest

from bot.intake.data import IntakeData
from bot.intake.summary import mentions_health

OLD_DRAFT = {
    "topic": "parental-leave",
    "role": "mother",
    "workplace_size": "5-29",
    "contract": "regular",
    "status": "working",
    "hired_on": None,
    "leave_refused": "no",
    "key_date": "2026-12-01",
    "key_date_kind": "leave_start",
    "sensitive_consent": False,
    "description": "복직 후 육아휴직을 쓰고 싶어요",
    "has_crisis_words": False,
    "contact_method": "telegram",
    "contact_value": None,
    "contact_time": "평일 오전",
    "documents": [{"file_id": "f1", "file_unique_id": "u1", "kind": "photo"}],
}


def test_an_old_draft_reads_back_typed_and_stores_the_same_json() -> None:
    data = IntakeData.model_validate(OLD_DRAFT)
    assert data.key_date == date(2026, 12, 1)
    assert data.hired_on is None
    assert data.stored() == OLD_DRAFT


def test_only_answered_questions_are_stored() -> None:
    data = IntakeData().answer(topic="pregnancy").answer(key_date=None, key_date_kind="due_date")
    assert data.stored() == {"topic": "pregnancy", "key_date": None, "key_date_kind": "due_date"}
    assert data.has("key_date")
    assert not data.has("hired_on")


def test_an_answer_is_validated_like_a_stored_row() -> None:
    data = IntakeData().answer(hired_on="2024-03-02")
    assert data.hired_on == date(2024, 3, 2)
    assert data.stored() == {"hired_on": "2024-03-02"}


def test_keys_the_model_does_not_know_are_kept() -> None:
    data = IntakeData.model_validate({"added_later": [1, 2]}).answer(role="father")
    assert data.stored() == {"added_later": [1, 2], "role": "father"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("절박유산 진단을 받아 입원했어요", True),
        ("임신성 당뇨로 병원에 다니고 있어요", True),
        ("산후 우울증 치료를 받고 있어요", True),
        ("임신했다고 말했더니 권고사직을 하래요", False),  # the topic itself is not a detail
        ("육아휴직 끝나고 복직하려는데 자리가 없대요", False),
    ],
)
def test_health_details_are_recognised(text: str, expected: bool) -> None:
    assert mentions_health(text) is expected
