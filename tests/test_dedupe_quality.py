"""The dedupe gate: labelled pairs in ``tests/data/dedupe/pairs.jsonl`` go
through the real feed path (RSS body, parse, store) into a fresh database
each; a pair counts as merged when the second article ends up as the first's
item (a sighting), its copy (``duplicate_of``) or in its story.  Precision must
stay >= 0.99 and recall >= 0.9 (issue 5)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from monitor.ingest.parse import parse_feed
from monitor.storage.store import FeedSpec, FetchLog, Store
from tests.feeds import item, rss
from tests.test_store import _ok

PAIRS = Path(__file__).parent / "data" / "dedupe" / "pairs.jsonl"
MIN_PRECISION, MIN_RECALL = 0.99, 0.9


def load() -> list[dict[str, Any]]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]


def ingest(store: Store, feed_name: str, doc: dict[str, Any], n: int) -> int:
    when = datetime.fromisoformat(doc["published"].replace("Z", "+00:00"))
    body = "".join(f"<p>{p}</p>" for p in doc["text"].split("\n\n"))
    xml = rss([item(n, link=doc["url"], title=doc["title"], body=body, date=format_datetime(when))])
    feed = next(f for f in store.feeds() if f.name == feed_name)
    store.record_success(
        feed,
        FetchLog(feed.url, when, 1, 200, len(xml), "new"),
        _ok(xml),
        parse_feed(xml, {}, feed.url),
        body_hash=str(n),
        next_poll=when,
    )
    row = store.db.execute(
        "SELECT item_id FROM sightings WHERE feed_id = ? AND entry_id = ?",
        [feed.id, f"urn:story:{n}"],
    ).fetchone()
    return int(row[0])


def merged(pair: dict[str, Any]) -> bool:
    store = Store(":memory:")
    sites = [pair["a"]["site"], pair["b"]["site"]]
    store.sync_feeds(
        [FeedSpec(s, f"https://{s}/feed", 900) for s in dict.fromkeys(sites)],
        datetime.fromisoformat("2026-01-01T00:00:00+00:00"),
    )
    a = ingest(store, sites[0], pair["a"], 1)
    b = ingest(store, sites[1], pair["b"], 2)
    rows = dict(
        (r[0], r[1:])
        for r in store.db.execute(
            "SELECT id, story_id, duplicate_of FROM items WHERE id IN (?, ?)", [a, b]
        )
    )
    store.close()
    if a == b:
        return True
    (story_a, _), (story_b, copy_of) = rows[a], rows[b]
    return copy_of == a or (story_a is not None and story_a == story_b)


def test_the_labelled_set_is_big_and_mixed() -> None:
    pairs = load()
    kinds = Counter((p["kind"], p["same"]) for p in pairs)
    assert len(pairs) >= 200
    assert sum(p["same"] for p in pairs) >= 80 and sum(not p["same"] for p in pairs) >= 80
    for kind in ("same_event", "boilerplate_footer", "wire_edit", "trimmed", "updated"):
        assert any(k == kind for k, _ in kinds), kind


def test_precision_and_recall_on_the_labelled_pairs() -> None:
    outcome: Counter[tuple[str, bool, bool]] = Counter()
    wrong = []
    for pair in load():
        got = merged(pair)
        outcome[(pair["kind"], pair["same"], got)] += 1
        if got != pair["same"]:
            wrong.append(f"{pair['id']} ({pair['kind']}): labelled same={pair['same']}")
    tp = sum(n for (_, same, got), n in outcome.items() if same and got)
    fp = sum(n for (_, same, got), n in outcome.items() if not same and got)
    fn = sum(n for (_, same, got), n in outcome.items() if same and not got)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    report = f"precision {precision:.3f} recall {recall:.3f}; wrong: {wrong}"
    assert precision >= MIN_PRECISION, report
    assert recall >= MIN_RECALL, report
