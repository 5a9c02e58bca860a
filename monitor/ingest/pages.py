"""Article pages: fetched on their own bounded thread pool and extracted in
sandboxed worker processes, so that neither a slow site nor a pathological page
can delay feed polling.  Part of the shell: the pipeline owns one per poll."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from monitor.errors import (
    MonitorError,
    SandboxError,
    SandboxMemory,
    SandboxTimeout,
    UnexpectedContentType,
)
from monitor.net.fetch import HTML_ACCEPT, Fetcher
from monitor.storage.pages import PageJob, PageResult
from monitor.text.sandbox import Sandbox

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class PageSettings:
    """Limits for article pages (``[extract]`` in the config)."""

    concurrency: int = 8
    max_per_poll: int = 500
    timeout: float = 10.0
    memory_mb: int = 512
    workers: int = 0  # extraction processes; 0: one per core
    budget: float = 120.0  # seconds a poll keeps fetching pages after its feeds are done


class PageFetcher:
    """Fetch a page through the feeds' fetcher (same SSRF gate, caps, deadline,
    per-host limit and User-Agent), then extract it in a sandbox.  Failures are
    results, never exceptions: the item then keeps its feed text."""

    def __init__(
        self, fetcher: Fetcher, settings: PageSettings, clock: Callable[[], datetime]
    ) -> None:
        self.fetcher = fetcher
        self.settings = settings
        self.clock = clock
        self._threads = ThreadPoolExecutor(settings.concurrency, thread_name_prefix="page")
        self._sandbox: Sandbox | None = None

    def submit(self, job: PageJob) -> Future[PageResult]:
        if self._sandbox is None:  # started on the first page: most polls have none
            self._sandbox = Sandbox(
                self.settings.workers or os.cpu_count() or 1,
                timeout=self.settings.timeout,
                memory_mb=self.settings.memory_mb,
                preload=["monitor.text.extract"],
            )
        return self._threads.submit(self._run, job, self._sandbox)

    def _run(self, job: PageJob, sandbox: Sandbox) -> PageResult:
        fetched = self.clock()
        try:
            page = self.fetcher.fetch(job.url, accept=HTML_ACCEPT, accept_types=HTML_TYPES)
        except UnexpectedContentType as e:
            return PageResult(job, fetched, "skipped", error=str(e), content_type=e.content_type)
        except MonitorError as e:
            return PageResult(job, fetched, "failed", error=str(e))
        html = page.body if job.keep_html else None
        # Imported here: trafilatura and friends cost 0.2 s of start-up, which a
        # poll with no new item never needs.
        from monitor.text.extract import extract_page

        result = partial(
            PageResult, job, fetched, content_type=page.content_type, html=html,
            final_url=page.final_url,
        )  # fmt: skip
        try:
            article = sandbox.submit(extract_page, page.body, page.final_url, job.selector).result()
        except (SandboxTimeout, SandboxMemory) as e:  # over its limits: "timeout"
            return result("timeout", error=str(e))
        except SandboxError as e:
            return result("failed", error=f"extraction failed: {e}")
        except Exception as e:  # the extractor's own bug: one page, not the poll
            return result("failed", error=f"extraction failed: {type(e).__name__}: {e}")
        return result("done", article)

    def close(self) -> None:
        self._threads.shutdown(wait=True, cancel_futures=True)
        if self._sandbox is not None:
            self._sandbox.close()
