"""Korean normalization, typo/spacing/synonym robustness, crisis detection and `none`."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from bot.knowledge import FaqEngine, load_knowledge_base
from bot.knowledge.hangul import compose_jamo, decompose, from_qwerty
from bot.knowledge.normalize import normalize_text, rewrite_phrases, strip_ending
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


def test_long_message_is_cut_for_matching_but_read_whole_for_crisis(engine: FaqEngine) -> None:
    filler = "회사 일이 많아서 정신이 없어요. " * 200
    assert engine.match("육아휴직 급여 상한액 " + filler, DAY).outcome != "crisis"
    assert engine.match(filler + "이제 정말 죽고 싶어요", DAY).outcome == "crisis"


def test_glued_words_are_split() -> None:
    segmenter = Segmenter(["육아휴직", "급여", "신청", "언제", "해요"])
    assert segmenter.split("육아휴직급여신청언제해요") == "육아휴직 급여 신청 언제 해요"
    assert segmenter.split("육아휴직") == "육아휴직"
    assert segmenter.split("급여") == "급여"


def test_question_typed_without_any_space(engine: FaqEngine) -> None:
    assert top(engine, "배우자출산휴가며칠까지나눠쓸수있어요") == "spouse-childbirth-leave"
