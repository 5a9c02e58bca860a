"""Notification payloads.  Pure: rows in, JSON-ready dicts out.

Every event uses the Standard Webhooks envelope ``{"type", "timestamp",
"data"}``; the receiver tells retries apart by the ``webhook-id`` header, which
is the outbox row's ``msg_id`` and never changes between attempts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from monitor.texts import excerpt

EXCERPT_CHARS = 280  # a webhook payload's excerpt (monitor.texts.excerpt)


@dataclass(frozen=True)
class MatchedItem:
    """What a webhook says about one item that matched one topic."""

    item_id: int
    topic: str
    title: str
    text: str
    url: str | None
    published: str | None
    feed: str | None
    snippet: str
    story_id: int | None
    also_in: tuple[str, ...]


def item_event(item: MatchedItem, timestamp: str, browse_url: str) -> dict[str, Any]:
    return {
        "type": "item.matched",
        "timestamp": timestamp,
        "data": {
            "topic": item.topic,
            "item_id": item.item_id,
            "title": item.title,
            "excerpt": excerpt(item.text, EXCERPT_CHARS),
            "url": item.url,
            "published": item.published,
            "feed": item.feed,
            "snippet": item.snippet,
            "story_id": item.story_id,
            "also_in": list(item.also_in),
            "browse": f"{browse_url.rstrip('/')}/items/{item.item_id}",
        },
    }


def operator_event(event: str, timestamp: str, data: dict[str, Any]) -> dict[str, Any]:
    """``feed.failing`` / ``feed.recovered`` and other notices for operators."""
    return {"type": event, "timestamp": timestamp, "data": data}


def dumps(event: dict[str, Any]) -> str:
    """The exact body sent (and signed): compact, UTF-8, keys in a fixed order."""
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"))


def also_in(names: Sequence[str], own: str | None) -> tuple[str, ...]:
    return tuple(n for n in dict.fromkeys(names) if n and n != own)
