"""Typed text in a private chat: `bot.routing` decides what it is for; this carries it out."""

from __future__ import annotations

from dataclasses import replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import texts
from bot.routing import Route, Situation, Verdict, route
from handlers import calc, callbacks, faq, intake, relay, render, satisfaction
from handlers.common import TEXT_LIMIT
from handlers.context import CounselContext
from handlers.reply import markup_message, reply_message


async def on_private_text(update: Update, context: CounselContext) -> None:
    """A parent's (or a staff member's) typed message, wherever it belongs."""
    message = update.effective_message
    user = update.effective_user
    if message is None or message.text is None or user is None:
        return
    if len(message.text) > TEXT_LIMIT:
        await message.reply_text(texts.TOO_LONG.format(limit=TEXT_LIMIT))
        return
    services = context.services
    staff_reply = await relay.staff_reply(update, context)
    async with context.uow(savepoint=False) as uow:
        activity = await services.account.activity(uow, telegram_id=user.id)
        in_intake = activity.is_in_intake and await services.intake.is_taking_answers(
            uow, telegram_id=user.id
        )
    is_crisis = staff_reply is None and services.faq.is_crisis(message.text)
    has_case = activity.open_case_id is not None
    situation = Situation(
        is_crisis=is_crisis,
        is_staff_reply=staff_reply is not None,
        is_calculating=activity.is_calculating,
        is_in_intake=in_intake,
        has_open_case=has_case,
        is_clear_faq_question=has_case
        and not is_crisis
        and services.faq.is_clear_question(message.text),
        is_awaiting_comment=activity.is_awaiting_comment,
    )
    verdict = route(situation)
    if verdict.shows_crisis_help:
        async with context.uow(savepoint=False) as uow:
            await services.faq.record_crisis(uow=uow)
            if situation.is_awaiting_comment:  # never a comment, nor the next message
                await services.satisfaction.cancel_pending(uow, telegram_id=user.id)
        help_text = render.crisis(services.faq.crisis_message, services.faq.center)
        if verdict.route is Route.CONNECT:  # nobody holds a request yet: offer one tap
            await message.reply_text(
                f"{help_text}\n\n{texts.CRISIS_CONNECT_OFFER}", reply_markup=connect_keyboard()
            )
            return
        await message.reply_text(help_text)
    while (declined := await _carry_out(update, context, verdict, staff_reply)) is not None:
        # The calculator or intake did not take the text, or the case closed meanwhile.
        situation = replace(situation, **{declined: False})
        verdict = route(situation)


async def _carry_out(
    update: Update, context: CounselContext, verdict: Verdict, staff_reply: relay.StaffReply | None
) -> str | None:
    """Do what the verdict says; the Situation field that turned out false, if it could not."""
    text = (update.effective_message.text if update.effective_message else None) or ""
    match verdict.route:
        case Route.STAFF_REPLY if staff_reply is not None:
            await relay.send_staff_reply(update, context, staff_reply)
        case Route.COMMENT:
            if not await satisfaction.take_comment(update, context):
                return "is_awaiting_comment"
        case Route.CALCULATOR:
            if not await calc.try_calc_text(update, context):
                return "is_calculating"
        case Route.INTAKE:
            if not await intake.answer_text(update, context, is_crisis=verdict.shows_crisis_help):
                return "is_in_intake"
        case Route.CASE:
            attached = await relay.attach_to_case(update, context, is_urgent=verdict.is_urgent)
            if attached is None:
                return "has_open_case"
            await relay.acknowledge(update, context, attached, is_urgent=verdict.is_urgent)
        case Route.FAQ_BESIDE_CASE:
            await faq.answer_question(update, context, text)
            attached = await relay.attach_to_case(update, context, is_held=True)
            if attached is not None:
                await relay.offer_forward(update, attached)
        case _:
            await faq.answer_question(update, context, text)
    return None


def connect_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.CRISIS_CONNECT_BUTTON, callback_data=callbacks.CRISIS_CONNECT
                )
            ]
        ]
    )


async def on_forward_button(update: Update, context: CounselContext) -> None:
    """ "노무사에게도 전달": the question the bot answered goes to the case's reader too."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_user is None:
        return
    async with context.uow() as uow:
        attached = await context.services.cases.pass_on_held(
            uow, telegram_id=update.effective_user.id, relay_id=callbacks.parse_relay(query.data)
        )
    if attached is None:
        await query.answer(texts.FORWARD_GONE, show_alert=True)
        return
    await query.answer()
    reply_time = render.reply_time(context.services.faq.center)
    done = texts.FORWARD_DONE.format(reply_time=reply_time)
    if markup_message(update) is not None:
        await query.edit_message_text(done)
    elif (message := reply_message(update)) is not None:
        await message.reply_text(done)


async def on_ask_bot_button(update: Update, context: CounselContext) -> None:
    """ "봇에게 물어보기": a message sent to the case is answered from the FAQ as well."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_user is None:
        return
    async with context.uow() as uow:
        text = await context.services.cases.parent_text(
            uow, telegram_id=update.effective_user.id, relay_id=callbacks.parse_relay(query.data)
        )
    if text is None:
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    await query.answer()
    if markup_message(update) is not None:
        await query.edit_message_reply_markup(reply_markup=None)
    await faq.answer_question(update, context, text)


async def on_connect_button(update: Update, context: CounselContext) -> None:
    """ "센터와 바로 연결" under crisis help: an urgent request with the fewest questions."""
    query = update.callback_query
    if query is None or update.effective_user is None:
        return
    await query.answer()
    await intake.start_intake(update, context, crisis_connect=True)
