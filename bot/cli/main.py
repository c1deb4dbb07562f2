"""The `counsel-bot` command line."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.account.privacy import PiiMaskingFilter
from bot.cli import calc as calc_cli
from bot.cli import faq as faq_cli
from bot.cli import reports as reports_cli
from bot.knowledge import KnowledgeBaseError
from bot.settings import Settings, SettingsError, load_settings
from storage.db import DatabaseUnavailableError

logger = logging.getLogger("bot")

EXIT_CONFIG = 2
EXIT_STARTUP = 1


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counsel-bot", description="Working-parents counseling bot (직장맘 상담봇)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the bot (no TELEGRAM_BOT_TOKEN: the local chat)")
    run.set_defaults(func=cmd_run)

    shell = sub.add_parser("shell", help="chat with the bot in this terminal")
    shell.add_argument("--user", type=int, default=None, help="Telegram user id to act as")
    shell.add_argument("--staff", action="store_true", help="start as staff in the team chat")
    shell.set_defaults(func=cmd_shell)

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply migrations").set_defaults(func=cmd_db_upgrade)

    faq_cli.add_parser(sub)
    calc_cli.add_parser(sub)
    reports_cli.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "faq_dir", None) is None and args.command == "faq":
        args.faq_dir = _faq_dir_from_env()
    try:
        return int(args.func(args))
    except SettingsError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return EXIT_CONFIG
    except DatabaseUnavailableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_STARTUP
    except KnowledgeBaseError as exc:
        print("error: the FAQ files have problems; fix them and start again:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_STARTUP
    except KeyboardInterrupt:
        return 130


def _faq_dir_from_env() -> Path:
    """FAQ_DIR for the faq tools, without requiring the rest of the configuration."""
    try:
        return load_settings().faq_dir
    except SettingsError:
        return Path("faq")


def _settings() -> Settings:
    settings = load_settings()
    configure_logging(settings.log_level)
    return settings


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings()
    if settings.telegram_bot_token is None:
        print(
            "TELEGRAM_BOT_TOKEN is not set: starting the local chat instead of Telegram.",
            file=sys.stderr,
        )
        args.user, args.staff = None, False
        return cmd_shell(args, settings)
    from bot.runtime.runner import run_bot

    return run_bot(settings)


def cmd_shell(args: argparse.Namespace, settings: Settings | None = None) -> int:
    settings = settings or _settings()
    if sys.stdin.isatty():
        logging.getLogger().setLevel(logging.WARNING)
    from bot.runtime.shell import SHELL_TEAM_CHAT_ID, run_shell
    from bot.services import create_services

    if settings.team_chat_id is None:
        settings = settings.model_copy(update={"team_chat_id": SHELL_TEAM_CHAT_ID})

    async def _run() -> int:
        services = await create_services(settings)
        try:
            return await run_shell(services, user_id=args.user, as_staff=args.staff)
        finally:
            await services.close()

    return asyncio.run(_run())


def cmd_db_upgrade(_args: argparse.Namespace) -> int:
    settings = _settings()
    from storage.db import Database, check_connection
    from storage.migrate import current_revision, upgrade

    async def _run() -> str | None:
        database = Database.from_url(settings.database_url)
        try:
            await check_connection(database.engine)
            await upgrade(database.engine)
            return await current_revision(database.engine)
        finally:
            await database.dispose()

    print(f"database at revision {asyncio.run(_run())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
