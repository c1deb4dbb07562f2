"""What staff read is Korean and theirs; what parents read has plain stages and particles."""

from __future__ import annotations

import re

from tests.flows import ATTORNEY_ID, claimed_case
from tests.harness import BotHarness, say

LATIN_WORD = re.compile(r"(?<![/@\w-])[A-Za-z]{3,}(?![\w-])")
ALLOWED_LATIN = {"FAQ", "add", "remove"}  # /staff add|remove: the command contract


def _latin_words(text: str) -> set[str]:
    """English words outside commands (/reply) and entry ids (parental-leave-pay)."""
    without_commands = re.sub(r"/\w+", "", text)
    return set(LATIN_WORD.findall(without_commands)) - ALLOWED_LATIN


async def test_staff_help_lists_the_staff_commands_in_korean(bot: BotHarness) -> None:
    attorney = await bot.add_staff(ATTORNEY_ID, name="김노무")
    shown = await say(bot, attorney, "/help")
    assert "직원용 도움말" in shown.text
    for command in ("/queue", "/mine", "/case", "/claim", "/reply", "/stage", "/close"):
        assert command in shown.text
    assert "/consult" not in shown.text
    assert _latin_words(shown.text) == set()
    parent_help = await say(bot, bot.parent, "/help")
    assert "/consult" in parent_help.text
    assert "직원용" not in parent_help.text


async def test_staff_added_gets_korean_reply_and_the_staff_menu(bot: BotHarness) -> None:
    added = await say(bot, bot.admin, "/staff add 777 노무사")
    assert added.text == "직원을 등록했어요: 777 (노무사)"
    english = await say(bot, bot.admin, "/staff add 778 counselor")
    assert "(상담원)" in english.text
    menus = {key: [c["command"] for c in value] for key, value in bot.api.commands.items()}
    [menu] = [cmds for key, cmds in menus.items() if '"chat_id": 777' in key]
    assert {"queue", "reply", "help"} <= set(menu)
    assert all(not _latin_words(c["description"]) for c in next(iter(bot.api.commands.values())))
    await say(bot, bot.admin, "/staff remove 777")
    assert not [key for key in bot.api.commands if '"chat_id": 777' in key]


async def test_staff_usage_is_korean(bot: BotHarness) -> None:
    usage = await say(bot, bot.admin, "/staff foo")
    assert "노무사|상담원|관리자" in usage.text
    assert _latin_words(usage.text) == set()
    wrong_role = await say(bot, bot.admin, "/staff add 777 boss")
    assert "사용자ID" in wrong_role.text
    assert _latin_words(wrong_role.text) == set()


async def test_unanswered_list_shows_no_internal_labels(bot: BotHarness) -> None:
    await say(bot, bot.parent, "우리 집 고양이 사료 추천해 주세요 어떤 게 좋아요")
    shown = await say(bot, bot.admin, "/unanswered")
    assert "우리 집 고양이" in shown.text
    assert "확신" in shown.text
    for internal in ("none", "suggestions", "answer", "0."):
        assert f"[{internal}" not in shown.text
    assert re.search(r"확신 \d+%", shown.text)


async def test_parent_status_shows_plain_words_for_the_stage(bot: BotHarness) -> None:
    attorney, _card = await claimed_case(bot)
    await bot.chat.send(attorney, "/stage 2026-0001 심층상담")
    status = await say(bot, bot.parent, "/status")
    assert "노무사가 자세히 살펴보고 있어요" in status.text
    assert "심층상담" not in status.text
