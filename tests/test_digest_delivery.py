"""Digests end to end: matches ingested through the real store, the digest
cursor, the outbox, SMTP against loopback servers, the .eml fallback, and the
`monitor digest` command."""

from __future__ import annotations

import email
import email.policy
import random
import re
import smtplib
import socket
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from monitor.config.load import Config, parse_config
from monitor.errors import DeliveryError, StoreError
from monitor.ingest.parse import parse_feed
from monitor.notify.digest.compose import LINE_CHARS
from monitor.notify.digest.run import deliver_pending, prepare_digest, record, run_due_digests
from monitor.notify.mailer import eml_path, send_email
from monitor.storage.store import FeedSpec, FetchLog, Store
from monitor.storage.topics import TopicSpec
from monitor.types import FetchResult
from tests import fixtures_notify
from tests.feeds import item, rss
from tests.smtpserver import SilentServer, SMTPServer
from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent
# The loopback SMTP fixtures (a real aiosmtpd server, and one that never greets).
smtp_server = fixtures_notify.smtp_server
silent_smtp = fixtures_notify.silent_smtp
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
XML = {"content-type": "application/rss+xml"}
URL = re.compile(r"https://(?:news|wire)\.example/\d+")
# Long enough (over 50 words of prose, over 200 characters) to be a story.
STORY = " ".join(
    [
        "The spyware was found on the phones of three reporters in the capital this week.",
        "Investigators said the infection began with a message that needed no click at all.",
        "The company that sold the tool denied any part in the attacks on the journalists.",
        "Rights groups asked the government to stop buying such tools until rules exist.",
        "One of the reporters said the attack had put every one of her sources at risk.",
        "Parliament will hear from the investigators and from the company next month.",
    ]
)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_config(
    tmp_path: Path,
    email_section: dict[str, Any] | None = None,
    topics: tuple[dict[str, str], ...] = ({"name": "spyware", "query": "spyware OR Pegasus"},),
    **digest: Any,
) -> Config:
    return parse_config(
        {
            "storage": {"database": str(tmp_path / "storage" / "monitor.db")},
            "email": email_section or {},
            "feeds": [
                {"name": "news", "url": "https://news.example/f"},
                {"name": "wire", "url": "https://wire.example/f"},
            ],
            "topics": list(topics),
            "digests": [{"name": "daily", "to": ["desk@example.org"], **digest}],
        }
    )


def open_store(config: Config) -> Store:
    store = Store(Path(config.storage.database))
    store.sync_feeds([FeedSpec(f.name, f.url, 900) for f in config.feeds], NOW)
    store.set_topics([TopicSpec(t.name, t.query) for t in config.topics], NOW)
    return store


def ingest(store: Store, feed_name: str, items: list[str], now: datetime) -> int:
    """Store a poll of ``feed_name`` through the real path; returns new matches."""
    feed = next(f for f in store.feeds() if f.name == feed_name)
    body = rss(items)
    log = FetchLog(feed.url, now, 1, 200, len(body), "new")
    result = FetchResult(feed.url, feed.url, 200, XML, body, 0.1)
    parsed = parse_feed(body, {}, feed.url)
    return store.record_success(feed, log, result, parsed, body_hash=None, next_poll=now).matched


def spy(n: int, host: str = "news", body: str | None = None) -> str:
    return item(
        n,
        link=f"https://{host}.example/{n}",
        guid=f"urn:{host}:{n}",
        body=body or f"<p>Pegasus spyware report number {n}.</p>",
    )


def payload_urls(store: Store) -> list[list[str]]:
    """The item links listed by each queued digest, in queue order."""
    out = []
    for (payload,) in store.db.execute("SELECT payload FROM outbox WHERE event = 'digest'"):
        message = email.message_from_string(payload, policy=email.policy.default)
        text = message.get_body(("plain",))
        out.append(URL.findall(str(text.get_content())))  # type: ignore[union-attr]
    return out


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


@pytest.fixture
def store(config: Config) -> Iterator[Store]:
    opened = open_store(config)
    yield opened
    opened.close()


def outbox(store: Store) -> list[tuple[Any, ...]]:
    return store.db.execute(
        "SELECT state, attempts, last_status, last_error, next_attempt FROM outbox ORDER BY id"
    ).fetchall()


# -- the cursor: every match in exactly one digest --------------------------------------


def test_record_then_nothing_new_and_the_channel_row(store: Store, config: Config) -> None:
    ingest(store, "news", [spy(1), spy(2)], NOW)
    digests = store
    prepared = prepare_digest(digests, config, config.digests[0], NOW)
    assert prepared.digest.total == 2 and prepared.message is not None
    record(digests, prepared, None, NOW)
    assert prepare_digest(digests, config, config.digests[0], NOW).message is None
    row = store.db.execute("SELECT kind, target, active FROM channels WHERE name = 'daily'")
    assert row.fetchone() == ("digest", "desk@example.org", 1)
    assert store.db.execute(
        "SELECT last_match_id, sent_count, last_sent FROM digests"
    ).fetchone() == (2, 1, NOW.isoformat())
    (sent,) = store.db.execute("SELECT channel, event, state, next_attempt FROM outbox")
    assert sent == ("daily", "digest", "pending", NOW.isoformat())


def test_a_stale_cursor_records_nothing(store: Store, config: Config) -> None:
    ingest(store, "news", [spy(1)], NOW)
    digests = store
    first = prepare_digest(digests, config, config.digests[0], NOW)
    ingest(store, "news", [spy(1), spy(2)], NOW)
    second = prepare_digest(digests, config, config.digests[0], NOW + timedelta(seconds=1))
    record(digests, second, None, NOW)
    with pytest.raises(StoreError, match="another process"):
        record(digests, first, None, NOW)  # another process got there first
    assert payload_urls(store) == [["https://news.example/2", "https://news.example/1"]]


def test_copies_fold_into_their_original_with_also_reported_by(
    store: Store, config: Config
) -> None:
    ingest(store, "news", [spy(1, body=f"<p>{STORY}</p>")], NOW)
    ingest(store, "wire", [spy(7, "wire", body=f"<p>{STORY}</p>")], NOW)
    copy = store.db.execute("SELECT duplicate_of, story_id FROM items WHERE id = 2").fetchone()
    assert copy[0] == 1 and copy[1] is not None
    entries, upto, counts = store.pending_matches("daily", ["spyware"])
    assert (len(entries), upto, counts) == (1, 2, {"spyware": 1})
    assert entries[0].feed == "news" and entries[0].also_reported_by == ("wire",)


def test_near_copies_of_one_story_are_one_entry(store: Store, config: Config) -> None:
    ingest(store, "news", [spy(1, body=f"<p>{STORY}</p>")], NOW)
    edited = STORY.replace("this week", "on Tuesday") + " A spokesman declined to comment."
    ingest(store, "wire", [spy(7, "wire", body=f"<p>{edited}</p>")], NOW)
    stories = store.db.execute("SELECT story_id, duplicate_of FROM items ORDER BY id").fetchall()
    assert stories[0][0] is not None and stories[0][0] == stories[1][0] and stories[1][1] is None
    prepared = prepare_digest(store, config, config.digests[0], NOW)
    (group,) = prepared.digest.groups
    assert [(e.feed, e.also_reported_by) for e in group.entries] == [("news", ("wire",))]


def test_every_match_lands_in_exactly_one_digest_across_restarts_dst_and_clock_jumps(
    tmp_path: Path,
) -> None:
    config = make_config(tmp_path, schedule="daily 01:30", timezone="Europe/London")
    rng = random.Random(7)
    # Over the spring DST change in London (29 March 2026), one tick every 20
    # minutes, with the clock jumping back an hour now and then.
    t = datetime(2026, 3, 27, 20, 0, tzinfo=UTC)
    end = datetime(2026, 3, 31, 3, 0, tzinfo=UTC)
    store = open_store(config)
    n = 0
    items: list[str] = []
    ticks = 0
    while t < end:
        ticks += 1
        if rng.random() < 0.3:
            n += 1
            items.append(spy(n))
            ingest(store, "news", items[-30:], t)
        if rng.random() < 0.1:  # a restart: a new Store on the same file
            store.close()
            store = open_store(config)
        clock = t - timedelta(hours=1) if rng.random() < 0.15 else t
        run_due_digests(store, config, clock)
        t += timedelta(minutes=20)
    run_due_digests(store, config, end + timedelta(days=1))  # the last run sweeps up
    seen = Counter(url for urls in payload_urls(store) for url in urls)
    assert n > 20 and set(seen) == {f"https://news.example/{i}" for i in range(1, n + 1)}
    assert max(seen.values()) == 1
    runs = store.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    assert 3 <= runs <= 5  # at most one a day, however the clock moved
    store.close()


def test_due_runs_with_nothing_new_only_move_the_schedule(store: Store, config: Config) -> None:
    digests = store
    assert run_due_digests(store, config, NOW) == []  # first sight: the baseline is set
    assert digests.digest_baseline("daily", NOW) == NOW
    lines = run_due_digests(store, config, NOW + timedelta(days=1))
    assert lines == ["digest daily: nothing new for the run of 2026-11-23T08:00+00:00"]
    assert digests.digest_baseline("daily", NOW) == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert outbox(store) == []
    ingest(store, "news", [spy(1)], NOW + timedelta(days=1))
    assert run_due_digests(store, config, NOW + timedelta(days=1, hours=1)) == []  # not yet due
    (line,) = run_due_digests(store, config, NOW + timedelta(days=2))
    assert line.startswith("digest daily: 1 new for the run of 2026-11-24T08:00+00:00, queued")


# -- delivery ------------------------------------------------------------------------------


def queue_one(store: Store, config: Config) -> str:
    # An escaped tag in a feed's title survives ingest as text: "<script>".
    evil = item(2, title="Spyware &lt;script&gt;x&lt;/script&gt; & co", body="<p>Pegasus</p>")
    ingest(store, "news", [spy(1), evil], NOW)
    digests = store
    prepared = prepare_digest(digests, config, config.digests[0], NOW)
    record(digests, prepared, None, NOW)
    return prepared.msg_id


def smtp_config(tmp_path: Path, port: int, **email_section: Any) -> Config:
    section = {"host": "127.0.0.1", "port": port, "security": "none", "timeout": "2s"}
    return make_config(tmp_path, {**section, **email_section}, to=["desk@example.org"])


def test_smtp_delivers_a_multipart_message(tmp_path: Path, smtp_server: SMTPServer) -> None:
    config = smtp_config(tmp_path, smtp_server.port)
    store = open_store(config)
    msg_id = queue_one(store, config)
    (result,) = deliver_pending(store, config, "daily", NOW)
    assert result.ok and result.detail.startswith("smtp 250")
    (mail,) = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ("desk@example.org",)
    assert mail.message["Subject"] == "news-monitor digest daily: 2 new matches"
    assert mail.message["Message-ID"] == f"<{msg_id}@localhost>"
    assert mail.message.get_content_type() == "multipart/alternative"
    html = mail.message.get_body(("html",))
    text = mail.message.get_body(("plain",))
    assert html is not None and text is not None
    assert "Spyware &lt;script&gt;x&lt;/script&gt; &amp; co" in html.get_content()
    assert "<script>" not in html.get_content()
    assert "https://news.example/1" in text.get_content()
    assert outbox(store)[0][:3] == ("delivered", 1, 250)
    assert deliver_pending(store, config, "daily", NOW) == []  # nothing twice


def test_a_server_that_never_greets_times_out_and_the_digest_stays_pending(
    tmp_path: Path, silent_smtp: SilentServer
) -> None:
    config = smtp_config(tmp_path, silent_smtp.port, timeout="1s")
    store = open_store(config)
    queue_one(store, config)
    (result,) = deliver_pending(store, config, "daily", NOW, random.Random(1))
    assert not result.ok and not result.permanent
    assert result.detail == f"127.0.0.1:{silent_smtp.port}: no answer within 1s for the greeting"
    state, attempts, status, error, next_attempt = outbox(store)[0]
    assert (state, attempts, status, error) == ("pending", 1, None, result.detail)
    assert datetime.fromisoformat(next_attempt) > NOW
    assert silent_smtp.connections == 1


def test_connection_refused_keeps_the_digest(tmp_path: Path) -> None:
    config = smtp_config(tmp_path, closed_port())
    store = open_store(config)
    queue_one(store, config)
    (result,) = deliver_pending(store, config, "daily", NOW)
    assert not result.ok and "connection refused" in result.detail
    assert outbox(store)[0][:2] == ("pending", 1)


def test_a_rejected_recipient_is_a_permanent_error_recorded_on_the_row(
    tmp_path: Path, smtp_server: SMTPServer
) -> None:
    smtp_server.reject_recipients.add("desk@example.org")
    config = smtp_config(tmp_path, smtp_server.port)
    store = open_store(config)
    queue_one(store, config)
    (result,) = deliver_pending(store, config, "daily", NOW)
    assert not result.ok and result.permanent
    # Retrying cannot help: given up at once (as the delivery loop does), and
    # kept in the outbox with the reason, never lost.
    state, attempts, status, error, _ = outbox(store)[0]
    assert (state, attempts, status) == ("failed", 1, 550)
    assert "desk@example.org: 550" in error
    assert smtp_server.messages == []


def test_one_rejected_recipient_of_two_still_delivers(
    tmp_path: Path, smtp_server: SMTPServer
) -> None:
    smtp_server.reject_recipients.add("gone@example.org")
    config = make_config(
        tmp_path,
        {"host": "127.0.0.1", "port": smtp_server.port, "security": "none"},
        to=["desk@example.org", "gone@example.org"],
    )
    store = open_store(config)
    queue_one(store, config)
    (result,) = deliver_pending(store, config, "daily", NOW)
    assert result.ok and "refused: gone@example.org (550)" in result.detail
    assert smtp_server.wait_for(1)[0].rcpt_tos == ("desk@example.org",)


def test_a_4xx_keeps_the_digest_pending_and_the_retry_sends_the_same_message(
    tmp_path: Path, smtp_server: SMTPServer
) -> None:
    config = smtp_config(tmp_path, smtp_server.port)
    store = open_store(config)
    msg_id = queue_one(store, config)
    digests, rng = store, random.Random(1)
    smtp_server.defer_recipients.add("desk@example.org")  # greylisted at RCPT TO
    (first,) = deliver_pending(digests, config, "daily", NOW, rng)
    assert not first.ok and not first.permanent
    assert "desk@example.org: 451 4.7.1" in first.detail
    state, attempts, status, error, next_attempt = outbox(store)[0]
    assert (state, attempts, status, error) == ("pending", 1, 451, first.detail)
    assert datetime.fromisoformat(next_attempt) > NOW
    assert smtp_server.data_attempts == []

    smtp_server.defer_recipients.clear()
    smtp_server.data_reply = "451 4.3.0 Queue full, try again later"  # at the end of DATA
    later = NOW + timedelta(minutes=1)
    (second,) = deliver_pending(digests, config, "daily", later, rng)
    assert not second.ok and not second.permanent and "451 4.3.0 Queue full" in second.detail
    state, attempts, status, _, next_attempt = outbox(store)[0]
    assert (state, attempts, status) == ("pending", 2, 451)
    assert datetime.fromisoformat(next_attempt) > later

    smtp_server.data_reply = None
    (third,) = deliver_pending(digests, config, "daily", later + timedelta(minutes=5), rng)
    assert third.ok and outbox(store)[0][:3] == ("delivered", 3, 250)
    (mail,) = smtp_server.wait_for(1)
    assert mail.message["Message-ID"] == f"<{msg_id}@localhost>"
    assert smtp_server.data_attempts == [mail.data, mail.data]  # byte for byte the same
    (payload,) = store.db.execute("SELECT payload FROM outbox").fetchone()
    assert mail.data.replace(b"\r\n", b"\n") == payload.encode()  # exactly what was queued


def test_a_4xx_for_one_recipient_sends_to_nobody_and_the_retry_reaches_each_once(
    tmp_path: Path, smtp_server: SMTPServer
) -> None:
    smtp_server.defer_recipients.add("later@example.org")
    smtp_server.reject_recipients.add("gone@example.org")
    to = ["desk@example.org", "later@example.org", "gone@example.org"]
    config = make_config(
        tmp_path, {"host": "127.0.0.1", "port": smtp_server.port, "security": "none"}, to=to
    )
    store = open_store(config)
    queue_one(store, config)
    (first,) = deliver_pending(store, config, "daily", NOW)
    assert not first.ok and not first.permanent and first.detail.endswith("tried again later)")
    assert "later@example.org: 451" in first.detail and "gone@example.org: 550" in first.detail
    assert smtp_server.data_attempts == []  # desk@ did not get a copy the retry repeats
    assert outbox(store)[0][:3] == ("pending", 1, 451)

    smtp_server.defer_recipients.clear()
    (second,) = deliver_pending(store, config, "daily", NOW + timedelta(minutes=5))
    assert second.ok and second.detail.endswith("refused: gone@example.org (550)")
    (mail,) = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ("desk@example.org", "later@example.org")  # a 5xx fails only gone@


def test_a_stall_after_data_times_out_naming_the_step_and_the_retry_resends_it_unchanged(
    tmp_path: Path, smtp_server: SMTPServer
) -> None:
    smtp_server.data_delay = 30.0  # takes the message, never says 250
    config = smtp_config(tmp_path, smtp_server.port, timeout="1s")
    store = open_store(config)
    msg_id = queue_one(store, config)
    started = time.monotonic()
    (result,) = deliver_pending(store, config, "daily", NOW, random.Random(1))
    assert time.monotonic() - started < 10  # email.timeout, not the server's 30 s
    assert not result.ok and not result.permanent
    assert result.detail.startswith(
        f"127.0.0.1:{smtp_server.port}: no answer within 1s after the message data"
    )
    state, attempts, status, error, next_attempt = outbox(store)[0]
    assert (state, attempts, status, error) == ("pending", 1, None, result.detail)
    assert datetime.fromisoformat(next_attempt) > NOW
    smtp_server.wait_for(1)  # the server has it, though it never said so

    smtp_server.data_delay = 0.0
    (retry,) = deliver_pending(store, config, "daily", NOW + timedelta(minutes=1))
    assert retry.ok and outbox(store)[0][:2] == ("delivered", 2)
    first, second = smtp_server.wait_for(2)
    # At least once, and never as a different message: one Message-ID, one body.
    assert first.data == second.data
    assert second.message["Message-ID"] == f"<{msg_id}@localhost>"


def test_rejected_data_is_recorded(tmp_path: Path, smtp_server: SMTPServer) -> None:
    smtp_server.data_reply = "554 5.7.1 Message rejected"
    config = smtp_config(tmp_path, smtp_server.port)
    store = open_store(config)
    queue_one(store, config)
    (result,) = deliver_pending(store, config, "daily", NOW)
    assert not result.ok and not result.permanent
    assert outbox(store)[0][:3] == ("pending", 1, 554)
    assert "554 5.7.1 Message rejected" in result.detail


def test_a_missing_password_variable_is_permanent_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NM_TEST_SMTP_PASSWORD", raising=False)
    config = smtp_config(
        tmp_path, closed_port(), username="u", password_env="NM_TEST_SMTP_PASSWORD"
    )
    with pytest.raises(DeliveryError, match="NM_TEST_SMTP_PASSWORD") as caught:
        send_email(b"To: a@example.org\n\nx\n", config.email, tmp_path, "m1")
    assert caught.value.permanent


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_refused_login_is_permanent_with_its_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiosmtpd.smtp import AuthResult

    def refuse(*args: Any) -> AuthResult:
        return AuthResult(success=False, handled=False)

    server = custom_server(authenticator=refuse, auth_require_tls=False)
    monkeypatch.setenv("NM_TEST_SMTP_PASSWORD", "wrong")
    config = smtp_config(tmp_path, server.port, username="u", password_env="NM_TEST_SMTP_PASSWORD")
    with server, pytest.raises(DeliveryError, match="login as 'u' refused") as caught:
        send_email(b"To: a@example.org\nFrom: m@example.org\n\nx\n", config.email, tmp_path, "m")
    assert caught.value.permanent and caught.value.status == 535


def custom_server(**smtp_options: Any) -> SMTPServer:
    """The loopback aiosmtpd server with other SMTP options (TLS, logins)."""
    from tests.smtpserver import _Controller, _Handler

    server = SMTPServer()
    sock = server._controller._sock
    server._controller.loop.close()  # never started: replaced below
    server._controller = _Controller(_Handler(server), sock, ready_timeout=5.0, **smtp_options)
    return server


@pytest.mark.parametrize("trusted", [True, False])
def test_starttls_verifies_the_server_certificate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trusted: bool
) -> None:
    import ssl

    import trustme

    ca = trustme.CA()
    server_side = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_side)
    if trusted:  # as if the CA were in the system store; verification itself stays on
        system = ssl.create_default_context

        def client_side() -> ssl.SSLContext:
            context = system()
            ca.configure_trust(context)
            return context

        monkeypatch.setattr("monitor.notify.mailer.ssl.create_default_context", client_side)
    server = custom_server(tls_context=server_side, require_starttls=True)
    config = smtp_config(tmp_path, server.port, security="starttls")
    message = b"To: a@example.org\nFrom: m@example.org\nSubject: s\n\nx\n"
    with server:
        if trusted:
            assert send_email(message, config.email, tmp_path, "m").startswith("smtp 250")
            assert server.wait_for(1)[0].message["Subject"] == "s"
        else:
            with pytest.raises(DeliveryError, match=r"TLS failure: .*certificate"):
                send_email(message, config.email, tmp_path, "m")
            assert server.messages == []


def test_errors_keep_their_cause(tmp_path: Path, silent_smtp: SilentServer) -> None:
    config = smtp_config(tmp_path, silent_smtp.port, timeout="0.5s")
    with pytest.raises(DeliveryError) as caught:
        send_email(b"To: a@example.org\n\nx\n", config.email, tmp_path, "m")
    assert isinstance(caught.value.__cause__, TimeoutError | smtplib.SMTPException)


def test_without_smtp_the_digest_is_an_eml_file_and_a_retry_overwrites_it(
    store: Store, config: Config
) -> None:
    msg_id = queue_one(store, config)
    (result,) = deliver_pending(store, config, "daily", NOW)
    target = eml_path(Path(config.storage.database).parent / "outbox", msg_id)
    assert result.ok and result.detail == f"written {target}"
    first = target.read_bytes()
    message = email.message_from_bytes(first, policy=email.policy.default)
    assert message["Subject"] == "news-monitor digest daily: 2 new matches"
    (payload,) = store.db.execute("SELECT payload FROM outbox").fetchone()
    send_email(payload.encode(), config.email, target.parent, msg_id)  # a retry
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    assert target.read_bytes() == first


# -- hostile and broken items (HARDENING: titles with CR/LF, 5 KB titles, 10,000
# matches, HTML in titles; one bad item never aborts a digest) -----------------------------

LONG = "Pegasus " * 700  # 5,600 characters


def test_hostile_titles_never_make_headers_and_are_capped_and_escaped(
    tmp_path: Path, smtp_server: SMTPServer
) -> None:
    config = smtp_config(tmp_path, smtp_server.port)
    store = open_store(config)
    inject = "Pegasus found&#13;&#10;Bcc: x@example.org&#13;&#10;Subject: hi"
    script = "Spyware &lt;script&gt;alert(1)&lt;/script&gt;"  # text once ingested, not markup
    ingest(store, "news", [item(1, title=inject), item(2, title=LONG), item(3, title=script),
                           spy(4)], NOW)  # fmt: skip
    with store.transaction():  # as if stored before ingest cleaned titles, or by another tool
        store.db.execute("UPDATE items SET title = ? WHERE id = 4",
                         ["Raw\r\nBcc: y@example.org\r\n\r\n<b>body</b>"])  # fmt: skip
        store.db.execute(
            "UPDATE matches SET snippet = ? WHERE item_id = 4", [f"<img src=x> [{LONG}]"]
        )
    digests = store
    prepared = prepare_digest(digests, config, config.digests[0], NOW)
    record(digests, prepared, None, NOW)
    (result,) = deliver_pending(digests, config, "daily", NOW)
    assert result.ok
    (mail,) = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ("desk@example.org",) and mail.message["Bcc"] is None
    assert mail.message["Subject"] == "news-monitor digest daily: 4 new matches"
    head = re.sub(rb"\r\n[ \t]", b" ", mail.data.split(b"\r\n\r\n", 1)[0]).split(b"\r\n")
    assert sorted(line.split(b":", 1)[0] for line in head) == sorted(
        [b"Subject", b"From", b"To", b"Date", b"Message-ID", b"Auto-Submitted",
         b"X-News-Monitor-Digest", b"MIME-Version", b"Content-Type"]
    )  # fmt: skip
    text = str(mail.message.get_body(("plain",)).get_content())  # type: ignore[union-attr]
    html = str(mail.message.get_body(("html",)).get_content())  # type: ignore[union-attr]
    for shown in (text, html):
        assert "Pegasus found Bcc: x@example.org Subject: hi" in shown  # one line of the body
        assert "Raw Bcc: y@example.org" in shown
        assert LONG[:400] not in shown and (LONG[: LINE_CHARS - 1].rstrip() + "…") in shown
    assert "- Spyware <script>alert(1)</script>" in text
    assert "<script>" not in html and "Spyware &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "<b>" not in html and "&lt;b&gt;body&lt;/b&gt;" in html


def test_ten_thousand_matches_make_one_capped_email_of_bounded_size(tmp_path: Path) -> None:
    quiet = {"name": "quiet", "query": "Amnesty"}
    config = make_config(tmp_path, topics=({"name": "spyware", "query": "Pegasus"}, quiet))
    store = open_store(config)
    ingest(store, "news", [item(1, title="Amnesty report"), spy(2)], NOW)
    with store.transaction():  # 9,998 more, cloned: ingesting them would take seconds
        store.db.execute(
            "WITH RECURSIVE n(k) AS (SELECT 3 UNION ALL SELECT k + 1 FROM n WHERE k < 10000)"
            " INSERT INTO items (source, feed_id, entry_id, url, title, published, text,"
            " content_hash, first_seen, last_changed)"
            " SELECT source, feed_id, 'urn:news:' || k, 'https://news.example/' || k, k || ?,"
            " published, text, content_hash || k, first_seen, last_changed"
            " FROM items, n WHERE items.id = 2",
            [" <b>" + LONG],
        )
        store.db.execute(
            "INSERT INTO matches (item_id, topic, matched, snippet) SELECT i.id, m.topic,"
            " m.matched, ? FROM items i, matches m WHERE i.id > 2 AND m.item_id = 2",
            [f"[{LONG}]"],
        )
    digests = store
    prepared = prepare_digest(digests, config, config.digests[0], NOW)
    d = prepared.digest
    assert (d.total, d.shown, d.more) == (10_000, 50, 9_950)
    # The quiet topic's one match is older than all 9,999 of the busy one, and
    # still listed; the busy one's "more" counts what was not even read.
    assert [(g.topic, len(g.entries), g.more) for g in d.groups] == [
        ("spyware", 49, 9_950),
        ("quiet", 1, 0),
    ]
    assert prepared.message is not None
    # 50 entries of a capped title, snippet and link, in two parts: about 2 KB
    # each.  Uncapped, it would be over 1 MB.
    assert len(prepared.message.as_bytes()) < 50 * 2_500
    text = str(prepared.message.get_body(("plain",)).get_content())  # type: ignore[union-attr]
    assert text.count("\n- ") == 50 and "== spyware (9999) ==" in text
    assert "… and 9950 more in spyware" in text and "And 9950 more: browse them at" in text
    record(digests, prepared, None, NOW)
    assert digests.digest_cursor("daily") == 10_000
    store.close()


def test_a_broken_row_never_aborts_the_digest(tmp_path: Path) -> None:
    config = make_config(tmp_path, timezone="America/New_York")
    store = open_store(config)
    ingest(store, "news", [spy(n) for n in range(1, 7)], NOW)
    broken = [
        ("title = ''", 1),
        ("title = 'Ctl' || char(0, 27) || '[31m red' || char(8238) || 'evil' || char(13, 10)"
         " || 'Bcc: x@example.org', url = 'http://[::1'", 2),
        ("title = 'East of year one', published = '0001-01-01T00:00:00+05:00'", 3),
        ("title = 'Year one', published = '0001-01-01T00:00:00+00:00'", 4),
        ("title = 'Garbage', published = 'garbage', url = 'javascript:alert(1)'", 5),
    ]  # fmt: skip
    with store.transaction():
        for change, item_id in broken:
            store.db.execute(f"UPDATE items SET {change} WHERE id = ?", [item_id])
        store.db.execute("UPDATE matches SET snippet = '' WHERE item_id = 5")
    digests = store
    prepared = prepare_digest(digests, config, config.digests[0], NOW)
    assert prepared.digest.total == prepared.digest.shown == 6
    record(digests, prepared, None, NOW)
    (result,) = deliver_pending(digests, config, "daily", NOW)  # an .eml file
    assert result.ok
    message = email.message_from_bytes(
        eml_path(outbox_dir_of(config), prepared.msg_id).read_bytes(), policy=email.policy.default
    )
    assert message["Bcc"] is None
    text = str(message.get_body(("plain",)).get_content())  # type: ignore[union-attr]
    assert text.count("\n- ") == 6
    for title in ("(untitled)", "Ctl[31m redevil Bcc: x@example.org", "East of year one",
                  "Year one", "Garbage", "Story number 6"):  # fmt: skip
        assert f"- {title}\n" in text
    assert "\x00" not in text and "\x1b" not in text and "\u202e" not in text
    assert "javascript:" not in text and "http://[::1" not in text
    store.close()


def outbox_dir_of(config: Config) -> Path:
    return Path(config.storage.database).parent / "outbox"


# -- the command ---------------------------------------------------------------------------


def cli_config(tmp_path: Path, email_lines: str = "") -> Path:
    path = tmp_path / "monitor.toml"
    path.write_text(
        "\n".join(
            [
                "[storage]",
                'database = "storage/monitor.db"',
                f'seeds = "{ROOT / "storage" / "seeds"}"',
                email_lines,
                "[[topics]]",
                'name = "qassam"',
                "query = 'Qassam'",
                "[[digests]]",
                'name = "daily"',
                'to = ["desk@example.org"]',
                "max_items = 2",
            ]
        )
        + "\n"
    )
    result = run("--config", str(path), "seeds", "import", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return path


def test_cli_preview_marks_nothing_then_send_twice_sends_once(tmp_path: Path) -> None:
    cfg = cli_config(tmp_path)
    preview = run("--config", str(cfg), "digest", "--preview", cwd=tmp_path)
    assert preview.returncode == 0, preview.stderr
    assert "Subject: news-monitor digest daily: 4 new matches" in preview.stdout
    assert "== qassam (4) ==" in preview.stdout and "And 2 more: browse them at" in preview.stdout
    eml = tmp_path / "preview.eml"
    written = run("--config", str(cfg), "digest", "--preview", "daily", "--output", str(eml),
                  cwd=tmp_path)  # fmt: skip
    assert written.returncode == 0 and "(not sent)" in written.stdout
    assert email.message_from_bytes(eml.read_bytes())["Subject"].endswith("4 new matches")
    db = sqlite3.connect(tmp_path / "storage" / "monitor.db")
    assert db.execute("SELECT count(*) FROM outbox").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM digests WHERE sent_count > 0").fetchone() == (0,)

    sent = run("--config", str(cfg), "digest", "--send", cwd=tmp_path)
    assert sent.returncode == 0, sent.stderr
    assert "digest daily: 4 new, sent: written storage/outbox/digest.daily." in sent.stdout
    assert len(list((tmp_path / "storage" / "outbox").glob("*.eml"))) == 1
    again = run("--config", str(cfg), "digest", "--send", "daily", cwd=tmp_path)
    assert again.returncode == 0 and again.stdout == "digest daily: nothing new\n"
    assert db.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall() == [
        ("delivered", 1)
    ]


def test_cli_send_failure_exits_1_and_the_next_send_retries_it(
    tmp_path: Path, smtp_server: SMTPServer
) -> None:
    down = f'[email]\nhost = "127.0.0.1"\nport = {closed_port()}\nsecurity = "none"'
    cfg = cli_config(tmp_path, down)
    failed = run("--config", str(cfg), "digest", "--send", cwd=tmp_path)
    assert failed.returncode == 1
    assert "connection refused; kept in the outbox" in failed.stdout
    up = f'[email]\nhost = "127.0.0.1"\nport = {smtp_server.port}\nsecurity = "none"'
    cfg = cli_config(tmp_path, up)
    retried = run("--config", str(cfg), "digest", "--send", cwd=tmp_path)
    assert retried.returncode == 0, retried.stdout + retried.stderr
    assert "earlier digest digest.daily." in retried.stdout and "sent: smtp 250" in retried.stdout
    (mail,) = smtp_server.wait_for(1)
    assert mail.message["Subject"] == "news-monitor digest daily: 4 new matches"
    assert run("--config", str(cfg), "digest", "--send", cwd=tmp_path).returncode == 0
    assert len(smtp_server.messages) == 1


def test_cli_names_unknown_digests(tmp_path: Path) -> None:
    cfg = cli_config(tmp_path)
    result = run("--config", str(cfg), "digest", "--send", "weekly", cwd=tmp_path)
    assert result.returncode == 1
    assert "no digest is named 'weekly' (configured: daily)" in result.stderr
