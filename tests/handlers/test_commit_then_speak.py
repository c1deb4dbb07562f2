"""Commit, then speak: when the next intake question reaches the parent, the answer that
led to it is already committed, so a kill right after the reply loses nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update

from bot.runtime.memory_api import MemoryBotApi
from storage.db import Database
from storage.models import Case, IntakeDraft, RelayMessage
from storage.repositories import rowcount
from tests.flows import claimed_case, walk_to_description
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


class WriteProbingApi(MemoryBotApi):
    """While a message containing `marker` is being sent, another connection reads what is
    committed and writes to the same case row: it must neither miss the stored fact nor
    wait on a lock the update holds across the Telegram call."""

    def __init__(self, database_url: str, marker: str) -> None:
        super().__init__()
        self._database_url = database_url
        self._marker = marker
        self.seen: list[tuple[int, int]] = []  # (relay rows committed, case rows updated)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        params = request_data.parameters if request_data is not None else {}
        if url.endswith("/sendMessage") and self._marker in str(params.get("text", "")):
            self.seen.append(await self._probe())
        return await super().do_request(url, method, request_data, *args, **kwargs)

    async def _probe(self) -> tuple[int, int]:
        database = Database.from_url(self._database_url)
        try:
            async with database.uow() as uow:
                relays = (
                    await uow.session.execute(select(func.count()).select_from(RelayMessage))
                ).scalar_one()
                touched = await uow.session.execute(
                    update(Case).where(Case.number == "2026-0001").values(urgency_reason="")
                )
                return int(relays), rowcount(touched)
        finally:
            await database.dispose()


async def test_relay_ack_is_sent_after_the_commit_and_without_locks(empty_db_url: str) -> None:
    api = WriteProbingApi(empty_db_url, "전달했어요")
    async with bot_harness(make_settings(empty_db_url), api=api) as bot:
        await claimed_case(bot)
        await bot.chat.send(bot.parent, "면담 때 녹음해도 되나요? 회사가 싫어해서요")
    assert api.seen == [(1, 1)]
