"""Feed health and its operator notices, and the worker heartbeat, on a real
SQLite file with a fake clock (every time is passed in)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.storage.health import WorkerRow, check_heartbeat
from monitor.storage.outbox import ChannelSpec
from monitor.storage.store import FeedRow, FeedSpec, FetchLog, Store, StoreSettings
from monitor.types import FetchResult

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
URL = "https://news.example/f"


def _fail(store: Store, at: datetime, name: str = "news", *, paused: str | None = None) -> None:
    feed = _feed(store, name)
    log = FetchLog(URL, at, 5, 500, 0, "error", "HTTP 500")
    store.record_failure(feed, log, kind="http-500", next_poll=at, paused_reason=paused)


def _ok(store: Store, at: datetime, name: str = "news") -> None:
    feed = _feed(store, name)
    result = FetchResult(URL, URL, 304, {}, b"", 0.1)
    log = FetchLog(URL, at, 5, 304, 0, "not-modified")
    store.record_success(feed, log, result, None, body_hash=None, next_poll=at)


def _feed(store: Store, name: str) -> FeedRow:
    return next(f for f in store.feeds([name]) if f.name == name)


def _health(store: Store, name: str = "news") -> tuple[str | None, str | None]:
    row = store.db.execute(
        "SELECT failing_since, unhealthy_notified FROM feeds WHERE name = ?", [name]
    ).fetchone()
    return row[0], row[1]


def _outbox(store: Store) -> list[tuple[str, str, dict[str, object]]]:
    rows = store.db.execute("SELECT channel, event, payload FROM outbox ORDER BY id").fetchall()
    return [(c, e, json.loads(p)) for c, e, p in rows]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "monitor.db")
    s.sync_feeds([FeedSpec("news", URL, 900), FeedSpec("other", URL + "2", 900)], NOW)
    s.sync_channels(
        [
            ChannelSpec("ops", "webhook", "https://hooks.example/ops", operator=True),
            ChannelSpec("topics-only", "webhook", "https://hooks.example/t", operator=False),
        ],
        NOW,
    )
    yield s
    s.close()


def test_failing_since_marks_the_start_of_a_streak_and_a_success_clears_it(store: Store) -> None:
    _fail(store, NOW)
    _fail(store, NOW + timedelta(hours=1))
    assert _health(store) == ("2026-11-22T12:00:00+00:00", None)
    _ok(store, NOW + timedelta(hours=2))
    assert _health(store) == (None, None)
    assert _outbox(store) == []  # a short outage tells nobody
    _fail(store, NOW + timedelta(hours=3))
    assert _health(store)[0] == "2026-11-22T15:00:00+00:00"  # a new streak


def test_one_notice_after_a_day_of_failures_and_one_on_recovery(store: Store) -> None:
    _fail(store, NOW)
    _fail(store, NOW + timedelta(hours=23, minutes=59))
    assert _outbox(store) == []
    day = NOW + timedelta(hours=24)
    _fail(store, day)
    _fail(store, day + timedelta(hours=8))  # still failing: no second notice
    notices = _outbox(store)
    assert [(c, e) for c, e, _ in notices] == [("ops", "feed.failing")]  # operator channels only
    body = notices[0][2]
    assert body["type"] == "feed.failing" and body["timestamp"] == "2026-11-23T12:00:00+00:00"
    data = body["data"]
    assert isinstance(data, dict)
    assert data["feed"] == "news" and data["failing_since"] == "2026-11-22T12:00:00+00:00"
    assert (data["last_error"], data["consecutive_failures"], data["failing_for"]) == (
        "HTTP 500",
        3,
        "1d",
    )
    assert _health(store) == ("2026-11-22T12:00:00+00:00", "2026-11-23T12:00:00+00:00")
    row = store.db.execute("SELECT feed_id FROM outbox").fetchone()
    assert row[0] == _feed(store, "news").id

    _ok(store, day + timedelta(hours=10))
    assert [(c, e) for c, e, _ in _outbox(store)] == [
        ("ops", "feed.failing"),
        ("ops", "feed.recovered"),
    ]
    recovered = _outbox(store)[1][2]["data"]
    assert isinstance(recovered, dict)
    assert recovered["feed"] == "news" and recovered["failed_for"] == "1d10h"
    assert _health(store) == (None, None)
    _ok(store, day + timedelta(hours=11))
    assert len(_outbox(store)) == 2  # recovered once


def test_unhealthy_after_comes_from_the_config(store: Store) -> None:
    store.close()
    store = Store(store.path, StoreSettings(unhealthy_after=3600))
    _fail(store, NOW)
    _fail(store, NOW + timedelta(hours=1))
    assert [e for _, e, _ in _outbox(store)] == ["feed.failing"]


def test_without_an_operator_channel_the_feed_is_still_marked(tmp_path: Path) -> None:
    store = Store(tmp_path / "bare.db")
    store.sync_feeds([FeedSpec("news", URL, 900)], NOW)
    _fail(store, NOW)
    _fail(store, NOW + timedelta(days=2))
    assert _health(store)[1] == "2026-11-24T12:00:00+00:00"
    assert _outbox(store) == []
    store.close()


def test_the_sweep_reports_paused_and_backed_off_feeds_once(store: Store) -> None:
    _fail(store, NOW, paused="410 Gone: removed")  # paused: it will not be polled again
    _fail(store, NOW + timedelta(hours=2), "other")
    store.sync_feeds([FeedSpec("news", URL, 900)], NOW)  # "other" removed: disabled
    assert store.sweep_unhealthy(NOW + timedelta(hours=23)) == 0
    assert store.sweep_unhealthy(NOW + timedelta(hours=30)) == 1
    assert store.sweep_unhealthy(NOW + timedelta(hours=31)) == 0
    notices = _outbox(store)
    assert [(c, e) for c, e, _ in notices] == [("ops", "feed.failing")]
    data = notices[0][2]["data"]
    assert isinstance(data, dict) and data["paused_reason"] == "410 Gone: removed"
    assert _health(store, "other")[1] is None  # a disabled feed is not reported


def test_health_changes_are_part_of_the_poll_transaction(store: Store) -> None:
    """A failure to write the notice undoes the whole poll record."""

    class Broken(Store):
        def enqueue_operator(
            self, event: str, payload: dict[str, object], now: datetime, feed_id: int
        ) -> int:
            raise RuntimeError("outbox unavailable")

    _fail(store, NOW)
    store.close()
    broken = Broken(store.path)
    with pytest.raises(RuntimeError):
        _fail(broken, NOW + timedelta(days=1))
    assert broken.count("SELECT count(*) FROM fetches") == 1  # the second poll left nothing
    assert _health(broken) == ("2026-11-22T12:00:00+00:00", None)
    broken.close()


def test_feed_status_lists_failing_feeds_first(store: Store) -> None:
    _fail(store, NOW, "other")
    rows = store.feed_status()
    assert [r["name"] for r in rows] == ["other", "news"]
    assert rows[0]["failing_since"] == "2026-11-22T12:00:00+00:00"
    assert rows[0]["last_error"] == "HTTP 500"


# -- the worker heartbeat -------------------------------------------------------


def test_heartbeat_rows(store: Store) -> None:
    assert store.worker() is None
    store.worker_started(NOW, 4242, "box")
    assert store.worker_beat(NOW + timedelta(seconds=30), 4242)
    assert not store.worker_beat(NOW + timedelta(seconds=60), 999)  # not its row
    worker = store.worker()
    assert worker == WorkerRow(
        4242, "box", "2026-11-22T12:00:00+00:00", "2026-11-22T12:00:30+00:00", "running"
    )
    store.worker_stopped(NOW + timedelta(minutes=2), 4242)
    assert not store.worker_beat(NOW + timedelta(minutes=3), 4242)  # stopped stays stopped
    stopped = store.worker()
    assert stopped is not None and stopped.state == "stopped"
    store.worker_started(NOW + timedelta(hours=1), 5151, "box")  # a restart takes the row
    again = store.worker()
    assert again is not None and (again.pid, again.state) == (5151, "running")


def test_check_heartbeat() -> None:
    def row(age: float, state: str = "running") -> WorkerRow:
        beat = (NOW - timedelta(seconds=age)).isoformat()
        return WorkerRow(7, "box", beat, beat, state)

    ok, line = check_heartbeat(row(40), NOW, 300)
    assert ok and "running (pid 7 on box); heartbeat 40s ago" in line
    ok, line = check_heartbeat(row(301), NOW, 300)
    assert not ok and "5m1s old (stale after 5m" in line
    ok, line = check_heartbeat(row(10, "stopped"), NOW, 300)
    assert not ok and "stopped" in line
    ok, line = check_heartbeat(None, NOW, 300)
    assert not ok and "never ran" in line
