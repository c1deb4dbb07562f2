"""The staff side of the FAQ loop: review what parents asked, accept it into the files."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Final

from bot import texts
from bot.clock import Clock
from bot.curation import health
from bot.curation.files import FaqFiles, FaqInvalidError, FileChange
from bot.curation.grouping import AskedQuestion, QuestionGroup, group_questions
from bot.curation.model import EntryFeedback, NewEntryRequest, ReviewReport, WeekRates
from bot.curation.yaml_edit import YamlEditError, one_line, variant_of
from bot.knowledge.service import FaqService
from bot.vocabulary import CurationKind
from storage.db import UnitOfWork
from storage.models import Staff, UnansweredQuestion

logger = logging.getLogger(__name__)

#: `/unanswered` looks back this far for questions not reviewed yet.
OPEN_DAYS: Final = 90
_EDIT_REFUSALS: Final = {
    "duplicate": texts.CURATION_DUPLICATE,
    "no_entry": texts.CURATION_NO_ENTRY,
    "gone": texts.CURATION_UNDO_GONE,
}


class CurationError(Exception):
    """A refusal staff are told about (Korean `message`)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Accepted:
    entry_id: str
    title: str
    change: FileChange
    questions: int


@dataclass(frozen=True)
class Undone:
    entry_id: str
    change: FileChange


def _asked(row: UnansweredQuestion) -> AskedQuestion:
    return AskedQuestion(
        row.id,
        row.question_masked or "",
        row.outcome,
        row.score,
        tuple(row.best_ids or ()),
        row.created_at,
    )


class CurationService:
    def __init__(self, faq: FaqService, clock: Clock, tz: tzinfo) -> None:
        self._faq = faq
        self._clock = clock
        self._tz = tz
        self.files = FaqFiles(faq.faq_dir)

    async def open_groups(self, uow: UnitOfWork) -> list[QuestionGroup]:
        """Questions not reviewed yet (last OPEN_DAYS days), grouped, biggest first."""
        since = self._clock.now() - timedelta(days=OPEN_DAYS)
        rows = await uow.curation.open_questions(since=since)
        asked = [_asked(r) for r in rows if r.question_masked]
        return group_questions(asked, self._faq.engine, self._clock.today())

    async def group(self, uow: UnitOfWork, question_id: int, *, single: bool) -> QuestionGroup:
        """The open group holding `question_id` (only that question when `single`)."""
        for group in await self.open_groups(uow):
            if question_id in group.ids:
                if not single:
                    return group
                [question] = [q for q in group.questions if q.id == question_id]
                return group_questions([question], self._faq.engine, self._clock.today())[0]
        raise CurationError(texts.CURATION_STALE)

    def title(self, entry_id: str) -> str:
        entry = self._faq.entry(entry_id)
        return entry.button_label if entry is not None else entry_id

    async def accept(
        self, uow: UnitOfWork, *, actor: Staff, question_id: int, single: bool, entry_id: str
    ) -> Accepted:
        """Write the group's question as a variant of `entry_id`, log it, reload the FAQ."""
        group = await self.group(uow, question_id, single=single)
        if self._faq.entry(entry_id) is None:
            raise CurationError(texts.CURATION_NO_ENTRY)
        variant = variant_of(group.representative.text)
        today = self._clock.today()
        change = await self._edit(
            self.files.add_variant(entry_id=entry_id, variant=variant, day=today)
        )
        try:
            await uow.curation.add_decision(
                kind=CurationKind.VARIANT,
                staff_id=actor.id,
                question_masked=variant,
                question_ids=group.ids,
                now=self._clock.now(),
                entry_id=entry_id,
                file_name=change.file_name,
                line_number=change.line_number,
                line=change.line,
            )
            await uow.curation.set_reviewed(question_ids=group.ids, is_reviewed=True)
        except BaseException:
            await self.files.remove_variant(
                entry_id=entry_id,
                file_name=change.file_name,
                variant=variant,
                line=change.line,
                day=today,
            )
            raise
        finally:
            await self._faq.reload()
        logger.info("faq variant accepted: entry=%s staff=%s", entry_id, actor.id)
        return Accepted(entry_id, self.title(entry_id), change, group.count)

    async def request_new_entry(
        self, uow: UnitOfWork, *, actor: Staff, question_id: int, single: bool
    ) -> int:
        """Record that these questions need a new entry; how many questions that was."""
        group = await self.group(uow, question_id, single=single)
        await uow.curation.add_decision(
            kind=CurationKind.NEW_ENTRY,
            staff_id=actor.id,
            question_masked=one_line(group.representative.text),
            question_ids=group.ids,
            now=self._clock.now(),
        )
        await uow.curation.set_reviewed(question_ids=group.ids, is_reviewed=True)
        return group.count

    async def undo(self, uow: UnitOfWork, *, actor: Staff) -> Undone:
        """Take out the caller's last accepted variant; its questions are open again."""
        last = await uow.curation.last_variant(staff_id=actor.id)
        if last is None or last.entry_id is None or last.file_name is None or last.line is None:
            raise CurationError(texts.CURATION_UNDO_NOTHING)
        if not await uow.curation.mark_undone(acceptance_id=last.id, now=self._clock.now()):
            raise CurationError(texts.CURATION_UNDO_NOTHING)
        change = await self._edit(
            self.files.remove_variant(
                entry_id=last.entry_id,
                file_name=last.file_name,
                variant=last.question_masked,
                line=last.line,
                day=self._clock.today(),
            )
        )
        await uow.curation.set_reviewed(question_ids=last.question_ids, is_reviewed=False)
        await self._faq.reload()
        logger.info("faq variant undone: entry=%s staff=%s", last.entry_id, actor.id)
        return Undone(last.entry_id, change)

    async def _edit(self, edit: Awaitable[FileChange]) -> FileChange:
        try:
            return await edit
        except YamlEditError as exc:
            raise CurationError(_EDIT_REFUSALS.get(exc.reason, texts.CURATION_LAYOUT)) from exc
        except FaqInvalidError as exc:
            problems = "\n".join(str(p) for p in exc.problems[:5])
            raise CurationError(texts.CURATION_INVALID.format(problems=problems)) from exc

    async def review(self, uow: UnitOfWork, *, start: datetime, end: datetime) -> ReviewReport:
        """The whole review for [start, end]."""
        today = self._clock.today()
        knowledge = self._faq.knowledge
        titles = {e.id: e.question for e in knowledge.entries}
        rows = await uow.curation.questions_between(start=start, end=end)
        open_rows = [_asked(r) for r in rows if not r.is_reviewed and r.question_masked]
        groups = group_questions(open_rows, self._faq.engine, today)
        answers = await uow.curation.answers_between(start=start, end=end)
        matched = {e for e, outcome, _ in answers if outcome in ("answer", "chosen")}
        decisions = await uow.curation.decisions_between(start=start, end=end)
        return ReviewReport(
            start=start,
            end=end,
            today=today,
            groups=groups,
            feedback=_feedback(await uow.curation.feedback_counts(start=start, end=end), titles),
            overdue=health.overdue_reviews(knowledge, today),
            expiring=health.expiring(knowledge, self._faq.rules(), today),
            notes=health.review_notes(knowledge, self._faq.rules()),
            never_matched=health.never_matched(knowledge, today, matched),
            weeks=self._weeks(answers, rows),
            new_entries=[
                NewEntryRequest(d.question_masked, name or "", d.created_at)
                for d, name in decisions
                if d.kind == CurationKind.NEW_ENTRY
            ],
            titles=titles,
            tz=self._tz,
        )

    def _weeks(
        self, answers: list[tuple[str, str, datetime]], rows: list[UnansweredQuestion]
    ) -> list[WeekRates]:
        tz = self._tz
        counts: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))

        def week(at: datetime) -> date:
            day = at.astimezone(tz).date()
            return day - timedelta(days=day.weekday())

        for _, outcome, at in answers:
            if outcome in ("answer", "crisis"):
                counts[week(at)][outcome] += 1
        for row in rows:
            counts[week(row.created_at)][row.outcome] += 1
        return [
            WeekRates(w, c["answer"], c["suggestions"], c["none"], c["crisis"])
            for w, c in sorted(counts.items())
        ]


def _feedback(
    rows: Sequence[tuple[str, bool, object, int]], titles: dict[str, str]
) -> list[EntryFeedback]:
    helpful: dict[str, int] = defaultdict(int)
    unhelpful: dict[str, int] = defaultdict(int)
    reasons: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for entry_id, is_helpful, reason, count in rows:
        if is_helpful:
            helpful[entry_id] += count
        else:
            unhelpful[entry_id] += count
            if reason is not None:
                reasons[entry_id][str(reason)] += count
    result = [
        EntryFeedback(e, titles.get(e, e), helpful[e], unhelpful[e], dict(reasons[e]))
        for e in helpful.keys() | unhelpful.keys()
    ]
    return sorted(result, key=lambda f: (-f.unhelpful_share, -f.unhelpful, f.entry_id))
