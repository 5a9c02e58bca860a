"""``monitor deliver``: send what the outbox holds now, for cron-driven setups
and for checking a receiver by hand (``monitor run`` delivers continuously)."""

from __future__ import annotations

import argparse
from typing import Any

from monitor.config.load import Config


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "deliver", help="send every due outbox message (webhooks, digests, notices) and exit"
    )
    p.set_defaults(func=cmd_deliver)


def cmd_deliver(config: Config, args: argparse.Namespace) -> int:
    from monitor.app import open_store
    from monitor.ingest.pipeline import utcnow
    from monitor.notify.deliver import Deliverer
    from monitor.storage.health import check_heartbeat

    with open_store(config) as store:
        worker = store.worker()
        alive, _why = check_heartbeat(worker, utcnow(), config.service.heartbeat_stale)
    if alive and worker is not None:
        # Two senders would send the same messages twice.
        print(f"monitor run (pid {worker.pid}) is delivering continuously; nothing to do")
        return 0
    reports = Deliverer(config, utcnow).drain()
    failed = False
    for name, r in reports.items():
        print(
            f"{name}: {r.delivered} delivered, {r.retried} to retry, {r.failed} given up,"
            f" {r.cancelled} cancelled"
        )
        for error in dict.fromkeys(r.errors):
            print(f"  error: {error}")
        failed |= bool(r.failed or r.retried or r.cancelled)
    if not reports:
        print("no channels configured ([[webhooks]], [[digests]], [[notify]])")
    return 1 if failed else 0
