"""Benchmark: deduplication cost as the archive grows.

Run from the project root::

    .venv/bin/python bench/dedupe.py [--sizes 10000,100000,1000000] [--seed 1]

Ingests synthetic items through the real store path (``Store._store_entries``
inside one transaction per 50-entry feed batch, as a poll does: layers 1 to 3,
then stories, then tagging) into a fresh SQLite file, once per size and mode,
each run in its own process so that peak RSS is that run's own:

- ``full``: every dedupe layer, MinHash/LSH stories included;
- ``exact``: layers 1 to 3 only (entry id, canonical URL, exact text hash),
  ``[dedupe] stories = false``.

Items are ~220-word texts from a Zipf vocabulary in four paragraphs, spread
over 100 feeds.  5% are near-duplicates of an item published in the previous
two days (another feed and URL, a dateline added, ~3% of words changed, half
of them with the last quarter cut).  The synthetic clock runs at 2,740 items a
day (a million a year), so the story index is pruned to its 14-day window as
in service.  Reported per run: items/s overall, items/s over the first and the
last 10% of the run (flat means no per-item scan of the archive), peak RSS,
database size, and how many injected copies landed in their source's story.
Text generation is outside the timings.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.dedupe.rules import text_key
from monitor.dedupe.stories import StoryParams
from monitor.ingest.normalize import content_hash
from monitor.storage.store import FeedSpec, Store, StoreSettings
from monitor.types import Entry

FEEDS = 100
BATCH = 50
PER_DAY = 2740
COPY_SHARE = 0.05
T0 = datetime(2026, 1, 1, tzinfo=UTC)
_SYL = [
    "ka",
    "ri",
    "to",
    "mo",
    "na",
    "sa",
    "el",
    "an",
    "de",
    "lu",
    "vi",
    "ne",
    "ho",
    "ra",
    "qa",
    "zi",
    "bu",
    "ta",
    "or",
    "in",
    "es",
    "ur",
    "al",
    "ma",
]


class Texts:
    """Seeded synthetic articles and near-duplicate copies of them."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        words: set[str] = set()
        while len(words) < 20000:
            words.add("".join(self.rng.choice(_SYL) for _ in range(self.rng.randint(2, 5))))
        self.vocab = sorted(words)
        self.cum = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(self.vocab))))

    def article(self) -> list[list[str]]:
        rng, vocab, cum = self.rng, self.vocab, self.cum
        return [rng.choices(vocab, cum_weights=cum, k=rng.randint(45, 65)) for _ in range(4)]

    def copy(self, paragraphs: list[list[str]]) -> list[list[str]]:
        rng = self.rng
        out = [list(p) for p in paragraphs]
        for p in out:
            for i in range(len(p)):
                if rng.random() < 0.03:
                    p[i] = rng.choice(self.vocab[:3000])
        out[0] = ["dateline", "wire", *out[0]]
        if rng.random() < 0.5:  # another outlet cut the last quarter
            words = sum(len(p) for p in out)
            keep, kept = int(words * 0.75), []
            for p in out:
                if keep <= 0:
                    break
                kept.append(p[:keep])
                keep -= len(p)
            out = kept
        return out


def entry(n: int, site: int, paragraphs: list[list[str]], when: datetime) -> Entry:
    text = "\n\n".join(" ".join(p).capitalize() + "." for p in paragraphs)
    url = f"https://site{site}.example/news/{n:08d}-story"
    title = " ".join(paragraphs[0][:8]).capitalize()
    return Entry(
        entry_id=url,
        url=url,
        canonical_url=url,
        title=title,
        author=None,
        published=when,
        updated=None,
        text=text,
        content_html="",
        content_hash=content_hash(title, text),
        text_key=text_key(text),
    )


def child(mode: str, items: int, seed: int) -> dict[str, object]:
    texts = Texts(seed)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        store = Store(db_path, StoreSettings(stories=StoryParams(enabled=mode == "full")))
        store.sync_feeds(
            [FeedSpec(f"feed {f}", f"https://site{f}.example/feed", 900) for f in range(FEEDS)], T0
        )
        feeds = store.feeds()
        store.set_topics([], T0, mirror=True)
        recent: list[tuple[int, list[list[str]]]] = []  # (item number, paragraphs)
        copies: list[tuple[int, int]] = []  # (copy number, source number)
        step = timedelta(seconds=86400 / PER_DAY)
        block = max(BATCH, items // 10)
        spent, block_rates = 0.0, []
        block_start_spent, block_done = 0.0, 0
        n = 0
        while n < items:
            size = min(BATCH, items - n)
            batch, when = [], T0 + step * n
            feed = feeds[(n // BATCH) % FEEDS]
            for k in range(n, n + size):
                if recent and texts.rng.random() < COPY_SHARE:
                    src, paragraphs = texts.rng.choice(recent[-2 * PER_DAY :])
                    paragraphs = texts.copy(paragraphs)
                    copies.append((k, src))
                else:
                    paragraphs = texts.article()
                    recent.append((k, paragraphs))
                batch.append(entry(k, (feed.id + k) % FEEDS, paragraphs, T0 + step * k))
            if len(recent) > 4 * PER_DAY:
                del recent[: len(recent) - 2 * PER_DAY]
            started = time.perf_counter()
            with store.transaction():
                store._store_entries(feed, batch, when)
            if (n // BATCH) % 200 == 199:  # about every 10,000 items, as every poll does
                store.prune_story_index(when)
            spent += time.perf_counter() - started
            n += size
            block_done += size
            if block_done >= block or n == items:
                block_rates.append(block_done / (spent - block_start_spent))
                block_start_spent, block_done = spent, 0
        by_url = {
            int(url.rsplit("/", 1)[1].split("-", 1)[0]): story
            for url, story in store.db.execute("SELECT url, story_id FROM items")
        }
        found = sum(1 for c, s in copies if by_url.get(c) and by_url.get(c) == by_url.get(s))
        stories = store.count("SELECT count(*) FROM stories")
        bands = store.count("SELECT count(*) FROM story_bands")
        store.close()
        db_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6
    return {
        "items_per_s": items / spent,
        "first_10pct": block_rates[0],
        "last_10pct": block_rates[-1],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "db_mb": db_mb,
        "copies": len(copies),
        "copies_in_story": found,
        "stories": stories,
        "index_rows": bands,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--modes", default="full,exact", help="which runs: full, exact or both")
    ap.add_argument("--child", nargs=2, metavar=("MODE", "ITEMS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), args.seed)))
        return
    print(
        f"bench/dedupe.py: {FEEDS} feeds, {BATCH}-entry batches, ~220-word items,"
        f" {COPY_SHARE:.0%} near-duplicates, clock at {PER_DAY} items/day; one process per run"
    )
    header = (
        f"{'items':>9} {'mode':<6} {'items/s':>8} {'first10%':>9} {'last10%':>8}"
        f" {'peakRSS':>8} {'db MB':>7} {'copies in story':>16} {'stories':>8} {'index rows':>10}"
    )
    print(header)
    for size in (int(s) for s in args.sizes.split(",")):
        for mode in args.modes.split(","):
            out = subprocess.run(
                [sys.executable, __file__, "--child", mode, str(size), "--seed", str(args.seed)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            r = json.loads(out)
            share = f"{r['copies_in_story']}/{r['copies']}" if mode == "full" else "-"
            print(
                f"{size:>9} {mode:<6} {r['items_per_s']:>8.0f} {r['first_10pct']:>9.0f}"
                f" {r['last_10pct']:>8.0f} {r['peak_rss_mb']:>6.0f}MB {r['db_mb']:>7.0f}"
                f" {share:>16} {r['stories']:>8} {r['index_rows']:>10}",
                flush=True,
            )


if __name__ == "__main__":
    main()
