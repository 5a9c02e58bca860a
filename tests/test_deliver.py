"""Webhook delivery through the outbox, against a real loopback receiver that
checks Standard Webhooks signatures, on real SQLite files."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from monitor.config.load import Config, parse_config
from monitor.ingest.parse import parse_feed
from monitor.notify.deliver import Deliverer, channel_specs
from monitor.storage.store import FeedSpec, FetchLog, Store
from monitor.storage.topics import TopicSpec
from tests.feeds import item, rss
from tests.fixtures_notify import WEBHOOK_SECRET
from tests.test_store import _ok
from tests.test_stories import COPY, WIRE, html
from tests.webhookserver import Reply, WebhookReceiver

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
SECRET_ENV = "TEST_MONITOR_WEBHOOK_SECRET"


class Clock:
    """A fake clock: delivery code asks it, never the system."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, WEBHOOK_SECRET)


def loopback(*urls: str) -> list[str]:
    """``http.allow_private`` entries for our own receivers (the SSRF gate
    refuses loopback otherwise)."""
    return [url.split("/")[2] for url in urls]


def make_config(tmp_path: Path, *hooks: dict[str, Any]) -> Config:
    return parse_config(
        {
            "storage": {"database": str(tmp_path / "monitor.db")},
            "http": {"allow_private": loopback(*(h["url"] for h in hooks))},
            "topics": [{"name": "media", "query": '"media law"'}],
            "webhooks": [{"secret_env": SECRET_ENV, "timeout": "2s", **hook} for hook in hooks],
        }
    )


def open_store(config: Config) -> Store:
    store = Store(config.storage.database)
    store.sync_channels(channel_specs(config), NOW)
    store.set_topics([TopicSpec("media", '"media law"')], NOW, mirror=True)
    store.sync_feeds(
        [FeedSpec(n, f"https://{n}.example/feed", 900) for n in ("wire", "paper")], NOW
    )
    return store


def poll(store: Store, name: str, *items: str, now: datetime = NOW) -> None:
    feed = next(f for f in store.feeds() if f.name == name)
    body = rss(items)
    store.record_success(
        feed,
        FetchLog(feed.url, now, 1, 200, 1, "new"),
        _ok(body),
        parse_feed(body, {}, feed.url),
        body_hash=str(hash(body)),
        next_poll=now,
    )


def outbox(store: Store) -> list[dict[str, Any]]:
    cur = store.db.execute("SELECT * FROM outbox ORDER BY id")
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


@pytest.fixture
def receiver(webhook_receiver: WebhookReceiver) -> Iterator[WebhookReceiver]:
    yield webhook_receiver


def test_a_match_is_delivered_signed_with_its_payload(
    tmp_path: Path, receiver: WebhookReceiver
) -> None:
    config = make_config(tmp_path, {"name": "team", "url": receiver.url})
    store = open_store(config)
    poll(
        store,
        "wire",
        item(1, link="https://wire.example/world/law", title="Media law arrests", body=html(WIRE)),
    )
    [row] = outbox(store)
    assert (row["channel"], row["event"], row["topic"], row["state"]) == (
        "team",
        "item.matched",
        "media",
        "pending",
    )
    clock = Clock()
    reports = Deliverer(config, clock).drain()
    assert reports["team"].delivered == 1
    [got] = receiver.wait_for(1)
    assert got.verified and got.headers["webhook-id"] == row["msg_id"]
    assert abs(int(got.headers["webhook-timestamp"]) - time.time()) < 60  # the wall clock
    event = got.json()
    assert event["type"] == "item.matched"
    data = event["data"]
    assert data["topic"] == "media" and data["title"] == "Media law arrests"
    assert data["url"] == "https://wire.example/world/law" and data["feed"] == "wire"
    assert data["excerpt"].startswith("Security forces detained at least forty protesters")
    assert "[media law]" in data["snippet"].lower()
    assert data["published"] == "2024-11-22T17:39:00+00:00" and data["story_id"] is None
    assert data["also_in"] == [] and data["browse"].endswith(f"/items/{data['item_id']}")
    [row] = outbox(store)
    assert (row["state"], row["attempts"], row["last_status"]) == ("delivered", 1, 200)
    # Nothing is due any more: a second run sends nothing.
    assert Deliverer(config, clock).drain()["team"].delivered == 0
    assert len(receiver.deliveries) == 1


def test_only_the_first_item_of_a_story_notifies(tmp_path: Path, receiver: WebhookReceiver) -> None:
    config = make_config(tmp_path, {"name": "team", "url": receiver.url})
    store = open_store(config)
    poll(store, "wire", item(1, link="https://wire.example/world/law", body=html(WIRE)))
    poll(store, "paper", item(2, link="https://paper.example/news/arrests", body=html(COPY)))
    poll(store, "paper", item(3, link="https://paper.example/news/arrests-copy", body=html(WIRE)))
    assert store.count("SELECT count(DISTINCT story_id) FROM items") == 1
    assert [r["item_id"] for r in outbox(store)] == [1]


def test_topic_filters_and_removed_channels(tmp_path: Path, receiver: WebhookReceiver) -> None:
    config = make_config(
        tmp_path,
        {"name": "other", "url": receiver.url_for("/other"), "topics": []},
        {"name": "nobody", "url": receiver.url_for("/nobody")},
    )
    config = parse_config(
        {
            "storage": {"database": str(tmp_path / "monitor.db")},
            "http": {"allow_private": loopback(receiver.url)},
            "topics": [
                {"name": "media", "query": '"media law"'},
                {"name": "climate", "query": "climate"},
            ],
            "webhooks": [
                {"name": "media-only", "url": receiver.url, "topics": ["media"]},
                {"name": "climate-only", "url": receiver.url_for("/c"), "topics": ["climate"]},
            ],
        }
    )
    store = open_store(config)
    poll(store, "wire", item(1, link="https://wire.example/world/law", body=html(WIRE)))
    assert [r["channel"] for r in outbox(store)] == ["media-only"]
    # A channel removed from the config gets nothing new.
    store.sync_channels([], NOW)
    poll(
        store,
        "paper",
        item(
            5,
            link="https://paper.example/x/other-law",
            title="Media law again",
            body="<p>The media law was debated again today in parliament.</p>",
        ),
    )
    assert len(outbox(store)) == 1


def test_a_500_is_retried_later_with_the_same_id_and_body(
    tmp_path: Path, receiver: WebhookReceiver
) -> None:
    config = make_config(tmp_path, {"name": "team", "url": receiver.url})
    store = open_store(config)
    poll(store, "wire", item(1, link="https://wire.example/world/law", body=html(WIRE)))
    receiver.script(Reply.error(500))
    clock = Clock()
    assert Deliverer(config, clock).drain()["team"].retried == 1
    [row] = outbox(store)
    assert (row["state"], row["attempts"], row["last_status"]) == ("pending", 1, 500)
    wait = datetime.fromisoformat(row["next_attempt"]) - NOW
    assert timedelta(seconds=4) <= wait <= timedelta(seconds=6)  # the first retry: 5 s ± 10%
    assert Deliverer(config, clock).drain()["team"].delivered == 0  # not due yet
    clock.now = NOW + timedelta(seconds=6)
    assert Deliverer(config, clock).drain()["team"].delivered == 1
    first, second = receiver.wait_for(2)
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body and second.verified


def test_410_disables_the_endpoint_and_cancels_its_messages(
    tmp_path: Path, receiver: WebhookReceiver
) -> None:
    config = make_config(tmp_path, {"name": "team", "url": receiver.url})
    store = open_store(config)
    poll(
        store,
        "wire",
        item(1, link="https://wire.example/world/law", body=html(WIRE)),
        item(
            2,
            link="https://wire.example/world/law-2",
            title="Media law vote",
            body="<p>The media law vote was postponed.</p>",
        ),
    )
    receiver.script(Reply.gone())
    report = Deliverer(config, Clock()).drain()["team"]
    assert report.cancelled == 2 and len(receiver.deliveries) == 1
    assert {r["state"] for r in outbox(store)} == {"cancelled"}
    reason = store.db.execute("SELECT disabled_reason FROM channels WHERE name = 'team'")
    assert "410" in reason.fetchone()[0]
    # New matches are not even queued for a disabled endpoint.
    poll(
        store,
        "paper",
        item(
            3,
            link="https://paper.example/x/media-law-3",
            title="Media law 3",
            body="<p>More on the media law.</p>",
        ),
    )
    assert len(outbox(store)) == 2


def test_429_honours_retry_after(tmp_path: Path, receiver: WebhookReceiver) -> None:
    config = make_config(tmp_path, {"name": "team", "url": receiver.url})
    store = open_store(config)
    poll(store, "wire", item(1, link="https://wire.example/world/law", body=html(WIRE)))
    receiver.script(Reply.too_many(retry_after="600"))
    Deliverer(config, Clock()).drain()
    [row] = outbox(store)
    assert row["last_status"] == 429
    assert datetime.fromisoformat(row["next_attempt"]) >= NOW + timedelta(seconds=600)


def test_a_redirect_is_a_failure_and_not_followed(
    tmp_path: Path, receiver: WebhookReceiver
) -> None:
    config = make_config(tmp_path, {"name": "team", "url": receiver.url})
    store = open_store(config)
    poll(store, "wire", item(1, link="https://wire.example/world/law", body=html(WIRE)))
    receiver.script(Reply.redirect(receiver.url_for("/elsewhere"), status=307))
    Deliverer(config, Clock()).drain()
    [row] = outbox(store)
    assert (row["state"], row["last_status"]) == ("pending", 307)
    assert "not followed" in row["last_error"]
    assert [d.path for d in receiver.deliveries] == ["/hook"]


def test_gives_up_after_about_three_days_and_keeps_the_last_error(
    tmp_path: Path, receiver: WebhookReceiver
) -> None:
    config = make_config(tmp_path, {"name": "team", "url": receiver.url})
    store = open_store(config)
    poll(store, "wire", item(1, link="https://wire.example/world/law", body=html(WIRE)))
    receiver.default = Reply.error(503)
    clock = Clock()
    while True:
        Deliverer(config, clock).drain()
        [row] = outbox(store)
        if row["state"] != "pending":
            break
        clock.now = datetime.fromisoformat(row["next_attempt"])
    assert (row["state"], row["attempts"], row["last_status"]) == ("failed", 11, 503)
    assert timedelta(days=2, hours=12) < clock.now - NOW < timedelta(days=3, hours=6)
    assert len({d.headers["webhook-id"] for d in receiver.deliveries}) == 1


def test_a_missing_secret_is_reported_and_retried(
    tmp_path: Path, receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SECRET_ENV)
    config = make_config(tmp_path, {"name": "team", "url": receiver.url})
    store = open_store(config)
    poll(store, "wire", item(1, link="https://wire.example/world/law", body=html(WIRE)))
    Deliverer(config, Clock()).drain()
    [row] = outbox(store)
    assert row["state"] == "pending" and SECRET_ENV in row["last_error"]
    assert receiver.deliveries == []  # never sent unsigned


def test_a_hanging_endpoint_never_delays_another(tmp_path: Path) -> None:
    with (
        WebhookReceiver(secret=WEBHOOK_SECRET) as stuck,
        WebhookReceiver(secret=WEBHOOK_SECRET) as fine,
    ):
        stuck.default = Reply.hanging()
        config = parse_config(
            {
                "storage": {"database": str(tmp_path / "monitor.db")},
                "http": {"allow_private": loopback(stuck.url, fine.url)},
                "topics": [
                    {"name": "media", "query": '"media law"'},
                    {"name": "climate", "query": "climate"},
                ],
                "webhooks": [
                    {
                        "name": "stuck",
                        "url": stuck.url,
                        "secret_env": SECRET_ENV,
                        "timeout": "60s",
                        "topics": ["media"],
                    },
                    {
                        "name": "fine",
                        "url": fine.url,
                        "secret_env": SECRET_ENV,
                        "topics": ["climate"],
                    },
                ],
            }
        )
        store = open_store(config)
        store.set_topics(
            [TopicSpec("media", '"media law"'), TopicSpec("climate", "climate")], NOW, mirror=True
        )
        poll(
            store,
            "wire",
            item(
                1, link="https://wire.example/w/law-1", title="Media law", body="<p>media law</p>"
            ),
        )
        deliverer = Deliverer(config, Clock())
        deliverer.start()
        try:
            stuck.wait_for(1, timeout=20)  # its receiver holds the request, unanswered
            poll(
                store,
                "paper",
                *(
                    item(
                        n,
                        link=f"https://paper.example/c/climate-{n}",
                        title=f"Climate {n}",
                        body="<p>climate</p>",
                    )
                    for n in range(2, 5)
                ),
            )
            got = fine.wait_for(3, timeout=20)
            # All three reached the healthy endpoint while the first request to
            # the hanging one is still open (its timeout is 60 s).
            assert len(got) == 3 and all(d.verified for d in got)
            attempts = dict(
                store.db.execute(
                    "SELECT channel, sum(attempts) FROM outbox GROUP BY channel"
                ).fetchall()
            )
            assert attempts["stuck"] == 0
        finally:
            stuck.stop()  # lets the hanging request end, so the thread can stop
            deliverer.stop()


def test_kill_9_between_send_and_record_resends_the_same_message(
    tmp_path: Path, receiver: WebhookReceiver
) -> None:
    """At least once: the failpoint kills the process after the receiver got a
    message and before the outbox recorded it.  After a restart the receiver
    has every id, and no id ever came with two different bodies."""
    cfg = tmp_path / "monitor.toml"
    cfg.write_text(
        f'[storage]\ndatabase = "{tmp_path / "monitor.db"}"\nseeds = "{tmp_path / "none"}"\n'
        f'[http]\nallow_private = ["{receiver.host_port}"]\n'
        '[[topics]]\nname = "media"\nquery = \'"media law"\'\n'
        f'[[webhooks]]\nname = "team"\nurl = "{receiver.url}"\nsecret_env = "{SECRET_ENV}"\n'
    )
    config = make_config(tmp_path, {"name": "team", "url": receiver.url})
    store = open_store(config)
    poll(
        store,
        "wire",
        *(
            item(
                n,
                link=f"https://wire.example/w/law-{n}",
                title=f"Media law {n}",
                body="<p>media law</p>",
            )
            for n in range(5)
        ),
    )
    store.close()
    cmd = [sys.executable, "-m", "monitor", "--config", str(cfg), "deliver"]
    env = {**os.environ, "MONITOR_FAILPOINT": "after-send"}
    crashed = subprocess.run(cmd, capture_output=True, env=env, timeout=60)
    assert crashed.returncode == -signal.SIGKILL
    assert len(receiver.deliveries) >= 1
    conn = sqlite3.connect(tmp_path / "monitor.db")
    assert conn.execute("SELECT count(*) FROM outbox WHERE state = 'delivered'").fetchone() == (0,)
    conn.close()
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    bodies: dict[str, set[bytes]] = {}
    for d in receiver.deliveries:
        assert d.verified
        bodies.setdefault(d.headers["webhook-id"], set()).add(d.body)
    conn = sqlite3.connect(tmp_path / "monitor.db")
    ids = {r[0] for r in conn.execute("SELECT msg_id FROM outbox WHERE state = 'delivered'")}
    conn.close()
    assert len(ids) == 5 and set(bodies) == ids
    assert all(len(b) == 1 for b in bodies.values())
    assert json.loads(next(iter(bodies[sorted(ids)[0]]))).get("type") == "item.matched"


def test_an_apprise_channel_goes_through_the_same_outbox(tmp_path: Path) -> None:
    with WebhookReceiver() as target:  # Apprise's json:// posts a plain JSON body
        config = parse_config(
            {
                "storage": {"database": str(tmp_path / "monitor.db")},
                "topics": [{"name": "media", "query": '"media law"'}],
                "notify": [{"name": "chat", "apprise": f"json://{target.host_port}/hook"}],
            }
        )
        store = open_store(config)
        poll(
            store,
            "wire",
            item(
                1, link="https://wire.example/world/law", title="Media law arrests", body=html(WIRE)
            ),
        )
        assert [(r["channel"], r["state"]) for r in outbox(store)] == [("chat", "pending")]
        target.script(Reply.error(500))
        assert Deliverer(config, Clock()).drain()["chat"].retried == 1
        clock = Clock(NOW + timedelta(minutes=1))
        assert Deliverer(config, clock).drain()["chat"].delivered == 1
        sent = target.wait_for(2)[1].json()
        assert sent["title"] == "[media] Media law arrests"
        assert "Security forces detained" in sent["message"]
        assert outbox(store)[0]["state"] == "delivered"


def test_the_ssrf_gate_covers_webhooks(receiver: WebhookReceiver) -> None:
    """A receiver on a non-public address is refused when the connection is
    made, unless the operator allowed it: nothing reaches it."""
    from monitor.config.notify import WebhookConfig
    from monitor.errors import DeliveryError
    from monitor.notify.deliver import WebhookSender
    from monitor.storage.outbox import OutboxRow

    spec = WebhookConfig(name="team", url=receiver.url)
    row = OutboxRow(1, "msg_1", "team", "item.matched", "{}", 0, "2026-11-22T12:00:00+00:00")
    sender = WebhookSender(spec, "test")
    with pytest.raises(DeliveryError, match="blocked: non-public address"):
        sender.send(row, NOW)
    sender.close()
    assert receiver.deliveries == []
    allowed = WebhookSender(spec, "test", allow_private=[receiver.host_port])
    assert allowed.send(row, NOW).status == 200
    allowed.close()


def test_a_receiver_that_resets_the_connection_is_retried(tmp_path: Path) -> None:
    import socket
    import struct
    import threading

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    port = sock.getsockname()[1]

    def reset() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            conn.recv(65536)
            # SO_LINGER 0: close with a TCP RST instead of a FIN.
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()

    threading.Thread(target=reset, daemon=True).start()
    try:
        config = make_config(tmp_path, {"name": "team", "url": f"http://127.0.0.1:{port}/hook"})
        store = open_store(config)
        poll(store, "wire", item(1, link="https://wire.example/world/law", body=html(WIRE)))
        assert Deliverer(config, Clock()).drain()["team"].retried == 1
        [row] = outbox(store)
        assert row["state"] == "pending" and row["attempts"] == 1
        assert "reset" in row["last_error"] or "disconnected" in row["last_error"].lower()
    finally:
        sock.close()


# -- found by review ---------------------------------------------------------

WALL = (
    "Before you continue reading, please confirm your choices about cookies and data on this "
    "site. We and our partners use cookies and similar technologies to store and access "
    "information on your device, to measure audiences and to show personalised advertising.\n\n"
    "You can accept all, reject all or manage your preferences at any time from the privacy "
    "settings link at the bottom of every page, and you can withdraw your consent whenever you "
    "like without any cost to you.\n\n"
    "Subscribers to the digital edition can read every article without advertising and without "
    "tracking; subscriptions start from one pound a week and can be cancelled at any time."
)


def fulltext_store(config: Config) -> Store:
    store = open_store(config)
    store.sync_feeds(
        [FeedSpec(n, f"https://{n}.example/feed", 900, fulltext=True) for n in ("wire", "paper")],
        NOW,
    )
    return store


def record_page(store: Store, item_id: int, when: datetime, text: str | None) -> None:
    from monitor.storage.pages import PageJob, PageResult
    from monitor.text.extract import Article

    url, feed_id, feed_text = store.db.execute(
        "SELECT url, feed_id, feed_text FROM items WHERE id = ?", [item_id]
    ).fetchone()
    job = PageJob(item_id, url, feed_id, None, False, feed_text)
    if text is None:
        store.record_page(PageResult(job, when, "failed", error="HTTP 500"))
    else:
        store.record_page(
            PageResult(job, when, "done", article=Article(text, method="trafilatura"))
        )


def test_a_page_waits_for_its_article_and_is_notified_once(
    tmp_path: Path, receiver: WebhookReceiver
) -> None:
    """With full text on, the notification waits for the page (the story is
    known only then), and recording the page again, even within the same
    second, never queues a second message."""
    config = make_config(tmp_path, {"name": "team", "url": receiver.url})
    store = fulltext_store(config)
    poll(
        store,
        "wire",
        item(1, link="https://wire.example/world/law", title="Media law arrests", body=html(WIRE)),
    )
    assert outbox(store) == []  # the page is pending
    record_page(store, 1, NOW + timedelta(milliseconds=400), None)
    record_page(store, 1, NOW + timedelta(milliseconds=800), "\n\n".join(WIRE))
    assert [(r["item_id"], r["topic"]) for r in outbox(store)] == [(1, "media")]


def test_a_copy_still_notifies_a_topic_its_original_did_not_match(
    tmp_path: Path, receiver: WebhookReceiver
) -> None:
    config = parse_config(
        {
            "storage": {"database": str(tmp_path / "monitor.db")},
            "http": {"allow_private": loopback(receiver.url)},
            "topics": [
                {"name": "media", "query": '"media law"'},
                {"name": "spy", "query": "spyware"},
            ],
            "webhooks": [{"name": "team", "url": receiver.url}],
        }
    )
    store = open_store(config)
    store.set_topics(
        [TopicSpec("media", '"media law"'), TopicSpec("spy", "spyware")], NOW, mirror=True
    )
    poll(store, "wire", item(1, link="https://wire.example/world/law", body=html(WIRE)))
    extra = [*WIRE, "Investigators later found spyware on the phones of two of the detained."]
    poll(store, "paper", item(2, link="https://paper.example/news/law", body=html(extra)))
    assert store.count("SELECT count(*) FROM items WHERE story_id IS NOT NULL") == 2
    assert [(r["item_id"], r["topic"]) for r in outbox(store)] == [(1, "media"), (2, "spy")]


def test_pages_showing_the_same_consent_wall_never_make_one_story(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    store = fulltext_store(config)
    titles = ["Court jails journalist", "Floods displace thousands", "Central bank raises rates"]
    for n, title in enumerate(titles, 1):
        poll(
            store,
            "paper",
            item(
                n,
                link=f"https://paper.example/news/{n}",
                title=title,
                body=f"<p>{title}. Short teaser.</p>",
            ),
        )
    for n in (1, 2, 3):
        record_page(store, n, NOW + timedelta(minutes=n), WALL)
    assert store.count("SELECT count(*) FROM items WHERE story_id IS NOT NULL") == 0
    notes = [r[0] for r in store.db.execute("SELECT extraction_note FROM items ORDER BY id")]
    assert all("consent wall" in (n or "") for n in notes[1:])


def test_a_rotated_webhook_token_clears_the_410(tmp_path: Path) -> None:
    def config_for(url: str) -> Config:
        return parse_config(
            {
                "storage": {"database": str(tmp_path / "monitor.db")},
                "webhooks": [{"name": "slack", "url": url}],
            }
        )

    store = Store(tmp_path / "monitor.db")
    store.sync_channels(channel_specs(config_for("https://hooks.example/B1/OLDTOKEN")), NOW)
    store.disable_channel("slack", "HTTP 410 Gone", NOW)
    store.sync_channels(channel_specs(config_for("https://hooks.example/B1/OLDTOKEN")), NOW)
    assert store.db.execute("SELECT disabled FROM channels").fetchone()[0] is not None
    store.sync_channels(channel_specs(config_for("https://hooks.example/B1/NEWTOKEN")), NOW)
    target, disabled = store.db.execute("SELECT target, disabled FROM channels").fetchone()
    assert disabled is None and "TOKEN" not in target


def test_a_channel_thread_survives_its_channel_being_switched_off(
    tmp_path: Path, receiver: WebhookReceiver
) -> None:
    config = make_config(tmp_path, {"name": "team", "url": receiver.url})
    store = open_store(config)
    deliverer = Deliverer(config, Clock())
    deliverer.start()
    try:
        other = Store(tmp_path / "monitor.db")
        other.sync_channels([], NOW)  # e.g. a command run with another config
        other.sync_channels(channel_specs(config), NOW)
        other.close()
        poll(store, "wire", item(1, link="https://wire.example/world/law", body=html(WIRE)))
        assert receiver.wait_for(1, timeout=20)[0].verified
        assert all(w.is_alive() for w in deliverer.workers)
    finally:
        deliverer.stop()


def test_a_late_retry_never_undoes_a_delivery(tmp_path: Path) -> None:
    config = make_config(tmp_path, {"name": "team", "url": "http://127.0.0.1:9/hook"})
    store = open_store(config)
    poll(store, "wire", item(1, link="https://wire.example/world/law", body=html(WIRE)))
    [row] = outbox(store)
    store.record_attempt(row["id"], NOW, state="delivered", status=200)
    store.record_attempt(
        row["id"],
        NOW,
        state="pending",
        status=500,
        error="late",
        next_attempt=NOW + timedelta(seconds=5),
    )
    [row] = outbox(store)
    assert (row["state"], row["attempts"], row["last_status"]) == ("delivered", 1, 200)


def test_a_503_with_retry_after_pauses_the_rest_of_the_batch(
    tmp_path: Path, receiver: WebhookReceiver
) -> None:
    config = make_config(tmp_path, {"name": "team", "url": receiver.url})
    store = open_store(config)
    poll(
        store,
        "wire",
        *(
            item(
                n,
                link=f"https://wire.example/w/law-{n}",
                title=f"Media law {n}",
                body="<p>media law</p>",
            )
            for n in range(3)
        ),
    )
    receiver.script(Reply(503, b"busy", (("Retry-After", "120"),)))
    report = Deliverer(config, Clock()).drain()["team"]
    assert len(receiver.deliveries) == 1 and report.retried == 1
