"""Consultation intake: consent, the questions one by one, and the case it creates.

The questions are `bot.intake.flow`, walked by the `bot.dialog` engine; all state lives in
the intake draft row, so a restart or a second worker loses nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final, Literal

from bot import texts
from bot.account.documents import attach_draft_documents
from bot.clock import Clock
from bot.dialog import (
    Choice,
    Completed,
    DialogView,
    Draft,
    Flow,
    InvalidAnswer,
    Notices,
    Outcome,
    Prompt,
    StepDialog,
    label,
)
from bot.intake import flow
from bot.intake.data import IntakeData, IntakeDrafts
from bot.intake.summary import (
    mentions_health,
    parent_summary,
    public_answers,
    staff_summary,
    to_answers,
    with_precheck,
)
from bot.intake.triage import triage
from bot.knowledge.sentences import is_question, split_sentences
from bot.knowledge.service import FaqService
from bot.notify.notes import NewCaseCard
from bot.notify.notifier import Notifier
from bot.vocabulary import ActorKind, ConsentKind, ContactMethod, EventKind, Stage, Urgency
from storage.db import UnitOfWork

logger = logging.getLogger(__name__)

IntakeEndKind = Literal["refused", "cancelled", "submitted", "asked"]
#: Steps outside the flow: the intake is paused, or a typed answer looked like a question.
PAUSED_STEP: Final = "paused"
PENDING_STEP: Final = "pending"
EDIT_PICK_STEP: Final = "edit_pick"  # from the summary: which answer to give again
#: A one-line question this short that the FAQ answers confidently is probably an FAQ
#: question; a longer one tells the parent's own situation.
QUESTION_LIKE_MAX_CHARS: Final = 40
CONSENT_STEPS: Final = {
    "consent": ConsentKind.PERSONAL,
    "consent_sensitive": ConsentKind.SENSITIVE,
}


@dataclass(frozen=True)
class IntakePolicy:
    draft_days: int
    retention_years: int
    team_chat_id: int | None


@dataclass(frozen=True)
class IntakeEnding:
    """How an intake ended: consent refused, cancelled, or a case created."""

    kind: IntakeEndKind
    case_number: str | None = None
    is_urgent: bool = False
    question: str | None = None  # "asked": the parent chose to ask this as an FAQ question


IntakeView = DialogView[IntakeEnding]


class IntakeService:
    def __init__(
        self, clock: Clock, faq: FaqService, policy: IntakePolicy, notifier: Notifier
    ) -> None:
        self._clock = clock
        self._faq = faq
        self._policy = policy
        self._notifier = notifier
        notices = Notices(stale_step=texts.INTAKE_STALE_STEP, first_step=texts.INTAKE_FIRST_STEP)
        self._dialog: StepDialog[IntakeData] = StepDialog(
            clock, timedelta(days=policy.draft_days), notices
        )
        self._flow: tuple[tuple[tuple[Choice, ...], date], Flow[IntakeData]] | None = None

    def topics(self) -> list[Choice]:
        return [Choice(g.id, g.title) for g in self._faq.groups()]

    def flow(self) -> Flow[IntakeData]:
        """The questions for the FAQ's current topic groups (built again only when the
        groups or the day change)."""
        key = (tuple(self.topics()), self._clock.today())
        if self._flow is None or self._flow[0] != key:
            topics, today = list(key[0]), key[1]
            built = flow.intake_flow(
                topics,
                retention_years=self._policy.retention_years,
                draft_days=self._policy.draft_days,
                summary=lambda data: parent_summary(with_precheck(data, today), topics),
            )
            self._flow = (key, built)
        return self._flow[1]

    async def is_active(self, uow: UnitOfWork, *, telegram_id: int) -> bool:
        return await self._draft(uow, telegram_id) is not None

    async def is_taking_answers(self, uow: UnitOfWork, *, telegram_id: int) -> bool:
        """An intake in progress and not paused: typed text answers its question."""
        draft = await self._draft(uow, telegram_id)
        return draft is not None and not draft.data.is_paused

    async def start(
        self, uow: UnitOfWork, *, telegram_id: int, crisis_connect: bool = False
    ) -> IntakeView:
        """Begin an intake, or resume the one in progress.

        `crisis_connect`: after crisis words, only consent and how to reach the parent are
        asked, and the case is urgent.
        """
        user = await uow.users.ensure(telegram_id=telegram_id, now=self._clock.now())
        store, steps = IntakeDrafts(uow), self.flow()
        draft = await self._dialog.current(store, user_id=user.id)
        if draft is not None and not (crisis_connect and not draft.data.is_crisis_connect):
            return await self._resume(uow, steps, draft)
        data = draft.data if draft is not None else IntakeData()  # keep what was answered
        if crisis_connect:
            data = data.answer(
                is_crisis_connect=True,
                has_crisis_words=True,
                is_paused=None,
                pending_text=None,
                description=data.description or texts.CRISIS_CONNECT_DESCRIPTION,
                topic=data.topic or flow.OTHER_TOPIC.value,
            )
        started = await self._dialog.begin(store, steps, user_id=user.id, data=data)
        return _asking(steps, started)

    async def pause(self, uow: UnitOfWork, *, telegram_id: int) -> bool:
        """A command or the menu came between: keep the draft, stop reading text as answers.
        False when no intake is in progress."""
        draft = await self._draft(uow, telegram_id)
        if draft is None:
            return False
        if not draft.data.is_paused:
            paused = draft.data.answer(is_paused=True, pending_text=None)
            await self._dialog.keep(IntakeDrafts(uow), replace(draft, data=paused))
        return True

    def paused_prompt(self) -> Prompt:
        """ "이어서 작성 / 그만두기" for a paused intake."""
        return Prompt(
            PAUSED_STEP,
            texts.INTAKE_PAUSED,
            [
                Choice("resume", texts.INTAKE_RESUME_BUTTON),
                Choice("stop", texts.INTAKE_STOP_BUTTON),
            ],
        )

    async def _resume(
        self, uow: UnitOfWork, steps: Flow[IntakeData], draft: Draft[IntakeData]
    ) -> IntakeView:
        if draft.data.is_paused or draft.data.pending_text:
            data = draft.data.answer(is_paused=None, pending_text=None)
            draft = replace(draft, data=data)
            await self._dialog.keep(IntakeDrafts(uow), draft)
        return _asking(steps, draft, texts.INTAKE_RESUMED)

    async def answer_text(
        self, uow: UnitOfWork, *, telegram_id: int, text: str, is_crisis: bool = False
    ) -> IntakeView | None:
        """A typed answer; None when the user has no intake in progress (or it is paused).

        Crisis words outside the description are not taken as that question's answer: the
        request is marked urgent and the question asked again.
        """
        draft = await self._draft(uow, telegram_id)
        if draft is None or draft.data.is_paused:
            return None
        steps = self.flow()
        if is_crisis and draft.step != "description":
            flagged = replace(draft, data=draft.data.answer(has_crisis_words=True))
            await self._dialog.keep(IntakeDrafts(uow), flagged)
            return _asking(steps, flagged, texts.INTAKE_CRISIS_NOTED)
        if draft.step == "description" and self._looks_like_question(text):
            held = draft.data.answer(pending_text=text.strip())
            await self._dialog.keep(IntakeDrafts(uow), replace(draft, data=held))
            return DialogView(_pending_prompt())
        try:
            data = steps.accept_text(draft.step, text, draft.data, self._clock.today())
        except InvalidAnswer as exc:
            return _asking(steps, draft, exc.message)
        crisis = notice = None
        if draft.step == "description":
            reply = self._faq.match(data.description or "")
            data = data.answer(has_crisis_words=reply.outcome == "crisis")
            crisis = reply.crisis_message if reply.outcome == "crisis" else None
            withheld = not data.sensitive_consent and mentions_health(data.description or "")
            data = data.answer(health_withheld=withheld)
            notice = texts.INTAKE_HEALTH_WITHHELD if withheld else None
        outcome = await self._dialog.advance(IntakeDrafts(uow), steps, draft, data)
        view = await self._view(uow, steps, outcome)
        return replace(view, crisis_message=crisis, notice=notice or view.notice)

    async def answer_choice(
        self, uow: UnitOfWork, *, telegram_id: int, step: str, value: str
    ) -> IntakeView | None:
        """A button press; buttons from a step already passed re-show the current one."""
        draft = await self._draft(uow, telegram_id)
        if draft is None:
            return None
        store, steps = IntakeDrafts(uow), self.flow()
        if step in (PAUSED_STEP, PENDING_STEP, EDIT_PICK_STEP):
            return await self._outside_flow(uow, steps, draft, step, value)
        if step == draft.step == flow.SUMMARY_STEP and value == "edit":
            return DialogView(_edit_pick_prompt(draft))
        if step == draft.step and (step, value) in (("consent", "no"), ("confirm", "cancel")):
            await store.discard(user_id=draft.user_id)
            return DialogView(ending=IntakeEnding("refused" if step == "consent" else "cancelled"))
        outcome = await self._dialog.answer_choice(store, steps, draft, step, value)
        is_taken = isinstance(outcome, Completed) or outcome.notice is None
        if is_taken and step in CONSENT_STEPS:
            await uow.consents.record(
                user_id=draft.user_id,
                kind=CONSENT_STEPS[step],
                now=self._clock.now(),
                granted=value == "yes",
                version=texts.CONSENT_VERSION,
            )
        view = await self._view(uow, steps, outcome)
        if is_taken and step == "consent_sensitive" and value == "no":
            return replace(view, notice=texts.INTAKE_SENSITIVE_REFUSED)
        return view

    async def back(self, uow: UnitOfWork, *, telegram_id: int) -> IntakeView | None:
        """One question back; None when no intake is in progress."""
        draft = await self._draft(uow, telegram_id)
        if draft is None:
            return None
        moved = await self._dialog.back(IntakeDrafts(uow), draft)
        return _asking(self.flow(), moved.draft, moved.notice)

    async def cancel(self, uow: UnitOfWork, *, telegram_id: int) -> bool:
        draft = await self._draft(uow, telegram_id)
        if draft is None:
            return False
        await IntakeDrafts(uow).discard(user_id=draft.user_id)
        return True

    # ---- internals ----------------------------------------------------------------------

    def _looks_like_question(self, text: str) -> bool:
        """One short question the FAQ answers confidently: ask before storing it as the
        account. A statement, or more than one sentence, is the parent's account."""
        text = text.strip()
        return (
            len(text) <= QUESTION_LIKE_MAX_CHARS
            and len(split_sentences(text)) == 1
            and is_question(text)
            and self._faq.is_clear_question(text)
        )

    async def _outside_flow(
        self,
        uow: UnitOfWork,
        steps: Flow[IntakeData],
        draft: Draft[IntakeData],
        step: str,
        value: str,
    ) -> IntakeView:
        """ "이어서 작성 / 그만두기", whether question-like text is the account, or which
        answer to change from the summary."""
        if step == PENDING_STEP:
            return await self._settle_pending(uow, steps, draft, value)
        if step == EDIT_PICK_STEP:
            if value not in texts.INTAKE_EDIT_LABELS:  # "back", or a stale button
                return _asking(steps, draft)
            moved = await self._dialog.edit(IntakeDrafts(uow), steps, draft, value)
            return _asking(steps, moved.draft, moved.notice)
        if value == "stop":
            await IntakeDrafts(uow).discard(user_id=draft.user_id)
            return DialogView(ending=IntakeEnding("cancelled"))
        return await self._resume(uow, steps, draft)

    async def _settle_pending(
        self, uow: UnitOfWork, steps: Flow[IntakeData], draft: Draft[IntakeData], value: str
    ) -> IntakeView:
        """The parent said whether the question-like text is their account or a question."""
        pending = draft.data.pending_text
        if pending is None or draft.step != "description":
            return _asking(steps, draft, texts.INTAKE_STALE_STEP)
        if value == "ask":
            paused = draft.data.answer(is_paused=True, pending_text=None)
            await self._dialog.keep(IntakeDrafts(uow), replace(draft, data=paused))
            return DialogView(ending=IntakeEnding("asked", question=pending))
        cleared = replace(draft, data=draft.data.answer(pending_text=None))
        try:
            data = steps.accept_text(draft.step, pending, cleared.data, self._clock.today())
        except InvalidAnswer as exc:
            await self._dialog.keep(IntakeDrafts(uow), cleared)
            return _asking(steps, cleared, exc.message)
        reply = self._faq.match(pending)
        data = data.answer(has_crisis_words=reply.outcome == "crisis")
        outcome = await self._dialog.advance(IntakeDrafts(uow), steps, cleared, data)
        return await self._view(uow, steps, outcome)

    async def _draft(self, uow: UnitOfWork, telegram_id: int) -> Draft[IntakeData] | None:
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        if user is None:
            return None
        return await self._dialog.current(IntakeDrafts(uow), user_id=user.id)

    async def _view(
        self, uow: UnitOfWork, steps: Flow[IntakeData], outcome: Outcome[IntakeData]
    ) -> IntakeView:
        if isinstance(outcome, Completed):  # the summary was confirmed
            return await self._submit(uow, outcome.draft)
        return _asking(steps, outcome.draft, outcome.notice)

    async def _submit(self, uow: UnitOfWork, draft: Draft[IntakeData]) -> IntakeView:
        today, now = self._clock.today(), self._clock.now()
        result = triage(to_answers(draft.data), today)
        data = with_precheck(draft.data, today)
        upcoming = [d.due for d in result.deadlines if d.days_left >= 0]
        topic_title = label([*self.topics(), flow.OTHER_TOPIC], data.topic)
        case = await uow.cases.create(
            year=today.year,
            now=now,
            user_id=draft.user_id,
            topic=data.topic or "other",
            case_type=result.case_type,
            urgency=result.urgency,
            urgency_reason="\n".join(result.reasons),
            stage=Stage.NEW,
            answers=public_answers(data),
            summary=staff_summary(data, topic_title, result),
            contact_method=data.contact_method or ContactMethod.TELEGRAM,
            contact_value=data.contact_value,
            next_deadline=min(upcoming) if upcoming else None,
        )
        await uow.cases.add_event(
            case_id=case.id,
            kind=EventKind.CREATED,
            actor_kind=ActorKind.PARENT,
            now=now,
            to_value=Stage.NEW,
            text=result.urgency,
        )
        await attach_draft_documents(uow, case_id=case.id, data=data.stored(), clock=self._clock)
        await self._notifier.enqueue(  # the team's card, in the same transaction as the case
            uow,
            NewCaseCard(case_id=case.id),
            chat_id=self._policy.team_chat_id,
            case_id=case.id,
            dedupe_key=f"new_case:{case.id}",
        )
        await IntakeDrafts(uow).discard(user_id=draft.user_id)
        logger.info("case %s created urgency=%s", case.number, result.urgency)
        ending = IntakeEnding("submitted", case.number, result.urgency == Urgency.URGENT)
        return DialogView(ending=ending)


def _edit_pick_prompt(draft: Draft[IntakeData]) -> Prompt:
    """The answers given so far that can be given again, in the order they were asked."""
    answered = [step for step in draft.history if step in texts.INTAKE_EDIT_LABELS]
    choices = [Choice(step, texts.INTAKE_EDIT_LABELS[step]) for step in dict.fromkeys(answered)]
    return Prompt(
        EDIT_PICK_STEP, texts.INTAKE_EDIT_PICK, [*choices, Choice("back", texts.INTAKE_EDIT_BACK)]
    )


def _pending_prompt() -> Prompt:
    return Prompt(
        PENDING_STEP,
        texts.INTAKE_PENDING_QUESTION,
        [
            Choice("keep", texts.INTAKE_PENDING_KEEP),
            Choice("ask", texts.INTAKE_PENDING_ASK),
        ],
    )


def _asking(
    steps: Flow[IntakeData], draft: Draft[IntakeData], notice: str | None = None
) -> IntakeView:
    return DialogView(steps.prompt(draft.step, draft.data), notice)
