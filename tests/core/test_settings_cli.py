"""Configuration errors: one readable line, exit code 2, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.settings import Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("env", "field"),
    [
        ({"DATABASE_URL": "mysql://root@localhost/x"}, "DATABASE_URL"),
        ({"DATABASE_URL": "::not a url::"}, "DATABASE_URL"),
        ({"TEAM_CHAT_ID": "legal-team"}, "TEAM_CHAT_ID"),
        ({"ADMIN_USER_IDS": "12,abc"}, "ADMIN_USER_IDS"),
        ({"FAQ_DIR": "/nonexistent/faq"}, "FAQ_DIR"),
        ({"PORT": "99999"}, "PORT"),
        ({"WEBHOOK_URL": "http://insecure.example"}, "WEBHOOK_URL"),
        ({"WEBHOOK_SECRET": "has spaces and ümlauts"}, "WEBHOOK_SECRET"),
    ],
)
def test_bad_env_gives_one_line_and_exit_2(
    env: dict[str, str],
    field: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "faq").mkdir()
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"configuration error: {field}:")


def test_webhook_mode_without_a_secret_refuses_to_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without WEBHOOK_SECRET anyone could post forged updates to the listener."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "faq").mkdir()
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:ABC")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org")
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("configuration error: WEBHOOK_SECRET: required when WEBHOOK_URL")
    monkeypatch.setenv("WEBHOOK_SECRET", "a-long_random-secret")
    assert load_settings().webhook_secret is not None


def test_faq_tools_run_despite_a_bad_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Staff check the FAQ where the bot is not configured: only the FAQ folder matters."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("TEAM_CHAT_ID", "legal-team")
    assert main(["faq", "check"]) == 0
    assert capsys.readouterr().out.startswith("OK: faq: ")
    assert main(["faq", "ask", "출휴 며칠 쓸 수 있어요", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outcome"] == "answer"
    assert main(["calc", "deadlines", "--today", "2026-11-25", "--dismissal", "2026-11-30"]) == 0
    assert "2027년 2월 28일(일)" in capsys.readouterr().out
    assert main(["report", "--month", "2026-03"]) == 2
    assert capsys.readouterr().err.startswith("configuration error: TEAM_CHAT_ID:")


def test_faq_tools_read_faq_dir_from_the_configuration(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FAQ_DIR", str(ROOT / "faq"))
    assert main(["faq", "check"]) == 0
    assert capsys.readouterr().out.startswith(f"OK: {ROOT / 'faq'}: ")


def test_admin_ids_accept_single_and_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_USER_IDS", "123")
    assert Settings(_env_file=None, faq_dir=ROOT / "faq").admin_user_ids == {123}
    monkeypatch.setenv("ADMIN_USER_IDS", " 1, 2 ,3 ")
    assert Settings(_env_file=None, faq_dir=ROOT / "faq").admin_user_ids == {1, 2, 3}
    monkeypatch.setenv("ADMIN_USER_IDS", "")
    assert Settings(_env_file=None, faq_dir=ROOT / "faq").admin_user_ids == frozenset()


def test_postgres_url_gets_async_driver() -> None:
    settings = load_settings(
        _env_file=None, faq_dir=ROOT / "faq", database_url="postgresql://postgres@127.0.0.1/test"
    )
    assert settings.database_url.startswith("postgresql+asyncpg://")


def test_env_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "faq").mkdir()
    (tmp_path / ".env").write_text("TEAM_CHAT_ID=-100123\n", encoding="utf-8")
    assert load_settings().team_chat_id == -100123


def test_settings_error_lists_every_bad_field(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEAM_CHAT_ID", "x")
    monkeypatch.setenv("ADMIN_USER_IDS", "y")
    with pytest.raises(SettingsError) as info:
        load_settings(_env_file=None, faq_dir=ROOT / "faq")
    assert len(info.value.lines) == 2


def test_dead_database_at_startup_is_a_clear_error(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
        "FAQ_DIR": str(ROOT / "faq"),
        "HOME": str(tmp_path),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "db", "upgrade"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1
    assert "cannot connect to the database" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("start", "end"), [("18", "9"), ("9", "9"), ("18", None)], ids=["reversed", "equal", "late"]
)
def test_work_day_must_end_after_it_starts(
    start: str,
    end: str | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "faq").mkdir()
    monkeypatch.setenv("WORK_DAY_START", start)
    if end is not None:
        monkeypatch.setenv("WORK_DAY_END", end)
    assert main(["db", "upgrade"]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("configuration error: WORK_DAY_END: must be later than")


@pytest.mark.parametrize(
    "given",
    [
        "http://127.0.0.1:8081",
        "http://127.0.0.1:8081/",
        "http://127.0.0.1:8081/bot",
        "http://127.0.0.1:8081/bot/",
    ],
)
def test_base_url_accepts_the_root_and_ptbs_bot_form(given: str) -> None:
    settings = load_settings(_env_file=None, faq_dir=ROOT / "faq", telegram_base_url=given)
    assert settings.telegram_base_url == "http://127.0.0.1:8081"


def test_base_url_without_a_scheme_is_a_config_error() -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(_env_file=None, faq_dir=ROOT / "faq", telegram_base_url="127.0.0.1:8081")
    [line] = info.value.lines
    assert line.startswith("configuration error: TELEGRAM_BASE_URL:")


def test_faq_check_reports_the_configured_missing_folder(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)  # a valid faq/ here must not be checked instead
    monkeypatch.setenv("FAQ_DIR", "/nonexistent")
    assert main(["faq", "check"]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == "/nonexistent:0: FAQ directory not found"
    assert "/nonexistent" in captured.err
    assert "OK" not in captured.out


def test_unreachable_telegram_at_start_is_one_line_and_exit_1(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "TELEGRAM_BOT_TOKEN": "123:ABC",
        "TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot",  # PTB's form; nothing listens there
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "FAQ_DIR": str(ROOT / "faq"),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith("error: cannot reach Telegram at http://127.0.0.1:9 (")
