"""One unit of work per update: a refused core call undoes only its own writes."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, CommandHandler

from bot import texts
from bot.cases.service import CaseError
from handlers import transaction
from handlers.context import CounselContext
from storage.models import Staff
from tests.harness import ADMIN_ID, BotHarness

WRITTEN_BEFORE_REFUSAL = 7001
WRITTEN_AFTER_REFUSAL = 7002


async def _refused_after_writing(update: Update, context: CounselContext) -> None:
    """Writes, then a core call refuses in the same block; the handler replies and goes on."""
    services = context.services
    message = update.effective_message
    assert message is not None
    try:
        async with context.uow() as uow:
            await uow.staff.upsert(
                telegram_id=WRITTEN_BEFORE_REFUSAL, role="attorney", now=services.clock.now()
            )
            await services.cases.resolve(uow, "2026-9999")  # no such case: CaseError
    except CaseError as exc:
        await message.reply_text(exc.message)
    async with context.uow() as uow:
        await uow.staff.upsert(
            telegram_id=WRITTEN_AFTER_REFUSAL, role="attorney", now=services.clock.now()
        )
    raise ApplicationHandlerStop


async def _failed_after_writing(update: Update, context: CounselContext) -> None:
    """Writes, then fails unexpectedly: the error handler rolls the whole update back."""
    async with context.uow() as uow:
        await uow.staff.upsert(
            telegram_id=WRITTEN_BEFORE_REFUSAL, role="attorney", now=context.services.clock.now()
        )
    raise RuntimeError("boom")


async def _answered_then_failed(update: Update, _context: CounselContext) -> None:
    """Answers the button press, then fails (a later Bot API call did, say)."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    raise RuntimeError("the next question could not be sent")


async def _unflushed_duplicate(update: Update, context: CounselContext) -> None:
    """Leaves a change that only the commit finds invalid (an existing staff id)."""
    update_transaction = transaction.current()
    assert update_transaction is not None
    now = context.services.clock.now()
    update_transaction.uow.session.add(Staff(telegram_id=ADMIN_ID, role="admin", created_at=now))
    raise ApplicationHandlerStop


async def _staff_ids(bot: BotHarness) -> set[int]:
    async with bot.database.uow() as uow:
        return {m.telegram_id for m in await uow.staff.list_active()}


async def test_caught_case_error_does_not_commit_the_blocks_writes(
    bot: BotHarness,
) -> None:
    bot.chat.app.add_handler(CommandHandler("probe", _refused_after_writing), group=-1)
    [reply] = await bot.chat.send(bot.parent, "/probe", update_id=41)
    assert reply.text == texts.CASE_NOT_FOUND
    staff = await _staff_ids(bot)
    assert WRITTEN_BEFORE_REFUSAL not in staff  # the refused block's write is undone
    assert WRITTEN_AFTER_REFUSAL in staff  # the rest of the update is committed
    async with bot.database.uow() as uow:
        assert await uow.updates.max_update_id() == 41
        assert await uow.users.get_by_telegram_id(telegram_id=bot.parent.user_id) is not None
        recorded = await uow.sent.since(chat_id=bot.parent.chat_id, since=bot.clock.now())
    assert reply.message_id in recorded  # the reply is remembered for /clear
    assert transaction.current() is None  # nothing leaks out of the update


async def test_unexpected_error_rolls_back_the_update_and_apologises(
    bot: BotHarness,
) -> None:
    bot.chat.app.add_handler(CommandHandler("probe", _failed_after_writing), group=-1)
    [apology] = await bot.chat.send(bot.parent, "/probe", update_id=42)
    assert apology.text == texts.ERROR_GENERIC
    assert WRITTEN_BEFORE_REFUSAL not in await _staff_ids(bot)
    async with bot.database.uow() as uow:
        assert await uow.updates.max_update_id() == 0  # may be delivered again
    [again] = await bot.chat.send(bot.parent, "/help", update_id=43)
    assert "/consult" in again.text  # the next update is served normally


async def test_failure_after_a_button_was_answered_apologises_in_the_chat(
    bot: BotHarness,
) -> None:
    """A query takes one answer: the apology comes as a message, not as a second answer."""
    bot.chat.app.add_handler(CallbackQueryHandler(_answered_then_failed, pattern="^probe$"), -1)
    [menu] = await bot.chat.send(bot.parent, "/help", update_id=46)
    [apology] = await bot.chat.press(bot.parent, menu.message_id, "probe")
    assert apology.text == texts.ERROR_GENERIC
    assert apology.chat_id == bot.parent.chat_id


async def test_failed_commit_apologises_and_the_next_update_is_served(
    bot: BotHarness,
) -> None:
    bot.chat.app.add_handler(CommandHandler("probe", _unflushed_duplicate), group=-1)
    [apology] = await bot.chat.send(bot.parent, "/probe", update_id=44)
    assert apology.text == texts.ERROR_GENERIC
    async with bot.database.uow() as uow:
        assert await uow.updates.max_update_id() == 0  # may be delivered again
    [again] = await bot.chat.send(bot.parent, "/help", update_id=45)
    assert "/consult" in again.text


async def test_outside_an_update_context_uow_commits_on_its_own(bot: BotHarness) -> None:
    """Jobs and start-up code get their own unit of work."""
    context = CounselContext(bot.chat.app)
    assert transaction.current() is None
    async with context.uow() as uow:
        await uow.staff.upsert(
            telegram_id=WRITTEN_AFTER_REFUSAL, role="attorney", now=bot.clock.now()
        )
    assert WRITTEN_AFTER_REFUSAL in await _staff_ids(bot)
