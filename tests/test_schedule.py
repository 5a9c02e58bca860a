"""The pure scheduling rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from monitor.schedule import MAX_WAIT, MIN_INTERVAL, backoff, next_after_failure, next_after_success

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def test_backoff_doubles_and_is_capped_without_overflow() -> None:
    assert [backoff(900, n) for n in (1, 2, 3)] == [900, 1800, 3600]
    assert backoff(900, 50) == MAX_WAIT
    assert backoff(900, 100_000) == MAX_WAIT


def test_success_waits_the_interval_or_the_feeds_ttl_plus_bounded_jitter() -> None:
    wait = next_after_success(NOW, "f", 900) - NOW
    assert timedelta(seconds=900) <= wait <= timedelta(seconds=990)
    wait = next_after_success(NOW, "f", 900, ttl_minutes=120) - NOW
    assert timedelta(hours=2) <= wait <= timedelta(hours=2, minutes=12)


def test_retry_after_is_clamped() -> None:
    def wait(retry_after: float | None) -> timedelta:
        return next_after_failure(NOW, "f", 60, 1, retry_after) - NOW

    assert wait(-100) >= timedelta(seconds=MIN_INTERVAL)
    assert timedelta(hours=24) <= wait(1e12) <= timedelta(hours=25)
    assert timedelta(hours=2) <= wait(7200) <= timedelta(hours=2, minutes=10)
