"""Small text rules used across the rooms, each once.  Pure.

- :func:`iso`: a time as the database stores it.
- :func:`excerpt`: the opening of a text, cut at a word, for webhook payloads
  (280 characters) and digests (250).  Digests had a copy of their own that
  ended in " …" and kept trailing punctuation; both now cut the same way.
"""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["excerpt", "iso", "to_utc"]


def to_utc(value: datetime | None) -> datetime | None:
    """An aware UTC datetime; naive input is taken to be UTC already."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 UTC text as stored in the database: ``2024-11-22T17:39:00+00:00``."""
    value = to_utc(value)
    return value.isoformat(timespec="seconds") if value else None


def excerpt(text: str, limit: int) -> str:
    """The start of the text, spaces folded, cut at a word boundary to at
    most ``limit`` characters, with an ellipsis when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut.rstrip(",;:.- ") + "…"
