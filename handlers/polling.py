"""Long polling that confirms an update to Telegram only once it has been processed.

PTB confirms a batch (the next getUpdates' `offset`) as soon as it has queued it: a kill
while those updates wait or run would lose them. Here the offset sent to Telegram never
passes the oldest update this process still holds, so after a crash Telegram delivers it
again (the processed-update claim drops the ones that did finish). What Telegram sends
again while this process still has it is left out of the answer PTB sees.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Iterable
from typing import Any, Final

from telegram.error import TelegramError
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData
from telegram.request._requestparameter import RequestParameter

logger = logging.getLogger(__name__)

IN_FLIGHT_KEY: Final = "updates_in_flight"  # in bot_data

#: With nothing new for PTB, wait this long (or until an update is done) before answering,
#: so the held-back offset does not turn the long poll into a busy loop.
IDLE_WAIT_SECONDS: Final = 0.5


class UpdatesInFlight:
    """Ids of the updates fetched and not yet processed."""

    def __init__(self) -> None:
        self._ids: set[int] = set()
        self._changed = asyncio.Event()
        self._watched: dict[int, asyncio.Future[None]] = {}
        self.highest: int | None = None  # the newest update fetched

    def fetched(self, update_ids: Iterable[int]) -> None:
        for update_id in update_ids:
            self._ids.add(update_id)
            self.highest = max(self.highest or update_id, update_id)

    def done(self, update_id: int) -> None:
        self._ids.discard(update_id)
        self._changed.set()
        watched = self._watched.pop(update_id, None)
        if watched is not None and not watched.done():
            watched.set_result(None)

    def watch(self, update_id: int) -> asyncio.Future[None]:
        """Resolved once the update's processing has ended (a webhook answers then)."""
        watched = self._watched.get(update_id)
        if watched is None:
            watched = asyncio.get_running_loop().create_future()
            self._watched[update_id] = watched
        return watched

    def oldest(self) -> int | None:
        return min(self._ids) if self._ids else None

    def confirmable_offset(self) -> int | None:
        """The offset that confirms every processed update (None: nothing was fetched)."""
        if self.highest is None:
            return None
        oldest = self.oldest()
        return oldest if oldest is not None else self.highest + 1

    async def wait_for_change(self, seconds: float) -> None:
        self._changed.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), seconds)


class ConfirmWhenProcessed(BaseRequest):
    """The getUpdates transport: holds the offset back to the oldest update in flight."""

    def __init__(self, inner: BaseRequest, in_flight: UpdatesInFlight) -> None:
        self._inner = inner
        self._in_flight = in_flight

    @property
    def read_timeout(self) -> float | None:
        return self._inner.read_timeout

    async def initialize(self) -> None:
        await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._inner.shutdown()

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
