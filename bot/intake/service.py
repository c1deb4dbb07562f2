"""Consultation intake: consent, the questions one by one, and the case it creates.

All state lives in the intake draft row, so a restart or a second worker loses nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import Any, Literal

from bot import texts
from bot.account.documents import attach_draft_documents
from bot.calc import eligibility
from bot.calc.render import VERDICT
from bot.clock import Clock
from bot.dialog import Choice, InvalidAnswer, Prompt
from bot.intake import flow
from bot.intake.triage import IntakeAnswers, Triage, triage
from bot.knowledge.service import FaqService
from bot.notify.notes import NewCaseCard
from bot.notify.notifier import Notifier
from bot.vocabulary import (
    ActorKind,
    ConsentKind,
    ContactMethod,
    EventKind,
    Stage,
    Urgency,
)
from storage.db import UnitOfWork

logger = logging.getLogger(__name__)

ViewKind = Literal["prompt", "refused", "cancelled", "submitted"]


@dataclass(frozen=True)
class IntakePolicy:
    draft_days: int
    retention_years: int
    team_chat_id: int | None


@dataclass(frozen=True)
class IntakeView:
    """What the parent should see next."""

    kind: ViewKind
    prompt: Prompt | None = None
    notice: str | None = None
    crisis_message: str | None = None
    case_number: str | None = None
    is_urgent: bool = False


class IntakeService:
    def __init__(
        self, clock: Clock, faq: FaqService, policy: IntakePolicy, notifier: Notifier
    ) -> None:
        self._clock = clock
        self._faq = faq
        self._policy = policy
        self._notifier = notifier

    def topics(self) -> list[Choice]:
        return [Choice(g.id, g.title) for g in self._faq.groups()]

    async def is_active(self, uow: UnitOfWork, *, telegram_id: int) -> bool:
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        if user is None:
            return False
        return await uow.drafts.get(user_id=user.id, now=self._clock.now()) is not None

    async def start(self, uow: UnitOfWork, *, telegram_id: int) -> IntakeView:
        """Begin an intake, or resume the one in progress."""
        user = await uow.users.ensure(telegram_id=telegram_id, now=self._clock.now())
        draft = await uow.drafts.get(user_id=user.id, now=self._clock.now())
        if draft is not None:
            return self._view(draft.step, draft.data, notice=texts.INTAKE_RESUMED)
        await self._save(uow, user.id, flow.FIRST_STEP, {}, [])
        return self._view(flow.FIRST_STEP, {})

    async def answer_text(
        self, uow: UnitOfWork, *, telegram_id: int, text: str
    ) -> IntakeView | None:
        """A typed answer; None when the user has no intake in progress."""
        state = await self._state(uow, telegram_id)
        if state is None:
            return None
        user_id, step, data, history = state
        if step not in flow.TEXT_STEPS:
            return self._view(step, data, notice=texts.INTAKE_CHOOSE_BUTTON)
        try:
            updated = flow.accept_text(step, text, data, self._clock.today())
        except InvalidAnswer as exc:
            return self._view(step, data, notice=exc.message)
        crisis = None
        if step == "description":
            reply = self._faq.match(updated["description"])
            updated["has_crisis_words"] = reply.outcome == "crisis"
            crisis = reply.crisis_message if reply.outcome == "crisis" else None
        view = await self._advance(uow, user_id, step, updated, history)
        return IntakeView(view.kind, view.prompt, view.notice, crisis)

    async def answer_choice(
        self, uow: UnitOfWork, *, telegram_id: int, step: str, value: str
    ) -> IntakeView | None:
        """A button press; buttons from a step already passed re-show the current one."""
        state = await self._state(uow, telegram_id)
        if state is None:
            return None
        user_id, current, data, history = state
        if step != current:
            return self._view(current, data, notice=texts.INTAKE_STALE_STEP)
        try:
            updated = flow.accept_choice(step, value, data, self.topics())
        except InvalidAnswer as exc:
            return self._view(current, data, notice=exc.message)
        ended = await self._record_or_end(uow, user_id, step, value, updated)
        if ended is not None:
            return ended
        view = await self._advance(uow, user_id, step, updated, history)
        if step == "consent_sensitive" and value == "no":
            return IntakeView(view.kind, view.prompt, texts.INTAKE_SENSITIVE_REFUSED)
        return view

    async def _record_or_end(
        self, uow: UnitOfWork, user_id: int, step: str, value: str, data: dict[str, Any]
    ) -> IntakeView | None:
        """Record a consent answer; end the intake on a refusal, a cancel or a confirmation."""
        now = self._clock.now()
        if step == "consent" and value == "no":
            await uow.drafts.discard(user_id=user_id)
            return IntakeView("refused")
        if step in ("consent", "consent_sensitive"):
            await uow.consents.record(
                user_id=user_id,
                kind=ConsentKind.PERSONAL if step == "consent" else ConsentKind.SENSITIVE,
                now=now,
                granted=step == "consent" or value == "yes",
                version=texts.CONSENT_VERSION,
            )
        if step != "confirm":
            return None
        if value == "cancel":
            await uow.drafts.discard(user_id=user_id)
            return IntakeView("cancelled")
        return await self._submit(uow, user_id, data)

    async def back(self, uow: UnitOfWork, *, telegram_id: int) -> IntakeView | None:
        state = await self._state(uow, telegram_id)
        if state is None:
            return None
        user_id, step, data, history = state
        if not history:
            return self._view(step, data, notice=texts.INTAKE_FIRST_STEP)
        previous = history[-1]
        await self._save(uow, user_id, previous, data, history[:-1])
        return self._view(previous, data)

    async def cancel(self, uow: UnitOfWork, *, telegram_id: int) -> bool:
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        if user is None or await uow.drafts.get(user_id=user.id, now=self._clock.now()) is None:
            return False
        await uow.drafts.discard(user_id=user.id)
        return True

    # ---- internals ----------------------------------------------------------------------

    async def _state(
        self, uow: UnitOfWork, telegram_id: int
    ) -> tuple[int, str, dict[str, Any], list[str]] | None:
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        if user is None:
            return None
        draft = await uow.drafts.get(user_id=user.id, now=self._clock.now())
        if draft is None:
            return None
        return user.id, draft.step, dict(draft.data), list(draft.history)

    async def _save(
        self, uow: UnitOfWork, user_id: int, step: str, data: dict[str, Any], history: list[str]
    ) -> None:
        now = self._clock.now()
        await uow.drafts.save(
            user_id=user_id,
            step=step,
            data=data,
            history=history,
            now=now,
            expires_at=now + timedelta(days=self._policy.draft_days),
        )

    async def _advance(
        self, uow: UnitOfWork, user_id: int, step: str, data: dict[str, Any], history: list[str]
    ) -> IntakeView:
        following = flow.next_step(step, data)
        if following is None:  # confirm is handled before advancing
            raise RuntimeError(f"no step after {step}")
        await self._save(uow, user_id, following, data, [*history, step])
        return self._view(following, data)

    def _view(self, step: str, data: dict[str, Any], notice: str | None = None) -> IntakeView:
        summary = ""
        if step == "confirm":
            summary = parent_summary(
                {**data, **precheck(data, self._clock.today())}, self.topics()
            )
        prompt = flow.prompt(
            step,
            data,
            self.topics(),
            summary=summary,
            retention_years=self._policy.retention_years,
            draft_days=self._policy.draft_days,
        )
        return IntakeView("prompt", prompt, notice)

    async def _submit(self, uow: UnitOfWork, user_id: int, data: dict[str, Any]) -> IntakeView:
        today, now = self._clock.today(), self._clock.now()
        result = triage(to_answers(data), today)
        data = {**data, **precheck(data, today)}
        upcoming = [d.due for d in result.deadlines if d.days_left >= 0]
        topic_title = flow.label([*self.topics(), flow.OTHER_TOPIC], data.get("topic"))
        case = await uow.cases.create(
            year=today.year,
            now=now,
            user_id=user_id,
            topic=data.get("topic", "other"),
            case_type=result.case_type,
            urgency=result.urgency,
            urgency_reason="\n".join(result.reasons),
            stage=Stage.NEW,
            answers=public_answers(data),
            summary=staff_summary(data, topic_title, result),
            contact_method=data.get("contact_method", ContactMethod.TELEGRAM),
            contact_value=data.get("contact_value"),
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
        await attach_draft_documents(uow, case_id=case.id, data=data, clock=self._clock)
        await self._notifier.enqueue(  # the team's card, in the same transaction as the case
            uow,
            NewCaseCard(case_id=case.id),
            chat_id=self._policy.team_chat_id,
            case_id=case.id,
            dedupe_key=f"new_case:{case.id}",
        )
        await uow.drafts.discard(user_id=user_id)
        logger.info("case %s created urgency=%s", case.number, result.urgency)
        return IntakeView(
            "submitted", case_number=case.number, is_urgent=result.urgency == Urgency.URGENT
        )


def to_answers(data: dict[str, Any]) -> IntakeAnswers:
    status = data.get("status", "working")
    key_date = data.get("key_date")
    return IntakeAnswers(
        topic=data.get("topic", "other"),
        role=data.get("role", "other"),
        workplace_size=data.get("workplace_size", "unknown"),
        contract=data.get("contract", "regular"),
        status="left" if status in ("dismissed", "resigned") else status,
        key_date_kind=data.get("key_date_kind"),
        key_date=date.fromisoformat(key_date) if key_date else None,
        description=data.get("description", ""),
        has_crisis_words=bool(data.get("has_crisis_words")),
        leave_refused=data.get("leave_refused") == "yes",
    )


_PUBLIC_KEYS = (
    "topic",
    "role",
    "workplace_size",
    "contract",
    "status",
    "hired_on",
    "leave_refused",
    "key_date_kind",
    "key_date",
    "description",
    "contact_time",
    "sensitive_consent",
    "has_crisis_words",
    "eligibility",
)


def precheck(data: dict[str, Any], today: date) -> dict[str, Any]:
    """The eligibility pre-check for leave topics, as structured answers for the case."""
    purpose = flow.PRECHECK_PURPOSES.get(str(data.get("topic")))
    if purpose is None or data.get("status") not in ("working", "on_leave"):
        return {}
    start = today
    if data.get("key_date_kind") in ("leave_start", "due_date") and data.get("key_date"):
        start = max(today, date.fromisoformat(str(data["key_date"])))
    hired = data.get("hired_on")
    result = eligibility(
        purpose=purpose,
        leave_start=start,
        hired_on=date.fromisoformat(str(hired)) if hired else None,
        workplace_size=str(data.get("workplace_size", "unknown")),
        contract=str(data.get("contract", "regular")),
    )
    return {
        "eligibility": {
            "purpose": purpose,
            "verdict": result.verdict,
            "leave": result.leave_verdict,
            "pay": result.pay_verdict,
            "reasons": [{"status": r.status, "text": r.text} for r in result.reasons],
        }
    }


def precheck_lines(data: dict[str, Any]) -> list[str]:
    """Plain lines of the pre-check verdict and the reasons that need checking."""
    found = data.get("eligibility")
    if not isinstance(found, dict):
        return []
    lines = [f"사전 확인: {VERDICT.get(str(found.get('verdict')), '-')}"]
    lines += [
        f"  - {r['text']}"
        for r in found.get("reasons", [])
        if isinstance(r, dict) and r.get("status") != "info"
    ]
    return lines


def public_answers(data: dict[str, Any]) -> dict[str, Any]:
    """The structured answers stored on the case (contact details live in their own fields)."""
    return {k: data.get(k) for k in _PUBLIC_KEYS if k in data}


_DATE_LABELS = {
    "dismissal": "해고일",
    "resignation": "퇴사일",
    "due_date": "출산 예정일",
    "leave_start": "시작 예정일",
}


def _answer_lines(data: dict[str, Any], topics: list[Choice]) -> list[str]:
    lines = [
        f"• 주제: {flow.label([*topics, flow.OTHER_TOPIC], data.get('topic'))}",
        f"• 신청인: {flow.label(flow.ROLES, data.get('role'))}",
        f"• 사업장: {flow.label(flow.WORKPLACE_SIZES, data.get('workplace_size'))}, "
        f"{flow.label(flow.CONTRACTS, data.get('contract'))}",
        f"• 상황: {flow.label(flow.STATUSES, data.get('status'))}",
    ]
    if data.get("hired_on"):
        lines.append(f"• 입사일: {data['hired_on']}")
    if data.get("leave_refused"):
        lines.append(f"• 신청 거부: {flow.label(flow.LEAVE_REFUSED, data.get('leave_refused'))}")
    if data.get("key_date_kind"):
        lines.append(f"• {_DATE_LABELS[data['key_date_kind']]}: {data.get('key_date') or '모름'}")
    return lines


def parent_summary(data: dict[str, Any], topics: list[Choice]) -> str:
    """What the parent checks before submitting (HTML-escaped)."""
    contact = flow.label(flow.CONTACT_METHODS, data.get("contact_method"))
    if data.get("contact_value"):
        contact += f" ({data['contact_value']})"
    description = data.get("description", "")
    shown = description if len(description) <= 300 else description[:300] + "…"
    lines = [
        *_answer_lines(data, topics),
        f"• 연락: {contact}, {data.get('contact_time', '-')}",
        f"• 내용: {shown}",
        *[
            f"• {line.strip()}" if not line.startswith(" ") else line
            for line in precheck_lines(data)
        ],
    ]
    return escape("\n".join(lines))


def staff_summary(data: dict[str, Any], topic_title: str, result: Triage) -> str:
    """The team's plain-text summary; contact details are not in it."""
    lines = [
        f"주제: {topic_title}",
        *[line[2:] for line in _answer_lines(data, [])[1:]],
        f"제안 유형: {result.case_type}",
        f"긴급도: {'긴급' if result.urgency == Urgency.URGENT else '보통'}",
    ]
    lines += [f"  - {reason}" for reason in result.reasons]
    lines += [
        f"기한: {d.label} {d.due.isoformat()} (D-{d.days_left})"
        for d in result.deadlines
        if d.days_left >= 0
    ]
    lines += precheck_lines(data)
    lines.append(
        f"연락 희망: {flow.label(flow.CONTACT_METHODS, data.get('contact_method'))}, "
        f"{data.get('contact_time', '-')}"
    )
    lines.append(f"내용: {data.get('description', '')}")
    return "\n".join(lines)
