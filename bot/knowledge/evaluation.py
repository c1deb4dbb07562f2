"""Score the matcher on a labelled question file and calibrate its thresholds."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

import yaml

from bot.knowledge.engine import FaqEngine, Outcome, Thresholds, Weights
from bot.knowledge.models import FaqEntry, KnowledgeBase

NONE: Final = "none"
CRISIS: Final = "crisis"
#: Ceiling for out-of-scope questions answered, with headroom below the 5% target.
NONE_ANSWERED_LIMIT: Final = 0.03


class EvalFileError(Exception):
    """The labelled question file cannot be read."""


@dataclass(frozen=True)
class LabelledQuestion:
    text: str
    expect: tuple[str, ...]  # entry ids (best first), or ("none",) or ("crisis",)

    @property
    def kind(self) -> str:
        return self.expect[0] if self.expect[0] in (NONE, CRISIS) else "topic"


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
    answered_wrong: int = 0
    out_of_scope: int = 0
    out_of_scope_answered: int = 0
    crisis: int = 0
    crisis_found: int = 0
    false_crisis: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)

    @property
    def non_crisis(self) -> int:
        return self.topic + self.out_of_scope

    def rate(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    def metrics(self) -> dict[str, float]:
        """The headline numbers, as fractions (0..1) and milliseconds."""
        lat = sorted(self.latencies_ms) or [0.0]
        return {
            "top1": self.rate(self.top1, self.topic),
            "top3": self.rate(self.top3, self.topic),
            "answer_rate": self.rate(self.answered, self.topic),
            "answered_wrong": self.rate(self.answered_wrong, self.topic),
            "none_answered": self.rate(self.out_of_scope_answered, self.out_of_scope),
            "crisis_recall": self.rate(self.crisis_found, self.crisis) if self.crisis else 1.0,
            "false_crisis": self.rate(self.false_crisis, self.non_crisis),
            "p50_ms": percentile(lat, 50),
            "p95_ms": percentile(lat, 95),
            "p99_ms": percentile(lat, 99),
        }


def percentile(sorted_values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), math.ceil(pct / 100 * len(sorted_values))))
    return sorted_values[rank - 1]


def load_questions(path: Path) -> list[LabelledQuestion]:
    """Read `items: [{q, expect}]`; raise `EvalFileError` if the file is unusable."""
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
        questions.append(LabelledQuestion(item["q"], tuple(labels)))
    return questions


def evaluate(engine: FaqEngine, questions: Sequence[LabelledQuestion], day: date) -> EvalReport:
    """Run every question through `engine.match` and count hits, misses and latency."""
    report = EvalReport()
    for question in questions:
        started = time.perf_counter()
        result = engine.match(question.text, day)
        report.latencies_ms.append((time.perf_counter() - started) * 1000)
        reason = _score(report, question, result.outcome, result.ids)
        if reason:
            report.misses.append(Miss(question, result.outcome, result.ids, result.score, reason))
    return report


def _score(
    report: EvalReport, question: LabelledQuestion, outcome: Outcome, ids: list[str]
) -> str:
    if question.kind == CRISIS:
        report.crisis += 1
        report.crisis_found += outcome == "crisis"
        return "" if outcome == "crisis" else "crisis missed"
    if outcome == "crisis":
        report.false_crisis += 1
    if question.kind == NONE:
        report.out_of_scope += 1
        report.out_of_scope_answered += outcome == "answer"
        return "out of scope but answered" if outcome == "answer" else ""
    report.topic += 1
    top1 = bool(ids) and ids[0] in question.expect
    report.top1 += top1
    report.top3 += any(entry_id in question.expect for entry_id in ids[:3])
    report.answered += outcome == "answer"
    report.answered_wrong += outcome == "answer" and not top1
    if outcome == "crisis":
        return "false crisis alarm"
    if not top1:
        return "wrong answer" if outcome == "answer" else "wrong top-1"
    return "fell to none" if outcome == "none" else ""


# ---------------------------------------------------------------- calibration


@dataclass(frozen=True)
class Calibration:
    thresholds: Thresholds
    utility: float
    smoothed_utility: float
    none_answered: float
    answer_rate: float


def _grid(start: float, stop: float, step: float) -> list[float]:
    count = round((stop - start) / step)
    return [round(start + i * step, 4) for i in range(count + 1)]


ANSWER_GRID: Final = _grid(0.10, 0.70, 0.01)
MARGIN_GRID: Final = _grid(0.0, 0.20, 0.01)
SUGGEST_GRID: Final = _grid(0.02, 0.30, 0.01)
#: Half-width (in grid steps) of the neighbourhood a chosen point must be good across.
SMOOTHING: Final = 3


@dataclass(frozen=True)
class _Scored:
    kind: str
    top: float
    gap: float
    top1: bool
    in_top3: bool


def _scored(engine: FaqEngine, questions: Sequence[LabelledQuestion], day: date) -> list[_Scored]:
    out: list[_Scored] = []
    for question in questions:
        if question.kind == CRISIS:
            continue
        ranked = engine.rank(question.text, day)
        top = ranked[0][1] if ranked else 0.0
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        ids = [entry_id for entry_id, _ in ranked[:3]]
        out.append(
            _Scored(
                question.kind,
                top,
                top - second,
                bool(ids) and ids[0] in question.expect,
                any(i in question.expect for i in ids),
            )
        )
    return out


def _value(item: _Scored, outcome: Outcome) -> float:
    """What a decision is worth to a parent: a wrong answer costs more than a detour."""
    if item.kind == NONE:
        return {"answer": -2.0, "suggestions": 0.3, "none": 1.0}[outcome]
    if outcome == "answer":
        return 1.0 if item.top1 else -2.0
    if outcome == "suggestions":
        return 0.5 if item.in_top3 else 0.0
    return -0.5


_Table = dict[tuple[int, int], tuple[float, int, int, list[_Scored]]]


def calibrate(engine: FaqEngine, questions: Sequence[LabelledQuestion], day: date) -> Calibration:
    """Sweep (answer, margin, suggest) thresholds and pick a robust optimum.

    Each grid point gets the utility of its decisions on the labelled questions (a wrong
    answer -2, a right one +1, helpful suggestions +0.5, ...). A point only qualifies when
    the out-of-scope answer rate stays under `NONE_ANSWERED_LIMIT` across its whole
    neighbourhood (±`SMOOTHING` steps of answer and margin), and points are compared by the
    mean utility of that neighbourhood. So the choice sits inside a wide good region, away
    from the nearest development question, instead of on a knife edge that would not
    survive new questions.
    """
    items = _scored(engine, questions, day)
    n_none = sum(item.kind == NONE for item in items) or 1
    n_topic = (len(items) - n_none) or 1
    table = _answer_table(items)
    rest_value = {
        (ai, mi, si): sum(_value(i, "suggestions" if i.top >= suggest else "none") for i in rest)
        for (ai, mi), (_, _, _, rest) in table.items()
        for si, suggest in enumerate(SUGGEST_GRID)
    }
    smooth, ai, mi, si = _best_point(table, rest_value, n_none)
    utility, wrong_none, answered_topic, _ = table[ai, mi]
    return Calibration(
        thresholds=Thresholds(ANSWER_GRID[ai], MARGIN_GRID[mi], SUGGEST_GRID[si]),
        utility=utility + rest_value[ai, mi, si],
        smoothed_utility=smooth,
        none_answered=wrong_none / n_none,
        answer_rate=answered_topic / n_topic,
    )


def _answer_table(items: list[_Scored]) -> _Table:
    """Per (answer, margin) point: utility of what is answered, how many out-of-scope
    and topic questions are answered, and the questions left for suggest/none."""
    table: _Table = {}
    for ai, answer in enumerate(ANSWER_GRID):
        for mi, margin in enumerate(MARGIN_GRID):
            answered = [i for i in items if i.top >= answer and i.gap >= margin]
            rest = [i for i in items if not (i.top >= answer and i.gap >= margin)]
            wrong_none = sum(i.kind == NONE for i in answered)
            table[ai, mi] = (
                sum(_value(i, "answer") for i in answered),
                wrong_none,
                len(answered) - wrong_none,
                rest,
            )
    return table


def _best_point(
    table: _Table, rest_value: dict[tuple[int, int, int], float], n_none: int
) -> tuple[float, int, int, int]:
    best: tuple[float, int, int, int] | None = None
    for ai, mi, si in rest_value:
        if SUGGEST_GRID[si] > ANSWER_GRID[ai]:
            continue
        around = [
            (a, m)
            for a in range(ai - SMOOTHING, ai + SMOOTHING + 1)
            for m in range(mi - SMOOTHING, mi + SMOOTHING + 1)
            if (a, m) in table
        ]
        if any(table[p][1] / n_none > NONE_ANSWERED_LIMIT for p in around):
            continue
        smooth = sum(table[p][0] + rest_value[p[0], p[1], si] for p in around) / len(around)
        if best is None or smooth > best[0] + 1e-9:
            best = (smooth, ai, mi, si)
    if best is None:
        raise ValueError("no thresholds keep out-of-scope questions unanswered")
    return best


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
