"""The synonym rewrite scans a trie; it must agree with the plain regular expression of the
same rules (longest variant first, spaces inside a variant ignored, short Korean variants
only at a word start, English ones only as whole words)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.knowledge.evaluation import load_questions
from bot.knowledge.loader import load_knowledge_base
from bot.knowledge.normalize import SynonymMap, normalize_text, rewrite_phrases

ROOT = Path(__file__).resolve().parents[2]


def _pattern(term: str) -> str:
    body = r"\s?".join(re.escape(char) for char in term)
    if term.isascii():
        return rf"(?<![a-z0-9]){body}(?![a-z0-9])"
    if len(term) <= 2:
        return rf"(?<![가-힣]){body}"
    return body


def _reference(synonyms: SynonymMap):  # type: ignore[no-untyped-def]
    table = dict(synonyms.pairs())
    ordered = sorted(table, key=len, reverse=True)
    pattern = re.compile("|".join(_pattern(term) for term in ordered))

    def replace(match: re.Match[str]) -> str:
        found = match.group(0).replace(" ", "")
        target = table[found]
        return f" {target} " if target.isascii() != found.isascii() else target

    return lambda text: pattern.sub(replace, text)


@pytest.fixture(scope="module")
def synonyms() -> SynonymMap:
    return SynonymMap(load_knowledge_base(ROOT / "faq").synonyms)


def test_agrees_with_the_regular_expression_on_every_corpus_question(
    synonyms: SynonymMap,
) -> None:
    reference = _reference(synonyms)
    texts = [
        rewrite_phrases(normalize_text(q.text))
        for name in ("faq-dev-questions.yaml", "faq-corpus-calibration.yaml")
        for q in load_questions(ROOT / "tests" / "data" / name)
    ]
    assert len(texts) > 600
    for text in texts:
        assert synonyms.apply(text) == reference(text), text


def test_small_cases() -> None:
    synonyms = SynonymMap({"육아휴직": ["육휴", "parental leave"], "출산휴가": ["출휴"]})
    assert synonyms.apply("육휴 급여") == "육아휴직 급여"
    assert synonyms.apply("육 휴 급여") == "육아휴직 급여"
    assert synonyms.apply("남육휴") == "남육휴"  # a two-syllable variant starts a word
    assert synonyms.apply("parental leave pay") == " 육아휴직  pay"
    assert synonyms.apply("grandparental leave") == "grandparental leave"
    assert synonyms.apply("") == ""


@given(st.text(alphabet="육휴출산가 abcdeflnprtv", max_size=30))
def test_agrees_on_random_text(text: str) -> None:
    synonyms = SynonymMap(
        {"육아휴직": ["육휴", "parental leave"], "출산휴가": ["출휴", "출산 휴가"]}
    )
    assert synonyms.apply(text) == _reference(synonyms)(text)
