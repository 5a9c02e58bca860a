"""The poll pipeline end to end: loopback HTTP server, real fetcher, real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.ingest.pipeline import Poller, PollReport
from monitor.net.fetch import Fetcher, FetchPolicy
from monitor.storage.store import FeedSpec, Store
from tests.feeds import item, rss, simple_feed
from tests.httpserver import LoopbackServer


@dataclass
class Harness:
    store: Store
    server: LoopbackServer
    fetcher: Fetcher
    pooled: int = 0

    def feeds(self, **urls: str) -> None:
        self.store.sync_feeds(
            [FeedSpec(name, url, 900) for name, url in urls.items()], datetime.now(UTC)
        )

    def poll(self, *names: str, workers: int = 1) -> PollReport:
        poller = Poller(self.store, self.fetcher, parse_workers=workers)
        poller.pool_min_feeds = 10  # small polls may use the worker pool too
        report = poller.poll(self.store.feeds(list(names) or None))
        self.pooled = poller.pooled
        return report

    def q(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        return [tuple(r) for r in self.store.db.execute(sql, list(params)).fetchall()]

    def feed(self, name: str) -> dict[str, object]:
        cur = self.store.db.execute("SELECT * FROM feeds WHERE name = ?", [name])
        cols = [d[0] for d in cur.description]
        return dict(zip(cols, cur.fetchone(), strict=True))


@pytest.fixture
def h(tmp_path: Path, http_server: LoopbackServer) -> Iterator[Harness]:
    policy = FetchPolicy(
        user_agent="news-monitor-tests/1 (+https://example.invalid/)",
        allow_private=(http_server.host_port,),
        deadline=5.0,
        read_timeout=3.0,
        connect_timeout=2.0,
    )
    store = Store(tmp_path / "monitor.db")
    with Fetcher(policy) as fetcher:
        yield Harness(store, http_server, fetcher)
    store.close()


def test_first_poll_stores_items_then_304_adds_nothing_then_only_new_entries(h: Harness) -> None:
    url = h.server.add("/feed.xml", simple_feed(5), etag='"v1"')
    h.feeds(news=url)
    report = h.poll()
    assert (len(report.ok), report.new_items) == (1, 5)
    assert h.q("SELECT count(*) FROM items WHERE source = 'feed'") == [(5,)]
    assert h.feed("news")["etag"] == '"v1"'

    report = h.poll()
    assert report.outcomes[0].outcome == "not-modified"
    assert h.server.requests_to("/feed.xml")[-1].headers["if-none-match"] == '"v1"'
    assert h.q("SELECT count(*) FROM items") == [(5,)]

    h.server.add("/feed.xml", simple_feed(7), etag='"v2"')  # two more entries
    report = h.poll()
    assert report.new_items == 2
    assert h.q("SELECT count(*) FROM items") == [(7,)]
    assert h.q("SELECT count(*) FROM sightings") == [(7,)]
    outcomes = h.q("SELECT outcome, new_items FROM fetches ORDER BY id")
    assert outcomes == [("new", 5), ("not-modified", 0), ("new", 2)]


def test_unchanged_200_body_is_not_reprocessed(h: Harness) -> None:
    url = h.server.add("/plain.xml", simple_feed(3))  # no validators at all
    h.feeds(news=url)
    h.poll()
    report = h.poll()
    assert report.outcomes[0].outcome == "unchanged"
    assert h.q("SELECT outcome FROM fetches ORDER BY id") == [("new",), ("unchanged",)]


def test_last_modified_conditional_get(h: Harness) -> None:
    stamp = "Fri, 22 Nov 2024 17:39:00 GMT"
    url = h.server.add("/lm.xml", simple_feed(2), last_modified=stamp)
    h.feeds(news=url)
    h.poll()
    assert h.poll().outcomes[0].outcome == "not-modified"
    assert h.server.requests_to("/lm.xml")[-1].headers["if-modified-since"] == stamp


@pytest.mark.parametrize("encoding", ["gzip", "brotli"])
def test_compressed_feeds(h: Harness, encoding: str) -> None:
    url = h.server.add("/z.xml", simple_feed(4), **{encoding: True})
    h.feeds(news=url)
    assert h.poll().new_items == 4


def test_user_agent_identifies_the_project(h: Harness) -> None:
    h.feeds(news=h.server.add("/ua.xml", simple_feed(1)))
    h.poll()
    assert "news-monitor" in h.server.requests_to("/ua.xml")[0].headers["user-agent"]


def test_one_broken_feed_never_stops_the_others(h: Harness) -> None:
    h.feeds(
        good=h.server.add("/good.xml", simple_feed(3)),
        missing=h.server.add("/missing.xml", b"nope", status=404),
        html=h.server.add("/login", b"<html><body>Sign in</body></html>", content_type="text/html"),
        broken=h.server.add("/broken.xml", b"<?xml version='1.0'?><rss><chan"),
    )
    report = h.poll()
    assert [o.name for o in report.ok] == ["good"]
    errors = {o.name: o.error for o in report.failed}
    assert errors["missing"] == "http error: HTTP 404"
    assert errors["html"] == "not a feed (text/html)"
    assert "malformed feed, nothing recovered" in str(errors["broken"])
    assert h.q("SELECT count(*) FROM items") == [(3,)]
    for name in ("missing", "html", "broken"):
        row = h.feed(name)
        assert row["consecutive_failures"] == 1
        assert row["last_error"] == errors[name]
        assert row["next_poll"] is not None
    assert h.feed("missing")["last_error_kind"] == "http-404"
    assert h.feed("html")["last_error_kind"] == "not-a-feed"
    logged = h.q("SELECT outcome, error FROM fetches WHERE error IS NOT NULL ORDER BY id")
    assert sorted(e for _, e in logged) == sorted(str(e) for e in errors.values())


def test_html_challenge_after_success_keeps_items_and_validators(h: Harness) -> None:
    url = h.server.add("/f.xml", simple_feed(3), etag='"v1"')
    h.feeds(news=url)
    h.poll()
    before = h.feed("news")
    h.server.add(
        "/f.xml", b"<html><title>Just a moment...</title></html>", content_type="text/html"
    )
    report = h.poll()
    assert report.outcomes[0].error == "not a feed (text/html)"
    after = h.feed("news")
    assert (after["etag"], after["body_hash"]) == (before["etag"], before["body_hash"])
    assert h.q("SELECT count(*) FROM items") == [(3,)]
    # Recovery: the real feed comes back and nothing is duplicated.
    h.server.add("/f.xml", simple_feed(3), etag='"v1"')
    report = h.poll()
    assert report.ok and report.new_items == 0
    assert h.feed("news")["consecutive_failures"] == 0


def test_repeated_errors_back_off_further_each_time(h: Harness) -> None:
    h.feeds(down=h.server.add("/down.xml", b"oops", status=500))
    waits = []
    for _ in range(3):
        start = datetime.now(UTC)
        h.poll()
        waits.append(datetime.fromisoformat(str(h.feed("down")["next_poll"])) - start)
    assert waits[0] < waits[1] < waits[2]
    assert h.feed("down")["consecutive_failures"] == 3
    assert h.q("SELECT enabled FROM feeds") == [(1,)]  # never dropped


@pytest.mark.parametrize(
    ("retry_after", "at_least", "at_most"),
    [
        ("7200", timedelta(hours=2), timedelta(hours=2, minutes=30)),
        ("999999999", timedelta(hours=24), timedelta(hours=26, minutes=30)),
        ("-30", timedelta(minutes=1), timedelta(minutes=20)),
        ("soon, maybe", timedelta(minutes=1), timedelta(minutes=20)),
        ("Wed, 21 Oct 2099 07:28:00 GMT", timedelta(hours=24), timedelta(hours=26, minutes=30)),
    ],
)
def test_retry_after_is_honoured_and_clamped(
    h: Harness, retry_after: str, at_least: timedelta, at_most: timedelta
) -> None:
    h.feeds(busy=h.server.add("/busy", b"", status=429, headers={"Retry-After": retry_after}))
    start = datetime.now(UTC)
    h.poll()
    wait = datetime.fromisoformat(str(h.feed("busy")["next_poll"])) - start
    assert at_least <= wait <= at_most


def test_503_retry_after_http_date(h: Harness) -> None:
    when = datetime.now(UTC) + timedelta(hours=3)
    stamp = when.strftime("%a, %d %b %Y %H:%M:%S GMT")
    h.feeds(busy=h.server.add("/busy", b"", status=503, headers={"Retry-After": stamp}))
    h.poll()
    wait = datetime.fromisoformat(str(h.feed("busy")["next_poll"])) - datetime.now(UTC)
    assert timedelta(hours=2, minutes=55) <= wait <= timedelta(hours=3, minutes=25)


def test_410_gone_pauses_polling_with_a_visible_reason(h: Harness) -> None:
    h.feeds(gone=h.server.add("/gone", b"", status=410))
    h.poll()
    row = h.feed("gone")
    assert str(row["paused_reason"]).startswith("410 Gone")
    assert row["next_poll"] is None
    assert h.store.feeds_due(datetime.now(UTC) + timedelta(days=30)) == []


def test_permanent_redirects_update_the_stored_url_temporary_ones_do_not(h: Harness) -> None:
    final = h.server.add("/final.xml", simple_feed(1))
    h.server.add("/hop2", redirect_to=final, status=308)
    h.feeds(
        moved=h.server.add("/old", redirect_to=h.server.url("/hop2"), status=301),
        temp=h.server.add("/temp", redirect_to=final, status=302),
        mixed=h.server.add("/mixed", redirect_to=h.server.url("/hop3"), status=301),
    )
    h.server.add("/hop3", redirect_to=final, status=307)
    h.poll()
    assert h.feed("moved")["url"] == final
    assert h.feed("temp")["url"] == h.server.url("/temp")
    assert h.feed("mixed")["url"] == h.server.url("/mixed")
    assert h.feed("moved")["config_url"] == h.server.url("/old")


def test_redirect_loop_is_a_soft_error(h: Harness) -> None:
    h.server.add("/a", redirect_to=h.server.url("/b"), status=302)
    h.server.add("/b", redirect_to=h.server.url("/a"), status=302)
    h.feeds(loop=h.server.url("/a"), ok=h.server.add("/ok.xml", simple_feed(1)))
    report = h.poll()
    assert {o.name: o.ok for o in report.outcomes} == {"loop": False, "ok": True}
    assert str(h.feed("loop")["last_error"]).startswith("too many redirects")


def test_private_address_is_blocked_without_the_allowlist(tmp_path: Path, h: Harness) -> None:
    url = h.server.add("/feed.xml", simple_feed(1))
    h.feeds(local=url)
    with Fetcher(FetchPolicy(user_agent="t")) as strict:
        report = Poller(h.store, strict, parse_workers=1).poll(h.store.feeds())
    assert report.outcomes[0].error is not None
    assert report.outcomes[0].error.startswith("blocked: non-public address")
    assert h.server.requests_to("/feed.xml") == []  # not a byte reached the server


def test_slow_feed_times_out_without_holding_the_others(h: Harness) -> None:
    h.feeds(
        slow=h.server.add("/slow.xml", simple_feed(1), hang=True),
        fast=h.server.add("/fast.xml", simple_feed(2)),
    )
    report = h.poll()
    assert {o.name: o.ok for o in report.outcomes} == {"slow": False, "fast": True}
    assert str(h.feed("slow")["last_error"]).startswith("timeout")


def test_too_large_body_is_a_soft_error_and_nothing_partial_is_stored(
    tmp_path: Path, http_server: LoopbackServer
) -> None:
    url = http_server.add("/big.xml", simple_feed(400))
    store = Store(tmp_path / "m.db")
    store.sync_feeds([FeedSpec("big", url, 900)], datetime.now(UTC))
    policy = FetchPolicy(user_agent="t", allow_private=(http_server.host_port,), max_bytes=20_000)
    with Fetcher(policy) as fetcher:
        report = Poller(store, fetcher, parse_workers=1).poll(store.feeds())
    assert str(report.outcomes[0].error).startswith("response too large")
    assert store.count("SELECT count(*) FROM items") == 0
    store.close()


def test_malformed_feed_with_recoverable_entries_is_ingested_and_flagged(h: Harness) -> None:
    whole = simple_feed(3).decode()
    cut = whole[: whole.index("Story number 3") + 5]
    h.feeds(shaky=h.server.add("/shaky.xml", cut.encode()))
    report = h.poll()
    assert report.ok and report.new_items >= 2
    assert h.feed("shaky")["malformed"]


def test_guids_that_change_every_fetch_do_not_duplicate_items(h: Harness) -> None:
    def body(gen: int) -> bytes:
        return rss(item(n, guid=f"urn:{gen}:{n}") for n in range(1, 4))

    h.feeds(churn=h.server.add("/churn.xml", body(1)))
    h.poll()
    h.server.add("/churn.xml", body(2))
    report = h.poll()
    assert report.new_items == 0
    assert h.q("SELECT count(*) FROM items") == [(3,)]


def test_reordered_feed_adds_nothing(h: Harness) -> None:
    items = [item(n) for n in range(1, 6)]
    h.feeds(news=h.server.add("/r.xml", rss(items)))
    h.poll()
    h.server.add("/r.xml", rss(items[::-1]))
    assert h.poll().new_items == 0


def test_many_feeds_parse_in_worker_processes(h: Harness) -> None:
    urls = {
        # Slow answers, so that the worker processes are up before the last bodies.
        f"feed{i:02d}": h.server.add(f"/f{i}.xml", simple_feed(3, start=i * 10), delay=0.25)
        for i in range(24)
    }
    h.feeds(**urls)
    report = h.poll(workers=2)
    assert h.pooled > 0
    assert (len(report.ok), report.new_items) == (24, 72)
    assert h.q("SELECT count(DISTINCT feed_id) FROM items") == [(24,)]


def test_per_host_concurrency_is_at_most_two(h: Harness) -> None:
    urls = {
        f"f{i}": h.server.add(f"/p{i}.xml", simple_feed(1, start=i), delay=0.2) for i in range(6)
    }
    h.feeds(**urls)
    h.poll()
    assert h.server.max_in_flight == 2  # two at a time: polite, yet not serial


def test_distinct_guids_sharing_one_link_keep_every_item(h: Harness) -> None:
    def day(n: int) -> bytes:
        return rss([item(n, guid=f"urn:brief:{n}", link="https://news.example/briefing",
                         title=f"Briefing for day {n}")])  # fmt: skip

    h.feeds(brief=h.server.add("/brief.xml", day(1)))
    h.poll()
    for n in (2, 3):
        h.server.add("/brief.xml", day(n))
        assert h.poll().new_items == 1
    titles = [r[0] for r in h.q("SELECT title FROM items ORDER BY id")]
    assert titles == ["Briefing for day 1", "Briefing for day 2", "Briefing for day 3"]


def test_a_store_failure_costs_one_feed_not_the_poll(h: Harness) -> None:
    h.store.db.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON items WHEN NEW.title = 'Story number 101'"
        " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
    )
    h.feeds(
        bad=h.server.add("/bad.xml", simple_feed(2, start=100)),
        good=h.server.add("/good.xml", simple_feed(2)),
    )
    report = h.poll()
    assert {o.name: o.ok for o in report.outcomes} == {"bad": False, "good": True}
    assert "disk on fire" in str(h.feed("bad")["last_error"])
    assert h.feed("bad")["last_error_kind"] == "internal"
    assert h.q("SELECT count(*) FROM items") == [(2,)]


def test_huge_ttl_does_not_break_the_poll(h: Harness) -> None:
    body = simple_feed(1).replace(b"<channel>", b"<channel><ttl>99999999999999999999</ttl>")
    h.feeds(odd=h.server.add("/odd.xml", body), ok=h.server.add("/ok.xml", simple_feed(1, start=5)))
    report = h.poll()
    assert all(o.ok for o in report.outcomes)


def test_a_paused_feed_is_skipped_unless_named_and_resumes_when_it_answers(h: Harness) -> None:
    h.feeds(gone=h.server.add("/g.xml", b"", status=410))
    h.poll()
    assert h.feed("gone")["paused_reason"]
    h.server.add("/g.xml", simple_feed(1))
    assert Poller(h.store, h.fetcher, parse_workers=1).poll(h.store.feeds()).outcomes == []
    assert h.poll("gone").new_items == 1
    assert h.feed("gone")["paused_reason"] is None
