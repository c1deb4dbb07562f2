"""Typed callback context giving handlers their services."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.services import Services
from handlers.transaction import current as current_transaction
from storage.db import UnitOfWork

SERVICES_KEY = "services"


class CounselContext(
    CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]
):
    """Context whose `services` property returns the app's Services."""

    @property
    def services(self) -> Services:
        services: Services = self.application.bot_data[SERVICES_KEY]
        return services

    @asynccontextmanager
    async def uow(self) -> AsyncIterator[UnitOfWork]:
        """The update's unit of work (one transaction per update), or a fresh one outside it.

        The update's transaction is committed when its handlers are done and rolled back by
        the error handler; code raising an expected refusal inside this block must not have
        written anything before it.
        """
        transaction = current_transaction()
        if transaction is None:
            async with self.services.database.uow() as uow:
                yield uow
            return
        yield transaction.uow


CounselApp = Application[
    ExtBot[None], CounselContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]
