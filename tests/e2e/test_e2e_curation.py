"""Staff accept a parent's question into the FAQ through the real process and emulator."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.client import Telegram, User
from tests.e2e.flows import choose, say
from tests.e2e.processes import ROOT, BotProcess

QUESTION = "쌍둥이 육아휴직 회사 눈치"  # suggestions; best candidate parental-leave-length


@pytest.fixture
def faq_bot(bot_process: BotProcess, tmp_path: Path) -> Iterator[tuple[BotProcess, Path]]:
    """The bot on a copy of the FAQ it may write to; the usual bot again afterwards."""
    folder = tmp_path / "faq"
    shutil.copytree(ROOT / "faq", folder)
    if bot_process.is_running:
        bot_process.stop()
    bot_process.start(extra_env={"FAQ_DIR": str(folder)})
    yield bot_process, folder
    bot_process.stop()


def test_staff_accept_a_question_and_the_parent_gets_the_answer(
    faq_bot: tuple[BotProcess, Path],
    telegram: Telegram,
    new_user: Callable[..., User],
    admin: User,
) -> None:
    _, folder = faq_bot
    before = (folder / "parental-leave.yaml").read_bytes()
    parent = new_user()
    say(telegram, parent, QUESTION, "혹시 이 질문인가요")
    listing = say(telegram, admin, "/unanswered", "미답변")
    [number] = [
        match.group(1)
        for match in re.finditer(r"^(\d+)\. .*\n「(.*)」", listing.text, re.MULTILINE)
        if match.group(2) == QUESTION
    ]
    detail = choose(telegram, admin, listing, f"{number}번 살펴보기", "예시 질문으로 넣을 문장")
    choose(telegram, admin, detail, "✅ 예시 질문으로 추가", "추가했어요")
    after = (folder / "parental-leave.yaml").read_bytes()
    assert len(after.splitlines()) == len(before.splitlines()) + 1
    assert f"      - {QUESTION}\n".encode() in after
    answer = say(telegram, parent, QUESTION, "육아휴직")
    assert "fb:parental-leave-length:1" in [data for _, data in answer.flat_buttons]
