"""``monitor serve``: Datasette with our metadata, plugin and templates.

Everything runs against an archive made by the real pipeline: the seeds
imported with the configured topics, then feed items (a wire story and its
copy, an edit, a sighting from an aggregator, a failing feed and a hostile
item full of ``<script>`` and ``javascript:``) stored through
``Store.record_success``.  Datasette's own test client makes the requests, on
the Datasette instance ``monitor serve`` builds from the same arguments.
"""

from __future__ import annotations

import html
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree as ET

import pytest
import yaml
from bs4 import BeautifulSoup

from monitor.cli.serve import (
    PUBLIC_SETTINGS,
    build_datasette,
    datasette_argv,
    metadata_for,
    metadata_path,
)
from monitor.config.load import load_config, parse_config
from monitor.ingest.parse import parse_feed
from monitor.ingest.seeds import read_seed_dir
from monitor.notify.deliver import channel_specs
from monitor.storage.store import FeedSpec, FetchLog, Store
from monitor.storage.topics import TopicSpec
from monitor.topics.query import parse
from tests.feeds import item, rss
from tests.test_store import _ok

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "config" / "datasette" / "metadata.yml"
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
SECRET = "hunter2-never-in-the-db"
SECRET_ENV = "TEST_MONITOR_SERVE_WEBHOOK_SECRET"

# The story the feeds carry: a wire report and another outlet's edited copy.
WIRE = [
    "Security forces detained at least forty protesters in the capital on Saturday after a march "
    "against the new media law turned violent, according to witnesses and a local rights group.",
    "The law, passed by parliament last month, requires news websites with more than ten thousand "
    "daily readers to register with the interior ministry and disclose their funding sources.",
    "Opposition leaders said the measure was designed to silence independent reporting ahead of "
    "next year's presidential election, while the government insists it targets foreign "
    "interference and disinformation campaigns run from abroad.",
    "Two of the detained reporters said their phones had been infected with Pegasus spyware in "
    "the weeks before the march, which the interior ministry denied in a short statement.",
]
COPY = [
    "CAPITAL CITY (Wire) - Security forces detained at least forty protesters in the capital on "
    "Saturday after a march against the new media law turned violent, witnesses and a local "
    "rights group said.",
    WIRE[1],
    WIRE[2],
    "Two of the detained reporters said their phones had been infected with Pegasus spyware in "
    "the weeks before the march; the ministry denied it.",
]
WIRE_URL = "https://wire.example/world/2026/media-law-protest-arrests"

# A hostile entry: markup and javascript: links in its title and body, both as
# markup and as escaped text (which the archive keeps as literal text).
XSS_TITLE = "<script>alert('xss-title')</script> Callamard <a href=\"javascript:alert('t')\">x</a>"
XSS_BODY = (
    "<p>Agnès Callamard said <script>alert('xss-body')</script>"
    " <a href=\"javascript:alert('xss-link')\">click</a>"
    " <img src=x onerror=\"alert('xss-img')\"></p>"
    "<p>Literally: &lt;script&gt;alert('xss-text')&lt;/script&gt; and"
    " &lt;a href=\"javascript:alert('xss-text-link')\"&gt;a link&lt;/a&gt;"
    " &lt;img src=x onerror=alert('xss-text-img')&gt;</p>"
)


def html_body(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


@dataclass(frozen=True)
class Archive:
    path: Path
    wire: int  # the wire item: matches, sightings, a story, a revision
    copy: int  # the other outlet's copy, in the same story
    hostile: int  # the XSS item
    callamard_seed: int  # the seed article about Callamard


def _poll(store: Store, name: str, *items: str, now: datetime = NOW) -> None:
    feed = next(f for f in store.feeds() if f.name == name)
    body = rss(items)
    store.record_success(
        feed,
        FetchLog(feed.url, now, 1, 200, len(body), "new"),
        _ok(body),
        parse_feed(body, {}, feed.url),
        body_hash=str(hash(body)),
        next_poll=now + timedelta(minutes=15),
    )


def build_archive(path: Path) -> Archive:
    """The archive the serve and browser tests browse, made by the real code.
    The channels' secrets (a signing secret in the environment, an Apprise
    token) are ``SECRET``, which must never reach the database."""
    os.environ[SECRET_ENV] = SECRET  # read when a message is signed, never stored
    config = load_config(ROOT / "config" / "monitor.toml")
    channels = parse_config(
        {
            "webhooks": [
                {"name": "team-chat", "url": "https://hooks.example/news", "secret_env": SECRET_ENV}
            ],
            "notify": [{"name": "telegram", "apprise": f"tgram://{SECRET}/12345"}],
            "digests": [{"name": "morning", "to": ["team@example.org"]}],
        }
    )
    store = Store(path)
    try:
        store.sync_channels(channel_specs(channels), NOW)
        topics = [TopicSpec(t.name, t.query, t.description, t.feeds) for t in config.topics]
        store.set_topics(topics, NOW, mirror=True)
        seeds = read_seed_dir(ROOT / "storage" / "seeds")
        store.import_seeds(seeds.docs, NOW)
        names = ("wire", "paper", "aggregator", "hostile", "broken")
        store.sync_feeds([FeedSpec(n, f"https://{n}.example/feed", 900) for n in names], NOW)
        headline = "Dozens held after media law march"
        _poll(store, "wire", item(1, link=WIRE_URL, title=headline, body=html_body(WIRE)))
        _poll(
            store,
            "paper",
            item(
                2,
                link="https://paper.example/news/arrests-at-protest",
                title="Forty protesters detained at media law march",
                body=html_body(COPY),
            ),
            now=NOW + timedelta(minutes=20),
        )
        _poll(
            store,
            "aggregator",
            item(3, link=WIRE_URL, title=headline),
            now=NOW + timedelta(minutes=30),
        )
        edited = [*WIRE[:3], WIRE[3] + " Police later released twelve of them without charge."]
        edit = item(1, link=WIRE_URL, title=headline, body=html_body(edited))
        _poll(store, "wire", edit, now=NOW + timedelta(hours=2))
        _poll(
            store,
            "hostile",
            item(
                4,
                link="javascript:alert('xss-url')",
                title=html.escape(XSS_TITLE, quote=False),
                body=XSS_BODY,
            ),
            now=NOW + timedelta(hours=3),
        )
        broken = next(f for f in store.feeds() if f.name == "broken")
        store.record_failure(
            broken,
            FetchLog(broken.url, NOW, 40, 404, 0, "error", "HTTP 404 Not Found"),
            kind="http-404",
            next_poll=NOW + timedelta(hours=1),
        )

        def one(sql: str, *params: object) -> int:
            return int(store.db.execute(sql, params).fetchone()[0])

        return Archive(
            path=path,
            wire=one("SELECT id FROM items WHERE url = ?", WIRE_URL),
            copy=one("SELECT id FROM items WHERE url LIKE 'https://paper.example/%'"),
            hostile=one(
                "SELECT items.id FROM items JOIN feeds ON feeds.id = items.feed_id"
                " WHERE feeds.name = 'hostile'"
            ),
            callamard_seed=one(
                "SELECT item_id FROM matches JOIN items ON items.id = item_id"
                " WHERE topic = 'callamard' AND source = 'seed' ORDER BY item_id LIMIT 1"
            ),
        )
    finally:
        store.close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    return build_archive(tmp_path_factory.mktemp("archive") / "monitor.db")


class Client:
    """Datasette's own test client, on the instance ``monitor serve`` builds."""

    def __init__(self, database: Path, *, public: bool = False, metadata: Path = METADATA) -> None:
        from asgiref.sync import async_to_sync
        from datasette.utils import testing

        self.ds = build_datasette(datasette_argv(database, metadata, public=public))
        async_to_sync(self.ds.invoke_startup)()
        self._client = testing.TestClient(self.ds)

    def get(self, path: str) -> Any:
        return self._client.get(path)

    def ok(self, path: str) -> Any:
        response = self.get(path)
        assert response.status == 200, (path, response.status, response.text[:500])
        return response

    def json(self, path: str) -> Any:
        return self.ok(path).json


@pytest.fixture(scope="module")
def client(archive: Archive) -> Client:
    return Client(archive.path)


def db_rows(archive: Archive, sql: str, *params: object) -> list[tuple[Any, ...]]:
    store = Store(archive.path)
    try:
        return [tuple(r) for r in store.db.execute(sql, params)]
    finally:
        store.close()


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


# -- metadata -----------------------------------------------------------------
def test_every_table_and_column_has_a_title_and_a_description(archive: Archive) -> None:
    meta = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    tables = meta["databases"]["monitor"]["tables"]
    in_db = {
        name: [c[1] for c in db_rows(archive, f"PRAGMA table_info([{name}])")]
        for (name,) in db_rows(
            archive,
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'items_fts%' AND name NOT LIKE 'sqlite_%'",
        )
    }
    missing = sorted(set(in_db) - set(tables))
    assert not missing, f"tables without metadata in {METADATA.name}: {missing}"
    problems = []
    for name, columns in in_db.items():
        t = tables[name]
        if not t.get("title") or not t.get("description"):
            problems.append(f"{name}: title or description missing")
        described = t.get("columns") or {}
        for column in columns:
            text = described.get(column, "")
            title, _, description = text.partition(": ")
            if not (title and description and len(title) <= 40):
                problems.append(f"{name}.{column}: {text!r} is not 'Title: description'")
        stale = set(described) - set(columns)
        if stale:
            problems.append(f"{name}: metadata for columns that do not exist: {sorted(stale)}")
    assert not problems, "\n".join(problems)


def test_tables_explain_themselves_and_internal_ones_are_hidden(client: Client) -> None:
    database = client.json("/monitor.json")
    hidden = {t["name"] for t in database["tables"] if t["hidden"]}
    assert {"_sqlite_migrations", "story_bands", "boilerplate_pages"} <= hidden
    assert {"items_fts", "items_fts_data", "items_fts_idx"} <= hidden  # FTS shadow tables
    assert {"items", "feeds", "matches", "stories", "revisions", "outbox"}.isdisjoint(hidden)
    page = soup(client.ok("/monitor/items"))
    assert page.h1 is not None and "Articles" in page.h1.get_text()
    descriptions = {
        dt.get_text(): dd.get_text()
        for dt, dd in zip(
            page.select("dl.column-descriptions dt"),
            page.select("dl.column-descriptions dd"),
            strict=True,
        )
    }
    assert descriptions["extraction"].startswith("Extraction: how the text was made")
    assert "topic language" in page.get_text()


def test_items_are_newest_first_with_facets(client: Client, archive: Archive) -> None:
    data = client.json("/monitor/items.json?_size=100")
    cols = data["columns"]
    published = [dict(zip(cols, r, strict=True))["published"] for r in data["rows"]]
    dated = [p for p in published if p]
    assert dated == sorted(dated, reverse=True) and published[: len(dated)] == dated
    facets = data["facet_results"]
    assert {"feed_id", "topic", "source", "published", "extraction"} <= set(facets)
    by_source = {r["value"]: r["count"] for r in facets["source"]["results"]}
    assert by_source == {"seed": 19, "feed": 3}  # the aggregator's is a sighting
    feeds = {r["label"] for r in facets["feed_id"]["results"]}
    assert {"wire", "paper", "hostile"} <= feeds  # labelled by feed name
    topics = {r["value"]: r["count"] for r in facets["topic"]["results"]}
    expected = dict(db_rows(archive, "SELECT topic, count(*) FROM matches GROUP BY topic"))
    assert topics == expected
    assert facets["published"]["type"] == "date"
    # The topic facet's links filter: the items that matched that topic.
    spyware = client.json("/monitor/items.json?_topic=spyware&_shape=array&_col=title")
    ids = {r["id"] for r in spyware}
    assert ids == {
        i for (i,) in db_rows(archive, "SELECT item_id FROM matches WHERE topic = 'spyware'")
    }
    assert archive.wire in ids and archive.copy in ids
    page = client.ok("/monitor/items?_topic=spyware").text
    assert 'matched topic "spyware"' in html.unescape(page)


# -- search ---------------------------------------------------------------------
def _search(client: Client, query: str) -> set[int]:
    rows = client.json(
        f"/monitor/items.json?_search={quote(query)}&_shape=array&_col=title&_size=max"
    )
    return {r["id"] for r in rows}


def test_search_box_takes_the_topic_language(client: Client, archive: Archive) -> None:
    # Every configured topic's query, typed into the search box, finds exactly its matches.
    for name, query in db_rows(archive, "SELECT name, query FROM topics WHERE active = 1"):
        matched = {
            i for (i,) in db_rows(archive, "SELECT item_id FROM matches WHERE topic = ?", name)
        }
        assert _search(client, query) == matched, name
    # The language's extras, which Datasette's own escaping gets wrong, agree with the matcher.
    docs = db_rows(archive, "SELECT id, title, text FROM items")
    for query in (
        "Netanyahu -Gallant",
        "Callamard -Gallant",
        "Agnes",
        "al-Qassam",
        "NEAR(Callamard Netanyahu, 20)",
        "title:Amnesty",
        "extermin*",
        'spyware OR Pegasus OR "NSO Group"',
    ):
        expected = {i for i, title, text in docs if parse(query).matches(title, text)}
        assert _search(client, query) == expected, query
    assert _search(client, "Agnes") == _search(client, "Agnès") != set()
    assert archive.callamard_seed in _search(client, "Callamard")
    # Invalid in the topic language: searched as plain words, never an error page.
    assert client.get("/monitor/items?_search=%22unbalanced").status == 200
    assert _search(client, "Callamard AND") <= _search(client, "Callamard")
    # Raw FTS5 (topics.fts_query links to it) still works.
    raw = client.json("/monitor/items.json?_search=%22callamard%22&_searchmode=raw&_shape=array")
    assert {r["id"] for r in raw} == _search(client, "Callamard")


# -- canned queries ----------------------------------------------------------------
QUERIES = {
    "latest_matches",
    "topic_timeline",
    "top_stories",
    "feed_health",
    "recent_revisions",
    "delivery_log",
    "seed_articles",
    "search",
    "topic_feeds",
    "topic_feed",
}


def query(client: Client, name: str, **params: str) -> list[dict[str, Any]]:
    qs = "".join(f"&{k}={quote(v)}" for k, v in params.items())
    rows: list[dict[str, Any]] = client.json(f"/monitor/{name}.json?_shape=array{qs}")
    return rows


def test_the_canned_queries_answer_the_obvious_questions(client: Client, archive: Archive) -> None:
    listed = {q["name"] for q in client.json("/monitor.json")["queries"]}
    assert listed == QUERIES
    for name in QUERIES:  # each has a title and a description, and its page works
        page = soup(client.ok(f"/monitor/{name}"))
        assert page.h1 is not None and page.h1.get_text().strip()
        assert page.select_one(".metadata-description") is not None, name

    latest = query(client, "latest_matches")
    per_topic: dict[str, int] = {}
    for row in latest:
        per_topic[row["topic"]] = per_topic.get(row["topic"], 0) + 1
        assert "[" in row["snippet"] and row["atom_feed"] == row["topic"]
    assert per_topic.keys() == {
        "amnesty-hamas-report",
        "icc-arrest-warrants",
        "spyware",
        "callamard",
    }
    assert max(per_topic.values()) <= 10
    assert {r["topic"] for r in query(client, "latest_matches", topic="spyware")} == {"spyware"}
    page = client.ok("/monitor/latest_matches").text
    assert "<mark>" in page  # snippets highlighted
    assert f'href="/monitor/items/{archive.wire}"' in page  # item ids link to the item page

    timeline = query(client, "topic_timeline", topic="icc-arrest-warrants")
    days = [r["day"] for r in timeline]
    assert days == sorted(days, reverse=True)
    total = db_rows(archive, "SELECT count(*) FROM matches WHERE topic = 'icc-arrest-warrants'")
    assert sum(r["matches"] for r in timeline) == total[0][0]

    stories = query(client, "top_stories")
    assert stories[0]["sources"] == 3 and stories[0]["item_id"] == archive.wire
    assert json.loads(stories[0]["source_names"]) == ["aggregator", "paper", "wire"]

    health = query(client, "feed_health")
    assert health[0]["feed"] == "broken" and health[0]["health"] == "failing"
    assert health[0]["last_error_kind"] == "http-404"
    assert [r["health"] for r in health[1:]].count("failing") == 0

    revisions = query(client, "recent_revisions")
    assert [r["item_id"] for r in revisions] == [archive.wire]
    assert "words added" in revisions[0]["summary"]

    log = query(client, "delivery_log")
    assert log and all(r["state"] == "pending" for r in log)
    assert {r["channel"] for r in log} >= {"team-chat", "telegram"}

    seeds = query(client, "seed_articles")
    assert len(seeds) == 19
    assert any("callamard" in (r["topics"] or "") for r in seeds)

    found = query(client, "search", q="Netanyahu -Gallant")
    assert found == []
    found = query(client, "search", q="Pegasus spyware")
    assert {r["item_id"] for r in found} >= {archive.wire, archive.copy}
    assert all("[" in r["snippet"] for r in found)
    assert query(client, "search", q="") == []

    feeds = query(client, "topic_feeds")
    assert [r["topic"] for r in feeds] == sorted(per_topic)
    page = client.ok("/monitor/topic_feeds").text
    assert 'href="/monitor/topic_feed.atom?topic=callamard"' in page


def test_a_topic_has_an_atom_feed(client: Client, archive: Archive) -> None:
    response = client.ok("/monitor/topic_feed.atom?topic=callamard")
    assert response.headers["content-type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(response.body)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.findtext("a:title", namespaces=ns) == "news-monitor topic: callamard"
    assert feed.find("a:updated", ns) is not None
    matched = {
        i for (i,) in db_rows(archive, "SELECT item_id FROM matches WHERE topic = 'callamard'")
    }
    entries = feed.findall("a:entry", ns)
    assert len(entries) == len(matched)
    related = set()
    for entry in entries:
        for tag in ("id", "title", "updated", "content"):
            assert entry.findtext(f"a:{tag}", namespaces=ns), tag
        assert entry.find("a:content", ns).get("type") == "text"  # type: ignore[union-attr]
        link = entry.find("a:link[@rel='related']", ns)
        assert link is not None
        related.add(int(urlsplit(link.get("href", "")).path.rsplit("/", 1)[1]))
        for alternate in entry.findall("a:link[@rel='alternate']", ns):
            assert alternate.get("href", "").startswith("https://")
    assert related == matched
    # The hostile item is in the feed as text: escaped in the XML, intact once parsed.
    assert archive.hostile in related
    assert b"<script>" not in response.body
    titles = [e.findtext("a:title", namespaces=ns) for e in entries]
    assert XSS_TITLE in titles
    # The canned query's page offers the Atom rendering.
    assert (
        "topic_feed.atom?topic=callamard" in client.ok("/monitor/topic_feed?topic=callamard").text
    )
    # An unknown topic is an empty, valid feed.
    empty = ET.fromstring(client.ok("/monitor/topic_feed.atom?topic=nothing").body)
    assert empty.findall("a:entry", ns) == []


# -- the item page ------------------------------------------------------------------
def test_the_item_page_shows_clean_text_and_everything_linked(
    client: Client, archive: Archive
) -> None:
    page = soup(client.ok(f"/monitor/items/{archive.wire}"))
    article = page.select_one("article.monitor-item")
    assert article is not None
    assert article.h1 is not None and article.h1.get_text() == "Dozens held after media law march"
    paragraphs = [p.get_text() for p in article.select("section.text p")]
    assert paragraphs[0] == WIRE[0] and len(paragraphs) == 4
    assert paragraphs[3].endswith("twelve of them without charge.")
    links = {a["href"] for a in article.select("a[href]")}

    def ids(sql: str) -> list[int]:
        return [i for (i,) in db_rows(archive, sql, archive.wire)]

    (match,) = ids("SELECT id FROM matches WHERE item_id = ?")
    assert f"/monitor/matches/{match}" in links
    assert "/monitor/items?_topic=spyware" in links
    marks = [m.get_text() for m in article.select("section.matches mark")]
    assert {"Pegasus", "spyware"} & set(marks)
    sightings = ids("SELECT id FROM sightings WHERE item_id = ?")
    assert len(sightings) == 2  # the wire and the aggregator
    assert {f"/monitor/sightings/{s}" for s in sightings} <= links
    (story,) = ids("SELECT story_id FROM items WHERE id = ?")
    assert f"/monitor/stories/{story}" in links
    assert f"/monitor/items/{archive.copy}" in links  # the story's other item
    (revision,) = ids("SELECT id FROM revisions WHERE item_id = ?")
    assert f"/monitor/revisions/{revision}" in links
    assert WIRE_URL in links  # the original article
    # Every column is still there, folded away.
    assert article.select_one("section.columns details table") is not None

    seed = soup(client.ok(f"/monitor/items/{archive.callamard_seed}"))
    text = seed.select_one("section.text")
    assert text is not None and len(text.select("p")) > 3
    assert "Callamard" in [m.get_text() for m in seed.select("section.matches mark")]
    assert "seed capture" in seed.get_text()
    # Other tables keep Datasette's own row page.
    assert soup(client.ok("/monitor/feeds/1")).select_one("article.monitor-item") is None


# -- exposed mode ------------------------------------------------------------------------
def test_public_mode_turns_off_sql_downloads_and_csv_streaming(archive: Archive) -> None:
    local, public = Client(archive.path), Client(archive.path, public=True)
    assert local.get("/monitor.json?sql=select+1").status == 200
    # Datasette 0.65 never offers a live (mutable) database for download;
    # --public turns the setting off as well, should the file ever be served immutable.
    assert local.ds.setting("allow_download") is True
    assert public.ds.setting("allow_download") is False
    assert local.get("/monitor/items.csv?_stream=on").status == 200
    assert public.get("/monitor.json?sql=select+1").status == 403
    assert public.get("/monitor/items.json?_where=1").status == 403
    assert public.get("/monitor.db").status == 403
    assert public.get("/monitor/items.csv?_stream=on").status == 400
    assert "Custom SQL query" not in public.ok("/monitor").text
    # What the archive is for stays: pages, search, facets, canned queries, Atom.
    for path in (
        f"/monitor/items/{archive.wire}",
        "/monitor/items?_search=Callamard",
        "/monitor/items?_topic=spyware",
        "/monitor/feed_health",
        "/monitor/search?q=Callamard",
        "/monitor/topic_feed.atom?topic=spyware",
    ):
        public.ok(path)
    assert dict(PUBLIC_SETTINGS) == {
        "default_allow_sql": "off",
        "allow_download": "off",
        "allow_csv_stream": "off",
    }


def test_the_database_never_holds_secrets(archive: Archive) -> None:
    store = Store(archive.path)
    try:
        dump = "\n".join(store.db.conn.iterdump())
        targets = dict(store.db.execute("SELECT name, target FROM channels").fetchall())
    finally:
        store.close()
    assert SECRET not in dump
    assert targets == {
        "team-chat": "https://hooks.example/…",  # webhook paths often hold tokens too
        "telegram": "tgram://…",  # Apprise URLs hold tokens: only the scheme is kept
        "morning": "team@example.org",
    }


# -- stored XSS -------------------------------------------------------------------
def _inert(path: str, body: str) -> list[str]:
    """What on this HTML page could run the hostile item's script."""
    problems = []
    page = BeautifulSoup(body, "html.parser")
    for script in page.find_all("script"):
        if "alert(" in script.get_text() or script.get("src", "").startswith("javascript"):
            problems.append(f"{path}: a <script> of the feed's: {str(script)[:80]}")
    for tag in page.find_all(True):
        for attr, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            squashed = "".join(value.split()).lower()
            if attr.lower().startswith("on") and "alert(" in value:
                problems.append(f"{path}: <{tag.name} {attr}={value[:60]!r}>")
            if attr in ("href", "src", "action", "formaction") and squashed.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                problems.append(f"{path}: <{tag.name} {attr}={value[:60]!r}>")
    if "<script>alert(" in body:
        problems.append(f"{path}: unescaped <script>alert( in the HTML")
    return problems


def crawl(client: Client, start: list[str], limit: int = 160) -> dict[str, str]:
    """HTML pages reachable from ``start`` (breadth first, this site only,
    skipping sort and size variants of the same page)."""
    seen: dict[str, str] = {}
    queue = list(start)
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            seen[path] = ""
            continue
        seen[path] = response.text
        for a in BeautifulSoup(response.text, "html.parser").find_all("a", href=True):
            href = html.unescape(a["href"])
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/monitor"):
                continue
            if any(k in parts.query for k in ("_sort", "_size", "_next", "_facet_size", "_labels")):
                continue
            if parts.path.endswith((".json", ".csv", ".db", ".atom")):
                continue
            queue.append(href.split("#")[0])
    return seen


def test_a_hostile_item_is_escaped_and_inert_on_every_page(
    client: Client, archive: Archive
) -> None:
    # It went through the real pipeline and kept its markup as text, so the
    # pages below really are showing it.
    (title, text, url) = db_rows(
        archive, "SELECT title, text, url FROM items WHERE id = ?", archive.hostile
    )[0]
    assert title == XSS_TITLE and url is None
    assert "<script>alert('xss-text')</script>" in text
    assert "javascript:alert('xss-text-link')" in text
    hostile = [
        f"/monitor/items/{archive.hostile}",
        f"/monitor/items?_search={quote('xss')}",
        "/monitor/items?_search=Callamard",
        "/monitor/items?_topic=callamard",
        "/monitor/latest_matches",
        "/monitor/latest_matches?topic=callamard",
        "/monitor/search?q=Callamard",
        "/monitor/search?q=xss",
        "/monitor/topic_timeline?topic=callamard",
        "/monitor/topic_feed?topic=callamard",
        "/monitor/matches",
        "/monitor/outbox",
        "/monitor/delivery_log",
    ]
    pages = crawl(client, ["/", "/monitor", *hostile])
    assert len([p for p in pages.values() if p]) > 40
    problems = [p for path, body in pages.items() for p in _inert(path, body)]
    assert not problems, "\n".join(problems)
    # And it is there, escaped, on the pages that show it.
    item_page = pages[f"/monitor/items/{archive.hostile}"]
    assert "&lt;script&gt;alert(&#39;xss-title&#39;)&lt;/script&gt;" in item_page
    assert "&lt;script&gt;alert(&#39;xss-text&#39;)&lt;/script&gt;" in item_page
    assert "alert(&#39;xss-title&#39;)" in pages["/monitor/latest_matches?topic=callamard"]


def test_even_hostile_values_written_straight_into_the_database_stay_inert(
    archive: Archive, tmp_path: Path
) -> None:
    """Belt and braces: the pipeline never stores these, but the pages must
    not depend on it."""
    path = tmp_path / "monitor.db"
    path.write_bytes(archive.path.read_bytes())
    store = Store(path)
    try:
        bad = "<img src=x onerror=alert('raw')><script>alert('raw')</script>"
        with store.transaction():
            store.db.execute(
                "UPDATE items SET url = 'javascript:alert(1)', author = ?, site_name = ?,"
                " title = ?, extraction_note = ? WHERE id = ?",
                [bad, bad, bad, bad, archive.wire],
            )
            store.db.execute("UPDATE matches SET snippet = ? || ' [x]'", [bad])
            store.db.execute("UPDATE sightings SET url = ' JavaScript:alert(2)'")
            store.db.execute("UPDATE revisions SET old_text = ?, summary = ?", [bad, bad])
            store.db.execute("UPDATE stories SET title = ?", [bad])
            store.db.execute("UPDATE feeds SET name = ? WHERE name = 'wire'", [bad])
            store.db.execute("UPDATE topics SET query = ? WHERE name = 'spyware'", [bad])
    finally:
        store.close()
    raw = Client(path)
    paths = [
        f"/monitor/items/{archive.wire}",
        f"/monitor/items/{archive.copy}",
        "/monitor/items",
        "/monitor/topics",
        "/monitor/latest_matches",
        "/monitor/top_stories",
        "/monitor/recent_revisions",
        "/monitor/feed_health",
        "/monitor/topic_feeds",
        "/monitor/stories",
    ]
    problems = [p for path in paths for p in _inert(path, raw.ok(path).text)]
    assert not problems, "\n".join(problems)
    atom = raw.ok("/monitor/topic_feed.atom?topic=spyware").body
    assert b"javascript:" not in atom and b"<script>" not in atom
    ET.fromstring(atom)


# -- the command ---------------------------------------------------------------------
def test_metadata_is_found_beside_the_config_and_rekeyed_for_another_file_name(
    archive: Archive, tmp_path: Path
) -> None:
    assert metadata_path(ROOT / "config" / "monitor.toml", None) == METADATA
    with pytest.raises(Exception, match="no Datasette metadata"):
        metadata_path(tmp_path / "monitor.toml", None)
    other = tmp_path / "archive.db"
    other.write_bytes(archive.path.read_bytes())
    assert metadata_for(archive.path, METADATA, tmp_path) == METADATA
    rekeyed = metadata_for(other, METADATA, tmp_path)
    ds = Client(other, metadata=rekeyed)
    assert ds.ds.table_metadata("archive", "items")["title"] == "Articles"
    assert rekeyed != METADATA
    assert ds.json("/archive/seed_articles.json?_shape=array")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(database: Path, *args: str) -> Iterator[str]:
    """``monitor serve`` as a real process on a free loopback port; yields its base URL."""
    config = database.parent / "serve.toml"
    config.write_text(f'[storage]\ndatabase = "{database}"\n', encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "monitor",
            "--config",
            str(config),
            "serve",
            "--port",
            str(port),
            "--metadata",
            str(METADATA),
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode() if proc.stdout else ""
                raise AssertionError(f"monitor serve did not start:\n{out}")
            time.sleep(0.1)
        yield base
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


def test_monitor_serve_serves_the_archive_on_loopback(archive: Archive) -> None:
    with serving(archive.path, "--public") as base:
        assert urlsplit(base).hostname == "127.0.0.1"
        with urllib.request.urlopen(f"{base}/monitor/items.json?_size=1") as r:
            assert json.load(r)["table"] == "items"
        with urllib.request.urlopen(f"{base}/-/settings.json") as r:
            settings = json.load(r)
        assert settings["default_allow_sql"] is False
        assert settings["allow_download"] is False
        assert settings["allow_csv_stream"] is False
        with urllib.request.urlopen(f"{base}/-/metadata.json") as r:
            assert json.load(r)["databases"]["monitor"]["tables"]["items"]["title"] == "Articles"


def test_serve_defaults_to_loopback_and_port_8001() -> None:
    from monitor.cli.main import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.public) == ("127.0.0.1", 8001, False)
    argv = datasette_argv(Path("storage/monitor.db"), METADATA)
    assert argv[0] == "storage/monitor.db"
    assert argv[argv.index("--host") + 1] == "127.0.0.1"
    assert "default_allow_sql" not in argv
    assert "default_allow_sql" in datasette_argv(Path("x.db"), METADATA, public=True)
