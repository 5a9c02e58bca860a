"""The shell's core: poll a set of feeds end to end.

Fetches run on a thread pool (I/O bound; the fetcher enforces per-host
politeness), parsing runs on a process pool when there is enough of it to pay
for the processes (feedparser is CPU bound and holds the GIL), and every
database write happens on the calling thread, one transaction per feed.
A feed's failure is data: it is recorded on the feed row and never stops the
other feeds.
"""

from __future__ import annotations

import logging
import os
import queue
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from monitor.errors import HTTPStatusError, MonitorError, NotAFeed, ParseError
from monitor.ingest import schedule
from monitor.ingest.normalize import body_hash
from monitor.ingest.pages import PageFetcher, PageSettings
from monitor.ingest.parsepool import error_kind, make_pool, parse_job, ready, result_status
from monitor.logfmt import event
from monitor.net.fetch import Fetcher
from monitor.storage.pages import PageResult
from monitor.storage.store import BatchStats, FeedRow, FetchLog, Store
from monitor.types import FetchResult, ParsedFeed, Validators

log = logging.getLogger("monitor.pipeline")

# Worker processes are started to parse bodies only in a poll of at least
# POOL_MIN_FEEDS feeds, once more than POOL_AFTER bodies have changed: starting
# them costs ~0.3 s of CPU, about 20 parses.
POOL_MIN_FEEDS = 50
POOL_AFTER = 2
# Feed-state updates held back before they are written together (see Poller._flush).
DEFER_MAX = 5000


@dataclass(frozen=True)
class FeedOutcome:
    """What one poll of one feed came to, for the summary and the log."""

    name: str
    url: str
    ok: bool
    outcome: str  # new | unchanged | not-modified | error
    status: int | None = None
    new: int = 0
    changed: int = 0
    error: str | None = None
    matched: int = 0  # topic matches added
    ms: int | None = None  # how long the poll took


@dataclass
class PollReport:
    outcomes: list[FeedOutcome] = field(default_factory=list)
    # Article pages by result: an extraction method, or failed/skipped/timeout.
    pages: dict[str, int] = field(default_factory=dict)
    # Pages not started within the poll's page budget; the next poll takes them.
    pages_left: int = 0

    @property
    def ok(self) -> list[FeedOutcome]:
        return [o for o in self.outcomes if o.ok]

    @property
    def failed(self) -> list[FeedOutcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def new_items(self) -> int:
        return sum(o.new for o in self.outcomes)

    @property
    def changed_items(self) -> int:
        return sum(o.changed for o in self.outcomes)

    @property
    def matched(self) -> int:
        return sum(o.matched for o in self.outcomes)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Poller:
    """Polls feeds and records the results.  One instance per run."""

    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        *,
        max_connections: int = 32,
        parse_workers: int = 0,
        clock: Callable[[], datetime] = utcnow,
        on_done: Callable[[FeedOutcome], None] | None = None,
        pages: PageSettings | None = None,
        scheduling: schedule.Policy | None = None,
    ) -> None:
        self.store = store
        # How intervals adapt; the default keeps each feed on its own interval.
        self.scheduling = scheduling or schedule.Policy()
        self.fetcher = fetcher
        self.max_connections = max_connections
        self.parse_workers = parse_workers or os.cpu_count() or 1
        self.clock = clock
        self.on_done = on_done
        self.pages = pages
        self.pool_min_feeds = POOL_MIN_FEEDS
        self._pool: Executor | None = None
        self._use_pool = False
        self._parsed_inline = 0
        self._pool_ready: list[Future[bool]] = []
        self.pooled = 0
        self._deferred: list[Callable[[], object]] = []

    def poll(self, feeds: Sequence[FeedRow]) -> PollReport:
        """Poll ``feeds``, then fetch the article pages their new or changed
        items (and earlier polls' leftovers) are waiting for."""
        report = PollReport()
        if not feeds and self.pages is None:
            return report
        self._pool = None
        self._parsed_inline = 0
        self._pool_ready = []
        self.pooled = 0  # bodies parsed by worker processes in this poll
        self._use_pool = len(feeds) >= self.pool_min_feeds and self.parse_workers > 1
        self._deferred = []
        finished: queue.SimpleQueue[Future[Any]] = queue.SimpleQueue()
        pending: dict[Future[Any], tuple[str, Any, Any]] = {}

        def track(fut: Future[Any], stage: str, feed: Any, extra: Any) -> None:
            pending[fut] = (stage, feed, extra)
            fut.add_done_callback(finished.put)

        pages = PageFetcher(self.fetcher, self.pages, self.clock) if self.pages else None
        queued: set[int] = set()

        def enqueue_pages(feed_id: int | None = None) -> None:
            if pages is None or self.pages is None:
                return
            room = self.pages.max_per_poll - len(queued)
            for job in self.store.pending_pages(room, feed_id, queued) if room > 0 else ():
                queued.add(job.item_id)
                track(pages.submit(job), "page", None, job)

        threads = ThreadPoolExecutor(
            max_workers=max(1, min(self.max_connections, len(feeds))), thread_name_prefix="fetch"
        )
        try:
            for feed in feeds:
                track(threads.submit(self._fetch, feed), "fetch", feed, None)
            enqueue_pages()  # pages earlier polls left waiting
            cutoff: float | None = None  # when waiting for pages stops
            while pending:
                # Every feed has its outcome once the report holds one per feed.
                if cutoff is None and len(report.outcomes) == len(feeds) and self.pages:
                    cutoff = time.monotonic() + self.pages.budget
                if cutoff is not None and time.monotonic() >= cutoff:
                    # Pages must not hold up the next poll: those not started yet
                    # stay 'pending' for it; the ones in flight are bounded.
                    left = [
                        f
                        for f, (kind, _, _) in pending.items()
                        if kind == "page" and not f.cancelled() and f.cancel()
                    ]
                    report.pages_left += len(left)
                # A queue of finished futures, not wait(): wait() rescans every
                # pending future each time, which is quadratic in the feed count.
                try:
                    fut = finished.get(timeout=1.0 if cutoff is not None else None)
                except queue.Empty:
                    continue
                stage, feed, extra = pending.pop(fut)
                if stage == "page":
                    if not fut.cancelled():
                        self._page_done(report, fut)
                    continue
                try:
                    if stage == "fetch":
                        started, result = fut.result()
                        nxt = self._after_fetch(feed, started, result)
                        if isinstance(nxt, FeedOutcome):
                            self._done(report, nxt)
                        else:
                            track(nxt, "parse", feed, (started, result))
                    else:
                        started, result = extra
                        outcome = self._after_parse(feed, started, result, fut)
                        self._done(report, outcome)
                        if outcome.new or outcome.changed:
                            enqueue_pages(feed.id)
                except Exception as e:  # a bug or a store error costs this feed only
                    self._done(report, self._crashed(feed, e))
                if len(self._deferred) >= DEFER_MAX:
                    self._flush()
        finally:
            threads.shutdown(wait=True, cancel_futures=True)
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
            if pages is not None:
                pages.close()
            self._flush()
        return report

    def _page_done(self, report: PollReport, fut: Future[PageResult]) -> None:
        """Record one page's outcome; its failure is data, like a feed's."""
        try:
            result = fut.result()
            method = self.store.record_page(result)
        except Exception:
            log.exception("internal error while recording an article page")
            report.pages["failed"] = report.pages.get("failed", 0) + 1
            return
        key = method if result.status == "done" else result.status
        report.pages[key] = report.pages.get(key, 0) + 1
        event(
            log,
            "page",
            item=result.job.item_id,
            url=result.job.url,
            status=result.status,
            extraction=method,
            error=result.error,
        )

    def _crashed(self, feed: FeedRow, error: Exception) -> FeedOutcome:
        """An unexpected error while handling one feed: logged with its
        traceback, recorded on the feed if the database lets us, and reported."""
        log.exception("feed=%r internal error", feed.name)
        message = f"internal error: {type(error).__name__}: {error}"
        now = self.clock()
        entry = FetchLog(feed.url, now, 0, None, None, "error", message)
        nxt = schedule.next_after_failure(
            now, feed.name, feed.interval, feed.consecutive_failures + 1
        )
        try:
            self.store.record_failure(feed, entry, kind="internal", next_poll=nxt)
        except Exception:
            log.exception("feed=%r could not record the failure", feed.name)
        return FeedOutcome(feed.name, feed.url, False, "error", error=message)

    def _flush(self) -> None:
        """Write the deferred feed-state updates in one transaction.

        Polls that stored no entries (304, unchanged body, failure) only update
        the feed row and add a fetch log row.  Writing those while 32 fetch
        threads run costs a GIL hand-off per SQLite statement (measured: 0.9 s
        of a 1.8 s warm poll of 1,000 feeds); batched at the end, it is 0.05 s.
        A crash before the flush loses only those health updates: the next
        poll repeats the conditional GET, and no entry is ever lost.
        """
        if not self._deferred:
            return
        writes, self._deferred = self._deferred, []
        try:
            with self.store.transaction():
                for write in writes:
                    try:
                        write()  # its own savepoint: a failure undoes only this feed's update
                    except Exception:
                        log.exception("could not record a feed's poll state")
        except Exception:  # the commit itself failed: these health updates are lost
            log.exception("could not record %d feeds' poll state", len(writes))

    def _done(self, report: PollReport, outcome: FeedOutcome) -> None:
        report.outcomes.append(outcome)
        # INFO, not WARNING, for failures too: a failed feed is data, reported in the
        # summary and on the feed row; `monitor run` logs at INFO so the service shows it.
        event(
            log,
            "poll",
            feed=outcome.name,
            outcome=outcome.outcome,
            status=outcome.status,
            new=outcome.new if outcome.ok else None,
            changed=outcome.changed if outcome.ok else None,
            ms=outcome.ms,
            url=None if outcome.ok else outcome.url,
            error=outcome.error,
        )
        if self.on_done:
            self.on_done(outcome)

    def _fetch(self, feed: FeedRow) -> tuple[datetime, FetchResult | MonitorError]:
        started = self.clock()
        try:
            return started, self.fetcher.fetch(
                feed.url, Validators(etag=feed.etag, last_modified=feed.last_modified)
            )
        except MonitorError as e:
            return started, e
        except Exception as e:  # a bug must cost one feed, never the run
            log.exception("feed=%r internal error while fetching", feed.name)
            return started, MonitorError(f"internal error: {type(e).__name__}: {e}")

    def _after_fetch(
        self,
        feed: FeedRow,
        started: datetime,
        result: FetchResult | MonitorError,
    ) -> FeedOutcome | Future[ParsedFeed]:
        if isinstance(result, MonitorError):
            return self._failure(feed, started, result, result_status(result), error_kind(result))
        if result.status == 200 and body_hash(result.body) != feed.body_hash:
            # Bodies are parsed right here until worker processes are ready: most
            # polls change only a handful of feeds, and starting the workers takes
            # ~0.3 s, which then overlaps with fetching instead of delaying it.
            self._parsed_inline += 1
            if self._use_pool and self._parsed_inline > POOL_AFTER:
                if self._pool is None:
                    self._pool = make_pool(self.parse_workers)
                    self._pool_ready = [self._pool.submit(ready) for _ in range(self.parse_workers)]
                if all(f.done() for f in self._pool_ready):
                    self.pooled += 1
                    return self._pool.submit(
                        parse_job, result.body, result.headers, result.final_url, started
                    )
            done: Future[ParsedFeed] = Future()
            try:
                done.set_result(parse_job(result.body, result.headers, result.final_url, started))
            except MonitorError as e:
                done.set_exception(e)
            return done
        # 304, or a 200 whose body is byte-for-byte what we already processed.
        outcome = "not-modified" if result.status == 304 else "unchanged"
        return self._success(feed, started, result, None, outcome)

    def _after_parse(
        self,
        feed: FeedRow,
        started: datetime,
        result: FetchResult,
        parsed: Future[ParsedFeed],
    ) -> FeedOutcome:
        try:
            body = parsed.result()
        except (NotAFeed, ParseError) as e:
            return self._failure(feed, started, e, result.status, error_kind(e), result)
        return self._success(feed, started, result, body, "new")

    def _log(
        self,
        feed: FeedRow,
        started: datetime,
        status: int | None,
        outcome: str,
        result: FetchResult | None,
        error: str | None = None,
    ) -> FetchLog:
        return FetchLog(
            url=result.final_url if result else feed.url,
            started=started,
            duration_ms=int((self.clock() - started).total_seconds() * 1000),
            status=status,
            bytes=len(result.body) if result else None,
            outcome=outcome,
            error=error,
        )

    def _success(
        self,
        feed: FeedRow,
        started: datetime,
        result: FetchResult,
        parsed: ParsedFeed | None,
        outcome: str,
    ) -> FeedOutcome:
        now = self.clock()
        entry = self._log(feed, started, result.status, outcome, result)
        digest = body_hash(result.body) if result.status == 200 else None
        record = partial(self._record_success, feed, entry, result, parsed, digest, now)
        if parsed is None:  # nothing to store but the feed's state: defer it
            self._deferred.append(record)
            stats = BatchStats()
        else:
            stats = record()
        if parsed is not None and parsed.malformed:
            log.warning("feed=%r malformed=%r (entries recovered)", feed.name, parsed.malformed)
        return FeedOutcome(
            feed.name,
            feed.url,
            True,
            outcome if stats.new or stats.changed or outcome != "new" else "unchanged",
            result.status,
            stats.new,
            stats.changed,
            matched=stats.matched,
            ms=entry.duration_ms,
        )

    def _record_success(
        self,
        feed: FeedRow,
        entry: FetchLog,
        result: FetchResult,
        parsed: ParsedFeed | None,
        digest: str | None,
        now: datetime,
    ) -> BatchStats:
        """Record the good poll; the next poll is worked out in its
        transaction, once the entries are stored, so this batch counts towards
        the entry frequency.  A deferred poll does this at the flush, after
        the fetches, so its queries never compete with the fetch threads."""

        def plan() -> tuple[datetime, float]:
            policy = self.scheduling
            adapts = policy.adapts(feed.name)
            facts = self.store.schedule_facts(feed.id, now, count=adapts)
            interval = feed.interval
            if adapts:
                weekly = schedule.weekly_entries(facts.new_entries, facts.first_seen, now)
                interval = schedule.adaptive_interval(
                    weekly, feed.interval, policy.min_interval, policy.max_interval
                )
            wait = schedule.success_wait(
                interval,
                ttl_minutes=parsed.ttl_minutes if parsed else facts.ttl_minutes,
                update_seconds=parsed.update_seconds if parsed else facts.update_seconds,
                max_age=schedule.max_age(result.headers.get("cache-control")),
                high=policy.max_interval,
            )
            return schedule.due_at(now, feed.name, wait), wait

        return self.store.record_success(
            feed, entry, result, parsed, body_hash=digest, next_poll=plan
        )

    def _failure(
        self,
        feed: FeedRow,
        started: datetime,
        error: MonitorError,
        status: int | None,
        kind: str,
        result: FetchResult | None = None,
    ) -> FeedOutcome:
        failures = feed.consecutive_failures + 1
        paused = None
        nxt: datetime | None
        if isinstance(error, HTTPStatusError) and error.status == 410:
            paused = "410 Gone: the publisher removed this feed; change its url to resume"
            nxt = None
        else:
            retry_after = error.retry_after if isinstance(error, HTTPStatusError) else None
            nxt = schedule.next_after_failure(
                self.clock(), feed.name, feed.interval, failures, retry_after
            )
        message = str(error)
        entry = self._log(feed, started, status, "error", result, message)
        self._deferred.append(
            partial(
                self.store.record_failure,
                feed,
                entry,
                kind=kind,
                next_poll=nxt,
                paused_reason=paused,
            )
        )
        return FeedOutcome(
            feed.name, feed.url, False, "error", status, error=message, ms=entry.duration_ms
        )
