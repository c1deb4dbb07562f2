"""Score the matcher on labelled question files, per style, and cross-validate its decision."""

from __future__ import annotations

import math
import time
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

import yaml

from bot.knowledge.classifier import OFF_TOPIC
from bot.knowledge.decision import DecisionModel
from bot.knowledge.engine import (
    Assessment,
    FaqEngine,
    MatchResult,
    Outcome,
    Weights,
    decide,
    is_follow_up,
)
from bot.knowledge.models import FaqEntry, KnowledgeBase
from bot.knowledge.training import Example, fit_classifier, fit_decision

NONE: Final = "none"
CRISIS: Final = "crisis"
SMALLTALK: Final = "smalltalk"
PERSON: Final = "person"
SPECIAL_LABELS: Final = frozenset({NONE, CRISIS, SMALLTALK, PERSON})
ALL_STYLES: Final = "all"
#: Folds of the cross-fitting that gives the decision margins of questions the
#: classifier never saw (`counsel-bot faq train`).
TRAINING_FOLDS: Final = 5


class EvalFileError(Exception):
    """The labelled question file cannot be read."""


@dataclass(frozen=True)
class LabelledQuestion:
    text: str
    expect: tuple[str, ...]  # entry ids (any is right), or none / crisis / smalltalk / person
    style: str = ""
    chat: str | None = None  # turns with the same chat form one conversation, in file order

    @property
    def kind(self) -> str:
        return self.expect[0] if self.expect[0] in SPECIAL_LABELS else "topic"


@dataclass(frozen=True)
class Miss:
    question: LabelledQuestion
    outcome: Outcome
    ids: list[str]
    score: float
    reason: str


@dataclass
class EvalReport:
    topic: int = 0
    top1: int = 0
    top3: int = 0
    answered: int = 0
    answered_right: int = 0
    answered_wrong: int = 0
    out_of_scope: int = 0
    out_of_scope_answered: int = 0
    crisis: int = 0
    crisis_found: int = 0
    false_crisis: int = 0
    social: int = 0
    social_handled: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)

    @property
    def non_crisis(self) -> int:
        return self.topic + self.out_of_scope + self.social

    def rate(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    def metrics(self) -> dict[str, float]:
        """The headline numbers, as fractions (0..1) and milliseconds."""
        lat = sorted(self.latencies_ms) or [0.0]
        return {
            "top1": self.rate(self.top1, self.topic),
            "top3": self.rate(self.top3, self.topic),
            "direct_top1": self.rate(self.answered_right, self.topic),
            "direct_when_right": self.rate(self.answered_right, self.top1),
            "answer_rate": self.rate(self.answered, self.topic),
            "answered_wrong": self.rate(self.answered_wrong, self.topic),
            "none_answered": self.rate(self.out_of_scope_answered, self.out_of_scope),
            "crisis_recall": self.rate(self.crisis_found, self.crisis) if self.crisis else 1.0,
            "false_crisis": self.rate(self.false_crisis, self.non_crisis),
            "social_handled": self.rate(self.social_handled, self.social) if self.social else 1.0,
            "p50_ms": percentile(lat, 50),
            "p95_ms": percentile(lat, 95),
            "p99_ms": percentile(lat, 99),
        }

    def add(self, other: EvalReport) -> None:
        for name in [
            "topic",
            "top1",
            "top3",
            "answered",
            "answered_right",
            "answered_wrong",
            "out_of_scope",
            "out_of_scope_answered",
            "crisis",
            "crisis_found",
            "false_crisis",
            "social",
            "social_handled",
        ]:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.latencies_ms += other.latencies_ms
        self.misses += other.misses


def percentile(sorted_values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), math.ceil(pct / 100 * len(sorted_values))))
    return sorted_values[rank - 1]


def load_questions(path: Path) -> list[LabelledQuestion]:
    """Read `items: [{q, expect, style?, chat?}]`; raise `EvalFileError` if unusable."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise EvalFileError(f"{path}: {exc}") from exc
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise EvalFileError(f"{path}: expected a list of items with 'q' and 'expect'")
    questions: list[LabelledQuestion] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            raise EvalFileError(f"{path}: item {number} has no question 'q'")
        expect = item.get("expect")
        labels = [expect] if isinstance(expect, str) else expect
        if (
            not isinstance(labels, list)
            or not labels
            or not all(isinstance(label, str) for label in labels)
        ):
            raise EvalFileError(f"{path}: item {number} has no usable 'expect'")
        chat = item.get("chat")
        questions.append(
            LabelledQuestion(
                item["q"],
                tuple(labels),
                str(item.get("style") or ""),
                f"{path.name}:{chat}" if chat is not None else None,
            )
        )
    return questions


# ---------------------------------------------------------------- assessing and scoring


@dataclass(frozen=True)
class Assessed:
    question: LabelledQuestion
    assessment: Assessment
    latency_ms: float


def context_ids(result: MatchResult) -> list[str]:
    """What a chat remembers of a reply for its next message: the entry it was about."""
    if result.outcome != "crisis" and result.social is None:
        return result.ids[:1]
    return []


def assess_all(
    engine: FaqEngine, questions: Sequence[LabelledQuestion], day: date
) -> list[Assessed]:
    """Rank every question once; turns of one chat see the chat's previous reply."""
    previous: dict[str, list[str]] = {}
    out: list[Assessed] = []
    for question in questions:
        before = previous.get(question.chat, []) if question.chat else []
        started = time.perf_counter()
        assessment = engine.assess(question.text, day, before)
        result = decide(assessment, engine.decision)
        out.append(Assessed(question, assessment, (time.perf_counter() - started) * 1000))
        if question.chat:
            previous[question.chat] = context_ids(result)
    return out


def score(assessed: Sequence[Assessed], model: DecisionModel) -> dict[str, EvalReport]:
    """Reports per style (and `all`) of the decisions `model` makes."""
    reports: dict[str, EvalReport] = defaultdict(EvalReport)
    for item in assessed:
        result = decide(item.assessment, model)
        for key in {ALL_STYLES, item.question.style or "unstyled"}:
            report = reports[key]
            report.latencies_ms.append(item.latency_ms)
            reason = _score(report, item.question, result)
            if reason and key == ALL_STYLES:
                report.misses.append(
                    Miss(item.question, result.outcome, result.ids, result.score, reason)
                )
    return dict(reports)


def evaluate(engine: FaqEngine, questions: Sequence[LabelledQuestion], day: date) -> EvalReport:
    """Run every question through the engine's own decision; the overall report."""
    return score(assess_all(engine, questions, day), engine.decision)[ALL_STYLES]


def _score(report: EvalReport, question: LabelledQuestion, result: MatchResult) -> str:
    """Count one decision into `report`; the reason it is a miss, or ""."""
    outcome = result.outcome
    if question.kind == CRISIS:
        report.crisis += 1
        report.crisis_found += outcome == "crisis"
        return "" if outcome == "crisis" else "crisis missed"
    if outcome == "crisis":
        report.false_crisis += 1
    if question.kind in (SMALLTALK, PERSON):
        report.social += 1
        handled = result.social == question.kind
        report.social_handled += handled
        return "" if handled else f"{question.kind} not recognised"
    if question.kind == NONE:
        report.out_of_scope += 1
        report.out_of_scope_answered += outcome == "answer"
        reasons = {"crisis": "false crisis alarm", "answer": "out of scope but answered"}
        return reasons.get(outcome, "")
    return _score_topic(report, question, result)


def _score_topic(report: EvalReport, question: LabelledQuestion, result: MatchResult) -> str:
    outcome, ids = result.outcome, result.ids
    report.topic += 1
    top1 = bool(ids) and ids[0] in question.expect
    report.top1 += top1
    report.top3 += any(entry_id in question.expect for entry_id in ids[:3])
    report.answered += outcome == "answer"
    report.answered_right += outcome == "answer" and top1
    report.answered_wrong += outcome == "answer" and not top1
    if outcome == "crisis":
        return "false crisis alarm"
    if not top1:
        return "wrong answer" if outcome == "answer" else "wrong top-1"
    return {"none": "fell to none", "suggestions": "right but only suggested"}.get(outcome, "")


# ---------------------------------------------------------------- learning the decision


def examples(assessed: Sequence[Assessed]) -> list[Example]:
    """Training examples: topic and out-of-scope messages the model has to decide."""
    out: list[Example] = []
    for item in assessed:
        question, assessment = item.question, item.assessment
        if question.kind not in ("topic", NONE) or assessment.evidence is None:
            continue
        if assessment.crisis or assessment.social is not None:
            continue
        ids = [entry_id for entry_id, _ in assessment.ranked[:3]]
        in_scope = question.kind == "topic"
        out.append(
            Example(
                assessment.evidence,
                in_scope,
                in_scope and ids[0] in question.expect,
                in_scope and any(i in question.expect for i in ids),
                assessment.answerable,
            )
        )
    return out


def fold_of(index: int, question: LabelledQuestion, folds: int) -> int:
    """Stable fold of a question; all turns of one chat share a fold."""
    if question.chat:
        return zlib.crc32(question.chat.encode()) % folds
    return index % folds


def classifier_texts(
    knowledge: KnowledgeBase, questions: Sequence[LabelledQuestion], day: date
) -> list[tuple[str, str]]:
    """What the entry classifier learns from: every entry's own texts, then each labelled
    topic question that stands alone (a follow-up needs its conversation)."""
    texts = [
        (text, entry.id)
        for entry in knowledge.entries
        if entry.is_valid_on(day)
        for text in (entry.question, *entry.variants, *entry.keywords)
    ]
    previous: dict[str, str] = {}  # chat -> the entry its last turn was about
    for question in questions:
        label = question.expect[0]
        entry = knowledge.entry(label, day) if question.kind == "topic" else None
        before = previous.pop(question.chat, None) if question.chat else None
        if entry is None:
            continue
        if question.chat:
            previous[question.chat] = label
        context = knowledge.entry(before, day) if before else None
        if context is not None and is_follow_up(question.text):
            # As the engine reads a follow-up: the previous entry's question, then the turn.
            texts.append((f"{context.question} {question.text}", label))
        else:
            texts.append((question.text, label))
    # Near-domain questions the FAQ does not cover form a class of their own.
    texts += [(question.text, OFF_TOPIC) for question in questions if question.kind == NONE]
    return texts


def cross_fitted(
    knowledge: KnowledgeBase, questions: Sequence[LabelledQuestion], day: date, folds: int
) -> list[Assessed]:
    """Every question assessed by an engine whose classifier never saw the question's fold
    (the folds of `fold_of`, so `k_fold` on the result stays honest)."""
    if folds < 2:
        raise ValueError("cross-fitting needs at least 2 folds")
    placed: dict[int, Assessed] = {}
    for fold in range(folds):
        inside = [i for i, q in enumerate(questions) if fold_of(i, q, folds) == fold]
        if not inside:
            continue
        kept = set(inside)
        rest = [q for i, q in enumerate(questions) if i not in kept]
        classifier = fit_classifier(classifier_texts(knowledge, rest, day))
        engine = FaqEngine(knowledge, DecisionModel.untrained(), classifier=classifier)
        assessed = assess_all(engine, [questions[i] for i in inside], day)
        placed.update(zip(inside, assessed, strict=True))
    return [placed[i] for i in range(len(questions))]


@dataclass(frozen=True)
class FoldResult:
    reports: dict[str, EvalReport]  # pooled over the held-out folds, per style
    per_fold: list[EvalReport]
    models: list[DecisionModel]


def k_fold(assessed: Sequence[Assessed], folds: int) -> FoldResult:
    """Fit the decision on K-1 folds, score the held-out fold, K times; pool the scores."""
    if folds < 2:
        raise ValueError("k-fold needs at least 2 folds")
    pooled: dict[str, EvalReport] = defaultdict(EvalReport)
    per_fold: list[EvalReport] = []
    models: list[DecisionModel] = []
    for fold in range(folds):
        train = [a for i, a in enumerate(assessed) if fold_of(i, a.question, folds) != fold]
        test = [a for i, a in enumerate(assessed) if fold_of(i, a.question, folds) == fold]
        model = fit_decision(examples(train))
        models.append(model)
        reports = score(test, model)
        for style, report in reports.items():
            pooled[style].add(report)
        per_fold.append(reports.get(ALL_STYLES, EvalReport()))
    return FoldResult(dict(pooled), per_fold, models)


# ---------------------------------------------------------------- variant cross-validation


@dataclass(frozen=True)
class VariantMiss:
    entry_id: str
    variant: str
    ranked: list[str]


@dataclass(frozen=True)
class CrossValidation:
    total: int
    top1: int
    top3: int
    misses: list[VariantMiss]


def cross_validate(
    knowledge: KnowledgeBase, day: date, folds: int = 5, weights: Weights | None = None
) -> CrossValidation:
    """Hold out every `folds`-th variant of each entry, rebuild, and ask it as a question.

    This needs no labelled data, so it is an independent check of the weights, and its
    misses point at variants that read more like another entry (content to review).
    """
    total = top1 = top3 = 0
    misses: list[VariantMiss] = []
    for fold in range(folds):
        held: list[tuple[str, str]] = []
        entries: list[FaqEntry] = []
        for entry in knowledge.entries:
            keep = [v for i, v in enumerate(entry.variants) if i % folds != fold]
            if entry.is_valid_on(day):
                held.extend(
                    (entry.id, v) for i, v in enumerate(entry.variants) if i % folds == fold
                )
            entries.append(entry.model_copy(update={"variants": keep}))
        engine = FaqEngine(knowledge.model_copy(update={"entries": entries}), weights=weights)
        for entry_id, variant in held:
            ranked = [found for found, _ in engine.rank(variant, day)[:3]]
            total += 1
            top1 += bool(ranked) and ranked[0] == entry_id
            top3 += entry_id in ranked
            if not ranked or ranked[0] != entry_id:
                misses.append(VariantMiss(entry_id, variant, ranked))
    return CrossValidation(total, top1, top3, misses)
