"""The FAQ as the bot uses it: match, record what was asked, reload safely."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from html import escape
from pathlib import Path
from typing import Final

from bot import texts
from bot.account.privacy import mask_pii
from bot.calc import RuleBook, load_rules
from bot.clock import Clock
from bot.knowledge import KnowledgeBase, KnowledgeBaseError, load_knowledge_base
from bot.knowledge.engine import FaqEngine
from bot.knowledge.expiry import ADMIN_ALERT_DAYS, Expiring, expiring
from bot.knowledge.models import Center, FaqEntry, Group
from bot.notify.notes import AdminAlert
from bot.notify.notifier import Notifier
from bot.vocabulary import FeedbackReason
from storage.db import UnitOfWork
from storage.models import UnansweredQuestion

logger = logging.getLogger(__name__)

#: How sure a direct answer must be to take a message meant for a person (the account of
#: an intake, a message to an open case): a wrong one would keep it from them.
CLEAR_QUESTION_PROBABILITY: Final = 0.95
#: A message within this time of the previous question may be a follow-up to it.
FOLLOW_UP_WINDOW: Final = timedelta(minutes=10)


@dataclass(frozen=True)
class FaqReply:
    outcome: str  # answer | suggestions | none | crisis
    score: float
    entries: list[FaqEntry] = field(default_factory=list)
    crisis_message: str | None = None
    alternative: FaqEntry | None = None  # offered under an answer ("혹시 이 질문이었나요?")
    social: str | None = None  # smalltalk | person: a short reply instead of entries


@dataclass(frozen=True)
class ReloadResult:
    is_ok: bool
    entries: int
    groups: int
    problems: list[str] = field(default_factory=list)


class FaqService:
    """Holds the current knowledge base and matcher; reloads swap both at once."""

    def __init__(
        self,
        faq_dir: Path,
        clock: Clock,
        knowledge: KnowledgeBase,
        rules: RuleBook,
        engine: FaqEngine | None = None,
    ) -> None:
        """`engine` is the matcher built for `knowledge`, when the caller has one already."""
        self._faq_dir = faq_dir
        self._clock = clock
        self._knowledge = knowledge
        self._engine = engine if engine is not None else FaqEngine(knowledge)
        self._rules = rules
        self._lock = asyncio.Lock()

    @classmethod
    def load(cls, faq_dir: Path, clock: Clock) -> FaqService:
        """Load the knowledge base and the rule tables; raises KnowledgeBaseError."""
        knowledge, rules, engine = _build(faq_dir)
        return cls(faq_dir, clock, knowledge, rules, engine)

    def rules(self) -> RuleBook:
        """The benefit rule tables currently in force (swapped by reload)."""
        return self._rules

    @property
    def knowledge(self) -> KnowledgeBase:
        return self._knowledge

    @property
    def engine(self) -> FaqEngine:
        """The matcher for the current knowledge base (swapped by reload)."""
        return self._engine

    @property
    def faq_dir(self) -> Path:
        return self._faq_dir

    @property
    def center(self) -> Center | None:
        return self._knowledge.center

    def groups(self) -> list[Group]:
        return sorted(self._knowledge.groups, key=lambda g: g.order)

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self._knowledge.groups if g.id == group_id), None)

    def entry(self, entry_id: str) -> FaqEntry | None:
        return self._knowledge.entry(entry_id, self._clock.today())

    def is_crisis(self, text: str) -> bool:
        """Whether the message sounds like danger: crisis help comes before anything else."""
        return self._engine.is_crisis(text)

    def is_clear_question(self, text: str) -> bool:
        """Whether the FAQ answers `text` directly and with near certainty (not small talk).

        It decides whether a message meant for a person (an open case, the account of an
        intake) is answered by the bot instead, so it asks for more than a direct answer.
        """
        reply = self.match(text)
        return (
            reply.outcome == "answer"
            and reply.social is None
            and reply.score >= CLEAR_QUESTION_PROBABILITY
        )

    @property
    def crisis_message(self) -> str:
        return self._knowledge.safety.message

    def match(self, text: str, previous: Sequence[str] = ()) -> FaqReply:
        """Match without recording anything; `previous`: the chat's last topic ids."""
        result = self._engine.match(text, self._clock.today(), previous)
        if result.outcome == "crisis":
            return FaqReply("crisis", result.score, [], self._knowledge.safety.message)
        entries = [e for e in (self.entry(i) for i in result.ids) if e is not None]
        alternative = self.entry(result.alternative) if result.alternative else None
        return FaqReply(result.outcome, result.score, entries, None, alternative, result.social)

    async def answer(self, *, uow: UnitOfWork, text: str, telegram_id: int | None) -> FaqReply:
        """Match a parent's question (a follow-up with their previous topic) and record
        the outcome for staff and reports."""
        now = self._clock.now()
        user_id = await self._user_id(uow, telegram_id)
        previous: list[str] = []
        if user_id is not None:
            since = now - FOLLOW_UP_WINDOW
            last = await uow.faq_context.recent(user_id=user_id, since=since)
            previous = [last] if last else []
        reply = self.match(text, previous)
        if user_id is not None and reply.social is None and reply.entries:
            # Only an entry id is kept (no text); crisis replies carry no entries.
            await uow.faq_context.remember(user_id=user_id, entry_id=reply.entries[0].id, now=now)
        if reply.social is not None:
            pass  # small talk and requests for a person are not FAQ questions
        elif reply.outcome == "answer":
            await uow.feedback.log_answer(entry_id=reply.entries[0].id, outcome="answer", now=now)
        elif reply.outcome == "crisis":  # counted for the review's answer rates, no text
            await uow.feedback.log_answer(entry_id="", outcome="crisis", now=now)
        elif reply.outcome in ("suggestions", "none"):
            await uow.unanswered.add(
                question_masked=mask_pii(text),
                outcome=reply.outcome,
                best_ids=[e.id for e in reply.entries],
                score=reply.score,
                now=now,
            )
        logger.info("faq outcome=%s score=%.3f user=%s", reply.outcome, reply.score, user_id)
        return reply

    async def record_crisis(self, *, uow: UnitOfWork) -> None:
        """Crisis help was shown for a message (counted, nothing of the text is kept)."""
        await uow.feedback.log_answer(entry_id="", outcome="crisis", now=self._clock.now())

    async def record_choice(self, *, uow: UnitOfWork, entry_id: str) -> None:
        """A parent picked an entry from suggestions or the menu."""
        await uow.feedback.log_answer(entry_id=entry_id, outcome="chosen", now=self._clock.now())

    async def record_feedback(
        self,
        *,
        uow: UnitOfWork,
        entry_id: str,
        is_helpful: bool,
        telegram_id: int | None,
        question: str | None,
    ) -> int:
        """👍 / 👎 for an entry; the question is kept (masked) only with a 👎. The vote's id."""
        return await uow.feedback.add(
            entry_id=entry_id,
            is_helpful=is_helpful,
            user_id=await self._user_id(uow, telegram_id),
            question_masked=mask_pii(question) if question else None,
            now=self._clock.now(),
        )

    async def record_feedback_reason(
        self, *, uow: UnitOfWork, feedback_id: int, telegram_id: int, reason: FeedbackReason
    ) -> bool:
        """Why the parent's own 👎 was given; False when the vote is not theirs."""
        user_id = await self._user_id(uow, telegram_id)
        if user_id is None:
            return False
        return await uow.curation.set_feedback_reason(
            feedback_id=feedback_id, user_id=user_id, reason=reason
        )

    async def unanswered(self, *, uow: UnitOfWork, limit: int = 20) -> list[UnansweredQuestion]:
        """The latest questions not answered confidently and not yet reviewed (masked)."""
        return await uow.unanswered.recent(limit=limit)

    def expiring(self, *, within_days: int, from_days: int = 0) -> list[Expiring]:
        """Dated FAQ versions and rule tables ending soon with nothing to take over."""
        return expiring(
            self._knowledge,
            self._rules,
            today=self._clock.today(),
            within_days=within_days,
            from_days=from_days,
        )

    async def alert_expiring(self, *, uow: UnitOfWork, notifier: Notifier) -> int:
        """Tell each admin, once per item, about content ending within 30 days; the count.

        Items on their last day are left out: by then the sent alert may have been purged
        (sent outbox rows are kept 30 days), and it would come a second time.
        """
        items = self.expiring(within_days=ADMIN_ALERT_DAYS, from_days=1)
        admins = await uow.staff.admins() if items else []
        for item in items:
            text = texts.EXPIRY_ALERT.format(
                what=texts.EXPIRY_WHAT[item.kind],
                title=escape(item.title),
                id=escape(item.id),
                ends_on=item.ends_on.isoformat(),
                days_left=item.days_left,
            )
            for admin in admins:
                await notifier.enqueue(
                    uow,
                    AdminAlert(text=text),
                    chat_id=admin.telegram_id,
                    dedupe_key=f"expiry:{admin.id}:{item.key}"[:128],
                )
        if items:
            logger.info("expiry alert: %d items, %d admins", len(items), len(admins))
        return len(items)

    async def _user_id(self, uow: UnitOfWork, telegram_id: int | None) -> int | None:
        if telegram_id is None:
            return None
        return (await uow.users.ensure(telegram_id=telegram_id, now=self._clock.now())).id

    async def reload(self) -> ReloadResult:
        """Reload the YAML; on any problem keep the current knowledge base."""
        async with self._lock:
            try:
                knowledge, rules, engine = await asyncio.to_thread(_build, self._faq_dir)
            except KnowledgeBaseError as exc:
                logger.warning("faq reload refused: %d problems", len(exc.problems))
                return ReloadResult(
                    False,
                    len(self._knowledge.ids),
                    len(self.groups()),
                    [str(p) for p in exc.problems],
                )
            self._knowledge, self._engine, self._rules = knowledge, engine, rules
        logger.info("faq reloaded: %d entries", len(knowledge.ids))
        return ReloadResult(True, len(knowledge.ids), len(knowledge.groups))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while the block runs: a build makes a million
    objects that all live on, and each collection meanwhile would only walk them again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(faq_dir: Path) -> tuple[KnowledgeBase, RuleBook, FaqEngine]:
    """The knowledge base, the rule tables and the matcher; raises KnowledgeBaseError."""
    with _collector_paused():
        knowledge = load_knowledge_base(faq_dir)
        rules = load_rules(faq_dir)
        return knowledge, rules, FaqEngine(knowledge)
