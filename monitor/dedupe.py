"""Deduplication rules.  Pure: they decide, the store looks things up.

Layers (see README "What counts as the same article"):

1. the same ``(feed, entry id)`` is the same entry (``parse.entry_keys``);
2. the same canonical URL seen in another feed is the same article: a new
   sighting of the existing item, not a new item;
3. the same normalized text under another URL is a copy: a new item whose
   ``duplicate_of`` points at the first one, kept for provenance.

False merges are worse than missed duplicates, hence the guards below.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from monitor.normalize import content_hash

# Texts shorter than this are never called copies of each other: a one-line
# teaser or a headline-only entry says too little to be sure.
MIN_DUPLICATE_TEXT = 200


def text_key(text: str) -> str | None:
    """The key that finds same-text copies, or None for too short a text."""
    if len(text) < MIN_DUPLICATE_TEXT:
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
