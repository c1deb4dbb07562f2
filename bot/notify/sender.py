"""The outbox sender: delivers queued notifications with retries, at most one success each."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from html import escape

from pydantic import ValidationError

from bot import texts
from bot.account import service as account
from bot.account.privacy import mask_pii
from bot.cases.worktime import age
from bot.clock import Clock
from bot.notify import notes
from bot.notify.messenger import CardRenderer, DeliveryError, Messenger, OutgoingMessage
from bot.notify.notes import (
    AdminAlert,
    Card,
    CardErased,
    NewCaseCard,
    Note,
    ParentMessage,
    ParentNotice,
    ReminderCard,
    SatisfactionQuestion,
)
from bot.notify.notifier import Notifier, OutboxNotifier
from bot.vocabulary import OutboxKind, Stage
from storage.db import Database, UnitOfWork
from storage.models import OutboxMessage

logger = logging.getLogger(__name__)

INVALID_PAYLOAD = "invalid_payload"  # outbox.last_error of a row no note could be read from
FAILURE_LABELS = {
    "blocked": "봇이 차단되거나 그룹에서 빠짐",
    "chat_missing": "채팅을 찾을 수 없음",
    "rejected": "텔레그램이 거부함",
    "temporary": "일시적인 연결 문제",
    "retry_after": "전송 한도 초과",
    "uncertain": "응답 없음(전송됐을 수 있음)",
}


@dataclass(frozen=True)
class SenderPolicy:
    team_chat_id: int | None
    max_attempts: int = 10
    batch_size: int = 20
    lease_seconds: int = 120
    base_backoff_seconds: float = 5.0
    max_backoff_seconds: float = 900.0
    recheck_minutes: int = 5  # after a card send that may or may not have been posted


@dataclass(frozen=True)
class _Job:
    id: int
    note: Note
    chat_id: int | None
    case_id: int | None
    attempts: int
    was_interrupted: bool = False  # a send of it was under way when the sender stopped
    maybe_delivered: bool = False  # an earlier send may have reached Telegram
    messages: tuple[OutgoingMessage, ...] = ()  # rendered with the lease

    @property
    def kind(self) -> OutboxKind:
        return self.note.kind


class OutboxSender:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        messenger: Messenger,
        policy: SenderPolicy,
        notifier: Notifier | None = None,
        *,
        cards: CardRenderer,
    ) -> None:
        self._database = database
        self._clock = clock
        self._messenger = messenger
        self._policy = policy
        self._notifier = notifier or OutboxNotifier(clock)
        self._cards = cards

    async def run_once(self) -> int:
        """Send what is due now; returns how many were delivered."""
        return (await self._run_batch())[1]

    async def _run_batch(self) -> tuple[int, int]:
        now = self._clock.now()
        interrupted: set[int] = set()
        async with self._database.uow() as uow:
            rows = await uow.outbox.lease_due(
                now=now,
                lease_until=now + timedelta(seconds=self._policy.lease_seconds),
                limit=self._policy.batch_size,
                interrupted=interrupted,
            )
            # Rendered in the lease's transaction: a lease that runs out then always means
            # a send was under way (a database failure here undoes the lease as well).
            jobs = []
            for row in rows:
                try:
                    job = _job(row, was_interrupted=row.id in interrupted)
                except ValidationError as exc:
                    await _reject(uow, row, exc, now)
                    continue
                if isinstance(job.note, CardErased):  # edited, not sent
                    jobs.append(job)
                    continue
                messages = await self._render(uow, job)
                if not messages:  # nothing to say any more (answered, erased, claimed)
                    await uow.outbox.mark_sent(message_id=job.id, now=now)
                    continue
                jobs.append(replace(job, messages=tuple(messages)))
        by_chat: dict[int | None, list[_Job]] = {}
        for job in jobs:
            by_chat.setdefault(job.chat_id, []).append(job)
        # Chats in parallel, each in order: flood control on one chat delays only that chat.
        counts = await asyncio.gather(*(self._deliver_in_order(chat) for chat in by_chat.values()))
        return len(rows), sum(counts)

    async def _deliver_in_order(self, jobs: list[_Job]) -> int:
        delivered = 0
        for job in jobs:
            delivered += await self._deliver(job)
        return delivered

    async def drain(self, max_rounds: int = 50) -> int:
        """Send until nothing is due now (the shell, tests); returns how many were delivered."""
        total = 0
        for _ in range(max_rounds):
            leased, delivered = await self._run_batch()
            total += delivered
            if leased == 0:
                break
        return total

    async def _deliver(self, job: _Job) -> int:
        if isinstance(job.note, CardErased):
            return await self._erase_card(job, job.note)
        messages = list(job.messages)
        if job.was_interrupted and isinstance(job.note, Card):
            # Killed mid-send: like a timeout, the card may be in the team chat already.
            return await self._possibly_delivered(job)
        if job.maybe_delivered:  # sent again, never silently twice: the reader is told
            messages = [replace(m, text=texts.SENT_AGAIN_MARK + m.text) for m in messages]
        try:
            message_ids = [await self._messenger.send(m) for m in messages]
        except DeliveryError as exc:
            if exc.kind == "uncertain" and isinstance(job.note, Card):
                return await self._possibly_delivered(job)
            await self._failed(job, exc)
            return 0
        async with self._database.uow() as uow:
            await uow.outbox.mark_sent(message_id=job.id, now=self._clock.now())
            await self._after_send(uow, job, messages[0].chat_id, message_ids[0])
        logger.info("outbox %s delivered (%s)", job.id, job.kind)
        return 1

    async def _erase_card(self, job: _Job, note: CardErased) -> int:
        """Edit the card in place (an edit is safe to repeat, so every failure retries)."""
        if job.chat_id is not None:
            text = texts.TEAM_CARD_ERASED.format(number=note.number)
            try:
                await self._messenger.edit(
                    job.chat_id, note.message_id, OutgoingMessage(job.chat_id, text)
                )
            except DeliveryError as exc:
                await self._failed(job, exc)
                return 0
        async with self._database.uow() as uow:
            await uow.outbox.mark_sent(message_id=job.id, now=self._clock.now())
        logger.info("outbox %s delivered (%s)", job.id, job.kind)
        return 1

    async def _possibly_delivered(self, job: _Job) -> int:
        """A card send that timed out or got an ambiguous 5xx may have been posted: it is not
        posted again (no second card); if it was lost, the reminder re-posts it."""
        logger.warning("outbox %s (%s) possibly delivered; not sent again", job.id, job.kind)
        now = self._clock.now()
        async with self._database.uow() as uow:
            await uow.outbox.mark_sent(message_id=job.id, now=now)
            case = await uow.cases.get(case_id=job.case_id) if job.case_id else None
            if case is not None and case.assignee_id is None:
                # If it was lost, a reminder shows the case soon; it is dropped once claimed.
                due = now + timedelta(minutes=self._policy.recheck_minutes)
                await self._notifier.enqueue(
                    uow,
                    ReminderCard(case_id=case.id, waiting=age(case.created_at, due)),
                    chat_id=job.chat_id,
                    case_id=case.id,
                    dedupe_key=f"recheck:{job.id}",
                    not_before=due,
                )
        return 0

    async def _render(self, uow: UnitOfWork, job: _Job) -> list[OutgoingMessage]:
        note = job.note
        if isinstance(note, Card):
            return await self._render_card(uow, job, note)
        if isinstance(note, ParentMessage):
            relay = await uow.relays.get(relay_id=note.relay_id)
            case = await uow.cases.get(case_id=relay.case_id) if relay else None
            if relay is None or case is None or relay.text is None or job.chat_id is None:
                return []
            if job.chat_id < 0:  # the team chat (before anyone took the case): masked
                body = escape(mask_pii(relay.text))
                template = (
                    texts.RELAY_TO_TEAM_ASSIGNEE_UNREACHABLE
                    if note.assignee_unreachable
                    else texts.RELAY_TO_TEAM
                )
                text = template.format(number=case.number, text=body)
            else:
                text = texts.RELAY_TO_STAFF.format(number=case.number, text=escape(relay.text))
            if note.is_urgent:
                text = texts.RELAY_URGENT_MARK + text
            return [OutgoingMessage(job.chat_id, text)]
        if job.chat_id is None or isinstance(note, CardErased):  # CardErased: edited, not sent
            return []
        if isinstance(note, SatisfactionQuestion):
            return await self._render_satisfaction(uow, job.chat_id, note)
        text = note.text
        if isinstance(note, ParentNotice) and await account.is_discreet(
            uow, telegram_id=job.chat_id
        ):
            text = account.discreet(text)
        return [OutgoingMessage(job.chat_id, text)]

    async def _render_satisfaction(
        self, uow: UnitOfWork, chat_id: int, note: SatisfactionQuestion
    ) -> list[OutgoingMessage]:
        """Nothing once the parent answered, erased their data, or the case is gone."""
        row = await uow.satisfaction.get(case_id=note.case_id)
        case = await uow.cases.get(case_id=note.case_id)
        if row is None or row.user_id is None or row.score is not None or case is None:
            return []
        text, buttons = self._cards.satisfaction_question(case)
        if await account.is_discreet(uow, telegram_id=chat_id):
            text = account.discreet(text)
        return [OutgoingMessage(chat_id, text, buttons)]

    async def _render_card(self, uow: UnitOfWork, job: _Job, note: Card) -> list[OutgoingMessage]:
        case = await uow.cases.get(case_id=job.case_id) if job.case_id else None
        if case is None or case.is_anonymized:
            return []
        waiting = note.waiting if isinstance(note, ReminderCard) else None
        if waiting is not None and (case.assignee_id is not None or case.stage != Stage.NEW):
            return []
        assignee = await uow.staff.get(staff_id=case.assignee_id) if case.assignee_id else None
        text, buttons = self._cards.team_card(case, assignee, reminder_waiting=waiting)
        targets = (
            [job.chat_id]
            if job.chat_id is not None
            else [s.telegram_id for s in await uow.staff.admins()]
        )
        return [OutgoingMessage(chat_id, text, buttons) for chat_id in targets]

    async def _after_send(self, uow: UnitOfWork, job: _Job, chat_id: int, message_id: int) -> None:
        now = self._clock.now()
        if chat_id > 0:
            await uow.sent.record(chat_id=chat_id, message_ids=[message_id], now=now)
        if isinstance(job.note, NewCaseCard) and job.case_id is not None:
            await uow.cases.update_fields(
                case_id=job.case_id,
                now=now,
                team_card_chat_id=chat_id,
                team_card_message_id=message_id,
            )
        elif isinstance(job.note, ParentMessage) and chat_id > 0:
            await uow.relays.set_staff_message(
                relay_id=job.note.relay_id,
                staff_chat_id=chat_id,
                staff_message_id=message_id,
            )

    async def _failed(self, job: _Job, error: DeliveryError) -> None:
        now = self._clock.now()
        attempts = job.attempts + 1
        give_up = error.is_permanent or attempts >= self._policy.max_attempts
        delay = (
            error.retry_after
            if error.kind == "retry_after"
            else min(
                self._policy.base_backoff_seconds * 2**job.attempts,
                self._policy.max_backoff_seconds,
            )
        )
        logger.warning(
            "outbox %s (%s) failed: %s; attempt %d%s",
            job.id,
            job.kind,
            error.kind,
            attempts,
            ", giving up" if give_up else f", retry in {delay:.0f}s",
        )
        async with self._database.uow() as uow:
            await uow.outbox.mark_retry(
                message_id=job.id,
                error=error.kind,
                give_up=give_up,
                next_attempt_at=now + timedelta(seconds=delay),
                maybe_delivered=error.kind == "uncertain",
            )
            if not give_up:
                return
            if isinstance(job.note, Card) and job.chat_id is not None:
                await self._alert_admins(uow, error, now)
                await self._notifier.enqueue(  # the card itself, to each admin
                    uow,
                    job.note,
                    chat_id=None,
                    case_id=job.case_id,
                    dedupe_key=f"fallback:{job.id}",
                )
            elif (
                isinstance(job.note, ParentMessage)
                and job.chat_id is not None
                and job.chat_id > 0
                and not job.note.is_urgent  # an urgent one went to the team chat as well
                and self._policy.team_chat_id is not None
            ):  # the assignee's private chat could not get it: the team chat gets it instead
                await self._notifier.enqueue(
                    uow,
                    job.note.model_copy(update={"assignee_unreachable": True}),
                    chat_id=self._policy.team_chat_id,
                    case_id=job.case_id,
                    dedupe_key=f"fallback:{job.id}",
                )
            elif (
                isinstance(job.note, ParentNotice | SatisfactionQuestion)
                and error.kind == "blocked"
                and job.chat_id
            ):
                await uow.users.set_blocked(telegram_id=job.chat_id, is_blocked=True)

    async def _alert_admins(self, uow: UnitOfWork, error: DeliveryError, now: datetime) -> None:
        text = texts.TEAM_UNREACHABLE_ALERT.format(
            chat_id=self._policy.team_chat_id, reason=FAILURE_LABELS.get(error.kind, error.kind)
        )
        day = now.date().isoformat()
        for admin in await uow.staff.admins():
            await self._notifier.enqueue(
                uow,
                AdminAlert(text=text),
                chat_id=admin.telegram_id,
                dedupe_key=f"team-unreachable:{admin.id}:{day}",
            )


def _job(row: OutboxMessage, *, was_interrupted: bool = False) -> _Job:
    """The row with its note read; raises ValidationError when the payload does not fit."""
    note = notes.parse(row.kind, row.payload)
    return _Job(
        row.id,
        note,
        row.chat_id,
        row.case_id,
        row.attempts,
        was_interrupted,
        maybe_delivered=row.maybe_delivered,
    )


async def _reject(
    uow: UnitOfWork, row: OutboxMessage, error: ValidationError, now: datetime
) -> None:
    """Give up on a row no note can be read from: report it once, never retry it."""
    problems = ", ".join(
        f"{'.'.join(str(part) for part in e['loc']) or '-'}: {e['type']}" for e in error.errors()
    )  # field names and error types only: a payload may hold a parent's words
    logger.error(
        "outbox %s (%s) has a malformed payload, giving up: %s", row.id, row.kind, problems
    )
    await uow.outbox.mark_retry(
        message_id=row.id, error=INVALID_PAYLOAD, give_up=True, next_attempt_at=now
    )
