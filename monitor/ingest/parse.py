"""Feed bytes -> :class:`ParsedFeed`.  Pure: feedparser gets bytes and headers,
never a URL or a path, so it can never fetch or open anything itself.

feedparser's own HTML sanitizer and relative-URI resolver are switched off: they
are pure Python and cost about a third of its parse time.  Every HTML fragment
we keep is sanitized afterwards by :func:`normalize.sanitize_html` (nh3), which
also resolves relative links, so nothing unsafe is ever stored.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import re
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import feedparser

from monitor.dedupe.rules import text_key
from monitor.errors import NotAFeed, ParseError
from monitor.ingest import limits
from monitor.ingest.normalize import (
    clean_text,
    clean_title,
    content_hash,
    html_to_text,
    sanitize_html,
)
from monitor.ingest.schedule import sy_update_seconds
from monitor.types import Entry, ParsedFeed
from monitor.urls import canonical_url, safe_link

_HEAD = 4096
# What may precede the root element: the XML declaration, comments, processing
# instructions and white space.  Scanned to find a DOCTYPE however deep it is.
_PROLOG_ITEM = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)
_DOCTYPE = re.compile(rb"\s*<!DOCTYPE", re.IGNORECASE)
_DOCTYPE_END = re.compile(rb"""(?:"[^"]*"|'[^']*'|[^>\["'])*([\[>])""")
_TTL = re.compile(r"\d{1,6}")
MAX_TTL_MINUTES = 7 * 24 * 60


def declares_entities(body: bytes) -> bool:
    """True if the document's DOCTYPE has an internal subset (``[...]``), which
    is how billion-laughs and XXE payloads declare their entities; real feeds
    never need one.  The whole prolog is scanned, so padding it with comments
    does not hide the DOCTYPE; UTF-16 documents are checked after decoding."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        body = body.decode("utf-16", errors="replace").encode("utf-8")
    pos = 3 if body.startswith(b"\xef\xbb\xbf") else 0
    while match := _PROLOG_ITEM.match(body, pos):
        if match.end() == pos:
            break
        pos = match.end()
    doctype = _DOCTYPE.match(body, pos)
    if doctype is None:
        return False
    end = _DOCTYPE_END.match(body, doctype.end())
    # An unterminated DOCTYPE is refused too: there is nothing safe to parse.
    return end is None or end.group(1) == b"["


def _struct_to_dt(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, TypeError, OSError):  # year 0, -1, 10000 …
        return None


def _own(entry: Mapping[str, Any], key: str) -> Any:
    """``entry[key]`` without feedparser's deprecated updated->published fallback."""
    return dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)


def _looks_like_feed(body: bytes) -> bool:
    head = body[:_HEAD].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and any(
        marker in head for marker in (b"<rss", b"<feed", b"<rdf", b"<channel")
    )


def _entry_html(entry: Mapping[str, Any]) -> str:
    """The richest HTML the entry carries: full content, else the summary."""
    for content in entry.get("content") or ():
        value = content.get("value")
        if value:
            return str(value)
    return str(entry.get("summary") or "")


def _is_html(entry: Mapping[str, Any]) -> bool:
    detail = entry.get("summary_detail") or {}
    for content in entry.get("content") or ():
        detail = content
        break
    return "html" in str(detail.get("type", "text/html"))


def entry_keys(raw_entries: list[Mapping[str, Any]], base: str | None) -> list[str]:
    """Stable identity for each entry of one feed body.

    The guid when it is present and unique in this body; else the canonical
    link when that is unique; else a hash of title, date and text.  A guid that
    every entry shares (a broken CMS) is therefore ignored rather than merging
    distinct articles into one.
    """
    guids = [str(e.get("id") or "").strip() for e in raw_entries]
    links = [canonical_url(e.get("link"), base) for e in raw_entries]
    guid_counts = Counter(g for g in guids if g)
    link_counts = Counter(link for link in links if link)
    keys = []
    for entry, guid, link in zip(raw_entries, guids, links, strict=True):
        if guid and guid_counts[guid] == 1:
            keys.append(guid)
        elif link and link_counts[link] == 1:
            keys.append(link)
        else:
            stamp = str(entry.get("published") or _own(entry, "updated") or "")
            basis = "\x1f".join((str(entry.get("title") or ""), stamp, _entry_html(entry)[:2000]))
            keys.append("sha1:" + hashlib.sha1(basis.encode("utf-8", "replace")).hexdigest())
    return keys


def parse_feed(
    body: bytes, headers: Mapping[str, str], url: str, now: datetime | None = None
) -> ParsedFeed:
    """Parse one feed body.  ``now`` (when the body was fetched) bounds the
    dates believed (:func:`monitor.ingest.limits.plausible`).

    Raises :class:`NotAFeed` for a body that is not a feed (HTML page, JSON,
    empty) and :class:`ParseError` when nothing can be recovered or the body
    declares entities.  A broken but partly readable feed returns its entries
    with ``malformed`` set.
    """
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if not body.strip():
        raise NotAFeed(content_type or "empty body")
    if declares_entities(body):
        raise ParseError("the feed declares XML entities (a DTD subset); refused for safety")
    try:
        # BytesIO, not bytes: feedparser treats a bytes/str argument as a
        # possible file name and would open it.
        parsed = feedparser.parse(
            io.BytesIO(body),
            response_headers={k.lower(): v for k, v in headers.items()},
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as e:  # feedparser raises a zoo of types on hostile input
        raise ParseError(f"feed parser failed: {type(e).__name__}: {e}") from e
    raw_entries: list[Mapping[str, Any]] = list(parsed.get("entries") or [])
    version = parsed.get("version") or ""
    if not version and not raw_entries:
        if parsed.get("bozo") and _looks_like_feed(body):
            problem = parsed.get("bozo_exception")
            raise ParseError(f"malformed feed, nothing recovered: {problem}")
        raise NotAFeed(content_type or "unknown content type")
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    # A charset mismatch or an XML feed served as text/plain is noise, not damage.
    if problem is not None and not isinstance(
        problem, feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType
    ):
        if not raw_entries:
            raise ParseError(f"malformed feed, nothing recovered: {problem}")
        malformed = f"{type(problem).__name__}: {problem}"[:500]
    else:
        malformed = None

    feed_info = parsed.get("feed") or {}
    site_url = limits.link(safe_link(feed_info.get("link"), url))[0]
    base = site_url or url
    keys = entry_keys(raw_entries, base)
    entries: list[Entry] = []
    seen: set[str] = set()
    for key, raw in zip(keys, raw_entries, strict=True):
        if key in seen:  # literally the same entry twice in one body
            continue
        seen.add(key)
        entries.append(_entry(key, raw, base, now))
    ttl = str(feed_info.get("ttl") or "").strip()
    raw_title = limits.precut(str(feed_info.get("title") or ""), limits.MAX_TITLE)[0]
    return ParsedFeed(
        title=limits.cut("feed title", clean_title(raw_title), limits.MAX_TITLE)[0] or None,
        site_url=site_url,
        entries=tuple(entries),
        malformed=malformed,
        ttl_minutes=min(int(ttl), MAX_TTL_MINUTES) if _TTL.fullmatch(ttl) else None,
        update_seconds=sy_update_seconds(
            feed_info.get("sy_updateperiod"), feed_info.get("sy_updatefrequency")
        ),
    )


def _entry(key: str, raw: Mapping[str, Any], base: str, now: datetime | None) -> Entry:
    link, link_note = limits.link(safe_link(raw.get("link"), base))
    whole = _entry_html(raw)
    # Cut before any parsing, so a 9 MB entry costs no more than a large one.
    fragment = whole[: limits.MAX_ENTRY_HTML]
    if _is_html(raw):
        content_html = sanitize_html(fragment, link or base)
        text = html_to_text(fragment)
    else:
        text = clean_text(fragment)
        content_html = sanitize_html(fragment.replace("<", "&lt;"), None)
    raw_title, title_total = limits.precut(str(raw.get("title") or ""), limits.MAX_TITLE)
    raw_author, author_total = limits.precut(str(raw.get("author") or ""), limits.MAX_AUTHOR)
    title, title_note = limits.cut(
        "title", clean_title(raw_title), limits.MAX_TITLE, total=title_total
    )
    author, author_note = limits.cut_optional(
        "author", clean_title(raw_author) or None, limits.MAX_AUTHOR, total=author_total
    )
    text, text_note = limits.cut("text", text, limits.MAX_TEXT)
    if len(whole) > len(fragment):
        text_note = limits.join(
            f"entry content cut to {len(fragment):,} of {len(whole):,} characters before reading",
            text_note,
        )
    content_html, html_note = limits.html_copy(content_html)
    published, published_note = _date(raw, "published", now)
    updated, updated_note = _date(raw, "updated", now)
    return Entry(
        entry_id=key[:2000],
        url=link,
        canonical_url=canonical_url(link),
        title=title,
        author=author,
        published=published,
        updated=updated,
        text=text,
        content_html=content_html,
        content_hash=content_hash(title, text),
        text_key=text_key(text),
        notes=limits.join(
            title_note, author_note, text_note, html_note, published_note, updated_note, link_note
        ),
    )


def _date(
    raw: Mapping[str, Any], field: str, now: datetime | None
) -> tuple[datetime | None, str | None]:
    """The entry's ``published`` or ``updated`` date when it is believable
    (see :mod:`monitor.ingest.limits`), and a note when the source gave one we do not use."""
    source = raw.get(field) if field == "published" else _own(raw, field)
    parsed = raw.get(f"{field}_parsed") if field == "published" else _own(raw, f"{field}_parsed")
    value = _struct_to_dt(parsed)
    if value is None:
        return None, limits.unparsed(field, source)
    return limits.plausible(field, value, source, now)
