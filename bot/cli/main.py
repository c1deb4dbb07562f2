"""The `counsel-bot` command line: one parser, Settings built once, one subcommand run."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from bot.cli import calc as calc_cli
from bot.cli import faq as faq_cli
from bot.cli import maintenance as maintenance_cli
from bot.cli import reports as reports_cli
from bot.cli.database import with_database
from bot.cli.logs import configure_logging
from bot.knowledge import KnowledgeBaseError
from bot.settings import Settings, SettingsError, load_settings
from storage.db import DatabaseUnavailableError
from storage.migrate import current_revision

logger = logging.getLogger("bot")

EXIT_CONFIG = 2
EXIT_STARTUP = 1
#: Commands that only read the FAQ folder: they run whatever else the configuration says.
FAQ_ONLY_COMMANDS: Final = frozenset({"faq", "calc"})


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
    maintenance_cli.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = _settings(args.command)
        return int(args.func(args, settings))
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
    except BrokenPipeError:
        # The reader went away (`… | head`): stop quietly, and keep the interpreter's
        # final flush from raising again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _settings(command: str) -> Settings:
    """The configuration, read once; logging set up from it (the FAQ tools print only)."""
    if command in FAQ_ONLY_COMMANDS:
        try:
            return load_settings()
        except SettingsError as exc:
            # Staff check the FAQ on machines without the bot's configuration: the
            # defaults do; no other setting is read by these tools. A bad FAQ_DIR is kept,
            # so the tools report on that folder, not on the default one.
            bad_faq_dir = exc.inputs.get("faq_dir")
            if bad_faq_dir is None:
                return Settings.model_construct()
            return Settings.model_construct(faq_dir=Path(str(bad_faq_dir)))
    settings = load_settings()
    configure_logging(settings.log_level)
    return settings


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.telegram_bot_token is None:
        print(
            "TELEGRAM_BOT_TOKEN is not set: starting the local chat instead of Telegram.",
            file=sys.stderr,
        )
        args.user, args.staff = None, False
        return cmd_shell(args, settings)
    from bot.runtime.runner import TelegramUnavailableError, run_bot

    try:
        return run_bot(settings)
    except TelegramUnavailableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_STARTUP


def cmd_shell(args: argparse.Namespace, settings: Settings) -> int:
    if sys.stdin.isatty():
        logging.getLogger().setLevel(logging.WARNING)
    from bot.runtime.shell import SHELL_TEAM_CHAT_ID, run_shell
    from bot.services import create_services

    if settings.team_chat_id is None:
        settings = settings.model_copy(update={"team_chat_id": SHELL_TEAM_CHAT_ID})
    # One person at the keyboard, or a script feeding lines faster than anyone types.
    settings = settings.model_copy(update={"rate_limit_burst": 0})

    async def _run() -> int:
        services = await create_services(settings)
        try:
            return await run_shell(services, user_id=args.user, as_staff=args.staff)
        finally:
            await services.close()

    return asyncio.run(_run())


def cmd_db_upgrade(_args: argparse.Namespace, settings: Settings) -> int:
    revision = with_database(settings, lambda database: current_revision(database.engine))
    print(f"database at revision {revision}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
