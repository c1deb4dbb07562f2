"""Long polling that confirms an update to Telegram only once it has been processed.

PTB confirms a batch (the next getUpdates' `offset`) as soon as it has queued it: a kill
while those updates wait or run would lose them. Here the offset sent to Telegram never
passes the oldest update this process still holds, so after a crash Telegram delivers it
again (the processed-update claim drops the ones that did finish). What Telegram sends
again while this process still has it is left out of the answer PTB sees.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Final

from telegram.error import TelegramError
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData
from telegram.request._requestparameter import RequestParameter

from bot.runtime.in_flight import IN_FLIGHT_KEY, UpdatesInFlight
from handlers.recording import DelegatingRequest

logger = logging.getLogger(__name__)

#: With nothing new for PTB, wait this long (or until an update is done) before answering,
#: so the held-back offset does not turn the long poll into a busy loop.
IDLE_WAIT_SECONDS: Final = 0.5


class ConfirmWhenProcessed(DelegatingRequest):
    """The getUpdates transport: holds the offset back to the oldest update in flight."""

    def __init__(self, inner: BaseRequest, in_flight: UpdatesInFlight) -> None:
        super().__init__(inner)
        self._in_flight = in_flight

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        if not url.endswith("/getUpdates"):
            return await self._inner.do_request(url, method, request_data, *args, **kwargs)
        params = request_data.parameters if request_data is not None else {}
        wanted = params.get("offset")
        offset = wanted if isinstance(wanted, int) else None
        oldest = self._in_flight.oldest()
        held_back = oldest is not None and (offset is None or oldest < offset)
        if held_back:
            request_data = RequestData(
                [
                    RequestParameter.from_input(name, value)
                    for name, value in {**params, "offset": oldest}.items()
                ]
            )
        status, body = await self._inner.do_request(url, method, request_data, *args, **kwargs)
        if status != 200:
            return status, body
        payload = json.loads(body)
        updates = payload.get("result")
        if not isinstance(updates, list):
            return status, body
        fresh = [u for u in updates if offset is None or int(u["update_id"]) >= offset]
        if held_back:
            if not fresh:
                await self._in_flight.wait_for_change(IDLE_WAIT_SECONDS)
            payload["result"] = fresh
            body = json.dumps(payload).encode()
        self._in_flight.fetched(int(u["update_id"]) for u in fresh)
        return status, body


async def confirm_processed(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """After the last update was processed on a graceful stop: tell Telegram (PTB's own
    final confirmation came before the processing ended, so it was held back)."""
    in_flight = app.bot_data.get(IN_FLIGHT_KEY)
    if not isinstance(in_flight, UpdatesInFlight):
        return
    offset = in_flight.confirmable_offset()
    if offset is None:
        return
    try:
        await app.bot.get_updates(offset=offset, limit=1, timeout=0)
    except TelegramError as exc:
        logger.warning("could not confirm the processed updates: %s", type(exc).__name__)
