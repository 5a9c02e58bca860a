"""Plain-text page captures -> clean :class:`~monitor.types.SeedDocument` records.

A capture is text copied out of a browser with the page chrome still in it.  Two
kinds are recognised:

* a **rendered feed** -- at least two entries that carry a timestamp *with a time
  of day*, either as header lines ``• <date>: <title>`` followed by an indented
  body, or as listing lines ``<date>`` / ``<title>`` / summary paragraph.  Requiring
  a time of day keeps an article's dated timeline ("20 May 2024: ...") an article.
* anything else is an **article**: one record.

Every rule is generic (line shape, repetition, position, UI vocabulary); nothing
names a site.  When in doubt a line is kept: losing real text is worse than
leaving a little chrome.  Pure: no network, no disk, no clock.
"""

from __future__ import annotations

from datetime import datetime

from monitor.errors import CaptureError
from monitor.ingest.capture.feed import _find_entries, _parse_feed
from monitor.ingest.capture.rules import (
    _META,
    _TAIL,
    _TEASER_MARK,
    _byline,
    _clean_line,
    _dateline,
    _drop_repeats,
    _first_sentence_title,
    _is_chrome_line,
    _is_prose,
    _is_title_like,
    _merge_wraps,
    _strip_captions,
    normalize_text,
    parse_date,
)
from monitor.types import SeedDocument

__all__ = [
    "CaptureError",
    "clean_article_text",
    "normalize_text",
    "parse_article",
    "parse_capture",
    "parse_date",
]

TITLE_MAX = 120  # a title derived from the first sentence is cut to this many characters


# --------------------------------------------------------------------------- articles
def _take_metadata(text: str) -> tuple[datetime | None, str]:
    """A leading ``date 2025-12-11`` (``published:``/``updated:``) stamp is
    metadata: it gives the date and is cut from the text, even when text follows
    on the same line."""
    published = None
    while m := _META.match(text):
        published = published or parse_date(m.group("value"))
        text = text[m.end() :]
    return published, text


def parse_article(text: str, seed_file: str = "") -> SeedDocument:
    """The one record of an article capture.

    * the **tail** -- once at least half of the prose is behind, the first
      recommend box, tags line, comment section, "More in ..." list, related list
      or copyright footer -- is dropped whole;
    * chrome lines (menus, buttons, counters, toggles, credits), "READ" + teaser
      pairs and caption sentences ending in a photo credit are dropped;
    * the **head** runs to the second prose paragraph.  The first "By NAME" line
      in it gives ``author``, the first dated line gives ``published`` (unless a
      leading metadata stamp did).  The longest title-like line before the first
      prose paragraph is the title; without one the title is the first sentence
      (see :data:`TITLE_MAX`).  These lines are consumed, not listed in ``removed``;
    * paragraphs split by a hard wrap are re-joined, repeats (pull quotes) dropped.

    ``text`` has one paragraph per line-run, separated by blank lines.  Raises
    :class:`CaptureError` when nothing but chrome is left.
    """
    published, text = _take_metadata(normalize_text(text))
    units = [u for u in map(_clean_line, text.split("\n")) if u]
    removed: list[str] = []

    total = sum(len(u) for u in units if _is_prose(u) and not _is_chrome_line(u))
    seen, prose_count = 0, 0
    for k, unit in enumerate(units):
        if _is_prose(unit) and not _is_chrome_line(unit):
            seen, prose_count = seen + len(unit), prose_count + 1
        elif prose_count >= 2 and seen * 2 >= total and _TAIL.fullmatch(unit):
            units, tail = units[:k], units[k:]
            break
    else:
        tail = []

    kept: list[str] = []
    k = 0
    while k < len(units):
        unit = units[k]
        nxt = units[k + 1] if k + 1 < len(units) else ""
        if _TEASER_MARK.fullmatch(unit) and nxt and not _is_prose(nxt) and len(nxt.split()) <= 20:
            removed += [unit, nxt]
            k += 2
            continue
        if _is_chrome_line(unit):
            removed.append(unit)
        else:
            unit, captions = _strip_captions(unit)
            removed += captions
            if unit:
                kept.append(unit)
        k += 1

    prose = [i for i, u in enumerate(kept) if _is_prose(u)]
    head_end = prose[1] if len(prose) > 1 else len(kept)
    title_end = prose[0] if prose else len(kept)
    author, consumed = None, set()
    for i in range(head_end):
        if author is None and (byline := _byline(kept[i])):
            author, published = byline[0], published or byline[1]
            consumed.add(i)
        elif (when := _dateline(kept[i])) is not None:
            published = published or when
            consumed.add(i)
    candidates = [i for i in range(title_end) if i not in consumed and _is_title_like(kept[i])]
    title = ""
    if candidates:  # the site name is short, the headline long: take the longest
        best = max(candidates, key=lambda i: (len(kept[i].split()), -i))
        title = kept[best]
        consumed.add(best)

    paras = _merge_wraps([u for i, u in enumerate(kept) if i not in consumed])
    paras = _drop_repeats(paras, removed)
    removed += tail
    if not paras:
        raise CaptureError(f"{seed_file or 'capture'}: nothing but page chrome", removed)
    title = title or _first_sentence_title(paras[0])
    text = "\n\n".join(paras)
    return SeedDocument(seed_file, "", title, author, published, text, "article", tuple(removed))


def clean_article_text(text: str) -> str:
    """Just the clean text of an article capture (see :func:`parse_article`)."""
    return parse_article(text).text


# --------------------------------------------------------------------------- entry point
def parse_capture(text: str, seed_file: str) -> list[SeedDocument]:
    """Detect the kind of capture and return its records: one for an article
    capture, one per entry for a rendered feed capture.

    Feed entries get ``entry_id`` "1", "2", ... in document order, ``author=None``
    (the CMS user name at the end of a body is not a byline), and may have empty
    text.  Page lines outside any entry (intro, section headings, outro) go to
    the ``removed`` of the first entry or of the entry they follow.

    Raises :class:`CaptureError` for an empty capture and for an article capture
    with nothing but chrome (no record with empty text is made).
    """
    norm = normalize_text(text)
    if not norm.strip():
        raise CaptureError(f"{seed_file}: empty capture")
    lines = norm.split("\n")
    entries = _find_entries(lines)
    if len(entries) >= 2:
        return _parse_feed(lines, entries, seed_file)
    return [parse_article(norm, seed_file)]
