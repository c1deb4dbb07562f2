"""The legal team's workflow through the real Application over the in-memory Bot API."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.cases.reminders import ReminderPolicy, enqueue_due_reminders
from bot.runtime.local_chat import Person
from storage.models import Case, CaseEvent, OutboxMessage, RelayMessage
from tests.flows import claimed_case, complete_intake, new_case_card
from tests.harness import TEAM_CHAT_ID, BotHarness, to


async def _case(bot: BotHarness) -> Case:
    async with bot.database.uow() as uow:
        [case] = (await uow.session.execute(select(Case))).scalars().all()
        return case


async def test_new_case_produces_one_team_card(bot: BotHarness) -> None:
    card = await new_case_card(bot)
    assert "2026-0001" in card.text
    assert "긴급" in card.text
    assert "5~29명" in card.text
    assert "010-****-5678" in card.text
    assert "010-1234-5678" not in card.text
    assert [label for label, _ in card.flat_buttons] == ["🙋 배정받기", "🔎 상세보기"]
    assert await bot.deliver() == []  # nothing sent twice


async def test_claim_by_button_edits_card_and_tells_parent(bot: BotHarness) -> None:
    _, card = await claimed_case(bot)
    edited = bot.api.message(TEAM_CHAT_ID, card.message_id)
    assert edited is not None
    assert "김노무" in edited["text"]
    assert "배정받기" not in str(edited.get("reply_markup"))
    parent_msgs = [m["text"] for m in bot.api.messages(bot.parent.chat_id)]
    assert any("담당 노무사가 배정됐어요" in t for t in parent_msgs)
    case = await _case(bot)
    assert case.stage == "claimed"
    assert case.claimed_at is not None


async def test_second_claim_is_told_who_has_it(bot: BotHarness) -> None:
    _, card = await claimed_case(bot)
    other = await bot.add_staff(602, name="이노무")
    start = len(bot.api.calls)
    await bot.chat.press(
        Person(other.user_id, TEAM_CHAT_ID),
        card.message_id,
        "claim:" + card.button("상세보기").split(":")[1],
    )
    assert any("김노무" in a for a in bot.chat.alerts(start))


async def test_concurrent_claims_have_exactly_one_winner(bot: BotHarness) -> None:
    card = await new_case_card(bot)
    people = [await bot.add_staff(700 + i, name=f"노무사{i}") for i in range(3)]
    start = len(bot.api.calls)
    await asyncio.gather(
        *(
            bot.chat.press(
                Person(p.user_id, TEAM_CHAT_ID), card.message_id, card.button("배정받기")
            )
            for p in people
        )
    )
    alerts = bot.chat.alerts(start)
    assert sum("배정받았어요" in a for a in alerts) == 1
    assert sum("이미" in a for a in alerts) == 2
    async with bot.database.uow() as uow:
        events = (
            (await uow.session.execute(select(CaseEvent).where(CaseEvent.kind == "claimed")))
            .scalars()
            .all()
        )
    assert len(events) == 1


async def test_reply_relays_both_ways_with_ids(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    [ack] = to(
        attorney,
        await bot.chat.send(attorney, "/reply 2026-0001 안녕하세요, 해고 통지서를 받으셨나요?"),
    )
    assert "보냈어요" in ack.text
    to_parent = bot.api.messages(bot.parent.chat_id)[-1]
    assert "법률지원팀" in to_parent["text"]
    assert "해고 통지서" in to_parent["text"]
    assert "김노무" not in to_parent["text"]

    [relay_ack] = await bot.chat.send(bot.parent, "네 문자로 받았어요")
    assert "전달했어요" in relay_ack.text
    [forwarded] = await bot.deliver()
    assert forwarded.chat_id == attorney.chat_id
    assert "문자로 받았어요" in forwarded.text

    await bot.chat.send(attorney, "사진으로 보내 주실 수 있나요?", reply_to=forwarded.message_id)
    assert "사진으로" in bot.api.messages(bot.parent.chat_id)[-1]["text"]

    async with bot.database.uow() as uow:
        relays = (
            (await uow.session.execute(select(RelayMessage).order_by(RelayMessage.id)))
            .scalars()
            .all()
        )
        case = await uow.cases.get_by_number(number="2026-0001")
    assert [r.direction for r in relays] == ["to_parent", "to_staff", "to_parent"]
    assert all(r.parent_message_id and r.staff_message_id for r in relays)
    assert relays[1].staff_message_id == forwarded.message_id
    assert case is not None
    assert case.first_reply_at is not None
    assert case.stage == "general"


async def test_blocked_parent_is_reported_to_attorney(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    bot.api.blocked_chats.add(bot.parent.chat_id)
    [reply] = await bot.chat.send(attorney, "/reply 2026-0001 연락드립니다")
    assert "차단" in reply.text
    assert (await _case(bot)).is_parent_unreachable
    async with bot.database.uow() as uow:
        relays = (await uow.session.execute(select(RelayMessage))).scalars().all()
    assert [r.direction for r in relays] == []  # nothing reached the parent


async def test_reply_posted_but_unconfirmed_is_recorded(bot: BotHarness) -> None:
    """Telegram posts the reply, the answer is lost (a timeout, or a kill right then): the
    reply was recorded and committed before the send."""
    attorney, _ = await claimed_case(bot)
    bot.api.posts_then_times_out = True
    await bot.chat.send(attorney, "/reply 2026-0001 통화 가능하실까요?")
    bot.api.posts_then_times_out = False
    assert "통화 가능하실까요?" in bot.api.messages(bot.parent.chat_id)[-1]["text"]
    async with bot.database.uow() as uow:
        relays = (await uow.session.execute(select(RelayMessage))).scalars().all()
        case = await uow.cases.get_by_number(number="2026-0001")
    assert [(r.direction, r.text) for r in relays] == [("to_parent", "통화 가능하실까요?")]
    assert case is not None
    assert case.first_reply_at is not None


async def test_note_is_never_sent_to_parent(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    before = len(bot.api.messages(bot.parent.chat_id))
    [reply] = await bot.chat.send(attorney, "/note 2026-0001 사업장 규모 재확인 필요")
    assert "내부 메모" in reply.text
    await bot.deliver()
    assert len(bot.api.messages(bot.parent.chat_id)) == before
    [detail] = await bot.chat.send(attorney, "/case 2026-0001")
    assert "사업장 규모 재확인 필요" in detail.text
    assert "010-1234-5678" in detail.text  # the assignee sees the contact


async def test_stage_refer_close_and_parent_is_told(bot: BotHarness) -> None:
    attorney, card = await claimed_case(bot)
    assert (
        "심층상담"
        in to(attorney, await bot.chat.send(attorney, "/stage 2026-0001 심층상담"))[0].text
    )
    assert (
        "사건대리"
        in to(attorney, await bot.chat.send(attorney, "/refer 2026-0001 사건대리"))[0].text
    )
    assert (
        "종결"
        in to(attorney, await bot.chat.send(attorney, "/close 2026-0001 구제신청 대리 결정"))[
            0
        ].text
    )
    await bot.deliver()
    texts = [m["text"] for m in bot.api.messages(bot.parent.chat_id)]
    assert any("지금은 노무사가 자세히 살펴보고 있어요" in t for t in texts)
    assert any("상담 2026-0001이 마무리됐어요" in t for t in texts)
    assert any("상담 2026-0001과 관련해 사건대리 연계" in t for t in texts)
    assert not any("심층상담" in t for t in texts)  # parents read plain words
    case = await _case(bot)
    assert (case.stage, case.result) == ("closed", "구제신청 대리 결정")
    card_now = bot.api.message(TEAM_CHAT_ID, card.message_id)
    assert card_now is not None
    assert "종결" in card_now["text"]
    async with bot.database.uow() as uow:
        kinds = [e.kind for e in await uow.cases.events(case_id=case.id)]
    assert kinds == ["created", "claimed", "stage", "referral", "closed"]


async def test_bad_stage_and_unknown_case_get_clear_messages(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    assert "다음 중 하나" in (await bot.chat.send(attorney, "/stage 2026-0001 foo"))[0].text
    assert "찾을 수 없어요" in (await bot.chat.send(attorney, "/case 99999"))[0].text
    assert "찾을 수 없어요" in (await bot.chat.send(attorney, "/case abc"))[0].text
    assert "사용법" in (await bot.chat.send(attorney, "/reply"))[0].text


async def test_only_assignee_or_admin_acts_on_a_case(bot: BotHarness) -> None:
    await claimed_case(bot)
    other = await bot.add_staff(603, name="박노무")
    [reply] = await bot.chat.send(other, "/reply 2026-0001 제가 답할게요")
    assert "담당자" in reply.text
    [ok] = await bot.chat.send(bot.admin, "/note 2026-0001 관리자 확인")
    assert "내부 메모" in ok.text


async def test_release_returns_case_to_queue(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    assert "대기열" in (await bot.chat.send(attorney, "/release 2026-0001"))[0].text
    [queue] = await bot.chat.send(attorney, "/queue")
    assert "2026-0001" in queue.text
    assert "기한 D-6" in queue.text  # the remedy deadline 2026-12-01, seen on 2026-11-25
    sent = await bot.deliver()
    assert any(m.chat_id == TEAM_CHAT_ID and "배정받기" in str(m.buttons) for m in sent)


async def test_admin_assigns_by_username(bot: BotHarness) -> None:
    await new_case_card(bot)
    attorney = await bot.add_staff(604, name="최노무")
    async with bot.database.uow() as uow:
        staff = await uow.staff.get_active(telegram_id=604)
        assert staff is not None
        staff.username = "choi_labor"
    [reply] = to(bot.admin, await bot.chat.send(bot.admin, "/assign 2026-0001 @choi_labor"))
    assert "최노무" in reply.text
    [mine] = await bot.chat.send(attorney, "/mine")
    assert "2026-0001" in mine.text


async def test_stranger_gets_nothing_from_staff_commands(bot: BotHarness) -> None:
    card = await new_case_card(bot)
    for command in (
        "/queue",
        "/mine",
        "/case 2026-0001",
        "/case 9999",
        "/claim 2026-0001",
        "/reply 2026-0001 hi",
        "/close 2026-0001",
        "/staff",
        "/staff add 3003 admin",
        "/stage 99999 foo",
    ):
        replies = await bot.chat.send(bot.stranger, command)
        assert [r.text for r in replies] == ["이 기능은 센터 직원만 쓸 수 있어요."], command
    start = len(bot.api.calls)
    for data in (card.button("배정받기"), card.button("상세보기"), "claim:999", "case:1"):
        assert await bot.chat.press(Person(3003, TEAM_CHAT_ID), card.message_id, data) == []
    assert all("직원만" in a for a in bot.chat.alerts(start))
    assert (await _case(bot)).assignee_id is None


async def test_staff_commands_refuse_group_chats(bot: BotHarness) -> None:
    [reply] = await bot.chat.send(bot.team, "/queue")
    assert "개인 대화" in reply.text


@pytest.mark.parametrize("command", ["/report", "/reload_faq", "/unanswered", "/case 1"])
async def test_every_staff_command_refuses_group_chats(bot: BotHarness, command: str) -> None:
    start = len(bot.api.calls)
    [reply] = await bot.chat.send(bot.team, command)
    assert reply.text == "이 명령은 봇과의 개인 대화에서 써 주세요."
    assert [c for c in bot.api.calls[start:] if c.method == "sendDocument"] == []


async def test_admin_manages_staff(bot: BotHarness) -> None:
    assert "등록했어요" in (await bot.chat.send(bot.admin, "/staff add 777 counselor"))[0].text
    assert "777" in (await bot.chat.send(bot.admin, "/staff"))[0].text
    assert "해제했어요" in (await bot.chat.send(bot.admin, "/staff remove 777"))[0].text
    attorney = await bot.add_staff(605)
    assert "관리자만" in (await bot.chat.send(attorney, "/staff add 1 admin"))[0].text
    assert "사용법" in (await bot.chat.send(bot.admin, "/staff add x"))[0].text


async def test_outbox_survives_outage_and_restart_exactly_once(bot: BotHarness) -> None:
    """A 502 may mean the card was posted: it is not posted again, but a reminder card
    follows a few minutes later unless someone has claimed the case."""
    await complete_intake(bot, bot.parent)
    bot.api.is_down = True
    assert [m for m in await bot.deliver() if m.chat_id == TEAM_CHAT_ID] == []
    bot.clock.advance(minutes=5)
    assert await bot.deliver() == []  # still down: the reminder waits another 5 minutes
    bot.api.is_down = False
    await bot.restart()
    assert await bot.deliver() == []  # not due yet
    bot.clock.advance(minutes=5)
    cards = [m for m in await bot.deliver() if m.chat_id == TEAM_CHAT_ID]
    bot.clock.advance(minutes=30)
    assert [m for m in await bot.deliver() if m.chat_id == TEAM_CHAT_ID] == []
    assert len(cards) == 1
    assert "2026-0001" in cards[0].text
    assert "배정받기" in str(cards[0].buttons)


async def test_card_send_that_timed_out_is_not_posted_twice(bot: BotHarness) -> None:
    await complete_intake(bot, bot.parent)
    bot.api.posts_then_times_out = True  # Telegram posts the card, the answer never comes
    await bot.deliver()
    bot.api.posts_then_times_out = False
    posted = [m for m in bot.api.messages(TEAM_CHAT_ID) if "2026-0001" in m["text"]]
    assert len(posted) == 1
    attorney = await bot.add_staff(601, name="김노무")
    await bot.chat.press(
        Person(attorney.user_id, TEAM_CHAT_ID), posted[0]["message_id"], "claim:1"
    )
    bot.clock.advance(minutes=30)
    await bot.deliver()
    cards = [c for c in bot.api.sent(chat_id=TEAM_CHAT_ID) if "배정받기" in str(c.params)]
    assert len(cards) == 1  # claimed before the recheck: no second card, no reminder


async def test_card_whose_sender_died_mid_send_is_not_posted_twice(bot: BotHarness) -> None:
    """A kill between Telegram posting the card and the outbox marking it sent: its lease
    runs out, and the card counts as possibly posted, like a timeout."""
    await complete_intake(bot, bot.parent)
    async with bot.database.uow() as uow:  # a sender took it, posted it, and died
        [row] = await uow.outbox.lease_due(
            now=bot.clock.now(), lease_until=bot.clock.now() + timedelta(seconds=120)
        )
    await bot.chat.app.bot.send_message(TEAM_CHAT_ID, "🆕 <b>새 상담 2026-0001</b>")
    bot.clock.advance(seconds=121)
    await bot.deliver()
    posted = [m for m in bot.api.messages(TEAM_CHAT_ID) if "2026-0001" in m["text"]]
    assert len(posted) == 1
    async with bot.database.uow() as uow:
        recheck = await uow.outbox.lease_due(
            now=bot.clock.now() + timedelta(minutes=6), lease_until=bot.clock.now()
        )
    assert [r.kind for r in recheck] == ["reminder"]  # shown again if it was lost
    assert row.kind == "new_case"


async def test_relay_whose_send_timed_out_is_sent_again_marked(bot: BotHarness) -> None:
    """Telegram took the relay but the answer never came: the copy sent again says so,
    so the attorney never reads the same words twice without being told."""
    attorney, _ = await claimed_case(bot)
    await bot.chat.send(bot.parent, "네 문자로 받았어요")
    bot.api.posts_then_times_out = True
    [first] = await bot.deliver()  # posted, though the sender never heard back
    bot.api.posts_then_times_out = False
    bot.clock.advance(minutes=1)
    [again] = await bot.deliver()
    copies = [m["text"] for m in bot.api.messages(attorney.chat_id) if "문자로" in m["text"]]
    assert len(copies) == 2
    assert not first.text.startswith("🔁")
    assert copies[0] == first.text
    assert again.text.startswith("🔁")
    assert "이미 도착했다면" in again.text
    assert "네 문자로 받았어요" in again.text


async def test_relay_whose_sender_died_mid_send_is_sent_again_marked(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    await bot.chat.send(bot.parent, "네 오후에 통화 괜찮아요")
    async with bot.database.uow() as uow:  # a sender took it and died before marking it
        await uow.outbox.lease_due(
            now=bot.clock.now(), lease_until=bot.clock.now() + timedelta(seconds=120)
        )
    bot.clock.advance(seconds=121)
    [again] = await bot.deliver()
    assert again.chat_id == attorney.chat_id
    assert again.text.startswith("🔁")
    assert "통화 괜찮아요" in again.text
    await bot.chat.send(bot.parent, "감사합니다 기다릴게요")
    [next_one] = await bot.deliver()
    assert not next_one.text.startswith("🔁")  # only the row that may have arrived


async def test_relay_refused_outright_is_not_marked_as_sent_again(bot: BotHarness) -> None:
    """A refusal is an answer: nothing was posted, so the team's copy is the first one."""
    attorney, _ = await claimed_case(bot)
    bot.api.blocked_chats.add(attorney.chat_id)
    await bot.chat.send(bot.parent, "알겠습니다 사진 보내드릴게요")
    [to_team] = await bot.deliver()
    assert to_team.chat_id == TEAM_CHAT_ID
    assert "사진 보내드릴게요" in to_team.text
    assert not to_team.text.startswith("🔁")


async def test_unreachable_team_chat_alerts_admins_privately(bot: BotHarness) -> None:
    bot.api.unreachable_chats.add(TEAM_CHAT_ID)
    await complete_intake(bot, bot.parent)
    sent = await bot.deliver()
    to_admin = [m for m in sent if m.chat_id == bot.admin.chat_id]
    assert any("팀 채팅" in m.text for m in to_admin)
    assert any("2026-0001" in m.text and "배정받기" in str(m.buttons) for m in to_admin)


async def test_urgent_unclaimed_case_is_reminded(bot: BotHarness) -> None:
    await new_case_card(bot)
    policy = ReminderPolicy(team_chat_id=TEAM_CHAT_ID, tz=bot.services.settings.tz)
    async with bot.database.uow() as uow:
        assert await enqueue_due_reminders(uow, bot.clock, bot.services.notifier, policy) == 0
    bot.clock.advance(minutes=31)
    async with bot.database.uow() as uow:
        assert await enqueue_due_reminders(uow, bot.clock, bot.services.notifier, policy) == 1
        assert await enqueue_due_reminders(uow, bot.clock, bot.services.notifier, policy) == 0
    [reminder] = await bot.deliver()
    assert "아직 배정되지 않은" in reminder.text


async def test_case_detail_buttons_move_and_close(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    [detail] = to(attorney, await bot.chat.send(attorney, "/case 2026-0001"))
    assert "/reply 2026-0001" in detail.text
    labels = [label for label, _ in detail.flat_buttons]
    assert labels == ["종합상담", "심층상담", "확인상담", "밀착지원", "✅ 종결"]
    await bot.chat.press(attorney, detail.message_id, detail.button("심층상담"))
    assert (await _case(bot)).stage == "in_depth"
    await bot.chat.press(attorney, detail.message_id, detail.button("종결"))
    assert (await _case(bot)).stage == "closed"
    other = await bot.add_staff(606)
    start = len(bot.api.calls)
    await bot.chat.press(other, detail.message_id, "stg:1:general")
    assert any("종결" in a or "담당자" in a for a in bot.chat.alerts(start))


async def test_unclaimed_case_detail_offers_claim(bot: BotHarness) -> None:
    await new_case_card(bot)
    attorney = await bot.add_staff(607, name="정노무")
    [detail] = to(attorney, await bot.chat.send(attorney, "/case 1"))
    assert [label for label, _ in detail.flat_buttons] == ["🙋 배정받기"]
    contact_line = next(
        line for line in detail.text.splitlines() if "연락" in line and "010" in line
    )
    assert "****" in contact_line  # not the assignee: contact stays masked


async def test_parent_erasure_drops_unsent_notices_and_relay_texts(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    await bot.chat.send(attorney, "/reply 2026-0001 자료를 보내 주세요")
    await bot.chat.send(attorney, "/stage 2026-0001 심층상담")  # queues a notice
    msg = (await bot.chat.send(bot.parent, "/delete"))[-1]
    await bot.chat.press(bot.parent, msg.message_id, msg.button("네"))
    async with bot.database.uow() as uow:
        pending = (
            (
                await uow.session.execute(
                    select(OutboxMessage).where(
                        OutboxMessage.chat_id == bot.parent.chat_id,
                        OutboxMessage.status == "pending",
                    )
                )
            )
            .scalars()
            .all()
        )
        relays = (await uow.session.execute(select(RelayMessage))).scalars().all()
    assert pending == []
    assert [r.text for r in relays] == [None]
    case = await _case(bot)
    assert (case.is_anonymized, case.stage, case.user_id) == (True, "closed", None)
