"""``monitor serve`` on an archive of realistic size: every query reads items
through an index, and no search a visitor types is an error.

The archive has 4,400 items (4,180 from 40 feeds, 220 seed captures) with
their sightings, topic matches, stories, copies, revisions, poll log and
outbox, written straight into a schema made by :class:`monitor.storage.store.Store`
(the pipeline would take minutes to make as many).  ``ANALYZE`` is never run,
as it never is on a user's archive: nothing in news-monitor or Datasette runs
it, so SQLite plans without statistics, from the schema alone.  That is the
case that matters, and it is also the stable one: without statistics the
plans do not depend on how the rows happen to be spread.
"""

from __future__ import annotations

import inspect
import itertools
import random
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
import yaml
from asgiref.sync import async_to_sync
from datasette import hookimpl
from datasette.plugins import pm

from monitor.storage.store import Store
from monitor.web import search as datasette_search
from monitor.web.search import MAX_SEARCH_CHARS
from tests.test_serve import METADATA, Client

CANNED: dict[str, Any] = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"][
    "monitor"
]["queries"]
NOW = "2026-11-22T12:00:00+00:00"
FEEDS = 40
ITEMS = 4_400
TOPICS = ("spyware", "icc-arrest-warrants", "callamard", "media-law")
_WORDS = (
    "the of and to in a that for on said with by was as at from his it an were are which"
    " this be has had not but have its they police court protest law media reporters"
    " government minister ministry election opposition rights group witnesses capital"
    " security forces detained march statement spyware pegasus phones infected icc arrest"
    " warrant warrants judges prosecutor callamard amnesty international report hamas"
    " israel gaza ceasefire humanitarian aid civilians killed strikes hospital children"
)
WORDS = _WORDS.split()


def _text(rng: random.Random) -> str:
    """About 2 KB of prose-like words, in paragraphs (items hold kilobytes of text)."""
    return "\n\n".join(" ".join(rng.choices(WORDS, k=80)) for _ in range(4))


def populate(path: Path) -> dict[str, int]:
    """A 4,400-item archive at ``path``; returns ids the page tests visit."""
    rng = random.Random(11)
    store = Store(path)
    try:
        conn = store.db.conn
        with store.transaction():
            conn.executemany(
                "INSERT INTO feeds (id, name, url, config_url, interval_seconds, added,"
                " consecutive_failures, failing_since, last_success)"
                " VALUES (?, ?, ?, ?, 900, ?, ?, ?, ?)",
                [
                    (
                        f,
                        f"feed-{f}",
                        f"https://f{f}.example/feed",
                        f"https://f{f}.example/feed",
                        NOW,
                        3 if f % 13 == 0 else 0,
                        NOW if f % 13 == 0 else None,
                        NOW,
                    )
                    for f in range(1, FEEDS + 1)
                ],
            )
            conn.executemany(
                "INSERT INTO topics (name, query, fts_query, active, updated)"
                " VALUES (?, ?, ?, ?, ?)",
                [(t, t, f'"{t}"', 1, NOW) for t in TOPICS] + [("retired", "x", '"x"', 0, NOW)],
            )
            items = []
            for i in range(1, ITEMS + 1):
                seed = i % 20 == 0
                day = f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00+00:00"
                items.append(
                    (
                        i,
                        "seed" if seed else "feed",
                        f"capture-{i % 11}.txt" if seed else None,
                        None if seed else 1 + i % FEEDS,
                        str(i),
                        f"https://news{i % 50}.example/a/{i}",
                        f"https://news{i % 50}.example/a/{i}",
                        " ".join(rng.choices(WORDS, k=8)),
                        None if i % 17 == 0 else day,
                        _text(rng),
                        f"hash-{i}",
                        day,
                        day,
                        "done" if i % 3 else ("pending" if i % 7 == 0 else None),
                        f"text-{i}",
                        # Every 50th item is a copy of the one before.
                        i - 1 if i % 50 == 0 else None,
                        "same text" if i % 50 == 0 else None,
                    )
                )
            conn.executemany(
                "INSERT INTO items (id, source, seed_file, feed_id, entry_id, url, canonical_url,"
                " title, published, text, content_hash, first_seen, last_changed, page_status,"
                " text_hash, duplicate_of, duplicate_reason)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                items,
            )
            feed_items = [row for row in items if row[3] is not None]
            conn.executemany(
                "INSERT INTO sightings (item_id, feed_id, entry_id, url, first_seen, last_seen)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(r[0], r[3], r[4], r[5], r[11], r[11]) for r in feed_items]
                + [
                    (r[0], 1 + (r[3] + 7) % FEEDS, r[4], r[5], r[11], r[11])
                    for r in feed_items[::10]
                ],
            )
            # Stories of three items: 1-3, 11-13, 21-23, …
            stories = [(s, 10 * s - 9) for s in range(1, ITEMS // 10 + 1)]
            conn.executemany(
                "INSERT INTO stories (id, first_item, title, size, sources, source_names,"
                " first_seen, last_seen, spread_hours) VALUES (?, ?, 't', 3, 2, '[]', ?, ?, 2.0)",
                [(s, first, NOW, NOW) for s, first in stories],
            )
            conn.executemany(
                "UPDATE items SET story_id = ? WHERE id BETWEEN ? AND ?",
                [(s, first, first + 2) for s, first in stories],
            )
            matches = [
                (i, topic, items[i - 1][11], f"… [{topic}] …")
                for i in range(1, ITEMS + 1)
                for topic in TOPICS
                if rng.random() < 0.15
            ]
            conn.executemany(
                "INSERT INTO matches (item_id, topic, matched, snippet) VALUES (?, ?, ?, ?)",
                matches,
            )
            conn.executemany(
                "INSERT INTO match_changes (item_id, topic, change, reason, at)"
                " VALUES (?, ?, 'added', 'topic added', ?)",
                [(m[0], m[1], NOW) for m in matches[::4]],
            )
            conn.executemany(
                "INSERT INTO revisions (item_id, changed, old_hash, new_hash, old_title,"
                " old_text, summary) VALUES (?, ?, 'a', 'b', 'old', 'old text', '3 words added')",
                [(i, NOW) for i in range(1, ITEMS + 1, 20)],
            )
            conn.executemany(
                "INSERT INTO fetches (feed_id, url, started, status, outcome)"
                " VALUES (?, 'https://f.example/feed', ?, 200, 'new')",
                [(1 + n % FEEDS, NOW) for n in range(2_000)],
            )
            conn.execute(
                "INSERT INTO channels (name, kind, target, updated)"
                " VALUES ('team-chat', 'webhook', 'https://hooks.example/…', ?)",
                [NOW],
            )
            conn.executemany(
                "INSERT INTO outbox (msg_id, channel, event, topic, item_id, payload, created,"
                " state) VALUES (?, 'team-chat', 'item.matched', ?, ?, '{}', ?, ?)",
                [
                    (f"msg-{n}", m[1], m[0], NOW, "pending" if n % 9 == 0 else "delivered")
                    for n, m in enumerate(matches[:2_000])
                ],
            )
        assert not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
        ).fetchall(), "the archive must be planned without statistics, as a user's is"
    finally:
        store.close()
    return {
        "original": 49,  # item 50 is its copy
        "copy": 50,
        "in_story": 41,  # story 5 is items 41-43; 41 has a revision
        "seed": 60,
        "feed": 3,
        "story": 5,
    }


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("big") / "monitor.db"
    return path, populate(path)


@pytest.fixture(scope="module")
def client(archive: tuple[Path, dict[str, int]]) -> Client:
    return Client(archive[0])


@pytest.fixture
def conn(archive: tuple[Path, dict[str, int]]) -> Iterator[sqlite3.Connection]:
    """A read connection with the SQL functions Datasette's connections have:
    our ``prepare_connection`` hook, called by argument name as pluggy calls it."""
    hook = datasette_search.prepare_connection
    with closing(sqlite3.connect(archive[0])) as c:
        offered = {"conn": c, "database": "monitor", "datasette": None}
        hook(**{k: v for k, v in offered.items() if k in inspect.signature(hook).parameters})
        yield c


# -- the plan check ---------------------------------------------------------------
# Indexes a query may walk from end to end, and why that is not a scan of the archive.
SUBSET_INDEXES = {
    "items_seed_key": "partial: the seed captures only, a few dozen imported files",
}
_SCAN = re.compile(r"SCAN (\S+)(?: USING (?:COVERING )?INDEX (\S+))?")
_ALIAS = re.compile(r"\bitems\s+(?:AS\s+)?([A-Za-z_]\w*)", re.IGNORECASE)
_KEYWORDS = (
    "where join left inner cross natural on using order group limit window union except"
    " intersect having set values"
)
_NOT_ALIASES = frozenset(_KEYWORDS.split())


def item_scans(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[str]:
    """The lines of ``sql``'s query plan that read every item.

    A line fails when it SCANs ``items`` (by name, or by an alias the SQL
    gives it), with or without an index.  Without one it reads every row,
    and its kilobytes of text: that is what made "Feed health" slow, once
    per feed.  With one it still visits every item: an index walked whole
    for its order (the item page listed an item's copies by walking
    ``items_first_seen`` in full) or because it covers a count (``SCAN items
    USING COVERING INDEX``, once per feed, is still every item per feed).
    The only exceptions are :data:`SUBSET_INDEXES`, partial indexes over a
    small subset that the query lists in full, each with its reason.

    Not checked, and why: ``SCAN items_fts VIRTUAL TABLE`` is a full-text
    index lookup, not a scan; SEARCH lines are index lookups; the small
    tables that mirror the config (feeds, topics, channels) are read whole
    on purpose; tables narrower than items (matches, outbox, …) are listed
    whole only by queries that show them whole."""
    names = {"items"} | {a.lower() for a in _ALIAS.findall(sql) if a.lower() not in _NOT_ALIASES}
    bad = []
    for *_, detail in conn.execute("EXPLAIN QUERY PLAN " + sql, params):
        scan = _SCAN.fullmatch(detail)
        if scan and scan.group(1).lower() in names and scan.group(2) not in SUBSET_INDEXES:
            bad.append(detail)
    return bad


def parameters(conn: sqlite3.Connection, sql: str) -> list[str]:
    """The named parameters ``sql`` really uses, as Datasette finds them: the
    ``Variable`` opcodes of its bytecode (a ``:word`` inside a string is none)."""
    candidates = set(re.findall(r":(\w+)", sql))
    program = conn.execute("EXPLAIN " + sql, dict.fromkeys(candidates)).fetchall()
    return sorted({row[5].lstrip(":") for row in program if row[1] == "Variable"})


# Plausible values for every parameter of a canned query, including the empty
# string, which is what an empty form field sends.  A new parameter needs its own.
PLAUSIBLE: dict[str, Sequence[str]] = {
    "topic": ("spyware", ""),
    "q": ("Pegasus spyware", '"media law" -police', "title:court OR icc*", ""),
}


@pytest.mark.parametrize("name", sorted(CANNED))
def test_every_canned_query_reads_items_through_an_index(
    conn: sqlite3.Connection, name: str
) -> None:
    """Read from metadata.yml, so a new canned query is checked as it is added."""
    sql = CANNED[name]["sql"]
    names = parameters(conn, sql)
    missing = [n for n in names if n not in PLAUSIBLE]
    assert not missing, f"{name}: give :{', :'.join(missing)} plausible values in PLAUSIBLE"
    for values in itertools.product(*(PLAUSIBLE[n] for n in names)):
        params = dict(zip(names, values, strict=True))
        assert item_scans(conn, sql, params) == [], (name, params)
        conn.execute(sql, params).fetchall()  # and it runs


# -- every statement of the pages the plugin makes ----------------------------------
# Every statement run on the archive's connections while _Trace is registered
# (appended to from Datasette's threads; list.append is atomic).
STATEMENTS: list[str] = []


class _Trace:
    """A plugin for this test only: SQLite's trace callback on every connection
    Datasette opens to the archive (it gives each statement with its values)."""

    @staticmethod
    @hookimpl
    def prepare_connection(conn: sqlite3.Connection, database: str) -> None:
        if database == "monitor":
            conn.set_trace_callback(STATEMENTS.append)


@pytest.fixture
def traced(archive: tuple[Path, dict[str, int]]) -> Iterator[Client]:
    pm.register(_Trace, name="test-serve-queries-trace")
    try:
        yield Client(archive[0])
    finally:
        pm.unregister(name="test-serve-queries-trace")


def test_the_item_page_row_pages_facets_and_atom_read_items_through_an_index(
    traced: Client, archive: tuple[Path, dict[str, int]], conn: sqlite3.Connection
) -> None:
    """Every statement run while serving the pages the plugin adds or changes:
    the item page (a copy's original, a copy, an item in a story with a
    revision, a seed), the row pages of a feed and a story (Datasette counts
    their items), the items table filtered by topic (with the topic facet) and
    by a search, a topic's Atom feed, and every canned query's page.

    The unfiltered items table is not here: a page of the whole table in
    published order, its count and its facets read every row by design, and
    Datasette bounds them with its own time limits."""
    ids = archive[1]
    pages = [
        f"/monitor/items/{ids['original']}",
        f"/monitor/items/{ids['copy']}",
        f"/monitor/items/{ids['in_story']}",
        f"/monitor/items/{ids['seed']}",
        f"/monitor/feeds/{ids['feed']}",
        f"/monitor/stories/{ids['story']}",
        "/monitor/items?_topic=spyware",
        "/monitor/items?_search=pegasus+spyware",
        "/monitor/items?_search=pegasus&_topic=callamard",
        "/monitor/topic_feed.atom?topic=spyware",
        *(
            f"/monitor/{name}?" + "&".join(f"{p}={quote(PLAUSIBLE[p][0])}" for p in PLAUSIBLE)
            for name in sorted(CANNED)
        ),
    ]
    problems = []
    for path in pages:
        STATEMENTS.clear()
        response = traced.get(path)
        assert response.status == 200, (path, response.status)
        statements = list(STATEMENTS)
        assert statements, f"{path}: the trace saw no SQL"
        for sql in statements:
            # "--" marks the statements SQLite runs inside FTS5 itself.
            if sql.startswith(("--", "PRAGMA")) or not re.search(r"\bitems\b", sql):
                continue
            problems += [
                f"{path}: {line}\n    {' '.join(sql.split())[:300]}"
                for line in item_scans(conn, sql)
            ]
    assert not problems, "\n".join(problems)


# -- what a visitor types ---------------------------------------------------------------
HOSTILE = {
    "a lone quote": '"',
    "3,001 quotes": '"' * 3_001,
    "AND": "AND",
    "an open parenthesis": "(",
    "NEAR(": "NEAR(",
    "a star": "*",
    "an unbalanced quote": '"foo',
    "100 KB": ("Pegasus spyware " * 6_400)[:100_000],
    "two quotes": '""',
    "a dash": "-",
    "a field alone": "title:",
    "a field the index lacks": "author:Callamard",
    "a huge NEAR distance": "NEAR(a b, 99999999)",
    "a NUL": '"spy\x00ware',  # SQLite reads a MATCH expression only up to a NUL
    "1,000 open parentheses": "(" * 1_000,  # deeper than Python's recursion limit
    "a quote after a word": 'spyware"',
    "a newline in a phrase": '"media\nlaw',
}


def _urls(client: Client, conn: sqlite3.Connection, value: str) -> list[tuple[str, bool]]:
    """Every place a visitor can type ``value``, each with whether it is searched.

    Datasette's ``_search`` (and ``_search_COLUMN``) on every table it finds
    full-text search for, and every parameter of every canned query (as HTML,
    JSON and, for those with ``atom_*`` columns, Atom)."""
    v = quote(value)
    urls = []
    searchable = [t["name"] for t in client.json("/monitor.json")["tables"] if t["fts_table"]]
    assert {"items", "items_fts"} <= set(searchable)
    for table in searchable:
        urls += [
            (f"/monitor/{table}?_search={v}", True),
            (f"/monitor/{table}.json?_search={v}", True),
            (f"/monitor/{table}.json?_search_title={v}", True),
        ]
    for name, canned in sorted(CANNED.items()):
        names = parameters(conn, canned["sql"])
        searched = set(re.findall(r"(?:topic_fts|escape_fts)\(\s*:(\w+)", canned["sql"]))
        formats = ["", ".json"] + ([".atom"] if "atom_id" in canned["sql"] else [])
        for param in names:
            others = "".join(f"&{p}={quote(PLAUSIBLE[p][0])}" for p in names if p != param)
            urls += [
                (f"/monitor/{name}{ext}?{param}={v}{others}", param in searched) for ext in formats
            ]
    return urls


def fetch(client: Client, url: str) -> tuple[int, str]:
    """GET ``url`` from the Datasette app itself, over ASGI as uvicorn calls
    it: (status, body).  Not through Datasette's test client,
    whose httpx refuses a URL over 64 KB, and the 100 KB search must arrive."""
    path, _, query = url.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(path),
        "raw_path": path.encode("ascii"),
        "query_string": query.encode("ascii"),
        "root_path": "",
        "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 50000),
        "server": ("localhost", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async_to_sync(client.ds.app())(scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body.decode("utf-8")


@pytest.mark.parametrize("label", list(HOSTILE))
def test_no_search_a_visitor_types_is_an_error(
    client: Client, conn: sqlite3.Connection, label: str
) -> None:
    """README: a query that is not valid in the topic language is searched as
    plain words.  Everywhere: 200, or for a search over MAX_SEARCH_CHARS our
    own 400 that says so; never FTS5's syntax error, a bare "user-defined
    function raised exception" or a 500."""
    value = HOSTILE[label]
    for url, searched in _urls(client, conn, value):
        status, body = fetch(client, url)
        where = (label, url[:120], status, body[:300])
        for leak in ("fts5", "syntax error", "user-defined function", "unterminated string"):
            assert leak not in body, where
        if searched and len(value) > MAX_SEARCH_CHARS:
            assert status == 400, where
            assert "Search too long" in body and f"limit is {MAX_SEARCH_CHARS:,}" in body, where
        else:
            assert status == 200, where


def _found(client: Client, query: str, raw: bool = False) -> set[int]:
    mode = "&_searchmode=raw" if raw else ""
    rows = client.json(
        f"/monitor/items.json?_search={quote(query)}{mode}&_shape=array&_col=title&_size=max"
    )
    return {r["id"] for r in rows}


def test_an_invalid_query_is_searched_as_its_plain_words(client: Client) -> None:
    def words(*terms: str) -> set[int]:
        return _found(client, " ".join(f'"{t}"' for t in terms), raw=True)

    assert _found(client, '"media law') == words("media", "law") != set()
    assert _found(client, "police AND") == words("police", "and") != set()
    assert _found(client, "NEAR(") == words("near") == set()
    assert _found(client, "author:callamard") == words("author", "callamard")
    assert _found(client, "(" * 1_000 + "pegasus") == words("pegasus") != set()
    # Nothing searchable: nothing found, rather than everything or an error.
    for nothing in ('"', '"' * 3_001, "*", "-", "(", '""'):
        assert _found(client, nothing) == set(), nothing

    # The search canned query does the same.
    def search(q: str) -> list[int]:
        rows = client.json(f"/monitor/search.json?_shape=array&q={quote(q)}")
        return [r["item_id"] for r in rows]

    assert search('"pegasus') == search("pegasus") != []
    assert search('"') == search("(") == []


def test_the_limit_is_a_clear_400_and_raw_fts5_keeps_its_own_errors(client: Client) -> None:
    at_limit = ("pegasus " * MAX_SEARCH_CHARS)[:MAX_SEARCH_CHARS]
    assert client.get(f"/monitor/items.json?_search={quote(at_limit)}").status == 200
    over = quote(at_limit + "x")
    page = client.get(f"/monitor/items?_search={over}")
    assert page.status == 400 and "text/html" in page.headers["content-type"]
    assert "Search too long" in page.text and "10,001 characters" in page.text
    error = client.get(f"/monitor/search.json?q={over}")
    assert error.status == 400 and error.json["ok"] is False
    assert "10,001 characters" in error.json["error"]
    # A topic name is never searched: any length is just a topic that does not exist.
    assert client.get(f"/monitor/topic_feed.json?topic={over}").status == 200
    # ?_searchmode=raw passes FTS5 through as documented; an invalid expression
    # is FTS5's own 400 (never a 500), as it was.
    assert client.get("/monitor/items.json?_search=%22&_searchmode=raw").status == 400
