"""Logging for the command line: one stderr handler that masks personal data."""

from __future__ import annotations

import logging
from typing import Final

from bot.account.privacy import PiiMaskingFilter

#: Libraries whose DEBUG/INFO lines carry SQL parameters, request bodies or message texts:
#: aiosqlite (each call with its arguments), SQLAlchemy's engine (statements and
#: parameters), asyncpg, and httpx/httpcore (URLs with the bot token, request bodies).
QUIET_LIBRARIES: Final = (
    "aiosqlite",
    "sqlalchemy",
    "asyncpg",
    "httpx",
    "httpcore",
    "hpack",
    "apscheduler",
    "alembic",
)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PiiMaskingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper() if level.upper() in logging.getLevelNamesMapping() else "INFO")
    # None of these goes below WARNING, whatever LOG_LEVEL says; PTB's DEBUG lines hold
    # whole updates and message texts, its INFO lines do not.
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("telegram").setLevel(max(root.level, logging.INFO))
    # A slow send makes the next outbox tick skip; that is expected, not worth a warning.
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
