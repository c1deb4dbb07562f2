"""Quality gates of the FAQ matcher on labelled questions (real faq/ content)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from bot.knowledge import FaqEngine, load_knowledge_base
from bot.knowledge.classifier import CLASSIFIER_FILE, EntryClassifier
from bot.knowledge.decision import DECISION_FILE, DecisionModel
from bot.knowledge.evaluation import (
    ALL_STYLES,
    TRAINING_FOLDS,
    Assessed,
    EvalFileError,
    EvalReport,
    LabelledQuestion,
    assess_all,
    classifier_texts,
    cross_fitted,
    evaluate,
    examples,
    k_fold,
    load_questions,
    percentile,
    score,
)
from bot.knowledge.training import fit_classifier, fit_decision

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
DEV = DATA / "faq-dev-questions.yaml"
CALIBRATION = DATA / "faq-corpus-calibration.yaml"
HELD_OUT = DATA / "faq-corpus-heldout.yaml"
OTHERS = DATA / "faq-corpus-others.yaml"
HELD_OUT_OTHERS = DATA / "faq-corpus-heldout-others.yaml"
TRAINING_FILES = (CALIBRATION, DEV, OTHERS)
EXTRA = ROOT / "bot" / "knowledge" / "data" / "extra-questions.yaml"
DAY = date(2026, 12, 6)


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine(load_knowledge_base(ROOT / "faq"))


@pytest.fixture(scope="module")
def report(engine: FaqEngine) -> EvalReport:
    return evaluate(engine, load_questions(DEV), DAY)


@pytest.fixture(scope="module")
def calibration(engine: FaqEngine) -> list[Assessed]:
    return assess_all(engine, load_questions(CALIBRATION), DAY)


def training_questions() -> list[LabelledQuestion]:
    return [q for path in TRAINING_FILES for q in load_questions(path)]


@pytest.fixture(scope="module")
def training(engine: FaqEngine) -> list[Assessed]:
    """What the stored decision was fitted on: the training files, each question ranked
    with a classifier fitted without its fold."""
    return cross_fitted(engine.knowledge, training_questions(), DAY, TRAINING_FOLDS)


@pytest.fixture(scope="module")
def held_out(engine: FaqEngine) -> dict[str, EvalReport]:
    return score(assess_all(engine, load_questions(HELD_OUT), DAY), engine.decision)


@pytest.fixture(scope="module")
def held_out_others(engine: FaqEngine) -> dict[str, EvalReport]:
    return score(assess_all(engine, load_questions(HELD_OUT_OTHERS), DAY), engine.decision)


def test_dev_set_has_every_kind(report: EvalReport) -> None:
    assert report.topic > 0
    assert report.out_of_scope > 0
    assert report.crisis > 0


def test_dev_top1(report: EvalReport) -> None:
    assert report.metrics()["top1"] >= 0.90, report.misses


def test_dev_top3(report: EvalReport) -> None:
    assert report.metrics()["top3"] >= 0.97, report.misses


def test_out_of_scope_rarely_answered(engine: FaqEngine) -> None:
    """Over the dev set's and the near-domain regression set's ~100 out-of-scope questions
    (the dev set alone has 15: one answered is already 7 %)."""
    questions = [*load_questions(DEV), *load_questions(EXTRA)]
    report = evaluate(engine, questions, DAY)
    assert report.out_of_scope >= 100
    assert report.metrics()["none_answered"] <= 0.05, report.misses


def test_dev_crisis_recall_and_false_alarms(report: EvalReport) -> None:
    assert report.metrics()["crisis_recall"] == 1.0
    assert report.metrics()["false_crisis"] <= 0.01


def test_corpus_files_are_disjoint() -> None:
    """Conversations may repeat a first question; single questions never repeat, and no
    held-out question is among the ones anything was fitted on."""
    files = [*TRAINING_FILES, HELD_OUT, HELD_OUT_OTHERS]
    texts = [{q.text for q in load_questions(path) if q.chat is None} for path in files]
    for number, first in enumerate(texts):
        for second in texts[number + 1 :]:
            assert not first & second


def test_questions_of_other_authors_rank_and_answer_well(
    held_out_others: dict[str, EvalReport],
) -> None:
    """Written by people who never saw the matcher; nothing was fitted on them. The
    figures before the entry classifier were top-1 0.656, top-3 0.845, wrong 0.141."""
    metrics = held_out_others[ALL_STYLES].metrics()
    assert metrics["top1"] >= 0.75
    assert metrics["top3"] >= 0.90
    assert metrics["answered_wrong"] <= 0.06
    assert held_out_others["story"].metrics()["answered_wrong"] <= 0.05
    assert metrics["crisis_recall"] == 1.0


def test_held_out_crisis_recall_and_false_alarms(held_out: dict[str, EvalReport]) -> None:
    metrics = held_out[ALL_STYLES].metrics()
    assert metrics["crisis_recall"] == 1.0, held_out[ALL_STYLES].misses
    assert metrics["false_crisis"] <= 0.01


def test_held_out_answers_are_rarely_wrong(held_out: dict[str, EvalReport]) -> None:
    metrics = held_out[ALL_STYLES].metrics()
    assert metrics["answered_wrong"] <= 0.03
    assert metrics["top3"] >= 0.95
    assert metrics["none_answered"] <= 0.10


def test_held_out_stories_are_answered_directly_more_often_than_before(
    held_out: dict[str, EvalReport],
) -> None:
    """The old fixed threshold answered no story directly; the learned decision does."""
    assert held_out["story"].metrics()["direct_top1"] >= 0.35


def test_held_out_small_talk_and_person_requests(held_out: dict[str, EvalReport]) -> None:
    assert held_out["smalltalk"].metrics()["social_handled"] == 1.0
    assert held_out["person"].metrics()["social_handled"] >= 0.75


def test_k_fold_scores_every_question_once(calibration: list[Assessed]) -> None:
    result = k_fold(calibration, 5)
    pooled = result.reports[ALL_STYLES]
    counted = pooled.topic + pooled.out_of_scope + pooled.crisis + pooled.social
    assert counted == len(calibration)
    assert len(result.per_fold) == len(result.models) == 5
    assert pooled.metrics()["answered_wrong"] <= 0.03
    assert pooled.metrics()["direct_top1"] >= 0.55


def test_stored_decision_is_reproducible(training: list[Assessed]) -> None:
    """`counsel-bot faq train tests/data/faq-corpus-calibration.yaml
    tests/data/faq-dev-questions.yaml --date 2026-12-06` wrote the stored model."""
    fitted = fit_decision(examples(training))
    stored = DecisionModel.load()
    assert stored.note.startswith(f"fitted on {len(examples(training))} questions")
    assert fitted.coefficients == pytest.approx(stored.coefficients, abs=1e-3)
    assert fitted.intercept == pytest.approx(stored.intercept, abs=1e-3)
    assert (fitted.answer, fitted.suggest) == (stored.answer, stored.suggest)


def test_stored_classifier_is_reproducible(engine: FaqEngine) -> None:
    """The same command wrote the stored entry classifier (its weights kept as float16)."""
    texts = classifier_texts(engine.knowledge, training_questions(), DAY)
    fitted = fit_classifier(texts)
    stored = EntryClassifier.load()
    assert stored.entry_ids == fitted.entry_ids
    assert stored.vocabulary.names == fitted.vocabulary.names
    assert np.allclose(stored.weights.astype(np.float32), fitted.weights, atol=2e-3)
    assert np.allclose(stored.intercepts, fitted.intercepts, atol=1e-5)
    assert CLASSIFIER_FILE.stat().st_size < 3_000_000


def test_decision_file_is_small_json() -> None:
    data = json.loads(DECISION_FILE.read_text(encoding="utf-8"))
    assert set(data) >= {"coefficients", "intercept", "answer", "suggest", "features"}
    assert DECISION_FILE.stat().st_size < 4096


def test_unreadable_question_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("items: [ {q: 'x'", encoding="utf-8")
    with pytest.raises(EvalFileError):
        load_questions(broken)
    with pytest.raises(EvalFileError):
        load_questions(tmp_path / "missing.yaml")


def test_question_without_label_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text("items:\n  - q: 육아휴직\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="expect"):
        load_questions(path)


def test_percentile_nearest_rank() -> None:
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([], 99) == 0.0
