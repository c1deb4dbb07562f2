"""The particle after a word, a number or a name: table-tested."""

from __future__ import annotations

import pytest

from bot.korean import fill, josa


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("상담", "이/가", "상담이"),
        ("노무사", "이/가", "노무사가"),
        ("2026-0001", "이/가", "2026-0001이"),  # 일
        ("2026-0002", "이/가", "2026-0002가"),  # 이
        ("2026-0003", "이/가", "2026-0003이"),  # 삼
        ("2026-0004", "을/를", "2026-0004를"),  # 사
        ("2026-0006", "은/는", "2026-0006은"),  # 육
        ("2026-0009", "와/과", "2026-0009와"),  # 구
        ("2026-0001", "와/과", "2026-0001과"),
        ("2026-0010", "이/가", "2026-0010이"),  # 십
        ("2026-0100", "이/가", "2026-0100이"),  # 백
        ("2026-1000", "가/이", "2026-1000이"),  # 천; either order of the pair
        ("10000", "이/가", "10000이"),  # 만
        ("1,000,000,000,000", "이/가", "1,000,000,000,000가"),  # 조
        ("0", "이/가", "0이"),  # 영
        ("2026-0001", "으로/로", "2026-0001로"),  # ㄹ takes 로
        ("2026-0007", "으로/로", "2026-0007로"),  # 칠
        ("2026-0008", "으로/로", "2026-0008로"),  # 팔
        ("2026-0003", "으로/로", "2026-0003으로"),
        ("2026-0005", "으로/로", "2026-0005로"),
        ("서울", "으로/로", "서울로"),
        ("부산", "으로/로", "부산으로"),
        ("학교", "으로/로", "학교로"),
        ("출산전후휴가", "을/를", "출산전후휴가를"),
        ("육아휴직", "을/를", "육아휴직을"),
        ("휴가 일수", "은/는", "휴가 일수는"),
        ("직원(개인 대화)", "으로/로", "직원(개인 대화)으로"),  # the word before the bracket
        ("‘심층상담’", "이/가", "‘심층상담’이"),
        ("김노무", "이에요/예요", "김노무예요"),
        ("김민준", "이에요/예요", "김민준이에요"),
        ("민준", "아/야", "민준아"),
        ("FAQ", "을/를", "FAQ를"),  # 큐
        ("URL", "이/가", "URL이"),  # 엘
        ("URL", "으로/로", "URL로"),
        ("PDF", "으로/로", "PDF로"),  # 에프
        ("HWP", "을/를", "HWP를"),  # 피
        ("app", "이/가", "app이"),
        ("phone", "이/가", "phone이(가)"),  # spelling does not tell: both forms
        ("", "이/가", "이(가)"),
        ("😊", "을/를", "😊을(를)"),
    ],
)
def test_josa(word: str, particle: str, expected: str) -> None:
    assert josa(word, particle) == expected


def test_unknown_particle_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown particle"):
        josa("상담", "에/에서")


def test_fill_picks_particles_in_a_template() -> None:
    template = "상담 {number:이/가} {stage:으로/로} 바뀌었어요. ({count}건)"
    assert fill(template, number="2026-0001", stage="심층상담", count=3) == (
        "상담 2026-0001이 심층상담으로 바뀌었어요. (3건)"
    )
    assert fill("{n:이/가}", n=2) == "2가"
