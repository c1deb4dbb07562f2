"""Fit the decision model on labelled questions (development only: needs scikit-learn).

`counsel-bot faq train FILE…` runs `fit_decision` and writes `data/decision.json`;
`counsel-bot faq eval FILE… --folds K` re-fits it on K-1 folds and scores the held-out fold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from bot.knowledge.classifier import EntryClassifier, Vocabulary
from bot.knowledge.decision import DecisionModel, Evidence

#: Regularisation strength of the logistic regression (sklearn's C).
REGULARISATION: Final = 1.0
#: Limits the answer threshold must keep on the training questions.
MAX_WRONG_ANSWERS: Final = 0.025  # of topic questions answered with a wrong entry
MAX_NONE_ANSWERED: Final = 0.035  # of out-of-scope questions answered
PROBABILITY_GRID: Final = [round(0.02 * step, 2) for step in range(1, 50)]
#: Off-topic margin gaps tried for withholding candidates (`DecisionModel.off_topic_gap`).
OFF_TOPIC_GAP_GRID: Final = [0.0, 0.1, 0.2, 0.3, 0.5, 1.0]
#: Regularisation strength of the entry classifier (sklearn's LinearSVC C).
CLASSIFIER_C: Final = 0.5


@dataclass(frozen=True)
class Example:
    """One labelled message after ranking: is it in scope, and is the best entry right."""

    evidence: Evidence
    in_scope: bool
    top1: bool
    top3: bool
    answerable: bool = True  # False: never answered directly (another country, other matter)


def fit_decision(examples: Sequence[Example], note: str = "") -> DecisionModel:
    """Logistic regression for P(best entry right), then the two probability thresholds."""
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 - dev-only
    from sklearn.preprocessing import StandardScaler  # noqa: PLC0415

    rows = [example.evidence.features() for example in examples]
    labels = [int(example.top1) for example in examples]
    if len(set(labels)) < 2:
        raise ValueError("training needs both right and wrong best entries")
    scaler = StandardScaler().fit(rows)
    # A tight tolerance reaches the unique optimum, so re-fitting reproduces the file.
    regression = LogisticRegression(C=REGULARISATION, tol=1e-10, max_iter=10_000)
    regression.fit(scaler.transform(rows), labels)
    scale = [float(s) for s in scaler.scale_]
    mean = [float(m) for m in scaler.mean_]
    weights = [float(w) for w in regression.coef_[0]]
    coefficients = [w / s for w, s in zip(weights, scale, strict=True)]
    intercept = float(regression.intercept_[0]) - sum(
        c * m for c, m in zip(coefficients, mean, strict=True)
    )
    draft = DecisionModel([round(c, 6) for c in coefficients], round(intercept, 6), 1.0, 0.0)
    probabilities = [draft.probability(example.evidence) for example in examples]
    alone = [i for i, example in enumerate(examples) if not example.evidence.follow_up]
    joined = [i for i, example in enumerate(examples) if example.evidence.follow_up]
    answer = _answer_threshold([examples[i] for i in alone], [probabilities[i] for i in alone])
    answer_follow_up = (
        _answer_threshold([examples[i] for i in joined], [probabilities[i] for i in joined])
        if joined
        else None
    )
    draft = DecisionModel(
        draft.coefficients, draft.intercept, answer, 0.0, answer_follow_up=answer_follow_up
    )
    thresholds = [draft.answer_threshold(example.evidence) for example in examples]
    suggest, gap = _suggest_threshold(examples, probabilities, thresholds)
    return DecisionModel(
        draft.coefficients,
        draft.intercept,
        answer,
        suggest,
        off_topic_gap=gap,
        answer_follow_up=answer_follow_up,
        note=note,
    )


def _answer_threshold(examples: Sequence[Example], probabilities: list[float]) -> float:
    """The lowest threshold (most direct answers) that keeps wrong answers rare."""
    topics = sum(example.in_scope for example in examples) or 1
    outside = sum(not example.in_scope for example in examples) or 1
    for threshold in PROBABILITY_GRID:
        answered = [
            e
            for e, p in zip(examples, probabilities, strict=True)
            if p >= threshold and e.answerable
        ]
        wrong = sum(e.in_scope and not e.top1 for e in answered)
        none_answered = sum(not e.in_scope for e in answered)
        if wrong / topics <= MAX_WRONG_ANSWERS and none_answered / outside <= MAX_NONE_ANSWERED:
            return threshold
    return PROBABILITY_GRID[-1]


def _suggest_threshold(
    examples: Sequence[Example], probabilities: list[float], answers: list[float]
) -> tuple[float, float | None]:
    """Offer candidates whenever they help more often than they bother.

    A topic question below the threshold loses its (often right) candidates; an
    out-of-scope one above it gets candidates it did not need, which costs less. Besides
    the probability floor, candidates are withheld when the classifier's off-topic margin
    beats the best entry's by more than a gap, chosen the same way.
    """
    best: tuple[float, float | None] = (0.0, None)
    best_value = float("-inf")
    undecided = [
        (example, probability)
        for example, probability, answer in zip(examples, probabilities, answers, strict=True)
        if probability < answer or not example.answerable
    ]
    highest = max(answers, default=1.0)
    for gap in [None, *OFF_TOPIC_GAP_GRID]:
        model = DecisionModel([], 0.0, 1.0, 0.0, off_topic_gap=gap)
        off_topic = [model.reads_off_topic(example.evidence) for example, _ in undecided]
        for threshold in [0.0, *PROBABILITY_GRID]:
            if threshold > highest:
                break
            value = 0.0
            for (example, probability), withheld in zip(undecided, off_topic, strict=True):
                shown = probability >= threshold and not withheld
                if example.in_scope:
                    value += (1.0 if example.top3 else 0.2) if shown else -1.0
                else:
                    value += -0.3 if shown else 0.5
            if value > best_value + 1e-9:
                best, best_value = (threshold, gap), value
    return best


def fit_classifier(texts: Sequence[tuple[str, str]], note: str = "") -> EntryClassifier:
    """A linear SVM over TF-IDF character n-grams: (text, entry id) pairs in, margins out."""
    from scipy.sparse import csr_matrix  # noqa: PLC0415 - dev-only
    from sklearn.svm import LinearSVC  # noqa: PLC0415

    vocabulary = Vocabulary.fit([text for text, _ in texts])
    rows = [vocabulary.row(text) for text, _ in texts]
    ends = np.cumsum([0, *(len(columns) for columns, _ in rows)])
    matrix = csr_matrix(
        (
            np.concatenate([values for _, values in rows]),
            np.concatenate([columns for columns, _ in rows]),
            ends,
        ),
        shape=(len(rows), len(vocabulary.names)),
    )
    labels = [entry_id for _, entry_id in texts]
    if len(set(labels)) < 2:
        raise ValueError("the classifier needs questions of at least two entries")
    svm = LinearSVC(C=CLASSIFIER_C, max_iter=10_000, random_state=0).fit(matrix, labels)
    coefficients, intercepts = svm.coef_, svm.intercept_
    if len(svm.classes_) == 2:  # one row for two classes: each class gets its side
        coefficients = np.vstack([-coefficients, coefficients])
        intercepts = np.concatenate([-intercepts, intercepts])
    return EntryClassifier(
        vocabulary,
        [str(entry_id) for entry_id in svm.classes_],
        np.ascontiguousarray(coefficients.T, dtype=np.float32),
        intercepts.astype(np.float32),
        note,
    )
