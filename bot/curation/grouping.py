"""Group the questions the FAQ missed by similarity, as the matcher reads them.

Two questions are alike when, on average, the matcher's weighted features (normalized,
synonyms, typos; FAQ word weights) and the character n-grams of their normalized words (which
also see words the FAQ never uses) point the same way (cosine). Groups grow greedily around
their first question (questions sorted oldest first, so a group keeps its identity as new
questions come in); the biggest group comes first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from bot.knowledge.engine import FaqEngine
from bot.knowledge.normalize import normalize_text

#: Similarity (mean of the two cosines) from which two questions count as the same question.
SIMILAR: Final = 0.45


@dataclass(frozen=True)
class AskedQuestion:
    """A stored question (masked) the FAQ could not answer confidently."""

    id: int
    text: str
    outcome: str  # suggestions | none
    score: float
    best_ids: tuple[str, ...]
    asked_at: datetime


@dataclass(frozen=True)
class QuestionGroup:
    """Questions asked the same way; the bot's best entry for them now, and its confidence."""

    questions: tuple[AskedQuestion, ...]  # oldest first
    representative: AskedQuestion
    candidate: str | None
    confidence: float
    candidates: tuple[str, ...]  # the matcher's top entries, best first

    @property
    def count(self) -> int:
        return len(self.questions)

    @property
    def first_at(self) -> datetime:
        return self.questions[0].asked_at

    @property
    def last_at(self) -> datetime:
        return self.questions[-1].asked_at

    @property
    def ids(self) -> list[int]:
        return [q.id for q in self.questions]


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b.get(feature, 0.0) for feature, weight in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def _grams(text: str) -> dict[str, float]:
    grams: dict[str, float] = {}
    for word in normalize_text(text).split():
        for size in (2, 3):
            for start in range(len(word) - size + 1):
                gram = word[start : start + size]
                grams[gram] = grams.get(gram, 0.0) + 1.0
    return grams


@dataclass(frozen=True)
class _Profile:
    features: dict[str, float]
    grams: dict[str, float]

    def similarity(self, other: _Profile) -> float:
        return (cosine(self.features, other.features) + cosine(self.grams, other.grams)) / 2


def group_questions(
    questions: Sequence[AskedQuestion], engine: FaqEngine, day: date
) -> list[QuestionGroup]:
    """Alike questions together, biggest group first (then the most recent)."""
    ordered = sorted(questions, key=lambda q: (q.asked_at, q.id))
    profiles = [_Profile(engine.profile(q.text), _grams(q.text)) for q in ordered]
    members: list[list[int]] = []
    for number, profile in enumerate(profiles):
        best, best_similarity = None, SIMILAR
        for group_number, group in enumerate(members):
            similarity = max(profile.similarity(profiles[i]) for i in group)
            if similarity >= best_similarity:
                best, best_similarity = group_number, similarity
        if best is None:
            members.append([number])
        else:
            members[best].append(number)
    groups = [
        _group([ordered[i] for i in group], [profiles[i] for i in group], engine, day)
        for group in members
    ]
    return sorted(groups, key=lambda g: (-g.count, -g.last_at.timestamp(), g.representative.id))


def _group(
    questions: list[AskedQuestion],
    profiles: list[_Profile],
    engine: FaqEngine,
    day: date,
) -> QuestionGroup:
    """The representative is the question most like the others (the first on a tie)."""
    closeness = [sum(profile.similarity(other) for other in profiles) for profile in profiles]
    representative = questions[closeness.index(max(closeness))]
    result = engine.match(representative.text, day)
    candidate = result.ids[0] if result.ids else None
    return QuestionGroup(
        tuple(questions),
        representative,
        candidate,
        result.score if candidate else 0.0,
        tuple(result.ids),
    )
