"""Typed callback context giving handlers their services."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.services import Services

SERVICES_KEY = "services"


class CounselContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any],
                                     dict[Any, Any]]):
    """Context whose `services` property returns the app's Services."""

    @property
    def services(self) -> Services:
        services: Services = self.application.bot_data[SERVICES_KEY]
        return services


CounselApp = Application[ExtBot[None], CounselContext, dict[Any, Any], dict[Any, Any],
                         dict[Any, Any], Any]
