"""이행률 rounding, median and 90th percentile."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from bot.reports import formatting as fmt
from bot.reports.stats import achievement, median, percentile, round_half_up


@pytest.mark.parametrize(
    ("actual", "target", "expected"),
    [
        (3166, 3500, "90.5"),  # the center's 2022 table
        (3, 6, "50.0"),
        (6, 10, "60.0"),
        (94, 72, "130.6"),
        (9, 6, "150.0"),
        (6, 5, "120.0"),
        (57, 15, "380.0"),
        (2918, 3200, "91.2"),
        (1, 16, "6.3"),  # 6.25: half up, where banker's rounding gives 6.2
        (0, 5, "0.0"),
    ],
)
def test_achievement_matches_the_center_table(actual: int, target: int, expected: str) -> None:
    assert achievement(actual, Fraction(target)) == Decimal(expected)


def test_achievement_uses_the_exact_monthly_target() -> None:
    # 3,500 ÷ 12 = 291.666…: 250 ÷ 291.666… = 85.714… → 85.7 (not 250 ÷ 291.7 = 85.70)
    assert achievement(250, Fraction(3500, 12)) == Decimal("85.7")
    assert achievement(1, Fraction(15, 12)) == Decimal("80.0")


def test_zero_target_has_no_achievement() -> None:
    assert achievement(3, Fraction(0)) is None


def test_round_half_up_is_exact() -> None:
    assert round_half_up(Fraction(905, 10)) == Decimal("90.5")
    assert round_half_up(Fraction(1, 40) * 100, 1) == Decimal("2.5")
    assert round_half_up(Fraction(-125, 100)) == Decimal("-1.3")


def test_median_of_odd_and_even_counts() -> None:
    hours = [timedelta(hours=h) for h in (5, 1, 3)]
    assert median(hours) == timedelta(hours=3)
    assert median([*hours, timedelta(hours=7)]) == timedelta(hours=4)
    assert median([]) is None


def test_p90_is_nearest_rank() -> None:
    minutes = [timedelta(minutes=m) for m in range(1, 11)]
    assert percentile(minutes, 90) == timedelta(minutes=9)
    assert percentile(minutes[:3], 90) == timedelta(minutes=3)
    assert percentile([timedelta(minutes=4)], 90) == timedelta(minutes=4)
    assert percentile([], 90) is None


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (timedelta(minutes=35), "35분"),
        (timedelta(hours=3, minutes=20), "3시간 20분"),
        (timedelta(hours=5), "5시간"),
        (timedelta(days=2, hours=4), "2일 4시간"),
        (None, "-"),
    ],
)
def test_durations_read_naturally(value: timedelta | None, shown: str) -> None:
    assert fmt.duration(value) == shown


def test_targets_show_one_decimal_only_when_needed() -> None:
    assert fmt.target(Fraction(3500, 12), "건") == "291.7건"
    assert fmt.target(Fraction(72, 12), "건") == "6건"
    assert fmt.target(Fraction(3500), "건") == "3,500건"
    assert fmt.target(None) == "-"
