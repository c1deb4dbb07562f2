"""Every calculator text shows dates the Korean way, never as ISO (2026-03-01); JSON stays ISO."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.korean import korean_date_range

FAQ = Path(__file__).resolve().parents[2] / "faq"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
KOREAN_DATE = re.compile(r"\d{4}년 \d{1,2}월 \d{1,2}일")

# Inputs chosen to reach the date-bearing lines: months across a new year (split parts, the
# 2027 draft rows' notes), part months, 6+6 with both dates, holidays moving a deadline, and
# each eligibility reason that names a day.
TEXTS = {
    "parental-6plus6": [
        "parental",
        *("--wage", "3000000", "--start", "2026-11-15", "--months", "4"),
        *("--other-parent-start", "2027-01-10", "--child-birth", "2026-05-01"),
    ],
    "parental-6plus6-too-late": [
        "parental",
        *("--wage", "3000000", "--start", "2026-11-15", "--months", "2"),
        *("--other-parent-start", "2028-01-10", "--child-birth", "2026-05-01"),
    ],
    "parental-other-first": [
        "parental",
        *("--wage", "3000000", "--start", "2026-11-15", "--months", "2"),
        *("--other-parent-start", "2026-09-01", "--other-parent-months", "3"),
    ],
    "parental-end": [
        "parental",
        *("--wage", "2000000", "--start", "2024-11-15", "--end", "2025-02-03"),
    ],
    "maternity": [
        "maternity",
        *("--wage", "1500000", "--start", "2026-11-20", "--company", "large"),
    ],
    "spouse": ["spouse", *("--wage", "4000000", "--start", "2026-03-02", "--company", "priority")],
    "infertility": [
        "infertility",
        *("--wage", "3135000", "--start", "2026-12-10", "--company", "priority"),
    ],
    "spouse-loss": [
        "spouse-loss",
        *("--wage", "3135000", "--loss-day", "2026-11-03", "--company", "priority"),
    ],
    "reduced-hours": [
        "reduced-hours",
        *("--wage", "3000000", "--start", "2026-12-16", "--end", "2027-02-03"),
        *("--hours-before", "40", "--hours-after", "25"),
    ],
    "deadlines": [
        "deadlines",
        *("--today", "2026-11-25", "--dismissal", "2026-11-30", "--leave-start", "2027-01-15"),
        *("--leave-end", "2027-06-30", "--first-ruling", "2026-09-14", "--birth", "2026-08-29"),
        *("--wage-due", "2026-10-25", "--discrimination", "2026-10-10"),
        *("--review-ruling", "2027-01-22"),
    ],
    "eligibility-tenure": [
        "eligibility",
        *("--leave-start", "2026-12-01", "--hired-on", "2026-07-01"),
        *("--contract", "fixed_term", "--contract-end", "2026-11-01"),
    ],
    "eligibility-contract": [
        "eligibility",
        *("--leave-start", "2026-12-01", "--leave-end", "2027-05-31", "--hired-on", "2025-01-01"),
        *("--contract", "fixed_term", "--contract-end", "2027-03-31"),
    ],
    "eligibility-maternity": [
        "eligibility",
        *("--purpose", "maternity-leave", "--leave-start", "2026-12-01"),
        *("--contract", "fixed_term", "--contract-end", "2027-01-15"),
    ],
}


@pytest.mark.parametrize("argv", TEXTS.values(), ids=TEXTS.keys())
def test_calculator_texts_have_no_iso_dates(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(["calc", *argv, "--faq-dir", str(FAQ)]) == 0
    text = capsys.readouterr().out
    assert KOREAN_DATE.search(text), text  # the dates are there, in Korean
    assert ISO_DATE.findall(text) == [], text


@pytest.mark.parametrize("argv", TEXTS.values(), ids=TEXTS.keys())
def test_calculator_texts_point_to_1350_once_at_most(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """Where to confirm one's own amount is said once, in the closing line."""
    assert main(["calc", *argv, "--faq-dir", str(FAQ)]) == 0
    lines = capsys.readouterr().out.splitlines()
    pointers = [line for line in lines if "1350" in line or ("고용24" in line and "확인" in line)]
    assert len(pointers) <= 1, pointers


def test_json_keeps_iso_dates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calc", *TEXTS["maternity"], "--json", "--faq-dir", str(FAQ)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["start"], data["end"]) == ("2026-11-20", "2027-02-17")


def test_rule_not_in_force_message_is_korean(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["calc", "spouse", "--wage", "3000000", "--start", "2023-03-02", "--company", "large"]
    assert main([*argv, "--faq-dir", str(FAQ)]) == 2
    error = capsys.readouterr().err
    assert "2023년 3월 2일(목)에 시행 중인" in error
    assert ISO_DATE.findall(error) == []


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (date(2026, 3, 1), date(2026, 3, 31), "2026년 3월 1일~3월 31일"),
        (date(2026, 12, 1), date(2027, 1, 31), "2026년 12월 1일~2027년 1월 31일"),
        (date(2026, 12, 15), date(2027, 1, 14), "2026년 12월 15일~2027년 1월 14일"),
    ],
)
def test_month_rows_use_a_compact_range(start: date, end: date, shown: str) -> None:
    assert korean_date_range(start, end) == shown


def test_month_parts_leave_the_year_out() -> None:
    assert korean_date_range(date(2026, 12, 15), date(2026, 12, 31), with_year=False) == (
        "12월 15일~12월 31일"
    )
