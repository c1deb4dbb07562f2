"""The learned decision: the probability that the best entry is right, and what to do with it.

The model is a logistic regression over a few features of the ranking (fitted by
`bot.knowledge.training` with scikit-learn, stored as `data/decision.json`); applying it is a
dot product, so the hot path needs no library.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Final

DECISION_FILE: Final = Path(__file__).resolve().parent / "data" / "decision.json"

#: Feature names, in the order `features()` returns them.
FEATURES: Final = (
    "top",
    "second",
    "log_ratio",
    "question_top",
    "full_top",
    "agree",
    "log_words",
    "follow_up",
    "unknown",
    "log_shared",
    "top_x_log_words",
    "vector_agree",
    "vector_top",
    "explained",
    "vector_margin",
    "explained_margin",
    "question_share",
    "classifier_top",
    "classifier_gap",
    "classifier_agree",
    "off_topic",
    "other_matter",
)
#: Added to scores before taking the ratio, so near-zero seconds do not explode it.
RATIO_SMOOTHING: Final = 0.01


@dataclass(frozen=True)
class Evidence:
    """What the ranking says about one message (the inputs of the decision)."""

    top: float
    second: float
    question_top: float
    full_top: float
    agree: bool
    words: int
    follow_up: bool
    unknown: float = 0.0  # share of the message's words the FAQ never uses
    shared_words: int = 0  # distinct words of the message the best entry uses
    vector_top: float = 0.0  # n-gram vector cosine of the best entry, if also nearest there
    vector_agree: bool = False  # the n-gram vectors alone pick the same best entry
    explained: float = 0.0  # IDF-weighted share of the message's words the best entry uses
    vector_margin: float = 0.0  # n-gram cosine of the best entry minus the second's
    explained_margin: float = 0.0  # `explained` of the best entry minus the second's
    question_share: float = 1.0  # the question sentence's score of the best / its own top
    classifier_top: float = 0.0  # the entry classifier's margin for the best entry
    classifier_gap: float = 0.0  # that margin minus the highest margin of any other entry
    classifier_agree: bool = False  # the classifier alone picks the same best entry
    off_topic: float = 0.0  # the classifier's margin for "a matter the FAQ does not cover"
    other_matter: bool = False  # names a near-domain matter the best entry never mentions

    def features(self) -> list[float]:
        ratio = (self.top + RATIO_SMOOTHING) / (self.second + RATIO_SMOOTHING)
        return [
            self.top,
            self.second,
            math.log(ratio),
            self.question_top,
            self.full_top,
            float(self.agree),
            math.log1p(self.words),
            float(self.follow_up),
            self.unknown,
            math.log1p(self.shared_words),
            self.top * math.log1p(self.words),
            float(self.vector_agree),
            self.vector_top,
            self.explained,
            self.vector_margin,
            self.explained_margin,
            self.question_share,
            self.classifier_top,
            self.classifier_gap,
            float(self.classifier_agree),
            self.off_topic,
            float(self.other_matter),
        ]


@dataclass(frozen=True)
class DecisionModel:
    """Coefficients over `FEATURES` and the probability thresholds chosen with them."""

    coefficients: list[float]
    intercept: float
    answer: float  # answer directly from this probability on
    suggest: float  # below it there is no plausible entry
    alternative_ratio: float = 0.75  # offer the second under an answer when this close
    #: Below the answer threshold, no entry is plausible when the classifier's off-topic
    #: margin beats the best entry's by more than this (None: never).
    off_topic_gap: float | None = None
    #: The answer threshold of a message read with the chat's previous question (None:
    #: `answer`); a follow-up read the wrong way is the likeliest wrong answer.
    answer_follow_up: float | None = None
    features: list[str] = field(default_factory=lambda: list(FEATURES))
    note: str = ""

    def probability(self, evidence: Evidence) -> float:
        values = evidence.features()
        z = self.intercept + sum(c * v for c, v in zip(self.coefficients, values, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def answer_threshold(self, evidence: Evidence) -> float:
        if evidence.follow_up and self.answer_follow_up is not None:
            return self.answer_follow_up
        return self.answer

    def reads_off_topic(self, evidence: Evidence) -> bool:
        """The classifier takes the message for a matter the FAQ does not cover."""
        gap = self.off_topic_gap
        return gap is not None and evidence.off_topic > evidence.classifier_top + gap

    @classmethod
    def untrained(cls) -> DecisionModel:
        """A model with no evidence weights, for ranking before a decision is fitted."""
        return cls([0.0] * len(FEATURES), 0.0, 1.0, 0.0, note="untrained")

    @classmethod
    def load(cls, path: Path = DECISION_FILE) -> DecisionModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        model = cls(**data)
        if tuple(model.features) != FEATURES:
            raise ValueError(f"{path}: features {model.features} do not match {FEATURES}")
        return model

    def save(self, path: Path = DECISION_FILE) -> None:
        path.write_text(
            json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
