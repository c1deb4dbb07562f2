"""Who may call a staff command, checked against the staff table on every call.

`require_staff` is the one staff check; `case_command` and `case_button` add the case a
command or button names, and turn the core's refusals (`CaseError`) into replies.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from html import escape
from typing import Any

from telegram import CallbackQuery, Update
from telegram.constants import ChatType

from bot import texts
from bot.cases.service import CaseError
from handlers import callbacks
from handlers.context import CounselContext
from storage.models import Case, Staff

Handler = Callable[[Update, CounselContext], Coroutine[Any, Any, None]]
CaseCommand = Callable[[Update, CounselContext, Staff, Case, list[str]], Awaitable[None]]
CaseButton = Callable[[CallbackQuery, CounselContext, Staff, Case, list[str]], Awaitable[None]]


async def require_staff(
    update: Update, context: CounselContext, *, private: bool = True
) -> Staff | None:
    """The active staff member behind this update, in a private chat unless `private=False`.

    Anyone else is told politely and gets None.
    """
    user = update.effective_user
    staff = None
    if user is not None:
        async with context.uow() as uow:
            staff = await context.services.cases.staff_member(
                uow, telegram_id=user.id, display_name=user.full_name, username=user.username
            )
    if staff is None:
        await refuse(update, texts.STAFF_ONLY)
        return None
    chat = update.effective_chat
    if private and chat is not None and chat.type != ChatType.PRIVATE:
        await refuse(update, texts.STAFF_PRIVATE_ONLY)
        return None
    return staff


async def refuse(update: Update, text: str) -> None:
    """Tell the caller no: an alert on a button, a reply to a message."""
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)


async def say(update: Update, text: str) -> None:
    """Reply in the chat the update came from."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(text)


def case_command(usage: str, min_args: int) -> Callable[[CaseCommand], Handler]:
    """`/cmd N ...` for staff: hands the handler (actor, case, the remaining args).

    Too few arguments get the usage line; a `CaseError` from the lookup or the handler
    becomes the reply.
    """

    def decorate(handler: CaseCommand) -> Handler:
        @functools.wraps(handler)
        async def command(update: Update, context: CounselContext) -> None:
            actor = await require_staff(update, context)
            if actor is None:
                return
            args = list(context.args or [])
            if len(args) < min_args:
                await say(update, texts.USAGE.format(usage=escape(usage)))
                return
            try:
                async with context.uow() as uow:
                    case = await context.services.cases.resolve(uow, args[0])
                await handler(update, context, actor, case, args[1:])
            except CaseError as exc:
                await say(update, escape(exc.message))

        return command

    return decorate


def case_button(*, private: bool = True) -> Callable[[CaseButton], Handler]:
    """A staff button whose data names a case (`prefix:case_id[:more]`).

    The handler gets (query, actor, case, the parts after the case id); a `CaseError`
    becomes an alert.
    """

    def decorate(handler: CaseButton) -> Handler:
        @functools.wraps(handler)
        async def button(update: Update, context: CounselContext) -> None:
            query = update.callback_query
            if query is None or query.data is None:
                return
            actor = await require_staff(update, context, private=private)
            if actor is None:
                return
            case_id, rest = callbacks.parse_case(query.data)
            try:
                async with context.uow() as uow:
                    case = await context.services.cases.get(uow, case_id)
                await handler(query, context, actor, case, rest)
            except CaseError as exc:
                await query.answer(exc.message, show_alert=True)

        return button

    return decorate
