"""Builders of stored rows for tests: users, staff, cases, drafts, with plain defaults.

Each takes the open unit of work, so a test can build several rows in one transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from storage.db import UnitOfWork
from storage.models import Case, Staff, User


async def user(uow: UnitOfWork, *, now: datetime, telegram_id: int = 1001) -> User:
    """A parent who wrote to the bot at `now` (seen again if they exist)."""
    return await uow.users.touch(telegram_id=telegram_id, now=now)


async def staff(
    uow: UnitOfWork, *, now: datetime, telegram_id: int, role: str = "attorney", name: str = ""
) -> Staff:
    """An active staff member (an attorney unless `role` says otherwise)."""
    return await uow.staff.upsert(telegram_id=telegram_id, role=role, now=now, display_name=name)


async def case(
    uow: UnitOfWork, *, now: datetime, topic: str = "parental-leave", **fields: Any
) -> Case:
    """A new case numbered in `now`'s year, with its "created" event."""
    created = await uow.cases.create(year=now.year, now=now, topic=topic, **fields)
    await uow.cases.add_event(case_id=created.id, kind="created", now=now)
    return created


async def draft(
    uow: UnitOfWork,
    *,
    user_id: int,
    now: datetime,
    expires_at: datetime | None = None,
    step: str = "topic",
    data: dict[str, Any] | None = None,
    history: list[str] | None = None,
) -> None:
    """An intake draft saved at `now`, kept for 7 days unless `expires_at` says otherwise."""
    await uow.drafts.save(
        user_id=user_id,
        step=step,
        data=data or {},
        history=history or [],
        now=now,
        expires_at=expires_at or now + timedelta(days=7),
    )
