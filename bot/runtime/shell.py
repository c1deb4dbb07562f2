"""A terminal chat with the real application over the in-memory Bot API."""

from __future__ import annotations

import asyncio
import html
import re
import sys
from typing import TextIO

from bot.korean import josa
from bot.notify.sender import OutboxSender, SenderPolicy
from bot.runtime.local_chat import BotMessage, LocalChat, Person
from bot.runtime.memory_api import MemoryBotApi
from bot.services import Services

SHELL_PARENT_ID = 100001
SHELL_STAFF_ID = 900001
SHELL_TEAM_CHAT_ID = -1000000000001

INTRO = """\
직장맘 상담봇 로컬 채팅입니다. (Telegram 없이 이 컴퓨터에서 실제 봇과 대화해요)
  • 질문을 그냥 입력하세요. 예: 육아휴직 급여 얼마예요?
  • 버튼은 번호를 입력해 누릅니다.
  • /as staff 직원(봇과 개인 대화), /as team 직원(팀 채팅), /as parent 부모로 바꿉니다.
  • 팀 채팅에 온 알림도 [팀 채팅] 표시와 함께 보이고, 번호로 버튼을 누를 수 있어요. /quit 끝내기.
"""


def to_terminal(text: str) -> str:
    """Telegram HTML to plain terminal text."""
    text = re.sub(r'<a href="([^"]*)">(.*?)</a>', r"\2 (\1)", text)
    return html.unescape(re.sub(r"</?(b|i|u|s|code|pre|blockquote)>", "", text))


class Shell:
    def __init__(
        self,
        chat: LocalChat,
        *,
        parent: Person,
        staff: Person,
        out: TextIO,
        sender: OutboxSender,
        team_chat_id: int,
    ) -> None:
        self.chat = chat
        self.sender = sender
        self.parent = parent
        self.staff = staff
        self.team = Person(staff.user_id, team_chat_id, staff.first_name)
        self.person = parent
        self.out = out
        self.buttons: dict[int, tuple[int, int, str]] = {}  # number -> (chat, message, data)

    def show(self, messages: list[BotMessage]) -> None:
        numbered: dict[int, tuple[int, int, str]] = {}
        for message in messages:
            if message.is_markup_edit and not message.buttons:
                continue  # buttons removed after a press: nothing new to read
            where = (
                ""
                if message.chat_id == self.person.chat_id
                else f"[{'팀 채팅' if message.chat_id < 0 else f'대화 {message.chat_id}'}] "
            )
            mark = "(수정됨) " if message.is_edit else ""
            self.out.write(f"\n🤖 {where}{mark}{to_terminal(message.text)}\n")
            for row in message.buttons:
                labels = []
                for label, data in row:
                    number = len(numbered) + 1
                    numbered[number] = (message.chat_id, message.message_id, data)
                    labels.append(f"[{number}] {label}")
                self.out.write("   " + "   ".join(labels) + "\n")
        if numbered:
            self.buttons = numbered
        self.out.flush()

    async def handle(self, line: str) -> bool:
        """Process one input line; False means quit."""
        line = line.strip()
        if not line:
            return True
        if line in ("/quit", "/exit"):
            return False
        if line.startswith("/as "):
            role = line.split(maxsplit=1)[1].strip()
            personas = {
                "staff": (self.staff, "직원(개인 대화)"),
                "team": (self.team, "직원(팀 채팅)"),
            }
            self.person, who = personas.get(role, (self.parent, "부모"))
            self.out.write(f"→ 이제 {josa(who, '으로/로')} 말합니다.\n")
            return True
        if line.isdigit() and int(line) in self.buttons:
            chat_id, message_id, data = self.buttons[int(line)]
            person = (
                self.person
                if chat_id == self.person.chat_id
                else Person(self.person.user_id, chat_id)
            )
            start = len(self.chat.api.calls)
            await self.chat.press(person, message_id, data)
            for alert in self.chat.alerts(start):
                self.out.write(f"\n💬 {alert}\n")
            await self.sender.drain()
            self.show(self.chat.collect(start))
            return True
        start = len(self.chat.api.calls)
        await self.chat.send(self.person, line)
        await self.sender.drain()  # notifications the bot queued meanwhile
        self.show(self.chat.collect(start))
        return True


async def run_shell(
    services: Services,
    *,
    user_id: int | None,
    as_staff: bool,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
) -> int:
    from bot.runtime.app import build_application, on_startup
    from handlers.cards import TeamCards
    from handlers.messenger import TelegramMessenger

    settings = services.settings
    api = MemoryBotApi()
    app = build_application(services, request=api)
    team_chat = settings.team_chat_id or SHELL_TEAM_CHAT_ID
    staff_id = min(settings.admin_user_ids) if settings.admin_user_ids else SHELL_STAFF_ID
    async with services.database.uow() as uow:
        if not settings.admin_user_ids and settings.is_sqlite:
            # A local demo database: let the shell's staff persona act as an admin.
            await uow.staff.ensure_admins(telegram_ids=[staff_id], now=services.clock.now())
        first_update_id = await uow.updates.max_update_id() + 1
    parent = Person(user_id or SHELL_PARENT_ID, user_id or SHELL_PARENT_ID, "부모")
    staff = Person(staff_id, staff_id, "직원")
    interactive = stdin.isatty()
    async with app:
        await on_startup(app)
        sender = OutboxSender(
            services.database,
            services.clock,
            TelegramMessenger(app.bot),
            SenderPolicy(team_chat_id=team_chat),
            cards=TeamCards(),
        )
        shell = Shell(
            LocalChat(app, api, first_update_id),
            parent=parent,
            staff=staff,
            out=out,
            sender=sender,
            team_chat_id=team_chat,
        )
        if as_staff:
            shell.person = staff
        if interactive:
            out.write(INTRO)
            shell.show(await shell.chat.send(shell.person, "/start"))
        while True:
            if interactive:
                out.write("\n나> ")
                out.flush()
            line = await asyncio.to_thread(stdin.readline)
            if not line or not await shell.handle(line):
                break
    return 0
