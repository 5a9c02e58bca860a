"""Putting digests together and out: shared by the service's tick
(:func:`run_due_digests`) and ``monitor digest`` (:mod:`monitor.cli.digest`).

Nothing here reads the clock: every function takes ``now``.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.errors import DeliveryError, StoreError
from monitor.notify.digest.compose import Digest, compose, render
from monitor.notify.digest.plan import due
from monitor.notify.mailer import send_email
from monitor.notify.retry import next_attempt
from monitor.storage.digests import DigestStore

if TYPE_CHECKING:
    from monitor.config.load import Config
    from monitor.config.notify import DigestConfig

__all__ = [
    "Delivery",
    "PreparedDigest",
    "deliver_pending",
    "outbox_dir",
    "prepare_digest",
    "record",
    "run_due_digests",
    "select_digests",
]

log = logging.getLogger("monitor.digest")

# Pending matches read for one digest, per topic and per entry it may list:
# enough to fold stories and share the cap between topics; the rest are only
# counted.
LOAD_FACTOR = 10
LOAD_MIN = 500


@dataclass(frozen=True)
class PreparedDigest:
    """The next digest of one ``[[digests]]`` entry, composed and rendered
    (``message`` is None when there is nothing new).  ``since_match_id`` and
    ``upto_match_id`` are the cursor range it covers."""

    config: DigestConfig
    digest: Digest
    message: EmailMessage | None
    msg_id: str
    since_match_id: int
    upto_match_id: int


@dataclass(frozen=True)
class Delivery:
    """One delivery attempt of an outbox message: ``ok`` and what happened
    (``"smtp 250 OK"``, ``"written …eml"``, or the error)."""

    channel: str
    msg_id: str
    ok: bool
    detail: str
    permanent: bool = False


def outbox_dir(config: Config) -> Path:
    """Where digests go as ``.eml`` files without SMTP: ``outbox/`` beside the
    database (``storage/outbox/`` by default)."""
    return Path(config.storage.database).parent / "outbox"


def prepare_digest(
    store: DigestStore, config: Config, digest: DigestConfig, now: datetime
) -> PreparedDigest:
    """Compose and render what ``digest`` would send at ``now``.  Reads only."""
    since = store.digest_cursor(digest.name)
    limit = max(LOAD_MIN, digest.max_items * LOAD_FACTOR)
    # The configured topics, not the `topics` table: only the lock holder
    # mirrors that, and this may run beside it with a newer config.
    topics = digest.topics or tuple(t.name for t in config.topics)
    entries, upto, counts = store.pending_matches(digest.name, topics, limit)
    loaded = Counter(e.topic for e in entries)
    composed = compose(
        digest.name,
        entries,
        max_items=digest.max_items,
        browse_url=config.service.browse_url,
        now=now,
        topics=topics,
        unloaded={topic: n - loaded[topic] for topic, n in counts.items()},
        timezone=digest.timezone,
    )
    msg_id = f"digest.{digest.name}.{upto}.{now.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    message = None
    if counts:
        message = render(composed, config.email.sender, digest.to, msg_id)
    return PreparedDigest(digest, composed, message, msg_id, since, upto)


def record(
    store: DigestStore,
    prepared: PreparedDigest,
    run: datetime | None,
    now: datetime,
    *,
    next_attempt: datetime | None = None,
) -> None:
    """Queue a prepared digest in the outbox and move its cursor (one
    transaction; StoreError when another process got there first).  See
    :meth:`DigestStore.record_digest` for ``next_attempt``."""
    assert prepared.message is not None
    d = prepared.config
    store.record_digest(
        d.name,
        run,
        prepared.upto_match_id,
        prepared.message.as_bytes(),
        prepared.msg_id,
        now,
        since_match_id=prepared.since_match_id,
        recipients=d.to,
        topics=d.topics,
        next_attempt=next_attempt,
    )


def run_due_digests(store: DigestStore, config: Config, now: datetime) -> list[str]:
    """The service's tick: for each configured digest whose scheduled run is
    due at ``now`` (:func:`monitor.notify.digest.plan.due`), queue the digest of its
    pending matches in the outbox (the delivery loop sends it), or, with
    nothing pending, just record the run.  Returns one line per digest acted
    on, for the log.  One digest's failure does not stop the others."""
    digests = store
    done: list[str] = []
    for d in config.digests:
        try:
            decision = due(digests.digest_baseline(d.name, now), now, d.plan())
            if decision.run is None:
                continue
            prepared = prepare_digest(digests, config, d, now)
            run = decision.run.isoformat(timespec="minutes")
            if prepared.message is None:
                digests.advance_digest_run(d.name, decision.run, prepared.upto_match_id)
                done.append(f"digest {d.name}: nothing new for the run of {run}")
                continue
            record(digests, prepared, decision.run, now)
        except StoreError as e:
            log.warning("event=digest_failed digest=%s error=%r", d.name, str(e))
            done.append(f"digest {d.name}: not queued: {e}")
            continue
        missed = " (folding missed runs)" if decision.missed else ""
        done.append(
            f"digest {d.name}: {prepared.digest.total} new for the run of {run}{missed},"
            f" queued as {prepared.msg_id}"
        )
    return done


def deliver_pending(
    store: DigestStore,
    config: Config,
    name: str,
    now: datetime,
    rng: random.Random | None = None,
) -> list[Delivery]:
    """Try every pending outbox message of digest ``name`` now, oldest first
    (``monitor digest --send``; the service's delivery loop does the same on
    its own schedule).  A delivered message is marked ``delivered``; a failed
    one keeps ``pending`` with the error recorded and its next attempt set
    (on the retry schedule of :mod:`monitor.notify.retry`), so it is never lost."""
    rng = rng or random.Random()
    results: list[Delivery] = []
    for msg_id, payload in store.pending_digest_messages(name):
        try:
            detail = send_email(
                payload.encode("utf-8"), config.email, outbox_dir(config), msg_id, channel=name
            )
        except DeliveryError as e:
            attempts = store.outbox_attempts(msg_id) + 1
            later = None if e.permanent else next_attempt(attempts, now, rng)
            store.mark_attempt_failed(msg_id, e.detail, now, later, status=e.status)
            results.append(Delivery(name, msg_id, False, e.detail, e.permanent))
            continue
        store.mark_delivered(msg_id, now, status=_status(detail))
        results.append(Delivery(name, msg_id, True, detail))
    return results


def _status(detail: str) -> int | None:
    words = detail.split()
    return int(words[1]) if len(words) > 1 and words[0] == "smtp" and words[1].isdigit() else None


def select_digests(config: Config, name: str | None) -> Sequence[DigestConfig]:
    """The digest named ``name``, or every configured one; ValueError naming
    the configured ones when there is no such digest."""
    if name is None:
        return config.digests
    chosen = [d for d in config.digests if d.name == name]
    if not chosen:
        known = ", ".join(d.name for d in config.digests) or "none"
        raise ValueError(f"no digest is named {name!r} (configured: {known})")
    return chosen
