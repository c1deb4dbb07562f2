"""Flood control on one chat holds back that chat only."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from telegram.error import RetryAfter

from bot.runtime.ratelimit import PerChatRateLimiter

PARENT_A, PARENT_B = 101, 102
# PTB warns of RetryAfter's retry_after type changing in its next major version.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def test_a_429_on_one_chat_does_not_hold_another() -> None:
    limiter = PerChatRateLimiter(max_retries=3)
    calls: list[str] = []
    b_done = asyncio.Event()

    async def send_to_a() -> bool:
        calls.append("a")
        if calls.count("a") == 1:
            raise RetryAfter(timedelta(seconds=1))
        return True

    async def send_to_b() -> bool:
        calls.append("b")
        b_done.set()
        return True

    a = asyncio.create_task(
        limiter.process_request(send_to_a, (), {}, "sendMessage", {"chat_id": PARENT_A}, None)
    )
    await asyncio.sleep(0)  # A's first call is refused and A waits out its retry_after
    b = await limiter.process_request(
        send_to_b, (), {}, "sendMessage", {"chat_id": PARENT_B}, None
    )
    assert b is True
    assert calls == ["a", "b"]  # B went first while A was held
    assert await a is True
    assert calls == ["a", "b", "a"]


async def test_calls_to_the_held_chat_wait_and_retries_end() -> None:
    limiter = PerChatRateLimiter(max_retries=1)

    async def always_flooded() -> bool:
        raise RetryAfter(timedelta(seconds=1))

    with pytest.raises(RetryAfter):
        await limiter.process_request(
            always_flooded, (), {}, "sendMessage", {"chat_id": str(PARENT_A)}, None
        )
