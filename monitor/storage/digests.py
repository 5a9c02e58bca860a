"""Digests in the database: the ``digests`` cursors, and the digest rows of
``outbox`` and ``channels``.  Mixed into :class:`monitor.storage.store.Store` (or
wrapped around one by :func:`digest_store`).

Contract, which is what makes every match land in exactly one digest:
- a digest's cursor is ``digests.last_match_id``: the matches it covers are
  those with a greater id, up to the largest id when they were read
  (:meth:`DigestStore.pending_matches`), never a time range, so clock jumps,
  DST and restarts cannot skip or repeat a match;
- :meth:`DigestStore.record_digest` writes the rendered message to the outbox
  and moves the cursor in one transaction, and only if the cursor is still
  where the digest was read from: a digest is either queued with its cursor
  moved, or neither;
- delivery (SMTP or an ``.eml`` file) happens after that commit, from the
  outbox: at least once, with the same Message-ID on every attempt.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from typing import Any

from sqlite_utils import Database

from monitor.errors import StoreError
from monitor.notify.digest.compose import DigestEntry
from monitor.storage.sqlbits import in_chunks
from monitor.texts import excerpt, iso

__all__ = ["DigestStore", "OutboxMessage"]

EXCERPT_CHARS = 300

OutboxMessage = tuple[str, str]  # (msg_id, payload)


class DigestStore:
    db: Database

    def _tx(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    # -- the cursor -------------------------------------------------------
    def _ensure_digest(self, name: str, now: datetime) -> None:
        # The row's first last_run is the setup time: due() then sends the
        # first scheduled run after it, even one missed during downtime.
        self.db.execute(
            "INSERT INTO digests (name, last_match_id, last_run, sent_count)"
            " VALUES (?, 0, ?, 0) ON CONFLICT (name) DO NOTHING",
            [name, iso(now)],
        )
        self.db.execute(
            "UPDATE digests SET last_run = ? WHERE name = ? AND last_run IS NULL",
            [iso(now), name],
        )

    def digest_cursor(self, name: str) -> int:
        """The last match id digest ``name`` covered (0 before the first one)."""
        row = self.db.execute("SELECT last_match_id FROM digests WHERE name = ?", [name]).fetchone()
        return int(row[0]) if row else 0

    def digest_baseline(self, name: str, now: datetime) -> datetime | None:
        """``digests.last_run``, the ``last_sent`` argument of
        :func:`monitor.notify.digest.plan.due`: the scheduled run of the last digest,
        or when the digest was first seen (the row is created now if missing)."""
        with self._tx():
            self._ensure_digest(name, now)
        row = self.db.execute("SELECT last_run FROM digests WHERE name = ?", [name]).fetchone()
        return _when(row[0]) if row and row[0] else None

    # -- what is pending ----------------------------------------------------
    def pending_matches(
        self, name: str, topics: Sequence[str] = (), limit: int = 1000
    ) -> tuple[list[DigestEntry], int, dict[str, int]]:
        """The matches digest ``name`` has not covered yet, for ``topics``
        (empty: every active topic).  Returns ``(entries, upto_match_id,
        counts)``: at most ``limit`` entries per topic, its newest matches,
        newest first; the match id the digest covers up to (every match up to
        it, for any topic, counts as covered once the digest is recorded); and
        how many entries each topic has in all.  Reads only: nothing is
        created or marked.

        The limit is per topic so that a busy topic cannot crowd the others
        out of what is read (and so out of the digest).

        An item stored as a copy of another (``items.duplicate_of``) is left
        out when its original matched the same topic: the original's entry
        lists the copy's source under "also reported by" instead."""
        cursor = self.digest_cursor(name)
        upto = int(self.db.execute("SELECT coalesce(max(id), 0) FROM matches").fetchone()[0])
        if upto <= cursor:
            return [], cursor, {}
        if topics:
            scope = f"m.topic IN ({','.join('?' * len(topics))})"
            scope_params: list[Any] = list(topics)
        else:
            scope, scope_params = "m.topic IN (SELECT name FROM topics WHERE active = 1)", []
        where = (
            f" WHERE m.id > ? AND m.id <= ? AND {scope} AND (i.duplicate_of IS NULL OR NOT EXISTS"
            " (SELECT 1 FROM matches o WHERE o.item_id = i.duplicate_of AND o.topic = m.topic))"
        )
        params = [cursor, upto, *scope_params]
        base = " FROM matches m JOIN items i ON i.id = m.item_id"
        counts = {
            str(topic): int(n)
            for topic, n in self.db.execute(
                f"SELECT m.topic, count(*){base}{where} GROUP BY m.topic", params
            )
        }
        newest = (
            "SELECT m.id AS id, row_number() OVER (PARTITION BY m.topic ORDER BY m.id DESC) AS n"
            f"{base}{where}"
        )
        rows = self.db.execute(
            "SELECT m.id, m.topic, m.snippet, i.id, i.title, i.url, i.published, i.first_seen,"
            " coalesce(f.name, 'seed: ' || i.seed_file, i.source), substr(i.text, 1, ?),"
            f" i.story_id FROM ({newest}) r JOIN matches m ON m.id = r.id"
            " JOIN items i ON i.id = m.item_id LEFT JOIN feeds f ON f.id = i.feed_id"
            " WHERE r.n <= ? ORDER BY m.id DESC",
            [EXCERPT_CHARS, *params, max(0, limit)],
        ).fetchall()
        others = self._other_sources(sorted({r[3] for r in rows}))
        entries = [
            DigestEntry(
                topic=topic,
                item_id=item_id,
                title=title or "",
                url=url,
                published=_when(published) or _when(first_seen),
                feed=feed,
                snippet=snippet or "",
                excerpt=excerpt(text or "", EXCERPT_CHARS - 50),
                story_id=story_id,
                also_reported_by=tuple(s for s in others.get(item_id, ()) if s != feed),
                match_id=match_id,
            )
            for (match_id, topic, snippet, item_id, title, url, published, first_seen, feed, text,
                 story_id) in rows
        ]  # fmt: skip
        return entries, upto, counts

    def _other_sources(self, item_ids: Sequence[int]) -> dict[int, list[str]]:
        """Every source carrying each item: its story's sources, the feeds it
        was sighted in, and the sources of its copies (sorted, no repeats)."""
        found: dict[int, set[str]] = {i: set() for i in item_ids}
        for chunk, marks in in_chunks(item_ids):
            for item_id, names in self.db.execute(
                "SELECT i.id, s.source_names FROM items i JOIN stories s ON s.id = i.story_id"
                f" WHERE i.id IN ({marks})",
                chunk,
            ):
                found[item_id].update(str(n) for n in json.loads(names or "[]"))
            for item_id, name in self.db.execute(
                "SELECT s.item_id, f.name FROM sightings s JOIN feeds f ON f.id = s.feed_id"
                f" WHERE s.item_id IN ({marks})"
                " UNION SELECT c.duplicate_of, coalesce(f.name, 'seed: ' || c.seed_file)"
                " FROM items c LEFT JOIN feeds f ON f.id = c.feed_id"
                f" WHERE c.duplicate_of IN ({marks})",
                [*chunk, *chunk],
            ):
                if name:
                    found[item_id].add(str(name))
        return {i: sorted(names) for i, names in found.items()}

    # -- recording a digest -------------------------------------------------
    def record_digest(
        self,
        name: str,
        run: datetime | None,
        upto_match_id: int,
        message: bytes,
        msg_id: str,
        now: datetime,
        *,
        since_match_id: int | None = None,
        recipients: Sequence[str] = (),
        topics: Sequence[str] = (),
        next_attempt: datetime | None = None,
    ) -> None:
        """Queue a rendered digest and move the cursor, in one transaction.

        Inserts an ``outbox`` row (channel ``name``, event ``digest``, payload
        the RFC 822 message as text, ``pending``, due ``now``), makes sure the
        ``channels`` row exists, and sets ``digests.last_match_id`` to
        ``upto_match_id``, ``last_sent`` to ``now``, ``last_run`` to ``run``
        (None, as from ``monitor digest --send``, keeps the schedule's) and
        counts it.  ``since_match_id``, the cursor the digest was read from
        (:meth:`digest_cursor`), makes it a compare-and-set: when another
        process recorded a digest meanwhile, StoreError and nothing is written,
        so no match goes out twice.  ``recipients`` default to the message's To.
        ``next_attempt`` (default ``now``) is when the delivery loop may take
        it: a caller about to deliver it itself sets it later, so that the
        service does not send it at the same time."""
        payload = message.decode("utf-8")  # render() makes ASCII messages
        if not recipients:
            headers = BytesHeaderParser().parsebytes(message)
            recipients = [a for _, a in getaddresses(headers.get_all("To", [])) if a]
        stamp = iso(now)
        with self._tx():
            self._ensure_digest(name, now)
            check = "" if since_match_id is None else " AND last_match_id = ?"
            cur = self.db.execute(
                "UPDATE digests SET last_match_id = ?, last_run = coalesce(?, last_run),"
                " last_sent = ?, sent_count = sent_count + 1"
                f" WHERE name = ? AND last_match_id < ?{check}",
                [upto_match_id, iso(run), stamp, name, upto_match_id]
                + ([] if since_match_id is None else [since_match_id]),
            )
            if cur.rowcount != 1:
                raise StoreError(
                    f"digest {name!r} was recorded by another process meanwhile;"
                    " nothing was queued (run it again)"
                )
            self._upsert_channel(name, recipients, topics, stamp)
            self.db.execute(
                "INSERT INTO outbox (msg_id, channel, event, payload, created, state,"
                " attempts, next_attempt) VALUES (?, ?, 'digest', ?, ?, 'pending', 0, ?)",
                [msg_id, name, payload, stamp, iso(next_attempt or now)],
            )

    def advance_digest_run(
        self, name: str, run: datetime, upto_match_id: int | None = None
    ) -> None:
        """A scheduled run came with nothing to send: remember it as the last
        run, so it is not due again, and move the cursor over matches that were
        not for this digest (other topics, copies) when ``upto_match_id``."""
        with self._tx():
            self._ensure_digest(name, run)
            self.db.execute(
                "UPDATE digests SET last_run = ?,"
                " last_match_id = max(last_match_id, coalesce(?, 0)) WHERE name = ?"
                " AND (last_run IS NULL OR last_run < ?)",
                [iso(run), upto_match_id, name, iso(run)],
            )

    def _upsert_channel(
        self, name: str, recipients: Sequence[str], topics: Sequence[str], stamp: str | None
    ) -> None:
        # The outbox row references channels(name).  The general channel sync
        # owns this table; this upsert only makes sure the row is there.
        self.db.execute(
            "INSERT INTO channels (name, kind, target, topics, active, updated)"
            " VALUES (?, 'digest', ?, ?, 1, ?) ON CONFLICT (name) DO UPDATE SET"
            " kind = excluded.kind, target = excluded.target, topics = excluded.topics,"
            " active = 1, updated = excluded.updated",
            [name, ", ".join(recipients), json.dumps(list(topics)), stamp],
        )

    # -- delivery state -------------------------------------------------------
    def pending_digest_messages(self, name: str) -> list[OutboxMessage]:
        """Digest ``name``'s outbox rows still waiting for delivery, oldest
        first, whatever their ``next_attempt``: ``(msg_id, payload)``."""
        rows = self.db.execute(
            "SELECT msg_id, payload FROM outbox WHERE channel = ? AND event = 'digest'"
            " AND state = 'pending' ORDER BY id",
            [name],
        )
        return [(str(m), str(p)) for m, p in rows]

    def outbox_attempts(self, msg_id: str) -> int:
        """Delivery attempts made so far for outbox message ``msg_id``."""
        row = self.db.execute("SELECT attempts FROM outbox WHERE msg_id = ?", [msg_id]).fetchone()
        return int(row[0]) if row else 0

    def mark_delivered(self, msg_id: str, now: datetime, status: int | None = None) -> None:
        """One attempt succeeded: the row is ``delivered``."""
        with self._tx():
            self.db.execute(
                "UPDATE outbox SET state = 'delivered', attempts = attempts + 1, delivered = ?,"
                " last_attempt = ?, last_status = ?, last_error = NULL WHERE msg_id = ?",
                [iso(now), iso(now), status, msg_id],
            )

    def mark_attempt_failed(
        self,
        msg_id: str,
        error: str,
        now: datetime,
        next_attempt: datetime | None,
        status: int | None = None,
    ) -> int:
        """One attempt failed: the error is recorded and the row stays
        ``pending``, due again at ``next_attempt``; with no next attempt (the
        schedule is used up, or the error is permanent) it is ``failed``,
        kept with its error.  Returns the number of attempts made so far."""
        with self._tx():
            self.db.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_attempt = ?, last_status = ?,"
                " last_error = ?, next_attempt = ?,"
                " state = CASE WHEN ? IS NULL THEN 'failed' ELSE state END"
                " WHERE msg_id = ? AND state = 'pending'",
                [iso(now), status, error, iso(next_attempt), iso(next_attempt), msg_id],
            )
        return self.outbox_attempts(msg_id)


def _when(stamp: str | None) -> datetime | None:
    """The stored time as aware UTC; None for one that is missing or broken
    (the entry is then "undated", never dropped)."""
    if not stamp:
        return None
    try:
        value = datetime.fromisoformat(stamp)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except (TypeError, ValueError, OverflowError):  # OverflowError: year 1 east of UTC
        return None
