"""Korean normalization, typo/spacing/synonym robustness, crisis detection and `none`."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from bot.knowledge import FaqEngine, load_knowledge_base
from bot.knowledge.hangul import compose_jamo, decompose, from_qwerty
from bot.knowledge.normalize import english_base, normalize_text, rewrite_phrases, strip_ending
from bot.knowledge.segment import Segmenter

FAQ = Path(__file__).resolve().parents[2] / "faq"
DAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine(load_knowledge_base(FAQ))


def top(engine: FaqEngine, text: str) -> str:
    result = engine.match(text, DAY)
    assert result.ids, f"no candidates for {text!r}"
    return result.ids[0]


def test_normalize_nfc_case_punctuation_and_emoticons() -> None:
    decomposed = unicodedata.normalize("NFD", "육아휴직")
    assert normalize_text(f"  {decomposed}!!  ＡＢＣ ㅋㅋㅋ 되나요?ㅠㅠ ") == "육아휴직 abc 되나요"


def test_strip_ending_keeps_short_nouns() -> None:
    assert strip_ending("육아휴직은") == "육아휴직"
    assert strip_ending("신청하면") == "신청"
    assert strip_ending("휴가") == "휴가"
    assert strip_ending("아이") == "아이"


def test_small_workplace_phrases_become_the_legal_category() -> None:
    assert "5인 미만" in rewrite_phrases("직원 4명 카페")
    assert "5인 미만" in rewrite_phrases("우리 회사 직원이 3명이에요")
    assert "5인 미만" not in rewrite_phrases("아이 2명 키워요")


def test_jamo_and_keyboard_helpers() -> None:
    assert decompose("휴직") == "ㅎㅠㅈㅣㄱ"
    assert compose_jamo(list("ㅎㅠㅈㅣㄱ")) == "휴직"
    assert from_qwerty("dbrdkgbwlr") == "육아휴직"
    assert from_qwerty("hello!") is None


def test_spacing_does_not_matter(engine: FaqEngine) -> None:
    spaced = engine.match("육아 휴직 급여 얼마 나와요", DAY)
    glued = engine.match("육아휴직급여얼마나와요", DAY)
    assert spaced.ids[0] == glued.ids[0] == "parental-leave-pay"


def test_jamo_typo_is_corrected(engine: FaqEngine) -> None:
    assert top(engine, "육아휴즉 급여 상한액 얼마예요") == "parental-leave-pay"
    assert top(engine, "가족돌봄휴갸 며칠까지 쓸 수 있나요") == "family-care-leave"


def test_keyboard_left_in_english_mode(engine: FaqEngine) -> None:
    assert top(engine, "dbrdkgbwlr 급여 얼마") == "parental-leave-pay"


def test_slang_and_abbreviations(engine: FaqEngine) -> None:
    assert top(engine, "배출휴 며칠 쓸수있음?") == "spouse-childbirth-leave"
    assert top(engine, "권사 당했는데 어떻게 대응해야 돼요") == "forced-resignation"
    assert top(engine, "육단 하면 급여 얼마나 줘요") == "childcare-reduced-hours-pay"


def test_english_words_mixed_in(engine: FaqEngine) -> None:
    assert top(engine, "maternity leave 급여 얼마 받아요?") == "maternity-leave-pay"
    assert top(engine, "got fired during parental leave, is that legal?") == (
        "dismissal-protection-period"
    )


def test_english_plurals_and_verb_forms_meet_their_base() -> None:
    assert english_base("days benefits subsidies classes checkups") == (
        "day benefit subsidy class checkup"
    )
    # Function words, short words and words that end in s by nature are left alone.
    assert english_base("does this bus has status analysis") == "does this bus has status analysis"
    assert english_base("출산휴가 days") == "출산휴가 day"


def test_english_questions_in_plain_words(engine: FaqEngine) -> None:
    assert top(engine, "Do I have to use annual leave for prenatal checkups?") == (
        "prenatal-checkup-time"
    )
    assert top(engine, "How many days of maternity leave do I get?") == "maternity-leave-length"
    assert top(engine, "My boss keeps pressuring me to resign. Should I sign?") == (
        "forced-resignation"
    )


def test_a_follow_up_without_its_own_topic_stays_with_the_previous_entry(
    engine: FaqEngine,
) -> None:
    for text, previous in [
        ("언제까지 내요?", "unfair-dismissal-remedy"),
        ("기간은요?", "family-care-leave"),
    ]:
        follow = engine.match(text, DAY, [previous])
        assert follow.ids[0] == previous, text
        assert follow.outcome != "none", text


def test_clear_question_is_answered(engine: FaqEngine) -> None:
    result = engine.match("난임치료휴가 유급 며칠이에요", DAY)
    assert result.outcome == "answer"
    assert result.ids[0] == "infertility-leave"
    assert len(result.ids) <= 3


@pytest.mark.parametrize(
    "text",
    ["오늘 저녁 메뉴 추천해 줘", "qwerty zxcv", "주식 투자 어떻게 시작해요", "", "ㅋㅋㅋㅋ"],
)
def test_out_of_scope_is_not_answered(engine: FaqEngine, text: str) -> None:
    assert engine.match(text, DAY).outcome in ("none", "suggestions")
    assert engine.match(text, DAY).outcome != "answer"


def test_gibberish_gives_none(engine: FaqEngine) -> None:
    result = engine.match("zzqx ㅁㄴㅇㄹ", DAY)
    assert result.outcome == "none"


@pytest.mark.parametrize(
    "text",
    [
        "너무 지쳐서 그냥 죽고 싶어요",
        "이제 살아갈 이유를 모르겠어요",
        "다 내려놓고 사라지고 싶다",
        "수면제를 모아 두었어요",
        "아기를 던져 버리고 싶은 충동이 들어요",
        "전남편이 찾아와서 문을 부수고 있어요",
        "I want to end my life",
    ],
)
def test_crisis_wins_over_everything(engine: FaqEngine, text: str) -> None:
    assert engine.match(text, DAY).outcome == "crisis"


def test_crisis_with_a_labor_question_keeps_faq_ids(engine: FaqEngine) -> None:
    result = engine.match("권고사직 당하고 나니 죽고 싶어요 실업급여라도 받을 수 있나요", DAY)
    assert result.outcome == "crisis"
    assert result.ids


@pytest.mark.parametrize(
    "text",
    [
        "해고당해서 죽겠어요 ㅋㅋ",
        "야근 때문에 죽겠다 진짜",
        "죽을 만큼 힘들게 일했는데 퇴직금 못 받았어요",
        "회사 때려치고 싶은데 실업급여 되나요",
        "남편이 칼퇴하고 육아를 도와줘요",
        "아이 데리고 병원 가야 해서 반차 쓰고 싶어요",
    ],
)
def test_figures_of_speech_are_not_a_crisis(engine: FaqEngine, text: str) -> None:
    assert engine.match(text, DAY).outcome != "crisis"


def test_dated_versions_follow_the_day(engine: FaqEngine) -> None:
    before = engine.knowledge.entry("infertility-leave", date(2026, 11, 26))
    after = engine.knowledge.entry("infertility-leave", date(2026, 11, 27))
    assert before is not None
    assert after is not None
    assert before.answer != after.answer
    assert engine.match("난임휴가 유급 며칠", date(2026, 11, 27)).ids[0] == "infertility-leave"


def test_no_faq_question_or_variant_raises_a_crisis(engine: FaqEngine) -> None:
    """Hundreds of ordinary labor questions (the FAQ's own variants) never alarm."""
    texts = [
        text for entry in engine.knowledge.entries for text in (entry.question, *entry.variants)
    ]
    alarms = [text for text in texts if engine.match(text, DAY).outcome == "crisis"]
    assert len(texts) > 500
    assert alarms == []


def test_long_message_is_read_whole_for_crisis(engine: FaqEngine) -> None:
    filler = "회사 일이 많아서 정신이 없어요. " * 200
    assert engine.match("육아휴직 급여 상한액 " + filler, DAY).outcome != "crisis"
    assert engine.match(filler + "이제 정말 죽고 싶어요", DAY).outcome == "crisis"


def test_question_at_the_end_of_a_long_story_is_read(engine: FaqEngine) -> None:
    story = "아이가 어려서 매일 정신이 없어요. 친정도 멀고 남편도 바빠요. " * 12
    result = engine.match(story + "육아휴직 급여는 한 달에 얼마나 나오나요?", DAY)
    assert len(story) > 400
    assert result.ids[0] == "parental-leave-pay"


def test_parental_leave_money_in_plain_words(engine: FaqEngine) -> None:
    assert top(engine, "육휴 쓰면 돈 얼마 나와요") == "parental-leave-pay"


def test_employer_subsidy_is_not_the_parents_benefit(engine: FaqEngine) -> None:
    assert top(engine, "회사가 받는 육아휴직 지원금 신청 방법") == "employer-subsidies"


def test_a_story_about_45_days_of_maternity_leave_is_found(engine: FaqEngine) -> None:
    story = (
        "다음 달 출산 예정이에요. 회사에서 출산휴가는 출산 후 45일만 쓰고 나머지는 "
        "알아서 하라고 하네요. 원래 90일 아닌가요? 회사 말대로 45일만 써야 하나요?"
    )
    result = engine.match(story, DAY)
    assert result.outcome != "none"
    assert result.ids[0] == "maternity-leave-length"


@pytest.mark.parametrize(
    "text",
    [
        "다 끝내고 싶어요",
        "아이랑 같이 사라지고 싶다",
        "남편이 때려요",
        "수면제 조금씩 모아 두고 있어요",
        "방금 손목을 그었어요",
        "지금 한강 다리 위에 있어요",
        "오늘 밤에 정리하려고요 그동안 고마웠어요",
        "남편이 문을 밖에서 잠가서 못 나가요",
        "팀장이 흉기로 위협했어요",
        "퇴근길에 누가 계속 따라와요 너무 무서워요",
        "ㅈㅅ하고 싶다",
        "죽 고 싶 어 요",
        "I took all my pills",
        "My husband is hitting me right now",
        "Someone is following me home",
    ],
)
def test_indirect_crisis_messages(engine: FaqEngine, text: str) -> None:
    assert engine.match(text, DAY).outcome == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "팀장 때문에 미치겠어요 ㅋㅋ",
        "배고파 죽겠다",
        "이 보고서 오늘 다 끝내고 싶어요",
        "This deadline is going to kill me lol",
        "상사가 칼같이 퇴근하래요",
        "옥상 정원에서 점심 먹었어요",
    ],
)
def test_casual_alarming_words_are_not_a_crisis(engine: FaqEngine, text: str) -> None:
    assert engine.match(text, DAY).outcome != "crisis"


def test_follow_up_uses_the_previous_topic(engine: FaqEngine) -> None:
    assert top(engine, "배우자 출산휴가 며칠이에요") == "spouse-childbirth-leave"
    follow = engine.match("급여는요?", DAY, ["spouse-childbirth-leave"])
    assert follow.ids[0] == "spouse-childbirth-leave-pay"
    assert follow.follow_up


def test_a_new_topic_is_not_dragged_back(engine: FaqEngine) -> None:
    result = engine.match("센터 전화번호 알려주세요", DAY, ["parental-leave-pay"])
    assert result.ids[0] == "center-contact"


def test_small_talk_and_person_requests(engine: FaqEngine) -> None:
    assert engine.match("고마워요", DAY).social == "smalltalk"
    assert engine.match("안녕하세요", DAY).social == "smalltalk"
    assert engine.match("상담원 연결해주세요", DAY).social == "person"
    assert engine.match("사람이랑 얘기하고 싶어요", DAY).social == "person"
    assert engine.match("센터에 상담 신청하면 어떤 절차로 진행돼요?", DAY).social is None


def test_glued_words_are_split() -> None:
    segmenter = Segmenter(["육아휴직", "급여", "신청", "언제", "해요"])
    assert segmenter.split("육아휴직급여신청언제해요") == "육아휴직 급여 신청 언제 해요"
    assert segmenter.split("육아휴직") == "육아휴직"
    assert segmenter.split("급여") == "급여"


def test_question_typed_without_any_space(engine: FaqEngine) -> None:
    assert top(engine, "배우자출산휴가며칠까지나눠쓸수있어요") == "spouse-childbirth-leave"


def test_a_repeated_short_question_is_matched_once_with_its_context() -> None:
    """The remembered result is the one a fresh match gives, kept apart per day and per
    previous topic; a story is never remembered."""
    engine = FaqEngine(load_knowledge_base(FAQ))
    day = date(2026, 12, 6)
    first = engine.match("출산휴가 며칠이에요", day)
    assert engine.match("출산휴가 며칠이에요", day) is first
    fresh = FaqEngine(load_knowledge_base(FAQ), decision=engine.decision)
    assert fresh.match("출산휴가 며칠이에요", day) == first
    after = engine.match("급여는요?", day, ["spouse-childbirth-leave"])
    alone = engine.match("급여는요?", day)
    assert after.follow_up
    assert not alone.follow_up
    assert engine.match("급여는요?", day, ["spouse-childbirth-leave"]) is after
    assert engine.match("출산휴가 며칠이에요", date(2027, 1, 1)) is not first
    story = "회사에서 " * 30 + "출산휴가 며칠이에요?"
    assert engine.match(story, day) is not engine.match(story, day)
