"""`counsel-bot faq review` in-process: text on stdout, XLSX to a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.cli.main import main
from bot.curation import labels


@pytest.fixture
def database(sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "review.db"
    path.write_bytes(sqlite_template.read_bytes())
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{path}")


@pytest.mark.usefixtures("database")
def test_review_prints_every_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "review", "--days", "7"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(labels.TITLE)
    for section in (
        labels.GROUPS,
        labels.FEEDBACK,
        labels.OVERDUE,
        labels.EXPIRING,
        labels.NOTES,
        labels.NEVER,
        labels.WEEKS,
    ):
        assert f"[{section}]" in out
    assert "규칙표 parental-leave 2024-01-01: 2차 자료" in out


@pytest.mark.usefixtures("database")
def test_review_as_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "review.xlsx"
    assert main(["faq", "review", "--format", "xlsx", "--out", str(out)]) == 0
    workbook = load_workbook(out)
    assert workbook.sheetnames == [
        labels.SHEET_GROUPS,
        labels.SHEET_FEEDBACK,
        labels.SHEET_HEALTH,
        labels.SHEET_WEEKS,
    ]
    health = workbook[labels.SHEET_HEALTH]
    kinds = {health.cell(row=r, column=1).value for r in range(4, health.max_row + 1)}
    assert labels.NOTES in kinds


def test_review_refuses_a_bad_period(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faq", "review", "--days", "0"]) == 2
    assert "--days" in capsys.readouterr().err
