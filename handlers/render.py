"""Turn core results into Telegram HTML text and inline keyboards."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.knowledge.models import Center, FaqEntry, Group
from handlers import callbacks

MESSAGE_LIMIT = 4096
BUTTON_TEXT_LIMIT = 40
#: Buttons on one screen of a menu, navigation included.
SCREEN_BUTTONS = 8


def short(text: str, limit: int = BUTTON_TEXT_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def faq_short(entry: FaqEntry) -> str:
    """The first message of an answer: the question and the direct answer (first paragraph)."""
    return f"<b>{escape(entry.question)}</b>\n\n{escape(entry.short_answer)}"


def faq_answer(entry: FaqEntry) -> str:
    """The entry as HTML, always within Telegram's message limit."""
    head = f"<b>{escape(entry.question)}</b>\n\n"
    tail_parts = []
    if entry.legal_basis:
        basis = "\n".join(f"• {escape(b)}" for b in entry.legal_basis)
        tail_parts.append(f"<b>{texts.FAQ_LEGAL_BASIS}</b>\n{basis}")
    if entry.links:
        links = "\n".join(
            f'• <a href="{escape(link.url, quote=True)}">{escape(link.title)}</a>'
            for link in entry.links
        )
        tail_parts.append(f"<b>{texts.FAQ_LINKS}</b>\n{links}")
    tail = ("\n\n" + "\n\n".join(tail_parts)) if tail_parts else ""
    body = escape(entry.answer.strip())
    room = MESSAGE_LIMIT - len(head) - len(tail)
    if len(body) > room:
        body = body[: max(room - 1, 0)].rsplit("\n", 1)[0] + "…"
    return head + body + tail


def answer_keyboard(
    entry: FaqEntry, related: list[FaqEntry], *, details: bool = True
) -> InlineKeyboardMarkup:
    """Buttons under an answer; `details` adds "자세히 보기" when the answer goes on."""
    rows = []
    if details and entry.has_details:
        rows.append(
            [InlineKeyboardButton(texts.BUTTON_MORE, callback_data=callbacks.more(entry.id))]
        )
    rows += [
        [InlineKeyboardButton(short("🔎 " + r.button_label), callback_data=callbacks.entry(r.id))]
        for r in related[:3]
    ]
    rows.append(
        [
            InlineKeyboardButton(
                texts.BUTTON_HELPFUL, callback_data=callbacks.feedback(entry.id, is_helpful=True)
            ),
            InlineKeyboardButton(
                texts.BUTTON_NOT_HELPFUL,
                callback_data=callbacks.feedback(entry.id, is_helpful=False),
            ),
        ]
    )
    rows.append([InlineKeyboardButton(texts.BUTTON_CONSULT, callback_data=callbacks.CONSULT)])
    return InlineKeyboardMarkup(rows)


def suggestions_keyboard(entries: list[FaqEntry]) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(short(e.button_label), callback_data=callbacks.entry(e.id))]
        for e in entries[:3]
    ]
    rows.append([InlineKeyboardButton(texts.BUTTON_CONSULT, callback_data=callbacks.CONSULT)])
    return InlineKeyboardMarkup(rows)


def consult_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(texts.BUTTON_CONSULT, callback_data=callbacks.CONSULT)],
            [InlineKeyboardButton(texts.BUTTON_MENU, callback_data=callbacks.MENU)],
        ]
    )


def menu_keyboard(groups: list[Group]) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(g.title, callback_data=callbacks.group(g.id)) for g in groups]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([InlineKeyboardButton(texts.BUTTON_CONSULT, callback_data=callbacks.CONSULT)])
    return InlineKeyboardMarkup(rows)


def pages(count: int, screen: int = SCREEN_BUTTONS) -> list[range]:
    """Split `count` questions into screens of at most `screen` buttons, counting the
    "back to topics" button and the previous/next buttons a screen needs."""
    result: list[range] = []
    start = 0
    while start < count or not result:
        room = screen - 1 - (1 if result else 0)  # back button, and "previous" after page 1
        if count - start > room:
            room -= 1  # this screen also needs "next"
        result.append(range(start, min(count, start + room)))
        start += room
    return result


def group_keyboard(
    entries: list[FaqEntry], group_id: str = "", page: int = 0
) -> InlineKeyboardMarkup:
    """One screen of a topic's questions with previous/next buttons when there are more."""
    screens = pages(len(entries))
    page = min(max(page, 0), len(screens) - 1)
    rows = [
        [
            InlineKeyboardButton(
                short(entries[i].button_label), callback_data=callbacks.entry(entries[i].id)
            )
        ]
        for i in screens[page]
    ]
    nav = []
    if page > 0:
        nav.append(
            InlineKeyboardButton(
                texts.BUTTON_PREVIOUS, callback_data=callbacks.group(group_id, page - 1)
            )
        )
    if page < len(screens) - 1:
        nav.append(
            InlineKeyboardButton(
                texts.BUTTON_NEXT, callback_data=callbacks.group(group_id, page + 1)
            )
        )
    if nav:
        rows.append(nav)
    rows.append([InlineKeyboardButton(texts.BUTTON_BACK_TO_MENU, callback_data=callbacks.MENU)])
    return InlineKeyboardMarkup(rows)


def center_contacts(center: Center | None) -> str:
    if center is None:
        return texts.CENTER_CONTACTS_UNKNOWN
    phones = "\n".join(f"☎ {escape(p.team)}: {escape(p.number)}" for p in center.phones)
    lines = [
        f"<b>{escape(center.name)}</b>",
        phones,
        f"🕘 {escape(center.hours)}",
        f"📍 {escape(center.address)}",
        escape(center.website),
    ]
    if center.notice:
        lines.append(f"<i>{escape(center.notice)}</i>")
    return "\n".join(line for line in lines if line)


def reply_time(center: Center | None) -> str:
    """When the center answers, ready to be followed by a verb ("…에 답을 드릴게요")."""
    text = center.reply_time if center else "영업일 기준 1일 이내에"
    return text if text.endswith("에") else f"{text}에"


def crisis(message: str, center: Center | None) -> str:
    return f"{escape(message.strip())}\n\n{center_contacts(center)}"
