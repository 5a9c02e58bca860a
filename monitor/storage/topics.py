"""The topic half of the store: the ``topics`` mirror of the config and the
``matches`` of items against them.  Mixed into :class:`monitor.storage.store.Store`.

Tagging runs inside the transaction that stores the items, so an item and its
matches are written together.  The matcher is the pure-Python one from
:mod:`monitor.topics.query`, which agrees exactly with the FTS5 index (a property
test checks it); the snippet comes from :mod:`monitor.topics.snippet`, which picks
the passage as FTS5's ``snippet()`` would, in time linear in the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlite_utils import Database

from monitor.ingest import limits
from monitor.storage.sqlbits import in_chunks
from monitor.texts import iso
from monitor.topics.snippet import snippet

if TYPE_CHECKING:
    from monitor.topics.query import Matcher, Query


@dataclass(frozen=True)
class TopicSpec:
    """A topic as the configuration describes it."""

    name: str
    query: str
    description: str = ""
    feeds: tuple[str, ...] = ()


class TopicStore:
    db: Database

    def _tx(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    # Set by set_topics(); Store.__init__ starts them empty.
    _matcher: Matcher | None
    _queries: dict[str, Query]
    _topic_feeds: dict[str, frozenset[str]]

    def set_topics(
        self, specs: Sequence[TopicSpec], now: datetime, *, mirror: bool = True
    ) -> list[str]:
        """Match new items against these topics from now on.

        With ``mirror`` (the worker-lock holder), also make the ``topics`` table
        mirror them; removed topics stay, marked inactive, with their matches
        kept for history.  When a topic is new or its query or feeds changed,
        the whole archive is re-matched in the same transaction as the mirror,
        so an interrupted re-match is simply redone next time.  Returns the
        topics that are new or changed."""
        from monitor.topics.query import Matcher, QueryError, parse

        queries = {spec.name: parse(spec.query) for spec in specs}
        before = {
            name: (query, feeds)
            for name, query, feeds in self.db.execute(
                "SELECT name, query, feeds FROM topics WHERE active = 1"
            )
        }
        changed = [s.name for s in specs if before.get(s.name) != (s.query, ", ".join(s.feeds))]
        self._queries = queries
        self._topic_feeds = {s.name: frozenset(s.feeds) for s in specs if s.feeds}
        self._matcher = Matcher(queries) if queries else None
        if not mirror:
            return changed
        with self._tx():
            self.db.execute("UPDATE topics SET active = 0")
            for spec in specs:
                try:
                    fts: str | None = queries[spec.name].to_fts5()
                except QueryError:  # author:/feed:/url: have no FTS column
                    fts = None
                self.db.execute(
                    "INSERT INTO topics (name, query, fts_query, description, feeds, active,"
                    " updated) VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT (name) DO UPDATE SET"
                    " query = excluded.query, fts_query = excluded.fts_query,"
                    " description = excluded.description, feeds = excluded.feeds, active = 1,"
                    " updated = CASE WHEN topics.query = excluded.query AND topics.feeds ="
                    " excluded.feeds THEN topics.updated ELSE excluded.updated END",
                    [spec.name, spec.query, fts, spec.description, ", ".join(spec.feeds), iso(now)],
                )
            if changed:
                ids = [r[0] for r in self.db.execute("SELECT id FROM items ORDER BY id")]
                self.tag(ids, now, reason="re-matched after the topics changed")
        return changed

    def retag(self, now: datetime, only: str | None = None) -> tuple[int, int]:
        """Match every item again (after topics changed), for every topic or
        topic ``only``: new matches are added, matches an item no longer meets
        are removed, both recorded in ``match_changes``.  Returns (added, removed)."""
        ids = [r[0] for r in self.db.execute("SELECT id FROM items ORDER BY id")]
        before = self.db.execute("SELECT coalesce(max(id), 0) FROM match_changes").fetchone()[0]
        with self._tx():
            added = self.tag(ids, now, reason="re-matched after the topics changed", only=only)
        removed = self.db.execute(
            "SELECT count(*) FROM match_changes WHERE id > ? AND change = 'removed'", [before]
        ).fetchone()[0]
        return added, int(removed)

    def tag(
        self,
        item_ids: Iterable[int],
        now: datetime,
        *,
        reason: str = "the item's text changed",
        only: str | None = None,
    ) -> int:
        """Match these items against every topic (or topic ``only``); add new
        matches and drop those an item no longer meets.  Removals, and additions
        made by a re-match, go to ``match_changes`` with ``reason``.  Returns
        how many matches were added.  Call inside the transaction that wrote
        the items."""
        if self._matcher is None:
            return 0
        from monitor.topics.query import Document

        ids = list(item_ids)
        added = 0
        # At ingest a new match is the normal case, not worth an audit row.
        audit_additions = reason != "the item's text changed"
        for chunk, marks in in_chunks(ids):
            rows = self.db.execute(
                "SELECT i.id, i.title, i.text, coalesce(i.author, ''), coalesce(i.url, ''),"
                " coalesce(f.name, '') FROM items i LEFT JOIN feeds f ON f.id = i.feed_id"
                f" WHERE i.id IN ({marks})",
                chunk,
            ).fetchall()
            for item_id, title, text, author, url, feed in rows:
                doc = Document.from_texts(title, text, author=author, url=url, feed=feed)
                tokens: dict[str, list[tuple[str, int, int]]] = {}  # one scan for all topics
                names = {
                    name
                    for name in self._matcher.match(doc)
                    if (name not in self._topic_feeds or feed in self._topic_feeds[name])
                    and (only is None or name == only)
                }
                had = {
                    r[0]
                    for r in self.db.execute(
                        "SELECT topic FROM matches WHERE item_id = ?", [item_id]
                    )
                    if only is None or r[0] == only
                }
                log = [
                    (item_id, name, "added", reason, iso(now))
                    for name in sorted(names - had)
                    if audit_additions
                ]
                for name in sorted(names - had):
                    self.db.execute(
                        "INSERT INTO matches (item_id, topic, matched, snippet)"
                        " VALUES (?, ?, ?, ?)",
                        [item_id, name, iso(now), self._snippet(name, title, text, tokens)],
                    )
                    added += 1
                stale = sorted((had - names) & set(self._queries))
                if stale:
                    self.db.execute(
                        f"DELETE FROM matches WHERE item_id = ? AND topic IN"
                        f" ({','.join('?' * len(stale))})",
                        [item_id, *stale],
                    )
                    log += [(item_id, name, "removed", reason, iso(now)) for name in stale]
                if log:
                    self.db.conn.executemany(
                        "INSERT INTO match_changes (item_id, topic, change, reason, at)"
                        " VALUES (?, ?, ?, ?, ?)",
                        log,
                    )
        return added

    def _snippet(
        self, name: str, title: str, text: str, tokens: dict[str, list[tuple[str, int, int]]]
    ) -> str:
        """The matched passage, terms in [brackets] (linear in the text:
        :mod:`monitor.topics.snippet`); the title when the topic matched only on
        fields outside the text (author:, feed:, url:)."""
        return (
            snippet(self._queries[name].node, title, text, cache=tokens)
            or title[: limits.MAX_TITLE]
        )
