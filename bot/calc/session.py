"""The calculator dialog's state: one row per user in `calc_sessions`, expiring after a day.

Like the intake, nothing lives in memory, so a restart or a second worker loses nothing. The
session is deleted once the result is shown: the answers are not kept. `bot.calc` stays free
of the storage layer: the unit of work is described by the protocols below, which
`storage.db.UnitOfWork` satisfies.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, Literal, Protocol

from bot.calc import dialog, texts
from bot.calc.common import CalcInputError
from bot.calc.tables import RuleBook, RuleNotInForceError
from bot.clock import Clock
from bot.intake.flow import Prompt
from bot.intake.parsing import InvalidAnswer

logger = logging.getLogger(__name__)


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

CalcViewKind = Literal["prompt", "result", "failed", "cancelled"]


@dataclass(frozen=True)
class CalcView:
    """What the parent should see next.

    `result` and `failure` are plain text (not HTML); `calculator` is the calculator's kind,
    for a "calculate again" button.
    """

    kind: CalcViewKind
    prompt: Prompt | None = None
    notice: str | None = None
    result: str | None = None
    failure: str | None = None
    calculator: str | None = None


@dataclass(frozen=True)
class _State:
    user_id: int
    step: str
    data: dict[str, Any]


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
        self._lifetime = timedelta(hours=session_hours)

    async def is_active(self, uow: UnitOfWork, *, telegram_id: int) -> bool:
        return await self._state(uow, telegram_id) is not None

    async def start(
        self, uow: UnitOfWork, *, telegram_id: int, kind: str | None = None
    ) -> CalcView:
        """Ask which calculator (or resume the dialog in progress); with `kind`, start it anew."""
        if kind is not None and kind not in dialog.KIND_IDS:
            kind = None
        user = await uow.users.ensure(telegram_id=telegram_id, now=self._clock.now())
        if kind is None:
            state = await self._state(uow, telegram_id)
            if state is not None:
                return self._prompt(state.step, state.data, notice=texts.RESUMED)
        data: dict[str, Any] = {"kind": kind}
        step = dialog.first_step(kind)
        await self._save(uow, user.id, step, data)
        return self._prompt(step, data)

    async def answer_text(
        self, uow: UnitOfWork, *, telegram_id: int, text: str
    ) -> CalcView | None:
        """A typed answer; None when the user has no calculator dialog in progress."""
        state = await self._state(uow, telegram_id)
        if state is None:
            return None
        try:
            updated = dialog.accept_text(state.step, text, state.data, self._clock.today())
        except InvalidAnswer as exc:
            return self._prompt(state.step, state.data, notice=exc.message)
        return await self._advance(uow, state, updated)

    async def answer_choice(
        self, uow: UnitOfWork, *, telegram_id: int, step: str, value: str
    ) -> CalcView | None:
        """A button press; None when no dialog is in progress (a calculator button starts one).

        Buttons from a step already passed re-show the current question.
        """
        state = await self._state(uow, telegram_id)
        if state is None:
            if step == dialog.FIRST_STEP and value in dialog.KIND_IDS:
                return await self.start(uow, telegram_id=telegram_id, kind=value)
            return None
        if step != state.step:
            return self._prompt(state.step, state.data, notice=texts.STALE_STEP)
        try:
            updated = dialog.accept_choice(step, value, state.data)
        except InvalidAnswer as exc:
            return self._prompt(state.step, state.data, notice=exc.message)
        view = await self._advance(uow, state, updated)
        if step == "company" and value == "unknown" and view.kind == "prompt":
            return CalcView("prompt", view.prompt, texts.COMPANY_ASSUMED_NOTICE)
        return view

    async def cancel(self, uow: UnitOfWork, *, telegram_id: int) -> bool:
        """End the dialog in progress; False when there is none."""
        state = await self._state(uow, telegram_id)
        if state is None:
            return False
        await uow.calc_sessions.discard(user_id=state.user_id)
        return True

    # ---- internals ----------------------------------------------------------------------

    async def _state(self, uow: UnitOfWork, telegram_id: int) -> _State | None:
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        if user is None:
            return None
        session = await uow.calc_sessions.get(user_id=user.id, now=self._clock.now())
        if session is None:
            return None
        return _State(user.id, session.step, dict(session.data))

    async def _save(self, uow: UnitOfWork, user_id: int, step: str, data: dict[str, Any]) -> None:
        now = self._clock.now()
        await uow.calc_sessions.save(
            user_id=user_id,
            kind=data.get("kind") or dialog.PICK,
            step=step,
            data=data,
            now=now,
            expires_at=now + self._lifetime,
        )

    async def _advance(self, uow: UnitOfWork, state: _State, data: dict[str, Any]) -> CalcView:
        if data.pop("recheck", False):  # a re-asked date: the other answers are all there
            return await self._finish(uow, state, data)
        following = dialog.next_step(state.step, data)
        if following is not None:
            await self._save(uow, state.user_id, following, data)
            return self._prompt(following, data)
        return await self._finish(uow, state, data)

    async def _finish(self, uow: UnitOfWork, state: _State, data: dict[str, Any]) -> CalcView:
        kind = data["kind"]
        try:
            text = dialog.result_text(data, self._rules(), self._clock.today())
        except CalcInputError as exc:
            if isinstance(exc, RuleNotInForceError) and "start" in dialog.KIND_STEPS[kind]:
                # a date outside the rule tables: ask it again, keep the other answers
                await self._save(uow, state.user_id, "start", {**data, "recheck": True})
                return self._prompt("start", data, notice=str(exc))
            await uow.calc_sessions.discard(user_id=state.user_id)
            logger.info("calculator %s refused the answers", kind)
            return CalcView("failed", failure=str(exc), calculator=kind)
        await uow.calc_sessions.discard(user_id=state.user_id)
        logger.info("calculator %s result shown", kind)
        return CalcView("result", result=text, calculator=kind)

    def _prompt(self, step: str, data: dict[str, Any], notice: str | None = None) -> CalcView:
        return CalcView("prompt", dialog.prompt(step, data), notice, calculator=data.get("kind"))
