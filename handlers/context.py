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
    async def uow(self, *, savepoint: bool = True) -> AsyncIterator[UnitOfWork]:
        """The update's unit of work inside a savepoint, or a fresh one outside an update.

        An exception raised in the block (a refusal such as `CaseError` too) undoes only what
        the block wrote; the rest of the update is still committed when it is done.
        `savepoint=False` is for a block nobody catches an exception of: the error handler
        rolls the whole update back, so the SAVEPOINT and RELEASE would buy nothing.
        """
        transaction = current_transaction()
        if transaction is None:
            async with self.services.database.uow() as uow:
                yield uow
            return
        if not savepoint:
            yield transaction.uow
            return
        async with transaction.uow.savepoint() as uow:
            yield uow


CounselApp = Application[
    ExtBot[None], CounselContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]
