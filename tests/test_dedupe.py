"""Cross-feed deduplication layers 2 and 3, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.dedupe.rules import MIN_DUPLICATE_TEXT, text_key, url_identifies_article
from monitor.ingest.parse import parse_feed
from monitor.storage.store import FeedSpec, FetchLog, Store
from monitor.types import SeedDocument
from tests.feeds import item, rss
from tests.test_store import _ok

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
LONG = (
    "The court ruled that the detention of the four reporters was unlawful and ordered their "
    "immediate release, noting that no charge had been filed in the eleven weeks since the raid. "
    "Their lawyers said they would seek compensation for the time their clients spent in custody."
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "m.db")
    s.sync_feeds(
        [FeedSpec(n, f"https://{n}.example/feed", 900) for n in ("wire", "paper", "blog")], NOW
    )
    return s


def poll(store: Store, name: str, *items: str) -> None:
    feed = next(f for f in store.feeds() if f.name == name)
    body = rss(items)
    store.record_success(
        feed,
        FetchLog(feed.url, NOW, 1, 200, 1, "new"),
        _ok(body),
        parse_feed(body, {}, feed.url),
        body_hash=str(hash(body)),
        next_poll=NOW,
    )


def rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.db.execute(sql).fetchall()]


def test_same_url_from_another_feed_is_a_sighting_not_an_item(store: Store) -> None:
    poll(store, "wire", item(1, link="https://news.example/world/ruling?utm_source=wire"))
    poll(store, "paper", item(2, link="https://NEWS.example/world/ruling#top", title="Other title",
                               body="<p>The paper's own teaser.</p>"))  # fmt: skip
    assert rows(store, "SELECT count(*) FROM items") == [(1,)]
    assert rows(store, "SELECT count(*) FROM sightings") == [(2,)]
    # The paper's teaser never overwrites the wire's text on later polls either.
    poll(store, "paper", item(2, link="https://news.example/world/ruling", title="Other title",
                               body="<p>The paper's teaser, edited.</p>"))  # fmt: skip
    assert rows(store, "SELECT title FROM items") == [("Story number 1",)]
    assert rows(store, "SELECT count(*) FROM revisions") == [(0,)]


@pytest.mark.parametrize(
    "link", ["https://news.example/", "https://news.example/briefing", "https://news.example"]
)
def test_front_pages_and_short_paths_never_merge(store: Store, link: str) -> None:
    poll(store, "wire", item(1, link=link))
    poll(store, "paper", item(2, link=link))
    assert rows(store, "SELECT count(*) FROM items") == [(2,)]


def test_a_url_already_shared_by_several_items_merges_nothing(store: Store) -> None:
    link = "https://news.example/world/live-updates"
    poll(store, "wire", item(1, link=link, guid="a"), item(2, link=link, guid="b"))
    poll(store, "paper", item(3, link=link))
    assert rows(store, "SELECT count(*) FROM items") == [(3,)]


def test_same_long_text_under_another_url_is_marked_a_copy(store: Store) -> None:
    poll(store, "wire", item(1, link="https://wire.example/a/1", body=f"<p>{LONG}</p>"))
    poll(store, "paper", item(2, link="https://paper.example/b/2", title="Reporters freed",
                               body=f"<p>{LONG}</p>"))  # fmt: skip
    first, copy = rows(store, "SELECT id, duplicate_of FROM items ORDER BY id")
    assert first[1] is None and copy[1] == first[0]


def test_short_texts_are_never_copies(store: Store) -> None:
    poll(
        store,
        "wire",
        item(1, link="https://wire.example/a/1", body="<p>Court frees reporters.</p>"),
    )
    poll(
        store,
        "paper",
        item(2, link="https://paper.example/b/2", body="<p>Court frees reporters.</p>"),
    )
    assert rows(store, "SELECT duplicate_of FROM items") == [(None,), (None,)]
    assert text_key("x" * (MIN_DUPLICATE_TEXT - 1)) is None


def test_a_feed_entry_repeating_a_seed_is_a_copy_of_the_seed(store: Store) -> None:
    store.import_seeds([SeedDocument("s.txt", "", "Seed", None, None, LONG.strip())], NOW)
    poll(store, "blog", item(1, link="https://blog.example/p/1", body=f"<p>{LONG}</p>"))
    seed_id = rows(store, "SELECT id FROM items WHERE source = 'seed'")[0][0]
    assert rows(store, "SELECT duplicate_of FROM items WHERE source = 'feed'") == [(seed_id,)]


def test_url_identifies_article() -> None:
    assert url_identifies_article("https://a.org/world/2025/story")
    assert url_identifies_article("https://a.org/article?id=5")
    assert url_identifies_article("https://a.org/a-long-single-slug-for-a-story")
    assert not url_identifies_article("https://a.org/")
    assert not url_identifies_article("https://a.org/news")
    assert not url_identifies_article(None)
