"""The long-running service loop (``monitor run`` without ``--once``).

APScheduler only ticks; the database decides which feeds are due, so a restart
resumes where the last run stopped.  Adaptive intervals, delivery and health
checks arrive with the background-service issue (#6).
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from datetime import UTC, datetime
from types import FrameType
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler

from monitor.config import Config

log = logging.getLogger("monitor.worker")

TICK_SECONDS = 30


def run_forever(config: Config, poll_due: Callable[[], Any]) -> int:
    """Tick every ``TICK_SECONDS`` and poll the feeds that are due, until
    SIGTERM or SIGINT; the current poll finishes its writes first."""
    scheduler = BlockingScheduler(timezone="UTC")
    scheduler.add_job(
        poll_due,
        "interval",
        seconds=TICK_SECONDS,
        max_instances=1,
        coalesce=True,
        next_run_time=datetime.now(UTC),  # first tick at once
        id="tick",
    )

    def stop(signum: int, _frame: FrameType | None) -> None:
        log.info("event=shutdown signal=%d", signum)
        scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("event=start database=%s", config.storage.database)
    scheduler.start()
    return 0
