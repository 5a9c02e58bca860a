"""Builders for feed fixtures used across the tests."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape


def item(
    n: int,
    *,
    guid: str | None = "default",
    link: str | None = "default",
    title: str | None = None,
    body: str | None = None,
    date: str = "Fri, 22 Nov 2024 17:39:00 +0000",
) -> str:
    parts = [f"<title>{escape(title if title is not None else f'Story number {n}')}</title>"]
    if link is not None:
        parts.append(
            f"<link>{escape(link if link != 'default' else f'https://news.example/{n}')}</link>"
        )
    if guid is not None:
        parts.append(f"<guid>{escape(guid if guid != 'default' else f'urn:story:{n}')}</guid>")
    parts.append(f"<pubDate>{date}</pubDate>")
    text = body if body is not None else f"<p>Body of story {n} about human rights.</p>"
    parts.append(f"<description>{escape(text)}</description>")
    return "<item>" + "".join(parts) + "</item>"


def rss(items: Iterable[str], *, title: str = "Example news", encoding: str = "utf-8") -> bytes:
    doc = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://news.example/</link>"
        + "".join(items)
        + "</channel></rss>"
    )
    return doc.encode(encoding if encoding.lower() != "us-ascii" else "ascii", "xmlcharrefreplace")


def simple_feed(count: int, start: int = 1, **kw: str) -> bytes:
    return rss((item(n) for n in range(start, start + count)), **kw)
