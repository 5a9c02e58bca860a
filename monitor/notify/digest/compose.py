"""Digest emails: what goes in one, and the message itself.  Pure: no I/O, no
clock (``now`` is passed in), no database.

:func:`compose` turns the pending matches of one digest into a :class:`Digest`:
grouped by topic (in the order the config lists the topics), copies of one
story folded into one entry ("also reported by …"), and capped at
``max_items`` entries, the rest counted with a link to browse them.
:func:`render` turns a digest into a multipart/alternative email (plain text
and HTML) from the Jinja2 templates in ``monitor/templates/``; the HTML one is
autoescaped, and only absolute http(s) URLs ever become links.

Whatever feeds sent is shown on one line, without control, bidi or
unencodable characters, and capped (``LINE_CHARS``, the subject's name
``NAME_CHARS``, links ``monitor.urls.MAX_HREF``, sources ``SOURCES_SHOWN``), so that
``max_items`` bounds the size of the email, and no item, however broken, can
add a header or make rendering fail.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cache
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from monitor.urls import href

__all__ = [
    "Digest",
    "DigestEntry",
    "TopicGroup",
    "compose",
    "message_id",
    "one_line",
    "render",
]

TEMPLATES = Path(__file__).with_name("templates")
# Matched terms come back from FTS5's snippet() in [brackets].
_MARKED = re.compile(r"\[([^\[\]\n]{1,200})\]")
_MSG_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
# What one line of a digest may not show: what ingest strips from stored text
# (monitor.ingest.normalize: C0/C1 controls, CR and LF among them, bidi and zero-width
# characters), and lone surrogates, which no encoding can write.
_UNSHOWN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
LINE_CHARS = 300  # a title, snippet, excerpt or source name
NAME_CHARS = 60  # the digest's name in the subject
SOURCES_SHOWN = 10  # "also reported by" names listed; the rest are counted


@dataclass(frozen=True)
class DigestEntry:
    """One match as a digest lists it.

    ``feed`` is the source the item was first stored from (a feed's name, or
    ``seed: FILE``); ``also_reported_by`` the other sources carrying the same
    article or story.  ``snippet`` shows why it matched (terms in [brackets]);
    ``excerpt`` is the opening of the text.  ``published`` is aware UTC or None.
    """

    topic: str
    item_id: int
    title: str
    url: str | None
    published: datetime | None
    feed: str
    snippet: str = ""
    excerpt: str = ""
    story_id: int | None = None
    also_reported_by: tuple[str, ...] = ()
    match_id: int = 0

    def __post_init__(self) -> None:
        if self.published is not None and self.published.utcoffset() is None:
            raise ValueError(f"published must be an aware datetime, got {self.published!r}")


@dataclass(frozen=True)
class TopicGroup:
    """The entries of one topic; ``more`` were left out by the cap."""

    topic: str
    entries: tuple[DigestEntry, ...]
    more: int = 0
    browse_url: str | None = None


@dataclass(frozen=True)
class Digest:
    """One digest, ready to render.  ``total`` entries in all (after folding),
    of which ``shown`` are listed; ``more`` = ``total - shown``."""

    name: str
    generated: datetime
    groups: tuple[TopicGroup, ...]
    total: int
    shown: int
    more: int
    browse_url: str | None
    timezone: str = "UTC"

    @property
    def subject(self) -> str:
        """One line, whatever the name holds (it goes in a header)."""
        noun = "match" if self.total == 1 else "matches"
        return f"news-monitor digest {one_line(self.name, NAME_CHARS)}: {self.total} new {noun}"


def one_line(value: object, limit: int = LINE_CHARS) -> str:
    """``value`` as one line of at most ``limit`` characters ("…" ends a cut
    one): spaces folded, control, bidi and surrogate characters dropped.
    None is ""; never raises."""
    if value is None:
        return ""
    # Fold first, so CR/LF become spaces, then drop the rest and fold again.
    text = " ".join(_UNSHOWN.sub("", " ".join(str(value).split())).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def compose(
    name: str,
    entries: Sequence[DigestEntry],
    *,
    max_items: int,
    browse_url: str | None,
    now: datetime,
    topics: Sequence[str] = (),
    unloaded: int | Mapping[str, int] = 0,
    timezone: str = "UTC",
) -> Digest:
    """The digest of ``entries`` (the pending matches, any order).

    - Groups follow ``topics`` (the config's order); topics not listed there
      come after, by name.  Within a group, newest first.
    - Entries of one topic that share a ``story_id`` become one: the first one
      stored (lowest item id) stays, and the others' sources join its "also
      reported by".  An item matching two topics is listed under each.
    - At most ``max_items`` entries are listed, shared fairly between topics
      (a busy topic cannot crowd a quiet one out); the rest are counted, per
      topic and in all, with a link to ``browse_url``.
    - ``unloaded``: pending matches the caller did not load (it caps what it
      reads); they are counted in ``more`` as well, and in their topic's
      ``more`` when given per topic.
    """
    if max_items < 1:
        raise ValueError("max_items must be at least 1")
    if now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    by_topic: dict[str, list[DigestEntry]] = {}
    for entry in entries:
        by_topic.setdefault(entry.topic, []).append(entry)
    order = [t for t in dict.fromkeys(topics) if t in by_topic]
    order += sorted(t for t in by_topic if t not in order)
    folded = {topic: _newest_first(_fold(by_topic[topic])) for topic in order}
    quota = _share(max_items, [len(folded[t]) for t in order])
    base = href(browse_url.rstrip("/")) if browse_url else None
    per_topic = unloaded if isinstance(unloaded, Mapping) else {}
    groups = tuple(
        TopicGroup(
            topic,
            tuple(folded[topic][:n]),
            len(folded[topic]) - n + max(0, per_topic.get(topic, 0)),
            f"{base}/matches?topic={quote(topic, safe='')}" if base else None,
        )
        for topic, n in zip(order, quota, strict=True)
    )
    shown = sum(quota)
    left_out = unloaded.values() if isinstance(unloaded, Mapping) else [unloaded]
    total = sum(len(v) for v in folded.values()) + sum(max(0, n) for n in left_out)
    return Digest(
        name=name,
        generated=now.astimezone(UTC),
        groups=groups,
        total=total,
        shown=shown,
        more=total - shown,
        browse_url=base,
        timezone=timezone,
    )


def _fold(entries: list[DigestEntry]) -> list[DigestEntry]:
    """One entry per story: the first stored keeps its place, the others'
    sources are added to its "also reported by"."""
    kept: dict[int, DigestEntry] = {}
    extra: dict[int, list[str]] = {}
    out: list[DigestEntry | int] = []  # an int is a placeholder for a story
    for entry in sorted(entries, key=lambda e: e.item_id):
        if entry.story_id is None:
            out.append(entry)
        elif entry.story_id not in kept:
            kept[entry.story_id] = entry
            extra[entry.story_id] = []
            out.append(entry.story_id)
        else:
            extra[entry.story_id] += [entry.feed, *entry.also_reported_by]
    result = []
    for slot in out:
        if isinstance(slot, DigestEntry):
            result.append(slot)
            continue
        first = kept[slot]
        names = [n for n in dict.fromkeys([*first.also_reported_by, *extra[slot]])]
        result.append(replace(first, also_reported_by=tuple(n for n in names if n != first.feed)))
    return result


def _newest_first(entries: list[DigestEntry]) -> list[DigestEntry]:
    never = datetime.min.replace(tzinfo=UTC)
    return sorted(entries, key=lambda e: (e.published or never, e.item_id), reverse=True)


def _share(cap: int, sizes: list[int]) -> list[int]:
    """Split ``cap`` slots between groups of these sizes, one slot at a time
    round the groups, so each gets min(its size, a fair share)."""
    quota = [0] * len(sizes)
    left = cap
    while left > 0:
        open_groups = [i for i, n in enumerate(sizes) if quota[i] < n]
        if not open_groups:
            break
        for i in open_groups:
            if left == 0:
                break
            quota[i] += 1
            left -= 1
    return quota


def message_id(msg_id: str, sender: str = "") -> str:
    """The Message-ID header for outbox message ``msg_id``: the same on every
    retry, so that a mail client shows a message delivered twice once."""
    domain = sender.rpartition("@")[2].strip(" >") if "@" in sender else ""
    domain = _MSG_ID_UNSAFE.sub("", domain) or "news-monitor"
    return f"<{_MSG_ID_UNSAFE.sub('_', msg_id)}@{domain}>"


def render(digest: Digest, sender: str, recipients: Sequence[str], msg_id: str) -> EmailMessage:
    """The digest as a multipart/alternative message (text/plain, then
    text/html), with ``Message-ID`` derived from ``msg_id``.  Both parts are
    quoted-printable, so the whole message is ASCII and survives a round trip
    through a TEXT column unchanged."""
    env = _environment()
    context = {"d": digest}
    text = env.get_template("digest.txt.j2").render(context)
    html = env.get_template("digest.html.j2").render(context)
    message = EmailMessage()
    message["Subject"] = digest.subject
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(digest.generated)
    message["Message-ID"] = message_id(msg_id, sender)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies
    message["X-News-Monitor-Digest"] = one_line(digest.name, NAME_CHARS)
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    return message


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        # The HTML template escapes everything; the text one is plain text.
        autoescape=select_autoescape(
            enabled_extensions=("html.j2",), disabled_extensions=("txt.j2",), default=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["link"] = href
    env.filters["marked"] = _marked
    env.filters["plain"] = one_line
    env.filters["sources"] = _sources
    env.filters["when"] = _when
    return env


def _marked(snippet: str) -> Markup:
    """The snippet as one line, escaped, with FTS5's [matched terms] in bold."""
    return Markup(_MARKED.sub(r"<strong>\1</strong>", str(escape(one_line(snippet)))))


def _sources(names: Sequence[str]) -> str:
    """The first ``SOURCES_SHOWN`` names ("A, B, C"), then "and N more"."""
    shown = ", ".join(one_line(n) for n in names[:SOURCES_SHOWN])
    rest = len(names) - SOURCES_SHOWN
    return f"{shown} and {rest} more" if rest > 0 else shown


def _when(value: datetime | None, zone: str = "UTC") -> str:
    if value is None:
        return "undated"
    try:
        local = value.astimezone(ZoneInfo(zone))
    except (OverflowError, ValueError):  # near year 1 or 9999: no local time to show
        local = value
    return local.strftime("%Y-%m-%d %H:%M ") + (local.tzname() or zone)
