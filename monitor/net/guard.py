"""The connection layer under :mod:`monitor.net.fetch`: the SSRF gate and the request deadline.

Contract, for every request sent through a pool of :class:`GatedPools`:

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

Which pool serves which origin, and how many there may be, is :class:`GatedPools`'
business; :mod:`monitor.net.fetch` builds the requests and reads the responses.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import ssl
import threading
import time
from collections import OrderedDict
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
    "GatedPools",
    "Origin",
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
    URL; monitor.net.fetch turns it into ``kind(url, detail)``."""

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


Origin = tuple[bytes, bytes, int]  # (scheme, host, port), as httpcore spells them


class _Entry:
    __slots__ = ("pool", "users")

    def __init__(self, pool: httpcore.ConnectionPool) -> None:
        self.pool, self.users = pool, 0


class GatedPools:
    """One ``httpcore.ConnectionPool`` per origin, all behind the SSRF gate.

    A single pool shared by every host scans all its connections on every request
    (a ``poll()`` per idle connection); a pool per origin only scans that origin's
    few.  Each pool holds at most ``per_origin`` connections (the fetcher's host
    slots already bound requests per host).  :meth:`lease` admits at most
    ``max_in_flight`` requests at once across all origins, as the one shared pool
    did.  Bound on pools: at most ``max_in_flight`` origins keep a pool; creating one
    more closes the least recently used pool with no request in flight (there always
    is one, since each request in flight holds only one pool).  So at most
    ``max_in_flight * per_origin`` sockets stay open, idle ones included.

    Pools are created lazily under a lock; :meth:`close` closes them all.  httpcore
    exceptions pass through unmapped: monitor.net.fetch translates them.  Raises
    ValueError for a malformed ``allow_private`` entry.
    """

    def __init__(self, allow_private: Iterable[str], per_origin: int, max_in_flight: int) -> None:
        self._backend = _GatedBackend(_Allowlist(allow_private))
        self._ssl = httpx.create_ssl_context(verify=True)  # one context, shared by all
        self._per_origin = max(1, per_origin)
        self._max_pools = max(1, max_in_flight)
        self._in_flight = threading.BoundedSemaphore(self._max_pools)
        self._lock = threading.Lock()
        self._pools: OrderedDict[Origin, _Entry] = OrderedDict()  # least recently used first
        self._closed = False

    def __len__(self) -> int:
        """How many origins have a pool now."""
        return len(self._pools)

    @contextlib.contextmanager
    def lease(self, origin: Origin, wait: float | None) -> Iterator[httpcore.ConnectionPool]:
        """The pool of ``origin``, kept open until the block ends: send the request and
        close its response inside it.  ``Failure(FetchTimeout, ...)`` if the
        ``max_in_flight`` limit leaves no room within ``wait`` seconds (None: forever)."""
        if not self._in_flight.acquire(timeout=wait):
            raise timed_out("waiting for a connection")
        try:
            with self._lock:
                if self._closed:
                    raise RuntimeError("the fetcher is closed")
                entry = self._pools.get(origin)
                if entry is None:
                    entry = self._pools[origin] = _Entry(self._new_pool())
                else:
                    self._pools.move_to_end(origin)
                entry.users += 1
                evicted = self._evict()
            for pool in evicted:
                pool.close()
            try:
                yield entry.pool
            finally:
                with self._lock:
                    entry.users -= 1
        finally:
            self._in_flight.release()

    def _new_pool(self) -> httpcore.ConnectionPool:
        return httpcore.ConnectionPool(
            ssl_context=self._ssl,
            max_connections=self._per_origin,
            max_keepalive_connections=self._per_origin,
            network_backend=self._backend,
        )

    def _evict(self) -> list[httpcore.ConnectionPool]:
        """Remove least recently used idle pools beyond the bound (under the lock)."""
        excess = len(self._pools) - self._max_pools
        if excess <= 0:
            return []
        idle = [key for key, entry in self._pools.items() if not entry.users][:excess]
        return [self._pools.pop(key).pool for key in idle]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            pools = [entry.pool for entry in self._pools.values()]
            self._pools.clear()
        for pool in pools:
            pool.close()


def gated_transport(allow_private: Iterable[str]) -> httpx.HTTPTransport:
    """An httpx transport whose every connection passes the SSRF gate, for
    clients other than the fetcher (webhook delivery).  Set
    :data:`CURRENT_DEADLINE` around a request to bound it as a whole.  Raises
    ValueError for a malformed ``allow_private`` entry."""
    transport = httpx.HTTPTransport()
    # httpx builds its httpcore pool without a way to pass a network backend:
    # swap the pool for one behind the gate (the attribute exists since httpx
    # 0.18; fail loudly rather than send ungated if that ever changes).
    if not isinstance(getattr(transport, "_pool", None), httpcore.ConnectionPool):
        raise RuntimeError("httpx.HTTPTransport has no httpcore pool to gate")
    transport._pool.close()
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(verify=True),
        network_backend=_GatedBackend(_Allowlist(allow_private)),
    )
    return transport


def literal_private(url_host: str, port: int, allow_private: Iterable[str]) -> str | None:
    """For config checks: why a URL's host is refused without a DNS lookup
    (an IP literal that is not public, or ``localhost``), or None."""
    host = url_host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        ip: _IP = ipaddress.ip_address("127.0.0.1")
    else:
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            return None  # a name: judged when the connection is made
    if is_public_address(ip) or _Allowlist(allow_private).permits(host, port, ip):
        return None
    return f"{url_host} is a non-public address ({ip}); add it to http.allow_private to allow it"
