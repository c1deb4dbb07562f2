"""Commit, then speak: when the next intake question reaches the parent, the answer that
led to it is already committed, so a kill right after the reply loses nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.runtime.memory_api import MemoryBotApi
from storage.db import Database
from storage.models import IntakeDraft
from tests.flows import walk_to_description
from tests.harness import bot_harness, make_settings

DESCRIPTION_PROMPT = "어떤 일이 있었는지"


class StepWatchingApi(MemoryBotApi):
    """Reads the committed draft step, from another connection, as each question is sent."""

    def __init__(self, database_url: str) -> None:
        super().__init__()
        self._database_url = database_url
        self.committed_steps: list[str | None] = []

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        params = request_data.parameters if request_data is not None else {}
        if url.endswith("/sendMessage") and DESCRIPTION_PROMPT in str(params.get("text", "")):
            self.committed_steps.append(await self._committed_step())
        return await super().do_request(url, method, request_data, *args, **kwargs)

    async def _committed_step(self) -> str | None:
        database = Database.from_url(self._database_url)
        try:
            async with database.uow() as uow:
                return (await uow.session.execute(select(IntakeDraft.step))).scalar_one_or_none()
        finally:
            await database.dispose()


async def test_next_question_is_sent_after_the_answer_is_committed(empty_db_url: str) -> None:
    api = StepWatchingApi(empty_db_url)
    async with bot_harness(make_settings(empty_db_url), api=api) as bot:
        await walk_to_description(bot, bot.parent)
    assert api.committed_steps == ["description"]
