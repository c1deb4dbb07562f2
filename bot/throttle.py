"""Per-user rate limiting: a token bucket for each Telegram user, in memory.

A user may send `burst` updates at once and `per_second` on average after that; what comes
faster is refused, so that one user's flood cannot slow everybody else down. The first
refusal of a burst is reported once (`first_refusal`), so the user hears about it a single
time; the burst is over when the bucket has filled up again.

The buckets live in the process: with several workers each applies the limit on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from bot.clock import Clock


@dataclass(frozen=True)
class Limit:
    per_second: float  # tokens added back each second
    burst: int  # the bucket's size: updates allowed at once

    def __post_init__(self) -> None:
        if self.per_second <= 0 or self.burst < 1:
            raise ValueError("a limit needs a positive rate and a burst of at least 1")

    def scaled(self, factor: int) -> Limit:
        return Limit(self.per_second * factor, self.burst * factor)


#: Parents: a long story Telegram splits into several messages, or an album of photos,
#: fits in the burst; a person typing or tapping never reaches one per second for long.
PARENT_LIMIT: Final = Limit(per_second=1.0, burst=15)
#: Staff work through lists and cards quickly, but a stuck client or a misused account
#: must not starve the parents either: a higher limit, not none.
STAFF_FACTOR: Final = 4
MAX_TRACKED_USERS: Final = 10_000


@dataclass
class _Bucket:
    tokens: float
    at: datetime
    limit: Limit
    is_refusal_told: bool = False
    is_role_known: bool = False


class UserThrottle:
    """Token buckets by user id; `clock` drives the refill (a fixed clock in tests)."""

    def __init__(
        self, clock: Clock, limit: Limit = PARENT_LIMIT, *, max_users: int = MAX_TRACKED_USERS
    ) -> None:
        self._clock = clock
        self._limit = limit
        self.staff_limit = limit.scaled(STAFF_FACTOR)
        self._max_users = max_users
        self._buckets: dict[int, _Bucket] = {}

    def admit(self, user_id: int) -> bool:
        """Take one token; False (nothing taken) when the user is over their limit."""
        bucket = self._refilled(user_id)
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return True
        return False

    def first_refusal(self, user_id: int) -> bool:
        """True for the first refused update of a burst only (tell the user once)."""
        bucket = self._refilled(user_id)
        if bucket.is_refusal_told:
            return False
        bucket.is_refusal_told = True
        return True

    def set_role(self, user_id: int, *, is_staff: bool) -> None:
        """Remember whether the user is staff; staff get the larger bucket, and its extra
        room at once."""
        bucket = self._refilled(user_id)
        bucket.is_role_known = True
        if is_staff and bucket.limit != self.staff_limit:
            bucket.tokens += max(self.staff_limit.burst - bucket.limit.burst, 0)
            bucket.limit = self.staff_limit

    def is_role_known(self, user_id: int) -> bool:
        """Whether `set_role` was told about this user (since their bucket was last idle)."""
        bucket = self._buckets.get(user_id)
        return bucket is not None and bucket.is_role_known

    def _refilled(self, user_id: int) -> _Bucket:
        now = self._clock.now()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= self._max_users:
                self._forget_idle(now)
            bucket = _Bucket(float(self._limit.burst), now, self._limit)
            self._buckets[user_id] = bucket
            return bucket
        elapsed = max((now - bucket.at).total_seconds(), 0.0)
        bucket.tokens = min(
            float(bucket.limit.burst), bucket.tokens + elapsed * bucket.limit.per_second
        )
        bucket.at = now
        if bucket.tokens >= bucket.limit.burst:  # full again: the burst is over
            bucket.is_refusal_told = False
        return bucket

    def _forget_idle(self, now: datetime) -> None:
        """Drop the buckets that have filled up again (a new one starts full anyway)."""
        for user_id, bucket in list(self._buckets.items()):
            elapsed = max((now - bucket.at).total_seconds(), 0.0)
            if bucket.tokens + elapsed * bucket.limit.per_second >= bucket.limit.burst:
                del self._buckets[user_id]

    def __len__(self) -> int:
        return len(self._buckets)
