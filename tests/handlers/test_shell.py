"""The local chat shell, scripted through standard input."""

from __future__ import annotations

import io
from pathlib import Path

from bot.clock import SystemClock
from bot.runtime.shell import run_shell, to_terminal
from bot.services import create_services
from tests.harness import faq_service, make_settings


async def _run(tmp_path: Path, script: str, *, as_staff: bool = False) -> str:
    """The shell on a local SQLite file, as `counsel-bot shell` runs by default (on SQLite,
    without ADMIN_USER_IDS, its staff persona is an admin)."""
    settings = make_settings(f"sqlite+aiosqlite:///{tmp_path}/shell.db", admin_user_ids="")
    clock = SystemClock(settings.tz)
    services = await create_services(settings, clock, faq_service(settings, clock))
    out = io.StringIO()
    try:
        await run_shell(
            services, user_id=None, as_staff=as_staff, stdin=io.StringIO(script), out=out
        )
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
    assert "자세히 보기" in output


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
    assert (
        to_terminal('<b>제목</b> &amp; <a href="https://x.kr">링크</a>')
        == "제목 & 링크 (https://x.kr)"
    )


async def test_shell_walks_a_case_from_intake_to_closed(tmp_path: Path) -> None:
    script = (
        "\n".join(
            [
                "/consult",
                "1",
                "1",
                "5",
                "1",
                "2",
                "1",
                "3",
                "2026.9.1",
                "회사에서 육아휴직 복귀 후 갑자기 해고 통보를 받았어요. 도와주세요.",
                "1",
                "3",
                "1",
                "/as team",
                "1",
                "/as staff",
                "/queue",
                "/mine",
                "/reply 2026-0001 안녕하세요, 센터 노무사입니다.",
                "/stage 2026-0001 심층상담",
                "/close 2026-0001 상담 완료",
                "/as parent",
                "/status",
            ]
        )
        + "\n"
    )
    output = await _run(tmp_path, script)
    assert "접수번호: 2026-0001" in output
    assert "[팀 채팅]" in output
    assert "배정받았어요" in output
    assert "부모님께 보냈어요" in output
    assert "상담이 끝났어요" in output  # /status, in plain words
