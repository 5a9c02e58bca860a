"""Article pages -> clean main text.  Pure: no network, no disk, no clock.

:func:`extract_article` is the contract the pipeline and ``bench/extract.py``
use.  Methods, in order:

1. ``selector``: the feed's ``content_selector`` CSS selector, when configured
   and it matches (the per-site override, as Miniflux and FreshRSS offer);
2. ``trafilatura``: precision-oriented settings, no comments;
3. ``readability``: readability-lxml, when trafilatura finds too little;
4. nothing (``text == ''``): the caller keeps the feed's own text and records
   ``extraction = 'feed'`` with the reason from ``note``.

Whatever the method, paragraphs that only repeat another paragraph (pull
quotes) are dropped, and the headline is not repeated as the first line.
"""

from __future__ import annotations

import copy
import functools
import html as html_module
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import trafilatura
from bs4 import BeautifulSoup
from trafilatura.settings import Extractor
from trafilatura.utils import decode_file

from monitor.ingest import limits
from monitor.ingest.normalize import clean_text, clean_title, html_to_text
from monitor.urls import canonical_url

# Where a page's own canonical URL is looked for (the head, generously).
_HEAD = 200_000
# Below this many characters an extraction is "too little" and the next method is tried.
MIN_TEXT = 200
# A paragraph this long or longer that is contained in another one is a pull quote.
MIN_REPEAT = 40
# Lines after a call-to-action heading shorter than this are part of the box.
CTA_MAX = 160
# Below this many characters trafilatura's text is checked against readability's.
SHORT_TEXT = 1000

# "Read more: <headline>" teasers inside the body, in the languages we see most.
_TEASER = re.compile(
    r"(?:read more|read also|also read|related|see also|more on this|lire aussi|à lire aussi"
    r"|lea también|lee también|leia também|leia mais|mehr zum thema|lesen sie auch"
    r"|читайте також|читайте также|اقرأ أيضا|اقرأ أيضًا)\s*[:：–—-]",
    re.IGNORECASE,
)
_CTA = re.compile(
    r"(?:take action|act now|donate(?: now)?|sign (?:the|our) petition|support (?:us|our work)"
    r"|join us|get involved|subscribe(?: now)?|agissez|faites un don|firma la petición"
    r"|jetzt spenden|werden sie aktiv)[.!]?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Article:
    """What a page yielded.  ``text`` is ``''`` when nothing was found;
    ``note`` says why a fallback happened (empty when the first method won)."""

    text: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    method: str = ""
    note: str = ""


def drop_repeats(paragraphs: list[str]) -> list[str]:
    """Paragraphs without those that repeat another one: an exact repeat keeps
    its first occurrence; a paragraph contained in a longer one (a pull quote,
    before or after its source) goes."""
    folded = [" ".join(p.casefold().split()) for p in paragraphs]
    kept = []
    for i, (para, key) in enumerate(zip(paragraphs, folded, strict=True)):
        if len(key) >= MIN_REPEAT and any(
            (key == other and j < i) or (key != other and key in other)
            for j, other in enumerate(folded)
            if j != i
        ):
            continue
        kept.append(para)
    return kept


def drop_calls_to_action(paragraphs: list[str]) -> list[str]:
    """Paragraphs without teaser links ("Read more: …") and without a trailing
    call to action: a short "Take action" / "Donate" heading in the second
    half, with the short lines that follow it."""
    kept = [p for p in paragraphs if not _TEASER.match(p)]
    for i in range(len(kept) // 2, len(kept)):
        if _CTA.fullmatch(kept[i]) and all(len(p) < CTA_MAX for p in kept[i + 1 :]):
            return kept[:i]
    return kept


def _finish(text: str, title: str | None) -> str:
    paragraphs = [p for p in (line.strip() for line in clean_text(text).split("\n")) if p]
    # The headline repeated as the first line ("Findings" under "Findings | News").
    if title and paragraphs and title.casefold().startswith(paragraphs[0].casefold()):
        paragraphs = paragraphs[1:]
    return "\n\n".join(drop_calls_to_action(drop_repeats(paragraphs)))


def _date(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    try:
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+05:00 or 9999-12-31T23:00-05:00
        return None


_TAG = re.compile(r"<(meta|link)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_META_KEYS = {
    "title": ("og:title", "twitter:title", "dc.title"),
    "author": ("author", "article:author", "parsely-author", "dc.creator", "byl"),
    "published": ("article:published_time", "datepublished", "dc.date", "date", "pubdate"),
    "site_name": ("og:site_name", "application-name"),
    "url": ("og:url",),
}


def head_meta(markup: str) -> dict[str, str]:
    """The page's own metadata from its head: ``<link rel=canonical>`` and the
    usual meta tags (Open Graph, Dublin Core, article:*), first value wins.

    Read with two regular expressions rather than trafilatura's metadata pass,
    which costs a quarter of an extraction: the feed already gives an item's
    title, author and date, so the page's only fill gaps.
    """
    head = markup[:_HEAD]
    end = head.lower().find("</head>")
    head = head[: end if end > 0 else _HEAD]
    found: dict[str, str] = {}
    tags: dict[str, str] = {}
    for tag in _TAG.finditer(head):
        attrs = {
            m.group(1).lower(): next(v for v in m.groups()[1:] if v is not None)
            for m in _ATTR.finditer(tag.group(2))
        }
        if tag.group(1).lower() == "link":
            if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
                found.setdefault("canonical", html_module.unescape(attrs["href"]).strip())
            continue
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and attrs.get("content", "").strip():
            tags.setdefault(key, html_module.unescape(attrs["content"]).strip())
    for field, keys in _META_KEYS.items():
        for key in keys:
            if key in tags:
                found[field] = tags[key]
                break
    if "title" not in found and (title := _TITLE.search(head)):
        found["title"] = _without_site(html_module.unescape(title.group(1)).strip(), found)
    return found


def _without_site(title: str, found: dict[str, str]) -> str:
    """A <title> without its site suffix: "Findings | The News" -> "Findings"."""
    head, sep, tail = title.rpartition(" | ")
    if sep and head and len(tail.split()) <= 5:
        return head
    site = found.get("site_name", "").casefold()
    for dash in (" - ", " – ", " — "):
        head, sep, tail = title.rpartition(dash)
        if sep and head and site and tail.casefold() == site:
            return head
    return title


def _head_text(html: bytes) -> str:
    """The head as text: UTF-8, else the legacy Windows-1252 most such pages use."""
    head = html[:_HEAD]
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 3:  # only the cut split a character
            return head[: e.start].decode("utf-8")
        return head.decode("cp1252", errors="replace")


def _decoded(html: bytes | str) -> str:
    return decode_file(html) if isinstance(html, bytes) else html


@functools.lru_cache(maxsize=4)
def _base_options(day: str, balanced: bool) -> Extractor:
    # Precision over recall, no comments, no metadata pass (see head_meta).
    # Built once a day: building it costs 4% of an extraction, and it fixes
    # "today" as the latest plausible date.
    return Extractor(
        output_format="python",
        precision=not balanced,
        comments=False,
        tables=True,
    )


def _options(url: str | None, balanced: bool = False) -> Extractor:
    options = copy.copy(_base_options(date.today().isoformat(), balanced))
    options.url = options.source = url
    return options


def _by_selector(markup: str, selector: str) -> str:
    try:
        nodes = BeautifulSoup(markup, "lxml").select(selector)
    except Exception:  # soupsieve raises its own error types for a bad selector
        return ""
    return "\n\n".join(html_to_text(str(node)) for node in nodes)


def _by_readability(markup: str) -> str:
    from readability import Document  # loaded only when trafilatura falls short

    try:
        return html_to_text(Document(markup).summary(html_partial=True))
    except Exception:  # readability raises bare Exceptions on unparseable input
        return ""


def extract_article(
    html: bytes | str, url: str | None = None, *, selector: str | None = None
) -> Article:
    """The clean main text of an article page, with its metadata.

    ``html`` is the page as fetched (bytes: the charset is detected from the
    document); ``url`` is where it came from, used to resolve the canonical URL.
    ``selector`` is the feed's ``content_selector``.
    """
    doc = trafilatura.bare_extraction(html, url=url, options=_options(url))
    meta: dict[str, Any] = {}
    if isinstance(doc, dict):
        meta = doc
    elif doc is not None:
        meta = doc.as_dict()
    # Decoded here only for the head (trafilatura decodes bytes itself).
    page = head_meta(html if isinstance(html, str) else _head_text(html))
    title = clean_title(page.get("title") or str(meta.get("title") or "")) or None
    author = page.get("author", "")
    if author.startswith(("http://", "https://")):  # article:author is often a profile URL
        author = ""

    def article(text: str, method: str, notes: list[str]) -> Article:
        text, cut_note = limits.cut("page text", text, limits.MAX_TEXT)
        return Article(
            text,
            title=title[: limits.MAX_TITLE] if title else None,
            author=clean_title(author[: limits.MAX_AUTHOR]) or None,
            published=_date(page.get("published")),
            canonical_url=canonical_url(page.get("canonical") or page.get("url") or url, url),
            site_name=clean_title(page.get("site_name", "")[: limits.MAX_AUTHOR]) or None,
            method=method,
            note="; ".join(filter(None, [*notes, cut_note])),
        )

    notes: list[str] = []
    if selector:
        text = _finish(_by_selector(_decoded(html), selector), title)
        if text:
            return article(text, "selector", notes)
        notes.append(f"content_selector {selector!r} matched nothing")
    text = _finish(str(meta.get("text") or ""), title)
    if len(text) >= SHORT_TEXT:
        return article(text, "trafilatura", notes)
    # A short result may be precision mode missing a body that is not in <p> or
    # <article>: trafilatura's balanced mode gets a say when it finds far more.
    balanced = trafilatura.bare_extraction(html, url=url, options=_options(url, balanced=True))
    wider = _finish(str(getattr(balanced, "text", "") or ""), title)
    if len(wider) >= max(2 * len(text), MIN_TEXT):
        notes.append(f"precision mode found {len(text)} characters, balanced {len(wider)}")
        return article(wider, "trafilatura", notes)
    if len(text) >= MIN_TEXT:
        return article(text, "trafilatura", notes)
    notes.append(f"trafilatura found {len(text)} characters")
    fallback = _finish(_by_readability(_decoded(html)), title)
    if len(fallback) >= MIN_TEXT:
        return article(fallback, "readability", notes)
    notes.append(f"readability found {len(fallback)} characters")
    return article("", "", notes)


def extract_page(html: bytes, url: str | None, selector: str | None) -> Article:
    """:func:`extract_article` with positional arguments, for worker processes."""
    return extract_article(html, url, selector=selector)
