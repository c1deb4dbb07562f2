"""The end-to-end processes: the emulator and `counsel-bot run`, started and stopped by pid.

Every process is stopped by its own pid: SIGTERM, wait, SIGKILL after a timeout. On Linux a
child also gets SIGTERM if pytest itself dies, so nothing is left running.
"""

from __future__ import annotations

import itertools
import os
import select
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from tests.e2e.client import Telegram, wait_until

ROOT: Final = Path(__file__).resolve().parents[2]
TOKEN: Final = "7000000001:E2E-emulator-token-not-a-secret"  # noqa: S105 - test value
TEAM_CHAT_ID: Final = -1009000000001
ADMIN_ID: Final = 9100001
WEBHOOK_ORIGIN: Final = "https://counsel-bot.e2e.invalid:8443"
WEBHOOK_SECRET: Final = "e2e-webhook-secret_0123456789"  # noqa: S105 - test value
FIRST_UPDATE_ID: Final = 730_000_001  # Telegram's update ids are large numbers too
START_TIMEOUT: Final = 30.0
STOP_TIMEOUT: Final = 15.0
_ENV_PASSTHROUGH: Final = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT", "TZ")


# Starts the real command with PR_SET_PDEATHSIG set (Linux), so that if pytest itself is killed,
# its children get SIGTERM instead of running on; the setting survives exec.
_LAUNCHER: Final = (
    "import ctypes, os, signal, sys\n"
    "try:\n"
    "    ctypes.CDLL('libc.so.6', use_errno=True).prctl(1, signal.SIGTERM)\n"
    "except (OSError, AttributeError):\n"
    "    pass\n"
    "os.execv(sys.argv[1], sys.argv[1:])\n"
)


class ManagedProcess:
    """A child process with its output in a log file; stopped only through its own pid."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        *,
        env: dict[str, str],
        cwd: Path,
        log_path: Path,
        capture_stdout: bool = False,
    ) -> None:
        self.name = name
        self.log_path = log_path
        self._log = log_path.open("ab")
        if sys.platform == "linux":
            argv = [sys.executable, "-c", _LAUNCHER, *argv]
        self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and scripts
            argv,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if capture_stdout else self._log,
            stderr=self._log,
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def is_running(self) -> bool:
        return self.proc.poll() is None

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_tail(self, lines: int = 40) -> str:
        tail = "\n".join(self.log_text().splitlines()[-lines:])
        return f"--- last lines of {self.name} log ({self.log_path}) ---\n{tail}"

    def stop(self, timeout: float = STOP_TIMEOUT) -> int:
        """SIGTERM, wait; SIGKILL if it has not exited in `timeout` seconds. The exit code."""
        if self.is_running:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout)
        self._close()
        return int(self.proc.returncode)

    def kill(self) -> int:
        """SIGKILL, as an out-of-memory killer or a power cut would."""
        if self.is_running:
            self.proc.kill()
        self.proc.wait(STOP_TIMEOUT)
        self._close()
        return int(self.proc.returncode)

    def _close(self) -> None:
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._log.close()


class EmulatorProcess:
    """`python -m tests.e2e.emulator` on a free loopback port."""

    def __init__(self, log_dir: Path) -> None:
        self.process = ManagedProcess(
            "emulator",
            [
                sys.executable,
                "-m",
                "tests.e2e.emulator",
                "--port",
                "0",
                "--token",
                TOKEN,
                "--log-level",
                "INFO",
                "--first-update-id",
                str(FIRST_UPDATE_ID),
            ],
            env=_base_env(),
            cwd=ROOT,
            log_path=log_dir / "emulator.log",
            capture_stdout=True,
        )
        self.port = self._read_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def _read_port(self) -> int:
        stdout = self.process.proc.stdout
        assert stdout is not None
        ready, _, _ = select.select([stdout], [], [], START_TIMEOUT)
        line = stdout.readline().decode().strip() if ready else ""
        if not line.isdigit():
            self.process.stop()
            raise RuntimeError(
                f"the emulator did not print its port (got {line!r})\n{self.process.log_tail()}"
            )
        return int(line)

    def stop(self) -> int:
        return self.process.stop()


@dataclass
class BotRun:
    mode: str  # "polling" or "webhook"
    process: ManagedProcess
    port: int | None = None


class BotProcess:
    """Starts, stops, kills and restarts `counsel-bot run` against the emulator."""

    def __init__(
        self, *, emulator: EmulatorProcess, telegram: Telegram, database_url: str, workdir: Path
    ) -> None:
        self.emulator = emulator
        self.telegram = telegram
        self.database_url = database_url
        self.workdir = workdir
        self.runs: list[BotRun] = []
        self._starts = itertools.count(1)

    @property
    def run(self) -> BotRun | None:
        return self.runs[-1] if self.runs else None

    @property
    def is_running(self) -> bool:
        return self.run is not None and self.run.process.is_running

    @property
    def mode(self) -> str | None:
        return self.run.mode if self.is_running and self.run else None

    def env(self, *, webhook_port: int | None = None) -> dict[str, str]:
        env = {
            **_base_env(),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": self.emulator.url,
            "DATABASE_URL": self.database_url,
            "FAQ_DIR": str(ROOT / "faq"),
            "TEAM_CHAT_ID": str(TEAM_CHAT_ID),
            "ADMIN_USER_IDS": str(ADMIN_ID),
            # Deliver team notifications within a fraction of a second, not 2 s.
            "OUTBOX_INTERVAL_SECONDS": "0.25",
            # Scripted users answer faster than people type.
            "RATE_LIMIT_BURST": "1000",
            "LOG_LEVEL": "INFO",
        }
        if webhook_port is not None:
            env.update(
                WEBHOOK_URL=WEBHOOK_ORIGIN, WEBHOOK_SECRET=WEBHOOK_SECRET, PORT=str(webhook_port)
            )
        return env

    def start(self, *, webhook: bool = False, extra_env: dict[str, str] | None = None) -> BotRun:
        """Start the bot and wait until it polls (or its webhook is set and listening)."""
        if self.is_running:
            raise RuntimeError("the bot is already running")
        number = next(self._starts)
        port = _free_port() if webhook else None
        calls_before = self.telegram.state()["get_updates_calls"]
        process = ManagedProcess(
            f"bot #{number}",
            [_counsel_bot(), "run"],
            env={**self.env(webhook_port=port), **(extra_env or {})},
            cwd=self.workdir,
            log_path=self.workdir / f"bot-{number}.log",
        )
        self.runs.append(BotRun("webhook" if webhook else "polling", process, port))
        if webhook:
            assert port is not None
            self.telegram.route_webhook(WEBHOOK_ORIGIN, f"http://127.0.0.1:{port}")
            wait_until(
                lambda: self._alive() and self._webhook_ready(port),
                timeout=START_TIMEOUT,
                what="the bot's webhook",
                diagnostics=self.log_tail,
            )
        else:
            wait_until(
                lambda: self._alive() and self._polling_since(calls_before),
                timeout=START_TIMEOUT,
                what="the bot to poll",
                diagnostics=self.log_tail,
            )
        return self.runs[-1]

    def stop(self) -> int:
        """SIGTERM (graceful); the exit code."""
        assert self.run is not None
        return self.run.process.stop()

    def stop_all(self) -> None:
        """Stop the running bot, and release the logs of every run (crashed ones too)."""
        for run in self.runs:
            run.process.stop()

    def kill(self) -> int:
        """SIGKILL; the exit code (-9)."""
        assert self.run is not None
        return self.run.process.kill()

    def log_text(self) -> str:
        return self.run.process.log_text() if self.run else ""

    def log_tail(self) -> str:
        return self.run.process.log_tail() if self.run else "(the bot was never started)"

    def _alive(self) -> bool:
        if self.run is not None and not self.run.process.is_running:
            raise AssertionError(
                f"counsel-bot exited with {self.run.process.proc.returncode}\n{self.log_tail()}"
            )
        return True

    def _polling_since(self, calls_before: int) -> bool:
        state = self.telegram.state()
        return bool(
            state["is_polling"]
            and state["get_updates_calls"] > calls_before
            and state["webhook"] is None
        )

    def _webhook_ready(self, port: int) -> bool:
        hook = self.telegram.state()["webhook"]
        if hook is None or not hook["url"].startswith(WEBHOOK_ORIGIN):
            return False
        with socket.socket() as probe:
            probe.settimeout(0.5)
            return probe.connect_ex(("127.0.0.1", port)) == 0


def _base_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k in _ENV_PASSTHROUGH}


def _counsel_bot() -> str:
    for candidate in (
        Path(sys.executable).with_name("counsel-bot"),
        ROOT / ".venv" / "bin" / "counsel-bot",
    ):
        if candidate.exists():
            return str(candidate)
    raise RuntimeError("the counsel-bot entry point is not installed in this environment")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
