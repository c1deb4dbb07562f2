"""Logs hold ids, never what people wrote: checked over a whole conversation."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.cli.logs import configure_logging
from tests.flows import DESCRIPTION, claimed_case, complete_intake
from tests.harness import BotHarness

SECRETS = [
    "010-1234-5678",
    "01012345678",
    DESCRIPTION[:20],
    "홍길동",
    "해고 통지서",
    "주휴수당",
    "hong@example.com",
]


async def test_full_conversation_logs_no_personal_data(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")
    caplog.set_level(logging.DEBUG, logger="handlers")
    caplog.set_level(logging.INFO)
    await bot.chat.send(bot.parent, "저는 홍길동이고 주휴수당 질문이요 hong@example.com")
    attorney, _ = await claimed_case(bot)
    await bot.chat.send(attorney, "/reply 2026-0001 해고 통지서를 보내 주세요")
    await bot.chat.send(bot.parent, "네 010-1234-5678 로 전화 주세요")
    await bot.deliver()
    await bot.chat.send(bot.parent, "회사에서 잘리고 나니 살 이유가 없어요")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "faq outcome" in logged  # something was logged
    for secret in SECRETS:
        assert secret not in logged, secret


async def test_intake_logs_only_ids(bot: BotHarness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    await complete_intake(bot, bot.parent)
    logged = "\n".join(
        r.getMessage() for r in caplog.records if r.name.startswith(("bot", "handlers", "storage"))
    )
    assert "case 2026-0001 created" in logged
    for secret in SECRETS[:3]:
        assert secret not in logged


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.usefixtures("restore_logging")
def test_debug_level_never_opens_library_logs_with_message_texts() -> None:
    configure_logging("DEBUG")
    assert not logging.getLogger("telegram.ext.Application").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)
    assert logging.getLogger("bot.cases.service").isEnabledFor(logging.DEBUG)


@pytest.mark.usefixtures("restore_logging")
def test_log_handler_masks_phones_emails_and_resident_numbers() -> None:
    configure_logging("INFO")
    root = logging.getLogger()
    stream = io.StringIO()
    [handler] = root.handlers
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(stream)
    logging.getLogger("some.library").warning(
        "payload %s", "call 010-9876-5432 or mail a@b.kr, RRN 900101-2345678"
    )
    output = stream.getvalue()
    assert "010-9876-5432" not in output
    assert "a@b.kr" not in output
    assert "900101-2345678" not in output
    assert "[전화번호]" in output
