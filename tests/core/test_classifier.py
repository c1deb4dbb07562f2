"""The entry classifier: fitted on labelled questions, stored, applied by the engine."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from bot.knowledge import FaqEngine, KnowledgeBase, load_knowledge_base
from bot.knowledge.classifier import OFF_TOPIC, EntryClassifier, grams
from bot.knowledge.decision import DecisionModel
from bot.knowledge.evaluation import LabelledQuestion, classifier_texts, cross_fitted
from bot.knowledge.training import fit_classifier

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 12, 6)


@pytest.fixture(scope="module")
def knowledge() -> KnowledgeBase:
    return load_knowledge_base(ROOT / "faq")


def test_grams_are_padded_word_pieces() -> None:
    counted = grams("육아휴직 OK")
    assert {" 육", "육아", "육아휴", " 육아휴", "직 ", " ok ", "ok "} <= set(counted)
    assert all(2 <= len(gram) <= 4 for gram in counted)


def test_fitted_classifier_prefers_the_labelled_entry_and_survives_a_round_trip(
    tmp_path: Path,
) -> None:
    texts = [
        ("아기 낳고 쉬는 동안 월급", "pay"),
        ("출산 후 통장에 돈 들어와요", "pay"),
        ("회사에서 그만두라고 해요", "dismissal"),
        ("권고사직 당했어요", "dismissal"),
        ("어린이집 대기 순번", OFF_TOPIC),
    ]
    classifier = fit_classifier(texts, note="test")
    scores = classifier.scores("아기 낳으면 월급 나와요?")
    assert max(scores, key=scores.__getitem__) == "pay"
    path = tmp_path / "classifier.npz"
    classifier.save(path)
    loaded = EntryClassifier.load(path)
    assert loaded.entry_ids == classifier.entry_ids
    assert loaded.note == "test"
    again = loaded.scores("아기 낳으면 월급 나와요?")
    assert again == pytest.approx(scores, abs=1e-2)


def test_two_entries_each_get_their_own_side() -> None:
    classifier = fit_classifier([("급여 얼마", "pay"), ("해고 당했어요", "dismissal")])
    assert classifier.weights.shape[1] == 2
    pay = classifier.scores("급여 얼마예요")
    assert pay["pay"] > pay["dismissal"]
    fired = classifier.scores("해고 당했어요 어떡해요")
    assert fired["dismissal"] > fired["pay"]


def test_training_needs_two_entries() -> None:
    with pytest.raises(ValueError, match="two entries"):
        fit_classifier([("급여 얼마", "pay"), ("급여 언제", "pay")])


def test_unknown_text_gets_only_the_intercepts() -> None:
    classifier = fit_classifier([("급여 얼마", "pay"), ("해고 당했어요", "dismissal")])
    scores = classifier.scores("★☆★")
    assert list(scores.values()) == pytest.approx(classifier.intercepts.tolist())
    assert EntryClassifier.empty().scores("급여 얼마") == {}


def test_the_engine_ranks_with_the_classifier_and_without_it(knowledge: KnowledgeBase) -> None:
    """A phrasing the FAQ never uses, taught by labelled questions: the classifier puts
    its entry first; without a classifier the engine still ranks by words alone."""
    question = "와이프 애 낳을 때 남편이 회사 안 나가도 되는 날 며칠"
    taught = [
        ("와이프 애 낳을 때 남편이 회사 쉬는 날", "spouse-childbirth-leave"),
        ("와이프 출산 때 남편이 회사 안 나가도 되는 기간", "spouse-childbirth-leave"),
        ("남편도 애 낳을 때 쉬는 날 있어요", "spouse-childbirth-leave"),
    ]
    texts = classifier_texts(knowledge, [], DAY) + taught
    with_classifier = FaqEngine(
        knowledge, DecisionModel.untrained(), classifier=fit_classifier(texts)
    )
    without = FaqEngine(knowledge, DecisionModel.untrained(), classifier=EntryClassifier.empty())
    assert with_classifier.assess(question, DAY).ranked[0][0] == "spouse-childbirth-leave"
    evidence = with_classifier.assess(question, DAY).evidence
    assert evidence is not None
    assert evidence.classifier_agree
    plain = without.assess(question, DAY)
    assert plain.ranked
    assert plain.evidence is not None
    assert plain.evidence.classifier_top == 0.0
    assert not plain.evidence.classifier_agree


def test_cross_fitting_never_shows_the_classifier_the_question_it_ranks(
    knowledge: KnowledgeBase,
) -> None:
    """A made-up word only one labelled question has: fitted on that question, the
    classifier would give its entry a margin; cross-fitted, it never saw it."""
    odd = LabelledQuestion("크롬블랙스 쿼지플랑 어떡해요", ("center-contact",))
    questions = [odd] + [
        LabelledQuestion(text, (entry_id,))
        for text, entry_id in [
            ("육아휴직 급여 얼마 나와요", "parental-leave-pay"),
            ("출산휴가 며칠이에요", "maternity-leave-length"),
            ("회사에서 잘렸어요", "unfair-dismissal-remedy"),
            ("센터 전화번호 알려주세요", "center-contact"),
            ("단축근무 하고 싶어요", "childcare-reduced-hours"),
            ("배우자 출산휴가 며칠", "spouse-childbirth-leave"),
        ]
    ]
    seen = fit_classifier(classifier_texts(knowledge, questions, DAY))
    unseen = fit_classifier(classifier_texts(knowledge, questions[1:], DAY))
    assert seen.scores(odd.text)["center-contact"] > unseen.scores(odd.text)["center-contact"]
    fitted = cross_fitted(knowledge, questions, DAY, 3)
    assert [item.question for item in fitted] == questions
    evidence = fitted[0].assessment.evidence
    assert evidence is not None
    # Its fold's classifier saw other folds' questions, never this one: no entry gets
    # the margin a classifier that memorised it gives.
    assert evidence.classifier_top < seen.scores(odd.text)["center-contact"] - 0.05


def test_the_stored_classifier_knows_every_entry_and_off_topic(knowledge: KnowledgeBase) -> None:
    stored = EntryClassifier.load()
    ids = {entry.id for entry in knowledge.entries if entry.is_valid_on(DAY)}
    assert ids <= set(stored.entry_ids)
    assert OFF_TOPIC in stored.entry_ids
    assert stored.weights.dtype == np.float16
    assert stored.weights.shape == (len(stored.vocabulary.names), len(stored.entry_ids))
