"""The Bot API emulator answers PTB's own `telegram.Bot` the way Telegram does."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Conflict, EndPointNotFound, Forbidden
from telegram.request import HTTPXRequest

from tests.e2e.processes import TOKEN, EmulatorProcess

PARENT_ID = 5551001
PARENT: dict[str, Any] = {"id": PARENT_ID, "first_name": "부모"}
GROUP_ID = -1001234567890


async def eventually(probe: Callable[[], Awaitable[Any]], accept: Callable[[Any], bool]) -> Any:
    """Poll `probe` until `accept` takes its value; fail after five seconds."""
    async with asyncio.timeout(5):
        while not accept(value := await probe()):  # noqa: ASYNC110 - state of another process
            await asyncio.sleep(0.02)
    return value


@pytest.fixture(scope="module")
def own_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorProcess]:
    """An emulator of its own: these tests poll it, and no bot process may compete."""
    process = EmulatorProcess(tmp_path_factory.mktemp("emulator"))
    yield process
    process.stop()


class Control:
    """The emulator's test-control API, plus raw Bot API calls for exact answers."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.AsyncClient(base_url=base_url, timeout=10)

    async def post(self, path: str, body: dict[str, Any]) -> Any:
        response = await self.http.post(f"/_test/{path}", json=body)
        payload = response.json()
        assert payload["ok"], payload
        return payload["result"]

    async def get(self, path: str) -> Any:
        return (await self.http.get(f"/_test/{path}")).json()["result"]

    async def polling(self) -> None:
        """Return once a long poll is waiting in the emulator."""
        await eventually(lambda: self.get("state"), lambda state: state["is_polling"])

    async def raw(self, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
        response = await self.http.post(f"/bot{TOKEN}/{method}", data=params)
        return response.status_code, response.json()

    async def say(
        self, text: str, user: dict[str, Any] = PARENT, chat_id: int | None = None
    ) -> dict[str, Any]:
        result: dict[str, Any] = await self.post(
            "messages", {"user": user, "text": text, "chat_id": chat_id}
        )
        return result


@pytest.fixture
async def control(own_emulator: EmulatorProcess) -> AsyncIterator[Control]:
    ctl = Control(own_emulator.url)
    await ctl.post("reset", {})
    yield ctl
    await ctl.http.aclose()


@pytest.fixture
async def bot(own_emulator: EmulatorProcess, control: Control) -> AsyncIterator[Bot]:
    """PTB's Bot on a freshly reset emulator."""
    request = HTTPXRequest(read_timeout=10)
    async with Bot(
        TOKEN,
        base_url=f"{own_emulator.url}/bot",
        request=request,
        get_updates_request=HTTPXRequest(read_timeout=10),
    ) as ptb_bot:
        yield ptb_bot


async def test_get_me_says_it_is_a_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.is_bot
    assert me.id == int(TOKEN.split(":")[0])
    assert me.username == bot.username


async def test_sent_message_has_date_in_seconds_and_the_real_chat_type(
    bot: Bot, control: Control
) -> None:
    await control.say("/start")
    await control.post("chats", {"id": GROUP_ID, "title": "법률지원팀"})
    private = await bot.send_message(PARENT_ID, "<b>안녕하세요</b>", parse_mode="HTML")
    group = await bot.send_message(GROUP_ID, "새 상담")
    assert abs(private.date.timestamp() - time.time()) < 5
    assert private.chat.type == "private"
    assert group.chat.type == "supergroup"
    assert private.text == "안녕하세요"
    assert private.entities[0].type == "bold"


async def test_edit_returns_the_message_and_refuses_an_identical_edit(
    bot: Bot, control: Control
) -> None:
    await control.say("/start")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("👍", callback_data="fb:x:1")]])
    sent = await bot.send_message(PARENT_ID, "질문", reply_markup=keyboard)
    edited = await bot.edit_message_text("답", PARENT_ID, sent.message_id, reply_markup=keyboard)
    assert isinstance(edited, Message)
    assert edited.text == "답"
    assert edited.edit_date is not None
    without = await bot.edit_message_reply_markup(PARENT_ID, sent.message_id)
    assert isinstance(without, Message)
    assert without.reply_markup is None
    status, body = await control.raw(
        "editMessageReplyMarkup", chat_id=PARENT_ID, message_id=sent.message_id
    )
    assert (status, body["description"]) == (
        400,
        "Bad Request: message is not modified: specified new message content and reply "
        "markup are exactly the same as a current content and reply markup of the message",
    )
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", PARENT_ID, 999)


async def test_callback_update_carries_chat_instance_and_message(
    bot: Bot, control: Control
) -> None:
    await control.say("/start")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("상담 신청", callback_data="consult")]])
    sent = await bot.send_message(PARENT_ID, "메뉴", reply_markup=keyboard)
    press = await control.post(
        "callbacks", {"user": PARENT, "message_id": sent.message_id, "data": "consult"}
    )
    [*_, update] = await bot.get_updates()
    query = update.callback_query
    assert query is not None
    assert query.chat_instance
    assert query.data == "consult"
    assert query.message is not None
    assert query.message.message_id == sent.message_id
    assert await query.answer("접수할게요")
    answer = await control.get(f"callbacks/{press['callback_query_id']}")
    assert answer["text"] == "접수할게요"
    with pytest.raises(BadRequest, match="Query is too old"):
        await query.answer()


async def test_get_updates_waits_for_the_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=timedelta(seconds=1)) == ()
    assert time.monotonic() - started >= 0.9


async def test_long_poll_returns_as_soon_as_an_update_arrives(bot: Bot, control: Control) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=timedelta(seconds=5)))
    await control.polling()
    await control.say("안녕하세요")
    [update] = await poll
    assert update.message is not None
    assert update.message.text == "안녕하세요"
    assert time.monotonic() - started < 2


async def test_offset_confirms_and_drops_older_updates(bot: Bot, control: Control) -> None:
    ids = [(await control.say(f"질문 {n}"))["update_id"] for n in range(3)]
    assert [u.update_id for u in await bot.get_updates()] == ids
    assert [u.update_id for u in await bot.get_updates(offset=ids[1])] == ids[1:]
    assert await bot.get_updates(offset=ids[2] + 1) == ()
    assert (await control.get("state"))["pending_update_ids"] == []


async def test_allowed_updates_filters_update_types(bot: Bot, control: Control) -> None:
    await control.say("글")
    assert await bot.get_updates(allowed_updates=["callback_query"]) == ()


async def test_second_poller_conflicts_with_the_first(
    bot: Bot, control: Control, own_emulator: EmulatorProcess
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=timedelta(seconds=5)))
    await control.polling()
    async with Bot(TOKEN, base_url=f"{own_emulator.url}/bot") as second:
        assert await second.get_updates() == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first


async def test_text_limit_is_4096_characters_after_parsing(bot: Bot, control: Control) -> None:
    await control.say("/start")
    await bot.send_message(PARENT_ID, "가" * 4096)
    await bot.send_message(PARENT_ID, f"<b>{'가' * 4096}</b>", parse_mode="HTML")
    status, body = await control.raw("sendMessage", chat_id=PARENT_ID, text="가" * 4097)
    assert (status, body["description"]) == (400, "Bad Request: message is too long")


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("<b>굵게", "Can't find end tag corresponding to start tag b"),
        ("줄<br>바꿈", 'Unsupported start tag "br" at byte offset 3'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
    ],
)
async def test_bad_html_is_refused_with_telegrams_words(
    control: Control, text: str, description: str
) -> None:
    await control.say("/start")
    status, body = await control.raw(
        "sendMessage", chat_id=PARENT_ID, text=text, parse_mode="HTML"
    )
    assert (status, body) == (
        400,
        {
            "ok": False,
            "error_code": 400,
            "description": f"Bad Request: can't parse entities: {description}",
        },
    )


async def test_callback_data_over_64_bytes_is_refused(bot: Bot, control: Control) -> None:
    await control.say("/start")
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="가" * 21)]])
    await bot.send_message(PARENT_ID, "63 bytes", reply_markup=ok)
    markup = json.dumps({"inline_keyboard": [[{"text": "x", "callback_data": "가" * 22}]]})
    status, body = await control.raw(
        "sendMessage", chat_id=PARENT_ID, text="66 bytes", reply_markup=markup
    )
    assert (status, body["description"]) == (400, "Bad Request: BUTTON_DATA_INVALID")


async def test_blocked_chat_and_rate_limit_answer_like_telegram(
    bot: Bot, control: Control
) -> None:
    await control.say("/start")
    await control.post("rate_limit", {"chat_id": PARENT_ID, "retry_after": 3, "count": 1})
    status, body = await control.raw("sendMessage", chat_id=PARENT_ID, text="a")
    assert (status, body["parameters"]) == (429, {"retry_after": 3})
    assert body["description"] == "Too Many Requests: retry after 3"
    await control.post("block", {"chat_id": PARENT_ID, "blocked": True})
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(PARENT_ID, "a")
    [*_, update] = await bot.get_updates()
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"


async def test_unknown_chat_and_unknown_method(bot: Bot, control: Control) -> None:
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(5559999, "hi")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(-100777, "hi")
    status, body = await control.raw("setFooBar")
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("setFooBar")


async def test_commands_chat_actions_chats_and_deletion(bot: Bot, control: Control) -> None:
    await control.say("/start")
    assert await bot.set_my_commands([BotCommand("start", "처음 화면")])
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()
    assert await bot.send_chat_action(PARENT_ID, "typing")
    chat = await bot.get_chat(PARENT_ID)
    assert (chat.id, chat.type, chat.first_name) == (PARENT_ID, "private", "부모")
    sent = await bot.send_message(PARENT_ID, "지울 메시지")
    assert await bot.delete_message(PARENT_ID, sent.message_id)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(PARENT_ID, sent.message_id)


async def test_documents_and_photos_are_uploaded_as_multipart(
    bot: Bot, control: Control, tmp_path: Path
) -> None:
    await control.say("/start")
    report = tmp_path / "report.csv"
    report.write_text("월,건수\n11,42\n", encoding="utf-8")
    document = await bot.send_document(
        PARENT_ID, report, caption="<b>11월</b> 보고서", parse_mode="HTML"
    )
    assert document.document is not None
    assert document.document.file_name == "report.csv"
    assert document.caption == "11월 보고서"
    stored = await control.http.get(f"/_test/files/{document.document.file_id}")
    assert stored.content == report.read_bytes()
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
        + (640).to_bytes(4, "big")
        + (480).to_bytes(4, "big")
        + b"\x08\x02\x00\x00\x00"
    )
    photo = await bot.send_photo(PARENT_ID, png)
    assert (photo.photo[-1].width, photo.photo[-1].height) == (640, 480)


class _Recorder(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[str | None, dict[str, Any]]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append((self.headers.get("X-Telegram-Bot-Api-Secret-Token"), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_args: Any) -> None:
        """Quiet."""


@pytest.fixture
def webhook_receiver() -> Iterator[tuple[int, list[tuple[str | None, dict[str, Any]]]]]:
    received: list[tuple[str | None, dict[str, Any]]] = []
    handler = type("Recorder", (_Recorder,), {"received": received})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield server.server_address[1], received
    server.shutdown()
    server.server_close()
    thread.join()


async def test_webhook_gets_updates_with_the_secret_token(
    bot: Bot,
    control: Control,
    webhook_receiver: tuple[int, list[tuple[str | None, dict[str, Any]]]],
) -> None:
    port, received = webhook_receiver
    with pytest.raises(BadRequest, match="an https url must be provided"):
        await bot.set_webhook("http://bot.example.org/telegram")
    await control.post(
        "webhook_route", {"from": "https://bot.example.org", "to": f"http://127.0.0.1:{port}"}
    )
    assert await bot.set_webhook("https://bot.example.org/telegram", secret_token="s3cret")  # noqa: S106
    update = await control.say("웹훅으로 와요")

    async def deliveries() -> list[tuple[str | None, dict[str, Any]]]:
        return list(received)

    assert await eventually(deliveries, bool) == [("s3cret", update)]
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == ("https://bot.example.org/telegram", 0)
    assert await bot.delete_webhook()
