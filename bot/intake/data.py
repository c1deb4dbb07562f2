"""The intake's answers as a model, and the intake drafts it is kept in between messages.

The stored JSON keeps the keys the dialog always used, and only the answers given: a step
skipped leaves no key, a question answered with "skip" stores null. Rows saved before this
model existed read back unchanged; keys it does not know (e.g. files sent meanwhile) are
kept as they are.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from bot.dialog import Draft
from storage.db import UnitOfWork


class IntakeData(BaseModel):
    """A parent's intake answers so far; values are the dialog's choice ids."""

    model_config = ConfigDict(frozen=True, extra="allow")

    topic: str | None = None
    role: str | None = None
    workplace_size: str | None = None
    contract: str | None = None
    status: str | None = None
    hired_on: date | None = None
    leave_refused: str | None = None
    key_date_kind: str | None = None
    key_date: date | None = None
    # A dismissal announced for a later day: key_date is when it takes effect.
    dismissal_announced: bool | None = None
    dismissal_notice_on: date | None = None
    description: str | None = None
    contact_method: str | None = None
    contact_value: str | None = None
    contact_time: str | None = None
    sensitive_consent: bool | None = None
    # Health details written although health-data consent was declined: kept off the team card.
    health_withheld: bool | None = None
    has_crisis_words: bool | None = None
    eligibility: dict[str, Any] | None = None
    documents: list[dict[str, Any]] | None = None
    # A command or a question came between: typed text is no answer until resumed.
    is_paused: bool | None = None
    # "센터와 바로 연결" after crisis words: the fewest questions, an urgent case.
    is_crisis_connect: bool | None = None
    pending_text: str | None = None  # a typed answer that looked like a question, to confirm

    def answer(self, **changes: Any) -> IntakeData:
        """A copy with `changes` validated and marked as answered."""
        return IntakeData.model_validate({**self.stored(), **changes})

    def stored(self) -> dict[str, Any]:
        """The JSON-able answers given so far, under their stored keys."""
        return self.model_dump(mode="json", exclude_unset=True)

    def has(self, key: str) -> bool:
        """Whether `key` was answered (possibly with "skip")."""
        return key in self.model_fields_set or key in (self.model_extra or {})


class IntakeDrafts:
    """The intake's drafts in `intake_drafts`."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._drafts = uow.drafts

    async def load(self, *, user_id: int, now: datetime) -> Draft[IntakeData] | None:
        row = await self._drafts.get(user_id=user_id, now=now)
        if row is None:
            return None
        data = IntakeData.model_validate(row.data or {})
        return Draft(user_id, row.step, data, tuple(row.history or ()))

    async def save(self, draft: Draft[IntakeData], *, now: datetime, expires_at: datetime) -> None:
        await self._drafts.save(
            user_id=draft.user_id,
            step=draft.step,
            data=draft.data.stored(),
            history=list(draft.history),
            now=now,
            expires_at=expires_at,
        )

    async def discard(self, *, user_id: int) -> None:
        await self._drafts.discard(user_id=user_id)
