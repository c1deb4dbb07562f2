"""`/report` for staff through the real Application over the in-memory Bot API."""

from __future__ import annotations

import io
import struct
from datetime import timedelta
from typing import Any

import pytest
from openpyxl import load_workbook
from telegram.request import RequestData

from bot import texts
from bot.runtime.memory_api import MemoryBotApi
from handlers import reports
from handlers.context import CounselContext
from tests import factories
from tests.harness import BotHarness


class _Uploads:
    """The files the bot uploaded, by file name, captured at the HTTP layer."""

    def __init__(self, api: MemoryBotApi) -> None:
        self.files: dict[str, bytes] = {}
        self._inner = api.do_request

    async def __call__(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        if request_data is not None and request_data.contains_files:
            for value in request_data.multipart_data.values():
                name, content = value[0], value[1]
                self.files[str(name)] = content if isinstance(content, bytes) else content.read()
        return await self._inner(url, method, request_data, *args, **kwargs)


@pytest.fixture
def staff_bot(bot: BotHarness, monkeypatch: pytest.MonkeyPatch) -> tuple[BotHarness, _Uploads]:
    uploads = _Uploads(bot.api)
    monkeypatch.setattr(bot.api, "do_request", uploads)
    return bot, uploads


async def _add_case(bot: BotHarness) -> None:
    async with bot.database.uow() as uow:
        await factories.case(
            uow, now=bot.clock.now() - timedelta(hours=5), answers={"role": "mother"}
        )


async def test_staff_gets_summary_workbook_and_chart(
    staff_bot: tuple[BotHarness, _Uploads],
) -> None:
    bot, uploads = staff_bot
    await _add_case(bot)
    replies = await bot.chat.send(bot.admin, "/report")
    assert [r.chat_id for r in replies] == [bot.admin.chat_id] * 4
    summary = replies[0].text
    assert replies[1].text.startswith("FAQ 점검 (2026년 11월)")
    assert "2026년 11월" in summary
    assert "• 상담 접수: 1건" in summary
    assert "• 종합상담: 0건 / 목표 291.7건 → 0.0%" in summary
    documents = bot.api.sent("sendDocument", chat_id=bot.admin.chat_id)
    assert len(documents) == 2
    assert sorted(uploads.files) == ["report-2026-11.png", "report-2026-11.xlsx"]
    workbook = load_workbook(io.BytesIO(uploads.files["report-2026-11.xlsx"]))
    assert workbook["성과"]["A7"].value == "종합상담"
    assert workbook["접수 현황"]["A1"].value == "2026년 11월 접수 사례 1건"
    png = uploads.files["report-2026-11.png"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1600, 1000)


async def test_report_has_the_month_faq_section(staff_bot: tuple[BotHarness, _Uploads]) -> None:
    bot, _ = staff_bot
    await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
    await bot.chat.send(bot.parent, "주식 투자 어떻게 해요")
    replies = await bot.chat.send(bot.admin, "/report")
    section = replies[1].text.splitlines()
    assert section[0] == "FAQ 점검 (2026년 11월)"
    assert section[1].startswith("• 응답 2건: 바로 답 1 · 후보 제시 0 · 못 찾음 1 · 위기 0")
    assert "(바로 답 50%)" in section[1]
    assert any(line.startswith("• 검토일 지난 항목") for line in section)
    assert section[-1].startswith("• 답하지 못한 질문 묶음 1개")


async def test_stranger_gets_the_polite_refusal_only(
    staff_bot: tuple[BotHarness, _Uploads],
) -> None:
    bot, uploads = staff_bot
    await _add_case(bot)
    replies = await bot.chat.send(bot.stranger, "/report")
    assert [r.text for r in replies] == [texts.STAFF_ONLY]
    assert bot.api.sent("sendDocument") == []
    assert uploads.files == {}


async def test_daily_purge_job_deletes_expired_drafts(bot: BotHarness) -> None:
    now = bot.clock.now()
    async with bot.database.uow() as uow:
        user = await factories.user(uow, telegram_id=4242, now=now)
        await factories.draft(
            uow, user_id=user.id, now=now - timedelta(days=9), expires_at=now - timedelta(days=2)
        )
    await reports.purge_job(CounselContext(bot.chat.app))
    async with bot.database.uow() as uow:
        assert await uow.drafts.get(user_id=user.id, now=now - timedelta(days=3)) is None
