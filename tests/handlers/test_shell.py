"""The local chat shell, scripted through standard input."""

from __future__ import annotations

import io
from pathlib import Path

from bot.services import create_services
from bot.shell import run_shell, to_terminal
from tests.handlers.conftest import make_settings


async def _run(tmp_path: Path, script: str, *, as_staff: bool = False) -> str:
    settings = make_settings(f"sqlite+aiosqlite:///{tmp_path}/shell.db", admin_user_ids="")
    services = await create_services(settings)
    out = io.StringIO()
    try:
        await run_shell(services, user_id=None, as_staff=as_staff, stdin=io.StringIO(script),
                        out=out)
    finally:
        await services.close()
    return out.getvalue()


async def test_shell_answers_start_in_korean_with_numbered_buttons(tmp_path: Path) -> None:
    output = await _run(tmp_path, "/start\n")
    assert "안녕하세요" in output
    assert "[1] 임신기" in output


async def test_shell_presses_buttons_by_number(tmp_path: Path) -> None:
    output = await _run(tmp_path, "/start\n3\n1\n")
    assert "육아휴직" in output
    assert "이 안내는 일반적인 정보예요" in output


async def test_shell_answers_a_question(tmp_path: Path) -> None:
    output = await _run(tmp_path, "출산휴가 며칠이에요?\n")
    assert "90일" in output
    assert "<b>" not in output


async def test_second_shell_session_on_same_database_still_answers(tmp_path: Path) -> None:
    await _run(tmp_path, "/help\n")
    assert "/consult" in await _run(tmp_path, "/help\n")


async def test_staff_persona_can_use_staff_commands(tmp_path: Path) -> None:
    output = await _run(tmp_path, "/as staff\n/unanswered\n")
    assert "직원만" not in output


def test_terminal_rendering_strips_html() -> None:
    assert to_terminal('<b>제목</b> &amp; <a href="https://x.kr">링크</a>') == \
        "제목 & 링크 (https://x.kr)"
