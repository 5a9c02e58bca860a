"""Plain data passed between the stages.  A leaf module: it imports nothing of ours.

All datetimes are aware and in UTC.  All dataclasses are frozen, so a stage can
never change what another stage handed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Validators:
    """HTTP cache validators remembered per feed for conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """One completed HTTP exchange (after redirects).

    ``permanent_url`` is set only when every redirect hop was permanent
    (301/308): it is the URL the feed should be stored under from now on.
    """

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    elapsed: float
    redirects: tuple[str, ...] = ()
    permanent_url: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass(frozen=True)
class Entry:
    """One normalized feed entry, ready to store.

    ``entry_id`` is stable across fetches: the guid when it is usable, else the
    canonical link, else a hash of title and date (see ``parse.entry_key``).
    ``text`` is clean plain text; ``content_html`` is sanitized HTML whose only
    links are absolute http(s) URLs.
    """

    entry_id: str
    url: str | None
    canonical_url: str | None
    title: str
    author: str | None
    published: datetime | None
    updated: datetime | None
    text: str
    content_html: str
    content_hash: str
    # Finds same-text copies under other URLs (None for short texts); computed
    # in the parse workers, off the main thread.
    text_key: str | None = None
    # What was cut or set aside (monitor.ingest.limits): stored in items.notes.
    notes: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """What a feed body yielded.  ``malformed`` carries the loose parser's
    complaint when the XML was broken but entries were still recovered."""

    title: str | None
    site_url: str | None
    entries: tuple[Entry, ...]
    malformed: str | None = None
    ttl_minutes: int | None = None
    # sy:updatePeriod / sy:updateFrequency, in seconds (see schedule.sy_update_seconds).
    update_seconds: int | None = None


@dataclass(frozen=True)
class SeedDocument:
    """One record made from a plain-text capture in ``storage/seeds``.

    ``entry_id`` distinguishes the entries of a feed capture (``"1"``, ``"2"``,
    …); an article capture has a single record with ``entry_id = ""``.
    """

    seed_file: str
    entry_id: str
    title: str
    author: str | None
    published: datetime | None
    text: str
    kind: str = "article"  # "article" or "feed-entry"
    removed: tuple[str, ...] = field(default=())  # chrome lines dropped, for audits
