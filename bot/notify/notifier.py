"""How the core queues a notification: a protocol, and its outbox implementation."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.clock import Clock
from bot.notify.notes import Note
from storage.db import UnitOfWork


class Notifier(Protocol):
    async def enqueue(
        self,
        uow: UnitOfWork,
        note: Note,
        *,
        chat_id: int | None,
        case_id: int | None = None,
        dedupe_key: str | None = None,
        not_before: datetime | None = None,
    ) -> None:
        """Queue `note` for `chat_id` (None: the admins) in the unit of work's transaction,
        to be sent from `not_before` (default: now).

        A note with the `dedupe_key` of one queued before is dropped.
        """
        ...


class OutboxNotifier:
    """Writes each note as an outbox row, sent by the OutboxSender after the commit."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def enqueue(
        self,
        uow: UnitOfWork,
        note: Note,
        *,
        chat_id: int | None,
        case_id: int | None = None,
        dedupe_key: str | None = None,
        not_before: datetime | None = None,
    ) -> None:
        await uow.outbox.enqueue(
            kind=note.kind,
            now=self._clock.now(),
            chat_id=chat_id,
            case_id=case_id,
            payload=note.payload(),
            dedupe_key=dedupe_key,
            not_before=not_before,
        )
