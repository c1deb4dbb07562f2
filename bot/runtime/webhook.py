"""Webhook mode that answers Telegram only once an update has been processed.

PTB's own webhook answers 200 as soon as it has queued the update: a kill while it waits or
runs would lose it, since Telegram never sends it again. Here the answer waits for the
update's unit of work to end (committed, or given up with an apology); a dropped connection
or a late answer makes Telegram deliver it again, and the processed-update claim drops
the copies of updates that did finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from http import HTTPStatus
from typing import Final

import tornado.httpserver
import tornado.web
from telegram import Update

from bot.runtime.in_flight import UpdatesInFlight
from handlers.context import CounselApp

logger = logging.getLogger(__name__)

#: Telegram gives up on an answer after about a minute and delivers again later.
ANSWER_WITHIN_SECONDS: Final = 50.0
URL_PATH: Final = "telegram"


class _UpdateHandler(tornado.web.RequestHandler):
    def initialize(self, app: CounselApp, in_flight: UpdatesInFlight, secret: str) -> None:
        self._app = app
        self._in_flight = in_flight
        self._secret = secret

    async def post(self) -> None:
        if self.request.headers.get("Content-Type") != "application/json":
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        token = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(token.encode(), self._secret.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        try:
            update = Update.de_json(json.loads(self.request.body), self._app.bot)
        except (ValueError, TypeError, KeyError):
            logger.warning("webhook: a request that is not an update was refused")
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        processed = self._in_flight.watch(update.update_id)
        self._app.bot.insert_callback_data(update)
        await self._app.update_queue.put(update)
        try:
            await asyncio.wait_for(asyncio.shield(processed), ANSWER_WITHIN_SECONDS)
        except TimeoutError:
            logger.warning(
                "webhook: update %s still running; Telegram will send it again", update.update_id
            )
            raise tornado.web.HTTPError(HTTPStatus.SERVICE_UNAVAILABLE) from None
        self.set_status(HTTPStatus.OK)

    def log_exception(self, *args: object) -> None:
        """Refusals are answered with their status; nothing about the request is logged."""


async def serve_webhook(
    app: CounselApp, *, port: int, webhook_url: str, secret: str, in_flight: UpdatesInFlight
) -> None:
    """Initialise, set the webhook, serve until SIGINT/SIGTERM, then stop in order."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    routes = [
        (f"/{URL_PATH}", _UpdateHandler, {"app": app, "in_flight": in_flight, "secret": secret})
    ]
    server = tornado.httpserver.HTTPServer(tornado.web.Application(routes, log_function=_quiet))
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        server.listen(port, address="0.0.0.0")  # noqa: S104 - Telegram must reach it
        await app.bot.set_webhook(
            url=f"{webhook_url.rstrip('/')}/{URL_PATH}",
            allowed_updates=Update.ALL_TYPES,
            secret_token=secret,
        )
        await app.start()
        logger.info("webhook: listening on port %s", port)
        await stop.wait()
        server.stop()  # no new connections; requests under way still get their answer
        await app.stop()
        if app.post_stop is not None:
            await app.post_stop(app)
        await server.close_all_connections()
    finally:
        server.stop()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


def _quiet(handler: tornado.web.RequestHandler) -> None:
    """Access lines stay out of the log (they would carry nothing useful)."""
