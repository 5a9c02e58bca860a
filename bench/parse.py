"""Parse-path benchmark: what one feed body costs us, and what feedparser's own
sanitizer costs.

    .venv/bin/python bench/parse.py [--feeds 100] [--items 30]

Bodies are the ones ``bench/poll.py`` serves (RSS 2.0, ~80 KB, 1-3 KB HTML
descriptions).  CPU time of this process, best of three passes, per feed:

- feedparser with its defaults (its pure-Python HTML sanitizer and relative-URI
  resolver on), which is what lemon24/reader runs;
- feedparser with both switched off, as ``monitor.ingest.parse`` calls it;
- ``monitor.ingest.parse.parse_feed``: feedparser (sanitizer off) plus our whole
  normalization: nh3 sanitizing, HTML to text, canonical URLs, stable keys, hashes;
- the HTML-to-text step alone, nh3-based (ours) vs a beautifulsoup4 tree walk.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

import feedparser

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from feedserver import FeedSet

from monitor.ingest.normalize import clean_text, html_to_text
from monitor.ingest.parse import parse_feed


def best_ms(fn: Callable[[], object], n: int, passes: int = 3) -> float:
    """Best CPU milliseconds per unit over ``passes`` runs of ``fn`` (n units each)."""
    best = float("inf")
    for _ in range(passes):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best / n * 1000


def bs4_text(fragment: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(fragment, "lxml")
    for tag in soup.find_all(["script", "style", "iframe"]):
        tag.decompose()
    for tag in soup.find_all(["p", "div", "li", "br"]):
        tag.insert_before("\n")
    return clean_text(soup.get_text())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=100)
    ap.add_argument("--items", type=int, default=30)
    args = ap.parse_args()
    bodies = [f.body for f in FeedSet(args.feeds, args.items).feeds]
    headers = {"content-type": "application/rss+xml; charset=utf-8"}
    n = len(bodies)
    size = sum(map(len, bodies)) / n / 1024

    def fp_default() -> None:
        for b in bodies:
            feedparser.parse(io.BytesIO(b), response_headers=headers)

    def fp_off() -> None:
        for b in bodies:
            feedparser.parse(
                io.BytesIO(b),
                response_headers=headers,
                sanitize_html=False,
                resolve_relative_uris=False,
            )

    def ours() -> None:
        for b in bodies:
            parse_feed(b, headers, "http://127.0.0.1/feed.xml")

    fragments = [
        e.summary
        for b in bodies[:20]
        for e in feedparser.parse(io.BytesIO(b), sanitize_html=False).entries
    ]
    print(f"parse path: {n} feeds x {args.items} items, {size:.1f} KB each; CPU ms per feed")
    print(f"  feedparser, defaults (sanitizer on)     {best_ms(fp_default, n):7.2f}")
    print(f"  feedparser, sanitizer+resolver off      {best_ms(fp_off, n):7.2f}")
    print(f"  monitor.ingest.parse.parse_feed (all of ours)  {best_ms(ours, n):7.2f}")
    m = len(fragments)
    t_nh3 = best_ms(lambda: [html_to_text(f) for f in fragments], m)
    t_bs4 = best_ms(lambda: [bs4_text(f) for f in fragments], m)
    print(
        f"HTML to text, CPU ms per entry ({m} entries): nh3 {t_nh3:.3f}  beautifulsoup4 {t_bs4:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
