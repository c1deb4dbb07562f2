"""Re-notifying the team about cases nobody has claimed, and the morning digest."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import tzinfo

from bot import texts
from bot.cases import stages
from bot.cases.worktime import age, working_minutes_between
from bot.clock import Clock
from bot.korean import korean_date
from bot.notify.notes import Digest, ReminderCard
from bot.notify.notifier import Notifier
from bot.vocabulary import Stage, Urgency
from storage.db import UnitOfWork


@dataclass(frozen=True)
class ReminderPolicy:
    team_chat_id: int | None
    tz: tzinfo
    unclaimed_working_hours: float = 4.0
    urgent_minutes: int = 30
    day_start: int = 9
    day_end: int = 18


async def enqueue_due_reminders(
    uow: UnitOfWork, clock: Clock, notifier: Notifier, policy: ReminderPolicy
) -> int:
    """Queue a reminder card for each unclaimed case waiting too long; returns the count."""
    now = clock.now()
    count = 0
    for case in await uow.cases.unclaimed(limit=200):
        since = case.last_reminded_at or case.created_at
        if case.urgency == Urgency.URGENT:
            is_due = (now - since).total_seconds() >= policy.urgent_minutes * 60
        else:
            waited = working_minutes_between(
                since, now, policy.tz, day_start=policy.day_start, day_end=policy.day_end
            )
            is_due = waited >= policy.unclaimed_working_hours * 60
        if not is_due:
            continue
        await uow.cases.update_fields(case_id=case.id, now=case.updated_at, last_reminded_at=now)
        await notifier.enqueue(
            uow,
            ReminderCard(case_id=case.id, waiting=age(case.created_at, now)),
            chat_id=policy.team_chat_id,
            case_id=case.id,
            # Keyed by the previous reminder, so two workers queue it once.
            dedupe_key=f"reminder:{case.id}:{int(since.timestamp())}",
        )
        count += 1
    return count


async def enqueue_digest(
    uow: UnitOfWork, clock: Clock, notifier: Notifier, policy: ReminderPolicy
) -> bool:
    """The morning summary for the team chat, once a day whatever the number of workers."""
    if policy.team_chat_id is None:
        return False
    now = clock.now()
    today = now.astimezone(policy.tz).date()
    open_cases = await uow.cases.open_cases()
    by_stage = Counter(c.stage for c in open_cases)
    stage_lines = "\n".join(
        f"• {stages.STAGE_LABELS[s]}: {by_stage.get(s, 0)}건" for s in Stage if s != Stage.CLOSED
    )
    unclaimed = [c for c in open_cases if c.stage == Stage.NEW]
    oldest = min(unclaimed, key=lambda c: c.created_at, default=None)
    oldest_text = f"{oldest.number} ({age(oldest.created_at, now)})" if oldest else "없음"
    text = texts.DIGEST.format(
        date=korean_date(today),
        stages=stage_lines,
        urgent=sum(1 for c in open_cases if c.urgency == Urgency.URGENT),
        oldest=oldest_text,
    )
    await notifier.enqueue(
        uow,
        Digest(text=text),
        chat_id=policy.team_chat_id,
        dedupe_key=f"digest:{today.isoformat()}",
    )
    return True
