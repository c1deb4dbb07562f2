"""Outbox payloads: one model per kind, checked when written, read back from stored JSON."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from pydantic import ValidationError

from bot.notify import notes
from bot.vocabulary import OutboxKind


def _models() -> list[type[Any]]:
    union = get_args(notes.Note)[0]
    return list(get_args(union))


def test_every_outbox_kind_has_exactly_one_payload_model() -> None:
    kinds = [model.model_fields["kind"].default for model in _models()]
    assert sorted(kinds) == sorted(OutboxKind)


@pytest.mark.parametrize(
    ("kind", "stored"),
    [
        ("new_case", {"case_id": 7}),
        ("reminder", {"case_id": 7, "waiting": "4시간"}),
        ("digest", {"text": "☀️ 오늘의 상담 현황"}),
        ("parent_message", {"relay_id": 12}),
        ("parent_notice", {"text": "상담 2026-0001에 담당 노무사가 배정됐어요."}),
        ("admin_alert", {"text": "⚠️ 팀 채팅으로 알림을 보낼 수 없어요"}),
    ],
)
def test_rows_stored_before_the_models_read_and_write_the_same_json(
    kind: str, stored: dict[str, Any]
) -> None:
    note = notes.parse(kind, stored)
    assert note.kind == kind
    assert note.payload() == stored


def test_a_relay_id_is_read_as_a_number() -> None:
    note = notes.parse("parent_message", {"relay_id": 12})
    assert isinstance(note, notes.ParentMessage)
    assert note.relay_id == 12


@pytest.mark.parametrize(
    ("kind", "stored"),
    [
        ("parent_message", {}),
        ("parent_message", {"relay_id": "twelve"}),
        ("new_case", None),
        ("reminder", {"case_id": 7}),
        ("parent_notice", {"text": None}),
        ("note", {"text": "no such kind"}),
    ],
)
def test_a_malformed_row_does_not_parse(kind: str, stored: dict[str, Any] | None) -> None:
    with pytest.raises(ValidationError):
        notes.parse(kind, stored)


def test_a_note_is_checked_when_it_is_made() -> None:
    with pytest.raises(ValidationError):
        notes.NewCaseCard(case_id="seven")


def test_the_kind_is_not_stored_in_the_payload() -> None:
    assert notes.ParentNotice(text="안녕하세요").payload() == {"text": "안녕하세요"}
