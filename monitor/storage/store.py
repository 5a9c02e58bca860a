"""The SQLite adapter: every read and write of ``storage/monitor.db`` goes
through :class:`Store`.

Contract:
- the schema is created and upgraded only by :mod:`monitor.storage.migrations`;
- the database runs in WAL mode so that Datasette can read while we write;
- one feed's batch (items, sightings, the feed's state and its fetch log row)
  is one transaction: all of it is stored, or none of it;
- a failed poll never touches items: it only updates the feed's health and
  adds a ``fetches`` row.

All timestamps are ISO 8601 UTC text.
"""

from __future__ import annotations

import dataclasses
import fcntl
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from monitor.errors import LockHeld, StoreError
from monitor.ingest import limits
from monitor.net.redact import has_secrets, redact_text, redact_url
from monitor.storage.digests import DigestStore
from monitor.storage.feedrows import (
    _FEED_COLUMNS,
    MAX_REVISIONS,
    FeedRow,
    FeedSpec,
    FetchLog,
    _feed_row,
    revision_summary,
)
from monitor.storage.health import HealthStore
from monitor.storage.identity import EntryLookup
from monitor.storage.migrations import migrations
from monitor.storage.outbox import OutboxStore
from monitor.storage.pages import BatchStats, PageStore
from monitor.storage.settings import StoreSettings
from monitor.storage.stories import StoryStore
from monitor.storage.topics import TopicStore
from monitor.texts import iso
from monitor.types import Entry, FetchResult, ParsedFeed

__all__ = ["BatchStats", "FeedRow", "FeedSpec", "FetchLog", "Store", "StoreSettings"]

# The configured URL of each feed whose URL holds a secret (``?api_key=...``), by
# database file and feed name.  The database keeps only the redacted form
# (HARDENING.md: "the database holds no secrets"), so the URL to fetch lives here,
# in memory, for every Store of this process: the service's ticks open their own
# Store and never sync the feeds (only the lock holder does, at start).
_FETCH_URLS: dict[str, dict[str, str]] = {}


def _shown(error: str | None) -> str | None:
    """An error message as stored: any URL in it redacted (a redirect hop, a
    Location, an exception's text may name one)."""
    return None if error is None else limits.message(redact_text(error))


class Store(PageStore, TopicStore, StoryStore, OutboxStore, DigestStore, HealthStore, EntryLookup):
    """One open database.  Not thread-safe: use it from one thread (each
    thread opens its own, with the same ``settings``)."""

    def __init__(self, path: Path | str, settings: StoreSettings | None = None) -> None:
        self.path = Path(path)
        self.settings = settings or StoreSettings()
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = Database(self.path)
            else:
                self.db = Database(memory=True)
            self.db.execute("PRAGMA busy_timeout = 10000")
            self.db.enable_wal()
            self.db.execute("PRAGMA synchronous = NORMAL")  # safe with WAL
            self.db.execute("PRAGMA foreign_keys = ON")
            migrations.apply(self.db)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open the database {path}: {e}") from e
        self._lock_fd: int | None = None
        # Where this database's configured feed URLs are kept (see _FETCH_URLS).
        memory = str(path) == ":memory:"
        self._urls_key = f":memory:{id(self)}" if memory else str(self.path.resolve())
        self._matcher = None
        self._queries = {}
        self._topic_feeds = {}

    def close(self) -> None:
        self.unlock()
        self.db.close()
        if self._urls_key.startswith(":memory:"):  # gone with it (a file outlives its Store)
            _FETCH_URLS.pop(self._urls_key, None)

    # -- the worker lock -------------------------------------------------
    def lock(self) -> None:
        """Take the exclusive worker lock (a ``.lock`` file beside the
        database); raises :class:`LockHeld` when another process has it."""
        fd = os.open(f"{self.path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            os.close(fd)
            raise LockHeld(f"{self.path} is in use by another monitor process") from e
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd

    def unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """One write transaction, started with ``BEGIN IMMEDIATE``; nested
        calls become savepoints.

        Why IMMEDIATE: a deferred ``BEGIN`` that reads first and writes later
        cannot wait for the write lock.  When another connection (the delivery
        thread, the heartbeat, a second process) commits in between, SQLite
        answers "database is locked" at once, whatever the busy timeout, since
        waiting could not make the reader's snapshot current.  Taking the
        write lock up front makes the busy timeout apply."""
        conn = self.db.conn
        if conn.in_transaction:
            # A savepoint: a failure undoes this block only, and the enclosing
            # transaction goes on (Poller._flush relies on it, one feed a block).
            try:
                with self.db.atomic():
                    yield
            except (sqlite3.Error, OverflowError) as e:
                raise StoreError(f"database write failed: {e}") from e
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except (sqlite3.Error, OverflowError) as e:  # OverflowError: an int SQLite can't hold
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"database write failed: {e}") from e

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several writes into one transaction (each write stays atomic)."""
        with self._tx():
            yield

    # -- feeds -----------------------------------------------------------
    def sync_feeds(self, specs: Iterable[FeedSpec], now: datetime) -> None:
        """Make the ``feeds`` table mirror the configuration.  A feed removed
        from the config is disabled, never deleted (its items keep their
        provenance).  A feed whose configured URL changed starts over at the
        new URL; one moved by a permanent redirect keeps the moved URL.

        ``url`` and ``config_url`` are stored redacted (:mod:`monitor.net.redact`):
        a URL with ``?api_key=...`` is kept as ``?api_key=***``, and the real
        one only in memory, for :meth:`feeds` and :meth:`feeds_due` of every
        Store of this process on this database.  So a change of a secret's value
        alone (a rotated key) is the same feed, not a new one."""
        known = {
            row[0]: (row[1], row[2], (row[3], row[4], row[5], row[6], row[7]))
            for row in self.db.execute(
                "SELECT name, id, config_url, enabled, interval_seconds, fulltext, keep_html,"
                " content_selector FROM feeds"
            )
        }
        specs = list(specs)
        with self._tx():
            names = []
            for spec in specs:
                names.append(spec.name)
                row = known.get(spec.name)
                shown = redact_url(spec.url)
                settings = (
                    int(spec.enabled),
                    int(spec.interval),
                    int(spec.fulltext),
                    int(spec.keep_html),
                    spec.content_selector,
                )
                if row is None:
                    self.db.execute(
                        "INSERT INTO feeds (name, url, config_url, enabled, interval_seconds,"
                        " fulltext, keep_html, content_selector, added)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [spec.name, shown, shown, *settings, iso(now)],
                    )
                    continue
                feed_id, config_url, stored = row
                if config_url != shown:
                    self.db.execute(
                        "UPDATE feeds SET url = ?, config_url = ?, etag = NULL,"
                        " last_modified = NULL, body_hash = NULL, paused_reason = NULL,"
                        " next_poll = NULL, consecutive_failures = 0 WHERE id = ?",
                        [shown, shown, feed_id],
                    )
                if tuple(stored) != settings:
                    self.db.execute(
                        "UPDATE feeds SET enabled = ?, interval_seconds = ?, fulltext = ?,"
                        " keep_html = ?, content_selector = ? WHERE id = ?",
                        [*settings, feed_id],
                    )
            configured = set(names)
            gone = [name for name in known if name not in configured]
            for name in gone:
                self.db.execute("UPDATE feeds SET enabled = 0 WHERE name = ?", [name])
        _FETCH_URLS[self._urls_key] = {s.name: s.url for s in specs if has_secrets(s.url)}

    def _fetch_url(self, row: FeedRow) -> FeedRow:
        """``row`` with the URL to fetch: the configured URL, secrets and all,
        when the stored URL is its redacted form (not when a permanent redirect
        has moved the feed elsewhere).  A process that never synced the feeds
        fetches the redacted URL, and the feed fails visibly (a 401 or 403),
        but no secret is ever read back from the database: it is not there."""
        real = _FETCH_URLS.get(self._urls_key, {}).get(row.name)
        if real is not None and row.url == redact_url(real):
            return dataclasses.replace(row, url=real)
        return row

    def feeds(self, names: Sequence[str] | None = None) -> list[FeedRow]:
        """Enabled feeds: those named (paused ones included: naming a feed is
        how an operator retries it), else all that are not paused."""
        sql = f"SELECT {_FEED_COLUMNS} FROM feeds WHERE enabled = 1"
        params: list[Any] = []
        if names:
            sql += f" AND name IN ({','.join('?' * len(names))})"
            params = list(names)
        else:
            sql += " AND paused_reason IS NULL"
        rows = self.db.execute(sql + " ORDER BY id", params)
        return [self._fetch_url(_feed_row(r)) for r in rows]

    def feeds_due(self, now: datetime) -> list[FeedRow]:
        """Enabled, unpaused feeds whose next poll time has come."""
        rows = self.db.execute(
            f"SELECT {_FEED_COLUMNS} FROM feeds WHERE enabled = 1 AND paused_reason IS NULL"
            " AND (next_poll IS NULL OR next_poll <= ?) ORDER BY next_poll, id",
            [iso(now)],
        )
        return [self._fetch_url(_feed_row(r)) for r in rows]

    # -- one poll's outcome ----------------------------------------------
    def record_failure(
        self,
        feed: FeedRow,
        log: FetchLog,
        *,
        kind: str,
        next_poll: datetime | None,
        paused_reason: str | None = None,
    ) -> None:
        """A failed poll: the feed's health changes, nothing else."""
        with self._tx():
            self.db.execute(
                "UPDATE feeds SET last_polled = ?, last_status = ?, last_error = ?,"
                " last_error_kind = ?, last_error_at = ?,"
                " consecutive_failures = consecutive_failures + 1, next_poll = ?,"
                " paused_reason = coalesce(?, paused_reason) WHERE id = ?",
                [
                    iso(log.started),
                    log.status,
                    _shown(log.error),
                    kind,
                    iso(log.started),
                    iso(next_poll),
                    paused_reason,
                    feed.id,
                ],
            )
            self._feed_health(feed.id, False, log.started)
            self._log_fetch(feed.id, log, BatchStats())

    def record_success(
        self,
        feed: FeedRow,
        log: FetchLog,
        result: FetchResult,
        parsed: ParsedFeed | None,
        *,
        body_hash: str | None,
        next_poll: datetime | Callable[[], tuple[datetime, float]],
    ) -> BatchStats:
        """A good poll, in one transaction: the entries (when the body was
        parsed), the feed's validators and schedule, and the fetch log.
        ``next_poll`` is a time, or a function called once the entries are
        stored (the adaptive schedule counts them) that returns the next poll
        and the interval in use (``effective_interval``)."""
        now = log.started
        with self._tx():
            stats = self._store_entries(feed, parsed.entries, now) if parsed else BatchStats()
            interval: float | None = None
            if callable(next_poll):
                next_poll, interval = next_poll()
            sets = {
                "last_polled": iso(now),
                "last_success": iso(now),
                "last_status": result.status,
                "consecutive_failures": 0,
                "paused_reason": None,
                "last_error": None,
                "last_error_kind": None,
                "next_poll": iso(next_poll),
            }
            if interval is not None:  # the wait in use, before jitter (see schedule.py)
                sets["effective_interval"] = round(interval)
            if result.status == 200:
                sets["etag"] = result.headers.get("etag")
                sets["last_modified"] = result.headers.get("last-modified")
                sets["body_hash"] = body_hash
            # A permanent redirect to a URL with a secret in it (a token, a
            # pre-signed signature) is followed on every poll but never adopted:
            # the database would hold the secret, and its redacted form cannot be
            # fetched.  (Userinfo a redirect hands out is dropped by the fetcher.)
            if result.permanent_url and not has_secrets(result.permanent_url):
                sets["url"] = result.permanent_url
            if parsed is not None:
                sets["title"] = parsed.title
                # A private feed may echo its own key in its links.
                sets["site_url"] = parsed.site_url and redact_url(parsed.site_url)
                sets["malformed"] = parsed.malformed
                sets["ttl_minutes"] = parsed.ttl_minutes
                sets["update_period_seconds"] = parsed.update_seconds
            cols = ", ".join(f"{k} = ?" for k in sets)
            self.db.execute(f"UPDATE feeds SET {cols} WHERE id = ?", [*sets.values(), feed.id])
            self._feed_health(feed.id, True, now)
            self._log_fetch(feed.id, log, stats)
        return stats

    def _log_fetch(self, feed_id: int, log: FetchLog, stats: BatchStats) -> None:
        self.db.execute(
            "INSERT INTO fetches (feed_id, url, started, duration_ms, status, bytes, outcome,"
            " new_items, changed_items, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                feed_id,
                redact_url(log.url),  # the fetched URL: the configured one, secrets and all
                iso(log.started),
                log.duration_ms,
                log.status,
                log.bytes,
                log.outcome,
                stats.new,
                stats.changed,
                _shown(log.error),
            ],
        )

    def _keep_revision(self, item_id: int, entry: Entry, new_text: str, stamp: str | None) -> None:
        """Keep the item's current title and feed text as a revision before
        the entry's new content replaces them; at most ``MAX_REVISIONS`` per
        item, oldest dropped first, so feeds that churn timestamps stay small."""
        old_title, old_text, old_hash = self.db.execute(
            "SELECT title, feed_text, content_hash FROM items WHERE id = ?", [item_id]
        ).fetchone()
        self.db.execute(
            "INSERT INTO revisions (item_id, changed, old_hash, new_hash, old_title, old_text,"
            " summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                item_id,
                stamp,
                old_hash,
                entry.content_hash,
                old_title,
                old_text,
                revision_summary(old_title, old_text, entry.title, new_text),
            ],
        )
        self.db.execute(
            "DELETE FROM revisions WHERE item_id = ? AND id NOT IN (SELECT id FROM revisions"
            " WHERE item_id = ? ORDER BY id DESC LIMIT ?)",
            [item_id, item_id, MAX_REVISIONS],
        )

    def _store_entries(self, feed: FeedRow, entries: Sequence[Entry], now: datetime) -> BatchStats:
        stamp = iso(now)
        urls: dict[str | None, int] = {}
        for e in entries:
            urls[e.canonical_url] = urls.get(e.canonical_url, 0) + 1
        found = self._find_items(feed.id, entries, urls)
        fresh = [e for e, f in zip(entries, found, strict=True) if f is None]
        # An item first seen in another feed keeps that feed's content: this
        # feed's copy (another teaser) is a sighting, never an edit.
        edited = [
            e
            for e, f in zip(entries, found, strict=True)
            if f and f[1] != e.content_hash and f[2] == feed.id
        ]
        # New entries teach this feed's boilerplate (an entry is new only once);
        # edited ones are only cleaned.
        scope = f"feed:{feed.id}"
        cleaned: dict[int, str] = {}
        for group, learn in ((fresh, True), (edited, False)):
            if group:
                results = self._strip_learned(scope, [e.text for e in group], None, now, learn)
                cleaned.update((id(e), text) for e, (text, _) in zip(group, results, strict=True))
        elsewhere = self._same_url_elsewhere(feed.id, fresh, urls)
        # The parse workers computed each entry's key on its feed text as given.
        keys = {id(e): e.text_key for e in fresh}
        first_copy = self._first_by_text({k for k in keys.values() if k})
        page = "pending" if feed.fulltext else None
        new = changed = 0
        touched: list[int] = []
        resighted: list[int] = []
        for entry, hit in zip(entries, found, strict=True):
            text = cleaned.get(id(entry), entry.text)
            if hit is None and entry.canonical_url in elsewhere:
                # Layer 2: the same article from another feed is a new sighting.
                other = elsewhere[entry.canonical_url]
                self.db.execute(
                    "INSERT OR IGNORE INTO sightings (item_id, feed_id, entry_id, url,"
                    " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)",
                    [other, feed.id, entry.entry_id, entry.url, stamp, stamp],
                )
                resighted.append(other)
                continue
            if hit is None:
                key = keys[id(entry)]
                copy_of = first_copy.get(key) if key else None
                cur = self.db.execute(
                    "INSERT INTO items (source, feed_id, entry_id, url, canonical_url, title,"
                    " author, published, updated, text, feed_text, content_html, content_hash,"
                    " page_status, first_seen, last_changed, text_hash, duplicate_of,"
                    " duplicate_reason, notes) VALUES ('feed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    " ?, ?, ?, ?, ?, ?, ?)",
                    [
                        feed.id,
                        entry.entry_id,
                        entry.url,
                        entry.canonical_url,
                        entry.title,
                        entry.author,
                        iso(entry.published),
                        iso(entry.updated),
                        text,
                        text,
                        entry.content_html,
                        entry.content_hash,
                        page if entry.url else None,
                        stamp,
                        stamp,
                        key,
                        copy_of,
                        "same text" if copy_of else None,
                        entry.notes,
                    ],
                )
                if key and copy_of is None:  # the first copy of this text
                    first_copy[key] = int(cur.lastrowid or 0)
                self.db.execute(
                    "INSERT INTO sightings (item_id, feed_id, entry_id, url, first_seen,"
                    " last_seen) VALUES (?, ?, ?, ?, ?, ?)",
                    [cur.lastrowid, feed.id, entry.entry_id, entry.url, stamp, stamp],
                )
                touched.append(int(cur.lastrowid or 0))
                new += 1
                continue
            item_id, old_hash, owner = hit
            if old_hash != entry.content_hash and owner == feed.id:
                self._keep_revision(item_id, entry, text, stamp)
                # The entry's own content changed: its page is fetched again, and
                # until then an item without page text shows the new feed text.
                self.db.execute(
                    "UPDATE items SET url = ?, canonical_url = ?, title = ?, author = ?,"
                    " published = coalesce(?, published), updated = ?,"
                    " text = CASE WHEN extraction = 'feed' THEN ? ELSE text END, feed_text = ?,"
                    " content_html = ?, content_hash = ?, last_changed = ?,"
                    " page_status = coalesce(?, page_status), notes = ? WHERE id = ?",
                    [
                        entry.url,
                        entry.canonical_url,
                        entry.title,
                        entry.author,
                        iso(entry.published),
                        iso(entry.updated),
                        text,
                        text,
                        entry.content_html,
                        entry.content_hash,
                        stamp,
                        page if entry.url else None,
                        entry.notes,
                        item_id,
                    ],
                )
                touched.append(item_id)
                changed += 1
            self.db.execute(
                "UPDATE sightings SET last_seen = ?, entry_id = ?, url = ?"
                " WHERE feed_id = ? AND item_id = ?",
                [stamp, entry.entry_id, entry.url, feed.id, item_id],
            )
        # A story's sources include the feeds its items were sighted in.
        for (story,) in self.db.execute(
            "SELECT DISTINCT story_id FROM items WHERE story_id IS NOT NULL AND id IN"
            f" ({', '.join('?' * len(resighted))})",
            resighted,
        ).fetchall():
            self.refresh_story(story)
        matched = self.items_changed(touched, now)
        return BatchStats(new=new, changed=changed, seen=len(entries), matched=matched)

    def items_changed(self, item_ids: Sequence[int], now: datetime, *, notify: bool = True) -> int:
        """The one path after items are stored, edited, or get their page text,
        inside the transaction that wrote them: place them in stories (their
        text decides), tag them with the topics they match, then write the
        notifications for new matches (a stored match always has its
        notifications).  ``notify=False`` for seed captures, the user's own
        documents, which are never announced.  Returns the matches added."""
        self.place_stories(item_ids)
        matched = self.tag(item_ids, now)
        if notify:
            self.notify_matches(item_ids, now)
        return matched

    def prune_fetch_log(self, before: datetime) -> int:
        """Delete ``fetches`` rows older than ``before``; items are never pruned."""
        with self._tx():
            cur = self.db.execute("DELETE FROM fetches WHERE started < ?", [iso(before)])
        return int(cur.rowcount)

    # -- reporting -------------------------------------------------------
    def count(self, sql: str, params: Sequence[Any] = ()) -> int:
        return int(self.db.execute(sql, list(params)).fetchone()[0])
