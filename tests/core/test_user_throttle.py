"""The per-user token bucket, with a clock that moves only when told to."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FixedClock
from bot.throttle import Limit, UserThrottle

START = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
LIMIT = Limit(per_second=2.0, burst=5)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START, ZoneInfo("Asia/Seoul"))


def _admitted(throttle: UserThrottle, user_id: int, tries: int) -> int:
    return sum(throttle.admit(user_id) for _ in range(tries))


def test_a_burst_is_admitted_then_refused(clock: FixedClock) -> None:
    throttle = UserThrottle(clock, LIMIT)
    assert _admitted(throttle, 1, 200) == 5


def test_tokens_come_back_at_the_rate(clock: FixedClock) -> None:
    throttle = UserThrottle(clock, LIMIT)
    _admitted(throttle, 1, 5)
    clock.advance(seconds=0.4)
    assert not throttle.admit(1)  # 0.8 of a token
    clock.advance(seconds=0.1)
    assert throttle.admit(1)
    assert not throttle.admit(1)
    clock.advance(seconds=10)
    assert _admitted(throttle, 1, 20) == 5  # never more than the burst


def test_users_have_their_own_buckets(clock: FixedClock) -> None:
    throttle = UserThrottle(clock, LIMIT)
    assert _admitted(throttle, 1, 50) == 5
    assert _admitted(throttle, 2, 3) == 3


def test_the_refusal_is_told_once_per_burst(clock: FixedClock) -> None:
    throttle = UserThrottle(clock, LIMIT)
    _admitted(throttle, 1, 50)
    assert [throttle.first_refusal(1) for _ in range(3)] == [True, False, False]
    clock.advance(seconds=1)  # two tokens back, still a burst
    _admitted(throttle, 1, 50)
    assert not throttle.first_refusal(1)
    clock.advance(seconds=2.5)  # full again: the burst is over
    _admitted(throttle, 1, 50)
    assert throttle.first_refusal(1)


def test_staff_get_a_larger_bucket_at_once(clock: FixedClock) -> None:
    throttle = UserThrottle(clock, LIMIT)
    _admitted(throttle, 1, 5)
    assert not throttle.is_role_known(1)
    throttle.set_role(1, is_staff=True)
    throttle.set_role(1, is_staff=True)  # told twice: the room is given once
    assert throttle.is_role_known(1)
    assert throttle.staff_limit == Limit(per_second=8.0, burst=20)
    assert _admitted(throttle, 1, 100) == 15
    clock.advance(seconds=1)
    assert _admitted(throttle, 1, 100) == 8


def test_a_parents_role_is_remembered_without_more_room(clock: FixedClock) -> None:
    throttle = UserThrottle(clock, LIMIT)
    _admitted(throttle, 2, 5)
    throttle.set_role(2, is_staff=False)
    assert throttle.is_role_known(2)
    assert not throttle.admit(2)


def test_a_clock_going_back_adds_nothing(clock: FixedClock) -> None:
    throttle = UserThrottle(clock, LIMIT)
    _admitted(throttle, 1, 5)
    clock.advance(seconds=-30)
    assert not throttle.admit(1)


def test_idle_users_are_forgotten_when_many_are_tracked(clock: FixedClock) -> None:
    throttle = UserThrottle(clock, LIMIT, max_users=3)
    for user_id in (1, 2, 3):
        throttle.admit(user_id)
    _admitted(throttle, 3, 10)  # user 3 is still in a burst
    clock.advance(seconds=1)  # 1 and 2 are full again
    throttle.admit(4)
    assert len(throttle) == 2
    assert _admitted(throttle, 3, 10) == 2  # the busy one was kept (a new one has 5)


@pytest.mark.parametrize(("per_second", "burst"), [(0.0, 5), (-1.0, 5), (1.0, 0)])
def test_a_limit_needs_a_rate_and_a_burst(per_second: float, burst: int) -> None:
    with pytest.raises(ValueError, match="positive rate"):
        Limit(per_second, burst)
