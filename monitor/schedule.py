"""When a feed is polled next.  Pure: the caller passes ``now``.

The database holds every piece of schedule state (``feeds.next_poll``,
``consecutive_failures``), so a restart resumes where the last run stopped.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

MIN_INTERVAL = 60.0  # never poll one feed more than once a minute
MAX_WAIT = 24 * 3600.0  # never wait more than a day: a feed is never dropped
JITTER = 0.1  # up to 10% later, so feeds added together drift apart


def jitter(key: str, seconds: float) -> float:
    """A deterministic spread of up to ``JITTER * seconds`` for ``key``."""
    digest = hashlib.blake2b(key.encode(), digest_size=4).digest()
    return seconds * JITTER * int.from_bytes(digest, "big") / 0xFFFFFFFF


def clamp(seconds: float, low: float = MIN_INTERVAL, high: float = MAX_WAIT) -> float:
    return max(low, min(high, seconds))


def next_after_success(
    now: datetime, name: str, interval: float, ttl_minutes: int | None = None
) -> datetime:
    """The next poll after a good answer: the interval, stretched to the feed's
    ``<ttl>`` when it asks for longer, plus jitter."""
    wait = interval
    if ttl_minutes:
        wait = max(wait, ttl_minutes * 60.0)
    wait = clamp(wait)
    return now + timedelta(seconds=wait + jitter(f"{name}@{now.isoformat()}", wait))


def backoff(interval: float, failures: int) -> float:
    """Growing wait after ``failures`` consecutive failures (1, 2, …): the
    interval doubled per failure, capped at a day."""
    # The exponent is capped: a feed failing every minute for years must not
    # overflow a float (2**30 intervals is far past the one-day cap anyway).
    return clamp(interval * (2 ** min(max(0, failures - 1), 30)))


def next_after_failure(
    now: datetime, name: str, interval: float, failures: int, retry_after: float | None = None
) -> datetime:
    """The next poll after a failure.  A server's Retry-After is honoured,
    clamped to [MIN_INTERVAL, MAX_WAIT]: negative, garbage (None) or huge
    values never stall a feed for ever nor make us hammer it."""
    wait = backoff(interval, failures)
    if retry_after is not None:
        wait = max(wait, clamp(retry_after))
    return now + timedelta(seconds=wait + jitter(f"{name}@{now.isoformat()}", min(wait, 3600)))
