"""Benchmark: matching news items against many topic queries.

Run from the project root::

    .venv/bin/python bench/topics.py [--items 2000] [--seed 1]

Generates realistic items (a ~600-word text and a ~10-word title drawn from a
Zipf-distributed vocabulary with accents, hyphenated names and punctuation)
and 100, 1,000 and 10,000 topics of mixed shapes (word, phrase, boolean, NEAR,
NOT, prefix).  For each size it reports items/s and per-item latency (mean and
p95) of ``monitor.topics.query.Matcher`` including tokenization, then a naive
baseline: one compiled regex per topic (an alternation of the topic's words,
case-insensitive), searched in every item; the baseline runs on fewer items
when it is slow, and says how many.  Goals (2-core machine): 1,000 topics at
>= 5,000 items/s, 10,000 topics at >= 500 items/s.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.topics.query import Document, Matcher, Query, parse

_SYL = "ka ri to mo na sa el an de lu vi ne ho ra qa zi bu ta or in es ur al ma"
SYLLABLES = _SYL.split()
ACCENTED = ["Agnès", "Müller", "São", "Zürich", "Đorđe", "Łódź", "Renée", "Çelik", "Kraków"]
HYPHENATED = ["al-Qassam", "ad-Din", "Gaza-City", "O'Brien", "co-operation", "al-Aqsa"]
PUNCT = [" ", " ", " ", " ", " ", ", ", ". ", "; ", " — ", ": ", " (", ") ", "' ", '" ']


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    vocab = sorted(sorted(words), key=len)  # short words are the frequent ones (sorted first:
    # set order varies with PYTHONHASHSEED, and the run should not)
    vocab[200:200] = ACCENTED + HYPHENATED
    return vocab


def zipf_weights(n: int) -> list[float]:
    return [1.0 / (rank + 1) for rank in range(n)]


def make_items(rng: random.Random, vocab: list[str], n: int) -> list[tuple[str, str]]:
    weights = zipf_weights(len(vocab))
    items = []
    for _ in range(n):
        words = rng.choices(vocab, weights, k=610)
        parts = []
        for i, w in enumerate(words[10:]):
            parts.append(w.capitalize() if i % 13 == 0 else w)
            parts.append(rng.choice(PUNCT))
        items.append((" ".join(words[:10]).title(), "".join(parts)))
    return items


def make_topics(rng: random.Random, vocab: list[str], n: int) -> dict[str, Query]:
    mid = vocab[150:]  # topics name things: skip the most frequent words

    def w() -> str:
        return rng.choice(mid)

    shapes = [
        lambda: w(),
        lambda: f'"{w()} {w()}"',
        lambda: f"{w()} AND ({w()} OR {w()})",
        lambda: f"NEAR({w()} {w()}, 10)",
        lambda: f"{w()} -{w()}",
        lambda: f"{w()[:4]}* {w()}",
        lambda: f'title:{w()} OR "{w()} {w()}"',
    ]
    return {f"topic{i}": parse(rng.choice(shapes)()) for i in range(n)}


def naive_patterns(topics: dict[str, Query]) -> list[re.Pattern[str]]:
    pats = []
    for q in topics.values():
        words = [re.escape(x) for x in re.findall(r"[^\W_]+", q.source) if x not in ("AND", "OR")]
        pats.append(re.compile(r"\b(?:" + "|".join(words) + r")", re.IGNORECASE))
    return pats


def bench_matcher(topics: dict[str, Query], items: list[tuple[str, str]]) -> tuple[float, ...]:
    matcher = Matcher(topics)
    lat = []
    hits = 0
    start = time.perf_counter()
    for title, text in items:
        t0 = time.perf_counter()
        hits += len(matcher.match(Document.from_texts(title, text)))
        lat.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    lat.sort()
    return len(items) / total, statistics.mean(lat), lat[int(len(lat) * 0.95)], hits / len(items)


def bench_naive(topics: dict[str, Query], items: list[tuple[str, str]]) -> tuple[float, int]:
    pats = naive_patterns(topics)
    n = max(20, min(len(items), 200_000 // len(pats)))
    start = time.perf_counter()
    for title, text in items[:n]:
        for pat in pats:
            pat.search(title) or pat.search(text)
    return n / (time.perf_counter() - start), n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    vocab = vocabulary(rng)
    items = make_items(rng, vocab, args.items)
    Document.from_texts(*items[0])  # warm the tokenizer's character table
    goals = {1000: 5000.0, 10000: 500.0}
    print(f"{len(items)} items, ~{len(items[0][1].split())} words each")
    print(f"{'topics':>7} {'items/s':>9} {'mean ms':>8} {'p95 ms':>7} {'hits/item':>9}  naive")
    rates: dict[int, float] = {}
    ok = True
    for size in (100, 1000, 10000):
        topics = make_topics(rng, vocab, size)
        rate, mean, p95, hits = bench_matcher(topics, items)
        rates[size] = rate
        naive_rate, naive_n = bench_naive(topics, items)
        goal = goals.get(size)
        verdict = "" if goal is None else (" goal met" if rate >= goal else " GOAL MISSED")
        ok = ok and (goal is None or rate >= goal)
        print(
            f"{size:>7} {rate:>9.0f} {mean * 1e3:>8.3f} {p95 * 1e3:>7.3f} {hits:>9.2f}"
            f"  {naive_rate:.0f} items/s on {naive_n} items{verdict}"
        )
    growth = rates[100] / rates[10000]
    print(f"cost 100 -> 10,000 topics (100x): {growth:.1f}x (linear would be 100x)")
    print("all goals met" if ok else "some goals missed")


if __name__ == "__main__":
    main()
