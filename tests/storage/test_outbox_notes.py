"""The outbox on both databases: notes go in as typed rows, malformed rows are given up."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.clock import FixedClock
from bot.notify.messenger import OutgoingMessage
from bot.notify.notes import AdminAlert, ParentMessage
from bot.notify.notifier import OutboxNotifier
from bot.notify.sender import INVALID_PAYLOAD, OutboxSender, SenderPolicy
from bot.vocabulary import OutboxKind, OutboxStatus
from handlers.cards import TeamCards
from storage.db import Database
from storage.models import OutboxMessage

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
STAFF_CHAT = 501


class RecordingMessenger:
    """The transport edge: records what would have gone to Telegram."""

    def __init__(self) -> None:
        self.sent: list[OutgoingMessage] = []
        self.edits: list[tuple[int, int, OutgoingMessage]] = []

    async def send(self, message: OutgoingMessage) -> int:
        self.sent.append(message)
        return len(self.sent)

    async def edit(self, chat_id: int, message_id: int, message: OutgoingMessage) -> None:
        self.edits.append((chat_id, message_id, message))


def _clock() -> FixedClock:
    return FixedClock(NOW, ZoneInfo("Asia/Seoul"))


async def _rows(database: Database) -> dict[str, OutboxMessage]:
    async with database.uow() as uow:
        rows = (await uow.session.execute(select(OutboxMessage))).scalars().all()
        return {str(row.dedupe_key): row for row in rows}


async def test_a_note_is_stored_as_kind_and_the_old_payload_keys(database: Database) -> None:
    async with database.uow() as uow:
        await OutboxNotifier(_clock()).enqueue(
            uow, ParentMessage(relay_id=5), chat_id=STAFF_CHAT, case_id=None, dedupe_key="r5"
        )
    row = (await _rows(database))["r5"]
    assert (row.kind, row.payload, row.chat_id) == ("parent_message", {"relay_id": 5}, STAFF_CHAT)
    assert row.status == OutboxStatus.PENDING


async def test_a_malformed_row_is_reported_and_failed_while_the_others_go_out(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    clock = _clock()
    async with database.uow() as uow:
        await uow.outbox.enqueue(
            kind=OutboxKind.PARENT_MESSAGE,
            now=NOW,
            chat_id=STAFF_CHAT,
            payload={"relay_id": "the parent's words"},
            dedupe_key="bad-field",
        )
        await uow.outbox.enqueue(
            kind="retired_kind",  # type: ignore[arg-type]  # as a row of an older version may be
            now=NOW,
            chat_id=STAFF_CHAT,
            payload={},
            dedupe_key="bad-kind",
        )
        await OutboxNotifier(clock).enqueue(
            uow, AdminAlert(text="점검 알림"), chat_id=STAFF_CHAT, dedupe_key="good"
        )
    messenger = RecordingMessenger()
    sender = OutboxSender(
        database, clock, messenger, SenderPolicy(team_chat_id=None), cards=TeamCards()
    )
    caplog.set_level(logging.ERROR, logger="bot.notify.sender")

    assert await sender.drain() == 1

    assert [m.text for m in messenger.sent] == ["점검 알림"]
    assert messenger.edits == []
    rows = await _rows(database)
    assert rows["good"].status == OutboxStatus.SENT
    for key in ("bad-field", "bad-kind"):
        assert (rows[key].status, rows[key].last_error) == (OutboxStatus.FAILED, INVALID_PAYLOAD)
    reports = [r.getMessage() for r in caplog.records if "malformed payload" in r.getMessage()]
    assert len(reports) == 2
    assert any("relay_id" in report for report in reports)
    assert not any("words" in report for report in reports)  # no payload content in logs


async def test_a_failed_malformed_row_is_not_picked_up_again(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    clock = _clock()
    async with database.uow() as uow:
        await uow.outbox.enqueue(
            kind=OutboxKind.NEW_CASE, now=NOW, chat_id=STAFF_CHAT, payload={}, dedupe_key="bad"
        )
    messenger = RecordingMessenger()
    sender = OutboxSender(
        database, clock, messenger, SenderPolicy(team_chat_id=None), cards=TeamCards()
    )
    await sender.drain()
    caplog.clear()
    clock.advance(hours=1)

    assert await sender.drain() == 0

    assert messenger.sent == []
    assert [r for r in caplog.records if "malformed payload" in r.getMessage()] == []
