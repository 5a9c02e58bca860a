"""The database schema, as ordered, named sqlite-utils migrations.

Never edit a migration that has shipped: add a new one.  Table and column
names are part of the public contract (people query them in Datasette).
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("news-monitor")

# Accent- and case-insensitive full-text search ("Agnes" finds "Agnès").
FTS_TOKENIZE = "unicode61 remove_diacritics 2"


@migrations()
def m001_core(db: Database) -> None:
    db.execute("""
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            url TEXT NOT NULL,
            config_url TEXT NOT NULL,
            title TEXT,
            site_url TEXT,
            enabled INTEGER NOT NULL DEFAULT 1,
            interval_seconds INTEGER NOT NULL,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            ttl_minutes INTEGER,
            last_polled TEXT,
            last_success TEXT,
            last_status INTEGER,
            last_error TEXT,
            last_error_kind TEXT,
            last_error_at TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            malformed TEXT,
            paused_reason TEXT,
            next_poll TEXT,
            added TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL CHECK (source IN ('feed', 'seed')),
            seed_file TEXT,
            feed_id INTEGER REFERENCES feeds(id),
            entry_id TEXT NOT NULL,
            url TEXT,
            canonical_url TEXT,
            title TEXT NOT NULL DEFAULT '',
            author TEXT,
            published TEXT,
            updated TEXT,
            text TEXT NOT NULL DEFAULT '',
            content_html TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_changed TEXT NOT NULL
        )""")
    db.execute(
        "CREATE UNIQUE INDEX items_seed_key ON items(seed_file, entry_id) WHERE source = 'seed'"
    )
    db.execute("CREATE INDEX items_canonical_url ON items(canonical_url)")
    db.execute("CREATE INDEX items_published ON items(published)")
    db.execute("""
        CREATE TABLE sightings (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id),
            feed_id INTEGER NOT NULL REFERENCES feeds(id),
            entry_id TEXT NOT NULL,
            url TEXT,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            UNIQUE (feed_id, item_id)
        )""")
    db.execute("CREATE INDEX sightings_entry ON sightings(feed_id, entry_id)")
    db.execute("""
        CREATE TABLE fetches (
            id INTEGER PRIMARY KEY,
            feed_id INTEGER NOT NULL REFERENCES feeds(id),
            url TEXT NOT NULL,
            started TEXT NOT NULL,
            duration_ms INTEGER,
            status INTEGER,
            bytes INTEGER,
            outcome TEXT NOT NULL,
            new_items INTEGER NOT NULL DEFAULT 0,
            changed_items INTEGER NOT NULL DEFAULT 0,
            error TEXT
        )""")
    db.execute("CREATE INDEX fetches_feed ON fetches(feed_id, started)")
    db.table("items").enable_fts(
        ["title", "text"], fts_version="FTS5", create_triggers=True, tokenize=FTS_TOKENIZE
    )


@migrations()
def m002_fulltext(db: Database) -> None:
    """Article pages: the feed's own text kept apart, how `text` was made,
    the page fetch state, learned boilerplate, and optional raw HTML."""
    for column, kind in (
        ("feed_text", "TEXT NOT NULL DEFAULT ''"),
        ("extraction", "TEXT NOT NULL DEFAULT 'feed'"),
        ("extraction_note", "TEXT"),
        ("page_status", "TEXT"),
        ("page_fetched", "TEXT"),
        ("page_error", "TEXT"),
        ("site_name", "TEXT"),
        ("page_canonical_url", "TEXT"),
    ):
        db.execute(f"ALTER TABLE items ADD COLUMN {column} {kind}")
    for column, kind in (
        ("fulltext", "INTEGER NOT NULL DEFAULT 1"),
        ("keep_html", "INTEGER NOT NULL DEFAULT 0"),
        ("content_selector", "TEXT"),
    ):
        db.execute(f"ALTER TABLE feeds ADD COLUMN {column} {kind}")
    db.execute("UPDATE items SET feed_text = text")
    db.execute("UPDATE items SET extraction = 'capture' WHERE source = 'seed'")
    db.execute(
        "CREATE INDEX items_page_pending ON items(page_status) WHERE page_status = 'pending'"
    )
    db.execute("""
        CREATE TABLE boilerplate (
            scope TEXT NOT NULL,
            block TEXT NOT NULL,
            sample TEXT NOT NULL,
            pages INTEGER NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            PRIMARY KEY (scope, block)
        )""")
    # Which pages have already taught a scope, so each counts once.
    db.execute("""
        CREATE TABLE boilerplate_pages (
            scope TEXT NOT NULL,
            page TEXT NOT NULL,
            seen TEXT NOT NULL,
            PRIMARY KEY (scope, page)
        )""")
    db.execute("""
        CREATE TABLE pages (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id),
            url TEXT NOT NULL,
            fetched TEXT NOT NULL,
            content_type TEXT,
            sha256 TEXT NOT NULL,
            html_gzip BLOB NOT NULL
        )""")
    db.execute("CREATE INDEX pages_item ON pages(item_id)")


@migrations()
def m003_topics(db: Database) -> None:
    """Watched topics (a mirror of the config) and which item matched which."""
    db.execute("""
        CREATE TABLE topics (
            name TEXT PRIMARY KEY,
            query TEXT NOT NULL,
            fts_query TEXT,
            description TEXT NOT NULL DEFAULT '',
            feeds TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            updated TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE matches (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id),
            topic TEXT NOT NULL,
            matched TEXT NOT NULL,
            snippet TEXT NOT NULL DEFAULT '',
            UNIQUE (item_id, topic)
        )""")
    db.execute("CREATE INDEX matches_topic ON matches(topic, matched)")
    # Matches added by a re-match and matches removed, with why: an audit trail.
    db.execute("""
        CREATE TABLE match_changes (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id),
            topic TEXT NOT NULL,
            change TEXT NOT NULL CHECK (change IN ('added', 'removed')),
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        )""")


@migrations()
def m004_revisions(db: Database) -> None:
    """Earlier texts of items whose content changed after we stored them."""
    db.execute("""
        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id),
            changed TEXT NOT NULL,
            old_hash TEXT NOT NULL,
            new_hash TEXT NOT NULL,
            old_title TEXT NOT NULL,
            old_text TEXT NOT NULL,
            summary TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX revisions_item ON revisions(item_id, changed)")


@migrations()
def m005_duplicates(db: Database) -> None:
    """Same article under another URL: ``duplicate_of`` points at the first copy;
    ``text_hash`` is the hash of the normalized feed text it is found by."""
    db.execute("ALTER TABLE items ADD COLUMN duplicate_of INTEGER REFERENCES items(id)")
    db.execute("ALTER TABLE items ADD COLUMN text_hash TEXT")
    db.execute("CREATE INDEX items_text_hash ON items(text_hash) WHERE text_hash IS NOT NULL")


@migrations()
def m006_stories(db: Database) -> None:
    """Near-duplicate stories (layer 4) and same-site republications (layer 5).

    ``story_bands`` is the persisted MinHash LSH index: one row per band of
    each indexed item's signature, so a restart rebuilds nothing.  Items stored
    before this migration are not indexed; they keep their layer 1-3 links."""
    db.execute("""
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            first_item INTEGER NOT NULL REFERENCES items(id),
            title TEXT NOT NULL,
            size INTEGER NOT NULL,
            sources INTEGER NOT NULL,
            source_names TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            spread_hours REAL NOT NULL
        )""")
    db.execute("ALTER TABLE items ADD COLUMN story_id INTEGER REFERENCES stories(id)")
    db.execute("ALTER TABLE items ADD COLUMN title_key TEXT")
    db.execute("ALTER TABLE items ADD COLUMN duplicate_reason TEXT")
    db.execute("UPDATE items SET duplicate_reason = 'same text' WHERE duplicate_of IS NOT NULL")
    db.execute("CREATE INDEX items_story ON items(story_id) WHERE story_id IS NOT NULL")
    db.execute("CREATE INDEX items_title_key ON items(title_key) WHERE title_key IS NOT NULL")
    db.execute("""
        CREATE TABLE story_bands (
            key INTEGER NOT NULL,
            item_id INTEGER NOT NULL,
            PRIMARY KEY (key, item_id)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX story_bands_item ON story_bands(item_id)")
    # Pruning the index finds the last item older than the story window.
    db.execute("CREATE INDEX items_first_seen ON items(first_seen)")


@migrations()
def m007_delivery(db: Database) -> None:
    """The background service: notification channels, the outbox, digest
    cursors, the worker heartbeat and feed health notices."""
    # A mirror of [[webhooks]], [[digests]] and [[notify]]; a channel removed
    # from the config is deactivated, never deleted (its outbox rows keep it).
    db.execute("""
        CREATE TABLE channels (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('webhook', 'digest', 'apprise', 'email')),
            target TEXT NOT NULL,
            topics TEXT NOT NULL DEFAULT '[]',
            operator INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            disabled TEXT,
            disabled_reason TEXT,
            updated TEXT NOT NULL
        )""")
    # Every notification, written in the transaction that stored what it is
    # about; the delivery loop sends it at least once and records the outcome.
    db.execute("""
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            msg_id TEXT NOT NULL UNIQUE,
            channel TEXT NOT NULL REFERENCES channels(name),
            event TEXT NOT NULL,
            topic TEXT,
            item_id INTEGER REFERENCES items(id),
            feed_id INTEGER REFERENCES feeds(id),
            payload TEXT NOT NULL,
            created TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt TEXT,
            last_attempt TEXT,
            last_status INTEGER,
            last_error TEXT,
            delivered TEXT
        )""")
    db.execute("CREATE INDEX outbox_due ON outbox(channel, state, next_attempt)")
    db.execute("CREATE INDEX outbox_item ON outbox(item_id) WHERE item_id IS NOT NULL")
    # One row per digest: the last match id it covered and the scheduled run it
    # was sent for, so that every match lands in exactly one digest.
    db.execute("""
        CREATE TABLE digests (
            name TEXT PRIMARY KEY,
            last_match_id INTEGER NOT NULL DEFAULT 0,
            last_run TEXT,
            last_sent TEXT,
            sent_count INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("""
        CREATE TABLE worker (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            started TEXT NOT NULL,
            heartbeat TEXT NOT NULL,
            state TEXT NOT NULL
        )""")
    # Feed health notices: when the current failure streak began and whether
    # the operator was told; entry frequency drives the adaptive interval.
    db.execute("ALTER TABLE feeds ADD COLUMN failing_since TEXT")
    db.execute("ALTER TABLE feeds ADD COLUMN unhealthy_notified TEXT")
    db.execute("ALTER TABLE feeds ADD COLUMN effective_interval REAL")


@migrations()
def m008_schedule(db: Database) -> None:
    """Adaptive polling: a feed's entries of the last week are counted from
    its sightings on every poll (an index keeps that cheap), and the
    publisher's ``sy:updatePeriod``/``sy:updateFrequency`` is remembered, like
    ``<ttl>``, for the polls that answer 304."""
    db.execute("CREATE INDEX sightings_feed_first_seen ON sightings(feed_id, first_seen)")
    db.execute("ALTER TABLE feeds ADD COLUMN update_period_seconds INTEGER")


@migrations()
def m009_match_ids_only_grow(db: Database) -> None:
    """``matches.id`` with AUTOINCREMENT: a digest remembers the last match id
    it covered, so an id must never be handed out twice.  Without it SQLite
    reuses ``max(id) + 1`` after the newest match is deleted (an edit that
    un-matches an item), and the next match would hide below every cursor."""
    db.execute("""
        CREATE TABLE matches_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            item_id INTEGER NOT NULL REFERENCES items(id),
            topic TEXT NOT NULL,
            matched TEXT NOT NULL,
            snippet TEXT NOT NULL DEFAULT '',
            UNIQUE (item_id, topic)
        )""")
    db.execute(
        "INSERT INTO matches_new (id, item_id, topic, matched, snippet)"
        " SELECT id, item_id, topic, matched, snippet FROM matches"
    )
    db.execute("DROP TABLE matches")
    db.execute("ALTER TABLE matches_new RENAME TO matches")
    db.execute("CREATE INDEX matches_topic ON matches(topic, matched)")


@migrations()
def m010_outbox_guards(db: Database) -> None:
    """Indexes and keys the review asked for.  One ``item.matched`` message per
    channel, item and topic, however often
    the item is matched again (its page arrives, its entry is edited); and a
    key of each channel's full target, so that a changed webhook URL whose
    host stays the same (a rotated token) clears a 410's disabling, while
    ``target`` keeps showing the host only."""
    db.execute(
        "CREATE UNIQUE INDEX outbox_once ON outbox(channel, item_id, topic)"
        " WHERE event = 'item.matched'"
    )
    db.execute("ALTER TABLE channels ADD COLUMN target_key TEXT")
    # The hash of the page text an item shows: the same text from two
    # articles' pages is a consent wall or paywall (monitor.storage.pages).
    db.execute("ALTER TABLE items ADD COLUMN page_hash TEXT")
    db.execute("CREATE INDEX items_page_hash ON items(page_hash) WHERE page_hash IS NOT NULL")
    # Sightings by item (who else carried it: notifications, stories, the item
    # page); the unique index leads with feed_id and cannot serve these.
    db.execute("CREATE INDEX sightings_item ON sightings(item_id)")


@migrations()
def m011_browse_indexes(db: Database) -> None:
    """Indexes for browsing the archive (issue 11, defect 6): no page or canned
    query of ``monitor serve`` reads every item (tests/test_serve_queries.py).

    - ``items_feed``: a feed's items.  The "feed health" query counts them per
      feed, and so do a feed's row page and the items table's feed facet; each
      read the whole table.  ``page_status`` comes second because the page
      fetcher asks for one feed's pending pages: with ``feed_id`` alone the
      planner would walk all of that feed's items instead of the few pending.
    - ``items_duplicate_of``: the copies of an item, which its page lists (and
      Datasette's row page counts).  Partial: most items are no copy."""
    db.execute("CREATE INDEX items_feed ON items(feed_id, page_status)")
    db.execute(
        "CREATE INDEX items_duplicate_of ON items(duplicate_of) WHERE duplicate_of IS NOT NULL"
    )


@migrations()
def m012_no_secrets_in_urls(db: Database) -> None:
    """Secrets out of stored URLs, and a keyed ``channels.target_key``
    (issue 11, defect 8; the rule is :mod:`monitor.net.redact`).

    - ``salts``: one random salt per database, made here once.
      ``channels.target_key`` was a plain SHA-256 of the full webhook URL, so a
      guessed token could be checked offline; it becomes HMAC-SHA256(salt, that
      SHA-256), re-keyed in place, so every channel keeps its state (a 410's
      disabling) and no plain hash is left, not even of removed channels.
    - Feed URLs, the poll log, errors and operator notices stored before are
      redacted.  A feed whose stored URL held a secret (a permanent redirect
      to ``user:pass@`` or ``?token=``) goes back to its configured URL, which
      the worker fetches with its secret from the config, in memory only."""
    from monitor.net.redact import has_secrets, keyed_digest, redact_text, redact_url

    db.execute("""
        CREATE TABLE salts (
            name TEXT PRIMARY KEY,
            salt TEXT NOT NULL,
            created TEXT NOT NULL
        )""")
    salt = secrets.token_hex(32)
    created = datetime.now(UTC).isoformat(timespec="seconds")  # as normalize.iso writes it
    # The name is OutboxStore's TARGET_SALT.
    db.execute("INSERT INTO salts VALUES ('channels.target_key', ?, ?)", [salt, created])
    conn = db.conn
    conn.create_function("m012_key", 1, lambda v: keyed_digest(salt, v), deterministic=True)
    conn.create_function("m012_url", 1, redact_url, deterministic=True)
    conn.create_function("m012_text", 1, redact_text, deterministic=True)
    db.execute("UPDATE channels SET target_key = m012_key(target_key) WHERE target_key IS NOT NULL")
    rows = db.execute("SELECT id, url, config_url, site_url, last_error FROM feeds").fetchall()
    for feed_id, url, config_url, site_url, error in rows:
        shown = redact_url(config_url)
        db.execute(
            "UPDATE feeds SET url = ?, config_url = ?, site_url = ?, last_error = ? WHERE id = ?",
            [
                shown if has_secrets(url) else url,
                shown,
                site_url and redact_url(site_url),
                error and redact_text(error),
                feed_id,
            ],
        )
    db.execute("UPDATE fetches SET url = m012_url(url) WHERE instr(url, '@') OR instr(url, '=')")
    db.execute("UPDATE fetches SET error = m012_text(error) WHERE error LIKE '%://%'")
    db.execute(
        "UPDATE outbox SET payload = m012_text(payload)"
        " WHERE event IN ('feed.failing', 'feed.recovered')"
    )
    db.execute("UPDATE items SET page_error = m012_text(page_error) WHERE page_error LIKE '%://%'")


@migrations()
def m013_item_notes(db: Database) -> None:
    """``items.notes``: what was cut or set aside from the source (a field over
    its cap, a date out of range), so a cut text is never mistaken for the
    whole article (monitor.ingest.limits)."""
    db.execute("ALTER TABLE items ADD COLUMN notes TEXT")
