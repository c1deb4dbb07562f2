"""A fault-injecting proxy between the bot and the Bot API emulator.

The bot's TELEGRAM_BASE_URL points here; every `/bot<T>/<method>` request is forwarded to
the emulator unless a rule says otherwise. Rules are set at run time by the suite (same
process, the proxy runs its own event loop in a thread):

==================  ===========================================================================
``delay``           wait `seconds` (or until `release` is set), then forward; a call whose
                    client died meanwhile is not forwarded (a slow Telegram, a held call)
``timeout``         forward, then never answer: the bot's read times out (posted, not told)
``fail_after``      forward, then answer 502 Bad Gateway (posted, told "error")
``fail_before``     answer 502 without forwarding (not posted)
``rate_limit``      answer 429 with ``retry_after`` without forwarding
``kill_after``      forward, then call ``hook`` (the suite SIGKILLs the bot) and never answer
``kill_before``     call ``hook`` before forwarding, never forward
==================  ===========================================================================

A rule matches a method (``*``: any), optionally a chat id and a substring of the call's
parameters (its text), and applies to its next `count` matching calls (``None``: all).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import parse_qs

import tornado.httpclient
import tornado.httpserver
import tornado.httputil
import tornado.netutil
import tornado.web

logger = logging.getLogger("faults.proxy")
logging.getLogger("tornado.access").setLevel(logging.CRITICAL)  # the faults are on purpose

ACTIONS: Final = frozenset(
    {"delay", "timeout", "fail_after", "fail_before", "rate_limit", "kill_after", "kill_before"}
)
BAD_GATEWAY: Final = {"ok": False, "error_code": 502, "description": "Bad Gateway"}


@dataclass
class Rule:
    method: str
    action: str
    seconds: float = 0.0
    count: int | None = 1
    chat_id: int | None = None
    contains: str | None = None
    retry_after: int = 1
    hook: Callable[[], None] | None = None
    release: threading.Event | None = None
    fired: int = 0
    started: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown action {self.action!r}")

    def matches(self, method: str, params: dict[str, Any], raw: str) -> bool:
        if self.count is not None and self.fired >= self.count:
            return False
        if self.method != "*" and self.method.lower() != method.lower():
            return False
        if self.chat_id is not None and str(params.get("chat_id")) != str(self.chat_id):
            return False
        return self.contains is None or self.contains in raw


@dataclass(frozen=True)
class Seen:
    """One call that passed the proxy: what was done with it."""

    method: str
    chat_id: str | None
    action: str  # "forward" or a rule's action
    time: float


class FaultProxy:
    """The proxy server on a loopback port, in a thread of its own."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.rules: list[Rule] = []
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self.port = 0
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the fault proxy did not start")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # ---- rules (called from the suite's thread) ---------------------------------------------

    def add(self, rule: Rule) -> Rule:
        with self._lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()

    def take(self, method: str, params: dict[str, Any], raw: str) -> Rule | None:
        with self._lock:
            for rule in self.rules:
                if rule.matches(method, params, raw):
                    rule.fired += 1
                    if rule.count is not None and rule.fired >= rule.count:
                        self.rules.remove(rule)
                    return rule
        return None

    def count(self, action: str) -> int:
        with self._lock:
            return sum(1 for s in self.seen if s.action == action)

    def close(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    # ---- the server (the proxy's own thread) ------------------------------------------------

    def _run(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        client = tornado.httpclient.AsyncHTTPClient(max_clients=200)
        app = tornado.web.Application(
            [(r"/bot([^/]+)/([A-Za-z0-9_]+)", _Forward, {"proxy": self, "client": client})]
        )
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        server = tornado.httpserver.HTTPServer(app)
        server.add_sockets(sockets)
        self.port = int(sockets[0].getsockname()[1])
        self._ready.set()
        await self._stop.wait()
        server.stop()
        client.close()

    def note(self, method: str, params: dict[str, Any], action: str) -> None:
        chat = params.get("chat_id")
        with self._lock:
            self.seen.append(
                Seen(method, None if chat is None else str(chat), action, time.monotonic())
            )


class _Forward(tornado.web.RequestHandler):
    def initialize(self, proxy: FaultProxy, client: tornado.httpclient.AsyncHTTPClient) -> None:
        self.proxy = proxy
        self.client = client
        self.closed = asyncio.Event()

    def on_connection_close(self) -> None:
        self.closed.set()

    async def post(self, token: str, method: str) -> None:
        params, raw = _params(self.request)
        rule = self.proxy.take(method, params, raw)
        action = rule.action if rule else "forward"
        self.proxy.note(method, params, action)
        if rule is not None:
            rule.started.set()
        try:
            await self._apply(rule, token, method)
        finally:
            if rule is not None:
                rule.done.set()

    get = post

    async def _apply(self, rule: Rule | None, token: str, method: str) -> None:
        action = rule.action if rule is not None else "forward"
        if rule is not None and action == "delay":
            await self._hold(rule)
            if self.closed.is_set():  # the bot died meanwhile: the call never happened
                return
        if action in ("forward", "delay"):
            await self._answer(await self._forward(token, method))
            return
        if action in ("fail_after", "timeout", "kill_after"):
            await self._forward(token, method)
        if action in ("kill_after", "kill_before") and rule is not None and rule.hook:
            rule.hook()
        if action in ("fail_before", "fail_after"):
            self._json(502, BAD_GATEWAY)
        elif action == "rate_limit" and rule is not None:
            self._json(429, _too_many_requests(rule.retry_after))
        else:
            await self._never_answer()

    async def _hold(self, rule: Rule) -> None:
        if rule.release is None:
            await asyncio.sleep(rule.seconds)
            return
        while not rule.release.is_set() and not self.closed.is_set():  # noqa: ASYNC110 - a threading.Event
            await asyncio.sleep(0.02)

    async def _never_answer(self) -> None:
        """Hold the request until the client gives up (its read timeout) or dies."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.closed.wait(), 60)
        if not self.closed.is_set():
            self._json(504, {"ok": False, "error_code": 504, "description": "Gateway Timeout"})

    async def _forward(self, token: str, method: str) -> tornado.httpclient.HTTPResponse:
        request = self.request
        headers = {k: v for k, v in request.headers.items() if k.lower() in _PASSED_HEADERS}
        return await self.client.fetch(
            f"{self.proxy.upstream}/bot{token}/{method}",
            method="POST",
            headers=headers,
            body=request.body or b"",
            raise_error=False,
            request_timeout=120,
            connect_timeout=10,
        )

    async def _answer(self, response: tornado.httpclient.HTTPResponse) -> None:
        if self.closed.is_set():
            return
        if response.code == 599:  # the emulator is unreachable
            self._json(502, BAD_GATEWAY)
            return
        self.set_status(response.code)
        self.set_header("Content-Type", response.headers.get("Content-Type", "application/json"))
        self.finish(response.body)

    def _json(self, status: int, body: dict[str, Any]) -> None:
        if self.closed.is_set():
            return
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


_PASSED_HEADERS: Final = frozenset({"content-type"})


def _too_many_requests(retry_after: int) -> dict[str, Any]:
    return {
        "ok": False,
        "error_code": 429,
        "description": f"Too Many Requests: retry after {retry_after}",
        "parameters": {"retry_after": retry_after},
    }


def _params(request: tornado.httputil.HTTPServerRequest) -> tuple[dict[str, Any], str]:
    """The call's parameters (form or JSON; files are not looked into) and their raw text."""
    body = request.body or b""
    raw = body.decode("utf-8", "replace")
    params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(request.query).items()}
    content_type = request.headers.get("Content-Type", "")
    if content_type.startswith("application/json") and body:
        try:
            loaded = json.loads(body)
        except json.JSONDecodeError:
            loaded = None
        if isinstance(loaded, dict):
            params.update(loaded)
    elif content_type.startswith("application/x-www-form-urlencoded"):
        params.update({k: v[-1] for k, v in parse_qs(raw).items()})
        raw = " ".join(str(v) for v in params.values())
    return params, raw
