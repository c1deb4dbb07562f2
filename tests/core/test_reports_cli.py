"""`counsel-bot report | purge | demo` on a temporary SQLite database."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from bot.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THIS_YEAR = datetime.now(ZoneInfo("Asia/Seoul")).year


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder with its own database; logging set-up left to pytest."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("FAQ_DIR", str(ROOT / "faq"))
    monkeypatch.setattr("bot.cli.main.configure_logging", lambda *_args: None)
    return tmp_path


def test_demo_then_text_report(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--months", "2"]) == 0
    assert "invented cases" in capsys.readouterr().out
    assert main(["report", "--year", str(THIS_YEAR)]) == 0
    text = capsys.readouterr().out
    assert f"직장맘 상담봇 성과 보고서 — {THIS_YEAR}년" in text
    assert "■ 성과목표 대비 실적" in text
    assert re.search(r"\n종합상담 +3,500건  상담 건수 +[\d,]+건 +\d+\.\d%\n", text)


def test_demo_refuses_a_database_with_data(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--months", "1"]) == 0
    capsys.readouterr()
    assert main(["demo", "--months", "1"]) == 1
    assert "already holds data" in capsys.readouterr().err


def test_binary_formats_go_to_files(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["report", "--month", "2026-03", "--format", "xlsx", "--out", str(env / "march.xlsx")]
        )
        == 0
    )
    assert load_workbook(env / "march.xlsx")["성과"]["A7"].value == "종합상담"
    assert main(["report", "--month", "2026-03", "--format", "png"]) == 0
    assert (env / "report-2026-03.png").read_bytes()[:4] == b"\x89PNG"
    assert main(["report", "--year", "2026", "--format", "csv"]) == 0
    assert (env / "report-2026.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    assert "wrote report-2026.csv" in capsys.readouterr().err


def test_bad_month_exits_2(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--month", "2026-13"]) == 2
    assert "no such month" in capsys.readouterr().err


def test_invalid_targets_exit_1_with_file_and_line(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    faq = env / "faq"
    shutil.copytree(ROOT / "faq", faq)
    (faq / "targets.yaml").write_text(
        "targets:\n  - metric: consulting\n    yearly: 6\n", encoding="utf-8"
    )
    monkeypatch.setenv("FAQ_DIR", str(faq))
    assert main(["report", "--month", "2026-03"]) == 1
    assert "targets.yaml:2: unknown metric 'consulting'" in capsys.readouterr().err


def test_purge_prints_what_it_did(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["purge"]) == 0
    out = capsys.readouterr().out
    assert "closed cases anonymized (closed over 3 years ago): 0" in out
    assert "intake drafts deleted" in out
