"""Benchmark: webhook delivery from the outbox.

Run from the project root::

    .venv/bin/python bench/deliver.py [--events 10000] [--failing 0.01]

Writes ``--events`` item.matched messages (~900-byte JSON bodies, as
``monitor.storage.outbox`` writes them) for one endpoint into a fresh database, and
starts the real delivery loop (``monitor.notify.deliver.Deliverer``, signing on)
against a loopback receiver in another process.  The receiver answers 204,
except the first attempt of ``--failing`` of the message ids, which get a 500;
those come back on the retry schedule (5 s later).  Reported: first-pass
deliveries/s, and the time until the outbox has no pending message for the
endpoint, each once with the endpoint alone and once with a second endpoint
whose receiver accepts connections and never answers (100 messages, 10 s
timeout): its thread waits, the healthy endpoint must not.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import multiprocessing
import socket
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.config.load import parse_config
from monitor.notify import events
from monitor.notify.deliver import Deliverer, channel_specs
from monitor.storage.store import Store

SECRET_ENV = "BENCH_WEBHOOK_SECRET"


def receiver(port_out: multiprocessing.connection.Connection, failing: float) -> None:
    seen: set[str] = set()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            msg_id = self.headers.get("webhook-id", "")
            bucket = int.from_bytes(hashlib.blake2b(msg_id.encode(), digest_size=4).digest())
            with lock:
                first = msg_id not in seen
                seen.add(msg_id)
            status = 500 if first and bucket / 0xFFFFFFFF < failing else 204
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_out.send(server.server_address[1])
    server.serve_forever()


def silent_server() -> tuple[socket.socket, list[socket.socket]]:
    """Accepts connections, reads nothing, never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            held.append(conn)

    threading.Thread(target=accept, daemon=True).start()
    return sock, held


def payload(n: int, now: str) -> str:
    item = events.MatchedItem(
        item_id=n,
        topic="media",
        title=f"Security forces detain protesters over the media law, report {n}",
        text="Security forces detained at least forty protesters in the capital on Saturday "
        "after a march against the new media law turned violent, according to witnesses. " * 4,
        url=f"https://wire.example/world/media-law-{n}",
        published=now,
        feed="wire",
        snippet="… a march against the new [media law] turned violent …",
        story_id=None,
        also_in=("paper", "ngo"),
    )
    return events.dumps(events.item_event(item, now, "http://127.0.0.1:8001/monitor"))


def run(port: int, n_events: int, hanging: bool) -> tuple[float, float, int]:
    import os

    os.environ[SECRET_ENV] = "whsec_" + "YmVuY2htYXJrIGtleQ=="
    with tempfile.TemporaryDirectory() as tmp:
        hooks = [{"name": "fast", "url": f"http://127.0.0.1:{port}/hook", "secret_env": SECRET_ENV}]
        silent = None
        if hanging:
            silent, _held = silent_server()
            hooks.append(
                {
                    "name": "stuck",
                    "url": f"http://127.0.0.1:{silent.getsockname()[1]}/hook",
                    "secret_env": SECRET_ENV,
                    "timeout": "10s",
                }
            )
        config = parse_config(
            {
                "storage": {"database": f"{tmp}/bench.db"},
                "http": {"allow_private": ["127.0.0.0/8"]},  # our loopback receivers
                "webhooks": hooks,
            }
        )
        now = datetime.now(UTC)
        store = Store(config.storage.database)
        store.sync_channels(channel_specs(config), now)
        stamp = now.isoformat(timespec="seconds")
        with store.transaction():
            for n in range(n_events):
                store.enqueue("fast", "item.matched", payload(n, stamp), now)
            for n in range(100 if hanging else 0):
                store.enqueue("stuck", "item.matched", payload(n, stamp), now)
        deliverer = Deliverer(config, lambda: datetime.now(UTC))
        started = time.perf_counter()
        deliverer.start()
        first_pass = None
        while True:
            pending, tried = store.db.execute(
                "SELECT sum(state = 'pending'), sum(attempts > 0) FROM outbox"
                " WHERE channel = 'fast'"
            ).fetchone()
            if first_pass is None and tried == n_events:
                first_pass = time.perf_counter() - started
            if not pending:
                break
            time.sleep(0.05)
        drained = time.perf_counter() - started
        retried = store.count("SELECT count(*) FROM outbox WHERE channel = 'fast' AND attempts > 1")
        deliverer.stop(timeout=15)
        if silent is not None:
            silent.close()
        store.close()
        return n_events / (first_pass or drained), drained, retried


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--failing", type=float, default=0.01)
    args = ap.parse_args()
    logging.getLogger("monitor").setLevel(logging.ERROR)  # the 500s are expected
    parent, child = multiprocessing.Pipe()
    proc = multiprocessing.Process(target=receiver, args=(child, args.failing), daemon=True)
    proc.start()
    port = parent.recv()
    print(
        f"bench/deliver.py: {args.events} events to one loopback endpoint (receiver in another"
        f" process), {args.failing:.0%} of first attempts answered 500, signing on"
    )
    try:
        for hanging in (False, True):
            rate, drained, retried = run(port, args.events, hanging)
            label = "with a hanging 2nd endpoint" if hanging else "endpoint alone"
            print(
                f"  {label:<28} first pass {rate:7.0f} deliveries/s;"
                f" outbox drained in {drained:5.1f} s ({retried} retried after a 500)",
                flush=True,
            )
    finally:
        proc.terminate()


if __name__ == "__main__":
    main()
