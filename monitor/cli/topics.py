"""``monitor topics ...``: inspect and test topic queries against the archive."""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import timedelta
from typing import Any

from monitor.config.load import Config, parse_duration
from monitor.errors import MonitorError
from monitor.ingest.pipeline import utcnow


def _topic(config: Config, name: str) -> Any:
    for topic in config.topics:
        if topic.name == name:
            return topic
    known = ", ".join(t.name for t in config.topics) or "none"
    raise MonitorError(f"no topic is named {name!r} (configured: {known})")


def cmd_topics_sql(config: Config, args: argparse.Namespace) -> int:
    """Print a topic's FTS5 query (for Datasette's search box) and a full SQL query."""
    from monitor.topics.query import QueryError, parse

    topic = _topic(config, args.name)
    try:
        fts = parse(topic.query).to_fts5()
    except QueryError as e:
        raise MonitorError(f"topic {topic.name!r}: {e}") from e
    literal = "'" + fts.replace("'", "''") + "'"
    print(f"-- search box: {fts}")
    print(
        "SELECT items.id, items.title, items.published,\n"
        "       snippet(items_fts, -1, '[', ']', '…', 24) AS snippet\n"
        "FROM items_fts JOIN items ON items.id = items_fts.rowid\n"
        f"WHERE items_fts MATCH {literal}\n"
        "ORDER BY items.published DESC;"
    )
    return 0


def cmd_topics_test(config: Config, args: argparse.Namespace) -> int:
    """What a query would have matched in the archive, before it is saved."""
    from monitor.app import open_store
    from monitor.topics.query import Document, QueryError, parse
    from monitor.topics.snippet import snippet as passage

    try:
        query = parse(args.query)
    except QueryError as e:
        print(f"query error: {e}")
        return 2
    for warning in query.warnings:
        print(f"warning: {warning}")
    since = utcnow() - timedelta(seconds=parse_duration(args.since)) if args.since else None
    where, params = "", []
    if since is not None:
        where = " AND coalesce(i.published, i.first_seen) >= ?"
        params.append(since.isoformat(timespec="seconds"))
    with open_store(config) as store:
        sql = (
            "SELECT i.id, i.title, i.text, coalesce(i.author, ''), coalesce(i.url, ''),"
            " coalesce(f.name, ''), i.source, coalesce(i.published, '')"
            " FROM items i LEFT JOIN feeds f ON f.id = i.feed_id WHERE 1" + where
        )
        # The ingest matcher itself, so that the test shows exactly what tagging will do.
        hits = [
            row
            for row in store.db.execute(sql, params)
            if query.match_doc(
                Document.from_texts(row[1], row[2], author=row[3], url=row[4], feed=row[5])
            )
        ]
        per_source = Counter(row[5] or f"({row[6]})" for row in hits)
        span = f" since {since.date()}" if since else ""
        print(f"{len(hits)} item(s) match{span}")
        for source, n in per_source.most_common():
            print(f"  {n:5d}  {source}")
        for row in sorted(hits, key=lambda r: r[7], reverse=True)[: args.limit]:
            snippet = passage(query.node, row[1], row[2], width=16) or row[1]
            print(f"- #{row[0]} {row[7][:10] or '          '} {row[1][:80]}")
            print(f"    {' '.join(str(snippet).split())[:200]}")
    return 0


def cmd_topics_retag(config: Config, args: argparse.Namespace) -> int:
    """Re-apply the configured topics to the whole archive."""
    from monitor.app import open_store

    if args.name:
        _topic(config, args.name)
    # The topics table is not mirrored here: `run`/`poll` compare against it
    # and re-match everything that changed, even after a `retag NAME`.
    with open_store(config, lock=True, mirror_topics=False) as store:
        added, removed = store.retag(utcnow(), only=args.name)
    what = f"topic {args.name!r}" if args.name else "all topics"
    print(f"re-matched {what}: {added} match(es) added, {removed} removed (see match_changes)")
    return 0


def add_parsers(sub: Any) -> None:
    topics = sub.add_parser("topics", help="inspect and test topic queries").add_subparsers(
        dest="topics_command", required=True, metavar="SUBCOMMAND"
    )
    p = topics.add_parser("sql", help="print a topic's FTS5 query and SQL, ready to paste")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_topics_sql)
    p = topics.add_parser("test", help="what a query would match in the stored archive")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--since", metavar="DURATION", help="only items from this far back, e.g. 30d")
    p.add_argument("--limit", type=int, default=10, help="items to show (default 10)")
    p.set_defaults(func=cmd_topics_test)
    p = topics.add_parser("retag", help="re-apply topics to the whole archive")
    p.add_argument("name", nargs="?", metavar="NAME", help="only this topic")
    p.set_defaults(func=cmd_topics_retag)
