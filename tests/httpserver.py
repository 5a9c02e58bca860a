"""A loopback HTTP/1.1 server for tests: well-behaved feeds and hostile servers alike.

Use the ``http_server`` fixture (tests/conftest.py)::

    url = http_server.add("/feed.xml", body=FEED, content_type="application/rss+xml",
                          etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    fetcher = Fetcher(FetchPolicy(user_agent="t", allow_private=(http_server.host_port,)))
    ...
    http_server.requests_to("/feed.xml")[-1].headers["if-none-match"]
    http_server.connections  # TCP connections accepted so far (keep-alive reuse shows here)

A route answers 304 when the request's If-None-Match matches its ``etag`` (or,
without If-None-Match, when If-Modified-Since equals its ``last_modified``).
Hostile behaviours are flags on the route; ``handler`` takes over completely.
It binds 127.0.0.1 on an ephemeral port and never talks to anything else.
"""

from __future__ import annotations

import gzip as gzip_module
import socket
import ssl
import struct
import sys
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import brotli

Handler = Callable[["RequestHandler"], None]


@dataclass
class Route:
    """What one path answers.  Every field is optional; see :meth:`LoopbackServer.add`."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)  # extra response headers
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False  # compress ``body`` and send Content-Encoding: gzip
    deflate: bool = False
    brotli: bool = False
    raw_body: bytes | None = None  # sent as-is instead of ``body`` (e.g. a prebuilt bomb)
    content_encoding: str | None = None  # Content-Encoding header to go with raw_body
    redirect_to: str | None = None  # Location; status defaults to 302 unless status is a 3xx
    delay: float = 0.0  # seconds to wait before answering
    trickle: float | None = None  # seconds between single bytes of the WHOLE response
    trickle_body: float | None = None  # headers at once, then the body byte by byte
    chunked: bool = False  # send the body with Transfer-Encoding: chunked
    chunked_forever: bool = False  # an endless chunked body of b"x"
    lie_content_length: int | None = None  # declare this length, send body, close
    hang: bool = False  # read the request, never answer
    reset: bool = False  # read the request, then close with a TCP RST
    handler: Handler | None = None  # full control: called with the RequestHandler


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: bytes
    started: float  # time.monotonic() when the request line was read


class RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 10  # idle keep-alive connections end by themselves
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    @property
    def state(self) -> LoopbackServer:
        return self.server.owner

    def _serve(self) -> None:
        owner = self.state
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        owner._record(RecordedRequest(self.command, self.path, headers, body, time.monotonic()))
        self._counted = True
        try:
            route = owner.route_for(self.path)
            if route is None:
                self._send(404, {"Content-Type": "text/plain"}, b"not found")
            elif route.handler is not None:
                route.handler(self)
            else:
                self._answer(route, headers)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            self.close_connection = True
        finally:
            self._uncount()

    def _uncount(self) -> None:
        """A request stops counting as in flight when its answer starts: once the
        client has read the answer it may send its next request at once, before
        this thread gets back to its bookkeeping (which made max_in_flight
        flicker one too high under load)."""
        if getattr(self, "_counted", False):
            self._counted = False
            self.state._finished()

    def _answer(self, route: Route, request_headers: dict[str, str]) -> None:
        stop = self.state.stopping
        if route.delay:
            stop.wait(route.delay)
        if route.hang:
            stop.wait(30)
            self.close_connection = True
            return
        if route.reset:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        headers: dict[str, str] = {}
        if route.content_type:
            headers["Content-Type"] = route.content_type
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        status = route.status
        if route.redirect_to is not None:
            headers["Location"] = route.redirect_to
            status = status if 300 <= status < 400 else 302
        headers.update(route.headers)
        if _not_modified(route, request_headers):
            headers.pop("Content-Type", None)
            self._send(304, headers, b"")
            return
        body = route.body
        if route.raw_body is not None:
            body = route.raw_body
            if route.content_encoding:
                headers["Content-Encoding"] = route.content_encoding
        elif route.gzip:
            body, headers["Content-Encoding"] = gzip_module.compress(body), "gzip"
        elif route.deflate:
            body, headers["Content-Encoding"] = zlib.compress(body), "deflate"
        elif route.brotli:
            body, headers["Content-Encoding"] = brotli.compress(body), "br"
        if route.chunked_forever:
            self._send_chunked_forever(status, headers)
        elif route.chunked:
            self._send_chunked(status, headers, body)
        elif route.lie_content_length is not None:
            headers["Content-Length"] = str(route.lie_content_length)
            self._send(status, headers, body, with_length=False)
            self.close_connection = True
        else:
            self._send(
                status, headers, body, trickle=route.trickle, trickle_body=route.trickle_body
            )

    def _send(
        self,
        status: int,
        headers: dict[str, str],
        body: bytes,
        *,
        with_length: bool = True,
        trickle: float | None = None,
        trickle_body: float | None = None,
    ) -> None:
        self._uncount()
        lines = [f"HTTP/1.1 {status} {_reason(status)}"]
        if with_length and status != 304:
            headers = {**headers, "Content-Length": str(len(body))}
        lines += [f"{k}: {v}" for k, v in headers.items()]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        payload = b"" if self.command == "HEAD" or status == 304 else body
        if trickle is not None:
            self._trickle(head + payload, trickle)
        elif trickle_body is not None:
            self.wfile.write(head)
            self._trickle(payload, trickle_body)
        else:
            self.wfile.write(head + payload)

    def _trickle(self, data: bytes, interval: float) -> None:
        for i in range(len(data)):
            self.wfile.write(data[i : i + 1])
            if self.state.stopping.wait(interval):
                break
        self.close_connection = True

    def _send_chunked(self, status: int, headers: dict[str, str], body: bytes) -> None:
        headers = {**headers, "Transfer-Encoding": "chunked"}
        self._send(status, headers, b"", with_length=False)
        for i in range(0, len(body), 16384):
            piece = body[i : i + 16384]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")

    def _send_chunked_forever(self, status: int, headers: dict[str, str]) -> None:
        headers = {**headers, "Transfer-Encoding": "chunked"}
        self._send(status, headers, b"", with_length=False)
        piece = b"x" * 65536
        while not self.state.stopping.is_set():
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.close_connection = True


def _not_modified(route: Route, request_headers: dict[str, str]) -> bool:
    if route.status != 200 or route.redirect_to is not None:
        return False
    inm = request_headers.get("if-none-match")
    if inm is not None:  # RFC 9110: If-Modified-Since is ignored when If-None-Match is sent
        tags = {t.strip() for t in inm.split(",")}
        return route.etag is not None and (route.etag in tags or "*" in tags)
    ims = request_headers.get("if-modified-since")
    return ims is not None and route.last_modified is not None and ims == route.last_modified


def _reason(status: int) -> str:
    return RequestHandler.responses.get(status, ("Unknown",))[0]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LoopbackServer

    def get_request(self) -> tuple[Any, Any]:
        request = super().get_request()  # (after the TLS handshake, when serving HTTPS)
        self.owner._accepted()
        return request

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that hang up early are the point of many tests: stay quiet about
        # those, and keep anything else (a bug in a handler) for the test to see.
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError | TimeoutError | ssl.SSLError):
            self.owner.errors.append(error)
            super().handle_error(request, client_address)


class LoopbackServer:
    """A threaded HTTP/1.1 server on 127.0.0.1:<ephemeral port>.

    ``tls``: an ``ssl.SSLContext`` (server side) to serve HTTPS instead.
    """

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self._routes: dict[str, Route] = {}
        self._lock = threading.Lock()
        self.requests: list[RecordedRequest] = []
        self.errors: list[BaseException | None] = []  # exceptions raised by handlers
        self.in_flight = 0
        self.max_in_flight = 0
        self.connections = 0  # TCP connections accepted: tells reuse from reconnecting
        self.stopping = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), RequestHandler)
        self._httpd.owner = self
        if tls is not None:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        self.port: int = self._httpd.server_address[1]
        self.scheme = "https" if tls is not None else "http"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def host_port(self) -> str:
        """``"127.0.0.1:<port>"``: the entry to put in ``FetchPolicy.allow_private``."""
        return f"127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", **options: Any) -> str:
        """Register (or replace) the route for ``path``; returns its full URL.

        ``options`` are the fields of :class:`Route` (status, content_type, headers,
        etag, last_modified, gzip, brotli, redirect_to, delay, trickle, ...).
        """
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self._routes[path] = Route(body=data, **options)
        return self.url(path)

    def route_for(self, path: str) -> Route | None:
        with self._lock:
            return self._routes.get(path) or self._routes.get(path.split("?")[0])

    def requests_to(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def reset_stats(self) -> None:
        with self._lock:
            self.requests.clear()
            self.max_in_flight = self.in_flight
            self.connections = 0

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _accepted(self) -> None:
        with self._lock:
            self.connections += 1

    def _finished(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
