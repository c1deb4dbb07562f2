"""Photos and files a parent sends for their case; staff get them back by file id."""

from __future__ import annotations

from html import escape

from telegram import CallbackQuery, Update
from telegram.error import TelegramError

from bot import texts
from bot.account.documents import MAX_BYTES, MAX_PER_CASE, DocumentMeta
from bot.vocabulary import DocumentKind
from handlers import common
from handlers.access import case_button
from handlers.context import CounselContext
from storage.models import Case, Staff

_REFUSALS = {
    "too_big": texts.DOCUMENT_TOO_BIG.format(limit=MAX_BYTES // (1024 * 1024)),
    "bad_type": texts.DOCUMENT_BAD_TYPE,
    "too_many": texts.DOCUMENT_TOO_MANY.format(limit=MAX_PER_CASE),
    "no_case": texts.DOCUMENT_NO_CASE,
}


def _meta(update: Update) -> DocumentMeta | None:
    message = update.effective_message
    if message is None:
        return None
    if message.photo:
        photo = message.photo[-1]  # the largest size
        return DocumentMeta(
            photo.file_id, photo.file_unique_id, DocumentKind.PHOTO, file_size=photo.file_size
        )
    if message.document:
        doc = message.document
        return DocumentMeta(
            doc.file_id,
            doc.file_unique_id,
            DocumentKind.DOCUMENT,
            doc.file_name,
            doc.mime_type,
            doc.file_size,
        )
    return None


async def on_private_media(update: Update, context: CounselContext) -> None:
    """A photo or file: attach it to the intake or the open case; anything else is refused."""
    meta = _meta(update)
    message, user = update.effective_message, update.effective_user
    if meta is None or message is None or user is None:
        await common.on_unsupported_message(update, context)
        return
    async with context.uow() as uow:
        result = await context.services.documents.attach(uow, telegram_id=user.id, meta=meta)
    if result.outcome == "case":
        await message.reply_text(texts.DOCUMENT_SAVED.format(number=result.case_number))
    elif result.outcome == "draft":
        await message.reply_text(texts.DOCUMENT_SAVED_DRAFT)
    else:
        await message.reply_text(_REFUSALS[result.outcome])


@case_button()
async def on_documents_button(
    query: CallbackQuery, context: CounselContext, actor: Staff, case: Case, _rest: list[str]
) -> None:
    """The case's assignee or an admin: its files, sent to their private chat."""
    async with context.uow() as uow:
        documents = await context.services.cases.documents(uow, case, actor)
    if not documents:
        await query.answer(texts.DOCUMENTS_NONE, show_alert=True)
        return
    await query.answer()
    for document in documents:
        caption = f"{case.number} · {escape(document.file_name or document.kind)}"
        try:
            if document.kind == DocumentKind.PHOTO:
                await context.bot.send_photo(actor.telegram_id, document.file_id, caption=caption)
            else:
                await context.bot.send_document(
                    actor.telegram_id, document.file_id, caption=caption
                )
        except TelegramError:
            await context.bot.send_message(actor.telegram_id, caption + " (보낼 수 없는 파일)")
