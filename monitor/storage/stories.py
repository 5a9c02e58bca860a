"""Stories in the database: the persisted LSH index (``story_bands``), the
``stories`` table and ``items.story_id``.  Mixed into :class:`monitor.storage.store.Store`.

Contract:
- :meth:`StoryStore.place_stories` runs inside the caller's transaction, so an
  item, its story and its index rows are stored together or not at all (a
  ``kill -9`` mid-batch leaves the previous, consistent state);
- work per item is a bounded number of indexed lookups (its bands, its title
  key, at most :data:`MAX_CANDIDATES` texts to verify): never a scan of the
  archive, so the cost per item stays flat as the archive grows;
- stories only grow: a later edit never splits one, so a story's first item
  (the one that was notified) stays its first item.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from monitor import failpoints
from monitor.dedupe.stories import (
    StoryParams,
    band_keys,
    same_republished,
    same_story,
    shingles,
    similarity,
    substance,
    title_key,
)
from monitor.storage.settings import StoreSettings
from monitor.storage.sqlbits import in_chunks
from monitor.texts import iso
from monitor.urls import site_host

# Texts verified per new item, best LSH candidates first: a story of fifty
# copies needs one of them to agree, not all fifty.
MAX_CANDIDATES = 6

_ROW = (
    "SELECT id, text, title, coalesce(canonical_url, url), source, first_seen,"
    " coalesce(published, first_seen), story_id, duplicate_of FROM items"
)


def _when(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def _around(stamp: str, window: timedelta) -> tuple[str | None, str | None]:
    """The window's ends around ``stamp``.  Dates are bounded where they come
    in (monitor.ingest.limits); this only keeps an older stored date near the
    calendar's ends from overflowing the arithmetic."""
    when = _when(stamp)
    try:
        low = iso(when - window)
    except OverflowError:
        low = iso(datetime.min.replace(tzinfo=when.tzinfo))
    try:
        high = iso(when + window)
    except OverflowError:
        high = iso(datetime.max.replace(tzinfo=when.tzinfo))
    return low, high


class StoryStore:
    db: Database
    settings: StoreSettings  # given to the Store at construction

    def _tx(self) -> AbstractContextManager[None]:
        raise NotImplementedError  # Store._tx: BEGIN IMMEDIATE

    def place_stories(self, item_ids: Sequence[int]) -> int:
        """Index the items' current texts and put each in a story when another
        item verifies as the same story (layer 4) or as the same site's
        republication (layer 5).  Returns how many joined a story."""
        params = self.settings.stories
        if not item_ids:
            return 0
        rows: list[tuple[Any, ...]] = []
        for chunk, marks in in_chunks(sorted(set(item_ids))):
            rows.extend(self.db.execute(f"{_ROW} WHERE id IN ({marks})", chunk).fetchall())
        joined = 0
        for row in sorted(rows):
            joined += self._place(row, params)
        return joined

    def _place(self, row: tuple[Any, ...], params: StoryParams) -> int:
        item_id, text, title, url, source, _seen, when, story_id, copy_of = row
        words = substance(text or "")
        hashes = shingles(words) if len(words) >= params.min_words else []
        tkey = title_key(title, site_host(url)) if source == "feed" else None
        self.db.execute(
            "UPDATE items SET title_key = ? WHERE id = ? AND title_key IS NOT ?",
            [tkey, item_id, tkey],
        )
        # The text may have changed since it was indexed: its old bands go.
        self.db.execute("DELETE FROM story_bands WHERE item_id = ?", [item_id])
        if not params.enabled or not hashes:
            return 0
        if copy_of is not None:
            # A same-text copy (layer 3) is in its original's story; the
            # original stands for it in the index.
            if story_id is None:
                self._join(copy_of, item_id)
                return 1
            return 0
        keys = band_keys(hashes)
        joined = 0
        if story_id is None:
            anchor = self._republication(item_id, tkey, hashes, when, params)
            if anchor is not None:
                self.db.execute(
                    "UPDATE items SET duplicate_of = ?, duplicate_reason = 'same title'"
                    " WHERE id = ?",
                    [anchor, item_id],
                )
                self._join(anchor, item_id)
                return 1  # a copy: not indexed, like layer 3's
            anchor = self._near_copy(item_id, keys, hashes, when, params)
            if anchor is not None:
                failpoints.hit("story-assign")
                self._join(anchor, item_id)
                joined = 1
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO story_bands (key, item_id) VALUES (?, ?)",
            [(key, item_id) for key in keys],
        )
        return joined

    def _republication(
        self,
        item_id: int,
        tkey: str | None,
        hashes: list[int],
        when: str,
        params: StoryParams,
    ) -> int | None:
        """Layer 5: an earlier item of the same site and title within the
        title window whose text still agrees."""
        if tkey is None:
            return None
        window = timedelta(seconds=params.title_window)
        # The newest same-titled items inside the window: a site with a
        # recurring title ("Statement on …") has many older ones.
        rows = self.db.execute(
            "SELECT id, text FROM items WHERE title_key = ? AND id != ?"
            " AND duplicate_of IS NULL AND coalesce(published, first_seen) BETWEEN ? AND ?"
            " ORDER BY id DESC LIMIT ?",
            [
                tkey,
                item_id,
                *_around(when, window),
                MAX_CANDIDATES,
            ],
        ).fetchall()
        for other, text in rows:
            theirs = shingles(substance(text or ""))
            if len(theirs) + 3 < params.min_words:
                continue
            if same_republished(similarity(hashes, theirs), params):
                return int(other)
        return None

    def _near_copy(
        self,
        item_id: int,
        keys: list[int],
        hashes: list[int],
        when: str,
        params: StoryParams,
    ) -> int | None:
        """Layer 4: the best LSH candidate whose text verifies."""
        marks = ", ".join("?" * len(keys))
        found = self.db.execute(
            f"SELECT item_id FROM story_bands WHERE key IN ({marks}) AND item_id != ?"
            " GROUP BY item_id ORDER BY count(*) DESC, item_id LIMIT ?",
            [*keys, item_id, MAX_CANDIDATES],
        ).fetchall()
        if not found:
            return None
        ids = [r[0] for r in found]
        texts = {
            r[0]: r[1:]
            for r in self.db.execute(
                "SELECT id, text, coalesce(published, first_seen) FROM items"
                f" WHERE id IN ({', '.join('?' * len(ids))})",
                ids,
            )
        }
        window = timedelta(seconds=params.window)
        for other in ids:
            text, other_when = texts[other]
            if abs(_when(other_when) - _when(when)) > window:
                continue
            if same_story(similarity(hashes, shingles(substance(text or ""))), params):
                return int(other)
        return None

    def _join(self, anchor: int, item_id: int) -> None:
        """Put ``item_id`` in ``anchor``'s story, creating it if need be."""
        story = self.db.execute("SELECT story_id FROM items WHERE id = ?", [anchor]).fetchone()[0]
        if story is None:
            cur = self.db.execute(
                "INSERT INTO stories (first_item, title, size, sources, source_names,"
                " first_seen, last_seen, spread_hours)"
                " SELECT id, title, 1, 0, '[]', first_seen, first_seen, 0 FROM items WHERE id = ?",
                [anchor],
            )
            story = int(cur.lastrowid or 0)
            self.db.execute("UPDATE items SET story_id = ? WHERE id = ?", [story, anchor])
        self.db.execute("UPDATE items SET story_id = ? WHERE id = ?", [story, item_id])
        self.refresh_story(story)

    def refresh_story(self, story: int) -> None:
        """Recompute a story's first item, size, sources and time spread from
        its items and their sightings (a few rows: one indexed query)."""
        items = self.db.execute(
            "SELECT id, first_seen, title FROM items WHERE story_id = ? ORDER BY first_seen, id",
            [story],
        ).fetchall()
        if not items:
            return
        names = [
            r[0]
            for r in self.db.execute(
                # CROSS JOIN fixes the order: the story's few items first, then
                # their sightings by index, never a scan of every sighting.
                "SELECT DISTINCT f.name FROM items i CROSS JOIN sightings s"
                " CROSS JOIN feeds f WHERE i.story_id = ? AND s.item_id = i.id"
                " AND f.id = s.feed_id"
                " UNION SELECT DISTINCT 'seed: ' || seed_file FROM items"
                " WHERE story_id = ? AND source = 'seed' ORDER BY 1",
                [story, story],
            )
        ]
        first, last = items[0][1], max(r[1] for r in items)
        spread = (_when(last) - _when(first)).total_seconds() / 3600
        self.db.execute(
            "UPDATE stories SET first_item = ?, title = ?, size = ?, sources = ?,"
            " source_names = ?, first_seen = ?, last_seen = ?, spread_hours = ? WHERE id = ?",
            [
                items[0][0],
                items[0][2],
                len(items),
                len(names),
                json.dumps(names, ensure_ascii=False),
                first,
                last,
                round(spread, 2),
                story,
            ],
        )

    def prune_story_index(self, before: datetime) -> int:
        """Drop index rows of items first seen before ``before``: older than the
        story window, they can no longer be anyone's copy.  Their stories stay."""
        cutoff = iso(before - timedelta(seconds=self.settings.stories.window))
        row = self.db.execute("SELECT max(id) FROM items WHERE first_seen < ?", [cutoff]).fetchone()
        if row[0] is None:
            return 0
        with self._tx():
            cur = self.db.execute("DELETE FROM story_bands WHERE item_id <= ?", [row[0]])
        return int(cur.rowcount)
