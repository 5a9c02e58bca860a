"""A loopback webhook receiver for tests: records every delivery, checks its
Standard Webhooks signature, and answers as a test scripts it.

Use the ``webhook_receiver`` fixture (tests/fixtures_notify.py)::

    webhook_receiver.script(Reply.error(500), Reply.too_many(retry_after="30"))
    ...deliver to webhook_receiver.url (allow_private=(webhook_receiver.host_port,))...
    first, second, third = webhook_receiver.wait_for(3)
    assert third.verified and third.reply.status == 200   # the script ran out: default 200

Scripted replies are used one per request, in order; when the script runs out
every request gets ``receiver.default`` (200 unless changed).  ``Reply.hanging()``
reads the request and never answers, holding the connection until the server
stops.  The signature is checked with tests/webhook_verify_snippet.py, the
receiver-side code the README shows, not with monitor.notify.signing: an independent
implementation, so a bug shared by sender and checker cannot hide.

It binds 127.0.0.1 on an ephemeral port and never talks to anything else.
"""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from tests.webhook_verify_snippet import verify_webhook

HANG_LIMIT = 60.0  # seconds: a hung reply gives up by itself if a test forgets to stop


@dataclass(frozen=True)
class Reply:
    """One scripted answer.  The classmethods name the usual ones."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    hang: bool = False  # read the request, never answer; close when the server stops

    @classmethod
    def ok(cls, status: int = 200) -> Reply:
        return cls(status)

    @classmethod
    def error(cls, status: int = 500) -> Reply:
        return cls(status, b"error")

    @classmethod
    def gone(cls) -> Reply:
        return cls(410, b"gone")

    @classmethod
    def too_many(cls, retry_after: str | None = "1") -> Reply:
        headers = () if retry_after is None else (("Retry-After", retry_after),)
        return cls(429, b"slow down", headers)

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> Reply:
        return cls(status, b"", (("Location", location),))

    @classmethod
    def hanging(cls) -> Reply:
        return cls(0, hang=True)


@dataclass(frozen=True)
class Delivery:
    """One request as received."""

    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: bytes
    received_at: float  # time.time()
    monotonic: float  # time.monotonic(), for measuring gaps between attempts
    verified: bool | None  # signature valid now; None when the receiver has no secret
    reply: Reply

    def json(self) -> Any:
        return json.loads(self.body)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 10  # idle keep-alive connections end by themselves
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        receiver = self.server.owner
        body = self._read_body()
        headers = {k.lower(): v for k, v in self.headers.items()}
        reply = receiver._next_reply()
        verified = None
        if receiver.secret is not None:
            verified = verify_webhook(
                receiver.secret, headers, body, tolerance=receiver.tolerance, now=time.time()
            )
        receiver._record(
            Delivery(
                self.command,
                self.path,
                headers,
                body,
                time.time(),
                time.monotonic(),
                verified,
                reply,
            )
        )
        if reply.hang:
            receiver.stopping.wait(HANG_LIMIT)
            self.close_connection = True
            return
        lines = [f"HTTP/1.1 {reply.status} {_reason(reply.status)}"]
        lines += [f"{name}: {value}" for name, value in reply.headers]
        lines += ["Content-Type: text/plain", f"Content-Length: {len(reply.body)}"]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head + (b"" if self.command == "HEAD" else reply.body))

    do_GET = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_POST

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""


def _reason(status: int) -> str:
    return _Handler.responses.get(status, ("Unknown",))[0]


class _Server(ThreadingHTTPServer):
    # Non-daemon handler threads, joined by server_close(): a test that ends
    # leaves no thread behind.  stop() unblocks them first.
    daemon_threads = False
    block_on_close = True
    owner: WebhookReceiver

    def get_request(self) -> tuple[Any, Any]:
        conn, address = super().get_request()
        self.owner._opened(conn)
        return conn, address

    def shutdown_request(self, request: Any) -> None:
        self.owner._closed(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that hang up (timeouts are what many tests are about) are
        # expected; anything else is a bug the test should see.
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError | TimeoutError | OSError):
            self.owner.errors.append(error)
            super().handle_error(request, client_address)


class WebhookReceiver:
    """A threaded HTTP/1.1 webhook receiver on 127.0.0.1:<ephemeral port>.

    ``secret``: check each delivery's signature with it (``Delivery.verified``);
    ``tolerance``: the timestamp window for that check, in seconds.
    """

    def __init__(self, secret: str | None = None, tolerance: int = 300) -> None:
        self.secret = secret
        self.tolerance = tolerance
        self.default = Reply()
        self.deliveries: list[Delivery] = []
        self.errors: list[BaseException | None] = []
        self.stopping = threading.Event()
        self._script: deque[Reply] = deque()
        self._connections: set[socket.socket] = set()
        self._changed = threading.Condition()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def host_port(self) -> str:
        """``"127.0.0.1:<port>"``: the entry for ``FetchPolicy.allow_private``."""
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return self.url_for("/hook")

    def url_for(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def script(self, *replies: Reply) -> None:
        """Queue replies for the next requests, in order (after any still queued)."""
        with self._changed:
            self._script.extend(replies)

    def pending(self) -> int:
        """Scripted replies not used yet."""
        with self._changed:
            return len(self._script)

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Delivery]:
        """Block until ``count`` deliveries arrived (all of them are returned);
        AssertionError on timeout, with what did arrive."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.deliveries) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"expected {count} deliveries within {timeout}s, got "
                        f"{len(self.deliveries)}: {[d.reply.status for d in self.deliveries]}"
                    )
                self._changed.wait(left)
            return list(self.deliveries)

    def _next_reply(self) -> Reply:
        with self._changed:
            return self._script.popleft() if self._script else self.default

    def _record(self, delivery: Delivery) -> None:
        with self._changed:
            self.deliveries.append(delivery)
            self._changed.notify_all()

    def _opened(self, conn: socket.socket) -> None:
        with self._changed:
            self._connections.add(conn)

    def _closed(self, conn: socket.socket) -> None:
        with self._changed:
            self._connections.discard(conn)

    def start(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # releases hung replies
        self._httpd.shutdown()
        with self._changed:
            open_connections = list(self._connections)
        for conn in open_connections:
            # Wakes handlers blocked reading an idle keep-alive connection, so
            # that server_close() can join their threads at once.
            with contextlib.suppress(OSError):  # already closed by the client
                conn.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> WebhookReceiver:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
