"""When a failed webhook delivery is tried again.  Pure: the caller passes ``now``
and a ``random.Random`` (seeded in tests).

The schedule starts as the one Standard Webhooks recommends: attempt 1 at once,
then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after each failure (27.6 hours).
Three more attempts 14 h apart stretch it to about three days (69 h 35 min 5 s
before jitter, 11 attempts), so a receiver that is down over a long weekend
still gets its messages.  Each wait is jittered by
up to ±10% so that deliveries that failed together (a receiver outage) do not
all come back in the same second.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Literal

__all__ = [
    "JITTER",
    "MAX_ATTEMPTS",
    "RETRY_AFTER_MAX",
    "RETRY_AFTER_MIN",
    "SCHEDULE",
    "Outcome",
    "classify",
    "next_attempt",
    "total_window",
]

# SCHEDULE[n - 1] is the wait after attempt n failed.
SCHEDULE: tuple[timedelta, ...] = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
    timedelta(hours=14),
    timedelta(hours=14),
    timedelta(hours=14),
)
MAX_ATTEMPTS = len(SCHEDULE) + 1  # the first attempt is not a retry
JITTER = 0.1
RETRY_AFTER_MIN = timedelta(seconds=1)
RETRY_AFTER_MAX = timedelta(hours=24)

Outcome = Literal["delivered", "retry", "disable"]


def total_window() -> timedelta:
    """From the first attempt to the last one, without jitter (69 h 35 min 5 s)."""
    return sum(SCHEDULE, timedelta())


def next_attempt(
    attempt_number: int,
    now: datetime,
    rng: random.Random,
    retry_after: timedelta | None = None,
) -> datetime | None:
    """When to make the next attempt after attempt ``attempt_number`` (1-based)
    failed at ``now``; None when that was the last one: give up.

    The wait is the schedule's, jittered by ±10%.  A receiver's Retry-After
    (already parsed; see ``monitor.net.fetch.parse_retry_after``) is honoured as a
    lower bound, clamped to [1 s, 24 h] so that garbage, zero or huge values
    neither hammer the receiver nor park the delivery for ever; it only delays
    and never adds attempts.  ValueError for an attempt number below 1 or a
    naive ``now``.
    """
    if isinstance(attempt_number, bool) or attempt_number < 1:
        raise ValueError(f"attempt_number counts from 1: {attempt_number!r}")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    if attempt_number >= MAX_ATTEMPTS:
        return None
    wait = SCHEDULE[attempt_number - 1] * rng.uniform(1 - JITTER, 1 + JITTER)
    if retry_after is not None:
        asked = min(RETRY_AFTER_MAX, max(RETRY_AFTER_MIN, retry_after))
        # Jitter upwards only: never earlier than the receiver asked, but a batch
        # rate-limited together still comes back spread out.
        wait = max(wait, asked * rng.uniform(1, 1 + JITTER))
    return now + wait


def classify(status: int | None) -> Outcome:
    """What a webhook answer means for the delivery.

    2xx: delivered.  410 Gone: the receiver asks us to stop; disable the endpoint.
    Everything else is a failure to retry: 3xx too (redirects are not followed:
    a receiver must give its final URL, and following would let a receiver bounce
    signed payloads elsewhere), 429 (with Retry-After, see :func:`next_attempt`),
    other 4xx and 5xx, and None (network error, timeout, no answer).
    ValueError for a number that is not an HTTP status (outside 100..999).
    """
    if status is None:
        return "retry"
    if isinstance(status, bool) or not 100 <= status <= 999:
        raise ValueError(f"not an HTTP status: {status!r}")
    if 200 <= status < 300:
        return "delivered"
    if status == 410:
        return "disable"
    return "retry"
