"""The delivery loop: sends what the outbox holds, at least once, with retries.

Shell code.  Each channel gets its own thread with its own database
connection and HTTP client, so a receiver that fails, throttles or hangs only
ever delays its own messages.  One attempt is: send, then record.  A crash in
between (the ``after-send`` failpoint) leaves the row pending, and the next
run sends it again with the same ``msg_id``: receivers drop repeats by the
``webhook-id`` header.

Outcomes (``monitor.notify.retry``): 2xx delivered; 410 Gone disables the channel and
cancels its pending messages; 429 waits at least its Retry-After; 3xx, other
statuses, timeouts and network errors are retried on the schedule, then the
message is marked ``failed`` with the last error kept.
"""

from __future__ import annotations

import hashlib
import logging
import os
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from monitor import failpoints
from monitor.config.load import Config
from monitor.config.notify import NotifyConfig, WebhookConfig
from monitor.errors import BlockedAddress, DeliveryError
from monitor.net import guard as netguard
from monitor.net.fetch import parse_retry_after
from monitor.notify import events, retry, signing
from monitor.storage.outbox import ChannelSpec, OutboxRow
from monitor.storage.store import Store

log = logging.getLogger("monitor.deliver")

Clock = Callable[[], datetime]
# How often an idle channel looks for new messages (they are written by the
# poller, on another connection).
IDLE_POLL = 1.0
ANSWER_BYTES = 4096  # of a webhook receiver's answer body, read and ignored
ERROR_PAUSE = 5.0  # after an unexpected error, before the channel tries again
BATCH = 200


@dataclass(frozen=True)
class Sent:
    status: int | None  # the receiver's HTTP status, when it has one
    detail: str


class Sender(Protocol):
    def send(self, row: OutboxRow, now: datetime) -> Sent:
        """Deliver one message, or raise :class:`DeliveryError`."""
        ...

    def close(self) -> None: ...


class WebhookSender:
    """POSTs the stored JSON body, signed per Standard Webhooks."""

    def __init__(
        self,
        spec: WebhookConfig,
        user_agent: str,
        allow_private: Sequence[str] = (),
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.spec = spec
        # The signature's timestamp is the wall clock, not the (injectable)
        # scheduling clock: receivers check it against their own clocks.
        self.wall = wall
        # No redirects: a 3xx is a failure (the receiver moved; the operator
        # should update the URL), never a silent POST to somewhere else.
        # Every connection passes the same SSRF gate as feed fetches.
        self.client = httpx.Client(
            transport=netguard.gated_transport(allow_private),
            timeout=httpx.Timeout(spec.timeout),
            follow_redirects=False,
            headers={"user-agent": user_agent, "content-type": "application/json"},
        )

    def send(self, row: OutboxRow, now: datetime) -> Sent:
        secret = None
        if self.spec.secret_env:
            secret = os.environ.get(self.spec.secret_env)
            if not secret:
                raise DeliveryError(
                    self.spec.name, f"environment variable {self.spec.secret_env} is not set"
                )
        body = row.payload.encode()
        try:
            headers = signing.headers(secret, row.msg_id, int(self.wall()), body)
        except ValueError as e:  # a malformed whsec_ secret
            raise DeliveryError(self.spec.name, f"bad signing secret: {e}") from e
        # The timeout bounds the whole request, so a receiver that trickles its
        # answer a byte at a time cannot hold the channel longer than that.
        token = netguard.CURRENT_DEADLINE.set(netguard.Deadline.starting_now(self.spec.timeout))
        try:
            # Streamed, and only the start of the answer read: a receiver that
            # sends gigabytes back costs nothing but the timeout.
            with self.client.stream("POST", self.spec.url, content=body, headers=headers) as resp:
                for _ in resp.iter_raw(ANSWER_BYTES):
                    break
        except netguard.Failure as e:
            what = "blocked: non-public address" if e.kind is BlockedAddress else "failed"
            raise DeliveryError(self.spec.name, f"{what}: {e.detail}") from e
        except httpx.TimeoutException as e:
            raise DeliveryError(self.spec.name, f"timeout: {type(e).__name__}") from e
        except httpx.HTTPError as e:
            raise DeliveryError(self.spec.name, f"{type(e).__name__}: {e}") from e
        finally:
            netguard.CURRENT_DEADLINE.reset(token)
        status = resp.status_code
        outcome = retry.classify(status)
        if outcome == "delivered":
            return Sent(status, f"HTTP {status}")
        if outcome == "disable":
            raise DeliveryError(
                self.spec.name, f"HTTP {status} Gone", status=status, permanent=True
            )
        wait = parse_retry_after(resp.headers.get("retry-after"), now)
        detail = f"HTTP {status}"
        if 300 <= status < 400:
            detail += f" redirect to {resp.headers.get('location', '?')} (not followed)"
        raise DeliveryError(self.spec.name, detail, status=status, retry_after=wait)

    def close(self) -> None:
        self.client.close()


class AppriseSender:
    """One of Apprise's 100+ services (the optional ``apprise`` extra)."""

    def __init__(self, spec: NotifyConfig) -> None:
        self.spec = spec

    def send(self, row: OutboxRow, now: datetime) -> Sent:
        try:
            import apprise
        except ImportError as e:
            raise DeliveryError(
                self.spec.name, "apprise is not installed: pip install '.[apprise]'"
            ) from e
        title, body = _plain(row)
        client = apprise.Apprise()
        if not client.add(self.spec.apprise):
            raise DeliveryError(self.spec.name, "Apprise does not understand this URL")
        if not client.notify(title=title, body=body):
            raise DeliveryError(self.spec.name, "Apprise reported a failed notification")
        return Sent(None, "sent")

    def close(self) -> None:
        pass


class MailSender:
    """Digests (stored as whole RFC 822 messages) and operator emails."""

    def __init__(self, name: str, config: Config, outbox_dir: Path) -> None:
        self.name, self.config, self.outbox_dir = name, config, outbox_dir

    def send(self, row: OutboxRow, now: datetime) -> Sent:
        from email.message import EmailMessage

        from monitor.notify.mailer import send_email

        if row.event == "digest":
            message: bytes | EmailMessage = row.payload.encode()
        else:
            title, body = _plain(row)
            msg = EmailMessage()
            msg["Subject"] = f"[news-monitor] {title}"
            msg["From"] = self.config.email.sender
            msg["To"] = self.config.email.operator or ""
            msg.set_content(body)
            message = msg
        return Sent(None, send_email(message, self.config.email, self.outbox_dir, row.msg_id))

    def close(self) -> None:
        pass


def _plain(row: OutboxRow) -> tuple[str, str]:
    """A title and text body for services that take plain text."""
    import json

    event = json.loads(row.payload)
    data = event.get("data", {})
    if event.get("type") == "item.matched":
        title = f"[{data.get('topic')}] {data.get('title')}"
        body = "\n\n".join(filter(None, [data.get("excerpt"), data.get("url")]))
        return title, body
    feed = data.get("feed", "")
    return f"{event.get('type')}: {feed}", events.dumps(data)


def channel_specs(config: Config) -> list[ChannelSpec]:
    """The ``channels`` mirror of the config (URLs with credentials redacted)."""
    # Only the scheme and host of a webhook URL: many services (Slack, Teams,
    # Discord) put the token in the path, and the database is shown in Datasette.
    specs = [
        ChannelSpec(w.name, "webhook", _origin(w.url), w.topics, w.operator, _key(w.url))
        for w in config.webhooks
    ]
    specs += [
        ChannelSpec(
            n.name, "apprise", n.apprise.split("://", 1)[0] + "://…", n.topics, n.operator,
            _key(n.apprise),
        )
        for n in config.notify
    ]  # fmt: skip
    specs += [ChannelSpec(d.name, "digest", ", ".join(d.to), d.topics) for d in config.digests]
    if config.email.operator:
        specs.append(ChannelSpec("operator-email", "email", config.email.operator, (), True))
    return specs


def _key(target: str) -> str:
    return hashlib.sha256(target.encode()).hexdigest()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}/…"


def senders(config: Config) -> dict[str, Callable[[], Sender]]:
    """A factory per channel name: each channel thread makes its own sender."""
    outbox_dir = Path(config.storage.database).parent / "outbox"
    made: dict[str, Callable[[], Sender]] = {}
    for w in config.webhooks:
        made[w.name] = partial(WebhookSender, w, config.http.user_agent, config.http.allow_private)
    for n in config.notify:
        made[n.name] = partial(AppriseSender, n)
    mail = [d.name for d in config.digests] + (["operator-email"] if config.email.operator else [])
    for name in mail:
        made[name] = partial(MailSender, name, config, outbox_dir)
    return made


@dataclass
class ChannelReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0
    errors: list[str] = field(default_factory=list)


class ChannelWorker(threading.Thread):
    """Sends one channel's due messages; see the module docstring."""

    def __init__(
        self,
        name: str,
        db_path: Path,
        make_sender: Callable[[], Sender],
        clock: Clock,
        stop: threading.Event,
        *,
        drain: bool = False,
        seed: int | None = None,
    ) -> None:
        super().__init__(name=f"deliver:{name}", daemon=True)
        self.channel, self.db_path, self.make_sender = name, db_path, make_sender
        self.clock, self.stop, self.drain = clock, stop, drain
        self.rng = random.Random(seed)
        self.report = ChannelReport()
        self.paused_until: datetime | None = None

    def run(self) -> None:
        store = Store(self.db_path)
        sender = self.make_sender()
        try:
            while not self.stop.is_set():
                try:
                    if not self._cycle(store, sender):
                        return
                except Exception as e:  # a bug or a locked database: logged, tried again
                    log.exception("event=deliver-error channel=%s error=%r", self.channel, str(e))
                    self.report.errors.append(f"internal: {e}")
                    if self.drain:
                        return
                    self.stop.wait(ERROR_PAUSE)
        finally:
            sender.close()
            store.close()

    def _cycle(self, store: Store, sender: Sender) -> bool:
        """One batch; False when a drain is done."""
        if self._disabled(store):
            # A channel switched off (410) or not configured: a drain is done;
            # the service keeps looking, since a config sync may bring it back.
            if self.drain:
                return False
            self.stop.wait(IDLE_POLL * 5)
            return True
        now = self.clock()
        if self.paused_until is not None and now < self.paused_until:
            # The receiver is down, hanging or asked to wait: its messages wait
            # until the failed one's next attempt, rather than each failing in turn.
            if self.drain:
                return False
            left = (self.paused_until - now).total_seconds()
            self.stop.wait(min(IDLE_POLL * 5, max(left, 0.05)))
            return True
        rows = store.due_messages(self.channel, now, BATCH)
        if not rows:
            if self.drain:
                return False
            self.stop.wait(IDLE_POLL)
            return True
        for row in rows:
            if self.stop.is_set() or not self._attempt(store, sender, row):
                break
        return True

    def _disabled(self, store: Store) -> bool:
        row = store.db.execute(
            "SELECT disabled, active FROM channels WHERE name = ?", [self.channel]
        ).fetchone()
        return row is None or row[0] is not None or not row[1]

    def _attempt(self, store: Store, sender: Sender, row: OutboxRow) -> bool:
        """One attempt; False when the rest of this batch should wait (the
        channel was disabled, or the receiver is down or throttling)."""
        now = self.clock()
        try:
            sent = sender.send(row, now)
        except DeliveryError as e:
            return self._failed(store, row, now, e)
        failpoints.hit("after-send")
        store.record_attempt(row.id, now, state="delivered", status=sent.status)
        self.report.delivered += 1
        log.info(
            "event=delivered channel=%s msg_id=%s attempt=%d answer=%r",
            self.channel,
            row.msg_id,
            row.attempts + 1,
            sent.detail,
        )
        return True

    def _failed(self, store: Store, row: OutboxRow, now: datetime, e: DeliveryError) -> bool:
        self.report.errors.append(e.detail)
        if e.permanent and e.status == 410:
            store.record_attempt(row.id, now, state="cancelled", status=e.status, error=e.detail)
            cancelled = store.disable_channel(
                self.channel, f"{e.detail} at {now.isoformat(timespec='seconds')}", now
            )
            self.report.cancelled += 1 + cancelled
            log.warning(
                "event=channel-disabled channel=%s reason=%r cancelled=%d",
                self.channel,
                e.detail,
                cancelled,
            )
            return False
        wait = timedelta(seconds=e.retry_after) if e.retry_after is not None else None
        later = None if e.permanent else retry.next_attempt(row.attempts + 1, now, self.rng, wait)
        state = "pending" if later else "failed"
        store.record_attempt(
            row.id, now, state=state, status=e.status, error=e.detail, next_attempt=later
        )
        if later:
            self.report.retried += 1
        else:
            self.report.failed += 1
        log.warning(
            "event=delivery-failed channel=%s msg_id=%s attempt=%d error=%r next=%s",
            self.channel,
            row.msg_id,
            row.attempts + 1,
            e.detail,
            later.isoformat(timespec="seconds") if later else "gave-up",
        )
        # A receiver that is down, hanging or throttling gets no more until
        # this message's next attempt, nor does one that asks to wait
        # (Retry-After, also on a 503); one that refused one message (a 4xx or
        # 5xx) gets the next.
        go_on = e.status is not None and e.status != 429 and e.retry_after is None
        if not go_on:
            self.paused_until = later
        return go_on


class Deliverer:
    """All channel threads of one database."""

    def __init__(
        self,
        config: Config,
        clock: Clock,
        *,
        make: dict[str, Callable[[], Sender]] | None = None,
    ) -> None:
        self.config, self.clock = config, clock
        self.make = make if make is not None else senders(config)
        self.db_path = Path(config.storage.database)
        self.stop_event = threading.Event()
        self.workers: list[ChannelWorker] = []

    def _spawn(self, drain: bool) -> list[ChannelWorker]:
        return [
            ChannelWorker(name, self.db_path, make, self.clock, self.stop_event, drain=drain)
            for name, make in sorted(self.make.items())
        ]

    def drain(self, timeout: float | None = None) -> dict[str, ChannelReport]:
        """Send everything due now on every channel, in parallel, then return
        (``monitor deliver``).  A hanging receiver costs its timeout per
        attempt; the other channels finish independently."""
        workers = self._spawn(drain=True)
        for w in workers:
            w.start()
        for w in workers:
            w.join(timeout)
        return {w.channel: w.report for w in workers}

    def start(self) -> None:
        """Run the channel threads in the background until :meth:`stop`."""
        self.workers = self._spawn(drain=False)
        for w in self.workers:
            w.start()

    def stop(self, timeout: float = 30.0) -> None:
        self.stop_event.set()
        for w in self.workers:
            w.join(timeout)
