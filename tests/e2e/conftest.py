"""End-to-end fixtures: see `tests/e2e/harness.py`."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

import pytest

from tests.e2e.harness import (  # noqa: F401 - fixtures are found by name
    admin,
    bot,
    bot_process,
    e2e_database_url,
    e2e_dir,
    emulator,
    new_user,
    stop_bots,
    telegram,
    webhook_bot,
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "allow_bot_errors(*texts): the test provokes errors the bot logs; with "
        "texts, only errors containing one of them",
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(
    item: pytest.Item, nextitem: pytest.Item | None
) -> Generator[None, None, None]:
    """After the last end-to-end test, stop the bot instead of idling through other tests."""
    result = yield
    here = Path(__file__).parent
    if nextitem is None or here not in nextitem.path.parents:
        stop_bots()
    return result
