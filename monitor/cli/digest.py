"""``monitor digest --preview|--send [NAME]``: digest emails by hand or from cron.

``--preview`` shows the next digest (its text part, or the whole message as an
``.eml`` file with ``--output``) and marks nothing.  ``--send`` queues what is
pending now and delivers it at once, together with any earlier digest still
waiting in the outbox; run again right away, it sends nothing.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitor.config.load import Config
from monitor.errors import MonitorError, StoreError
from monitor.ingest.pipeline import utcnow

if TYPE_CHECKING:
    from monitor.config.notify import DigestConfig
    from monitor.storage.digests import DigestStore

__all__ = ["add_digest_parser", "cmd_digest"]

HANDOFF = timedelta(minutes=10)


def cmd_digest(config: Config, args: argparse.Namespace) -> int:
    from monitor.notify.digest.run import select_digests

    if not config.digests:
        raise MonitorError(
            "no [[digests]] are configured", hint="add a [[digests]] entry to the config file"
        )
    try:
        chosen = select_digests(config, args.name)
    except ValueError as e:
        raise MonitorError(str(e)) from e
    if args.output and not args.preview:
        raise MonitorError("--output goes with --preview")
    if args.output and len(chosen) > 1:
        raise MonitorError(
            f"--output writes one digest: name one ({', '.join(d.name for d in chosen)})"
        )
    from monitor.app import open_store

    with open_store(config) as store:
        digests = store
        if args.preview:
            return _preview(digests, config, chosen, args.output)
        return _send(digests, config, chosen)


def _preview(
    digests: DigestStore, config: Config, chosen: Sequence[DigestConfig], output: str | None
) -> int:
    from monitor.notify.digest.run import prepare_digest

    for d in chosen:
        prepared = prepare_digest(digests, config, d, utcnow())
        if prepared.message is None:
            print(f"digest {d.name}: nothing new")
            continue
        if output:
            _write(Path(output), prepared.message.as_bytes())
            print(f"digest {d.name}: {prepared.digest.total} new, written to {output} (not sent)")
            continue
        body = prepared.message.get_body(("plain",))
        print(f"To: {', '.join(d.to)}")
        print(f"Subject: {prepared.message['Subject']}")
        print()
        print(body.get_content() if body is not None else "", end="")
    return 0


def _send(digests: DigestStore, config: Config, chosen: Sequence[DigestConfig]) -> int:
    from monitor.notify.digest.run import deliver_pending, prepare_digest, record

    failed = False
    for d in chosen:
        now = utcnow()
        prepared = prepare_digest(digests, config, d, now)
        if prepared.message is not None:
            try:
                # Delivered just below; the service's delivery loop only
                # takes it if this process dies before recording the outcome.
                record(digests, prepared, None, now, next_attempt=now + HANDOFF)
            except StoreError as e:
                print(f"digest {d.name}: not queued: {e}")
                failed = True
                continue
        deliveries = deliver_pending(digests, config, d.name, utcnow())
        if not deliveries:
            print(f"digest {d.name}: nothing new")
        for result in deliveries:
            new = (
                f"{prepared.digest.total} new, "
                if result.msg_id == prepared.msg_id and prepared.message is not None
                else f"earlier digest {result.msg_id}, "
            )
            if result.ok:
                print(f"digest {d.name}: {new}sent: {result.detail}")
                continue
            failed = True
            again = (
                "it will not succeed until that is fixed"
                if result.permanent
                else "it is retried by `monitor run` or the next --send"
            )
            print(f"digest {d.name}: {new}not sent: {result.detail}; kept in the outbox ({again})")
    return 1 if failed else 0


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".eml")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise MonitorError(f"cannot write {path}: {e.strerror or e}") from e


def add_digest_parser(sub: Any) -> None:
    p = sub.add_parser(
        "digest",
        help="preview or send digest emails",
        description="Preview the next digest, or send what is pending now (for cron).",
    )
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument(
        "--preview",
        action="store_true",
        help="show the next digest without sending it or marking anything",
    )
    mode.add_argument(
        "--send", action="store_true", help="send what is pending now (again: nothing new)"
    )
    p.add_argument("name", nargs="?", metavar="NAME", help="one digest (default: every digest)")
    p.add_argument("--output", metavar="FILE", help="with --preview: write the message as .eml")
    p.set_defaults(func=cmd_digest)
