"""Finding what is already stored for a batch of entries: the same entry
(layer 1), the same article from another feed (layer 2), the same text under
another URL (layer 3).  Batched lookups, never a query per entry.  Mixed into
:class:`monitor.storage.store.Store`."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from monitor.dedupe import rules as dedupe
from monitor.storage.sqlbits import in_chunks
from monitor.types import Entry


class EntryLookup:
    db: Database

    def _same_url_elsewhere(
        self, feed_id: int, fresh: Sequence[Entry], urls: dict[str | None, int]
    ) -> dict[str, int]:
        """Canonical URL -> the one item another feed already stored under it.
        A URL that several items share, that this feed itself used for another
        entry, or that cannot stand for one article, merges nothing."""
        wanted = sorted(
            {
                e.canonical_url
                for e in fresh
                if e.canonical_url
                and urls[e.canonical_url] == 1
                and dedupe.url_identifies_article(e.canonical_url)
            }
        )
        found: dict[str, int] = {}
        for chunk, marks in in_chunks(wanted):
            for url, item_id, n, ours in self.db.execute(
                "SELECT canonical_url, min(id), count(*), sum(feed_id = ?) FROM items"
                f" WHERE source = 'feed' AND canonical_url IN ({marks})"
                " GROUP BY canonical_url",
                [feed_id, *chunk],
            ):
                if n == 1 and not ours:
                    found[url] = item_id
        return found

    def _first_by_text(self, keys: set[str]) -> dict[str, int]:
        """Text key -> the first item (not itself a copy) with that text."""
        found: dict[str, int] = {}
        for chunk, marks in in_chunks(sorted(keys)):
            found.update(
                self.db.execute(
                    "SELECT text_hash, min(id) FROM items WHERE duplicate_of IS NULL"
                    f" AND text_hash IN ({marks}) GROUP BY text_hash",
                    chunk,
                ).fetchall()
            )
        return found

    def _find_items(
        self, feed_id: int, entries: Sequence[Entry], urls: dict[str | None, int]
    ) -> list[tuple[int, str, int | None] | None]:
        """The stored item (id, content hash, owning feed) of each entry, or
        None for a new one.  Two queries for the whole batch, not two per entry."""
        by_id: dict[str, tuple[int, str, int | None]] = {}
        ids = [e.entry_id for e in entries]
        for chunk, marks in in_chunks(ids):
            for entry_id, item_id, digest, owner in self.db.execute(
                "SELECT s.entry_id, i.id, i.content_hash, i.feed_id FROM sightings s"
                " JOIN items i ON i.id = s.item_id WHERE s.feed_id = ?"
                f" AND s.entry_id IN ({marks})",
                [feed_id, *chunk],
            ):
                by_id[entry_id] = (item_id, digest, owner)
        # Guids that change on every fetch: an earlier entry of this feed with
        # the same link and the same title, whose own id is no longer in the
        # body, is this entry under a new id.  Title and absence are both
        # required: a feed that reuses one link for a daily briefing (new guid,
        # new title each day) must keep every day's item.
        wanted = [
            e.canonical_url
            for e in entries
            if e.entry_id not in by_id and e.canonical_url and urls[e.canonical_url] == 1
        ]
        by_url: dict[str, list[tuple[int, str, str, str]]] = {}
        for chunk, marks in in_chunks(wanted):
            for item_id, digest, old_entry_id, old_title, url in self.db.execute(
                "SELECT i.id, i.content_hash, s.entry_id, i.title, i.canonical_url FROM sightings s"
                " JOIN items i ON i.id = s.item_id WHERE s.feed_id = ?"
                f" AND i.canonical_url IN ({marks})",
                [feed_id, *chunk],
            ):
                by_url.setdefault(url, []).append((item_id, digest, old_entry_id, old_title))
        body_ids = set(ids)
        found: list[tuple[int, str, int | None] | None] = []
        for entry in entries:
            hit = by_id.get(entry.entry_id)
            if hit is None and entry.canonical_url:
                for item_id, digest, old_entry_id, old_title in by_url.get(entry.canonical_url, ()):
                    if (
                        old_entry_id not in body_ids
                        and old_title.casefold() == entry.title.casefold()
                    ):
                        hit = (item_id, digest, feed_id)
                        break
            found.append(hit)
        return found
