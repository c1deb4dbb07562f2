"""The daily expiry job tells each admin, once, 30 days before dated content runs out."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.notify.notes import AdminAlert
from tests.harness import ADMIN_ID, ROOT, BotHarness, bot_harness, make_settings

# The harness clock starts 2026-11-25 (Seoul).
GROUP = """\
group: dated-test
title: 날짜 시험
order: 99
entries:
  - id: ends-in-december
    question: 12월 24일에 끝나는 규정인가요?
    answer: 옛 규정이에요.
    reviewed: 2026-11-25
    valid_until: 2026-12-24
  - id: ends-in-january
    question: 1월 10일에 끝나는 규정인가요?
    answer: 옛 규정이에요.
    reviewed: 2026-11-25
    valid_until: 2027-01-10
"""


@pytest.fixture
async def bot(empty_db_url: str, tmp_path: Path) -> AsyncIterator[BotHarness]:
    folder = tmp_path / "faq"
    shutil.copytree(ROOT / "faq", folder)
    (folder / "dated-test.yaml").write_text(GROUP, encoding="utf-8")
    async with bot_harness(make_settings(empty_db_url, faq_dir=folder)) as harness:
        yield harness


async def _run_job(bot: BotHarness) -> int:
    async with bot.database.uow() as uow:
        return await bot.services.faq.alert_expiring(uow=uow, notifier=bot.services.notifier)


async def test_admin_is_told_30_days_before_once_per_item(bot: BotHarness) -> None:
    # 2026-11-25 → 2026-12-24: 29 days left (alerted); → 2027-01-10: 46 days (not yet)
    assert await _run_job(bot) == 1
    [alert] = await bot.deliver()
    assert alert.chat_id == ADMIN_ID
    assert "FAQ 항목 '12월 24일에 끝나는 규정인가요?'(ends-in-december)" in alert.text
    assert "2026-12-24까지예요 (29일 남음)" in alert.text
    assert await _run_job(bot) == 1  # still ending soon, but the alert is not sent again
    assert await bot.deliver() == []


async def test_second_item_is_alerted_when_it_enters_the_window(bot: BotHarness) -> None:
    await _run_job(bot)
    await bot.deliver()
    bot.clock.advance(days=16)  # 2026-12-11 → 2027-01-10: 30 days left
    assert await _run_job(bot) == 2
    [alert] = await bot.deliver()
    assert "(ends-in-january)" in alert.text
    assert "30일 남음" in alert.text


async def test_last_day_is_not_alerted_again_after_the_purge(bot: BotHarness) -> None:
    bot.clock.advance(days=29)  # 2026-12-24: the last day of ends-in-december
    assert await _run_job(bot) == 1  # only ends-in-january (17 days left)
    [alert] = await bot.deliver()
    assert "(ends-in-january)" in alert.text


def test_alert_is_an_admin_alert_note() -> None:
    assert AdminAlert(text="x").kind == "admin_alert"
