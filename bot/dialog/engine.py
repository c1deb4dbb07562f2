"""A step dialog held in the database: where the user is, their answers and the way back.

Nothing lives in memory: each answer loads the user's draft, applies it through the `Flow`
and saves the draft again, so a restart or a second worker loses nothing. The tables differ
per dialog; each dialog hands the engine a `DraftStore` over its own table.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Generic, Protocol, TypeVar

from bot.clock import Clock
from bot.dialog.steps import Flow, InvalidAnswer

D = TypeVar("D")


@dataclass(frozen=True)
class Draft(Generic[D]):
    """A dialog in progress: the step being asked, the answers and the steps answered."""

    user_id: int
    step: str
    data: D
    history: tuple[str, ...] = ()

    @property
    def is_editing(self) -> bool:
        """Whether the user came here from the summary to change one answer."""
        return bool(self.history) and self.history[-1].startswith(EDIT_MARK)


EDIT_MARK = "edit:"  # a history entry `edit:<summary step>`: come back there after one answer


class DraftStore(Protocol[D]):
    """One dialog's drafts in one unit of work."""

    async def load(self, *, user_id: int, now: datetime) -> Draft[D] | None: ...
    async def save(self, draft: Draft[D], *, now: datetime, expires_at: datetime) -> None: ...
    async def discard(self, *, user_id: int) -> None: ...


@dataclass(frozen=True)
class Moved(Generic[D]):
    """The answer was taken (or refused with `notice`) and `draft.step` is the next question."""

    draft: Draft[D]
    notice: str | None = None


@dataclass(frozen=True)
class Completed(Generic[D]):
    """The last step was answered: `draft` holds it and the complete answers, still stored."""

    draft: Draft[D]


Outcome = Moved[D] | Completed[D]


@dataclass(frozen=True)
class Notices:
    """The engine's own messages to the user."""

    stale_step: str  # a button from a question already passed
    first_step: str = ""  # /back at the first question


class StepDialog(Generic[D]):
    """Walks one `Flow` for one user at a time, keeping the draft in a `DraftStore`."""

    def __init__(self, clock: Clock, lifetime: timedelta, notices: Notices) -> None:
        self._clock = clock
        self._lifetime = lifetime
        self._notices = notices

    def today(self) -> date:
        return self._clock.today()

    async def current(self, store: DraftStore[D], *, user_id: int) -> Draft[D] | None:
        """The user's dialog in progress, unless it has expired."""
        return await store.load(user_id=user_id, now=self._clock.now())

    async def keep(self, store: DraftStore[D], draft: Draft[D]) -> None:
        """Store `draft` as it is (e.g. with answers changed outside the flow)."""
        await self._save(store, draft)

    async def _save(self, store: DraftStore[D], draft: Draft[D]) -> None:
        now = self._clock.now()
        await store.save(draft, now=now, expires_at=now + self._lifetime)

    async def begin(
        self, store: DraftStore[D], flow: Flow[D], *, user_id: int, data: D
    ) -> Draft[D]:
        """Start anew at the first step that applies to `data`."""
        draft = Draft(user_id, flow.first_step(data), data)
        await self._save(store, draft)
        return draft

    async def answer_text(
        self, store: DraftStore[D], flow: Flow[D], draft: Draft[D], text: str
    ) -> Outcome[D]:
        """A typed answer to the current question."""
        try:
            data = flow.accept_text(draft.step, text, draft.data, self.today())
        except InvalidAnswer as exc:
            return Moved(draft, exc.message)
        return await self.advance(store, flow, draft, data)

    async def answer_choice(
        self, store: DraftStore[D], flow: Flow[D], draft: Draft[D], step: str, value: str
    ) -> Outcome[D]:
        """A button press; a button of a question already passed re-asks the current one."""
        if step != draft.step:
            return Moved(draft, self._notices.stale_step)
        try:
            data = flow.accept_choice(step, value, draft.data)
        except InvalidAnswer as exc:
            return Moved(draft, exc.message)
        return await self.advance(store, flow, draft, data)

    async def advance(
        self, store: DraftStore[D], flow: Flow[D], draft: Draft[D], data: D
    ) -> Outcome[D]:
        """Store `data` as the answer to `draft.step` and move to the next question."""
        history = (*draft.history, draft.step)
        following = flow.next_step(draft.step, data)
        if draft.is_editing:
            summary = draft.history[-1].removeprefix(EDIT_MARK)
            history = draft.history[:-1]
            if draft.step not in history:
                history = (*history, draft.step)
            while following is not None and following != summary and following in history:
                following = flow.next_step(following, data)  # answered before: keep it
            following = summary if following is None else following
            if following != summary:  # a question that now applies, then back to the summary
                history = (*history, f"{EDIT_MARK}{summary}")
        if following is None:
            return Completed(replace(draft, data=data))
        moved = Draft(draft.user_id, following, data, history)
        await self._save(store, moved)
        return Moved(moved)

    async def back(self, store: DraftStore[D], draft: Draft[D]) -> Moved[D]:
        """One question back (the answers stay, to be given again)."""
        history = [h for h in draft.history if not h.startswith(EDIT_MARK)]
        if not history:
            return Moved(draft, self._notices.first_step)
        moved = Draft(draft.user_id, history[-1], draft.data, tuple(history[:-1]))
        await self._save(store, moved)
        return Moved(moved)

    async def edit(
        self, store: DraftStore[D], flow: Flow[D], draft: Draft[D], step: str
    ) -> Moved[D]:
        """From the summary, ask `step` again and come back to the summary afterwards."""
        summary = flow.summary
        if summary is None or draft.step != summary or step not in draft.history:
            return Moved(draft, self._notices.stale_step)
        moved = Draft(draft.user_id, step, draft.data, (*draft.history, f"{EDIT_MARK}{summary}"))
        await self._save(store, moved)
        return Moved(moved)
