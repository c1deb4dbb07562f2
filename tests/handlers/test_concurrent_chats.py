"""A slow Telegram answer in one chat does not hold up the others, on either database."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.request import RequestData

from bot.runtime.local_chat import Person
from bot.runtime.memory_api import MemoryBotApi
from storage.models import FaqAnswerLog, User
from tests.harness import bot_harness, make_settings

SLOW_PARENT = Person(7001, 7001, "느린 부모")
OTHER_PARENT = Person(7002, 7002, "다른 부모")


class OneChatHeld(MemoryBotApi):
    """The Bot API, but messages to one chat wait until `release` is set."""

    def __init__(self, held_chat_id: int) -> None:
        super().__init__()
        self.held_chat_id = held_chat_id
        self.holding = asyncio.Event()
        self.release = asyncio.Event()

    async def do_request(  # noqa: PLR0917 - the BaseRequest interface
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        chat_id = (request_data.parameters if request_data else {}).get("chat_id")
        if url.endswith("/sendMessage") and str(chat_id) == str(self.held_chat_id):
            self.holding.set()
            await self.release.wait()
        return await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )


async def test_a_held_send_in_one_chat_leaves_the_other_chats_answered(
    empty_db_url: str,
) -> None:
    api = OneChatHeld(SLOW_PARENT.chat_id)
    async with bot_harness(make_settings(empty_db_url), api=api) as bot:
        slow = asyncio.create_task(bot.chat.send(SLOW_PARENT, "출산휴가 며칠이에요?"))
        await asyncio.wait_for(api.holding.wait(), 5)
        # The slow parent's update committed before speaking, so no lock is held now.
        other = await asyncio.wait_for(bot.chat.send(OTHER_PARENT, "육아휴직 급여 얼마예요?"), 5)
        assert other
        assert "육아휴직" in other[-1].text
        assert not slow.done()
        api.release.set()
        answered = await asyncio.wait_for(slow, 5)
        assert "출산" in answered[-1].text
        assert await bot.count(User) == 2
        assert await bot.count(FaqAnswerLog) == 2
