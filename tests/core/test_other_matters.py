"""Near-domain matters the FAQ does not cover are never answered directly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.knowledge.engine import FaqEngine
from bot.knowledge.loader import load_knowledge_base
from bot.knowledge.scope import other_matter

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine(load_knowledge_base(ROOT / "faq"))


@pytest.mark.parametrize(
    "text",
    [
        "부모급여 0세면 한 달에 얼마예요?",
        "공무원인데 육아휴직 수당 얼마 나와요",
        "육아휴직 중에 전세 대출 연장 되나요",
        "프리랜서 종합소득세 신고 기한",
        "Can I get child benefit while on parental leave?",
    ],
)
def test_other_matters_get_suggestions_not_an_answer(engine: FaqEngine, text: str) -> None:
    result = engine.match(text, DAY)
    assert result.outcome != "answer"


def test_a_matter_the_entry_itself_speaks_of_is_not_blocked(engine: FaqEngine) -> None:
    entry = engine.knowledge.entry("short-parental-leave", DAY)
    assert entry is not None
    assert "유치원" in entry.answer + " ".join(entry.variants)
    assert other_matter("유치원 휴원이라 일주일 육아휴직 돼요?", entry) is None
    assert other_matter("육아휴직 중 이혼하면 어떻게 돼요?", entry) == "이혼"


def test_parent_and_rent_are_different_words(engine: FaqEngine) -> None:
    entry = engine.knowledge.entry("parental-leave-pay", DAY)
    assert entry is not None
    assert other_matter("How much parental leave pay do parents get?", entry) is None
