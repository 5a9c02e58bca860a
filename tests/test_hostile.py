"""Hostile items (issue 11): fields over their caps, poison dates, concurrent
writers, and a 9 MB title in a running service.  Everything goes through the
real pipeline, a loopback HTTP server and a real SQLite file."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.ingest import limits
from monitor.topics.query import parse
from monitor.topics.snippet import snippet
from monitor.topics.tokens import token_spans, tokens
from tests.examples import examples
from tests.feeds import item, rss
from tests.fixtures_notify import WEBHOOK_SECRET, webhook_receiver
from tests.test_cli import run, write_config
from tests.test_pipeline import Harness, h
from tests.test_worker import Service, _worker
from tests.webhookserver import WebhookReceiver

__all__ = ["h", "webhook_receiver"]  # fixtures used below

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
PROSE = (
    "The regional court in the capital heard evidence on Tuesday from three witnesses"
    " who described how the detained journalists were held without charge for weeks,"
    " and the defence asked the judges to order their immediate release pending trial."
)


# -- limits -------------------------------------------------------------------------
def test_cut_keeps_short_values_and_cuts_long_ones_at_a_space() -> None:
    assert limits.cut("title", "short", 10) == ("short", None)
    value, note = limits.cut("title", "word " * 1000, 100)
    assert len(value) <= 100 and not value.endswith(" ") and value.endswith("word")
    assert note == f"title cut to {len(value)} of 5,000 characters"
    # No space near the limit: cut hard.
    value, note = limits.cut("text", "x" * 500, 100)
    assert value == "x" * 100 and note == "text cut to 100 of 500 characters"


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        (datetime(1, 1, 1, tzinfo=UTC), False),
        (datetime(1899, 12, 31, tzinfo=UTC), False),
        (datetime(1900, 1, 1, tzinfo=UTC), True),
        (NOW + timedelta(days=1), True),
        (NOW + timedelta(days=3), False),
        (datetime(9999, 12, 31, tzinfo=UTC), False),
    ],
)
def test_plausible_dates(value: datetime, kept: bool) -> None:
    got, note = limits.plausible("published", value, "raw text", NOW)
    assert (got is not None) is kept
    assert (note is None) is kept
    if not kept:
        assert note == "published date 'raw text' is out of range; treated as unknown"


# -- token spans and the linear snippet -----------------------------------------------
WORDS = st.sampled_from(
    ["Amnesty", "court", "média", "law", "ŁÓDŹ", "東京", "don't", "e-mail", "—", "ﬁne", "x1"]
)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(WORDS, st.sampled_from([" ", ", ", "\n", "", "’"])), max_size=30))
def test_token_spans_are_the_index_tokens_with_their_places(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + sep for w, sep in parts)
    spans = token_spans(text)
    assert [s[0] for s in spans] == tokens(text)
    for tok, start, end in spans:
        assert tokens(text[start:end]) == [tok]


def _fts5_columns(title: str, text: str, query: str) -> set[str]:
    """The columns in which SQLite's own FTS5 finds the query."""
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE f USING fts5(title, text, tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute("INSERT INTO f (rowid, title, text) VALUES (1, ?, ?)", [title, text])
    fts = parse(query).to_fts5()
    found = set()
    for column in ("title", "text"):
        if db.execute("SELECT 1 FROM f WHERE f MATCH ?", [f"{{{column}}} : ({fts})"]).fetchone():
            found.add(column)
    return found


@settings(max_examples=examples(150), deadline=None)
@given(
    st.lists(WORDS, max_size=12),
    st.lists(WORDS, max_size=60),
    st.sampled_from(["amnesty", '"media law"', "court OR ŁÓDŹ", "e-mail", "fin*", "law NOT x1"]),
)
def test_snippet_brackets_only_query_terms_where_fts5_matches(
    title_words: list[str], text_words: list[str], query: str
) -> None:
    title, text = " ".join(title_words), " ".join(text_words)
    got = snippet(parse(query).node, title, text)
    where = _fts5_columns(title, text, query.split(" NOT ")[0])
    assert bool(got) == bool(where), (got, where)
    marked = [m.split("]")[0] for m in got.split("[")[1:]]
    wanted = set(tokens(query.replace("*", "").split(" NOT ")[0])) - {"or"}
    for mark in marked:
        toks = tokens(mark)
        assert toks and all(any(t.startswith(w) for w in wanted) for t in toks), (mark, got)
    # Without the brackets and cut marks, the snippet is a piece of one column.
    plain = got.replace("[", "").replace("]", "").strip("…")
    assert plain in title or plain in text


def test_snippet_picks_the_window_with_most_phrases_and_marks_phrases_whole() -> None:
    node = parse('"media law" OR amnesty').node
    text = "intro words " * 30 + "Amnesty said the new media law is harsh. " + "tail " * 40
    got = snippet(node, "An unrelated title", text)
    assert got.startswith("…") and got.endswith("…")
    assert "[Amnesty] said the new [media law] is harsh" in got
    assert snippet(node, "Amnesty on media law", "") == "[Amnesty] on [media law]"
    assert snippet(parse("climate NOT amnesty").node, "", "amnesty climate") == (
        "amnesty [climate]"
    )
    assert snippet(node, "nothing", "here") == ""
    assert snippet(parse("author:smith").node, "smith", "smith") == ""


def test_snippet_of_a_huge_all_matching_title_is_one_window() -> None:
    title = "Qassam " * 300_000  # 2.1 MB, every word a hit: FTS5's snippet() took minutes
    got = snippet(parse("qassam").node, title, "")
    assert got.count("[Qassam]") == 24 and got.endswith("…")


# -- hostile feeds through the pipeline -------------------------------------------
def test_huge_fields_are_cut_with_a_note_and_still_matched(h: Harness) -> None:
    h.store.set_topics([], NOW)
    from monitor.storage.topics import TopicSpec

    h.store.set_topics([TopicSpec("q", "qassam")], NOW)
    huge_title = "Qassam " * (9_000_000 // 7)
    body = "<p>" + ("Qassam rockets " * 40_000) + "</p>"
    url = h.server.add(
        "/hostile.xml",
        rss(
            [
                item(1, title=huge_title, body="<p>short</p>"),
                item(2, title="Normal", body=body),
                item(3, title="Neighbour", body=f"<p>{PROSE}</p>"),
            ]
        ),
    )
    h.feeds(hostile=url)
    report = h.poll()
    assert report.new_items == 3, report
    rows = h.q("SELECT entry_id, length(title), length(text), notes FROM items ORDER BY entry_id")
    by_id = {r[0]: r[1:] for r in rows}
    title_len, _, notes = by_id["urn:story:1"]
    assert isinstance(title_len, int) and title_len <= limits.MAX_TITLE
    assert str(notes).startswith("title cut to ") and "of 8,999,997 characters" in str(notes)
    _, text_len, notes = by_id["urn:story:2"]
    assert isinstance(text_len, int) and text_len <= limits.MAX_TEXT
    assert "text cut to" in str(notes) and "of 599,999 characters" in str(notes)
    assert by_id["urn:story:3"][2] is None
    # Both huge items matched, with a snippet of one window.
    snippets = [r[0] for r in h.q("SELECT snippet FROM matches ORDER BY item_id")]
    assert len(snippets) == 2 and all(s.count("[") <= 24 for s in snippets), snippets  # type: ignore[union-attr]


POISON = [
    "Mon, 01 Jan 0001 00:00:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "Sat, 00 Jan 0000 00:00:00 GMT",
    "NaN",
]


def test_poison_dates_are_noted_and_the_rest_of_the_batch_is_stored(h: Harness) -> None:
    # Same title and long same text: each poison entry goes through the story
    # window arithmetic (layers 4 and 5), which overflowed on year 1 and 9999.
    entries = [
        item(n, title="Court hears detained journalists", body=f"<p>{PROSE} {PROSE}</p>", date=d)
        for n, d in enumerate(POISON, 1)
    ]
    entries += [item(10 + n, body=f"<p>Normal story {n}.</p>") for n in range(3)]
    h.feeds(dates=h.server.add("/dates.xml", rss(entries)))
    report = h.poll()
    assert report.ok and report.new_items == 7, report
    assert h.feed("dates")["last_error"] is None
    rows = dict(h.q("SELECT entry_id, notes FROM items WHERE published IS NULL"))
    assert sorted(rows) == [f"urn:story:{n}" for n in range(1, 5)]
    assert "'Mon, 01 Jan 0001 00:00:00 GMT' is out of range" in str(rows["urn:story:1"])
    assert "'Fri, 31 Dec 9999 23:59:59 GMT' is out of range" in str(rows["urn:story:2"])
    assert "'Sat, 00 Jan 0000 00:00:00 GMT' could not be read" in str(rows["urn:story:3"])
    assert "'NaN' could not be read" in str(rows["urn:story:4"])
    assert h.q("SELECT count(*) FROM items WHERE published IS NOT NULL") == [(3,)]
    # The undated copies still met each other in one story.
    assert h.q("SELECT count(DISTINCT story_id), count(*) FROM items WHERE story_id IS NOT NULL")[
        0
    ] in ((1, 4), (1, 3), (1, 2))


def test_a_date_far_ahead_of_the_fetch_is_not_believed(h: Harness) -> None:
    ahead = (datetime.now(UTC) + timedelta(days=30)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    h.feeds(ahead=h.server.add("/ahead.xml", rss([item(1, date=ahead), item(2)])))
    assert h.poll().new_items == 2
    rows = dict(h.q("SELECT entry_id, published FROM items"))
    assert rows["urn:story:1"] is None and rows["urn:story:2"] is not None


# -- concurrent writers ---------------------------------------------------------------
WRITER = textwrap.dedent(
    """
    import sys, time
    from monitor.storage.store import Store
    store = Store(sys.argv[1])
    for n in range(int(sys.argv[2])):
        with store.transaction():
            # Read, then write: with a deferred BEGIN, another process's commit
            # in between made SQLite answer "database is locked" at once.
            store.db.execute("SELECT count(*) FROM race").fetchone()
            time.sleep(0.002)
            store.db.execute("INSERT INTO race (who) VALUES (?)", [sys.argv[3]])
    store.close()
    """
)


def test_two_processes_writing_at_once_never_see_database_is_locked(tmp_path: Path) -> None:
    from monitor.storage.store import Store

    db = tmp_path / "monitor.db"
    store = Store(db)
    store.db.execute("CREATE TABLE race (id INTEGER PRIMARY KEY, who TEXT)")
    store.close()
    root = Path(__file__).resolve().parents[1]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), "150", who],
            cwd=root,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("a", "b", "c")
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT who, count(*) FROM race GROUP BY who").fetchall() == [
        ("a", 150),
        ("b", 150),
        ("c", 150),
    ]


# -- the service ---------------------------------------------------------------------
def test_a_9_mb_title_never_freezes_the_service(
    tmp_path: Path, http_server: object, webhook_receiver: WebhookReceiver
) -> None:
    from tests.httpserver import LoopbackServer

    assert isinstance(http_server, LoopbackServer)
    hostile = http_server.add(
        "/hostile.xml",
        rss([item(1, title="Qassam " * (9_000_000 // 7), body="<p>Qassam</p>")]),
    )
    normal = http_server.add(
        "/normal.xml",
        rss([item(2, link="https://other.example/2", title="Qassam rockets hit the border")]),
    )
    cfg = write_config(
        tmp_path / "m.toml",
        {"Hostile": hostile, "Normal": normal},
        [http_server.host_port, webhook_receiver.host_port],
        extra="[[webhooks]]\n"
        f'name = "team"\nurl = "{webhook_receiver.url}"\nsecret_env = "TEST_HOSTILE_SECRET"\n',
    )
    db = tmp_path / "storage" / "monitor.db"
    service = Service(cfg, tmp_path, env={"TEST_HOSTILE_SECRET": WEBHOOK_SECRET})
    try:
        # Both feeds' matches are delivered, signed: the writer was never stuck.
        got = webhook_receiver.wait_for(2, timeout=60)
        titles = sorted(d.json()["data"]["title"] for d in got)
        assert titles[1] == "Qassam rockets hit the border"
        assert titles[0].startswith("Qassam Qassam") and len(titles[0]) <= limits.MAX_TITLE
        assert all(d.verified for d in got)
        service.wait_for("heartbeat", lambda: _worker(db) is not None)
        check = run("--config", str(cfg), "status", "--check", cwd=tmp_path)
        assert check.returncode == 0, check.stdout + check.stderr
        conn = sqlite3.connect(db)
        notes = conn.execute("SELECT notes FROM items WHERE title LIKE 'Qassam Qassam%'").fetchone()
        assert notes is not None and str(notes[0]).startswith("title cut to ")
    finally:
        code, log = service.stop(signal.SIGTERM)
    assert code == 0, log


# -- searching a hostile archive ----------------------------------------------------
def test_three_concurrent_searches_over_hostile_items_end_within_the_limit(h: Harness) -> None:
    """40 items whose kept text (200,000 characters) is every word a hit: FTS5's
    snippet() needed minutes for each search, and Datasette's time limit could
    not interrupt it.  Each search ends within the limit (results, or
    Datasette's own "took too long"), and other pages answer meanwhile."""
    import json
    import urllib.error
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    from tests.test_serve import serving

    hostile = "<p>" + "Qassam " * 30_000 + "</p>"
    entries = [item(n, title=f"Qassam {n}", body=hostile) for n in range(40)]
    h.feeds(hostile=h.server.add("/hostile.xml", rss(entries)))
    assert h.poll().new_items == 40
    assert h.q("SELECT min(length(text)) FROM items")[0][0] > 150_000

    def fetch(url: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(url, timeout=60) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    with serving(h.store.path, "--public") as base:
        searches = [f"{base}/monitor/search.json?q=qassam&_shape=array"] * 3
        with ThreadPoolExecutor(4) as pool:
            running = [pool.submit(fetch, url) for url in searches]
            other = pool.submit(fetch, f"{base}/monitor/feeds.json?_shape=array")
            answers = [f.result(timeout=60) for f in running]
            assert other.result(timeout=60)[0] == 200
    for status, body in answers:
        if status == 200:
            rows = json.loads(body)
            assert len(rows) == 40 and all(r["snippet"].count("[Qassam]") <= 24 for r in rows)
        else:
            assert "took too long" in body, body[:300]


# -- review findings ------------------------------------------------------------------
def test_a_phrase_longer_than_the_window_is_shown_by_its_start() -> None:
    words = [f"w{i}" for i in range(30)]
    node = parse('"' + " ".join(words[:25]) + '"').node
    got = snippet(node, "", " ".join(words))
    assert got == "[" + " ".join(words[:24]) + "]…"
    assert snippet(node, "", " ".join(words), width=16).startswith("[w0 w1")


def test_snippet_pieces_are_bounded_in_characters() -> None:
    got = snippet(parse("word").node, "", "word" + " -" * 90_000)
    assert got.startswith("[word]") and len(got) < 1_000
    got = snippet(parse("huge*").node, "", "huge" + "x" * 200_000 + " end")
    assert len(got) < 1_000 and got.startswith("[huge")


def test_overlapping_phrases_make_one_mark_and_combining_marks_stay_inside() -> None:
    assert snippet(parse('"a b" OR "b c"').node, "", "a b c d") == "[a b c] d"
    assert snippet(parse("cafe").node, "", "un cafe\u0301 noir") == "un [cafe\u0301] noir"


def test_a_failed_nested_write_undoes_only_its_own_block(tmp_path: Path) -> None:
    from monitor.errors import StoreError
    from monitor.storage.store import Store

    store = Store(tmp_path / "monitor.db")
    store.db.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    with store.transaction():
        for x in (1, 2, 2, 3):
            try:
                with store.transaction():
                    store.db.execute("INSERT INTO t VALUES (?)", [x])
            except StoreError as e:
                assert "UNIQUE constraint failed" in str(e)
    assert store.db.execute("SELECT x FROM t ORDER BY x").fetchall() == [(1,), (2,), (3,)]
    store.close()


def test_a_raw_title_over_the_limit_that_cleans_under_it_is_kept_whole() -> None:
    raw = "Court   hears " + " " * 1000 + "END"  # 1,017 characters, 17 once cleaned
    value, total = limits.precut(raw, limits.MAX_TITLE)
    assert (value, total) == (raw, 0)
    assert limits.cut("title", " ".join(value.split()), limits.MAX_TITLE) == (
        "Court hears END",
        None,
    )


def test_overlong_links_errors_and_page_dates_are_bounded(h: Harness) -> None:
    from monitor.text.extract import _date

    assert _date("0001-01-01T00:00:00+05:00") is None
    assert _date("9999-12-31T23:00:00-05:00") is None
    assert limits.message("x" * 5000) == "x" * (limits.MAX_MESSAGE - 1) + "…"
    long_link = "https://news.example/" + "a" * 5000
    h.feeds(links=h.server.add("/links.xml", rss([item(1, link=long_link), item(2)])))
    assert h.poll().new_items == 2
    rows = dict(h.q("SELECT entry_id, coalesce(url, '-') || ' ' || coalesce(notes, '') FROM items"))
    assert rows["urn:story:1"] == "- link dropped: 5,021 characters, over 4,096"
    assert rows["urn:story:2"].startswith("https://news.example/2")
