"""Consultation intake, /status and /delete for parents."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from html import escape
from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot import texts
from bot.account.confirmations import ERASE_DATA
from bot.account.service import CaseStatus
from bot.intake.service import IntakeEnding, IntakeView
from bot.korean import korean_date
from bot.vocabulary import Stage
from handlers import calc, callbacks, faq, render
from handlers import dialog as dialog_view
from handlers.context import CounselContext
from handlers.dialog import Layout
from handlers.reply import markup_message, reply_message

LAYOUT: Final = Layout(
    callback=callbacks.intake,
    per_row=2,
    wide_steps=frozenset(
        {"consent", "consent_sensitive", "status", "leave_refused", "key_date", "confirm"}
    ),
    hint=texts.INTAKE_STEP_HINT,
    plain_steps=frozenset({"consent", "confirm"}),
)


def _ending(
    update: Update, context: CounselContext
) -> Callable[[Message, IntakeEnding], Awaitable[None]]:
    async def show_ending(message: Message, ending: IntakeEnding) -> None:
        """Consent refused, the intake cancelled or paused for a question, or the case
        number and what happens next."""
        center = context.services.faq.center
        if ending.kind == "refused":
            await message.reply_text(
                texts.INTAKE_CONSENT_REFUSED.format(contacts=render.center_contacts(center))
            )
        elif ending.kind == "cancelled":
            await message.reply_text(texts.INTAKE_CANCELLED)
        elif ending.kind == "asked":
            await faq.answer_question(update, context, ending.question or "")
            await mention_paused(update, context, texts.INTAKE_ASKED_NOTE)
        else:
            await message.reply_text(
                texts.INTAKE_SUBMITTED.format(
                    number=ending.case_number,
                    reply_time=escape(render.reply_time(center)),
                    urgent=texts.INTAKE_SUBMITTED_URGENT if ending.is_urgent else "",
                    contacts=render.center_contacts(center),
                )
            )

    return show_ending


async def show(update: Update, context: CounselContext, view: IntakeView) -> None:
    """Render an intake view: crisis help first, then any notice, then the question."""
    await dialog_view.show(update, context, view, LAYOUT, _ending(update, context))


async def mention_paused(
    update: Update, context: CounselContext, notice: str | None = None
) -> None:
    """ "이어서 작성 / 그만두기" under whatever interrupted the intake."""
    message = reply_message(update)
    if message is None:
        return
    prompt = context.services.intake.paused_prompt()
    await message.reply_text(
        dialog_view.question(prompt, LAYOUT, notice),
        reply_markup=dialog_view.keyboard(prompt, LAYOUT),
    )


async def pause_for(update: Update, context: CounselContext) -> None:
    """After a command or the menu mid-intake: keep the draft and say so."""
    user = update.effective_user
    if user is None or update.effective_chat is None or update.effective_chat.type != "private":
        return
    async with context.uow() as uow:
        paused = await context.services.intake.pause(uow, telegram_id=user.id)
    if paused:
        await mention_paused(update, context)


async def cmd_consult(update: Update, context: CounselContext) -> None:
    """Start (or resume) a consultation request; with a case open, offer to add to it."""
    query = update.callback_query
    if query is not None:
        await query.answer()
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or chat.type != "private":
        return
    async with context.uow(savepoint=False) as uow:
        is_drafting = await context.services.intake.is_active(uow, telegram_id=user.id)
    open_case = None if is_drafting else await _open_case(context, user.id)
    message = reply_message(update)
    if open_case is not None and message is not None:
        await message.reply_text(
            texts.CONSULT_OPEN_CASE.format(
                number=open_case.number,
                stage=texts.STAGE_NAMES.get(open_case.stage, open_case.stage),
            ),
            reply_markup=InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(
                            texts.CONSULT_ADD_BUTTON, callback_data=callbacks.CONSULT_ADD
                        ),
                        InlineKeyboardButton(
                            texts.CONSULT_NEW_BUTTON, callback_data=callbacks.CONSULT_NEW
                        ),
                    ]
                ]
            ),
        )
        return
    await start_intake(update, context)


async def on_consult_choice(update: Update, context: CounselContext) -> None:
    """ "기존 상담에 더하기" or "새로 신청" after /consult with a case open."""
    query = update.callback_query
    if query is None or update.effective_user is None:
        return
    await query.answer()
    if markup_message(update) is not None:
        await query.edit_message_reply_markup(reply_markup=None)
    if query.data == callbacks.CONSULT_NEW:
        await start_intake(update, context)
        return
    open_case = await _open_case(context, update.effective_user.id)
    message = reply_message(update)
    if message is not None:
        await message.reply_text(
            texts.CONSULT_ADD_HINT.format(number=open_case.number)
            if open_case is not None
            else texts.FORWARD_GONE
        )


async def _open_case(context: CounselContext, telegram_id: int) -> CaseStatus | None:
    """The parent's open case (the most recent), if any."""
    async with context.uow(savepoint=False) as uow:
        cases = await context.services.account.cases(uow, telegram_id=telegram_id)
    return next((c for c in cases if c.stage != Stage.CLOSED), None)


async def start_intake(
    update: Update, context: CounselContext, *, crisis_connect: bool = False
) -> None:
    """Begin or resume the intake (a calculation in progress is left)."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or chat.type != "private":
        return
    services = context.services
    async with context.uow(savepoint=False) as uow:
        await services.calc.cancel(uow, telegram_id=user.id)
        view = await services.intake.start(uow, telegram_id=user.id, crisis_connect=crisis_connect)
    await show(update, context, view)


async def on_intake_button(update: Update, context: CounselContext) -> None:
    """A choice in the intake."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_user is None:
        return
    step, value = callbacks.parse_intake(query.data)
    services = context.services
    async with context.uow(savepoint=False) as uow:
        view = await services.intake.answer_choice(
            uow, telegram_id=update.effective_user.id, step=step, value=value
        )
    if view is None:
        await query.answer(texts.INTAKE_NOTHING_TO_GO_BACK, show_alert=True)
        return
    await query.answer()
    await dialog_view.drop_buttons(query)
    await show(update, context, view)


async def answer_text(update: Update, context: CounselContext, *, is_crisis: bool) -> bool:
    """Typed text as the answer to the intake's question; False when none is being asked.

    Crisis help was shown already: the view's own copy is dropped.
    """
    message = update.effective_message
    user = update.effective_user
    if message is None or message.text is None or user is None:
        return False
    async with context.uow(savepoint=False) as uow:
        view = await context.services.intake.answer_text(
            uow, telegram_id=user.id, text=message.text, is_crisis=is_crisis
        )
    if view is None:
        return False
    if is_crisis:
        view = replace(view, crisis_message=None)
    await show(update, context, view)
    return True


async def cmd_back(update: Update, context: CounselContext) -> None:
    """Go back one intake question."""
    if update.effective_user is None or update.effective_message is None:
        return
    services = context.services
    async with context.uow(savepoint=False) as uow:
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
