"""Per-site learning of boilerplate.  Pure: counts come in, counts go out.

A *block* is one line of clean text.  Blocks that recur across many pages of
one site (or many entries of one feed) are chrome, however they look: "Issue
Small Image", "Notes to editors", a newsletter plug, "💬 155 ❤️ 232".  Each
block is keyed by its normalized form (case folded, white space collapsed; in
lines of at most three words, digits too, so that counters match), and the
store keeps, per *scope*
(``site:<host>`` for article pages, ``feed:<id>`` for feed entries), on how
many distinct pages each key has appeared.

The threshold: a block of at most ``MAX_BLOCK`` characters seen on at least
``MIN_PAGES`` distinct pages of one scope is chrome, and is removed from every
later text of that scope (and from the batch that crossed the threshold).
Longer blocks are never removed: a long paragraph repeated across pages is
syndicated content, not page furniture.  Nor is a text ever emptied.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from monitor.urls import site_host

MIN_PAGES = 3
MAX_BLOCK = 200
# Lines learned from one page at most: a hostile page cannot flood the table.
MAX_LEARNED = 300

_DIGITS = re.compile(r"\d+")
SHORT_LINE_WORDS = 3


@functools.lru_cache(maxsize=1 << 16)  # one batch asks for the same lines several times
def block_key(line: str) -> str:
    """The identity of a block: its case-folded words; in a short line (a
    counter, a pager, "155 comments") numbers do not count either."""
    words = line.casefold().split()
    norm = " ".join(words)
    if len(words) <= 2 * SHORT_LINE_WORDS and (
        sum(any(c.isalpha() for c in w) for w in words) <= SHORT_LINE_WORDS
    ):
        norm = _DIGITS.sub("0", norm)
    return hashlib.blake2b(norm.encode(), digest_size=12).hexdigest()


def page_keys(text: str) -> set[str]:
    """The distinct candidate blocks of one page or entry (at most ``MAX_LEARNED``)."""
    keys: set[str] = set()
    for line in text.split("\n"):
        if 0 < len(line.strip()) <= MAX_BLOCK:
            keys.add(block_key(line))
            if len(keys) >= MAX_LEARNED:
                break
    return keys


def count(texts: Iterable[str], known: Mapping[str, int]) -> dict[str, int]:
    """``known`` page counts plus one for every text that contains each block.
    Returns only the keys these texts contain."""
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update(page_keys(text))
    return {key: known.get(key, 0) + n for key, n in seen.items()}


def strip(text: str, counts: Mapping[str, int]) -> tuple[str, list[str]]:
    """``text`` without its chrome blocks, and the blocks removed.  A text
    that would be left empty is returned whole: a one-line entry repeated
    across pages is a short item, not chrome around nothing."""
    kept: list[str] = []
    removed: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if (
            stripped
            and len(stripped) <= MAX_BLOCK
            and counts.get(block_key(stripped), 0) >= MIN_PAGES
        ):
            removed.append(stripped)
        else:
            kept.append(line)
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    if not cleaned:
        return text, []
    return cleaned, removed


def site_scope(url: str | None) -> str | None:
    """``site:<host>`` for the URL a page was fetched from."""
    host = site_host(url)
    return f"site:{host}" if host else None


def page_id(text: str) -> str:
    """What makes two texts "the same page" for counting, when there is no
    better identity (a URL, an entry id): their normalized text."""
    norm = " ".join(text.casefold().split())
    return hashlib.blake2b(norm.encode(), digest_size=12).hexdigest()
