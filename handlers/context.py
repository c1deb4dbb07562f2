"""Typed callback context giving handlers their services."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.services import Services
from storage.db import UnitOfWork

SERVICES_KEY = "services"
OPEN_UNITS_KEY = "open_update_units"


class CounselContext(
    CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]
):
    """Context whose `services` property returns the app's Services."""

    update_uow: UnitOfWork | None = None

    @property
    def services(self) -> Services:
        services: Services = self.application.bot_data[SERVICES_KEY]
        return services

    @asynccontextmanager
    async def uow(self) -> AsyncIterator[UnitOfWork]:
        """The update's unit of work (one transaction per update), or a fresh one outside it.

        The update's transaction is committed after the last handler and rolled back by the
        error handler; code raising an expected refusal inside this block must not have
        written anything before it.
        """
        if self.update_uow is not None:
            yield self.update_uow
            return
        async with self.services.database.uow() as uow:
            yield uow

    def open_update_uow(self, update_id: int, uow: UnitOfWork) -> None:
        """Make `uow` this update's unit of work (also findable by the error handler)."""
        self.update_uow = uow
        self._open_units()[update_id] = uow

    def take_update_uow(self, update_id: int) -> UnitOfWork | None:
        """Remove and return the update's unit of work (the error handler has a new context)."""
        self.update_uow = None
        return self._open_units().pop(update_id, None)

    def _open_units(self) -> dict[int, UnitOfWork]:
        units: dict[int, UnitOfWork] = self.application.bot_data.setdefault(OPEN_UNITS_KEY, {})
        return units


CounselApp = Application[
    ExtBot[None], CounselContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]
