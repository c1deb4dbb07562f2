"""Consultation intake, /status and /delete for parents."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from html import escape
from typing import Final

from telegram import Message, Update

from bot import texts
from bot.account.confirmations import ERASE_DATA
from bot.intake.service import IntakeEnding, IntakeView
from bot.korean import korean_date
from handlers import calc, callbacks, faq, relay, render
from handlers import dialog as dialog_view
from handlers.common import TEXT_LIMIT
from handlers.context import CounselContext
from handlers.dialog import Layout

LAYOUT: Final = Layout(
    callback=callbacks.intake,
    per_row=2,
    wide_steps=frozenset(
        {"consent", "consent_sensitive", "status", "leave_refused", "key_date", "confirm"}
    ),
    hint=texts.INTAKE_STEP_HINT,
    plain_steps=frozenset({"consent", "confirm"}),
)


def _ending(context: CounselContext) -> Callable[[Message, IntakeEnding], Awaitable[None]]:
    async def show_ending(message: Message, ending: IntakeEnding) -> None:
        """Consent refused, the intake cancelled, or the case number and what happens next."""
        center = context.services.faq.center
        if ending.kind == "refused":
            await message.reply_text(
                texts.INTAKE_CONSENT_REFUSED.format(contacts=render.center_contacts(center))
            )
        elif ending.kind == "cancelled":
            await message.reply_text(texts.INTAKE_CANCELLED)
        else:
            reply_time = center.reply_time if center else "영업일 기준 1일 이내에"
            await message.reply_text(
                texts.INTAKE_SUBMITTED.format(
                    number=ending.case_number,
                    reply_time=escape(_with_particle(reply_time)),
                    urgent=texts.INTAKE_SUBMITTED_URGENT if ending.is_urgent else "",
                    contacts=render.center_contacts(center),
                )
            )

    return show_ending


async def show(update: Update, context: CounselContext, view: IntakeView) -> None:
    """Render an intake view: crisis help first, then any notice, then the question."""
    await dialog_view.show(update, context, view, LAYOUT, _ending(context))


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
    await dialog_view.drop_buttons(query)
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
        activity = await services.account.activity(uow, telegram_id=user.id)
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
            created=korean_date(c.created_at.astimezone(tz).date()),
            topic=escape(titles.get(c.topic, texts.OTHER_TOPIC)),
            stage=texts.STAGE_NAMES.get(c.stage, c.stage),
        )
        for c in cases
    ]
    await update.effective_message.reply_text("\n".join(lines))


DELETE_LAYOUT: Final = dialog_view.confirm_layout(callbacks.DELETE_YES, callbacks.DELETE_NO)


async def cmd_delete(update: Update, _context: CounselContext) -> None:
    """Ask for confirmation before erasing the parent's data."""
    await dialog_view.ask(update, ERASE_DATA, DELETE_LAYOUT)


async def on_delete_button(update: Update, context: CounselContext) -> None:
    """Erase (or keep) after the confirmation button."""
    query = update.callback_query
    if query is None or update.effective_user is None:
        return
    await query.answer()
    if dialog_view.is_confirmed(ERASE_DATA, query.data):
        async with context.uow() as uow:
            await context.services.account.erase(uow, telegram_id=update.effective_user.id)
        text = texts.DELETE_DONE
    else:
        text = texts.DELETE_KEPT
    await query.edit_message_text(text)
