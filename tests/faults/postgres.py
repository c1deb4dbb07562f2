"""A private PostgreSQL cluster on a spare port, for outages and freezes.

Started from the installed server binaries (`initdb`, `postgres`), stopped by its own pid:

* `outage()`: the postmaster gets SIGQUIT (immediate shutdown, like a crash), the port is
  closed; `start()` brings it back (crash recovery);
* `freeze()` / `thaw()`: SIGSTOP / SIGCONT to the postmaster and every child process: the
  port accepts connections, nothing answers.

Under root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Final

START_TIMEOUT: Final = 30.0


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def find_bin_dir() -> Path:
    """The directory holding `initdb` and `postgres` (PG_BIN_DIR, the newest
    /usr/lib/postgresql/*/bin, or PATH)."""
    candidates = [os.environ.get("PG_BIN_DIR", "")]
    installed = Path("/usr/lib/postgresql").glob("*/bin")
    candidates += sorted(
        (str(p) for p in installed if p.parent.name.isdigit()),
        key=lambda p: int(p.split("/")[-2]),
        reverse=True,
    )
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).resolve().parent))
    for candidate in candidates:
        if candidate and all((Path(candidate) / name).exists() for name in ("initdb", "postgres")):
            return Path(candidate)
    raise PostgresUnavailableError("no initdb/postgres found (set PG_BIN_DIR)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PrivatePostgres:
    """One throwaway cluster in `workdir` (trust auth, user postgres, database postgres)."""

    def __init__(self, workdir: Path | None = None, *, port: int | None = None) -> None:
        self.bin_dir = find_bin_dir()
        self._user = _server_user()
        if workdir is None or self._user is not None:
            # The server user must reach its directory: under root, one of its own in /tmp.
            workdir = Path(tempfile.mkdtemp(prefix="counsel-faults-pg-"))
            workdir.chmod(0o755)
        self.workdir = workdir
        self.data = workdir / "pgdata"
        self.sockets = workdir / "pgsock"
        self.log_path = workdir / "postgres.log"
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self._frozen: list[int] = []
        self._initdb()

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _as_server_user(self) -> dict[str, Any]:
        if self._user is None:
            return {}
        return {"user": self._user.pw_uid, "group": self._user.pw_gid, "extra_groups": []}

    def _chown(self, path: Path) -> None:
        if self._user is not None:
            os.chown(path, self._user.pw_uid, self._user.pw_gid)

    def _initdb(self) -> None:
        for path in (self.workdir, self.data, self.sockets):
            path.mkdir(parents=True, exist_ok=True)
            self._chown(path)
        self.log_path.touch()
        self._chown(self.log_path)
        done = subprocess.run(  # noqa: S603 - the installed server binaries
            [
                str(self.bin_dir / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            check=False,
            capture_output=True,
            cwd=self.workdir,
            **self._as_server_user(),
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr.decode(errors='replace')[-2000:]}")

    def start(self) -> None:
        """Start the server and wait until it accepts queries."""
        if self.proc is not None and self.proc.poll() is None:
            raise RuntimeError("the private PostgreSQL is already running")
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(  # noqa: S603 - the installed server binary
            [
                str(self.bin_dir / "postgres"),
                "-D",
                str(self.data),
                "-p",
                str(self.port),
                "-k",
                str(self.sockets),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200",
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            cwd=self.workdir,
            **self._as_server_user(),
        )
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._accepts_queries():
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"postgres exited with {self.proc.returncode}: {self.log_tail()}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(f"postgres did not start: {self.log_tail()}")
            time.sleep(0.1)

    def _accepts_queries(self) -> bool:
        result = subprocess.run(  # noqa: S603 - the installed client binary
            [
                str(self.bin_dir / "pg_isready"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-t",
                "1",
            ],
            capture_output=True,
            check=False,
        )
        return result.returncode == 0

    def outage(self) -> None:
        """Immediate shutdown by the postmaster's pid (SIGQUIT): connections drop at once."""
        proc = self._running()
        proc.send_signal(signal.SIGQUIT)
        proc.wait(START_TIMEOUT)

    def freeze(self) -> list[int]:
        """SIGSTOP the postmaster and its children; the pids stopped."""
        pids = [self._running().pid, *_children(self._running().pid)]
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        self._frozen = pids
        return pids

    def thaw(self) -> None:
        for pid in self._frozen:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        self._frozen = []

    def stop(self) -> None:
        """Fast shutdown (SIGINT); SIGKILL if it hangs."""
        self.thaw()
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(START_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(START_TIMEOUT)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def _running(self) -> subprocess.Popen[bytes]:
        if self.proc is None or self.proc.poll() is not None:
            raise RuntimeError("the private PostgreSQL is not running")
        return self.proc

    def log_tail(self, lines: int = 20) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def _server_user() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresUnavailableError("running as root and no 'postgres' user") from None


def _children(parent: int) -> list[int]:
    """Pids whose parent is `parent` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found
