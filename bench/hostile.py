"""Hostile items: what a huge title or text costs, from fetch to search.

For titles and texts of 10 KB, 100 KB, 1 MB and 9 MB (every word of them a
topic hit, the worst case for snippets), one new process per case:

- serves a feed of that one hostile entry and 29 normal ones on loopback;
- polls it through the real pipeline into a fresh SQLite file (``store s``:
  the whole poll, fetch and parse included);
- records the longest write transaction of that poll (``lock max s``: the
  time another writer, the delivery thread or the heartbeat, may have waited);
- times the snippet of the stored item (``snippet ms``, the median of 5), and,
  for comparison, SQLite FTS5's own ``snippet()`` on the *uncut* field, as
  the writer computed it before (``fts5 snippet``: only up to 100 KB, larger
  ones take minutes);
- runs the "search with snippets" canned query of ``monitor serve`` over that
  archive (``search ms``);
- reports the process's peak RSS and the stored field's length.

Usage::

    .venv/bin/python bench/hostile.py                  # all sizes, both fields
    .venv/bin/python bench/hostile.py --sizes 10K,1M   # some sizes
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = {"10K": 10_000, "100K": 100_000, "1M": 1_000_000, "9M": 9_000_000}
WORD = "Qassam "  # the topic's word: every word of the hostile field is a hit
FTS5_UP_TO = 100_000


def feed_body(field: str, size: int) -> bytes:
    hostile = WORD * (size // len(WORD))
    title = hostile if field == "title" else "A hostile entry"
    text = hostile if field == "text" else "Short text."
    items = [(title, text)] + [
        (f"Normal story {n}", f"Body of story {n}: the court heard Qassam evidence.")
        for n in range(29)
    ]
    parts = [
        f"<item><title>{escape(t)}</title><link>https://news.example/{n}</link>"
        f"<guid>urn:b:{n}</guid><pubDate>Fri, 22 Nov 2024 17:39:00 +0000</pubDate>"
        f"<description>{escape(x)}</description></item>"
        for n, (t, x) in enumerate(items)
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Bench</title><link>https://news.example/</link>"
        + "".join(parts)
        + "</channel></rss>"
    ).encode()


@contextmanager
def serve(body: bytes) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


def search_sql() -> str:
    """The "search with snippets" canned query, as `monitor serve` runs it."""
    import yaml

    meta = yaml.safe_load((ROOT / "config" / "datasette" / "metadata.yml").read_text())
    return str(meta["databases"]["monitor"]["queries"]["search"]["sql"])


def one(field: str, size: int, warm: bool = False) -> dict[str, Any]:
    """One case, in this process.  ``warm``: import datasketch first, as a
    service that has already placed a story has (steady state)."""
    if warm:
        import datasketch  # noqa: F401

    from monitor.ingest.pipeline import Poller
    from monitor.net.fetch import Fetcher, FetchPolicy
    from monitor.storage.store import FeedSpec, Store
    from monitor.storage.topics import TopicSpec
    from monitor.topics.snippet import snippet
    from monitor.web.search import prepare_connection

    class TimedStore(Store):
        """The real store, timing each outermost write transaction."""

        longest = 0.0

        @contextmanager
        def _tx(self) -> Iterator[None]:
            outer = not self.db.conn.in_transaction
            started = time.perf_counter()
            with super()._tx():
                yield
            if outer:
                self.longest = max(self.longest, time.perf_counter() - started)

    body = feed_body(field, size)
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp, serve(body) as url:
        store = TimedStore(Path(tmp) / "monitor.db")
        store.set_topics([TopicSpec("q", "qassam")], now)
        store.sync_feeds([FeedSpec("bench", url, 900, fulltext=False)], now)
        store.longest = 0.0
        policy = FetchPolicy(
            user_agent="news-monitor-bench/1", allow_private=(url.split("/")[2],), deadline=60.0
        )
        with Fetcher(policy) as fetcher:
            started = time.perf_counter()
            report = Poller(store, fetcher, parse_workers=1).poll(store.feeds())
            stored_s = time.perf_counter() - started
        assert report.new_items == 30, report
        title, text = store.db.execute(
            "SELECT title, text FROM items WHERE entry_id = 'urn:b:0'"
        ).fetchone()
        node = store._queries["q"].node
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            snippet(node, title, text)
            runs.append(time.perf_counter() - t)
        fts5 = None
        if size <= FTS5_UP_TO:  # the old way, on the field as the source sent it
            hostile = WORD * (size // len(WORD))
            mem = sqlite3.connect(":memory:")
            mem.execute("CREATE VIRTUAL TABLE f USING fts5(title, text)")
            mem.execute(
                "INSERT INTO f (rowid, title, text) VALUES (1, ?, ?)",
                [hostile if field == "title" else "t", hostile if field == "text" else "t"],
            )
            t = time.perf_counter()
            mem.execute(
                "SELECT snippet(f, -1, '[', ']', '…', 24) FROM f WHERE f MATCH 'qassam'"
            ).fetchone()
            fts5 = time.perf_counter() - t
        conn = sqlite3.connect(Path(tmp) / "monitor.db")
        prepare_connection(conn)  # the SQL functions `monitor serve` gives Datasette
        t = time.perf_counter()
        rows = conn.execute(search_sql(), {"q": "qassam"}).fetchall()
        search_s = time.perf_counter() - t
        assert len(rows) == 30, len(rows)
        store.close()
    return {
        "field": field,
        "size": size,
        "stored_len": len(title if field == "title" else text),
        "store_s": stored_s,
        "lock_max_s": store.longest,
        "snippet_ms": statistics.median(runs) * 1000,
        "fts5_snippet_s": fts5,
        "search_ms": search_s * 1000,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=",".join(SIZES))
    ap.add_argument("--fields", default="title,text")
    ap.add_argument(
        "--warm", action="store_true", help="import datasketch before polling (steady state)"
    )
    ap.add_argument("--one", nargs=2, metavar=("FIELD", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]), args.warm)))
        return 0
    print(
        "bench/hostile.py: one hostile entry (every word a topic hit) + 29 normal,"
        " one process each" + (", datasketch imported first" if args.warm else "")
    )
    print(
        f"  {'field':5} {'size':>5} {'stored':>8} {'store s':>8} {'lock max s':>10}"
        f" {'snippet ms':>10} {'fts5 snippet':>12} {'search ms':>9} {'peak RSS':>9}"
    )
    for field in args.fields.split(","):
        for label in args.sizes.split(","):
            out = subprocess.run(
                [sys.executable, __file__, "--one", field, str(SIZES[label])]
                + (["--warm"] if args.warm else []),
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=False,
            )
            if out.returncode:
                print(f"  {field:5} {label:>5} FAILED: {out.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(out.stdout)
            fts5 = (
                f"{r['fts5_snippet_s']:.3f} s" if r["fts5_snippet_s"] is not None else "(minutes)"
            )
            print(
                f"  {field:5} {label:>5} {r['stored_len']:>8,} {r['store_s']:>8.3f}"
                f" {r['lock_max_s']:>10.3f} {r['snippet_ms']:>10.2f} {fts5:>12}"
                f" {r['search_ms']:>9.1f} {r['peak_rss_mb']:>7.0f}MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
