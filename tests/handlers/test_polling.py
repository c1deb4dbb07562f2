"""Updates are confirmed to Telegram only once processed: the offset is held back."""

from __future__ import annotations

import json
from typing import Any

from telegram.request import BaseRequest, RequestData
from telegram.request._requestparameter import RequestParameter

from bot.runtime.in_flight import UpdatesInFlight
from bot.runtime.polling import ConfirmWhenProcessed

URL = "https://api.telegram.invalid/bot1:T/getUpdates"


class PendingUpdates(BaseRequest):
    """Telegram's side of getUpdates: an offset confirms (forgets) every update below it."""

    def __init__(self, update_ids: list[int]) -> None:
        self.pending = list(update_ids)
        self.offsets: list[int | None] = []

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,  # noqa: ARG002 - the BaseRequest interface
        method: str,  # noqa: ARG002
        request_data: RequestData | None = None,
        *_: Any,
        **__: Any,
    ) -> tuple[int, bytes]:
        offset = request_data.parameters.get("offset") if request_data else None
        assert offset is None or isinstance(offset, int)
        self.offsets.append(offset)
        if offset is not None:
            self.pending = [u for u in self.pending if u >= offset]
        result = [{"update_id": u} for u in self.pending]
        return 200, json.dumps({"ok": True, "result": result}).encode()


async def _poll(request: ConfirmWhenProcessed, offset: int | None) -> list[int]:
    params = [] if offset is None else [RequestParameter.from_input("offset", offset)]
    status, body = await request.do_request(URL, "POST", RequestData(params))
    assert status == 200
    return [u["update_id"] for u in json.loads(body)["result"]]


async def test_an_update_still_being_processed_is_not_confirmed() -> None:
    telegram = PendingUpdates([10, 11])
    in_flight = UpdatesInFlight()
    request = ConfirmWhenProcessed(telegram, in_flight)

    assert await _poll(request, None) == [10, 11]
    in_flight.done(10)
    telegram.pending.append(12)
    # PTB asks from 12 (it has queued 10 and 11); 11 is still running: only 10 is confirmed,
    # and PTB is not handed 11 a second time.
    assert await _poll(request, 12) == [12]
    assert telegram.offsets[-1] == 11
    assert telegram.pending == [11, 12]

    # A kill now: the next process gets 11 and 12 again. Here they finish instead.
    in_flight.done(11)
    in_flight.done(12)
    assert await _poll(request, 13) == []
    assert telegram.offsets[-1] == 13
    assert telegram.pending == []


async def test_nothing_new_waits_instead_of_polling_in_a_loop() -> None:
    telegram = PendingUpdates([5])
    in_flight = UpdatesInFlight()
    request = ConfirmWhenProcessed(telegram, in_flight)
    assert await _poll(request, None) == [5]
    assert await _poll(request, 6) == []  # 5 is held back; Telegram answered at once
    assert telegram.offsets == [None, 5]
