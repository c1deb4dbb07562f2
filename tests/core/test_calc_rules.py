"""The rule tables in faq/rules/: the real ones load, and the checker reports every kind of
mistake with its file and line."""

from __future__ import annotations

import ast
import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.calc import RuleNotInForceError, RulesError, check_rules, load_rules
from bot.knowledge import Problem

ROOT = Path(__file__).resolve().parents[2]
FAQ = ROOT / "faq"


def copy_rules(tmp_path: Path) -> Path:
    """A FAQ folder holding a copy of the real rule tables (nothing else is needed)."""
    shutil.copytree(FAQ / "rules", tmp_path / "rules")
    return tmp_path


def edit(faq: Path, name: str, old: str, new: str, *, count: int = 1) -> int:
    """Replace the `count`-th occurrence of `old` in rules/`name`; the line it is on (1-based)."""
    path = faq / "rules" / name
    text = path.read_text(encoding="utf-8")
    at = -1
    for _ in range(count):
        at = text.index(old, at + 1)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def only_problem(faq: Path) -> Problem:
    problems = check_rules(faq)
    assert len(problems) == 1, problems
    return problems[0]


def test_real_tables_have_no_problems() -> None:
    assert check_rules(FAQ) == []


def test_real_tables_cover_2025_to_open_end() -> None:
    rules = load_rules(FAQ)
    for series in (
        rules.parental_leave,
        rules.parental_single_parent,
        rules.maternity_leave,
        rules.reduced_hours,
        rules.minimum_wage,
    ):
        assert series.at(date(2025, 1, 1)).valid_from <= date(2025, 1, 1)
        assert series.rows[-1].valid_until is None
    assert rules.spouse_leave.rows[0].valid_from == date(2025, 2, 23)
    assert rules.parental_leave.rows[0].valid_from == date(2024, 1, 1)


@pytest.mark.parametrize(
    ("series", "field", "day", "cap"),
    [
        # 출산전후휴가 상한: 2025년 210만원, 2026.1.1부터 220만원
        ("maternity_leave", "monthly_cap", date(2025, 12, 31), 2_100_000),
        ("maternity_leave", "monthly_cap", date(2026, 1, 1), 2_200_000),
        # 육아기 단축 최초 10시간분 상한: 2025년 220만원, 2026년 250만원
        ("reduced_hours", "full_rate_cap", date(2025, 12, 31), 2_200_000),
        ("reduced_hours", "full_rate_cap", date(2026, 1, 1), 2_500_000),
        # 배우자 출산휴가 20일분 상한: 2025년 1,607,650원, 2026년 1,684,210원
        ("spouse_leave", "cap_for_paid_days", date(2025, 12, 31), 1_607_650),
        ("spouse_leave", "cap_for_paid_days", date(2026, 1, 1), 1_684_210),
        # 최저임금 월 환산: 10,030 × 209 = 2,096,270 / 10,320 × 209 = 2,156,880
        ("minimum_wage", "monthly", date(2025, 12, 31), 2_096_270),
        ("minimum_wage", "monthly", date(2026, 1, 1), 2_156_880),
    ],
)
def test_row_in_force_changes_on_1_january(series: str, field: str, day: date, cap: int) -> None:
    assert getattr(getattr(load_rules(FAQ), series).at(day), field) == cap


def test_uncertain_figures_are_flagged() -> None:
    rules = load_rules(FAQ)
    flagged = {
        "maternity 2026 cap 220만": rules.maternity_leave.at(date(2026, 6, 1)).uncertain,
        "spouse 2026 cap 1,684,210": rules.spouse_leave.at(date(2026, 6, 1)).uncertain,
        "reduced hours 2026 caps": rules.reduced_hours.at(date(2026, 6, 1)).uncertain,
    }
    assert all(flagged.values()), flagged
    # checked against the statute on 2026-12-06 (6+6 250~450만, 한부모 300/200/160만)
    assert not rules.parental_6plus6.at(date(2026, 6, 1)).uncertain
    assert not rules.parental_single_parent.at(date(2026, 6, 1)).uncertain
    assert not rules.parental_leave.at(date(2026, 6, 1)).uncertain
    assert not rules.maternity_leave.at(date(2025, 6, 1)).uncertain


def test_split_cuts_a_range_on_1_january() -> None:
    rules = load_rules(FAQ)
    parts = rules.reduced_hours.split(date(2025, 12, 16), date(2026, 1, 15))
    assert [(p.start, p.end, p.days) for p in parts] == [
        (date(2025, 12, 16), date(2025, 12, 31), 16),
        (date(2026, 1, 1), date(2026, 1, 15), 15),
    ]


def test_day_before_the_tables_is_not_in_force() -> None:
    with pytest.raises(
        RuleNotInForceError,
        match=r"^2024년 12월 31일\(화\)에 시행 중인 .*2025년 1월 1일\(수\)부터",
    ):
        load_rules(FAQ).maternity_leave.at(date(2024, 12, 31))


# --- the checker: one test per kind of mistake ------------------------------------------------


def test_gap_between_rows(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    line = edit(faq, "minimum-wage.yaml", "valid_from: 2026-01-01", "valid_from: 2026-01-05")
    assert only_problem(faq) == Problem(
        "rules/minimum-wage.yaml",
        line,
        "series 'minimum-wage': gap: no row in force from 2026-01-01 to 2026-01-04",
    )


def test_overlapping_rows(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    edit(faq, "minimum-wage.yaml", "valid_until: 2025-12-31", "valid_until: 2026-01-10")
    line = edit(faq, "minimum-wage.yaml", "valid_from: 2026-01-01", "valid_from: 2026-01-01")
    problem = only_problem(faq)
    assert (problem.file, problem.line) == ("rules/minimum-wage.yaml", line)
    assert problem.message.startswith("series 'minimum-wage': overlap: row from 2026-01-01")


def test_open_ended_row_followed_by_another_overlaps(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    edit(faq, "reduced-hours-pay.yaml", "valid_until: 2025-12-31", "valid_until: null")
    problem = only_problem(faq)
    assert problem.file == "rules/reduced-hours-pay.yaml"
    assert "overlap" in problem.message
    assert "(open-ended)" in problem.message


def test_negative_amount(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    line = edit(faq, "parental-leave-pay.yaml", "cap: 2000000}", "cap: -2000000}")
    assert only_problem(faq) == Problem(
        "rules/parental-leave-pay.yaml",
        line,
        "series 'parental-leave' row 2: 'bands.1.cap' must be positive (got -2000000)",
    )


def test_zero_floor(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    line = edit(faq, "maternity-leave-pay.yaml", "monthly_cap: 2200000", "monthly_cap: 0")
    problem = only_problem(faq)
    assert (problem.file, problem.line) == ("rules/maternity-leave-pay.yaml", line)
    assert "'monthly_cap' must be positive" in problem.message


def test_rate_above_one(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    line = edit(faq, "reduced-hours-pay.yaml", "rest_rate: 0.8", "rest_rate: 1.5")
    assert only_problem(faq) == Problem(
        "rules/reduced-hours-pay.yaml",
        line,
        "series 'childcare-reduced-hours' row 1: 'rest_rate' must be at most 1 (got 1.5)",
    )


def test_rate_zero(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    line = edit(faq, "parental-leave-pay.yaml", "rate: 0.8, cap: 1500000", "rate: 0, cap: 1500000")
    problem = only_problem(faq)
    assert (problem.file, problem.line) == ("rules/parental-leave-pay.yaml", line)
    assert "'bands.0.rate' must be positive" in problem.message


def test_missing_field(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    text = (faq / "rules" / "spouse-leave-pay.yaml").read_text(encoding="utf-8")
    row_line = text[: text.index("- valid_from: 2026-01-01")].count("\n") + 1
    start = text.index("legal_basis:", text.index("- valid_from: 2026-01-01"))
    basis = text[start - 6 : text.index("\n", start) + 1]  # the whole line, indent included
    edit(faq, "spouse-leave-pay.yaml", basis, "", count=2)
    assert only_problem(faq) == Problem(
        "rules/spouse-leave-pay.yaml",
        row_line,
        "series 'spouse-childbirth-leave' row 2: missing field 'legal_basis'",
    )


def test_unknown_field(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    line = edit(faq, "minimum-wage.yaml", "hourly: 10320", "hourly: 10320\n      daily: 82560")
    assert only_problem(faq) == Problem(
        "rules/minimum-wage.yaml", line + 1, "series 'minimum-wage' row 2: unknown field 'daily'"
    )


def test_valid_until_before_valid_from(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    line = edit(
        faq, "maternity-leave-pay.yaml", "valid_until: 2025-02-22", "valid_until: 2024-02-22"
    )
    problems = check_rules(faq)
    assert (
        Problem(
            "rules/maternity-leave-pay.yaml",
            line,
            "series 'maternity-leave' row 1: valid_until 2024-02-22 is before valid_from "
            "2025-01-01",
        )
        in problems
    )


def test_month_bands_with_a_gap(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    line = edit(
        faq,
        "parental-leave-pay.yaml",
        "{first_month: 4, last_month: 6",
        "{first_month: 5, last_month: 6",
    )
    assert only_problem(faq) == Problem(
        "rules/parental-leave-pay.yaml",
        line,
        "series 'parental-leave' row 2: bands gap: month 4 expected, got first_month 5",
    )


def test_cap_below_floor(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    # occurrences: parental-leave 2025, parental-leave 2027, then single parent 2025
    line = edit(faq, "parental-leave-pay.yaml", "cap: 1600000}", "cap: 600000}", count=3)
    assert only_problem(faq) == Problem(
        "rules/parental-leave-pay.yaml",
        line,
        "series 'parental-leave-single-parent' row 1: cap 600000 is below the floor 700000",
    )


def test_minimum_wage_monthly_must_match_hourly(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    line = edit(faq, "minimum-wage.yaml", "monthly: 2156880", "monthly: 2156800")
    assert only_problem(faq) == Problem(
        "rules/minimum-wage.yaml",
        line,
        "series 'minimum-wage' row 2: monthly 2156800 is not hourly × 209 (2156880)",
    )


def test_unknown_and_duplicate_series(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    (faq / "rules" / "zz-extra.yaml").write_text(
        "minimum-wage:\n  title: x\n  checked_until: 2026-12-31\n  rows: []\n"
        "bonus-pay:\n  title: y\n",
        encoding="utf-8",
    )
    problems = check_rules(faq)
    assert (
        Problem(
            "rules/zz-extra.yaml",
            1,
            "series 'minimum-wage' already defined in rules/minimum-wage.yaml:5",
        )
        in problems
    )
    unknown = [p for p in problems if p.line == 5 and p.file == "rules/zz-extra.yaml"]
    assert unknown
    assert unknown[0].message.startswith("unknown series 'bonus-pay'")


def test_missing_series_file(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    (faq / "rules" / "minimum-wage.yaml").unlink()
    assert only_problem(faq) == Problem("rules", 0, "series 'minimum-wage' is missing")


def test_yaml_syntax_error(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    (faq / "rules" / "minimum-wage.yaml").write_text("minimum-wage: [\n", encoding="utf-8")
    problem = only_problem(faq)
    assert (problem.file, problem.line) == ("rules/minimum-wage.yaml", 2)
    assert "YAML syntax error" in problem.message


def test_missing_rules_folder(tmp_path: Path) -> None:
    assert check_rules(tmp_path) == [
        Problem("rules", 0, "rule tables folder not found (the calculators need it)")
    ]


def test_load_rules_raises_with_every_problem(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    edit(faq, "minimum-wage.yaml", "hourly: 10320", "hourly: -1")
    edit(faq, "reduced-hours-pay.yaml", "full_rate: 1.0", "full_rate: 2", count=2)
    with pytest.raises(RulesError) as caught:
        load_rules(faq)
    assert {p.file for p in caught.value.problems} == {
        "rules/minimum-wage.yaml",
        "rules/reduced-hours-pay.yaml",
    }


def test_calc_package_is_pure() -> None:
    offenders = []
    for path in sorted((ROOT / "bot" / "calc").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(
                name.split(".")[0] in {"telegram", "sqlalchemy", "storage", "handlers"}
                for name in names
            ):
                offenders.append(path.name)
    assert offenders == []


def test_an_uncertain_row_needs_a_staff_review_note(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    line = edit(faq, "reduced-hours-pay.yaml", "uncertain: true", "uncertain: true")
    path = faq / "rules" / "reduced-hours-pay.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      review: >-")
    end = text.index("      full_rate_hours", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    problem = only_problem(faq)
    assert (problem.file, problem.line) == ("rules/reduced-hours-pay.yaml", line)
    assert "needs a 'review' note" in problem.message


def test_a_row_may_carry_a_review_note_and_it_is_never_blank(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    edit(faq, "minimum-wage.yaml", "      hourly: 10320", '      review: ""\n      hourly: 10320')
    problem = only_problem(faq)
    assert problem.file == "rules/minimum-wage.yaml"
    assert "review" in problem.message


def test_paid_days_may_not_exceed_the_leave(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    edit(faq, "paid-leave-days.yaml", "paid_days: 3", "paid_days: 6")
    [problem] = check_rules(faq)
    assert problem.file == "rules/paid-leave-days.yaml"
    assert "series 'spouse-pregnancy-loss-leave' row 1" in problem.message
    assert "paid_days exceeds leave_days" in problem.message


def test_government_days_may_not_exceed_the_paid_days(tmp_path: Path) -> None:
    faq = copy_rules(tmp_path)
    edit(faq, "paid-leave-days.yaml", "government_days: 2", "government_days: 5", count=2)
    [problem] = check_rules(faq)
    assert "series 'infertility-treatment-leave' row 2" in problem.message
    assert "government_days exceeds paid_days" in problem.message


def test_paid_leave_tables_follow_the_law_changes() -> None:
    rules = load_rules(FAQ)
    infertility = [
        (row.valid_from, row.leave_days, row.paid_days, row.government_days)
        for row in rules.infertility_leave.rows
    ]
    assert infertility == [
        (date(2025, 2, 23), 6, 2, 2),
        (date(2026, 11, 27), 6, 4, 2),
        (date(2027, 1, 1), 6, 4, 2),  # the draft for the next checked period
    ]
    assert rules.infertility_leave.at(date(2026, 12, 1)).uncertain  # the subsidy's 2 days
    loss = [
        (row.valid_from, row.leave_days, row.paid_days, row.government_days)
        for row in rules.spouse_loss_leave.rows
    ]
    assert loss == [(date(2026, 9, 18), 5, 3, 3), (date(2027, 1, 1), 5, 3, 3)]
