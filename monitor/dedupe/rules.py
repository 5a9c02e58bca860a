"""Deduplication rules.  Pure: they decide, the store looks things up.

Layers (see README "What counts as the same article"):

1. the same ``(feed, entry id)`` is the same entry (``parse.entry_keys``);
2. the same canonical URL seen in another feed is the same article: a new
   sighting of the existing item, not a new item;
3. the same normalized text under another URL is a copy: a new item whose
   ``duplicate_of`` points at the first one, kept for provenance;
4. and 5. near-identical texts share a story, and a same-titled text the same
   site republished is a copy: see :mod:`monitor.dedupe.stories`.

False merges are worse than missed duplicates, hence the guards below.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from monitor.dedupe.stories import substance
from monitor.ingest.normalize import content_hash

# Texts shorter than this are never called copies of each other: a one-line
# teaser or a headline-only entry says too little to be sure.
MIN_DUPLICATE_TEXT = 200
MIN_SUBSTANCE = 25


def text_key(text: str) -> str | None:
    """The key that finds same-text copies, or None for a text too short to
    vouch for an article: under ``MIN_DUPLICATE_TEXT`` characters, or with
    fewer than ``MIN_SUBSTANCE`` words in lines long enough to be prose (a
    text that is all menus, share bars and "Listen to article" lines)."""
    if len(text) < MIN_DUPLICATE_TEXT or len(substance(text)) < MIN_SUBSTANCE:
        return None
    return content_hash(text)


def url_identifies_article(url: str | None) -> bool:
    """Whether a canonical URL can stand for one article across feeds: a site's
    front page or a bare section root is shared by many entries, never."""
    if not url:
        return False
    parts = urlsplit(url)
    path = parts.path.strip("/")
    if not path:
        return bool(parts.query)
    return "/" in path or bool(parts.query) or len(path) >= 12
