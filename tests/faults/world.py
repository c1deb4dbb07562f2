"""The fault suite's processes: a private PostgreSQL, the emulator, the proxy and the bot."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

import asyncpg

from tests.e2e.client import Telegram, User, wait_until
from tests.e2e.processes import ADMIN_ID, TEAM_CHAT_ID, BotProcess, EmulatorProcess
from tests.faults.postgres import PrivatePostgres
from tests.faults.proxy import FaultProxy

logger = logging.getLogger("faults")

DATABASE = "counsel_faults"


class World:
    """Everything a fault run needs, started in `__enter__` and stopped by pid in `__exit__`."""

    def __init__(self, workdir: Path | None = None, *, webhook: bool = False) -> None:
        self.webhook = webhook  # the bot gets its updates by webhook instead of long polling
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix="counsel-faults-"))
        self.postgres = PrivatePostgres()
        self.emulator: EmulatorProcess | None = None
        self.proxy: FaultProxy | None = None
        self.bot: BotProcess | None = None
        self.telegram: Telegram | None = None
        self.admin = User(ADMIN_ID, "관리자", "center_admin")
        self.kills = 0

    @property
    def database_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.postgres.port}/{DATABASE}"

    def __enter__(self) -> World:
        self.postgres.start()
        asyncio.run(_create_database(self.postgres.url))
        self.emulator = EmulatorProcess(self.workdir)
        self.proxy = FaultProxy(self.emulator.url)
        self.telegram = Telegram(self.emulator.url, diagnostics=self.log_tail)
        self.telegram.register_chat(TEAM_CHAT_ID, type="supergroup", title="법률지원팀")
        self.bot = BotProcess(
            emulator=self.emulator,
            telegram=self.telegram,
            database_url=self.database_url,
            workdir=self.workdir,
        )
        self.start_bot()
        # Staff have written to the bot before (Telegram refuses to start a private chat).
        self.tg.reply(self.tg.send(self.admin, "/start"))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.bot is not None:
            self.bot.stop_all()
        if self.proxy is not None:
            self.proxy.close()
        if self.telegram is not None:
            self.telegram.close()
        if self.emulator is not None:
            self.emulator.stop()
        self.postgres.remove()

    # ---- the bot ------------------------------------------------------------------------------

    def start_bot(self) -> None:
        assert self.bot is not None
        assert self.proxy is not None
        self.bot.start(
            webhook=self.webhook,
            extra_env={
                "TELEGRAM_BASE_URL": self.proxy.url,
                "OUTBOX_INTERVAL_SECONDS": "0.25",
                # A send cut off by a kill is taken up again within the run.
                "OUTBOX_LEASE_SECONDS": "10",
            },
        )

    def kill_now(self) -> None:
        """SIGKILL the running bot by its pid (safe from the proxy's thread)."""
        assert self.bot is not None
        assert self.bot.run is not None
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.bot.run.process.pid, signal.SIGKILL)

    def restart_after_kill(self) -> None:
        """Reap the killed bot and start it again."""
        assert self.bot is not None
        self.bot.kill()
        self.kills += 1
        self.start_bot()

    def ensure_running(self) -> None:
        assert self.bot is not None
        if not self.bot.is_running:
            self.restart_after_kill()

    def log_tail(self) -> str:
        return self.bot.log_tail() if self.bot else ""

    def bot_logs(self) -> str:
        assert self.bot is not None
        return "".join(run.process.log_text() for run in self.bot.runs)

    @property
    def tg(self) -> Telegram:
        assert self.telegram is not None
        return self.telegram

    @property
    def faults(self) -> FaultProxy:
        assert self.proxy is not None
        return self.proxy

    # ---- the database -------------------------------------------------------------------------

    def query(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        return asyncio.run(_fetch(self.database_url, sql, *args))

    def wait_outbox_settled(self, timeout: float) -> bool:
        """Until no notification is due, being sent or retried soon; False if some still are."""

        def settled() -> bool:  # retries come within a minute; rechecks after 5 minutes
            rows = self.query(
                "SELECT count(*) AS n FROM outbox WHERE status = 'pending' "
                "AND next_attempt_at <= now() + interval '60 seconds'"
            )
            return int(rows[0]["n"]) == 0

        try:
            wait_until(settled, timeout=timeout, what="the outbox to settle")
        except AssertionError:
            for row in self.query(
                "SELECT id, kind, attempts, last_error, maybe_delivered, next_attempt_at - now()"
                " AS due_in, locked_until - now() AS locked_for FROM outbox"
                " WHERE status = 'pending' ORDER BY id"
            ):
                logger.warning("outbox row still due: %s", dict(row))
            return False
        return True


async def _create_database(admin_url: str) -> None:
    conn = await asyncpg.connect(admin_url, timeout=10)
    try:
        await conn.execute(f'CREATE DATABASE "{DATABASE}"')
    finally:
        await conn.close()


async def _fetch(url: str, sql: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(url, timeout=10)
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()
