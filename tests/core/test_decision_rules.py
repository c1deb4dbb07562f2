"""The learned decision's rules: off-topic gap, the follow-up threshold, staff's own example
questions, matters the FAQ does not cover, and follow-ups read with their chat."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.knowledge import FaqEngine, load_knowledge_base
from bot.knowledge.decision import FEATURES, DecisionModel, Evidence
from bot.knowledge.engine import Assessment, decide, is_follow_up
from bot.knowledge.evaluation import LabelledQuestion, classifier_texts
from bot.knowledge.models import KnowledgeBase
from bot.knowledge.social import social_kind
from bot.knowledge.training import Example, fit_decision

FAQ = Path(__file__).resolve().parents[2] / "faq"
DAY = date(2026, 12, 6)


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine(load_knowledge_base(FAQ))


@pytest.fixture(scope="module")
def knowledge(engine: FaqEngine) -> KnowledgeBase:
    return engine.knowledge


def _evidence(*, top: float, follow_up: bool = False, off_topic: float = 0.0) -> Evidence:
    return Evidence(
        top=top,
        second=0.0,
        question_top=top,
        full_top=top,
        agree=True,
        words=4,
        follow_up=follow_up,
        classifier_top=0.2,
        off_topic=off_topic,
    )


def _model(
    off_topic_gap: float | None = None, answer_follow_up: float | None = None
) -> DecisionModel:
    """P(right) rises with `top` alone: 0.5 at top 0.5."""
    weights = [0.0] * len(FEATURES)
    weights[FEATURES.index("top")] = 20.0
    return DecisionModel(
        weights,
        -10.0,
        answer=0.7,
        suggest=0.05,
        off_topic_gap=off_topic_gap,
        answer_follow_up=answer_follow_up,
    )


def _assessment(evidence: Evidence, **fields: bool) -> Assessment:
    return Assessment([("a", evidence.top), ("b", 0.01)], evidence, False, None, **fields)


def test_candidates_are_withheld_when_the_classifier_reads_off_topic() -> None:
    model = _model(off_topic_gap=0.3)
    doubtful = _evidence(top=0.45, off_topic=0.2)
    assert decide(_assessment(doubtful), model).outcome == "suggestions"
    off = _evidence(top=0.45, off_topic=0.6)  # 0.6 > 0.2 (the best entry) + 0.3
    assert decide(_assessment(off), model).outcome == "none"
    # An answer stays an answer: the gap only decides between candidates and none.
    assert decide(_assessment(_evidence(top=0.9, off_topic=0.6)), model).outcome == "answer"
    assert decide(_assessment(off), _model()).outcome == "suggestions"  # no gap: never


def test_a_follow_up_has_its_own_answer_threshold() -> None:
    model = _model(answer_follow_up=0.95)
    alone, joined = _evidence(top=0.6), _evidence(top=0.6, follow_up=True)  # p 0.88
    assert decide(_assessment(alone), model).outcome == "answer"
    assert decide(_assessment(joined), model).outcome == "suggestions"


def test_fitting_chooses_the_off_topic_gap_and_the_follow_up_threshold() -> None:
    examples = []
    for step in range(40):
        top = step / 40
        right = step >= 12
        examples.append(Example(_evidence(top=top), True, right, right))
        examples.append(Example(_evidence(top=top, follow_up=True), True, step >= 30, right))
        # Out of scope: low scores, and the classifier's off-topic class wins by far.
        examples.append(Example(_evidence(top=top / 2, off_topic=1.5), False, False, False))
    model = fit_decision(examples)
    assert model.answer_follow_up is not None
    assert model.answer_follow_up > model.answer
    assert model.off_topic_gap is not None


def test_staff_example_question_is_answered_with_its_entry(engine: FaqEngine) -> None:
    entry = engine.knowledge.entry("family-care-leave", DAY)
    assert entry is not None
    for text in (entry.question, entry.variants[0], f"  {entry.variants[0]}!! "):
        result = engine.match(text, DAY)
        assert (result.outcome, result.ids[0]) == ("answer", "family-care-leave"), text


def test_a_matter_in_the_background_of_a_story_does_not_block_the_answer(
    engine: FaqEngine,
) -> None:
    story = (
        "아이가 돌이 지났는데 어린이집 적응이 너무 힘들어서 한동안 제가 데리고 있어야 할 것 "
        "같아요. 회사에 다닌 지는 3년 됐고 남편도 같은 회사예요. 육아휴직은 한 번에 "
        "얼마나 길게 쓸 수 있나요?"
    )
    assert engine.assess(story, DAY).answerable
    assert not engine.assess("어린이집 적응 기간에 육아휴직 되나요", DAY).answerable
    servant = (
        "저는 구청에서 일하는 공무원이고 남편은 회사원이에요. 아이가 세 살인데 저도 "
        "육아휴직을 3년까지 쓸 수 있다고 들었어요. 그 기간 급여는 얼마나 나와요?"
    )
    assert not engine.assess(servant, DAY).answerable  # another law, however long


def test_a_five_word_follow_up_is_read_with_the_previous_question(engine: FaqEngine) -> None:
    assert is_follow_up("그 기간 돈은 누가 줘요")
    assert not is_follow_up("회사에서 그 기간 돈은 누가 주는지 알고 싶어서 여쭤봐요 정말")
    follow = engine.match("그 기간 돈은 누가 줘요", DAY, ["maternity-leave-length"])
    assert follow.ids[0] == "maternity-leave-pay"
    assert follow.follow_up


def test_the_classifier_learns_follow_ups_as_the_engine_reads_them(
    knowledge: KnowledgeBase,
) -> None:
    first = LabelledQuestion("출산휴가 며칠이에요?", ("maternity-leave-length",), "followup", "c1")
    turn = LabelledQuestion("돈은요?", ("maternity-leave-pay",), "followup", "c1")
    new_topic = LabelledQuestion(
        "그리고 남편 회사에서 배우자 출산휴가는 며칠 쓸 수 있는지 자세히 알고 싶어요",
        ("spouse-childbirth-leave",),
        "followup",
        "c1",
    )
    texts = classifier_texts(knowledge, [first, turn, new_topic], DAY)
    entry = knowledge.entry("maternity-leave-length", DAY)
    assert entry is not None
    assert ("출산휴가 며칠이에요?", "maternity-leave-length") in texts
    assert (f"{entry.question} 돈은요?", "maternity-leave-pay") in texts
    assert (new_topic.text, "spouse-childbirth-leave") in texts


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ㄱㅅㄱㅅ", "smalltalk"),
        ("ㅇㅇ", "smalltalk"),
        ("헐", "smalltalk"),
        ("감사해요 덕분에 인사팀에 말해볼게요", "smalltalk"),
        ("thank you so much, that really helped!!", "smalltalk"),
        ("전화상담 원해요", "person"),
        ("노무사 상담 신청할게요", "person"),
        ("사람 불러주세요", "person"),
        ("I'd like to speak with a labor attorney please", "person"),
        ("Is there a real person I could talk to about my situation?", "person"),
        ("감사합니다 육아휴직 급여 얼마예요", None),
        ("thanks, can my husband also apply?", None),
        ("센터에 상담 신청하면 어떤 절차로 진행돼요?", None),
        ("노무사 상담 비용 있나요", None),
    ],
)
def test_small_talk_and_person_requests_in_chat_spelling(text: str, kind: str | None) -> None:
    assert social_kind(text) == kind
