"""The service half of the store: feed health and its operator notices, the
worker heartbeat, and the facts the adaptive schedule is worked out from.
Mixed into :class:`monitor.storage.store.Store`.

Feed health:
- ``feeds.failing_since`` is set by the first failure of a streak and cleared
  by the next success;
- once a feed has been failing for ``unhealthy_after`` (and
  ``unhealthy_notified`` is ``NULL``), one ``feed.failing`` operator notice is
  written to the outbox and ``unhealthy_notified`` is set; the next success
  writes one ``feed.recovered`` notice and clears both.  The notices are
  written in the transaction that records the poll (or by the worker's sweep,
  for a feed that is paused or waiting out a long backoff).

The worker heartbeat is the single row ``worker.id = 1``: written when the
service starts (``state = 'running'``), on every tick, and with ``state =
'stopped'`` on a clean shutdown.  :func:`check_heartbeat` (pure) says whether
it is healthy.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from monitor.ingest.schedule import WEEK, format_duration
from monitor.storage.settings import StoreSettings
from monitor.texts import iso


@dataclass(frozen=True)
class ScheduleFacts:
    """What the adaptive schedule needs to know about one feed."""

    # Entries first seen in the last week, the feed's first batch not counted.
    new_entries: int
    # When the feed's first batch was seen (None: no entry yet).
    first_seen: datetime | None
    # The publisher's hints as last parsed (a 304 carries no body).
    ttl_minutes: int | None
    update_seconds: int | None


@dataclass(frozen=True)
class WorkerRow:
    pid: int
    host: str
    started: str
    heartbeat: str
    state: str  # running | stopped


def _when(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def check_heartbeat(worker: WorkerRow | None, now: datetime, stale: float) -> tuple[bool, str]:
    """Whether the service is alive: its heartbeat is at most ``stale``
    seconds old and it has not stopped.  Returns the verdict and one line
    saying why (without a verdict word: ``monitor status --check`` adds one)."""
    if worker is None:
        return False, "no worker heartbeat: the service (`monitor run`) never ran on this database"
    who = f"pid {worker.pid} on {worker.host}"
    if worker.state != "running":
        return False, f"the worker stopped at {worker.heartbeat} ({who})"
    age = max(0.0, (now - _when(worker.heartbeat)).total_seconds())
    if age > stale:
        return False, (
            f"the worker's last heartbeat is {format_duration(age)} old"
            f" (stale after {format_duration(stale)}; {who}, last at {worker.heartbeat})"
        )
    return True, f"the worker is running ({who}); heartbeat {format_duration(age)} ago"


class HealthStore:
    db: Database
    settings: StoreSettings  # given to the Store at construction

    if TYPE_CHECKING:  # provided by Store and OutboxStore in the Store that mixes this in

        def _tx(self) -> AbstractContextManager[None]: ...

        def enqueue_operator(
            self, event: str, payload: dict[str, Any], now: datetime, feed_id: int
        ) -> int: ...

    # -- the schedule ----------------------------------------------------
    def schedule_facts(self, feed_id: int, now: datetime, *, count: bool = True) -> ScheduleFacts:
        """The feed's entry count of the last week and its stored publisher
        hints; two lookups on the ``sightings(feed_id, first_seen)`` index.
        Without ``count`` only the hints are read."""
        row = self.db.execute(
            "SELECT ttl_minutes, update_period_seconds FROM feeds WHERE id = ?", [feed_id]
        ).fetchone()
        ttl, update = row if row else (None, None)
        if not count:
            return ScheduleFacts(0, None, ttl, update)
        (first,) = self.db.execute(
            "SELECT min(first_seen) FROM sightings WHERE feed_id = ?", [feed_id]
        ).fetchone()
        new = 0
        if first is not None:
            since = iso(now - timedelta(seconds=WEEK))
            (new,) = self.db.execute(
                "SELECT count(*) FROM sightings WHERE feed_id = ? AND first_seen >= ?"
                " AND first_seen > ?",
                [feed_id, since, first],
            ).fetchone()
        return ScheduleFacts(int(new), _when(first) if first else None, ttl, update)

    # -- feed health -----------------------------------------------------
    def _feed_health(self, feed_id: int, ok: bool, now: datetime) -> None:
        """Track the feed's failure streak after a poll (``ok``: it
        succeeded); call inside the transaction that records the poll."""
        row = self.db.execute(
            "SELECT failing_since, unhealthy_notified FROM feeds WHERE id = ?", [feed_id]
        ).fetchone()
        if row is None:
            return
        since, notified = row
        if ok:
            if since is None and notified is None:
                return
            if notified is not None:
                self.enqueue_operator(
                    "feed.recovered", self._recovered(feed_id, since, now), now, feed_id
                )
            self.db.execute(
                "UPDATE feeds SET failing_since = NULL, unhealthy_notified = NULL WHERE id = ?",
                [feed_id],
            )
            return
        if since is None:
            since = iso(now)
            self.db.execute("UPDATE feeds SET failing_since = ? WHERE id = ?", [since, feed_id])
        if (
            notified is None
            and (now - _when(since)).total_seconds() >= self.settings.unhealthy_after
        ):
            self._notify_failing(feed_id, now)

    def sweep_unhealthy(self, now: datetime) -> int:
        """Report every enabled feed that has been failing for
        ``unhealthy_after`` and was not reported yet: paused feeds and feeds
        in a long backoff are not polled, so their next failure would come
        late.  Returns how many feeds were reported."""
        cutoff = iso(now - timedelta(seconds=self.settings.unhealthy_after))
        ids = [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM feeds WHERE enabled = 1 AND failing_since IS NOT NULL"
                " AND failing_since <= ? AND unhealthy_notified IS NULL ORDER BY id",
                [cutoff],
            )
        ]
        for feed_id in ids:
            with self._tx():
                self._notify_failing(feed_id, now)
        return len(ids)

    def _notify_failing(self, feed_id: int, now: datetime) -> None:
        row = self.db.execute(
            "SELECT name, url, failing_since, consecutive_failures, last_error, last_error_kind,"
            " last_status, last_error_at, paused_reason FROM feeds WHERE id = ?",
            [feed_id],
        ).fetchone()
        name, url, since, failures, error, kind, status, error_at, paused = row
        payload = {
            "feed": name,
            "url": url,
            "failing_since": since,
            "failing_for": format_duration((now - _when(since)).total_seconds()),
            "consecutive_failures": failures,
            "last_error": error,
            "last_error_kind": kind,
            "last_status": status,
            "last_error_at": error_at,
            "paused_reason": paused,
        }
        self.enqueue_operator("feed.failing", payload, now, feed_id)
        self.db.execute("UPDATE feeds SET unhealthy_notified = ? WHERE id = ?", [iso(now), feed_id])

    def _recovered(self, feed_id: int, since: str | None, now: datetime) -> dict[str, Any]:
        name, url = self.db.execute(
            "SELECT name, url FROM feeds WHERE id = ?", [feed_id]
        ).fetchone()
        down = (now - _when(since)).total_seconds() if since else None
        return {
            "feed": name,
            "url": url,
            "failing_since": since,
            "recovered": iso(now),
            "failed_for": format_duration(down) if down is not None else None,
        }

    def feed_status(self) -> list[dict[str, Any]]:
        """Every feed with its health and schedule, for ``monitor status``:
        failing feeds first, the longest-failing at the top."""
        rows = self.db.execute(
            "SELECT name, url, enabled, last_success, last_error, last_error_kind,"
            " last_error_at, consecutive_failures, next_poll, paused_reason, malformed,"
            " failing_since, unhealthy_notified, interval_seconds, effective_interval,"
            " (SELECT count(*) FROM sightings s WHERE s.feed_id = feeds.id) AS items"
            " FROM feeds ORDER BY enabled DESC, failing_since IS NULL, failing_since,"
            " consecutive_failures DESC, name"
        )
        cols = [d[0] for d in rows.description]
        return [dict(zip(cols, r, strict=True)) for r in rows]

    # -- the worker heartbeat --------------------------------------------
    def worker_started(self, now: datetime, pid: int, host: str) -> None:
        stamp = iso(now)
        with self._tx():
            self.db.execute(
                "INSERT INTO worker (id, pid, host, started, heartbeat, state)"
                " VALUES (1, ?, ?, ?, ?, 'running') ON CONFLICT(id) DO UPDATE SET"
                " pid = excluded.pid, host = excluded.host, started = excluded.started,"
                " heartbeat = excluded.heartbeat, state = 'running'",
                [pid, host, stamp, stamp],
            )

    def worker_beat(self, now: datetime, pid: int) -> bool:
        """Record that worker ``pid`` is alive; False when the row is not its
        own (another worker took over) or it has stopped."""
        with self._tx():
            cur = self.db.execute(
                "UPDATE worker SET heartbeat = ? WHERE id = 1 AND pid = ? AND state = 'running'",
                [iso(now), pid],
            )
        return bool(cur.rowcount)

    def worker_stopped(self, now: datetime, pid: int) -> None:
        with self._tx():
            self.db.execute(
                "UPDATE worker SET heartbeat = ?, state = 'stopped' WHERE id = 1 AND pid = ?",
                [iso(now), pid],
            )

    def worker(self) -> WorkerRow | None:
        row = self.db.execute(
            "SELECT pid, host, started, heartbeat, state FROM worker WHERE id = 1"
        ).fetchone()
        return WorkerRow(*row) if row else None
