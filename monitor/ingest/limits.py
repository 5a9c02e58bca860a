"""How much of each field we keep, and which dates we believe: the one place
for both rules.  Pure: no I/O, and the clock is always passed in.

Why caps: a hostile or broken source can put megabytes into one title, and
every later step (the FTS5 index, topic snippets, digests, Datasette pages)
costs time in the size of what was stored.  A cap bounds each of them, and
the cut is recorded on the item (``items.notes``) so nobody mistakes a cut
text for the whole article.

Why a date range: a date of year 1 or 9999 is a broken feed, not news.  Kept
as a date it overflows the story window's arithmetic, sorts first in every
"newest" list forever, and counts as "published this week" in the adaptive
schedule.  So such a date is dropped (the item is treated as undated: its
first-seen time stands in where a time is needed) and the original text is
kept in the item's note.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

# Characters kept per field (README: "Limits on what is stored").
MAX_TITLE = 1_000
MAX_AUTHOR = 300
# The article text and the feed's own text.  A very long report runs to about
# 100,000 characters; twice that still indexes, matches and snippets in
# milliseconds.
MAX_TEXT = 200_000
# The sanitized HTML copy (feeds with keep_html): dropped, never cut, when
# larger, since a cut could leave an unclosed tag.
MAX_HTML = 1_000_000
# An entry's HTML is cut to this before it is parsed into text, so that a
# 9 MB entry costs the parse worker no more than a large one.
MAX_ENTRY_HTML = 4 * MAX_TEXT

# A link (an entry's, a feed's site): a longer one is dropped, with a note.
MAX_URL = 4_096
# Error messages and extraction notes (they quote what a server sent).
MAX_MESSAGE = 2_000

# Dates we believe: none before 1900 (older archives are not news feeds), and
# none more than two days ahead of the moment we saw them (time-zone slips and
# scheduled posts stay inside that; a date further ahead would sort first forever).
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=2)


def cut(field: str, value: str, limit: int, *, total: int = 0) -> tuple[str, str | None]:
    """``value`` cut to ``limit`` characters (at the last space before the
    limit when there is one nearby), and the note saying so, or None when it
    fits.  ``total``: the source's own length, when the source was already
    shortened before it was cleaned into ``value`` (:func:`precut`)."""
    if len(value) <= limit and not total:
        return value, None
    kept = value
    if len(value) > limit:
        kept = value[:limit]
        space = kept.rfind(" ", limit - 200)
        if space > 0:
            kept = kept[:space]
        kept = kept.rstrip()
    return kept, f"{field} cut to {len(kept):,} of {max(total, len(value)):,} characters"


def precut(raw: str, limit: int) -> tuple[str, int]:
    """The start of ``raw`` worth cleaning for a field of ``limit`` characters
    (cleaning a 9 MB title to keep 1,000 characters would cost for nothing),
    and ``raw``'s length when it was shortened (else 0), for :func:`cut`."""
    if len(raw) <= 4 * limit:
        return raw, 0
    return raw[: 4 * limit], len(raw)


def cut_optional(
    field: str, value: str | None, limit: int, *, total: int = 0
) -> tuple[str | None, str | None]:
    """:func:`cut` for a field that may be missing."""
    if value is None:
        return None, None
    return cut(field, value, limit, total=total)


def link(value: str | None) -> tuple[str | None, str | None]:
    """``value`` when it is at most :data:`MAX_URL` characters; else None and
    a note (a cut URL would point somewhere else)."""
    if value is None or len(value) <= MAX_URL:
        return value, None
    return None, f"link dropped: {len(value):,} characters, over {MAX_URL:,}"


def message(value: str | None) -> str | None:
    """An error message or note, at most :data:`MAX_MESSAGE` characters."""
    if value is None or len(value) <= MAX_MESSAGE:
        return value
    return value[: MAX_MESSAGE - 1] + "…"


def html_copy(value: str) -> tuple[str, str | None]:
    """The sanitized HTML copy, or ``''`` with a note when it is over :data:`MAX_HTML`."""
    if len(value) <= MAX_HTML:
        return value, None
    return "", f"content_html dropped: {len(value):,} characters, over {MAX_HTML:,}"


def plausible(
    field: str, value: datetime | None, raw: object, now: datetime | None
) -> tuple[datetime | None, str | None]:
    """``value`` when it lies between :data:`EARLIEST` and ``now`` plus
    :data:`FUTURE_SLACK` (without ``now``, only the lower bound and the
    calendar's end apply); else None, with a note that keeps ``raw`` (the
    date as the source wrote it) as text."""
    if value is None:
        return None, None
    latest = now + FUTURE_SLACK if now is not None else datetime.max.replace(tzinfo=UTC)
    # A margin below the calendar's end, so that date windows added to a kept
    # date can never overflow.
    latest = min(latest, datetime(9000, 1, 1, tzinfo=UTC))
    if EARLIEST <= value <= latest:
        return value, None
    text = str(raw if raw not in (None, "") else value.isoformat())[:100]
    return None, f"{field} date {text!r} is out of range; treated as unknown"


def unparsed(field: str, raw: object) -> str | None:
    """The note for a date the source gave but nobody could read."""
    text = str(raw or "").strip()
    if not text:
        return None
    return f"{field} date {text[:100]!r} could not be read; treated as unknown"


def join(*notes: str | None) -> str | None:
    """Notes as one ``items.notes`` value: ``'; '``-separated, None when empty."""
    kept = [n for n in notes if n]
    return "; ".join(kept) if kept else None
