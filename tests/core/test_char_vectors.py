"""The character n-gram vectors: a second, rule-free view of similarity."""

from __future__ import annotations

import numpy as np
import pytest

from bot.knowledge.vectors import CharGramVectors, char_grams


def test_grams_are_taken_inside_padded_words() -> None:
    grams = char_grams("육아 휴직")
    assert grams[" 육"] == 1
    assert grams["아 "] == 1
    assert grams[" 육아"] == 1
    assert "아 휴" not in grams  # never across words
    assert " " not in grams


def test_grams_normalise_width_and_case() -> None:
    assert char_grams("ＡＢ") == char_grams("ab")


def test_nearest_group_wins_and_unknown_text_scores_zero() -> None:
    vectors = CharGramVectors(
        [
            ["육아휴직 급여 얼마", "육휴 급여 금액"],
            ["출산휴가 며칠", "출산전후휴가 기간"],
        ]
    )
    scores = vectors.similarities("육아휴직 급여가 얼마예요")
    assert scores.shape == (2,)
    assert scores[0] > scores[1]
    assert 0.0 < float(scores[0]) <= 1.0 + 1e-6
    assert not np.any(vectors.similarities("zzzz qqq"))
    assert not np.any(vectors.similarities(""))


def test_a_text_is_nearest_to_itself() -> None:
    texts = ["배우자 출산휴가 며칠", "가족돌봄휴가 유급", "임신기 근로시간 단축"]
    vectors = CharGramVectors([[text] for text in texts])
    for number, text in enumerate(texts):
        scores = vectors.similarities(text)
        assert int(np.argmax(scores)) == number
        assert float(scores[number]) == pytest.approx(1.0, abs=1e-5)
