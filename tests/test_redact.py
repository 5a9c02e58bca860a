"""Secrets in stored URLs (issue 11, defect 8): the redaction rule, a loopback
redirect into a URL with credentials, feeds configured with ``?api_key=``, the
keyed ``channels.target_key`` and the upgrade of an archive stored before.

The check is always the same: the secret reaches the server that needs it, and
never the database, Datasette or a log line."""

from __future__ import annotations

import hashlib
import io
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from monitor.config.load import parse_config
from monitor.ingest.pipeline import Poller, PollReport
from monitor.logfmt import JsonFormatter, KeyValueFormatter, event
from monitor.net.fetch import Fetcher, FetchPolicy
from monitor.net.redact import (
    has_secrets,
    is_secret_param,
    keyed_digest,
    redact_text,
    redact_url,
)
from monitor.notify.deliver import channel_specs
from monitor.storage.migrations import migrations
from monitor.storage.store import FeedSpec, Store
from tests.feeds import simple_feed
from tests.httpserver import LoopbackServer

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
SECRET = "s3cr3t-never-in-the-db"


# -- the rule ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:pass@news.example/feed", "https://***@news.example/feed"),
        ("https://TOKEN@news.example:8443/feed", "https://***@news.example:8443/feed"),
        ("http://a:b@c@news.example/x", "http://***@news.example/x"),  # last @ ends it
        ("https://news.example/f?api_key=K&page=2", "https://news.example/f?api_key=***&page=2"),
        ("https://news.example/f?apiKey=K", "https://news.example/f?apiKey=***"),
        ("https://news.example/f?api-key=K", "https://news.example/f?api-key=***"),
        ("https://news.example/f?key=K&q=rights", "https://news.example/f?key=***&q=rights"),
        ("https://news.example/f?token=K", "https://news.example/f?token=***"),
        ("https://news.example/f?token[]=K", "https://news.example/f?token[]=***"),
        ("https://news.example/f?auth[token]=K", "https://news.example/f?auth[token]=***"),
        ("https://w.example/d?appid=K&q=1", "https://w.example/d?appid=***&q=1"),
        ("https://a.example/f?Subscription-Key=K", "https://a.example/f?Subscription-Key=***"),
        ("https://news.example/f?access_token=K", "https://news.example/f?access_token=***"),
        ("https://git.example/a.atom?feed_token=K", "https://git.example/a.atom?feed_token=***"),
        ("https://news.example/f?secret=K", "https://news.example/f?secret=***"),
        ("https://news.example/f?client_secret=K", "https://news.example/f?client_secret=***"),
        ("https://news.example/f?password=K", "https://news.example/f?password=***"),
        ("https://news.example/f?auth=K", "https://news.example/f?auth=***"),
        ("https://news.example/f?sig=K&sv=1", "https://news.example/f?sig=***&sv=1"),
        (
            "https://b.s3.example/f.xml?X-Amz-Credential=C&X-Amz-Signature=S&X-Amz-Expires=60",
            "https://b.s3.example/f.xml?X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Expires=60",
        ),
        ("https://news.example/f;jsessionid=K?x=1", "https://news.example/f;jsessionid=***?x=1"),
        ("https://news.example/f#access_token=K", "https://news.example/f#access_token=***"),
        ("https://news.example/f?%61pi_key=K", "https://news.example/f?%61pi_key=***"),
        # Nothing secret: unchanged, character for character.
        ("https://news.example/f?q=a%20b&page=2#top", "https://news.example/f?q=a%20b&page=2#top"),
        ("https://news.example/f?monkey=1&sortkey=2", "https://news.example/f?monkey=1&sortkey=2"),
        ("https://news.example/f?token=", "https://news.example/f?token="),  # no value
        ("https://news.example/f?mail=a@b.example", "https://news.example/f?mail=a@b.example"),
        ("not a url at all", "not a url at all"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown
    assert has_secrets(url) == (url != shown)
    assert redact_url(shown) == shown  # idempotent


def test_secret_parameter_names_live_in_one_list() -> None:
    secret = ["api_key", "APIKEY", "X-Api-Key", "Signature", "private_token", "PHPSESSID"]
    plain = ["q", "page", "id", "sid", "keyword", "monkey", "utm_source", "format", "code"]
    assert all(is_secret_param(n) for n in secret)
    assert not any(is_secret_param(n) for n in plain)


def test_redact_text_finds_urls_in_messages() -> None:
    text = (
        "too many redirects (next: http://u:pw@h.example/a?token=T). See 'https://x.example/?key=K'"
    )
    assert redact_text(text) == (
        "too many redirects (next: http://***@h.example/a?token=***)."
        " See 'https://x.example/?key=***'"
    )
    assert redact_text("HTTP 404") == "HTTP 404"


# -- loopback polls --------------------------------------------------------------------
@dataclass
class Harness:
    path: Path
    store: Store
    server: LoopbackServer
    fetcher: Fetcher

    def sync(self, **urls: str) -> None:
        self.store.sync_feeds([FeedSpec(n, u, 900) for n, u in urls.items()], NOW)

    def poll(self, store: Store | None = None) -> PollReport:
        store = store or self.store
        return Poller(store, self.fetcher, parse_workers=1).poll(store.feeds())

    def feed(self, name: str) -> dict[str, object]:
        cur = self.store.db.execute("SELECT * FROM feeds WHERE name = ?", [name])
        return dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))

    def dump(self) -> str:
        """Everything the database holds, as SQL text."""
        return "\n".join(self.store.db.conn.iterdump())


@pytest.fixture
def h(tmp_path: Path, http_server: LoopbackServer) -> Iterator[Harness]:
    policy = FetchPolicy(
        user_agent="news-monitor-tests/1", allow_private=(http_server.host_port,), deadline=5.0
    )
    store = Store(tmp_path / "monitor.db")
    with Fetcher(policy) as fetcher:
        yield Harness(tmp_path / "monitor.db", store, http_server, fetcher)
    store.close()


def test_a_redirect_to_a_url_with_credentials(h: Harness, caplog: pytest.LogCaptureFixture) -> None:
    """A feed permanently moved to ``http://user:pass@host/...``: the move is
    followed without the credentials (a server cannot hand us some, as httpx
    would not send them either), and the URL stored, shown in "Feed health" and
    logged has none; the next poll goes straight to the new place."""
    moved = h.server.add("/moved.xml", simple_feed(2))
    with_credentials = f"http://user:{SECRET}@127.0.0.1:{h.server.port}/moved.xml"
    h.sync(news=h.server.add("/old.xml", redirect_to=with_credentials, status=301))
    caplog.set_level(logging.INFO)

    report = h.poll()
    assert (len(report.ok), report.new_items) == (1, 2)
    assert "authorization" not in h.server.requests_to("/moved.xml")[0].headers
    assert h.feed("news")["url"] == moved  # the move is kept, without the userinfo
    assert [r[0] for r in h.store.db.execute("SELECT url FROM feeds")] == [moved]
    assert h.poll().outcomes[0].outcome == "unchanged"
    assert len(h.server.requests_to("/old.xml")) == 1  # the second poll went straight there
    assert SECRET not in h.dump()
    assert SECRET not in caplog.text


def test_a_redirect_with_credentials_that_fails_leaves_no_trace(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """The error names the hop it failed at: redacted in the feed row, the poll
    log and the log line."""
    h.server.add(
        "/loop", redirect_to=f"http://u:{SECRET}@127.0.0.1:{h.server.port}/loop?token={SECRET}"
    )
    h.sync(loop=h.server.url("/loop"))
    caplog.set_level(logging.INFO)
    report = h.poll()
    assert not report.outcomes[0].ok
    error = str(h.feed("loop")["last_error"])
    assert error.startswith("too many redirects") and "token=***" in error
    assert SECRET not in h.dump()
    assert SECRET not in caplog.text


def test_a_feed_url_with_an_api_key_is_fetched_with_it_and_stored_without_it(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    h.server.add("/private.xml", simple_feed(3), etag='"v1"')
    configured = h.server.url(f"/private.xml?api_key={SECRET}&lang=en")
    shown = h.server.url("/private.xml?api_key=***&lang=en")
    h.sync(private=configured)
    caplog.set_level(logging.INFO)
    assert h.poll().new_items == 3
    assert h.server.requests[-1].path == f"/private.xml?api_key={SECRET}&lang=en"
    row = h.feed("private")
    assert (row["url"], row["config_url"]) == (shown, shown)
    assert [r[0] for r in h.store.db.execute("SELECT url FROM feeds")] == [shown]

    # A Store that never synced the feeds (the service's tick opens its own)
    # still fetches with the key: it is in this process's memory, not the database.
    tick = Store(h.path)
    try:
        assert tick.feeds()[0].url == configured
        assert h.poll(tick).outcomes[0].outcome == "not-modified"
    finally:
        tick.close()

    # A rotated key is the same feed (its validators stay), fetched with the new key.
    h.store.sync_feeds(
        [FeedSpec("private", h.server.url("/private.xml?api_key=NEW&lang=en"), 900)], NOW
    )
    assert h.feed("private")["etag"] == '"v1"'
    h.poll()
    assert h.server.requests[-1].path == "/private.xml?api_key=NEW&lang=en"

    h.server.add("/private.xml", b"gone", status=500)  # a failure logs the URL
    h.store.sync_feeds([FeedSpec("private", configured, 900)], NOW)
    assert not h.poll().outcomes[0].ok
    assert "url=" in caplog.text
    assert SECRET not in h.dump()
    assert SECRET not in caplog.text


def test_a_permanent_redirect_to_a_signed_url_is_followed_but_never_stored(h: Harness) -> None:
    """A pre-signed URL (S3 and friends) expires, and holds a secret: the feed
    keeps its own URL and is redirected again at the next poll."""
    h.server.add("/signed.xml", simple_feed(1))
    start = h.server.add(
        "/feed.xml", redirect_to=f"/signed.xml?X-Amz-Signature={SECRET}", status=301
    )
    h.sync(cdn=start)
    assert h.poll().new_items == 1
    assert h.feed("cdn")["url"] == start
    h.poll()
    assert len(h.server.requests_to("/feed.xml")) == 2
    assert SECRET not in h.dump()


# -- logs --------------------------------------------------------------------------------
def test_log_lines_never_show_a_secret_in_any_field_message_or_traceback() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("tests.redact")
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        for fmt in (KeyValueFormatter(), JsonFormatter()):
            handler.setFormatter(fmt)
            event(logger, "poll", url=f"https://x.example/?api_key={SECRET}", n=1)
            logger.info("fetching https://u:%s@x.example/feed", SECRET)
            try:
                raise ValueError(f"bad https://x.example/?token={SECRET}")
            except ValueError:
                logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    out = stream.getvalue()
    assert "api_key=***" in out and "***@x.example" in out and "token=***" in out
    assert SECRET not in out
    json_line = out.splitlines()[-1]
    assert json.loads(json_line)["msg"] == "failed"


# -- channels.target_key ------------------------------------------------------------------
WEBHOOK = f"https://hooks.example/T0/B1/{SECRET}"


def _key_of(store: Store, name: str = "slack") -> str:
    return str(
        store.db.execute("SELECT target_key FROM channels WHERE name = ?", [name]).fetchone()[0]
    )


def _salt(store: Store) -> str:
    return str(store.db.execute("SELECT salt FROM salts").fetchone()[0])


def test_the_webhook_target_is_keyed_with_a_per_database_salt(tmp_path: Path) -> None:
    """A plain hash of the webhook URL lets anyone who sees ``channels`` check a
    guessed token offline; the key is HMAC-SHA256 under this database's salt."""
    specs = channel_specs(parse_config({"webhooks": [{"name": "slack", "url": WEBHOOK}]}))
    one, two = Store(tmp_path / "one.db"), Store(tmp_path / "two.db")
    try:
        for store in (one, two):
            store.sync_channels(specs, NOW)
        plain = hashlib.sha256(WEBHOOK.encode()).hexdigest()
        assert _key_of(one) != plain and _key_of(two) != plain
        assert _key_of(one) != _key_of(two)  # the salt is per database
        assert len(_salt(one)) == 64 and _salt(one) != _salt(two)
        assert _key_of(one) == keyed_digest(_salt(one), plain)
        one.sync_channels(specs, NOW + timedelta(hours=1))
        assert _key_of(one) == keyed_digest(_salt(one), plain)  # stable across syncs
        assert SECRET not in "\n".join(one.db.conn.iterdump())
    finally:
        one.close()
        two.close()


def test_the_salt_is_hidden_and_denied_in_datasette(tmp_path: Path) -> None:
    from tests.test_serve import Client

    Store(tmp_path / "monitor.db").close()
    for public in (False, True):
        client = Client(tmp_path / "monitor.db", public=public)
        assert client.get("/monitor/salts").status == 403
        assert client.get("/monitor/salts.json").status == 403
        listed = {t["name"]: t["hidden"] for t in client.json("/monitor.json")["tables"]}
        assert listed.get("salts", True) is True
    assert (
        Client(tmp_path / "monitor.db", public=True)
        .get("/monitor.json?sql=select+*+from+salts")
        .status
        == 403
    )


# -- an archive stored before ----------------------------------------------------------
def test_the_upgrade_scrubs_stored_secrets_and_keeps_each_channels_state(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    old = Database(path)
    migrations.apply(old, stop_before="m012_no_secrets_in_urls")
    plain = hashlib.sha256(WEBHOOK.encode()).hexdigest()
    old.execute(
        "INSERT INTO channels (name, kind, target, target_key, updated, disabled,"
        " disabled_reason) VALUES ('slack', 'webhook', 'https://hooks.example/…', ?, ?, ?, ?)",
        [plain, NOW.isoformat(), NOW.isoformat(), "HTTP 410 Gone"],
    )
    configured = f"https://news.example/feed?api_key={SECRET}"
    old.execute(
        "INSERT INTO feeds (id, name, url, config_url, interval_seconds, added, last_error)"
        " VALUES (1, 'news', ?, ?, 900, ?, ?)",
        [
            f"https://user:{SECRET}@mirror.example/feed",  # moved there by a 301
            configured,
            NOW.isoformat(),
            f"timeout (at redirect hop https://mirror.example/?token={SECRET})",
        ],
    )
    old.execute(
        "INSERT INTO fetches (feed_id, url, started, outcome, error) VALUES (1, ?, ?, 'error', ?)",
        [configured, NOW.isoformat(), f"too many redirects (next: {configured})"],
    )
    payload = json.dumps({"type": "feed.failing", "data": {"url": configured}})
    old.execute(
        "INSERT INTO outbox (msg_id, channel, event, payload, created)"
        " VALUES ('msg_1', 'slack', 'feed.failing', ?, ?)",
        [payload, NOW.isoformat()],
    )
    old.conn.commit()
    old.close()

    store = Store(path)  # applies m012
    try:
        assert SECRET not in "\n".join(store.db.conn.iterdump())
        url, config_url = store.db.execute("SELECT url, config_url FROM feeds").fetchone()
        assert url == config_url == "https://news.example/feed?api_key=***"
        assert _key_of(store) == keyed_digest(_salt(store), plain)
        # The same webhook URL, synced after the upgrade: still disabled by its 410.
        specs = channel_specs(parse_config({"webhooks": [{"name": "slack", "url": WEBHOOK}]}))
        store.sync_channels(specs, NOW)
        assert store.db.execute("SELECT disabled FROM channels").fetchone()[0] is not None
        # The configured URL is the same feed (no reset), fetched with its key.
        store.sync_feeds([FeedSpec("news", configured, 900)], NOW)
        assert store.feeds()[0].url == configured
    finally:
        store.close()
