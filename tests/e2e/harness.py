"""End-to-end harness: pytest fixtures running the Bot API emulator and `counsel-bot run`.

The processes are managed in `processes.py`, the users played through `client.py`.
Fixtures (exported through `tests/e2e/conftest.py`):

* `e2e_database_url` - a fresh PostgreSQL database for the run (dropped at the end);
* `emulator` - `python -m tests.e2e.emulator` on a loopback port, for the whole session;
* `bot_process` - the `counsel-bot run` process manager (session); `bot` makes sure it is
  running with long polling before a test, and fails the test if it crashed or logged an
  error during it (unless the test is marked `allow_bot_errors`);
* `telegram` - a `Telegram` client of the emulator's control API: `send(user, text)`,
  `press(user, message, label)`, `wait_for(chat, predicate, timeout)`;
* `webhook_bot` - the bot in webhook mode instead, for one test;
* `new_user` - a factory of users nobody else in the run has used; `admin` - the admin.

Every process is stopped by its own pid: SIGTERM, wait, SIGKILL after a timeout. After the
last end-to-end test the bot is stopped, so it does not idle through the rest of the suite.
"""

from __future__ import annotations

import itertools
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests import pg
from tests.e2e.client import Telegram, User
from tests.e2e.processes import (
    ADMIN_ID,
    TEAM_CHAT_ID,
    BotProcess,
    EmulatorProcess,
)

# ---- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def e2e_database_url() -> Iterator[str]:
    """An empty PostgreSQL database for this run; the bot migrates it when it starts."""
    with pg.throwaway_database("counsel_bot_e2e") as dbname:
        yield pg.database_url(dbname, driver="")


@pytest.fixture(scope="session")
def e2e_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Working directory and logs of the run's processes (no .env is read from the repo)."""
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def emulator(e2e_dir: Path) -> Iterator[EmulatorProcess]:
    process = EmulatorProcess(e2e_dir)
    yield process
    process.stop()


@pytest.fixture(scope="session")
def bot_process(
    emulator: EmulatorProcess, e2e_database_url: str, e2e_dir: Path
) -> Iterator[BotProcess]:
    client = Telegram(emulator.url)
    client.register_chat(TEAM_CHAT_ID, type="supergroup", title="법률지원팀")
    manager = BotProcess(
        emulator=emulator, telegram=client, database_url=e2e_database_url, workdir=e2e_dir
    )
    _managers.append(manager)
    yield manager
    _managers.remove(manager)
    manager.stop_all()
    client.close()


_managers: list[BotProcess] = []


def stop_bots() -> None:
    """Stop running bots (the next test that needs one starts it again)."""
    for manager in _managers:
        manager.stop_all()


class ErrorWatch:
    """Collects what went wrong in the bot while a test ran: crashes, logged errors, and Bot API
    calls Telegram refused (a refused call is a bug, unless the test provokes it)."""

    def __init__(self, bot_process: BotProcess) -> None:
        self.bot_process = bot_process
        self.first_run = len(bot_process.runs) - 1
        self.offset = (
            len(bot_process.runs[self.first_run].process.log_text()) if bot_process.runs else 0
        )
        self.calls_before = bot_process.telegram.state()["call_count"]

    def check(self, *, allowed: tuple[str, ...] | None) -> None:
        """Fail the test on a crash; and on errors, unless `allowed` is () (all allowed) or
        names the only ones that occurred (substrings of the log line or API error)."""
        runs = self.bot_process.runs[max(self.first_run, 0) :]
        if runs:
            last = runs[-1].process
            if not last.is_running and last.proc.returncode not in (0, -signal.SIGKILL):
                pytest.fail(f"counsel-bot died during the test\n{self.bot_process.log_tail()}")
        if allowed == ():
            return
        logged = "".join(
            run.process.log_text()[self.offset if i == 0 else 0 :] for i, run in enumerate(runs)
        )
        problems = [
            line
            for line in logged.splitlines()
            if " ERROR " in line or " CRITICAL " in line or "Traceback" in line
        ]
        problems += [
            f"Bot API {c['method']} failed: {c['error']}"
            for c in self.bot_process.telegram.calls(since=self.calls_before)
            if "error" in c
        ]
        problems = [p for p in problems if not any(a in p for a in allowed or ())]
        if problems:
            pytest.fail(
                "the bot logged or caused errors during the test:\n" + "\n".join(problems[:20])
            )


def _allowed_errors(request: pytest.FixtureRequest) -> tuple[str, ...] | None:
    """From `@pytest.mark.allow_bot_errors("text", ...)`: () allows every error."""
    marker = request.node.get_closest_marker("allow_bot_errors")
    return None if marker is None else tuple(str(a) for a in marker.args)


@pytest.fixture
def bot(bot_process: BotProcess, request: pytest.FixtureRequest) -> Iterator[BotProcess]:
    """The bot, polling, for one test; the test fails if the bot crashed or logged errors."""
    if bot_process.is_running and bot_process.mode != "polling":
        bot_process.stop()
    if not bot_process.is_running:
        bot_process.start()
    watch = ErrorWatch(bot_process)
    yield bot_process
    watch.check(allowed=_allowed_errors(request))


@pytest.fixture
def webhook_bot(bot_process: BotProcess, request: pytest.FixtureRequest) -> Iterator[BotProcess]:
    """The bot in webhook mode (WEBHOOK_URL, WEBHOOK_SECRET, PORT) for one test."""
    if bot_process.is_running:
        bot_process.stop()
    bot_process.start(webhook=True)
    watch = ErrorWatch(bot_process)
    yield bot_process
    exit_code = bot_process.stop()
    watch.check(allowed=_allowed_errors(request))
    assert exit_code == 0


@pytest.fixture
def telegram(emulator: EmulatorProcess, bot_process: BotProcess) -> Iterator[Telegram]:
    client = Telegram(emulator.url, diagnostics=bot_process.log_tail)
    yield client
    client.close()


_user_ids = itertools.count(8_100_001)


@pytest.fixture
def new_user() -> Callable[..., User]:
    """A user id nobody else in the run has written from."""

    def make(first_name: str = "부모", username: str | None = None) -> User:
        return User(next(_user_ids), first_name, username)

    return make


@pytest.fixture
def admin() -> User:
    """The admin from ADMIN_USER_IDS (staff by bootstrap)."""
    return User(ADMIN_ID, "관리자", "center_admin")
