"""The scheduling rules (pure), and adaptive polling end to end against a
loopback server with a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.ingest.pipeline import Poller
from monitor.ingest.schedule import (
    MAX_WAIT,
    MIN_INTERVAL,
    WEEK,
    Policy,
    adaptive_interval,
    backoff,
    format_duration,
    max_age,
    next_after_failure,
    next_after_success,
    success_wait,
    sy_update_seconds,
    weekly_entries,
)
from monitor.net.fetch import Fetcher, FetchPolicy
from monitor.storage.store import FeedSpec, Store
from tests.feeds import rss, simple_feed
from tests.httpserver import LoopbackServer

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


# -- adaptive intervals (Miniflux's entry frequency) ---------------------------

DAY = 86400.0


def test_entry_frequency_is_a_week_divided_by_the_weeks_entries_within_bounds() -> None:
    assert adaptive_interval(7 * 24, 900, 300, DAY) == 3600  # one an hour: hourly
    assert adaptive_interval(14, 900, 300, DAY) == 12 * 3600
    assert adaptive_interval(100_000, 900, 300, DAY) == 300  # never under min_interval
    assert adaptive_interval(1, 900, 300, DAY) == DAY  # never over max_interval
    assert adaptive_interval(0, 900, 300, DAY) == DAY  # silent for a week: max_interval
    assert adaptive_interval(None, 900, 300, DAY) == 900  # unknown yet: the base interval


def test_weekly_entries_skips_the_backlog_and_scales_a_short_watch() -> None:
    assert weekly_entries(0, None, NOW) is None  # no entry seen yet
    assert weekly_entries(5, NOW - timedelta(hours=23), NOW) is None  # under a day of watching
    assert weekly_entries(4, NOW - timedelta(days=2), NOW) == 14  # 4 in 2 days: 14 a week
    assert weekly_entries(9, NOW - timedelta(days=30), NOW) == 9  # a full week watched
    assert weekly_entries(0, NOW - timedelta(days=30), NOW) == 0


def test_sy_update_period_and_frequency() -> None:
    assert sy_update_seconds("hourly", "2") == 1800
    assert sy_update_seconds("daily", None) == DAY
    assert sy_update_seconds(None, "4") == 6 * 3600  # the period defaults to daily
    assert sy_update_seconds(" Weekly ", "1") == WEEK
    assert sy_update_seconds("yearly", "1") == WEEK  # capped at a week
    assert sy_update_seconds(None, None) is None
    for period, frequency in (
        ("fortnightly", "1"),
        ("daily", "0"),
        ("daily", "-3"),
        ("daily", "x"),
    ):
        assert sy_update_seconds(period, frequency) is None


def test_cache_control_max_age() -> None:
    assert max_age("public, max-age=600") == 600
    assert max_age('max-age="300"') == 300
    assert max_age("max-age=600, no-cache") is None  # says nothing about how often it changes
    assert max_age("no-store") is None
    assert max_age("s-maxage=900") is None  # for shared caches, not for us
    assert max_age("max-age=soon") is None
    assert max_age(None) is None and max_age("") is None


def test_publisher_hints_stretch_the_interval_but_never_past_max_interval() -> None:
    assert success_wait(900, ttl_minutes=60) == 3600
    assert success_wait(900, update_seconds=1800, max_age=7200) == 7200  # the longest hint wins
    assert success_wait(3600, ttl_minutes=5, max_age=60) == 3600  # never shortened
    assert success_wait(900, ttl_minutes=7 * 24 * 60, high=DAY) == DAY  # clamped, never dropped
    assert success_wait(900, max_age=10 * DAY, high=2 * DAY) == 2 * DAY
    assert success_wait(3 * DAY, high=DAY) == 3 * DAY  # a configured interval is kept
    assert success_wait(1) == 60  # never more than once a minute


@given(
    interval=st.floats(60, 7 * DAY),
    ttl=st.one_of(st.none(), st.integers(0, 10**6)),
    update=st.one_of(st.none(), st.floats(0, 1e9)),
    age=st.one_of(st.none(), st.floats(0, 1e12)),
    high=st.floats(300, 7 * DAY),
)
def test_success_wait_bounds(
    interval: float, ttl: int | None, update: float | None, age: float | None, high: float
) -> None:
    wait = success_wait(interval, ttl_minutes=ttl, update_seconds=update, max_age=age, high=high)
    assert interval <= wait <= max(high, interval)


def test_next_after_success_uses_the_hints_and_max_interval() -> None:
    wait = next_after_success(NOW, "f", 900, max_age=7200) - NOW
    assert timedelta(hours=2) <= wait <= timedelta(hours=2, minutes=12)
    wait = next_after_success(NOW, "f", 900, 7 * 24 * 60, high=2 * DAY) - NOW
    assert timedelta(days=2) <= wait <= timedelta(days=2, hours=5)


def test_policy_adapts_unless_off_or_the_feed_has_its_own_interval() -> None:
    policy = Policy(adaptive=True, fixed=frozenset({"pinned"}))
    assert policy.adapts("busy") and not policy.adapts("pinned")
    assert not Policy().adapts("busy")


def test_format_duration() -> None:
    assert [format_duration(s) for s in (0, 45, 300, 5400, 86400, 90000, 3 * DAY)] == [
        "0s",
        "45s",
        "5m",
        "1h30m",
        "1d",
        "1d1h",
        "3d",
    ]


def test_the_parser_exposes_sy_update_period_and_frequency() -> None:
    from monitor.ingest.parse import parse_feed

    body = (
        b'<?xml version="1.0"?><rss version="2.0"'
        b' xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>t</title>'
        b"<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>"
        b"<item><title>a</title><link>https://news.example/a</link></item></channel></rss>"
    )
    assert parse_feed(body, {}, "https://news.example/rss").update_seconds == 900
    plain = body.replace(b"<sy:updatePeriod>hourly</sy:updatePeriod>", b"").replace(
        b"<sy:updateFrequency>4</sy:updateFrequency>", b""
    )
    assert parse_feed(plain, {}, "https://news.example/rss").update_seconds is None


# -- end to end: the poller, the store and a fake clock ------------------------


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Rig:
    def __init__(self, store: Store, fetcher: Fetcher, server: LoopbackServer) -> None:
        self.store, self.fetcher, self.server = store, fetcher, server
        self.clock = Clock(NOW)

    def poll(self, policy: Policy, *names: str) -> None:
        poller = Poller(
            self.store, self.fetcher, parse_workers=1, clock=self.clock, scheduling=policy
        )
        report = poller.poll(self.store.feeds(list(names) or None))
        assert not report.failed, report.failed

    def row(self, name: str) -> dict[str, object]:
        cur = self.store.db.execute("SELECT * FROM feeds WHERE name = ?", [name])
        cols = [d[0] for d in cur.description]
        return dict(zip(cols, cur.fetchone(), strict=True))

    def interval(self, name: str) -> object:
        return self.row(name)["effective_interval"]

    def wait(self, name: str) -> timedelta:
        return datetime.fromisoformat(str(self.row(name)["next_poll"])) - self.clock.now


@pytest.fixture
def rig(tmp_path: Path, http_server: LoopbackServer) -> Iterator[Rig]:
    policy = FetchPolicy(
        user_agent="news-monitor-tests/1", allow_private=(http_server.host_port,), deadline=5.0
    )
    store = Store(tmp_path / "m.db")
    with Fetcher(policy) as fetcher:
        yield Rig(store, fetcher, http_server)
    store.close()


ADAPTIVE = Policy(adaptive=True, min_interval=300, max_interval=DAY)


def test_busy_feeds_are_polled_more_often_and_quiet_ones_less(rig: Rig) -> None:
    busy = rig.server.add("/busy.xml", simple_feed(5))
    quiet = rig.server.add("/quiet.xml", simple_feed(3))
    rig.store.sync_feeds([FeedSpec("busy", busy, 900), FeedSpec("quiet", quiet, 900)], NOW)
    rig.poll(ADAPTIVE)
    # The first batch is a backlog: it says nothing of how often the feed publishes.
    assert rig.interval("busy") == rig.interval("quiet") == 900
    assert timedelta(seconds=900) <= rig.wait("busy") <= timedelta(seconds=990)

    rig.clock.now = NOW + timedelta(days=1)
    rig.server.add("/busy.xml", simple_feed(29))  # 24 new entries in a day: 168 a week
    rig.poll(ADAPTIVE)
    assert rig.interval("busy") == 3600  # a week / 168
    assert rig.interval("quiet") == DAY  # nothing new in a day of watching: max_interval
    assert timedelta(hours=1) <= rig.wait("busy") <= timedelta(hours=1, minutes=6)

    rig.clock.now = NOW + timedelta(days=2)  # an unchanged body: 24 in two days
    rig.poll(ADAPTIVE)
    assert rig.interval("busy") == 7200

    rig.clock.now = NOW + timedelta(days=10)  # those 24 are over a week old now
    rig.poll(ADAPTIVE)
    assert rig.interval("busy") == DAY


def test_a_configured_interval_or_adaptive_off_keeps_the_interval(rig: Rig) -> None:
    url = rig.server.add("/pinned.xml", simple_feed(2))
    rig.store.sync_feeds([FeedSpec("pinned", url, 1200)], NOW)
    rig.poll(ADAPTIVE)
    rig.clock.now = NOW + timedelta(days=1)
    rig.server.add("/pinned.xml", simple_feed(100))
    rig.poll(Policy(adaptive=True, min_interval=300, max_interval=DAY, fixed=frozenset({"pinned"})))
    assert rig.interval("pinned") == 1200
    rig.clock.now = NOW + timedelta(days=2)
    rig.poll(Policy(adaptive=False))
    assert rig.interval("pinned") == 1200


def test_publisher_hints_hold_on_304_answers(rig: Rig) -> None:
    ttl = rss(["<item><title>a</title><guid>a</guid></item>"]).replace(
        b"<channel>", b"<channel><ttl>120</ttl>"
    )
    sy = (
        rss(["<item><title>b</title><guid>b</guid></item>"])
        .replace(
            b"<rss version", b'<rss xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" version'
        )
        .replace(b"<channel>", b"<channel><sy:updatePeriod>daily</sy:updatePeriod>")
    )
    cached = rig.server.add(
        "/cc.xml", simple_feed(1), etag='"c"', headers={"Cache-Control": "public, max-age=5400"}
    )
    rig.store.sync_feeds(
        [
            FeedSpec("ttl", rig.server.add("/ttl.xml", ttl, etag='"t"'), 900),
            FeedSpec("sy", rig.server.add("/sy.xml", sy, etag='"s"'), 900),
            FeedSpec("cached", cached, 900),
        ],
        NOW,
    )
    for _ in range(2):  # a body, then 304s: the stored hints still hold
        rig.poll(ADAPTIVE)
        assert rig.interval("ttl") == 7200
        assert rig.interval("sy") == DAY
        assert rig.interval("cached") == 5400
        rig.clock.now += timedelta(hours=1)
    assert rig.row("sy")["update_period_seconds"] == DAY
    assert rig.store.count("SELECT count(*) FROM fetches WHERE outcome = 'not-modified'") == 3


def test_the_weekly_count_uses_the_index(rig: Rig) -> None:
    plan = rig.store.db.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM sightings WHERE feed_id = ?"
        " AND first_seen >= ? AND first_seen > ?",
        [1, "a", "b"],
    ).fetchall()
    assert "sightings_feed_first_seen" in str(plan)
