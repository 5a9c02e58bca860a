"""The long-running service loop (``monitor run`` without ``--once``).

APScheduler only ticks; the database decides which feeds are due, so a restart
resumes where the last run stopped.  Every ``TICK_SECONDS`` a tick:

1. writes the heartbeat (``worker`` row), even when no feed is due;
2. polls the feeds that are due (the caller's ``poll``);
3. reports feeds failing for ``service.unhealthy_after`` that were not
   reported yet (:meth:`HealthStore.sweep_unhealthy`);
4. logs one ``event=tick`` line.

A separate light job beats every ``HEARTBEAT_SECONDS`` too, so that a long poll
(a page budget of minutes) never makes a live worker look dead.  The heartbeat
row says ``state = 'running'`` from the start and ``'stopped'`` after a clean
shutdown: on SIGTERM or SIGINT the current poll finishes its writes first,
then the row is marked and the lock is released by the caller.

Nothing here reads the wall clock except through ``clock``, so tests can
drive it with a fake one.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from types import FrameType
from typing import Protocol

from apscheduler.schedulers.blocking import BlockingScheduler

from monitor.ingest.pipeline import PollReport, utcnow
from monitor.logfmt import event
from monitor.storage.store import Store

log = logging.getLogger("monitor.worker")

# A tick running longer than this is stuck: polls are bounded by the request
# deadlines and extract.page_budget, far below it.
STUCK_AFTER = 30 * 60.0
TICK_SECONDS = 30
HEARTBEAT_SECONDS = 30


class Background(Protocol):
    """Something that runs beside the ticks (such as the outbox's delivery
    threads): started after the heartbeat row, stopped before the
    ``stopped`` row."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


def tick_stuck(running_since: Sequence[float], now: float, stuck_after: float) -> bool:
    """Whether the tick in progress (started at ``running_since[0]``, monotonic
    seconds) has run longer than ``stuck_after``."""
    return bool(running_since) and now - running_since[0] > stuck_after


def tick(
    store: Store,
    poll: Callable[[Store], PollReport],
    pid: int,
    clock: Callable[[], datetime] = utcnow,
) -> PollReport:
    """One tick: heartbeat, poll what is due, report long-failing feeds."""
    store.worker_beat(clock(), pid)
    report = poll(store)
    notified = store.sweep_unhealthy(clock())
    store.worker_beat(clock(), pid)
    event(
        log,
        "tick",
        polled=len(report.outcomes),
        ok=len(report.ok),
        failed=len(report.failed),
        new=report.new_items,
        unhealthy_reported=notified or None,
    )
    return report


def run_forever(
    store: Store,
    open_store: Callable[[], AbstractContextManager[Store]],
    poll: Callable[[Store], PollReport],
    *,
    clock: Callable[[], datetime] = utcnow,
    tick_seconds: float = TICK_SECONDS,
    heartbeat_seconds: float = HEARTBEAT_SECONDS,
    background: Sequence[Background] = (),
    stuck_after: float = STUCK_AFTER,
) -> int:
    """Tick every ``tick_seconds`` until SIGTERM or SIGINT.

    ``store`` is the caller's connection (it holds the worker lock) and is
    used on this thread only: for the ``running`` and ``stopped`` rows.
    Ticks run on the scheduler's threads, and SQLite connections stay on the
    thread that made them, so each tick opens its own with ``open_store``."""
    pid, host = os.getpid(), socket.gethostname()
    store.worker_started(clock(), pid, host)
    scheduler = BlockingScheduler(timezone="UTC")

    running_since: list[float] = []  # time.monotonic() of the tick in progress

    def run_tick() -> None:
        running_since.append(time.monotonic())
        try:
            with open_store() as tick_store:
                tick(tick_store, poll, pid, clock)
        except Exception as e:  # logged, and the next tick tries again
            log.exception("event=tick error=%r", f"{type(e).__name__}: {e}")
        finally:
            running_since.clear()

    def beat() -> None:
        # A tick stuck for longer than any poll may take (a resolver that never
        # answers, say) stops the heartbeat, so that `status --check` fails and
        # the container is restarted, instead of a live-looking dead service.
        if tick_stuck(running_since, time.monotonic(), stuck_after):
            log.error("event=tick-stuck seconds=%d", time.monotonic() - running_since[0])
            return
        try:
            beat_store = Store(store.path, store.settings)
            try:
                beat_store.worker_beat(clock(), pid)
            finally:
                beat_store.close()
        except Exception as e:  # a busy database: the next beat tries again
            log.warning("event=heartbeat error=%r", f"{type(e).__name__}: {e}")

    first = datetime.now(UTC)  # APScheduler's own timeline is the real clock
    scheduler.add_job(
        run_tick,
        "interval",
        seconds=tick_seconds,
        max_instances=1,
        coalesce=True,
        next_run_time=first,  # first tick at once
        id="tick",
    )
    scheduler.add_job(
        beat,
        "interval",
        seconds=heartbeat_seconds,
        max_instances=1,
        coalesce=True,
        id="heartbeat",
    )

    stopping: list[int] = []

    def stop(signum: int, _frame: FrameType | None) -> None:
        event(log, "shutdown", signal=signal.Signals(signum).name)
        stopping.append(signum)
        if scheduler.running:
            scheduler.shutdown(wait=True)  # the running tick finishes its writes

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    event(log, "start", database=str(store.path), pid=pid, host=host, tick=tick_seconds)
    started: list[Background] = []
    try:
        for job in background:
            job.start()
            started.append(job)
        if not stopping:  # a signal during start-up: do not start at all
            scheduler.start()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for job in reversed(started):
            job.stop()
        store.worker_stopped(clock(), pid)
        event(log, "stopped", pid=pid)
    return 0
