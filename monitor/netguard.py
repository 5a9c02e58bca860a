"""The connection layer under :mod:`monitor.fetch`: the SSRF gate and the request deadline.

Contract, for every request sent through :class:`GatedTransport`:

* **SSRF gate.**  Each new TCP connection (so every redirect hop that needs one) is
  opened by :class:`_GatedBackend`: the host name is resolved here, once, and the
  socket goes to a resolved IP literal that :func:`is_public_address` accepts or the
  operator's allowlist (``allow_private``: CIDR, or host:port) exempts.  Nothing is
  sent to any other address, and a second DNS answer is never used (no rebinding).
  A pooled keep-alive connection was vetted when it was opened.
* **Deadline.**  While :data:`CURRENT_DEADLINE` holds a :class:`Deadline`, every
  connect, TLS handshake, read and write is bounded by what is left of it; once it
  has passed, the next one raises ``Failure(FetchTimeout, ...)``.  httpcore's sync
  pool runs a request on the calling thread, so a contextvar reaches it.
* **TLS** is always verified, against the URL's host name (SNI included).
* **Failures.**  This layer knows the host but not the URL being fetched, so it
  raises :class:`Failure` (a FetchError subclass plus a detail) for the caller to
  turn into ``kind(url, detail)``; :func:`os_failure` and :func:`timed_out` do the
  same for httpcore errors raised elsewhere.  Other httpcore exceptions pass
  through unmapped.

No httpx client configuration happens here: :mod:`monitor.fetch` builds the client.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from monitor.errors import BlockedAddress, ConnectFailed, FetchError, FetchTimeout, TLSFailed

__all__ = [
    "CURRENT_DEADLINE",
    "Deadline",
    "Failure",
    "GatedTransport",
    "bounded",
    "is_public_address",
    "os_failure",
    "timed_out",
]

_IP = ipaddress.IPv4Address | ipaddress.IPv6Address


# --- the SSRF gate ------------------------------------------------------------------------

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_V4_COMPATIBLE = ipaddress.ip_network("::/96")


def is_public_address(address: str | _IP) -> bool:
    """True if ``address`` is a globally routable unicast address we may connect to.

    ``is_global`` alone is not enough on Python 3.11: it calls multicast,
    ``::ffff:127.0.0.1``, ``::7f00:1``, 6to4 and NAT64 forms of private addresses
    global.  IPv6 forms that embed an IPv4 address are judged by that address.
    """
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ipaddress.IPv6Address(ip.packed)  # drop any %scope
        embedded = ip.ipv4_mapped or ip.sixtofour
        if any(ip in net for net in _NAT64):
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public_address(embedded)
        if ip in _V4_COMPATIBLE or ip.teredo is not None or ip.is_site_local:
            return False
    elif ip in _CGNAT:
        return False
    flags = (ip.is_multicast, ip.is_private, ip.is_loopback, ip.is_link_local, ip.is_reserved)
    return ip.is_global and not any(flags) and not ip.is_unspecified


class _Allowlist:
    """The operator's exemptions: CIDR networks (any port) or single host:port."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        self.endpoints: set[tuple[str, int]] = set()
        for entry in entries:
            try:
                self.networks.append(ipaddress.ip_network(entry.strip(), strict=False))
                continue
            except ValueError as e:
                if "/" in entry:
                    raise ValueError(f"allow_private entry {entry!r}: {e}") from e
            host, _, port = entry.strip().rpartition(":")
            if not host or not port.isdigit() or not 0 < int(port) < 65536:
                raise ValueError(f"allow_private entry {entry!r}: expected host:port or CIDR")
            self.endpoints.add((_normal_host(host.strip("[]")), int(port)))

    def permits(self, host: str, port: int, ip: _IP) -> bool:
        if any(ip.version == net.version and ip in net for net in self.networks):
            return True
        return bool({(str(ip), port), (_normal_host(host), port)} & self.endpoints)


def _normal_host(host: str) -> str:
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host.lower().rstrip(".")


# --- deadline-aware network layer ---------------------------------------------------------


class Failure(Exception):
    """Raised from inside httpcore by our backend, which knows the host but not the
    URL; monitor.fetch turns it into ``kind(url, detail)``."""

    def __init__(self, kind: type[FetchError], detail: str) -> None:
        super().__init__(detail)
        self.kind, self.detail = kind, detail


@dataclass(frozen=True)
class Deadline:
    budget: float  # seconds
    at: float  # time.monotonic() when it expires

    @classmethod
    def starting_now(cls, budget: float) -> Deadline:
        return cls(budget, time.monotonic() + budget)

    def elapsed(self) -> float:
        return self.budget - (self.at - time.monotonic())

    def failure(self) -> Failure:
        return Failure(FetchTimeout, f"no complete response within the {self.budget:g} s deadline")


# Set by Fetcher.fetch() for one request.  httpcore's sync pool runs a request entirely on
# the calling thread, so the stream below always sees the deadline of the request it
# is serving, even on a pooled keep-alive connection.
CURRENT_DEADLINE: ContextVar[Deadline | None] = ContextVar("monitor_fetch_deadline", default=None)


def bounded(timeout: float | None) -> float | None:
    """``timeout`` shortened to what is left of the current request's deadline."""
    deadline = CURRENT_DEADLINE.get()
    if deadline is None:
        return timeout
    remaining = deadline.at - time.monotonic()
    if remaining <= 0:
        raise deadline.failure()
    return remaining if timeout is None else min(timeout, remaining)


def timed_out(what: str) -> Failure:
    deadline = CURRENT_DEADLINE.get()
    if deadline is not None and time.monotonic() >= deadline.at - 0.01:
        return deadline.failure()
    return Failure(FetchTimeout, f"{what} timed out")


def os_failure(error: BaseException | None) -> Failure:
    if isinstance(error, ssl.SSLError):
        return Failure(TLSFailed, getattr(error, "verify_message", None) or str(error))
    if isinstance(error, ConnectionRefusedError):
        return Failure(ConnectFailed, "connection refused")
    if isinstance(error, ConnectionResetError | BrokenPipeError):
        return Failure(ConnectFailed, "connection reset")
    if isinstance(error, OSError) and error.strerror:
        return Failure(ConnectFailed, error.strerror.lower())
    return Failure(ConnectFailed, str(error) or type(error).__name__)


class _DeadlineStream(httpcore.NetworkStream):
    """httpcore's socket stream, with every read and write bounded by the request's
    deadline and socket errors turned into specific failures.  httpcore raises its
    errors ``from`` the OSError, so ``__cause__`` tells refused from reset."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self._inner.read(max_bytes, bounded(timeout))
        except httpcore.ReadTimeout as e:
            raise timed_out("read") from e
        except httpcore.ReadError as e:
            raise os_failure(e.__cause__) from e

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            self._inner.write(buffer, bounded(timeout))
        except httpcore.WriteTimeout as e:
            raise timed_out("write") from e
        except httpcore.WriteError as e:
            raise os_failure(e.__cause__) from e

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # httpcore passes the URL's host here, not the vetted IP we connected to, so
        # SNI and certificate verification use the name.  Verification is never off.
        try:
            return _DeadlineStream(
                self._inner.start_tls(ssl_context, server_hostname, bounded(timeout))
            )
        except httpcore.ConnectTimeout as e:
            raise timed_out("TLS handshake") from e
        except httpcore.ConnectError as e:
            failure = os_failure(e.__cause__)
            raise Failure(TLSFailed, f"{server_hostname}: {failure.detail}") from e

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GatedBackend(httpcore.NetworkBackend):
    """httpcore's sync backend behind the SSRF gate.  The name is resolved here, each
    address vetted, and the socket opened to a vetted IP literal, so a second DNS
    answer (rebinding) is never used.  Runs for every new connection of every hop."""

    def __init__(self, allowlist: _Allowlist) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow = allowlist

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        # getaddrinfo has no timeout; the system resolver bounds it (resolv.conf).
        # It also turns "2130706433", "0x7f000001" and "127.1" into 127.0.0.1, so
        # whatever the URL's spelling, the gate judges the real address.
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as e:
            raise Failure(ConnectFailed, f"DNS lookup failed for {host}") from e
        found = list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))
        # A name that also resolves to private addresses is used only through its
        # public ones (plus whatever the operator allowed).
        allowed = self._allow.permits
        vetted = [ip for ip in found if is_public_address(ip) or allowed(host, port, ip)]
        if not vetted:
            shown = ", ".join(map(str, found))
            raise Failure(BlockedAddress, shown if shown == host else f"{host} is {shown}")
        for ip in vetted:
            try:
                stream = self._inner.connect_tcp(
                    str(ip), port, bounded(timeout), local_address, socket_options
                )
                return _DeadlineStream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                last = e
        if isinstance(last, httpcore.ConnectTimeout):
            raise timed_out("connect") from last
        raise os_failure(last.__cause__) from last


class GatedTransport(httpx.BaseTransport):
    """A minimal httpx transport over our own ``httpcore.ConnectionPool``.

    ``httpx.HTTPTransport`` takes no network backend, and swapping its private
    ``_pool`` would break silently on upgrade; ``ConnectionPool(network_backend=)``
    and ``httpx.BaseTransport`` are public API.  httpcore exceptions pass through
    unmapped: monitor.fetch translates them.  Raises ValueError for a malformed
    ``allow_private`` entry.
    """

    def __init__(self, allow_private: Iterable[str], max_connections: int) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=True),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            network_backend=_GatedBackend(_Allowlist(allow_private)),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        url = request.url
        response = self._pool.handle_request(
            httpcore.Request(
                method=request.method,
                url=httpcore.URL(
                    scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
                ),
                headers=request.headers.raw,
                content=request.stream,
                extensions=request.extensions,
            )
        )
        assert isinstance(response.stream, Iterable)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_ResponseStream(response.stream),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


class _ResponseStream(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        yield from self._stream

    def close(self) -> None:
        getattr(self._stream, "close", lambda: None)()
