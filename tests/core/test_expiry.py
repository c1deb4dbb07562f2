"""Dated content that runs out: `faq check` warns 60 days ahead when an FAQ version or a rule
table ends with nothing after it; a successor (a later version, a next-year row) silences it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.calc import load_rules
from bot.cli.main import main
from bot.knowledge import load_knowledge_base
from bot.knowledge.expiry import expiring

ROOT = Path(__file__).resolve().parents[2]

DATED_GROUP = """\
group: dated-test
title: 날짜 시험
order: 99
entries:
  - id: dated-rule
    question: 날짜가 정해진 규정인가요?
    answer: 옛 규정이에요.
    reviewed: 2026-11-25
    valid_until: {until}
{successor}"""

SUCCESSOR = """\
  - id: dated-rule
    question: 날짜가 정해진 규정인가요?
    answer: 새 규정이에요.
    reviewed: 2026-11-25
    valid_from: {start}
"""

#: A minimum-wage table checked only to 2027-03-31, with no row after it.
MINIMUM_WAGE = """\
minimum-wage:
  title: 최저임금
  checked_until: 2027-03-31
  rows:
    - valid_from: 2026-01-01
      valid_until: null
      legal_basis: 최저임금법
      uncertain: false
      note: 2026년 최저임금 시간급 10,320원.
      hourly: 10320
      monthly: 2156880
"""


def faq_copy(tmp_path: Path, *, until: str, successor: str | None = None) -> Path:
    """The real FAQ plus one entry version ending on `until` (and maybe its successor)."""
    folder = tmp_path / "faq"
    shutil.copytree(ROOT / "faq", folder)
    later = SUCCESSOR.format(start=successor) if successor else ""
    (folder / "dated-test.yaml").write_text(
        DATED_GROUP.format(until=until, successor=later), encoding="utf-8"
    )
    return folder


def test_version_ending_within_60_days_warns_without_changing_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = faq_copy(tmp_path, until="2027-01-20")
    # 2026-11-21 → 2027-01-20: 10 + 31 + 19 = 60 days
    assert main(["faq", "check", str(folder), "--date", "2026-11-21"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK:")
    assert ", 1 warning(s)" in out
    assert (
        "warning: entry 'dated-rule': the version valid until 2027-01-20 (in 60 days) "
        "has no later version"
    ) in out


def test_version_ending_in_61_days_does_not_warn_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = faq_copy(tmp_path, until="2027-01-20")
    assert main(["faq", "check", str(folder), "--date", "2026-11-20"]) == 0
    assert "warning" not in capsys.readouterr().out


def test_later_version_is_a_successor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = faq_copy(tmp_path, until="2027-01-20", successor="2027-01-21")
    assert main(["faq", "check", str(folder), "--date", "2026-12-31"]) == 0
    assert "warning" not in capsys.readouterr().out


def test_rule_table_checked_until_soon_without_next_row_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = faq_copy(tmp_path, until="2030-01-01")
    (folder / "rules" / "minimum-wage.yaml").write_text(MINIMUM_WAGE, encoding="utf-8")
    # 2027-02-01 → 2027-03-31: 27 + 31 = 58 days
    assert main(["faq", "check", str(folder), "--date", "2027-02-01"]) == 0
    out = capsys.readouterr().out
    assert "warning: rules series 'minimum-wage': checked until 2027-03-31 (in 58 days)" in out
    assert out.count("warning:") == 1  # the other tables have their 2027 rows


def test_real_content_has_successors_for_the_year_end() -> None:
    """Every 2026 figure has a 2027 row or version (drafts flagged for review)."""
    knowledge = load_knowledge_base(ROOT / "faq")
    rules = load_rules(ROOT / "faq")
    assert expiring(knowledge, rules, today=date(2026, 12, 1), within_days=60) == []


def test_ended_items_are_not_reported() -> None:
    knowledge = load_knowledge_base(ROOT / "faq")
    rules = load_rules(ROOT / "faq")
    # infertility-leave's old version ended 2026-11-26 and has a successor anyway; nothing
    # that ended before today is reported, whatever the window
    assert expiring(knowledge, rules, today=date(2030, 1, 1), within_days=60) == []
