"""Run the bot against Telegram: long polling or webhook."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal

from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot.runtime.in_flight import IN_FLIGHT_KEY
from bot.runtime.polling import confirm_processed
from bot.runtime.webhook import serve_webhook
from bot.services import Services, create_services
from bot.settings import Settings
from handlers.context import CounselApp

logger = logging.getLogger(__name__)


class TelegramUnavailableError(Exception):
    """Telegram (or TELEGRAM_BASE_URL) could not be reached, or refused the token, at start."""


class _BootstrapFailureFilter(logging.Filter):
    """Drops PTB's traceback when start-up cannot reach Telegram: run_bot reports that
    in one line. Failures of the running bot's retry loops are still logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        prefix = record.args[0] if isinstance(record.args, tuple) and record.args else ""
        return not str(prefix).startswith("Network Retry Loop (Bootstrap")


def run_bot(settings: Settings) -> int:
    """Prepare services (fail fast on a bad DB or FAQ), then serve until stopped."""
    logging.getLogger("telegram.ext").addFilter(_BootstrapFailureFilter())
    services = asyncio.run(_prepare(settings))
    from bot.runtime.app import build_application

    app = build_application(services)
    original_post_init = app.post_init

    async def post_init(application: CounselApp) -> None:
        if original_post_init is not None:
            await original_post_init(application)
        _install_reload_signal(services)
        freeze_startup_objects()

    async def post_shutdown(_application: CounselApp) -> None:
        await services.close()

    app.post_init = post_init
    app.post_stop = confirm_processed
    app.post_shutdown = post_shutdown
    try:
        _serve(app, settings)
    except InvalidToken:
        raise TelegramUnavailableError(
            "Telegram refused TELEGRAM_BOT_TOKEN (check it with @BotFather)"
        ) from None
    except NetworkError as exc:  # TimedOut included
        where = settings.telegram_base_url or "api.telegram.org"
        raise TelegramUnavailableError(
            f"cannot reach Telegram at {where} ({type(exc).__name__}: {exc})"
        ) from None
    return 0


def freeze_startup_objects() -> None:
    """Move what start-up built (the FAQ index, handlers, models) out of the collector's
    sight: it lives as long as the process, and full collections need not walk it."""
    gc.collect()
    gc.freeze()


def _serve(app: CounselApp, settings: Settings) -> None:
    """Serve until stopped: a webhook when WEBHOOK_URL is set, else long polling."""
    if settings.webhook_url:
        if settings.webhook_secret is None:  # settings refuse this already
            raise ValueError("webhook mode needs WEBHOOK_SECRET")
        in_flight = app.bot_data[IN_FLIGHT_KEY]
        asyncio.run(
            serve_webhook(
                app,
                port=settings.port,
                webhook_url=settings.webhook_url,
                secret=settings.webhook_secret.get_secret_value(),
                in_flight=in_flight,
            )
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)


async def _prepare(settings: Settings) -> Services:
    services = await create_services(settings)
    # Connections belong to this event loop; the bot's loop opens its own.
    await services.database.dispose()
    return services


def _install_reload_signal(services: Services) -> None:
    """SIGHUP reloads the FAQ, keeping the old content if the files are invalid."""
    loop = asyncio.get_running_loop()

    def _reload() -> None:
        task = loop.create_task(services.faq.reload())
        task.add_done_callback(_log_reload)

    try:
        loop.add_signal_handler(signal.SIGHUP, _reload)
    except (NotImplementedError, RuntimeError, AttributeError):
        logger.info("SIGHUP reload is not available on this platform")


def _log_reload(task: asyncio.Task[object]) -> None:
    result = task.result()
    logger.info("faq reload via SIGHUP: %s", result)
