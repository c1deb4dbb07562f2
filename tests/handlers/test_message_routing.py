"""Where a parent's typed message goes: open cases claimed or not, crisis, a paused intake."""

from __future__ import annotations

from sqlalchemy import select

from bot.runtime.local_chat import BotMessage
from bot.vocabulary import EventKind, RelayDirection, Urgency
from storage.models import Case, IntakeDraft, RelayMessage
from tests.flows import claimed_case, complete_intake, new_case_card, walk_to_description
from tests.harness import TEAM_CHAT_ID, BotHarness, press, say, to

FAQ_QUESTION = "출산휴가 며칠이에요"
CRISIS = "회사에서 잘리고 나니 그냥 죽고 싶어요"


async def _relays(bot: BotHarness) -> list[RelayMessage]:
    async with bot.database.uow() as uow:
        stmt = select(RelayMessage).order_by(RelayMessage.id)
        return list((await uow.session.execute(stmt)).scalars().all())


async def _case(bot: BotHarness) -> Case:
    async with bot.database.uow() as uow:
        case = await uow.cases.get_by_number(number="2026-0001")
    assert case is not None
    return case


async def _event_kinds(bot: BotHarness) -> list[str]:
    case = await _case(bot)
    async with bot.database.uow() as uow:
        return [e.kind for e in await uow.cases.events(case_id=case.id)]


async def _draft(bot: BotHarness) -> IntakeDraft | None:
    async with bot.database.uow() as uow:
        return await uow.drafts.get(user_id=(await _parent_id(bot)), now=bot.clock.now())


async def _parent_id(bot: BotHarness) -> int:
    async with bot.database.uow() as uow:
        user = await uow.users.get_by_telegram_id(telegram_id=bot.parent.user_id)
    assert user is not None
    return user.id


# ---- an open case nobody has taken yet --------------------------------------------------


async def test_message_to_an_unclaimed_case_reaches_the_team_masked(bot: BotHarness) -> None:
    await new_case_card(bot)
    text = "회사에서 내일 면담하자고 해요. 번호는 010-9876-5432예요"
    [ack] = await bot.chat.send(bot.parent, text)
    assert "2026-0001" in ack.text
    assert "전달했어요" in ack.text
    assert "봇에게 물어보기" in ack.flat_buttons[0][0]
    [to_team] = await bot.deliver()
    assert to_team.chat_id == TEAM_CHAT_ID
    assert "2026-0001" in to_team.text
    assert "면담하자고" in to_team.text
    assert "010-9876-5432" not in to_team.text  # nobody has claimed it: masked in the group
    [relay] = await _relays(bot)
    assert relay.direction == RelayDirection.TO_STAFF
    assert relay.text is not None
    assert "010-9876-5432" in relay.text
    assert EventKind.PARENT_MESSAGE in await _event_kinds(bot)


async def test_crisis_with_an_unclaimed_case_alerts_the_team_at_once(bot: BotHarness) -> None:
    await new_case_card(bot)
    help_text, ack = await bot.chat.send(bot.parent, CRISIS)
    assert "109" in help_text.text[:200]
    assert "바로 알렸어요" in ack.text
    [alert] = await bot.deliver()
    assert alert.chat_id == TEAM_CHAT_ID
    assert "긴급" in alert.text
    assert EventKind.CRISIS in await _event_kinds(bot)


# ---- a claimed case -----------------------------------------------------------------------


async def test_message_to_a_claimed_case_goes_to_the_attorney(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    [ack] = await bot.chat.send(bot.parent, "면담 때 녹음해도 되나요? 회사가 싫어해서요")
    assert "담당 노무사에게 전달했어요" in ack.text
    [forwarded] = await bot.deliver()
    assert forwarded.chat_id == attorney.chat_id
    assert "녹음해도" in forwarded.text
    # The parent may still ask the bot about what they wrote.
    answers = await bot.chat.press(bot.parent, ack.message_id, ack.button("봇에게 물어보기"))
    assert any(m.text and not m.is_markup_edit for m in answers)


async def test_clear_question_with_a_case_is_answered_and_can_be_passed_on(
    bot: BotHarness,
) -> None:
    attorney, _ = await claimed_case(bot)
    replies = await bot.chat.send(bot.parent, FAQ_QUESTION)
    answer, offer = replies[0], replies[-1]
    assert "90일" in answer.text  # the FAQ answered
    assert "전달할까요" in offer.text
    assert await bot.deliver() == []  # nothing went to the attorney yet
    [held] = await _relays(bot)
    assert held.direction == RelayDirection.HELD

    [done] = await bot.chat.press(bot.parent, offer.message_id, offer.button("노무사에게도"))
    assert "전달했어요" in done.text
    [forwarded] = await bot.deliver()
    assert forwarded.chat_id == attorney.chat_id
    assert FAQ_QUESTION in forwarded.text
    # Pressed again (a stale copy of the button): nothing is sent twice.
    await bot.chat.press(bot.parent, offer.message_id, offer.button("노무사에게도"))
    assert await bot.deliver() == []
    [relay] = await _relays(bot)
    assert relay.direction == RelayDirection.TO_STAFF


async def test_crisis_with_a_claimed_case_alerts_the_attorney(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    help_text, ack = await bot.chat.send(bot.parent, CRISIS)
    assert "109" in help_text.text[:200]
    assert "바로 알렸어요" in ack.text
    sent = await bot.deliver()
    assert {m.chat_id for m in sent} == {attorney.chat_id, TEAM_CHAT_ID}
    assert all("긴급" in m.text for m in sent)
    assert EventKind.CRISIS in await _event_kinds(bot)


async def test_someone_elses_relay_buttons_do_nothing(bot: BotHarness) -> None:
    await claimed_case(bot)
    [ack] = await bot.chat.send(bot.parent, "면담 때 녹음해도 되나요? 회사가 싫어해서요")
    data = ack.button("봇에게 물어보기")
    await bot.deliver()  # the message itself, to the attorney
    assert await bot.chat.press(bot.stranger, ack.message_id, data) == []  # an alert only
    relay_id = data.split(":")[1]
    await bot.chat.press(bot.stranger, ack.message_id, f"fwd:{relay_id}")
    assert await bot.deliver() == []


# ---- crisis with no case: one tap to the center ------------------------------------------


async def test_crisis_without_a_case_connects_in_few_steps(bot: BotHarness) -> None:
    [help_text] = await bot.chat.send(bot.parent, CRISIS)
    assert "109" in help_text.text[:200]
    msg = await press(bot, bot.parent, help_text, "센터와 바로 연결")
    assert "개인정보" in msg.text
    msg = await press(bot, bot.parent, msg, "동의합니다")
    msg = await press(bot, bot.parent, msg, "동의합니다")
    msg = await press(bot, bot.parent, msg, "전화")
    msg = await say(bot, bot.parent, "010 2222 3333")
    assert "이대로 접수할까요" in msg.text
    done = await press(bot, bot.parent, msg, "접수하기")
    assert "2026-0001" in done.text
    case = await _case(bot)
    assert case.urgency == Urgency.URGENT
    [card] = await bot.deliver()
    assert card.chat_id == TEAM_CHAT_ID


# ---- an intake interrupted ---------------------------------------------------------------


async def test_start_mid_intake_keeps_the_draft_and_questions_are_not_the_account(
    bot: BotHarness,
) -> None:
    await walk_to_description(bot, bot.parent)
    replies = await bot.chat.send(bot.parent, "/start")
    paused = replies[-1]
    assert "이어서 작성" in paused.flat_buttons[0][0]
    answer = (await bot.chat.send(bot.parent, FAQ_QUESTION))[0]
    assert "90일" in answer.text
    draft = await _draft(bot)
    assert draft is not None
    assert draft.step == "description"
    assert "description" not in (draft.data or {})
    msg = await press(bot, bot.parent, paused, "이어서 작성")
    assert "어떤 일이 있었는지" in msg.text
    msg = await say(bot, bot.parent, "복직하겠다고 하니 자리가 없다며 권고사직을 하라고 했어요")
    assert "답변은 어떻게" in msg.text


async def test_a_question_typed_as_the_account_is_confirmed_first(bot: BotHarness) -> None:
    await walk_to_description(bot, bot.parent)
    [ask] = await bot.chat.send(bot.parent, FAQ_QUESTION)
    assert "질문처럼" in ask.text
    replies = await bot.chat.press(bot.parent, ask.message_id, ask.button("질문으로 답 보기"))
    texts = [m.text for m in replies if not m.is_markup_edit]
    assert any("90일" in t for t in texts)
    assert "이어서 작성" in replies[-1].flat_buttons[0][0]
    msg = await press(bot, bot.parent, replies[-1], "이어서 작성")
    assert "어떤 일이 있었는지" in msg.text
    [ask] = await bot.chat.send(bot.parent, FAQ_QUESTION)
    msg = await press(bot, bot.parent, ask, "상담 내용으로 적기")
    assert "조금만 더 적어" in msg.text  # too short to be the account: asked again
    account = "출산휴가를 며칠 쓸 수 있는지 회사가 45일만 된다고 해요"
    [ask] = await bot.chat.send(bot.parent, account)
    if "질문처럼" in ask.text:
        ask = await press(bot, bot.parent, ask, "상담 내용으로 적기")
    assert "답변은 어떻게" in ask.text
    draft = await _draft(bot)
    assert draft is not None
    assert draft.data["description"] == account


async def test_crisis_words_mid_intake_mark_it_urgent_and_ask_again(bot: BotHarness) -> None:
    msg = await walk_to_description(bot, bot.parent)
    msg = await say(bot, bot.parent, "복직하겠다고 하니 자리가 없다며 권고사직을 하라고 했어요")
    msg = await press(bot, bot.parent, msg, "전화")
    help_text, again = await bot.chat.send(bot.parent, "다 끝내고 싶어요 죽고 싶어요")
    assert "109" in help_text.text[:200]
    assert "번호" in again.text
    draft = await _draft(bot)
    assert draft is not None
    assert draft.data.get("has_crisis_words") is True
    assert draft.step == "contact_value"


async def test_consult_with_an_open_case_offers_to_add_or_open_another(bot: BotHarness) -> None:
    await complete_intake(bot, bot.parent)
    [offer] = await bot.chat.send(bot.parent, "/consult")
    assert "2026-0001" in offer.text
    [hint] = to(bot.parent, await _press(bot, offer, "기존 상담에 더하기"))
    assert "2026-0001" in hint.text
    [offer] = await bot.chat.send(bot.parent, "/consult")
    [consent] = to(bot.parent, await _press(bot, offer, "새로 신청"))
    assert "개인정보" in consent.text


async def _press(bot: BotHarness, message: BotMessage, label: str) -> list[BotMessage]:
    replies = await bot.chat.press(bot.parent, message.message_id, message.button(label))
    return [m for m in replies if not m.is_markup_edit]


# ---- everyone told --------------------------------------------------------------------------


async def test_parent_erasing_an_open_case_tells_the_attorney(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    [confirm] = await bot.chat.send(bot.parent, "/delete")
    [done] = await bot.chat.press(bot.parent, confirm.message_id, "del:yes")
    assert "담당자에게도 알렸어요" in done.text
    delivered = await bot.deliver()
    [notice] = [m for m in delivered if not m.is_edit]
    [card] = [m for m in delivered if m.is_edit]
    assert card.chat_id == TEAM_CHAT_ID
    assert "개인정보를 지웠어요" in card.text
    assert notice.chat_id == attorney.chat_id
    assert "2026-0001" in notice.text
    assert "지웠어요" in notice.text


async def test_release_tells_the_parent_in_plain_words(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    await bot.chat.send(attorney, "/release 2026-0001")
    sent = await bot.deliver()
    to_parent = [m for m in sent if m.chat_id == bot.parent.chat_id]
    assert len(to_parent) == 1
    assert "다른 노무사가 맡는 대로" in to_parent[0].text
    assert any(m.chat_id == TEAM_CHAT_ID for m in sent)  # the card is back in the queue


async def test_reply_to_a_closed_case_says_so(bot: BotHarness) -> None:
    attorney, _ = await claimed_case(bot)
    await bot.chat.send(attorney, "/close 2026-0001 해결")
    replies = to(attorney, await bot.chat.send(attorney, "/reply 2026-0001 잘 마무리되셨나요?"))
    assert any("종결된 상담" in m.text for m in replies)


async def test_message_the_attorneys_chat_refuses_goes_to_the_team_chat(
    bot: BotHarness,
) -> None:
    attorney, _ = await claimed_case(bot)
    bot.api.unreachable_chats.add(attorney.chat_id)  # never wrote to the bot privately
    [ack] = await bot.chat.send(bot.parent, "면담 때 녹음해도 되나요? 제 번호는 010-9876-5432")
    assert "담당 노무사에게 전달했어요" in ack.text
    sent = await bot.deliver()
    [fallback] = [m for m in sent if m.chat_id == TEAM_CHAT_ID]
    assert "보내지 못했어요" in fallback.text
    assert "/reply 2026-0001" in fallback.text
    assert "녹음해도" in fallback.text
    assert "010-9876-5432" not in fallback.text  # masked in the group
    assert await bot.deliver() == []  # once
