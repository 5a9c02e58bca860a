"""Rows that describe feeds, as the config gives them and as the database
keeps them, plus the fetch-log record.  A leaf of the store."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class FeedSpec:
    """A feed as the configuration describes it."""

    name: str
    url: str
    interval: float
    enabled: bool = True
    # Off unless asked for: the CLI passes the config's setting (on by default).
    fulltext: bool = False
    keep_html: bool = False
    content_selector: str | None = None


@dataclass(frozen=True)
class FeedRow:
    """A feed as the database knows it (the schedule and validators)."""

    id: int
    name: str
    url: str
    interval: float
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    consecutive_failures: int
    next_poll: str | None
    paused_reason: str | None
    enabled: bool
    fulltext: bool = False
    keep_html: bool = False
    content_selector: str | None = None


@dataclass(frozen=True)
class FetchLog:
    """What goes into one ``fetches`` row."""

    url: str
    started: datetime
    duration_ms: int | None
    status: int | None
    bytes: int | None
    outcome: str
    error: str | None = None


# Earlier versions kept per item (see Store._keep_revision).
MAX_REVISIONS = 10


def revision_summary(old_title: str, old_text: str, new_title: str, new_text: str) -> str:
    """A one-line account of an edit: "title changed; 12 words added, 3 removed"."""
    old_words, new_words = Counter(old_text.split()), Counter(new_text.split())
    added, removed = sum((new_words - old_words).values()), sum((old_words - new_words).values())
    parts = ["title changed"] if old_title != new_title else []
    if added or removed:
        parts.append(f"{added} words added, {removed} removed")
    return "; ".join(parts) or "formatting only"


_FEED_COLUMNS = (
    "id, name, url, interval_seconds, etag, last_modified, body_hash, "
    "consecutive_failures, next_poll, paused_reason, enabled, fulltext, keep_html, content_selector"
)


def _feed_row(row: Sequence[Any]) -> FeedRow:
    return FeedRow(
        id=row[0],
        name=row[1],
        url=row[2],
        interval=float(row[3]),
        etag=row[4],
        last_modified=row[5],
        body_hash=row[6],
        consecutive_failures=row[7],
        next_poll=row[8],
        paused_reason=row[9],
        enabled=bool(row[10]),
        fulltext=bool(row[11]),
        keep_html=bool(row[12]),
        content_selector=row[13],
    )
