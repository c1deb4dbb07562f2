"""The calculator dialog's state: one row per user in `calc_sessions`, expiring after a day.

The steps are `bot.calc.dialog.FLOW`, walked by the `bot.dialog` engine. Nothing lives in
memory, so a restart or a second worker loses nothing. The session is deleted once the result
is shown: the answers are not kept. `bot.calc` stays free of the storage layer: the unit of
work is described by the protocols below, which `storage.db.UnitOfWork` satisfies.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, Literal, Protocol

from bot.calc import dialog, texts
from bot.calc.common import CalcInputError
from bot.calc.results import result_text
from bot.calc.tables import RuleBook, RuleNotInForceError
from bot.clock import Clock
from bot.dialog import Completed, DialogView, Draft, Notices, Outcome, StepDialog

logger = logging.getLogger(__name__)

Data = dict[str, Any]


class _UserRow(Protocol):
    @property
    def id(self) -> int: ...


class _SessionRow(Protocol):
    @property
    def step(self) -> str: ...
    @property
    def data(self) -> dict[str, Any]: ...


class _Users(Protocol):
    async def get_by_telegram_id(self, *, telegram_id: int) -> _UserRow | None: ...
    async def ensure(self, *, telegram_id: int, now: datetime) -> _UserRow: ...


class _CalcSessions(Protocol):
    async def get(self, *, user_id: int, now: datetime) -> _SessionRow | None: ...
    async def save(
        self,
        *,
        user_id: int,
        kind: str,
        step: str,
        data: dict[str, Any],
        now: datetime,
        expires_at: datetime,
    ) -> None: ...
    async def discard(self, *, user_id: int) -> None: ...


class UnitOfWork(Protocol):
    """What the calculator needs of `storage.db.UnitOfWork`."""

    @property
    def users(self) -> _Users: ...
    @property
    def calc_sessions(self) -> _CalcSessions: ...


SESSION_HOURS: Final = 24

CalcEndKind = Literal["result", "failed", "cancelled"]


@dataclass(frozen=True)
class CalcEnding:
    """How a calculator dialog ended.

    `text` is plain text (not HTML): the result, or why the calculators refused the answers;
    `calculator` is the calculator's kind, for a "calculate again" button.
    """

    kind: CalcEndKind
    text: str = ""
    calculator: str | None = None


CalcView = DialogView[CalcEnding]
CANCELLED: Final[CalcView] = DialogView(ending=CalcEnding("cancelled"))


class CalcDrafts:
    """The calculator's drafts in `calc_sessions` (no history: the calculator has no /back)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._sessions = uow.calc_sessions

    async def load(self, *, user_id: int, now: datetime) -> Draft[Data] | None:
        row = await self._sessions.get(user_id=user_id, now=now)
        return None if row is None else Draft(user_id, row.step, dict(row.data))

    async def save(self, draft: Draft[Data], *, now: datetime, expires_at: datetime) -> None:
        await self._sessions.save(
            user_id=draft.user_id,
            kind=draft.data.get("kind") or dialog.PICK,
            step=draft.step,
            data=draft.data,
            now=now,
            expires_at=expires_at,
        )

    async def discard(self, *, user_id: int) -> None:
        await self._sessions.discard(user_id=user_id)


class CalcService:
    def __init__(
        self,
        clock: Clock,
        rules_provider: Callable[[], RuleBook],
        *,
        session_hours: int = SESSION_HOURS,
    ) -> None:
        self._clock = clock
        self._rules = rules_provider
        self._dialog: StepDialog[Data] = StepDialog(
            clock, timedelta(hours=session_hours), Notices(stale_step=texts.STALE_STEP)
        )

    async def is_active(self, uow: UnitOfWork, *, telegram_id: int) -> bool:
        return await self._draft(uow, telegram_id) is not None

    async def start(
        self, uow: UnitOfWork, *, telegram_id: int, kind: str | None = None
    ) -> CalcView:
        """Ask which calculator (or resume the dialog in progress); with `kind`, start it anew."""
        if kind is not None and kind not in dialog.KIND_IDS:
            kind = None
        user = await uow.users.ensure(telegram_id=telegram_id, now=self._clock.now())
        if kind is None:
            draft = await self._draft(uow, telegram_id)
            if draft is not None:
                return _asking(draft, texts.RESUMED)
        started = await self._dialog.begin(
            CalcDrafts(uow), dialog.FLOW, user_id=user.id, data={"kind": kind}
        )
        return _asking(started)

    async def answer_text(
        self, uow: UnitOfWork, *, telegram_id: int, text: str
    ) -> CalcView | None:
        """A typed answer; None when the user has no calculator dialog in progress."""
        draft = await self._draft(uow, telegram_id)
        if draft is None:
            return None
        store = CalcDrafts(uow)
        outcome = await self._dialog.answer_text(store, dialog.FLOW, draft, text)
        return await self._view(store, outcome)

    async def answer_choice(
        self, uow: UnitOfWork, *, telegram_id: int, step: str, value: str
    ) -> CalcView | None:
        """A button press; None when no dialog is in progress (a calculator button starts one).

        Buttons from a step already passed re-show the current question.
        """
        draft = await self._draft(uow, telegram_id)
        if draft is None:
            if step == dialog.FIRST_STEP and value in dialog.KIND_IDS:
                return await self.start(uow, telegram_id=telegram_id, kind=value)
            return None
        store = CalcDrafts(uow)
        outcome = await self._dialog.answer_choice(store, dialog.FLOW, draft, step, value)
        view = await self._view(store, outcome)
        if step == "company" and value == "unknown" and view.is_prompt and draft.step == step:
            return DialogView(view.prompt, texts.COMPANY_ASSUMED_NOTICE)
        return view

    async def cancel(self, uow: UnitOfWork, *, telegram_id: int) -> bool:
        """End the dialog in progress; False when there is none."""
        draft = await self._draft(uow, telegram_id)
        if draft is None:
            return False
        await CalcDrafts(uow).discard(user_id=draft.user_id)
        return True

    # ---- internals ----------------------------------------------------------------------

    async def _draft(self, uow: UnitOfWork, telegram_id: int) -> Draft[Data] | None:
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        if user is None:
            return None
        return await self._dialog.current(CalcDrafts(uow), user_id=user.id)

    async def _view(self, store: CalcDrafts, outcome: Outcome[Data]) -> CalcView:
        if isinstance(outcome, Completed):
            return await self._finish(store, outcome.draft)
        return _asking(outcome.draft, outcome.notice)

    async def _finish(self, store: CalcDrafts, draft: Draft[Data]) -> CalcView:
        data, kind = draft.data, draft.data["kind"]
        try:
            text = result_text(data, self._rules(), self._clock.today())
        except CalcInputError as exc:
            if isinstance(exc, RuleNotInForceError) and "start" in dialog.KIND_STEPS[kind]:
                # a date outside the rule tables: ask it again, keep the other answers
                again = Draft(draft.user_id, "start", {**data, "recheck": True})
                await self._dialog.keep(store, again)
                return _asking(again, str(exc))
            await store.discard(user_id=draft.user_id)
            logger.info("calculator %s refused the answers", kind)
            return DialogView(ending=CalcEnding("failed", str(exc), kind))
        await store.discard(user_id=draft.user_id)
        logger.info("calculator %s result shown", kind)
        return DialogView(ending=CalcEnding("result", text, kind))


def _asking(draft: Draft[Data], notice: str | None = None) -> CalcView:
    return DialogView(dialog.prompt(draft.step, draft.data), notice)
