"""Topics tag items at ingest, in the same transaction, with FTS5 snippets."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.ingest.parse import parse_feed
from monitor.ingest.seeds import read_seed_dir
from monitor.storage.store import FeedSpec, FetchLog, Store
from monitor.storage.topics import TopicSpec
from monitor.types import SeedDocument
from tests.feeds import item, rss
from tests.test_store import _ok

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def matches(store: Store) -> set[tuple[str, str]]:
    rows = store.db.execute(
        "SELECT m.topic, coalesce(i.seed_file || '#' || i.entry_id, i.title)"
        " FROM matches m JOIN items i ON i.id = m.item_id"
    )
    return {(r[0], r[1]) for r in rows}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "m.db")
    s.sync_feeds([FeedSpec("news", "https://news.example/f", 900)], NOW)
    return s


def test_qassam_matches_every_spelling_in_the_seeds(store: Store) -> None:
    store.set_topics([TopicSpec("qassam", "Qassam")], NOW)
    store.import_seeds(read_seed_dir(ROOT / "storage" / "seeds").docs, NOW)
    found = {name for topic, name in matches(store) if topic == "qassam"}
    # "Izzadin al-Qassam", "Izz ad-Din al-Qassam", "Izzedine al-Qassam", "al-Qassam Brigades".
    assert found == {
        "001_7d4c4b369c58a5be.txt#",
        "002_e1b003e4e3d7bd59.txt#",
        "003_001a2dfaae7811e2.txt#",
        "004_8afe6238925a2c3c.txt#2",
    }


def test_feed_items_are_tagged_with_a_bracketed_snippet_and_untagged_when_edited(
    store: Store,
) -> None:
    store.set_topics([TopicSpec("spyware", 'spyware OR "NSO Group"')], NOW)
    feed = store.feeds()[0]
    body = rss([item(1, body="<p>Pegasus spyware was found on the phones of reporters.</p>")])
    log = FetchLog("https://news.example/f", NOW, 1, 200, 1, "new")
    stats = store.record_success(
        feed, log, _ok(body), parse_feed(body, {}, feed.url), body_hash="a", next_poll=NOW
    )
    assert stats.matched == 1
    snippet = store.db.execute("SELECT snippet FROM matches").fetchone()[0]
    assert "[spyware]" in snippet
    edited = rss([item(1, body="<p>The phones were clean after all.</p>")])
    store.record_success(
        feed, log, _ok(edited), parse_feed(edited, {}, feed.url), body_hash="b", next_poll=NOW
    )
    assert matches(store) == set()


def test_a_topic_restricted_to_feeds_ignores_others(store: Store) -> None:
    store.set_topics([TopicSpec("only-other", "verdict", feeds=("other",))], NOW)
    store.import_seeds([SeedDocument("s.txt", "", "The verdict", None, None, "A verdict.")], NOW)
    assert matches(store) == set()


def test_retag_adds_and_removes_matches_after_a_topic_changes(store: Store) -> None:
    docs = [
        SeedDocument("a.txt", "", "Court verdict", None, None, "The court gave its verdict."),
        SeedDocument("b.txt", "", "Spyware", None, None, "Pegasus was found again."),
    ]
    store.set_topics([TopicSpec("watch", "verdict")], NOW)
    store.import_seeds(docs, NOW)
    assert matches(store) == {("watch", "a.txt#")}
    changed = store.set_topics([TopicSpec("watch", "Pegasus")], NOW)
    assert changed == ["watch"]
    store.retag(NOW)
    assert matches(store) == {("watch", "b.txt#")}
    assert store.db.execute("SELECT query, active FROM topics").fetchall() == [("Pegasus", 1)]


def _seed(name: str, text: str) -> SeedDocument:
    return SeedDocument(name, "", name, None, None, text)


def test_an_interrupted_rematch_is_redone_next_time(store: Store) -> None:
    store.set_topics([TopicSpec("watch", "verdict")], NOW)
    store.import_seeds([_seed("a.txt", "The verdict."), _seed("b.txt", "Pegasus again.")], NOW)
    store.db.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON matches BEGIN SELECT RAISE(ABORT, 'crash'); END"
    )
    with pytest.raises(Exception, match="crash"):
        store.set_topics([TopicSpec("watch", "Pegasus")], NOW)
    # Nothing of the half-done re-match stuck: the old query and matches remain.
    assert store.db.execute("SELECT query FROM topics").fetchall() == [("verdict",)]
    assert matches(store) == {("watch", "a.txt#")}
    store.db.execute("DROP TRIGGER boom")
    assert store.set_topics([TopicSpec("watch", "Pegasus")], NOW) == ["watch"]
    assert matches(store) == {("watch", "b.txt#")}
    reasons = store.db.execute(
        "SELECT change, reason FROM match_changes ORDER BY change"
    ).fetchall()
    assert reasons == [
        ("added", "re-matched after the topics changed"),
        ("removed", "re-matched after the topics changed"),
    ]


def test_editing_a_topics_feeds_rematches_the_archive(store: Store, tmp_path: Path) -> None:
    feed = store.feeds()[0]  # "news"
    body = rss([item(1, body="<p>The verdict was read out today.</p>")])
    log = FetchLog("https://news.example/f", NOW, 1, 200, 1, "new")
    store.set_topics([TopicSpec("v", "verdict", feeds=("other",))], NOW)
    store.record_success(
        feed, log, _ok(body), parse_feed(body, {}, feed.url), body_hash="a", next_poll=NOW
    )
    assert matches(store) == set()
    assert store.set_topics([TopicSpec("v", "verdict", feeds=("news",))], NOW) == ["v"]
    assert {t for t, _ in matches(store)} == {"v"}  # the restriction admits its own feed


def test_retag_of_one_topic_leaves_the_others(store: Store) -> None:
    store.set_topics([TopicSpec("a", "verdict"), TopicSpec("b", "Pegasus")], NOW)
    store.import_seeds([_seed("x.txt", "The verdict on Pegasus.")], NOW)
    store.db.execute("DELETE FROM matches")
    assert store.retag(NOW, only="a") == (1, 0)
    assert matches(store) == {("a", "x.txt#")}


def test_match_ids_are_never_reused(store: Store) -> None:
    """Digests remember the last match id they covered: a match deleted at the
    top must not give its id to the next one (AUTOINCREMENT, m009)."""
    store.set_topics([TopicSpec("spyware", "spyware"), TopicSpec("pegasus", "pegasus")], NOW)
    feed = store.feeds()[0]
    log = FetchLog("https://news.example/f", NOW, 1, 200, 1, "new")

    def poll(text: str) -> None:
        body = rss([item(1, body=f"<p>{text}</p>")])
        store.record_success(
            feed, log, _ok(body), parse_feed(body, {}, feed.url), body_hash=text, next_poll=NOW
        )

    poll("Pegasus spyware was found on the phones.")
    top, topic = store.db.execute("SELECT id, topic FROM matches ORDER BY id DESC").fetchone()
    kept = "Spyware" if topic == "pegasus" else "Pegasus"
    poll(f"{kept} was found on the phones.")  # the edit drops the newest match
    assert store.count("SELECT count(*) FROM matches WHERE topic = ?", [topic]) == 0
    poll("Pegasus spyware was found again.")  # and brings it back
    (again,) = store.db.execute("SELECT id FROM matches WHERE topic = ?", [topic]).fetchone()
    assert again > top
