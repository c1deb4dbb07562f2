"""Webhook mode: an update whose processing is cut off by SIGKILL is answered after the
restart, because the bot answers Telegram's POST only once the update was processed.

(With an answer on arrival, as PTB's own webhook gives, Telegram forgets the update and
the parent never hears back.)"""

from __future__ import annotations

import time

from tests.e2e.client import User
from tests.faults.world import World

POSTED_SECONDS = 1.5


def test_update_killed_mid_processing_is_delivered_again_and_answered_once(
    server_binaries: None,
) -> None:
    with World(webhook=True) as world:
        tg = world.tg
        parent = User(7_300_001, "웹훅부모")
        world.postgres.freeze()  # the update's first statement hangs: nothing is committed
        try:
            sent = tg.send(parent, "/help")
            # Posted and held in the bot, its guard waiting on the database (which would
            # give up after 3 s with an apology).
            time.sleep(POSTED_SECONDS)
            world.kill_now()
        finally:
            world.postgres.thaw()
        world.restart_after_kill()
        tg.reply(sent, timeout=30)
        assert len(tg.bot_messages(parent)) == 1
