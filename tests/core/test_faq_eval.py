"""Quality gates of the FAQ matcher on the development questions (real faq/ content)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.knowledge import FaqEngine, load_knowledge_base
from bot.knowledge.evaluation import (
    NONE_ANSWERED_LIMIT,
    EvalFileError,
    EvalReport,
    calibrate,
    evaluate,
    load_questions,
    percentile,
)

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "data" / "faq-dev-questions.yaml"
DAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine(load_knowledge_base(ROOT / "faq"))


@pytest.fixture(scope="module")
def report(engine: FaqEngine) -> EvalReport:
    return evaluate(engine, load_questions(DEV), DAY)


def test_dev_set_has_every_kind(report: EvalReport) -> None:
    assert report.topic > 0
    assert report.out_of_scope > 0
    assert report.crisis > 0


def test_top1(report: EvalReport) -> None:
    assert report.metrics()["top1"] >= 0.90, report.misses


def test_top3(report: EvalReport) -> None:
    assert report.metrics()["top3"] >= 0.98, report.misses


def test_out_of_scope_rarely_answered(report: EvalReport) -> None:
    assert report.metrics()["none_answered"] <= 0.05


def test_crisis_recall(report: EvalReport) -> None:
    assert report.metrics()["crisis_recall"] == 1.0


def test_false_crisis_rate(report: EvalReport) -> None:
    assert report.metrics()["false_crisis"] <= 0.01


def test_calibration_respects_the_out_of_scope_limit(engine: FaqEngine) -> None:
    calibration = calibrate(engine, load_questions(DEV), DAY)
    assert calibration.none_answered <= NONE_ANSWERED_LIMIT
    assert calibration.thresholds.suggest <= calibration.thresholds.answer


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
