"""When a feed is polled next.  Pure: the caller passes ``now``, the counts and
the header values; nothing here reads a clock, the database or the network.

The database holds every piece of schedule state (``feeds.next_poll``,
``consecutive_failures``, ``effective_interval``, the sightings the entry
frequency is counted from), so a restart resumes where the last run stopped.

After a good answer the wait is worked out in three steps:

1. the base interval: the feed's configured ``interval``, or, when intervals
   adapt, its *entry frequency* (Miniflux's ``entry_frequency`` scheduler):
   one week divided by the entries it published in the last week, within
   ``[min_interval, max_interval]`` (:func:`adaptive_interval`);
2. the publisher's hints stretch it, never shorten it: RSS ``<ttl>``,
   ``sy:updatePeriod``/``sy:updateFrequency`` and ``Cache-Control: max-age``,
   up to ``max_interval`` at most: a feed is never dropped (:func:`success_wait`);
3. a deterministic jitter of up to 10% (:func:`due_at`).

After a failure the wait doubles per consecutive failure, up to a day, and a
server's ``Retry-After`` is honoured (:func:`next_after_failure`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

MIN_INTERVAL = 60.0  # never poll one feed more than once a minute
MAX_WAIT = 24 * 3600.0  # never wait more than a day by default: a feed is never dropped
JITTER = 0.1  # up to 10% later, so feeds added together drift apart
WEEK = 7 * 86400.0
# The entry frequency is known once the feed's entries have been watched for a
# day; until then the configured interval is used.
MIN_OBSERVED = 86400.0
# A publisher hint above this is nonsense (sy:updatePeriod "yearly").
MAX_HINT = 7 * 86400

_SY_PERIODS = {
    "hourly": 3600,
    "daily": 86400,
    "weekly": 7 * 86400,
    "monthly": 30 * 86400,
    "yearly": 365 * 86400,
}
_SMALL_INT = re.compile(r"\d{1,9}")
_MAX_AGE = re.compile(r'^\s*max-age\s*=\s*"?(\d{1,12})"?\s*$', re.IGNORECASE)


@dataclass(frozen=True)
class Policy:
    """How intervals adapt (the ``[defaults]`` of the config).  The default
    keeps every feed on its configured interval."""

    adaptive: bool = False
    min_interval: float = 300.0
    max_interval: float = MAX_WAIT
    # Feeds with their own configured ``interval``: it overrides adaptation.
    fixed: frozenset[str] = frozenset()

    def adapts(self, name: str) -> bool:
        return self.adaptive and name not in self.fixed


def jitter(key: str, seconds: float) -> float:
    """A deterministic spread of up to ``JITTER * seconds`` for ``key``."""
    digest = hashlib.blake2b(key.encode(), digest_size=4).digest()
    return seconds * JITTER * int.from_bytes(digest, "big") / 0xFFFFFFFF


def clamp(seconds: float, low: float = MIN_INTERVAL, high: float = MAX_WAIT) -> float:
    return max(low, min(high, seconds))


def weekly_entries(new_entries: int, first_seen: datetime | None, now: datetime) -> float | None:
    """The feed's entries per week, or ``None`` while it is not known.

    ``new_entries`` counts the entries first seen in the last week, not
    counting the first batch (the backlog a feed shows when it is added says
    nothing about how often it publishes); ``first_seen`` is when that first
    batch was seen.  The count is scaled up to a week while the feed has been
    watched for less than one, and is unknown before a day of watching."""
    if first_seen is None:
        return None
    observed = (now - first_seen).total_seconds()
    if observed < MIN_OBSERVED:
        return None
    return max(0, new_entries) * WEEK / min(observed, WEEK)


def adaptive_interval(weekly: float | None, base: float, low: float, high: float) -> float:
    """Miniflux's entry frequency: one week divided by the entries a week,
    within ``[low, high]``.  Unknown (``None``): ``base``.  A feed that
    published nothing in a week is polled every ``high``."""
    if weekly is None:
        return base
    if weekly <= 0:
        return clamp(high, low, high)
    return clamp(WEEK / weekly, low, high)


def sy_update_seconds(period: object, frequency: object) -> int | None:
    """The RSS syndication module's ``sy:updatePeriod`` (``hourly``, ``daily``,
    … ; ``daily`` when only the frequency is given) divided by
    ``sy:updateFrequency`` (default 1), in seconds.  ``None`` when neither is
    given or either is garbage; capped at a week."""
    if period is None and frequency is None:
        return None
    seconds = _SY_PERIODS.get(str(period or "daily").strip().lower())
    times = str(frequency if frequency is not None else "1").strip()
    if seconds is None or not _SMALL_INT.fullmatch(times) or int(times) == 0:
        return None
    return min(MAX_HINT, max(1, seconds // int(times)))


def max_age(cache_control: str | None) -> float | None:
    """``max-age`` of a ``Cache-Control`` header, in seconds; ``None`` when it
    is absent or garbage, or with ``no-cache``/``no-store`` (which say nothing
    about how often the content changes)."""
    if not cache_control:
        return None
    found: float | None = None
    for directive in cache_control.split(","):
        name = directive.split("=", 1)[0].strip().lower()
        if name in ("no-cache", "no-store"):
            return None
        if match := _MAX_AGE.match(directive):
            found = float(match.group(1))
    return found


def success_wait(
    interval: float,
    *,
    ttl_minutes: int | None = None,
    update_seconds: float | None = None,
    max_age: float | None = None,
    high: float = MAX_WAIT,
) -> float:
    """The wait before the next poll after a good answer, before jitter: the
    ``interval``, stretched to the longest the publisher asks for (``<ttl>``,
    ``sy:updatePeriod``, ``Cache-Control: max-age``: never poll more often
    than that), but never past ``high`` (``max_interval``) nor under a
    minute.  A configured interval longer than ``high`` is kept."""
    wait = interval
    for hint in (ttl_minutes * 60.0 if ttl_minutes else None, update_seconds, max_age):
        if hint and hint > wait:
            wait = hint
    return clamp(wait, MIN_INTERVAL, max(high, interval))


def due_at(now: datetime, name: str, wait: float) -> datetime:
    """``now + wait``, plus this feed's jitter of up to 10% of ``wait``."""
    return now + timedelta(seconds=wait + jitter(f"{name}@{now.isoformat()}", wait))


def next_after_success(
    now: datetime,
    name: str,
    interval: float,
    ttl_minutes: int | None = None,
    *,
    update_seconds: float | None = None,
    max_age: float | None = None,
    high: float = MAX_WAIT,
) -> datetime:
    """The next poll after a good answer: :func:`success_wait` plus jitter."""
    wait = success_wait(
        interval,
        ttl_minutes=ttl_minutes,
        update_seconds=update_seconds,
        max_age=max_age,
        high=high,
    )
    return due_at(now, name, wait)


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


def format_duration(seconds: float) -> str:
    """``5400`` -> ``"1h30m"``, ``45`` -> ``"45s"``, ``90000`` -> ``"1d1h"``: the
    two largest units, as the config writes durations."""
    total = max(0, round(seconds))
    parts: list[str] = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if total >= size or (unit == "s" and not parts):
            parts.append(f"{total // size}{unit}")
            total %= size
        if len(parts) == 2:
            break
    return "".join(parts)
