"""Discreet mode, clearing the chat, and documents attached to a case."""

from __future__ import annotations

from sqlalchemy import select

from bot.runtime.local_chat import Person
from storage.models import CaseDocument
from tests.flows import DESCRIPTION, claimed_case, complete_intake, walk_to_description
from tests.harness import BotHarness, press, say, to

PDF = {
    "document": {
        "file_id": "file-abc",
        "file_unique_id": "u-abc",
        "file_name": "해고통지서.pdf",
        "mime_type": "application/pdf",
        "file_size": 120_000,
    }
}
PHOTO = {
    "photo": [
        {"file_id": "small", "file_unique_id": "ps", "width": 90, "height": 90},
        {
            "file_id": "large",
            "file_unique_id": "pl",
            "width": 1280,
            "height": 960,
            "file_size": 300_000,
        },
    ]
}


async def test_discreet_mode_hides_notices_and_replies(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    [on] = await bot.chat.send(bot.parent, "/discreet")
    assert "조용한 모드를 켰어요" in on.text
    await bot.chat.send(attorney, "/reply 2026-0001 해고 통지서 사본을 보내 주세요")
    reply = bot.api.messages(bot.parent.chat_id)[-1]["text"]
    assert reply.startswith("📩 센터에서 메시지가 왔어요.")
    assert "<tg-spoiler>" in reply
    await bot.chat.send(attorney, "/stage 2026-0001 심층상담")
    [notice] = [m for m in await bot.deliver() if m.chat_id == bot.parent.chat_id]
    assert notice.text.startswith("📩")
    assert "<tg-spoiler>" in notice.text
    [off] = await bot.chat.send(bot.parent, "/discreet")
    assert "껐어요" in off.text


async def test_clear_deletes_recent_messages_after_confirmation(bot: BotHarness) -> None:
    await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
    await bot.chat.send(bot.parent, "육아휴직 급여 얼마예요")
    [ask] = await bot.chat.send(bot.parent, "/clear")
    await bot.chat.press(bot.parent, ask.message_id, ask.button("네"))
    deleted = {m for chat, m in bot.api.deleted if chat == bot.parent.chat_id}
    assert len(deleted) >= 6  # 3 questions, 2 answers, the /clear command and its prompt
    assert bot.api.messages(bot.parent.chat_id)[-1]["text"].startswith("메시지")
    assert [m for m in bot.api.messages(bot.parent.chat_id) if "90일" in m["text"]] == []


async def test_clear_can_be_declined(bot: BotHarness) -> None:
    [ask] = await bot.chat.send(bot.parent, "/clear")
    [kept] = await bot.chat.press(bot.parent, ask.message_id, ask.button("아니요"))
    assert "지우지 않았어요" in kept.text
    assert bot.api.deleted == []


async def test_clear_skips_messages_older_than_48_hours(bot: BotHarness) -> None:
    await bot.chat.send(bot.parent, "출산휴가 며칠이에요")
    bot.clock.advance(hours=49)
    [ask] = await bot.chat.send(bot.parent, "/clear")
    await bot.chat.press(bot.parent, ask.message_id, ask.button("네"))
    assert len(bot.api.deleted) == 2  # only the /clear exchange


async def test_document_is_attached_to_open_case_and_staff_told(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    [reply] = await bot.chat.send_raw_message(bot.parent, **PDF)
    assert "2026-0001에 첨부" in reply.text
    [note] = [m for m in await bot.deliver() if m.chat_id == attorney.chat_id]
    assert "해고통지서.pdf" in note.text
    [detail] = to(attorney, await bot.chat.send(attorney, "/case 2026-0001"))
    files = detail.button("자료 보기")
    await bot.chat.press(attorney, detail.message_id, files)
    [sent] = bot.api.sent("sendDocument", chat_id=attorney.chat_id)
    assert sent.params["document"] == "file-abc"


async def test_photo_sent_during_intake_is_attached_at_submit(bot: BotHarness) -> None:
    await walk_to_description(bot, bot.parent)
    [reply] = await bot.chat.send_raw_message(bot.parent, **PHOTO)
    assert "함께 접수" in reply.text
    msg = await say(bot, bot.parent, DESCRIPTION)
    msg = await press(bot, bot.parent, msg, "텔레그램으로만")
    msg = await press(bot, bot.parent, msg, "언제든")
    await press(bot, bot.parent, msg, "접수하기")
    async with bot.database.uow() as uow:
        [document] = (await uow.session.execute(select(CaseDocument))).scalars().all()
    assert (document.file_id, document.kind) == ("large", "photo")


async def test_wrong_file_type_and_size_are_refused(bot: BotHarness) -> None:
    await complete_intake(bot, bot.parent)
    exe = {
        "document": {
            "file_id": "x",
            "file_unique_id": "x",
            "file_name": "virus.exe",
            "mime_type": "application/x-msdownload",
            "file_size": 10,
        }
    }
    big = {
        "document": {
            "file_id": "y",
            "file_unique_id": "y",
            "file_name": "scan.pdf",
            "mime_type": "application/pdf",
            "file_size": 50 * 1024 * 1024,
        }
    }
    assert "형식" in (await bot.chat.send_raw_message(bot.parent, **exe))[0].text
    assert "20MB" in (await bot.chat.send_raw_message(bot.parent, **big))[0].text


async def test_erasure_removes_document_references(bot: BotHarness) -> None:
    await complete_intake(bot, bot.parent)
    await bot.chat.send_raw_message(bot.parent, **PDF)
    msg = (await bot.chat.send(bot.parent, "/delete"))[-1]
    await bot.chat.press(bot.parent, msg.message_id, msg.button("네"))
    async with bot.database.uow() as uow:
        assert (await uow.session.execute(select(CaseDocument))).scalars().all() == []


async def test_stranger_cannot_fetch_documents(bot: BotHarness) -> None:
    await complete_intake(bot, bot.parent)
    await bot.chat.send_raw_message(bot.parent, **PDF)
    start = len(bot.api.calls)
    assert await bot.chat.press(Person(3003, 3003), 1, "docs:1") == []
    assert bot.api.sent("sendDocument") == []
    assert any("직원만" in a for a in bot.chat.alerts(start))


async def test_only_the_assignee_or_an_admin_gets_the_files(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    await bot.chat.send_raw_message(bot.parent, **PDF)
    other = await bot.add_staff(602, name="박노무")
    start = len(bot.api.calls)
    assert await bot.chat.press(other, 1, "docs:1") == []
    assert bot.api.sent("sendDocument") == []
    assert bot.chat.alerts(start) == ["자료는 이 상담의 담당자(또는 관리자)만 받을 수 있어요."]
    await bot.chat.press(bot.admin, 1, "docs:1")
    [sent] = bot.api.sent("sendDocument", chat_id=bot.admin.chat_id)
    assert sent.params["document"] == "file-abc"
    assert bot.api.sent("sendDocument", chat_id=attorney.chat_id) == []


async def test_files_button_is_offered_only_to_who_may_get_them(bot: BotHarness) -> None:
    await complete_intake(bot, bot.parent)
    await bot.chat.send_raw_message(bot.parent, **PDF)
    attorney = await bot.add_staff(602, name="박노무")
    [detail] = to(attorney, await bot.chat.send(attorney, "/case 2026-0001"))
    assert [label for label, _ in detail.flat_buttons] == ["🙋 배정받기"]
    [detail] = to(bot.admin, await bot.chat.send(bot.admin, "/case 2026-0001"))
    assert "📎 자료 보기 (1)" in [label for label, _ in detail.flat_buttons]
