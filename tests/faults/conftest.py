"""Fixtures of the fault tests."""

from __future__ import annotations

import os

import pytest

from tests.faults.postgres import PostgresUnavailableError, find_bin_dir


@pytest.fixture(scope="module")
def server_binaries() -> None:
    """The fault tests start their own PostgreSQL: missing binaries fail in CI, skip
    elsewhere."""
    try:
        find_bin_dir()
    except PostgresUnavailableError as exc:
        if os.environ.get("CI"):
            pytest.fail(str(exc))
        pytest.skip(str(exc))
