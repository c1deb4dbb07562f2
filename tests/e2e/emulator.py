"""A Telegram Bot API server for end-to-end tests, on a loopback port.

    python -m tests.e2e.emulator --port 0 --token 123:ABC

prints the port it listens on as its first line of standard output, then serves

* the Bot API at ``/bot<TOKEN>/<method>`` (query string, form, multipart or JSON parameters;
  answers ``{"ok": ...}`` JSON with Telegram's status codes and error descriptions), with
  long polling, or webhook delivery (``X-Telegram-Bot-Api-Secret-Token``) once set;
* a test-control API under ``/_test/`` (JSON) to act as users and to look at the chats:

  ==========================================  =============================================
  ``POST /_test/messages``                    a user writes: ``{"user": {"id", ...},
                                              "text"|"content", "chat_id"?,
                                              "reply_to_message_id"?}``
  ``POST /_test/edits``                       a user edits a message (``edited_message``)
  ``POST /_test/callbacks``                   a user presses a button: ``{"user", "chat_id",
                                              "message_id", "data", "forge"?}``
  ``GET  /_test/callbacks/<id>``              how the bot answered that callback query
  ``POST /_test/updates``                     any raw update (``update_id`` is assigned)
  ``POST /_test/redeliver``                   ``{"update_id"}``: the same update again
  ``GET  /_test/chats/<id>/messages``         the chat's messages, bot's and users', with
                                              ``edit_count``; ``?deleted=1`` adds deleted
  ``POST /_test/chats``                       make a chat known (e.g. the team group)
  ``POST /_test/block``                       ``{"chat_id", "blocked": bool}``: 403 from now
  ``POST /_test/rate_limit``                  ``{"chat_id", "retry_after", "count"}``: 429s
  ``POST /_test/webhook_route``               ``{"from": "https://x:8443", "to":
                                              "http://127.0.0.1:PORT"}``: deliver there
  ``GET  /_test/state``, ``GET /_test/calls`` pending updates, polling, webhook; call log
  ``GET  /_test/files/<file_id>``             bytes of a file the bot uploaded
  ``POST /_test/reset``                       forget everything (update ids keep growing)
  ==========================================  =============================================
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import sys
from collections.abc import Sequence
from typing import Any

import tornado.httpclient
import tornado.httpserver
import tornado.netutil
import tornado.web

from tests.e2e.botapi import BotApi, Webhook
from tests.e2e.chats import Chat, now
from tests.e2e.params import ApiError, Params, UploadedFile, bad_request

logger = logging.getLogger("e2e.emulator")


class WebhookSender:
    """Delivers pending updates to the webhook, retrying until the bot answers 2xx."""

    def __init__(self, api: BotApi) -> None:
        self.api = api
        self.routes: dict[str, str] = {}  # webhook URL prefix -> where to deliver instead
        self._in_flight: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._limits: dict[int, asyncio.Semaphore] = {}
        self._client = tornado.httpclient.AsyncHTTPClient()

    def target(self, url: str) -> str:
        for source, destination in self.routes.items():
            if url.startswith(source):
                return destination + url[len(source) :]
        return url

    def schedule(self) -> None:
        hook = self.api.webhook
        if hook is None:
            return
        for update in self.api.deliverable():
            if update["update_id"] not in self._in_flight:
                self._in_flight.add(update["update_id"])
                task = asyncio.get_running_loop().create_task(self._deliver(update, hook))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def _deliver(self, update: dict[str, Any], hook: Webhook) -> None:
        update_id = update["update_id"]
        limit = self._limits.setdefault(id(hook), asyncio.Semaphore(hook.max_connections))
        delay = 0.05
        try:
            while self.api.webhook is hook and any(
                u["update_id"] == update_id for u in self.api.pending
            ):
                async with limit:
                    error = await self._post(update, hook)
                if error is None:
                    self.api.deliver(update_id)
                    return
                hook.last_error_date, hook.last_error_message = now(), error
                logger.info("webhook delivery of update %s failed: %s", update_id, error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 1.0)
        finally:
            self._in_flight.discard(update_id)
        self.schedule()  # the webhook changed meanwhile

    async def _post(self, update: dict[str, Any], hook: Webhook) -> str | None:
        headers = {"Content-Type": "application/json"}
        if hook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
        try:
            response = await self._client.fetch(
                self.target(hook.url),
                method="POST",
                headers=headers,
                body=json.dumps(update, ensure_ascii=False).encode(),
                raise_error=False,
                request_timeout=30,
                follow_redirects=False,
            )
        except OSError as exc:
            return f"Connection failed: {exc.strerror or exc}"
        if response.code == 599:
            return f"Connection failed: {response.error}"
        if not 200 <= response.code < 300:
            return f"Wrong response from the webhook: {response.code} {response.reason}"
        return None


class JsonHandler(tornado.web.RequestHandler):
    """JSON answers only, never tornado's HTML error pages."""

    def initialize(self, api: BotApi, sender: WebhookSender) -> None:
        self.api = api
        self.sender = sender

    def answer(self, status: int, body: dict[str, Any]) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body, ensure_ascii=False))

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        if not isinstance(value, ApiError):  # ApiErrors are answers, not failures
            super().log_exception(typ, value, tb)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None))[1]
        if isinstance(exc, ApiError):
            self.answer(exc.code, exc.body())
            return
        description = "Not Found" if status_code == 404 else f"Internal Server Error: {exc!r}"
        self.answer(
            status_code, {"ok": False, "error_code": status_code, "description": description}
        )


class NotFoundHandler(JsonHandler):
    def prepare(self) -> None:
        raise tornado.web.HTTPError(404)


class BotApiHandler(JsonHandler):
    """``/bot<TOKEN>/<method>``."""

    _task: asyncio.Task[tuple[int, dict[str, Any]]] | None = None

    async def get(self, token: str, method: str) -> None:
        if token != self.api.token:
            self.answer(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        self._task = asyncio.ensure_future(self.api.call(method, self._params()))
        try:
            status, body = await self._task
        except asyncio.CancelledError:
            return  # the client went away (a cancelled long poll, a killed bot)
        self.answer(status, body)

    post = get

    def on_connection_close(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    def _params(self) -> Params:
        request = self.request
        params: Params = {}
        for source in (request.query_arguments, request.body_arguments):
            for name, values in source.items():
                params[name] = values[-1].decode("utf-8", "replace")
        for name, files in request.files.items():
            upload = files[-1]
            params[name] = UploadedFile(upload.filename, upload.body, upload.content_type)
        content_type = request.headers.get("Content-Type", "")
        if content_type.startswith("application/json") and request.body:
            try:
                body = json.loads(request.body)
            except json.JSONDecodeError:
                raise bad_request("can't parse JSON encoded request") from None
            if isinstance(body, dict):
                params.update(body)
        return params


class ControlHandler(JsonHandler):
    """``/_test/<action>``: play users and inspect what the bot did."""

    def _body(self) -> dict[str, Any]:
        if not self.request.body:
            return {}
        body = json.loads(self.request.body)
        if not isinstance(body, dict):
            raise bad_request("control requests take a JSON object")
        return body

    def ok(self, result: Any) -> None:
        self.answer(200, {"ok": True, "result": result})

    def get(self, action: str) -> None:
        parts = action.split("/")
        api = self.api
        if parts == ["state"]:
            self.ok(self._state())
        elif parts == ["calls"]:
            since = int(self.get_argument("since", "0"))
            method = self.get_argument("method", "").lower()
            self.ok(
                [
                    c
                    for c in api.calls
                    if c["seq"] > since and (not method or c["method"].lower() == method)
                ]
            )
        elif len(parts) == 3 and parts[0] == "chats" and parts[2] == "messages":
            self.ok(self._messages(int(parts[1]), bool(self.get_argument("deleted", ""))))
        elif len(parts) == 2 and parts[0] == "callbacks":
            query = api.callback_queries.get(parts[1])
            if query is None:
                raise bad_request("unknown callback query")
            self.ok({"answered": query.answered, **query.answer})
        elif len(parts) == 2 and parts[0] == "files" and parts[1] in api.files:
            self.set_header("Content-Type", "application/octet-stream")
            self.finish(api.files[parts[1]].body)
        else:
            raise tornado.web.HTTPError(404)

    def post(self, action: str) -> None:
        api, body = self.api, self._body()
        if action == "reset":
            api.reset()
            self.sender.routes.clear()
            self.ok(True)
        elif action == "chats":
            self.ok(api.register_chat(body).info)
        elif action == "messages":
            content = dict(body.get("content") or {})
            if "text" in body:
                content["text"] = body["text"]
            update = api.user_message(
                body["user"], body.get("chat_id"), content, body.get("reply_to_message_id")
            )
            self.ok(update)
        elif action == "edits":
            self.ok(
                api.user_edit(
                    body["user"], int(body["chat_id"]), int(body["message_id"]), str(body["text"])
                )
            )
        elif action == "callbacks":
            chat_id = int(body.get("chat_id") or body["user"]["id"])
            update, query = api.user_press(
                body["user"],
                chat_id,
                int(body["message_id"]),
                str(body["data"]),
                forge=bool(body.get("forge")),
            )
            self.ok(
                {
                    "update_id": update["update_id"],
                    "callback_query_id": query.id,
                    "last_message_id": api.chats[chat_id].last_message_id,
                }
            )
        elif action == "redeliver":
            self.ok(api.redeliver(int(body["update_id"])))
        elif action == "updates":
            self.ok(api.push_update({k: v for k, v in body.items() if k != "update_id"}))
        elif action == "block":
            api.set_blocked(
                int(body["chat_id"]),
                blocked=bool(body.get("blocked", True)),
                notify=bool(body.get("notify", True)),
            )
            self.ok(True)
        elif action == "rate_limit":
            chat = api.chats.get(int(body["chat_id"])) or api.register_chat(
                {"id": int(body["chat_id"])}
            )
            chat.retry_after = int(body.get("retry_after", 1))
            chat.rate_limited = int(body.get("count", 1))
            self.ok(True)
        elif action == "webhook_route":
            self.sender.routes[str(body["from"])] = str(body["to"])
            self.sender.schedule()
            self.ok(True)
        else:
            raise tornado.web.HTTPError(404)

    def _messages(self, chat_id: int, with_deleted: bool) -> dict[str, Any]:
        chat: Chat | None = self.api.chats.get(chat_id)
        if chat is None:
            return {"messages": [], "last_message_id": 0}
        found = [
            {**m, "edit_count": chat.edits.get(i, 0), "is_deleted": False}
            for i, m in chat.messages.items()
        ]
        if with_deleted:
            found += [
                {**m, "edit_count": chat.edits.get(i, 0), "is_deleted": True}
                for i, m in chat.deleted.items()
            ]
        found.sort(key=lambda m: m["message_id"])
        return {"messages": found, "last_message_id": chat.last_message_id}

    def _state(self) -> dict[str, Any]:
        api = self.api
        hook = api.webhook
        return {
            "pending_update_ids": [u["update_id"] for u in api.pending],
            "confirmed_below": api.confirmed_below,
            "deliveries": {str(k): v for k, v in api.deliveries.items()},
            "is_polling": api.is_polling,
            "get_updates_calls": api.get_updates_calls,
            "call_count": len(api.calls),
            "commands": [
                {"scope": json.loads(scope), "language_code": lang, "commands": commands}
                for (scope, lang), commands in api.commands.items()
            ],
            "webhook": None
            if hook is None
            else {
                "url": hook.url,
                "has_secret_token": hook.secret_token is not None,
                "max_connections": hook.max_connections,
                "last_error_message": hook.last_error_message,
            },
        }


def make_app(api: BotApi) -> tornado.web.Application:
    sender = WebhookSender(api)
    api.on_update = sender.schedule
    context = {"api": api, "sender": sender}
    return tornado.web.Application(
        [
            (r"/bot([^/]+)/([A-Za-z0-9_]+)", BotApiHandler, context),
            (r"/_test/(.+)", ControlHandler, context),
        ],
        default_handler_class=NotFoundHandler,
        default_handler_args=context,
    )


async def serve(host: str, port: int, token: str, first_update_id: int) -> None:
    api = BotApi(token, first_update_id=first_update_id)
    sockets = tornado.netutil.bind_sockets(port, host)
    server = tornado.httpserver.HTTPServer(make_app(api))
    server.add_sockets(sockets)
    sys.stdout.write(f"{sockets[0].getsockname()[1]}\n")
    sys.stdout.flush()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    server.stop()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--token", required=True, help="the only bot token accepted")
    parser.add_argument("--first-update-id", type=int, default=1)
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    asyncio.run(serve(args.host, args.port, args.token, args.first_update_id))
    return 0


if __name__ == "__main__":
    sys.exit(main())
