"""Consultation intake, /status and /delete for parents."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import texts
from bot.intake.service import IntakeView
from handlers import calc, callbacks, faq, relay, render
from handlers.common import TEXT_LIMIT
from handlers.context import CounselContext
from handlers.reply import markup_message, reply_message


def _keyboard(view: IntakeView) -> InlineKeyboardMarkup | None:
    if view.prompt is None or not view.prompt.choices:
        return None
    step = view.prompt.step
    buttons = [
        InlineKeyboardButton(c.label, callback_data=callbacks.intake(step, c.value))
        for c in view.prompt.choices
    ]
    per_row = (
        1
        if step
        in ("consent", "consent_sensitive", "status", "leave_refused", "key_date", "confirm")
        else 2
    )
    return InlineKeyboardMarkup(
        [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]
    )


async def show(update: Update, context: CounselContext, view: IntakeView) -> None:
    """Render an intake view: crisis help first, then any notice, then the question."""
    message = reply_message(update)
    if message is None:
        return
    center = context.services.faq.center
    if view.crisis_message:
        await message.reply_text(render.crisis(view.crisis_message, center))
    if view.kind == "refused":
        await message.reply_text(
            texts.INTAKE_CONSENT_REFUSED.format(contacts=render.center_contacts(center))
        )
        return
    if view.kind == "cancelled":
        await message.reply_text(texts.INTAKE_CANCELLED)
        return
    if view.kind == "submitted":
        reply_time = center.reply_time if center else "영업일 기준 1일 이내에"
        await message.reply_text(
            texts.INTAKE_SUBMITTED.format(
                number=view.case_number,
                reply_time=escape(_with_particle(reply_time)),
                urgent=texts.INTAKE_SUBMITTED_URGENT if view.is_urgent else "",
                contacts=render.center_contacts(center),
            )
        )
        return
    if view.prompt is None:
        return
    text = view.prompt.text
    if view.notice:
        text = f"{escape(view.notice)}\n\n{text}"
    if view.prompt.step not in ("consent", "confirm"):
        text += texts.INTAKE_STEP_HINT
    await message.reply_text(text, reply_markup=_keyboard(view))


def _with_particle(reply_time: str) -> str:
    return reply_time if reply_time.endswith("에") else f"{reply_time}에"


async def cmd_consult(update: Update, context: CounselContext) -> None:
    """Start (or resume) a consultation request."""
    query = update.callback_query
    if query is not None:
        await query.answer()
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or chat.type != "private":
        return
    services = context.services
    async with context.uow() as uow:
        await services.calc.cancel(uow, telegram_id=user.id)
        view = await services.intake.start(uow, telegram_id=user.id)
    await show(update, context, view)


async def on_intake_button(update: Update, context: CounselContext) -> None:
    """A choice in the intake."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_user is None:
        return
    step, value = callbacks.parse_intake(query.data)
    services = context.services
    async with context.uow() as uow:
        view = await services.intake.answer_choice(
            uow, telegram_id=update.effective_user.id, step=step, value=value
        )
    if view is None:
        await query.answer(texts.INTAKE_NOTHING_TO_GO_BACK, show_alert=True)
        return
    await query.answer()
    shown = markup_message(update)
    if shown is not None and shown.reply_markup is not None:
        await query.edit_message_reply_markup(reply_markup=None)
    await show(update, context, view)


async def on_private_text(update: Update, context: CounselContext) -> None:
    """Typed text: an intake answer when one is in progress, otherwise an FAQ question."""
    message = update.effective_message
    user = update.effective_user
    if message is None or message.text is None or user is None:
        return
    if len(message.text) > TEXT_LIMIT:
        await message.reply_text(texts.TOO_LONG.format(limit=TEXT_LIMIT))
        return
    services = context.services
    async with context.uow() as uow:
        known = await uow.users.ensure(telegram_id=user.id, now=services.clock.now())
        activity = await uow.users.activity(user_id=known.id, now=services.clock.now())
    # A calculation first: it only exists while the parent is in it.
    if activity.is_calculating and await calc.try_calc_text(update, context):
        return
    if activity.is_in_intake:
        async with context.uow() as uow:
            view = await services.intake.answer_text(uow, telegram_id=user.id, text=message.text)
        if view is not None:
            await show(update, context, view)
            return
    if await relay.try_staff_reply(update, context):
        return
    if activity.has_assigned_case and await relay.try_parent_relay(update, context):
        return
    await faq.on_text(update, context)


async def cmd_back(update: Update, context: CounselContext) -> None:
    """Go back one intake question."""
    if update.effective_user is None or update.effective_message is None:
        return
    services = context.services
    async with context.uow() as uow:
        view = await services.intake.back(uow, telegram_id=update.effective_user.id)
    if view is None:
        await update.effective_message.reply_text(texts.INTAKE_NOTHING_TO_GO_BACK)
        return
    await show(update, context, view)


async def cmd_cancel(update: Update, context: CounselContext) -> None:
    """Leave the calculator, or else the intake (discarding the draft)."""
    if update.effective_user is None or update.effective_message is None:
        return
    if await calc.try_calc_cancel(update, context):
        return
    async with context.uow() as uow:
        cancelled = await context.services.intake.cancel(uow, telegram_id=update.effective_user.id)
    await update.effective_message.reply_text(
        texts.INTAKE_CANCELLED if cancelled else texts.INTAKE_NOTHING_TO_CANCEL
    )


async def cmd_status(update: Update, context: CounselContext) -> None:
    """The parent's cases and their stage in plain words."""
    if update.effective_user is None or update.effective_message is None:
        return
    services = context.services
    async with context.uow() as uow:
        cases = await services.account.cases(uow, telegram_id=update.effective_user.id)
    if not cases:
        await update.effective_message.reply_text(texts.STATUS_NONE)
        return
    titles = {g.id: g.title for g in services.faq.groups()}
    tz = services.settings.tz
    lines = [texts.STATUS_HEADER] + [
        texts.STATUS_LINE.format(
            number=c.number,
            created=c.created_at.astimezone(tz).strftime("%Y.%m.%d"),
            topic=escape(titles.get(c.topic, texts.OTHER_TOPIC)),
            stage=texts.STAGE_NAMES.get(c.stage, c.stage),
        )
        for c in cases
    ]
    await update.effective_message.reply_text("\n".join(lines))


async def cmd_delete(update: Update, _context: CounselContext) -> None:
    """Ask for confirmation before erasing the parent's data."""
    if update.effective_message is None:
        return
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.DELETE_YES, callback_data=callbacks.DELETE_YES),
                InlineKeyboardButton(texts.DELETE_NO, callback_data=callbacks.DELETE_NO),
            ]
        ]
    )
    await update.effective_message.reply_text(texts.DELETE_CONFIRM, reply_markup=markup)


async def on_delete_button(update: Update, context: CounselContext) -> None:
    """Erase (or keep) after the confirmation button."""
    query = update.callback_query
    if query is None or update.effective_user is None:
        return
    await query.answer()
    if query.data == callbacks.DELETE_YES:
        async with context.uow() as uow:
            await context.services.account.erase(uow, telegram_id=update.effective_user.id)
        text = texts.DELETE_DONE
    else:
        text = texts.DELETE_KEPT
    await query.edit_message_text(text)
