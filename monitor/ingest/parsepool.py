"""The feed-parsing worker pool: what runs in its processes (:func:`parse_job`),
how it is started (:func:`make_pool`), and how a failure is labelled for the
feed row (:func:`error_kind`, :func:`result_status`).  Errors cross back from
the workers as they are (monitor.errors pickles every field)."""

from __future__ import annotations

from concurrent.futures import Executor
from datetime import datetime

from monitor.errors import HTTPStatusError, MonitorError, ParseError
from monitor.text import lifeline
from monitor.types import ParsedFeed

__all__ = ["error_kind", "make_pool", "parse_job", "ready", "result_status"]


def parse_job(
    body: bytes, headers: dict[str, str], url: str, now: datetime | None = None
) -> ParsedFeed:
    """Runs in a worker process: parse.  ``now`` is when the body was fetched
    (it bounds the dates believed).  Raises NotAFeed or ParseError, which
    cross back to the main process as they are (monitor.errors pickles every
    field)."""
    # Imported here: a poll where every feed answers 304 never needs feedparser.
    from monitor.ingest.parse import parse_feed

    try:
        return parse_feed(body, headers, url, now)
    except MonitorError:
        raise
    except Exception as e:  # a bug must cost one feed, never the run
        # "from None": the cause may not pickle, and its text is in the message.
        raise ParseError(f"internal error: {type(e).__name__}: {e}") from None


def error_kind(error: MonitorError) -> str:
    """A short label for ``feeds.last_error_kind``: the error's ``kind``, the
    status for an HTTP error, else its class name."""
    if isinstance(error, HTTPStatusError):
        return f"http-{error.status}"
    return error.kind or type(error).__name__.lower()


def ready() -> bool:
    """A no-op whose completion tells that a worker process is up."""
    return True


def make_pool(workers: int) -> Executor:
    """The parse pool: forkserver workers that die with this process."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: never fork a process that already runs fetch threads.
    ctx = multiprocessing.get_context("forkserver")
    # "__main__" too: each worker re-runs the main script, which is then
    # already imported in the server instead of costing every worker 0.3 s.
    ctx.set_forkserver_preload(["__main__", "monitor.ingest.parse"])
    line = lifeline.child_end()  # the workers die with this process, even on kill -9
    return ProcessPoolExecutor(workers, ctx, initializer=lifeline.die_with_parent, initargs=(line,))


def result_status(error: MonitorError) -> int | None:
    return error.status if isinstance(error, HTTPStatusError) else None
