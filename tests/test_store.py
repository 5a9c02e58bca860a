"""The SQLite store on a real file: schema, transactions, idempotence."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.errors import LockHeld, StoreError
from monitor.ingest.parse import parse_feed
from monitor.storage.migrations import migrations
from monitor.storage.store import FeedSpec, FetchLog, Store
from monitor.types import FetchResult, SeedDocument
from tests.feeds import simple_feed

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
XML = {"content-type": "application/rss+xml", "etag": '"v1"'}


def _ok(body: bytes) -> FetchResult:
    return FetchResult("https://news.example/f", "https://news.example/f", 200, XML, body, 0.1)


def _log() -> FetchLog:
    return FetchLog("https://news.example/f", NOW, 5, 200, 10, "new")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "monitor.db")
    s.sync_feeds([FeedSpec("news", "https://news.example/f", 900)], NOW)
    return s


def test_schema_wal_and_public_columns(store: Store) -> None:
    db = store.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"feeds", "items", "sightings", "fetches", "items_fts"} <= set(db.table_names())
    items = {c.name for c in db.table("items").columns}
    assert {"id", "source", "seed_file", "url", "title", "author", "published", "text"} <= items
    feeds = {c.name for c in db.table("feeds").columns}
    assert {"url", "last_error", "consecutive_failures", "next_poll", "etag"} <= feeds
    applied = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations")]
    assert applied[:2] == ["m001_core", "m002_fulltext"]
    assert migrations.pending(db) == []


def test_reopening_applies_no_migration_twice(tmp_path: Path) -> None:
    Store(tmp_path / "m.db").close()
    again = Store(tmp_path / "m.db")
    applied = again.count("SELECT count(*) FROM _sqlite_migrations")
    assert applied == len(migrations.applied(again.db)) >= 2
    assert migrations.pending(again.db) == []


def test_batch_is_stored_once_and_fts_follows(store: Store) -> None:
    feed = store.feeds()[0]
    parsed = parse_feed(simple_feed(5), XML, "https://news.example/f")
    stats = store.record_success(feed, _log(), _ok(b"x"), parsed, body_hash="h1", next_poll=NOW)
    assert (stats.new, stats.changed) == (5, 0)
    again = store.record_success(feed, _log(), _ok(b"x"), parsed, body_hash="h1", next_poll=NOW)
    assert (again.new, again.changed) == (0, 0)
    assert store.count("SELECT count(*) FROM items") == 5
    assert store.count("SELECT count(*) FROM sightings") == 5
    assert store.count("SELECT count(*) FROM fetches") == 2
    hits = store.db.execute(
        "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'story AND rights'"
    ).fetchone()[0]
    assert hits == 5
    row = store.db.execute("SELECT etag, body_hash, last_error FROM feeds").fetchone()
    assert row == ('"v1"', "h1", None)


def test_changed_entry_updates_the_item_not_a_new_one(store: Store) -> None:
    feed = store.feeds()[0]
    first = parse_feed(simple_feed(2), XML, "https://news.example/f")
    store.record_success(feed, _log(), _ok(b"x"), first, body_hash="a", next_poll=NOW)
    edited = parse_feed(
        simple_feed(2).replace(b"Body of story 2", b"Corrected body of story 2"),
        XML,
        "https://news.example/f",
    )
    stats = store.record_success(feed, _log(), _ok(b"y"), edited, body_hash="b", next_poll=NOW)
    assert (stats.new, stats.changed) == (0, 1)
    assert store.count("SELECT count(*) FROM items WHERE text LIKE 'Corrected%'") == 1


def test_failure_in_the_middle_of_a_batch_stores_nothing(store: Store) -> None:
    feed = store.feeds()[0]
    parsed = parse_feed(simple_feed(3), XML, "https://news.example/f")
    # A trigger that fails on the third insert stands in for a crash mid-batch.
    store.db.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON items WHEN NEW.title = 'Story number 3'"
        " BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    with pytest.raises(StoreError, match="boom"):
        store.record_success(feed, _log(), _ok(b"x"), parsed, body_hash="h", next_poll=NOW)
    assert store.count("SELECT count(*) FROM items") == 0
    assert store.count("SELECT count(*) FROM fetches") == 0
    assert store.db.execute("SELECT body_hash FROM feeds").fetchone()[0] is None


def test_seed_import_is_idempotent_and_updates_changed_seeds(store: Store) -> None:
    docs = [
        SeedDocument("a.txt", "", "Title A", "Ann", NOW, "Text A"),
        SeedDocument("b.txt", "1", "Entry 1", None, None, "Text 1", kind="feed-entry"),
    ]
    assert store.import_seeds(docs, NOW).new == 2
    again = store.import_seeds(docs, NOW)
    assert (again.new, again.changed) == (0, 0)
    docs[0] = SeedDocument("a.txt", "", "Title A", "Ann", NOW, "Text A, cleaner")
    assert store.import_seeds(docs, NOW).changed == 1
    rows = store.db.execute(
        "SELECT source, seed_file, published FROM items ORDER BY seed_file"
    ).fetchall()
    assert rows == [("seed", "a.txt", "2026-11-22T12:00:00+00:00"), ("seed", "b.txt", None)]


def test_sync_feeds_disables_removed_and_resets_changed_url(store: Store) -> None:
    store.db.execute("UPDATE feeds SET etag = 'e', url = 'https://moved.example/f'")
    store.sync_feeds([FeedSpec("news", "https://news.example/f", 900)], NOW)
    # Moved by a permanent redirect, config unchanged: the moved URL stays.
    assert store.feeds()[0].url == "https://moved.example/f"
    store.sync_feeds([FeedSpec("news", "https://other.example/rss", 900)], NOW)
    feed = store.feeds()[0]
    assert (feed.url, feed.etag) == ("https://other.example/rss", None)
    store.sync_feeds([], NOW)
    assert store.feeds() == []
    assert store.count("SELECT count(*) FROM feeds") == 1


def test_second_worker_is_refused_by_the_lock(tmp_path: Path) -> None:
    first = Store(tmp_path / "m.db")
    first.lock()
    second = Store(tmp_path / "m.db")
    with pytest.raises(LockHeld, match="in use"):
        second.lock()
    first.close()
    second.lock()  # released when the first closed
    second.close()


def test_database_is_a_plain_sqlite_file(store: Store) -> None:
    store.close()
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_fetch_log_pruning_keeps_items(store: Store) -> None:
    feed = store.feeds()[0]
    parsed = parse_feed(simple_feed(2), XML, "https://news.example/f")
    store.record_success(feed, _log(), _ok(b"x"), parsed, body_hash="h", next_poll=NOW)
    assert store.prune_fetch_log(NOW) == 0  # not older than NOW
    assert store.prune_fetch_log(NOW + timedelta(seconds=1)) == 1
    assert store.count("SELECT count(*) FROM fetches") == 0
    assert store.count("SELECT count(*) FROM items") == 2


def test_an_edited_entry_keeps_its_earlier_text_as_a_capped_revision(store: Store) -> None:
    from monitor.storage.store import MAX_REVISIONS

    feed = store.feeds()[0]
    texts = [f"Body of story 1 about human rights, version {n}." for n in range(MAX_REVISIONS + 3)]
    for n, text in enumerate(texts):
        body = simple_feed(1).replace(b"Body of story 1 about human rights.", text.encode())
        parsed = parse_feed(body, XML, "https://news.example/f")
        store.record_success(feed, _log(), _ok(body), parsed, body_hash=str(n), next_poll=NOW)
    rows = store.db.execute("SELECT old_text, summary FROM revisions ORDER BY id").fetchall()
    assert len(rows) == MAX_REVISIONS  # the churn is capped, oldest dropped first
    assert rows[-1][0] == texts[-2]  # the version before the current one
    assert rows[-1][1] == "1 words added, 1 removed"
    assert store.db.execute("SELECT text FROM items").fetchone()[0] == texts[-1]
    assert store.count("SELECT count(*) FROM items") == 1


def test_revision_summary() -> None:
    from monitor.storage.store import revision_summary

    assert (
        revision_summary("A", "x y z", "B", "x y z w") == "title changed; 1 words added, 0 removed"
    )
    assert revision_summary("A", "x  y", "A", "x y") == "formatting only"
