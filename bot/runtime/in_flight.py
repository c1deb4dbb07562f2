"""The updates this process has taken from Telegram and not finished processing.

Long polling holds its confirmation (the next offset) back to the oldest of them; the
webhook answers Telegram when an update's processing has ended. Either way a crash loses
none: Telegram delivers it again.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from typing import Final

IN_FLIGHT_KEY: Final = "updates_in_flight"  # in bot_data


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
