"""The outbox half of the store: notification channels and the messages owed
to them.  Mixed into :class:`monitor.storage.store.Store`.

Contract:
- a message is written in the same transaction as what it is about (the
  items and matches of a feed batch, a feed's health change), so a crash can
  never store an item and lose its notification, nor the reverse;
- ``msg_id`` is fixed when the row is written and sent with every attempt,
  so a receiver can drop repeats (delivery is at least once);
- an item notifies a channel about a topic at most once per story: copies
  (``duplicate_of``) and later members of a story are left to the digests'
  "also reported by".
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from monitor.net.redact import keyed_digest
from monitor.notify import events
from monitor.storage.settings import StoreSettings
from monitor.storage.sqlbits import in_chunks
from monitor.texts import iso


@dataclass(frozen=True)
class ChannelSpec:
    """One configured destination, mirrored into ``channels``."""

    name: str
    kind: str  # webhook, apprise, digest or email
    target: str  # a URL with credentials redacted, or the recipients
    topics: tuple[str, ...] = ()
    operator: bool = False
    # The SHA-256 of the full target (a webhook URL's path may hold a token that
    # ``target`` does not show), in memory only: ``channels.target_key`` keeps it
    # keyed with the database's salt (see OutboxStore.sync_channels).  A new one
    # clears a 410's disabling.
    key: str = ""


# The row of ``salts`` whose salt keys ``channels.target_key`` (migration m012).
TARGET_SALT = "channels.target_key"


@dataclass(frozen=True)
class OutboxRow:
    id: int
    msg_id: str
    channel: str
    event: str
    payload: str
    attempts: int
    created: str


def new_msg_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


class OutboxStore:
    db: Database
    settings: StoreSettings  # given to the Store at construction

    def _tx(self) -> AbstractContextManager[None]:
        raise NotImplementedError  # Store._tx: BEGIN IMMEDIATE

    def sync_channels(self, specs: Sequence[ChannelSpec], now: datetime) -> None:
        """Mirror the configured channels; one no longer configured is made
        inactive (its outbox rows stay, and stay unsent).

        ``target_key`` is HMAC-SHA256(salt, SHA-256 of the full target), with
        this database's random salt: a plain hash of a webhook URL would let
        anyone who sees the ``channels`` table check a guessed token offline.
        (It is keyed over the SHA-256, which ChannelSpec carries, so that
        migration m012 could re-key the old plain hashes in place.)"""
        stamp = iso(now)
        with self._tx():
            salt = self._target_salt(now)
            for spec in specs:
                self.db.execute(
                    "INSERT INTO channels (name, kind, target, target_key, topics, operator,"
                    " active, updated) VALUES (?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT(name) DO UPDATE"
                    " SET kind = excluded.kind, target = excluded.target,"
                    " target_key = excluded.target_key, topics = excluded.topics,"
                    " operator = excluded.operator, active = 1, updated = excluded.updated,"
                    # A changed target is a new endpoint: a 410 from the old one no longer holds.
                    " disabled = CASE WHEN channels.target_key IS excluded.target_key"
                    " THEN channels.disabled END,"
                    " disabled_reason = CASE WHEN channels.target_key IS excluded.target_key"
                    " THEN channels.disabled_reason END",
                    [
                        spec.name,
                        spec.kind,
                        spec.target,
                        keyed_digest(
                            salt, spec.key or hashlib.sha256(spec.target.encode()).hexdigest()
                        ),
                        json.dumps(list(spec.topics)),
                        int(spec.operator),
                        stamp,
                    ],
                )
            names = [s.name for s in specs]
            marks = ", ".join("?" * len(names))
            self.db.execute(
                f"UPDATE channels SET active = 0, updated = ? WHERE active = 1"
                f" AND name NOT IN ({marks})",
                [stamp, *names],
            )

    def _target_salt(self, now: datetime) -> str:
        """The salt of ``target_key``, made by migration m012.  Made anew should
        the row be gone (deleted by hand): every channel's target then counts as
        new once, so a 410's disabling is forgotten and the 410 comes back."""
        row = self.db.execute("SELECT salt FROM salts WHERE name = ?", [TARGET_SALT]).fetchone()
        if row is None:
            self.db.execute(
                "INSERT INTO salts (name, salt, created) VALUES (?, ?, ?)",
                [TARGET_SALT, secrets.token_hex(32), iso(now)],
            )
            return self._target_salt(now)
        return str(row[0])

    def enqueue(
        self,
        channel: str,
        event: str,
        payload: str,
        now: datetime,
        *,
        item_id: int | None = None,
        feed_id: int | None = None,
        topic: str | None = None,
        msg_id: str | None = None,
    ) -> str:
        """Write one message for ``channel``, due now.  Call inside the
        transaction that stored what it is about."""
        msg_id = msg_id or new_msg_id()
        stamp = iso(now)
        self.db.execute(
            # OR IGNORE: the unique index on (channel, item_id, topic) of
            # item.matched rows is the last guard against telling a channel twice.
            "INSERT OR IGNORE INTO outbox (msg_id, channel, event, topic, item_id, feed_id,"
            " payload, created, state, next_attempt)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
            [msg_id, channel, event, topic, item_id, feed_id, payload, stamp, stamp],
        )
        return msg_id

    def enqueue_operator(
        self, event: str, payload: dict[str, Any], now: datetime, feed_id: int
    ) -> int:
        """An operator notice (``feed.failing``, ``feed.recovered``) to every
        active channel that takes them; returns how many were written."""
        body = events.dumps(events.operator_event(event, iso(now) or "", payload))
        rows = self.db.execute(
            "SELECT name FROM channels WHERE active = 1 AND disabled IS NULL AND operator = 1"
            " AND kind IN ('webhook', 'apprise', 'email') ORDER BY name"
        ).fetchall()
        for (name,) in rows:
            self.enqueue(name, event, body, now, feed_id=feed_id)
        return len(rows)

    def notify_matches(self, item_ids: Sequence[int], now: datetime) -> int:
        """Messages for these items' matches that no channel was told about
        yet, to each webhook and Apprise channel that follows the topic.

        An item whose article page is still pending waits for it (the page
        recording calls this again): its story, and so whether it is news or
        a copy, is only known with the full text.  Skipped: an item whose
        original (``duplicate_of``) or story already told that channel about
        that topic.  A unique index on ``(channel, item_id, topic)`` makes a
        second call for the same match write nothing.  Returns how many were
        written."""
        channels = self.db.execute(
            "SELECT name, topics FROM channels WHERE active = 1 AND disabled IS NULL"
            " AND kind IN ('webhook', 'apprise') ORDER BY name"
        ).fetchall()
        if not channels or not item_ids:
            return 0
        stamp = iso(now) or ""
        found: list[tuple[Any, ...]] = []
        for chunk, marks in in_chunks(sorted(set(item_ids))):
            found += self.db.execute(
                "SELECT m.item_id, m.topic, m.snippet, i.title, i.text, i.url, i.published,"
                " f.name, i.story_id, s.source_names, i.duplicate_of FROM matches m"
                " JOIN items i ON i.id = m.item_id LEFT JOIN feeds f ON f.id = i.feed_id"
                " LEFT JOIN stories s ON s.id = i.story_id"
                f" WHERE m.item_id IN ({marks}) AND i.page_status IS NOT 'pending'"
                " ORDER BY m.item_id, m.topic",
                chunk,
            ).fetchall()
        written = 0
        for row in found:
            item_id, topic, snippet, title, text, url, published, feed, story, names, copy_of = row
            body: str | None = None
            for name, topics in channels:
                wanted = json.loads(topics)
                if wanted and topic not in wanted:
                    continue
                if self._told(item_id, copy_of, story, name, topic):
                    continue
                if body is None:
                    sighted = [
                        r[0]
                        for r in self.db.execute(
                            "SELECT f.name FROM sightings s JOIN feeds f ON f.id = s.feed_id"
                            " WHERE s.item_id = ? ORDER BY s.id",
                            [item_id],
                        )
                    ]
                    item = events.MatchedItem(
                        item_id,
                        topic,
                        title,
                        text,
                        url,
                        published,
                        feed,
                        snippet,
                        story,
                        events.also_in([*sighted, *json.loads(names or "[]")], feed),
                    )
                    body = events.dumps(events.item_event(item, stamp, self.settings.browse_url))
                self.enqueue(name, "item.matched", body, now, item_id=item_id, topic=topic)
                written += 1
        return written

    def _told(
        self, item_id: int, copy_of: int | None, story: int | None, channel: str, topic: str
    ) -> bool:
        """Whether this item, its original or another item of its story has
        already notified ``channel`` about ``topic``."""
        return (
            self.db.execute(
                # Item ids first (the story's few items by index), then the
                # outbox by its (channel, item_id, topic) index: no scan of a
                # channel's whole history.
                "SELECT 1 FROM outbox WHERE channel = ? AND topic = ?"
                " AND event = 'item.matched' AND item_id IN (SELECT ? UNION SELECT ?"
                " UNION SELECT id FROM items WHERE story_id = ?) LIMIT 1",
                [channel, topic, item_id, copy_of, story],
            ).fetchone()
            is not None
        )

    # -- the delivery side -------------------------------------------------
    def due_messages(self, channel: str, now: datetime, limit: int = 100) -> list[OutboxRow]:
        """Pending messages of ``channel`` whose next attempt is due, oldest first."""
        rows = self.db.execute(
            "SELECT id, msg_id, channel, event, payload, attempts, created FROM outbox"
            " WHERE channel = ? AND state = 'pending' AND next_attempt <= ?"
            " ORDER BY next_attempt, id LIMIT ?",
            [channel, iso(now), limit],
        ).fetchall()
        return [OutboxRow(*r) for r in rows]

    def next_due(self, channel: str) -> str | None:
        row = self.db.execute(
            "SELECT min(next_attempt) FROM outbox WHERE channel = ? AND state = 'pending'",
            [channel],
        ).fetchone()
        return row[0] if row else None

    def record_attempt(
        self,
        outbox_id: int,
        now: datetime,
        *,
        state: str,
        status: int | None = None,
        error: str | None = None,
        next_attempt: datetime | None = None,
    ) -> None:
        """The outcome of one attempt: ``delivered``, ``pending`` (with the next
        attempt's time), ``failed`` (gave up) or ``cancelled``."""
        stamp = iso(now)
        with self._tx():
            self.db.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_attempt = ?, last_status = ?,"
                " last_error = ?, state = ?, next_attempt = ?,"
                " delivered = CASE WHEN ? = 'delivered' THEN ? ELSE delivered END"
                # Only a pending row: a slower sender never undoes another's
                # "delivered" (or a cancellation) with its own late "retry".
                " WHERE id = ? AND state = 'pending'",
                [stamp, status, error, state, iso(next_attempt), state, stamp, outbox_id],
            )

    def disable_channel(self, name: str, reason: str, now: datetime) -> int:
        """Stop sending to ``name`` (a 410 Gone): its pending messages are
        cancelled with the reason.  Returns how many were cancelled."""
        stamp = iso(now)
        with self._tx():
            self.db.execute(
                "UPDATE channels SET disabled = ?, disabled_reason = ?, updated = ? WHERE name = ?",
                [stamp, reason, stamp, name],
            )
            cur = self.db.execute(
                "UPDATE outbox SET state = 'cancelled', last_error = ? WHERE channel = ?"
                " AND state = 'pending'",
                [reason, name],
            )
        return int(cur.rowcount)
