"""The HTTP adapter: every byte news-monitor downloads comes through :class:`Fetcher`.

Requests go straight to httpcore, one thread-safe connection pool per origin
(:class:`monitor.net.guard.GatedPools`); httpx serves only to parse and join URLs and
to hold the cookies of one fetch's redirect chain.  (An ``httpx.Client`` over one
shared pool cost over twice the CPU per 304: the pool scanned every connection on
every request, and httpx added request and response models, header normalisation
and a cookie jar pass per request.)  Around the pools this module adds what a
client of untrusted URLs needs (HARDENING.md, "Fetching"): an SSRF gate in the
connection layer, applied on every hop before a byte is sent; one wall-clock
deadline per request over connect, TLS, headers and body (both in
:mod:`monitor.net.guard`); a cap on the *decoded* body enforced while decompressing;
manual redirects, each hop vetted and counted; and per-host politeness.  Every
httpx, httpcore, socket and ssl exception is translated here into a
:class:`monitor.errors.FetchError` subclass.
"""

from __future__ import annotations

import base64
import contextlib
import math
import re
import threading
import time
import zlib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any

import brotli
import httpcore
import httpx

from monitor.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    ProtocolFailed,
    ResponseTooLarge,
    TooManyRedirects,
    UnexpectedContentType,
)
from monitor.net.guard import (
    CURRENT_DEADLINE,
    Deadline,
    Failure,
    GatedPools,
    bounded,
    is_public_address,
    os_failure,
    timed_out,
)
from monitor.net.redact import redact_text, redact_url
from monitor.types import FetchResult, Validators

__all__ = [
    "FEED_ACCEPT",
    "HTML_ACCEPT",
    "FetchPolicy",
    "Fetcher",
    "is_public_address",  # lives in monitor.net.guard; imported from here too
    "parse_retry_after",
]

FEED_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.2, */*;q=0.1"
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
ACCEPT_ENCODING = "gzip, deflate, br"  # only what _decoded() can bound
_DEFAULT_PORTS = {"http": 80, "https": 443}

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PIECE = 64 * 1024  # most decoded bytes one decompression step may produce
_HUGE = 1e12  # seconds; keeps parse_retry_after finite
# A non-200 body (304, redirect, error page) is read to its end, so that httpcore
# returns the connection to the pool, if it is at most this many raw bytes and
# arrives within this many seconds (and the request's deadline); else it is dropped.
_DRAIN_BYTES = 64 * 1024
_DRAIN_SECONDS = 1.0


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and manners for every request.  Built by the shell from ``[http]``."""

    user_agent: str
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    deadline: float = 60.0  # whole request: redirects, connect, TLS, headers and body
    max_bytes: int = 10_000_000  # cap on the decoded body
    max_redirects: int = 5
    per_host: int = 2  # concurrent requests (and pooled connections) per host:port
    min_gap: float = 0.0  # seconds between request starts to one host:port
    allow_private: tuple[str, ...] = ()  # "host:port" or CIDR exempt from the SSRF gate
    max_connections: int = 64  # requests in flight, and origins with pooled connections


def _decoded(encoding: str, chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Decode a Content-Encoding in steps of at most _PIECE bytes, so the caller's cap
    is checked before a bomb can expand.  (httpx's decoders inflate a whole network
    read at once, and 64 KiB of brotli can be gigabytes.)  ValueError on an unknown
    encoding or a truncated stream; zlib.error / brotli.error on corrupt data."""
    if encoding in ("", "identity"):
        yield from chunks
    elif encoding == "br":
        br, seen = brotli.Decompressor(), False
        for chunk in chunks:
            seen = seen or bool(chunk)
            yield br.process(chunk, output_buffer_limit=_PIECE)
            while not br.can_accept_more_data():
                yield br.process(b"", output_buffer_limit=_PIECE)
        if seen and not br.is_finished():
            raise ValueError("truncated brotli stream")
    elif encoding in ("gzip", "x-gzip", "deflate"):
        z: Any = None
        for chunk in chunks:
            if z is None and chunk:
                # "deflate" should be zlib-wrapped (RFC 9110); many servers send raw.
                wrapped = (
                    len(chunk) > 1
                    and chunk[0] & 0x0F == 8
                    and (chunk[0] * 256 + chunk[1]) % 31 == 0
                )
                z = zlib.decompressobj(31 if "gzip" in encoding else 15 if wrapped else -15)
            out = z.decompress(chunk, _PIECE) if z is not None else b""
            yield out
            while z is not None and (z.unconsumed_tail or len(out) == _PIECE):
                out = z.decompress(z.unconsumed_tail, _PIECE)
                yield out
        if z is not None and not z.eof:  # (no bytes at all is an empty body)
            raise ValueError(f"truncated {encoding} stream")
    else:
        raise ValueError(f"unsupported Content-Encoding {encoding!r}")


# --- the fetcher --------------------------------------------------------------------------


class _HostSlots:
    """At most ``per_host`` requests at once per host:port, starts ``min_gap`` apart."""

    def __init__(self, per_host: int, min_gap: float) -> None:
        self._per_host, self._min_gap = per_host, min_gap
        self._lock = threading.Lock()
        self._hosts: dict[str, tuple[threading.Semaphore, list[float]]] = {}

    @contextlib.contextmanager
    def hold(self, url: str, target: httpx.URL, wait: float | None) -> Iterator[None]:
        """Hold a slot of ``target``'s host:port; FetchTimeout if none is free within
        ``wait`` seconds (None: wait as long as it takes)."""
        key = f"{target.host}:{target.port or _DEFAULT_PORTS[target.scheme]}"
        with self._lock:
            semaphore, next_start = self._hosts.setdefault(
                key, (threading.Semaphore(self._per_host), [0.0])
            )
        if not semaphore.acquire(timeout=wait):
            raise FetchTimeout(url, f"no free slot for {key} before the deadline")
        try:
            with self._lock:  # reserve a start time, then sleep outside the lock
                now = time.monotonic()
                start = next_start[0] = max(now, next_start[0])
                next_start[0] += self._min_gap
            if start > now:
                time.sleep(min(start - now, math.inf if wait is None else wait))
            yield
        finally:
            semaphore.release()


class Fetcher:
    """Fetches URLs under a :class:`FetchPolicy`.  Thread-safe: share one per process."""

    def __init__(self, policy: FetchPolicy) -> None:
        """Raises ValueError for a malformed ``policy.allow_private`` entry."""
        self.policy = policy
        self._slots = _HostSlots(policy.per_host, policy.min_gap)
        # No proxy from the environment is ever used (it would bypass the SSRF gate),
        # and no cookie outlives one fetch (a shared jar would leak state between feeds).
        self._pools = GatedPools(policy.allow_private, policy.per_host, policy.max_connections)
        self._headers = [
            (b"User-Agent", _latin1(policy.user_agent)),
            (b"Accept-Encoding", ACCEPT_ENCODING.encode()),
        ]

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._pools.close()

    def fetch(
        self,
        url: str,
        validators: Validators | None = None,
        *,
        accept: str = FEED_ACCEPT,
        accept_types: Collection[str] | None = None,
    ) -> FetchResult:
        """GET ``url``: a FetchResult for 200 or 304, else a FetchError subclass.

        Sends If-None-Match / If-Modified-Since from ``validators``; the new ones are
        in ``result.headers`` ("etag", "last-modified").  With ``accept_types`` (bare
        media types), a 200 of another Content-Type raises UnexpectedContentType
        before the body is read.  ``redirects`` lists the URLs redirected to;
        ``permanent_url`` is set only if every hop was 301 or 308.  The deadline
        starts once the first hop holds its host slot: queueing politely behind other
        requests to the same host is not a timeout.

        Credentials in ``url`` (``user:pass@``) are sent as Basic auth to its host;
        a redirect is followed without any userinfo its Location adds (see
        _redirect_target), so none ends up in ``final_url`` or ``permanent_url``.
        Error messages show URLs redacted (:mod:`monitor.net.redact`): they are stored.
        """
        headers = [*self._headers, (b"Accept", _latin1(accept))]
        if validators is not None and validators.etag:
            headers.append((b"If-None-Match", _latin1(validators.etag)))
        if validators is not None and validators.last_modified:
            headers.append((b"If-Modified-Since", _latin1(validators.last_modified)))
        wanted = None if accept_types is None else {t.strip().lower() for t in accept_types}
        current, jar, hops, permanent = _parse_url(url, url), httpx.Cookies(), list[str](), True
        deadline: Deadline | None = None
        token = None
        try:
            while True:
                left = None if deadline is None else max(deadline.at - time.monotonic(), 0.0)
                with self._slots.hold(url, current, left):
                    if deadline is None:
                        deadline = Deadline.starting_now(self.policy.deadline)
                        token = CURRENT_DEADLINE.set(deadline)
                    with _translated(url, current if hops else None):
                        status, fields, body = self._get(
                            url, current, headers, jar, wanted, deadline
                        )
                location = fields.get("location")
                if status in (200, 304):
                    return FetchResult(
                        url=url,
                        final_url=str(current),
                        status=status,
                        headers=fields,
                        body=body,
                        elapsed=deadline.elapsed(),
                        redirects=tuple(hops),
                        permanent_url=str(current) if hops and permanent else None,
                    )
                if status not in _REDIRECTS or location is None:
                    after = fields.get("retry-after")
                    raise HTTPStatusError(url, status, parse_retry_after(after, datetime.now(UTC)))
                target = _redirect_target(url, current, location)
                # Loops are caught by the hop count, not by a repeated URL: a site may
                # set a cookie and redirect to the same URL, legitimately.
                if len(hops) >= self.policy.max_redirects:
                    loop = str(target) in hops or target == _parse_url(url, url)
                    detail = "redirect loop" if loop else f"more than {len(hops)} redirects"
                    raise TooManyRedirects(url, f"{detail} (next: {redact_url(str(target))})")
                hops.append(str(target))
                permanent = permanent and status in (301, 308)
                current = target
        finally:
            if token is not None:
                CURRENT_DEADLINE.reset(token)

    def _get(
        self,
        url: str,
        target: httpx.URL,
        headers: list[tuple[bytes, bytes]],
        jar: httpx.Cookies,
        wanted: set[str] | None,
        deadline: Deadline,
    ) -> tuple[int, dict[str, str], bytes]:
        """One exchange on the pool of ``target``'s origin: the status, the response
        headers and, for 200 only, the body.  Any other body is drained (see _drain)
        so the connection can be reused."""
        origin = (target.raw_scheme, target.raw_host, target.port or _DEFAULT_PORTS[target.scheme])
        left = max(deadline.at - time.monotonic(), 0.001)
        connect, read = min(self.policy.connect_timeout, left), min(self.policy.read_timeout, left)
        request = httpcore.Request(
            b"GET",
            httpcore.URL(scheme=origin[0], host=origin[1], port=origin[2], target=target.raw_path),
            headers=[*_hop_headers(target, jar), *headers],
            extensions={"timeout": {"connect": connect, "read": read, "write": read, "pool": left}},
        )
        with self._pools.lease(origin, left) as pool:
            response = pool.handle_request(request)
            try:
                assert isinstance(response.stream, Iterable)
                fields = _fields(response.headers)
                if "set-cookie" in fields:
                    _keep_cookies(jar, target, response)
                if response.status == 200:
                    body = self._body(url, fields, response.stream, wanted)
                else:
                    body = b""
                    _drain(fields, response.stream, deadline)
            finally:
                response.close()  # mid-body, this drops the connection
        return response.status, fields, body

    def _body(
        self, url: str, fields: dict[str, str], raw: Iterable[bytes], wanted: set[str] | None
    ) -> bytes:
        """The decoded body, refused early on type or Content-Length, and the moment the
        decoded size passes the cap.  Nothing partial is ever returned."""
        media = fields.get("content-type", "").split(";")[0].strip().lower()
        if wanted is not None and media not in wanted:
            raise UnexpectedContentType(url, media)
        cap = self.policy.max_bytes
        declared = fields.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > cap:
            raise ResponseTooLarge(url, f"Content-Length {declared} exceeds {cap} bytes")
        encoding = fields.get("content-encoding", "").strip().lower()
        parts: list[bytes] = []
        total = 0
        try:
            for piece in _decoded(encoding, raw):
                total += len(piece)
                if total > cap:
                    raise ResponseTooLarge(url, f"body exceeds {cap} bytes once decoded")
                parts.append(piece)
                bounded(None)  # a fast endless stream must still end at the deadline
        except (zlib.error, brotli.error, ValueError) as e:
            raise ProtocolFailed(url, f"bad {encoding} body: {e}") from e
        return b"".join(parts)


def _drain(fields: dict[str, str], raw: Iterable[bytes], deadline: Deadline) -> None:
    """Read and discard a small body, so that closing the response returns its
    connection to the pool: httpcore drops a connection closed before the end of its
    response, and then every 304 of a poll would cost a new connection (and TLS
    handshake).  A body over _DRAIN_BYTES, slower than _DRAIN_SECONDS or broken is
    left unread: the connection is dropped, and the status alone is the outcome."""
    declared = fields.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > _DRAIN_BYTES:
        return
    until = min(deadline.at, time.monotonic() + _DRAIN_SECONDS)
    token = CURRENT_DEADLINE.set(Deadline(deadline.budget, until))
    try:
        total = 0
        for chunk in raw:
            total += len(chunk)
            if total > _DRAIN_BYTES:
                return
    except (
        Failure,
        httpcore.NetworkError,
        httpcore.ProtocolError,
        httpcore.TimeoutException,
        OSError,
    ):
        return
    finally:
        CURRENT_DEADLINE.reset(token)


def _fields(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """Response headers as httpx would show them: lower-case names, repeated fields
    joined by ", ", all decoded as ASCII, else UTF-8, else Latin-1."""
    encoding = "ascii"
    if not all(name.isascii() and value.isascii() for name, value in raw):
        try:
            b"".join(name + value for name, value in raw).decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "latin-1"
    fields: dict[str, str] = {}
    for name, value in raw:
        key, text = name.lower().decode(encoding), value.decode(encoding)
        fields[key] = f"{fields[key]}, {text}" if key in fields else text
    return fields


def _hop_headers(target: httpx.URL, jar: httpx.Cookies) -> list[tuple[bytes, bytes]]:
    """What depends on the hop: Host; Basic credentials from the URL's userinfo, as
    httpx sends them; and cookies set earlier in this fetch's redirect chain."""
    headers = [(b"Host", target.netloc)]
    if target.userinfo:
        userpass = f"{target.username}:{target.password}".encode()
        headers.append((b"Authorization", b"Basic " + base64.b64encode(userpass)))
    if jar:  # usually empty: then this costs nothing
        probe = httpx.Request("GET", target)
        jar.set_cookie_header(probe)
        headers += [(k, v) for k, v in probe.headers.raw if k.lower() == b"cookie"]
    return headers


def _keep_cookies(jar: httpx.Cookies, target: httpx.URL, response: httpcore.Response) -> None:
    """Let ``jar`` take the Set-Cookie fields of ``response`` (to ``target``)."""
    request = httpx.Request("GET", target)
    jar.extract_cookies(httpx.Response(response.status, headers=response.headers, request=request))


def _latin1(value: str) -> bytes:
    # httpx encodes str header values as strict ASCII; validators may not be ASCII.
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")


def _parse_url(url: str, text: str | httpx.URL) -> httpx.URL:
    try:
        parsed = httpx.URL(text)
    except (httpx.InvalidURL, TypeError, ValueError) as e:
        shown, why = redact_url(str(text)), redact_text(str(e))
        raise ProtocolFailed(url, f"invalid URL {shown!r}: {why}") from e
    if parsed.scheme not in ("http", "https") or not parsed.host:
        shown = redact_url(str(parsed))
        raise ProtocolFailed(url, f"unsupported URL {shown!r}: only http(s) is fetched")
    return parsed


def _redirect_target(url: str, current: httpx.URL, location: str) -> httpx.URL:
    """The next hop.  It keeps userinfo only when it is the current hop's own,
    going to the same host (a relative Location inherits it): credentials never
    follow a redirect to another host, and a server cannot hand out new ones.
    Userinfo a Location adds is dropped, as httpx does (it never sends it): the
    hop is still followed, without it, and the URL recorded has none, so no
    credentials reach the database as the feed's moved URL (HARDENING.md)."""
    try:
        joined = current.join(location.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as e:
        shown = redact_url(location)
        raise ProtocolFailed(url, f"invalid redirect Location {shown!r}") from e
    target = _parse_url(url, joined)
    if target.userinfo and (
        target.userinfo != current.userinfo
        or (target.host, target.port) != (current.host, current.port)
    ):
        target = target.copy_with(username=None, password=None)
    return target


@contextlib.contextmanager
def _translated(url: str, hop: httpx.URL | None) -> Iterator[None]:
    """Translate every third-party exception of one hop (None: the first) to a FetchError."""
    where = "" if hop is None else f" (at redirect hop {redact_url(str(hop))})"
    try:
        yield
    except FetchError:
        raise
    except Failure as e:
        raise e.kind(url, e.detail + where) from e
    except (httpcore.TimeoutException, httpx.TimeoutException) as e:  # e.g. PoolTimeout
        failure = timed_out(f"waiting for a connection ({type(e).__name__})")
        raise FetchTimeout(url, failure.detail + where) from e
    except (httpcore.NetworkError, httpx.NetworkError, OSError) as e:
        failure = os_failure(e.__cause__ if not isinstance(e, OSError) else e)
        raise failure.kind(url, failure.detail + where) from e
    except (httpcore.ProtocolError, httpcore.UnsupportedProtocol, httpx.HTTPError) as e:
        raise ProtocolFailed(url, f"{redact_text(str(e)) or type(e).__name__}{where}") from e
    except (httpx.InvalidURL, httpx.StreamError, UnicodeError) as e:
        raise ProtocolFailed(url, f"{redact_text(str(e)) or type(e).__name__}{where}") from e


_DELTA = re.compile(r"[+-]?\d+(\.\d+)?")


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header value, relative to ``now``.

    Accepts delta-seconds (also negative or fractional, which servers send) and
    HTTP-dates (IMF-fixdate, RFC 850, asctime).  The result may be negative or huge:
    clamping to a sane interval is the scheduler's job; only its magnitude is bounded
    (to 1e12 s) so that it stays finite.  None when absent or unparseable.
    """
    if value is None:
        return None
    text = value.strip()
    if _DELTA.fullmatch(text):
        seconds = float(text)
    else:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now if now.tzinfo else now.replace(tzinfo=UTC))).total_seconds()
    return max(-_HUGE, min(_HUGE, seconds))
