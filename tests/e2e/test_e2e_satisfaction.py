"""The satisfaction question over the real processes: close, score, a masked comment."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from sqlalchemy import select

from storage.db import Database
from storage.models import Case, CaseSatisfaction
from tests.e2e.client import Telegram, User
from tests.e2e.flows import complete_intake, say
from tests.e2e.processes import TEAM_CHAT_ID, BotProcess

COMMENT = "덕분에 복직했어요. 010-2468-1357 로 연락 주셔도 돼요"


async def _answer(database_url: str, number: str) -> tuple[int | None, str | None]:
    database = Database.from_url(database_url.replace("postgresql://", "postgresql+asyncpg://"))
    try:
        async with database.uow() as uow:
            stmt = (
                select(CaseSatisfaction.score, CaseSatisfaction.comment)
                .join(Case, Case.id == CaseSatisfaction.case_id)
                .where(Case.number == number)
            )
            score, comment = (await uow.session.execute(stmt)).one()
            return score, comment
    finally:
        await database.dispose()


def test_parent_scores_a_closed_case_and_comments(
    bot: BotProcess, telegram: Telegram, new_user: Callable[..., User], admin: User
) -> None:
    parent = new_user()
    number = complete_intake(telegram, parent)
    card = telegram.wait_for(TEAM_CHAT_ID, lambda m: number in m.text, timeout=5)
    telegram.callback_answer(telegram.press(admin, card, "배정받기"))
    telegram.wait_for(parent, lambda m: number in m.text and "배정" in m.text)

    telegram.send(admin, f"/close {number} 해결")
    question = telegram.wait_for(parent, lambda m: "얼마나 도움이 되셨는지" in m.text)
    assert number in question.text
    assert question.labels == ["1 😞", "2 🙁", "3 😐", "4 🙂", "5 😊"]

    telegram.callback_answer(telegram.press(parent, question, "5"))
    offer = telegram.wait_for(
        parent, lambda m: m.message_id == question.message_id and "5점" in m.text
    )
    assert offer.labels == ["괜찮아요"]

    say(telegram, parent, COMMENT, "소중한 의견 고마워요")
    score, comment = asyncio.run(_answer(bot.database_url, number))
    assert score == 5
    assert comment is not None
    assert "덕분에 복직했어요" in comment
    assert "010-2468-1357" not in comment
    assert "010-2468-1357" not in bot.log_text()
