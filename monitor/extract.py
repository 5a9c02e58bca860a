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

import html as html_module
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import trafilatura
from bs4 import BeautifulSoup
from trafilatura.utils import decode_file

from monitor.normalize import canonical_url, clean_text, clean_title, html_to_text

# Below this many characters an extraction is "too little" and the next method is tried.
MIN_TEXT = 200
# A paragraph this long or longer that is contained in another one is a pull quote.
MIN_REPEAT = 40


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


def _finish(text: str, title: str | None) -> str:
    paragraphs = [p for p in (line.strip() for line in clean_text(text).split("\n")) if p]
    if title and paragraphs and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    return "\n\n".join(drop_repeats(paragraphs))


def _date(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


_CANONICAL = (
    re.compile(r"<link\b[^>]*\brel=[\"']?canonical\b[^>]*>", re.IGNORECASE),
    re.compile(r"<meta\b[^>]*\bproperty=[\"']?og:url\b[^>]*>", re.IGNORECASE),
)
_ATTR = re.compile(r"\b(?:href|content)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)


def _declared_canonical(markup: str) -> str | None:
    """The URL the page declares for itself: ``<link rel=canonical>``, else ``og:url``."""
    head = markup[:200_000]
    for pattern in _CANONICAL:
        for tag in pattern.finditer(head):
            attr = _ATTR.search(tag.group(0))
            if attr and (value := next(v for v in attr.groups() if v is not None).strip()):
                return html_module.unescape(value)
    return None


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
    markup = decode_file(html) if isinstance(html, bytes) else html
    doc = trafilatura.bare_extraction(
        markup,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )
    meta: dict[str, Any] = {}
    if isinstance(doc, dict):
        meta = doc
    elif doc is not None:
        meta = doc.as_dict()
    title = clean_title(str(meta.get("title") or "")) or None

    def article(text: str, method: str, notes: list[str]) -> Article:
        return Article(
            text,
            title=title,
            author=clean_title(str(meta.get("author") or "")) or None,
            published=_date(meta.get("date")),
            canonical_url=canonical_url(_declared_canonical(markup), url)
            or canonical_url(meta.get("url"), url),
            site_name=clean_title(str(meta.get("sitename") or "")) or None,
            method=method,
            note="; ".join(notes),
        )

    notes: list[str] = []
    if selector:
        text = _finish(_by_selector(markup, selector), title)
        if text:
            return article(text, "selector", notes)
        notes.append(f"content_selector {selector!r} matched nothing")
    text = _finish(str(meta.get("text") or ""), title)
    if len(text) >= MIN_TEXT:
        return article(text, "trafilatura", notes)
    notes.append(f"trafilatura found {len(text)} characters")
    fallback = _finish(_by_readability(markup), title)
    if len(fallback) >= MIN_TEXT:
        return article(fallback, "readability", notes)
    notes.append(f"readability found {len(fallback)} characters")
    return article("", "", notes)


def extract_page(html: bytes, url: str | None, selector: str | None) -> Article:
    """:func:`extract_article` with positional arguments, for worker processes."""
    return extract_article(html, url, selector=selector)
