"""The article-page half of the store: page jobs, their results, learned
boilerplate and raw evidence.  Mixed into :class:`monitor.storage.store.Store`."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from monitor.dedupe.rules import text_key
from monitor.ingest import limits
from monitor.ingest.normalize import content_hash
from monitor.net.redact import redact_text
from monitor.storage.sqlbits import in_chunks
from monitor.text import boilerplate
from monitor.texts import iso
from monitor.types import SeedDocument
from monitor.urls import canonical_url, site_host

if TYPE_CHECKING:  # the extractor's heavy imports are not needed to store results
    from monitor.text.extract import Article

# Page text replaces the feed's own text unless it is less than this share of
# it: a paywall teaser or consent notice is shorter than the feed's summary.
MIN_PAGE_SHARE = 0.5


@dataclass(frozen=True)
class PageJob:
    """An item whose article page is to be fetched."""

    item_id: int
    url: str
    feed_id: int
    selector: str | None
    keep_html: bool
    feed_text: str


@dataclass(frozen=True)
class PageResult:
    """What fetching and extracting one page came to.  ``status`` is ``done``,
    ``failed`` (fetch error), ``skipped`` (not HTML) or ``timeout`` (the
    extraction ran over its limits)."""

    job: PageJob
    fetched: datetime
    status: str
    article: Article | None = None
    error: str | None = None
    content_type: str | None = None
    html: bytes | None = None
    final_url: str | None = None  # after redirects


@dataclass(frozen=True)
class BatchStats:
    new: int = 0
    changed: int = 0
    seen: int = 0
    matched: int = 0  # topic matches added


def _bounded(doc: SeedDocument, now: datetime) -> tuple[SeedDocument, str | None]:
    """A seed document within the limits of :mod:`monitor.ingest.limits`, and the note."""
    title, title_note = limits.cut("title", doc.title, limits.MAX_TITLE)
    author, author_note = limits.cut_optional("author", doc.author, limits.MAX_AUTHOR)
    text, text_note = limits.cut("text", doc.text, limits.MAX_TEXT)
    published, date_note = limits.plausible("published", doc.published, None, now)
    notes = limits.join(title_note, author_note, text_note, date_note)
    if notes is None:
        return doc, None
    return replace(doc, title=title, author=author, text=text, published=published), notes


class PageStore:
    """Items that do not come from a feed poll: seed captures and article pages."""

    db: Database

    def _tx(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    if TYPE_CHECKING:  # provided by the Store that mixes this in

        def items_changed(
            self, item_ids: Sequence[int], now: datetime, *, notify: bool = True
        ) -> int: ...

    # -- seeds -----------------------------------------------------------
    def import_seeds(self, docs: Iterable[SeedDocument], now: datetime) -> BatchStats:
        """Record seed documents as items with ``source = 'seed'``.  Idempotent:
        a seed already stored with the same content is left alone; one whose
        content changed (an edited file, improved cleaning rules) is updated."""
        new = changed = seen = 0
        touched: list[int] = []
        stamp = iso(now)
        with self._tx():
            for doc in docs:
                seen += 1
                doc, notes = _bounded(doc, now)
                digest = content_hash(doc.title, doc.text)
                row = self.db.execute(
                    "SELECT id, content_hash FROM items WHERE source = 'seed'"
                    " AND seed_file = ? AND entry_id = ?",
                    [doc.seed_file, doc.entry_id],
                ).fetchone()
                values = [doc.title, doc.author, iso(doc.published), doc.text, digest]
                if row is None:
                    cur = self.db.execute(
                        "INSERT INTO items (source, seed_file, entry_id, title, author,"
                        " published, text, content_hash, first_seen, last_changed,"
                        " feed_text, extraction, text_hash, notes) VALUES ('seed', ?, ?, ?, ?, ?,"
                        " ?, ?, ?, ?, ?, 'capture', ?, ?)",
                        [
                            doc.seed_file,
                            doc.entry_id,
                            *values,
                            stamp,
                            stamp,
                            doc.text,
                            text_key(doc.text),
                            notes,
                        ],
                    )
                    touched.append(int(cur.lastrowid or 0))
                    new += 1
                elif row[1] != digest:
                    self.db.execute(
                        "UPDATE items SET title = ?, author = ?, published = ?, text = ?,"
                        " content_hash = ?, last_changed = ?, text_hash = ?, notes = ?"
                        " WHERE id = ?",
                        [*values, stamp, text_key(doc.text), notes, row[0]],
                    )
                    touched.append(row[0])
                    changed += 1
            matched = self.items_changed(touched, now, notify=False)
        return BatchStats(new=new, changed=changed, seen=seen, matched=matched)

    def pending_pages(
        self, limit: int, feed_id: int | None = None, exclude: Iterable[int] = ()
    ) -> list[PageJob]:
        """Items waiting for their page, oldest first (restart-safe: the state
        is in ``items.page_status``)."""
        sql = (
            "SELECT i.id, i.url, i.feed_id, f.content_selector, f.keep_html, i.feed_text"
            " FROM items i JOIN feeds f ON f.id = i.feed_id"
            " WHERE i.page_status = 'pending' AND f.enabled = 1 AND f.fulltext = 1"
        )
        params: list[Any] = []
        if feed_id is not None:
            sql += " AND i.feed_id = ?"
            params.append(feed_id)
        skip = set(exclude)
        jobs = []
        for row in self.db.execute(sql + " ORDER BY i.id", params):
            if row[0] in skip:
                continue
            jobs.append(PageJob(row[0], row[1], row[2], row[3], bool(row[4]), row[5]))
            if len(jobs) >= limit:
                break
        return jobs

    def record_page(self, result: PageResult) -> str:
        """Store a page's outcome on its item; returns ``items.extraction``."""
        job, stamp = result.job, iso(result.fetched)
        with self._tx():
            if result.html is not None and job.keep_html:
                self.db.execute(
                    "INSERT INTO pages (item_id, url, fetched, content_type, sha256, html_gzip)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        job.item_id,
                        job.url,
                        stamp,
                        result.content_type,
                        hashlib.sha256(result.html).hexdigest(),
                        gzip.compress(result.html, 6),
                    ],
                )
            article = result.article
            if result.status != "done" or article is None or not article.text:
                # No page text: the item shows the feed's own (current) text, even
                # if an earlier fetch of the page had given more.
                note = result.error or (article.note if article else "") or "no text found"
                self.db.execute(
                    "UPDATE items SET text = feed_text, page_status = ?, page_fetched = ?,"
                    " page_error = ?, extraction = 'feed', extraction_note = ? WHERE id = ?",
                    [
                        result.status,
                        stamp,
                        limits.message(result.error and redact_text(result.error)),
                        limits.message(note),
                        job.item_id,
                    ],
                )
                self.items_changed([job.item_id], result.fetched)
                return "feed"
            fetched_url = result.final_url or job.url
            text, removed = article.text, list[str]()
            if scope := boilerplate.site_scope(fetched_url):
                # The scope is the host we fetched from, never the canonical URL
                # the page declares: a page must not teach another site's chrome.
                page = canonical_url(fetched_url) or fetched_url
                text, removed = self._strip_learned(scope, [article.text], [page], result.fetched)[
                    0
                ]
            method, note = article.method, article.note
            if len(text) < MIN_PAGE_SHARE * len(job.feed_text):
                method = "feed"
                note = (
                    f"page text ({len(text)} characters by {article.method}) is shorter than"
                    f" the feed's ({len(job.feed_text)}): paywall, consent page or teaser"
                )
            # Hashed as extracted, before learned boilerplate is stripped (which
            # changes as the site teaches it more).
            page_hash = content_hash(article.text) if method != "feed" else None
            if (
                page_hash
                and self.db.execute(
                    "SELECT 1 FROM items WHERE page_hash = ? AND id != ? LIMIT 1",
                    [page_hash, job.item_id],
                ).fetchone()
            ):
                # Another article's page gave exactly this text: a consent wall,
                # a paywall or an error page, not this article.  Kept out of the
                # item, so that it never makes different articles one story.
                method, page_hash = "feed", None
                note = "the page text is the same as another article's: consent wall or paywall"
            if removed:
                note = "; ".join(filter(None, [note, f"{len(removed)} boilerplate lines removed"]))
            published, date_note = limits.plausible(
                "page published", article.published, None, result.fetched
            )
            note = limits.join(note, date_note) or ""
            declared = article.canonical_url
            if site_host(declared) != site_host(fetched_url):
                declared = None  # a canonical on another site is not believed
            self.db.execute(
                "UPDATE items SET text = CASE WHEN ? = 'feed' THEN feed_text ELSE ? END,"
                " extraction = ?, extraction_note = ?, page_status = 'done', page_fetched = ?,"
                " page_error = NULL, page_canonical_url = ?, site_name = coalesce(?, site_name),"
                " page_hash = ?,"
                " author = coalesce(author, ?), published = coalesce(published, ?) WHERE id = ?",
                [
                    method,
                    text,
                    method,
                    limits.message(note or None),
                    stamp,
                    limits.link(declared)[0],
                    article.site_name,
                    page_hash,
                    article.author,
                    iso(published),
                    job.item_id,
                ],
            )
            # The page's text may place it in a story and match topics the teaser did not.
            self.items_changed([job.item_id], result.fetched)
            return method

    def _strip_learned(
        self,
        scope: str,
        texts: list[str],
        pages: list[str] | None,
        now: datetime,
        learn: bool = True,
    ) -> list[tuple[str, list[str]]]:
        """Count the blocks of the texts whose page (``pages``: a URL, an entry
        id) has not taught ``scope`` before (when ``learn``), then strip every
        block that has crossed the threshold from all of them.  ``pages=None``
        means every text is a page never seen before (new feed entries: an
        entry is new only once), which saves the bookkeeping."""
        stamp = iso(now)
        fresh: list[str] = list(texts) if learn and pages is None else []
        if learn and pages is not None:
            seen: set[str] = set()
            for chunk, marks in in_chunks(sorted(set(pages))):
                seen.update(
                    r[0]
                    for r in self.db.execute(
                        f"SELECT page FROM boilerplate_pages WHERE scope = ? AND page IN ({marks})",
                        [scope, *chunk],
                    )
                )
            taught: set[str] = set()
            for text, page in zip(texts, pages, strict=True):
                if page not in seen and page not in taught:
                    taught.add(page)
                    fresh.append(text)
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO boilerplate_pages (scope, page, seen) VALUES (?, ?, ?)",
                [(scope, page, stamp) for page in taught],
            )
        keys = sorted(set().union(*(boilerplate.page_keys(t) for t in texts)))
        known: dict[str, int] = {}
        for chunk, marks in in_chunks(keys):
            known.update(
                self.db.execute(
                    f"SELECT block, pages FROM boilerplate WHERE scope = ? AND block IN ({marks})",
                    [scope, *chunk],
                ).fetchall()
            )
        counts = {**known, **boilerplate.count(fresh, known)} if fresh else known
        if fresh:
            samples = {
                boilerplate.block_key(line): line
                for t in fresh
                for line in (raw.strip() for raw in t.split("\n"))
                if 0 < len(line) <= boilerplate.MAX_BLOCK
            }
            self.db.conn.executemany(
                "INSERT INTO boilerplate (scope, block, sample, pages, first_seen, last_seen)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope, block)"
                " DO UPDATE SET pages = excluded.pages, last_seen = excluded.last_seen",
                [
                    (scope, key, samples.get(key, ""), n, stamp, stamp)
                    for key, n in boilerplate.count(fresh, known).items()
                ],
            )
        return [boilerplate.strip(t, counts) for t in texts]

    def prune_boilerplate(self, before: datetime) -> int:
        """Forget lines that never became chrome and were last seen before
        ``before``, and which pages taught what before then."""
        with self._tx():
            cur = self.db.execute(
                "DELETE FROM boilerplate WHERE pages < ? AND last_seen < ?",
                [boilerplate.MIN_PAGES, iso(before)],
            )
            self.db.execute("DELETE FROM boilerplate_pages WHERE seen < ?", [iso(before)])
        return int(cur.rowcount)
