"""Logging for the command line: one stderr handler that masks personal data."""

from __future__ import annotations

import logging

from bot.account.privacy import PiiMaskingFilter


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PiiMaskingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper() if level.upper() in logging.getLevelNamesMapping() else "INFO")
    # httpx logs request URLs, which contain the bot token; PTB's DEBUG lines hold whole
    # updates and message texts. Neither goes below these levels, whatever LOG_LEVEL says.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("telegram").setLevel(max(root.level, logging.INFO))
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # A slow send makes the next outbox tick skip; that is expected, not worth a warning.
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
    logging.getLogger("alembic").setLevel(logging.WARNING)
