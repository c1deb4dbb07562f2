"""`counsel-bot calc …` run in-process through `bot.cli.main`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.cli.main import main

FAQ = str(Path(__file__).resolve().parents[2] / "faq")


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(["calc", *argv, "--json", "--faq-dir", FAQ]) == 0
    return json.loads(capsys.readouterr().out)


def test_parental_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "parental", "--wage", "2,000,000", "--start", "2024-11-15", "--months", "3"
    )
    assert [row["amount"] for row in data["rows"]] == [1_500_000, 1_725_806, 2_000_000]
    assert data["total"] == 5_225_806
    assert data["total_later"] == 580_645
    assert data["end"] == "2025-02-14"
    assert data["rows"][1]["parts"][0]["rate"] == 0.8
    assert data["uncertainties"]


def test_parental_json_short_leave_by_days(capsys: pytest.CaptureFixture[str]) -> None:
    # 단기 2주 2026-09-01~09-14: 1,800,000원 × 14/30 = 840,000
    data = run_json(
        capsys, "parental", "--wage", "1800000", "--start", "2026-09-01", "--days", "14", "--short"
    )
    assert (data["total"], data["days"], data["is_short"], data["end"]) == (
        840_000,
        14,
        True,
        "2026-09-14",
    )
    assert (data["rows"][0]["days"], data["rows"][0]["month_days"]) == (14, 30)


def test_reduced_hours_json_by_end_date(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "reduced-hours",
        "--wage",
        "3000000",
        "--start",
        "2026-03-01",
        "--end",
        "2026-04-14",
        "--hours-before",
        "40",
        "--hours-after",
        "30",
    )
    # 625,000 + 625,000 × 14/30 (291,666.67 → 291,666)
    assert [row["amount"] for row in data["rows"]] == [625_000, 291_666]


def test_months_end_and_days_are_alternatives(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "calc",
                "parental",
                "--wage",
                "1",
                "--start",
                "2026-01-01",
                "--months",
                "3",
                "--days",
                "90",
            ]
        )
    assert exit_info.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_parental_json_6plus6(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "parental",
        "--wage",
        "5000000",
        "--start",
        "2026-01-05",
        "--months",
        "6",
        "--other-parent-start",
        "2025-06-01",
        "--child-birth",
        "2025-03-10",
    )
    assert data["scheme"] == "6plus6"
    assert data["total"] == 20_000_000  # 250 + 250 + 300 + 350 + 400 + 450만


def test_maternity_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "maternity", "--wage", "3000000", "--start", "2025-12-01", "--company", "priority"
    )
    assert [b["government"] for b in data["blocks"]] == [2_100_000, 2_196_666, 2_200_000]
    assert (data["government_total"], data["employer_total"]) == (6_496_666, 1_703_333)


def test_spouse_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "spouse", "--wage", "4000000", "--start", "2026-03-02", "--company", "priority"
    )
    assert (data["government"], data["employer"]) == (1_684_210, 1_377_990)


def test_reduced_hours_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "reduced-hours",
        "--wage",
        "3000000",
        "--hours-before",
        "40",
        "--hours-after",
        "25",
        "--start",
        "2025-12-16",
        "--months",
        "2",
    )
    assert [row["amount"] for row in data["rows"]] == [779_838, 825_000]
    assert (data["hours_after"], data["rest_hours"]) == (25, 5)


def test_deadlines_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "deadlines",
        "--today",
        "2026-11-25",
        "--dismissal",
        "2026-11-30",
        "--leave-end",
        "2026-03-31",
    )
    assert data["today"] == "2026-11-25"
    assert [(d["kind"], d["due"], d["countdown"]) for d in data["deadlines"]] == [
        ("unfair_dismissal_remedy", "2027-02-28", "D-95"),
        ("benefit_application", "2027-03-31", "D-126"),
        ("discrimination_remedy", "2027-05-31", "D-187"),
        ("wage_claim", "2029-11-30", "D-1101"),
    ]
    # 2027-02-28 is a Sunday and 03-01 a holiday: the extension is a field of its own
    assert [d["extended_due"] for d in data["deadlines"]] == ["2027-03-02", None, None, None]


def test_deadlines_json_rulings_and_birth(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "deadlines",
        "--today",
        "2026-11-25",
        "--first-ruling",
        "2026-11-20",
        "--review-ruling",
        "2026-11-20",
        "--birth",
        "2026-11-20",
    )
    # 11-20 + 10일 = 11-30(월); + 15일 = 12-05(토) → 12-07(월); + 120일 = 2027-03-20(토) → 03-22
    assert [(d["kind"], d["due"], d["extended_due"]) for d in data["deadlines"]] == [
        ("review_application", "2026-11-30", None),
        ("administrative_lawsuit", "2026-12-05", "2026-12-07"),
        ("spouse_childbirth_leave", "2027-03-20", "2027-03-22"),
    ]


def test_eligibility_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "eligibility",
        "--leave-start",
        "2026-12-01",
        "--hired-on",
        "2026-07-01",
        "--insured-days",
        "150",
        "--workplace-size",
        "lt5",
    )
    assert (data["leave_verdict"], data["pay_verdict"], data["verdict"]) == (
        "check",
        "unlikely",
        "unlikely",
    )
    assert [r["status"] for r in data["reasons"]] == ["check", "no", "info"]
    assert data["not_applicable_under_5"]


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "calc",
                "parental",
                "--wage",
                "3000000",
                "--start",
                "2026-01-01",
                "--months",
                "2",
                "--faq-dir",
                FAQ,
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("육아휴직 급여 예상액\n")
    assert "합계 5,000,000원" in out


def test_bad_input_exits_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "calc",
                "parental",
                "--wage",
                "3000000",
                "--start",
                "2026-01-01",
                "--months",
                "19",
                "--faq-dir",
                FAQ,
            ]
        )
        == 2
    )
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: 휴직 개월 수")


def test_date_before_the_tables_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "calc",
                "maternity",
                "--wage",
                "3000000",
                "--start",
                "2024-06-01",
                "--company",
                "large",
                "--faq-dir",
                FAQ,
            ]
        )
        == 2
    )
    assert "규칙표에 없어요" in capsys.readouterr().err


def test_broken_rule_tables_exit_1_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(Path(FAQ) / "rules", tmp_path / "rules")
    path = tmp_path / "rules" / "minimum-wage.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("hourly: 10320", "hourly: -10320"),
        encoding="utf-8",
    )
    assert (
        main(
            [
                "calc",
                "parental",
                "--wage",
                "3000000",
                "--start",
                "2026-01-01",
                "--months",
                "2",
                "--faq-dir",
                str(tmp_path),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "rules/minimum-wage.yaml:" in err
    assert "'hourly' must be positive" in err


def test_unparseable_amount_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["calc", "parental", "--wage", "삼백만", "--start", "2026-01-01", "--months", "2"])
    assert caught.value.code == 2
    assert "not an amount in won" in capsys.readouterr().err


def test_infertility_json(capsys: pytest.CaptureFixture[str]) -> None:
    # from 2026-11-27: 6 days, first 4 paid; 고용보험 2 days, the employer 2; 120,000원 a day
    data = run_json(
        capsys,
        "infertility",
        *("--wage", "3,135,000", "--start", "2026-12-10", "--company", "priority"),
    )
    assert (data["kind"], data["start"], data["leave_days"], data["days"]) == (
        "infertility",
        "2026-12-10",
        6,
        6,
    )
    assert (data["paid_days"], data["government_days"], data["employer_days"]) == (4, 2, 2)
    assert (data["unpaid_days"], data["daily_wage"]) == (2, 120_000)
    assert (data["government_wage_basis"], data["employer_amount"]) == (240_000, 240_000)
    assert data["claim_by"] is None


def test_spouse_loss_json_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["spouse-loss", "--wage", "3135000", "--loss-day", "2026-11-03", "--company", "large"]
    data = run_json(capsys, *argv)
    assert (data["paid_days"], data["government_days"], data["employer_days"]) == (3, 0, 3)
    assert (data["employer_amount"], data["claim_by"]) == (360_000, "2026-11-23")
    assert main(["calc", *argv, "--days", "2", "--faq-dir", FAQ]) == 0
    text = capsys.readouterr().out
    assert "통상임금 월 3,135,000원 · 대규모기업 · 2일(유산·사산일 2026년 11월 3일(화))" in text
    assert "유급 2일 (하루 통상임금 120,000원)" in text.splitlines()
    assert "- 회사 2일: 240,000원" in text.splitlines()
    assert not any(line.startswith("무급") for line in text.splitlines())  # 2 of 3 paid days


def test_spouse_loss_before_the_law_is_an_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["spouse-loss", "--wage", "3135000", "--loss-day", "2026-09-17", "--company", "large"]
    assert main(["calc", *argv, "--faq-dir", FAQ]) == 2
    assert "규칙표는 2026년 9월 18일(금)부터" in capsys.readouterr().err
