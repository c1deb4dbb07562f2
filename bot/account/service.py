"""A parent's own view of their data: case status, and erasure on request."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import texts
from bot.clock import Clock
from bot.notify.notes import CardErased, ParentNotice
from bot.notify.notifier import Notifier
from bot.vocabulary import ActorKind, EventKind, Stage
from storage.db import UnitOfWork
from storage.models import Case
from storage.repositories import UserActivity

logger = logging.getLogger(__name__)

# Answers kept on an anonymized case, so that reports stay the same.
STATISTICAL_KEYS = (
    "topic",
    "role",
    "workplace_size",
    "contract",
    "status",
    "leave_refused",
    "key_date_kind",
)


@dataclass(frozen=True)
class CaseStatus:
    number: str
    topic: str
    stage: Stage
    created_at: datetime


class AccountService:
    def __init__(
        self,
        clock: Clock,
        notifier: Notifier | None = None,
        *,
        team_chat_id: int | None = None,
    ) -> None:
        self._clock = clock
        self._notifier = notifier
        self._team_chat_id = team_chat_id

    async def cases(self, uow: UnitOfWork, *, telegram_id: int) -> list[CaseStatus]:
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        if user is None:
            return []
        cases = await uow.cases.list_for_user(user_id=user.id, open_only=False)
        return [CaseStatus(c.number, c.topic, c.stage, c.created_at) for c in cases]

    async def activity(self, uow: UnitOfWork, *, telegram_id: int) -> UserActivity:
        """What the user is in the middle of (a calculation, an intake, an assigned case)."""
        now = self._clock.now()
        user = await uow.users.ensure(telegram_id=telegram_id, now=now)
        return await uow.users.activity(user_id=user.id, now=now)

    async def forget_sent_messages(self, uow: UnitOfWork, *, chat_id: int) -> list[int]:
        """The chat's messages still deletable; the record of them is dropped."""
        ids = await deletable_messages(uow, chat_id=chat_id, now=self._clock.now())
        await uow.sent.forget(chat_id=chat_id)
        return ids

    async def mark_blocked(self, uow: UnitOfWork, *, telegram_id: int) -> None:
        """The user blocked the bot: remember it (creating the user if unknown)."""
        await uow.users.touch(telegram_id=telegram_id, now=self._clock.now())
        await uow.users.set_blocked(telegram_id=telegram_id, is_blocked=True)

    async def erase(self, uow: UnitOfWork, *, telegram_id: int) -> bool:
        """Erase everything personal of this user; cases stay as anonymous statistics."""
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        if user is None:
            return False
        now = self._clock.now()
        for case in await uow.cases.list_for_user(user_id=user.id, open_only=False):
            if case.stage != Stage.CLOSED:
                await self._tell_reader_of_erasure(uow, case)
            await self._erase_team_card(uow, case)
            await anonymize_case(uow, case, now, closed_by_parent=case.stage != Stage.CLOSED)
        await uow.outbox.discard_pending_for_chat(chat_id=telegram_id)
        await uow.sent.forget(chat_id=telegram_id)
        await uow.users.delete(user_id=user.id)  # consents and drafts go with it
        logger.info("user data erased on request (internal id %s)", user.id)
        return True

    async def _erase_team_card(self, uow: UnitOfWork, case: Case) -> None:
        """The card in the team chat keeps only the case number (after the commit)."""
        if (
            self._notifier is None
            or case.team_card_chat_id is None
            or case.team_card_message_id is None
        ):
            return
        await self._notifier.enqueue(
            uow,
            CardErased(message_id=case.team_card_message_id, number=case.number),
            chat_id=case.team_card_chat_id,
            case_id=None,  # kept when the case's own rows are erased
            dedupe_key=f"card-erased:{case.id}",
        )

    async def _tell_reader_of_erasure(self, uow: UnitOfWork, case: Case) -> None:
        """The assignee (or the team, while unclaimed) learns the open case was closed."""
        if self._notifier is None:
            return
        assignee = await uow.staff.get(staff_id=case.assignee_id) if case.assignee_id else None
        chat_id = (
            assignee.telegram_id
            if assignee is not None and assignee.is_active
            else self._team_chat_id
        )
        if chat_id is None:
            return
        await self._notifier.enqueue(
            uow,
            ParentNotice(text=texts.STAFF_CASE_ERASED.format(number=case.number)),
            chat_id=chat_id,
            case_id=None,  # the case row stays, but the notice must not be erased with it
            dedupe_key=f"erased:{case.id}",
        )


async def anonymize_case(
    uow: UnitOfWork, case: Case, now: datetime, *, closed_by_parent: bool = False
) -> None:
    """Strip a case of personal data, keeping the fields reports count."""
    answers = {k: v for k, v in (case.answers or {}).items() if k in STATISTICAL_KEYS}
    fields: dict[str, object] = {
        "user_id": None,
        "answers": answers,
        "summary": "",
        "contact_value": None,
        "result": None,
        "is_anonymized": True,
    }
    if closed_by_parent:
        fields.update(stage=Stage.CLOSED, closed_at=now)
        await uow.cases.add_event(
            case_id=case.id,
            kind=EventKind.CLOSED,
            actor_kind=ActorKind.PARENT,
            now=now,
            from_value=case.stage,
            to_value=Stage.CLOSED,
            text="parent erased their data",
        )
    await uow.cases.update_fields(case_id=case.id, now=now, **fields)
    await uow.relays.erase_texts(case_id=case.id)
    await uow.documents.delete_for_case(case_id=case.id)
    await uow.cases.erase_event_texts(case_id=case.id)
    await uow.satisfaction.erase_comment(case_id=case.id)


DELETE_WINDOW_HOURS = 48  # Telegram lets a bot delete messages younger than this


async def toggle_discreet(uow: UnitOfWork, *, telegram_id: int, now: datetime) -> bool:
    """Switch discreet mode; returns the new setting."""
    user = await uow.users.ensure(telegram_id=telegram_id, now=now)
    user.is_discreet = not user.is_discreet
    return user.is_discreet


async def is_discreet(uow: UnitOfWork, *, telegram_id: int) -> bool:
    user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
    return bool(user and user.is_discreet)


def discreet(text_html: str) -> str:
    """A neutral first line; the rest hidden as a spoiler (also in notification previews)."""
    return f"{texts.DISCREET_HEADER}\n\n<tg-spoiler>{text_html}</tg-spoiler>"


async def deletable_messages(uow: UnitOfWork, *, chat_id: int, now: datetime) -> list[int]:
    """Ids of messages in the chat still inside Telegram's deletion window."""
    since = now - timedelta(hours=DELETE_WINDOW_HOURS) + timedelta(minutes=5)
    return await uow.sent.since(chat_id=chat_id, since=since)
