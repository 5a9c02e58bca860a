"""Loopback tests of monitor.net.fetch: one or more per row of HARDENING.md "Fetching".

Every request goes to 127.0.0.1.  Private and link-local destinations are only
ever handed to the SSRF gate, which must refuse them before any connection.
"""

from __future__ import annotations

import base64
import functools
import ipaddress
import select
import socket
import ssl
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import brotli
import pytest
import trustme

from monitor.errors import (
    BlockedAddress,
    ConnectFailed,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    ProtocolFailed,
    ResponseTooLarge,
    TLSFailed,
    TooManyRedirects,
    UnexpectedContentType,
)
from monitor.net.fetch import Fetcher, FetchPolicy, is_public_address, parse_retry_after
from monitor.net.guard import GatedPools
from monitor.types import Validators
from tests.httpserver import LoopbackServer

UA = "news-monitor/0.1 (+https://github.com/news-monitor/news-monitor)"
FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
CAP = 1_000_000


@contextmanager
def fetcher_for(server: LoopbackServer | None = None, **options: Any) -> Iterator[Fetcher]:
    """A Fetcher that allowlists only ``server`` (unless ``allow_private`` is given)."""
    if "allow_private" not in options:
        options["allow_private"] = (server.host_port,) if server is not None else ()
    with Fetcher(FetchPolicy(user_agent=UA, **options)) as fetcher:
        yield fetcher


@contextmanager
def canary(host: str = "127.0.0.1") -> Iterator[socket.socket]:
    """A listening socket that nobody should ever connect to."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((host, 0))
        sock.listen(8)
        yield sock
    finally:
        sock.close()


def contacted(sock: socket.socket) -> bool:
    """True if a TCP connection reached the canary (it would wait in the backlog)."""
    readable, _, _ = select.select([sock], [], [], 0)
    return bool(readable)


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# --- SSRF gate ---------------------------------------------------------------------------


def test_loopback_refused_without_allowlist(http_server: LoopbackServer) -> None:
    url = http_server.add("/feed.xml", FEED)
    with fetcher_for(allow_private=()) as fetcher, pytest.raises(BlockedAddress) as info:
        fetcher.fetch(url)
    assert str(info.value).startswith("blocked: non-public address")
    assert http_server.requests == []


@pytest.mark.parametrize("entry", ["host:port", "127.0.0.0/8", "127.0.0.1"])
def test_allowlist_exempts_host_port_or_network(http_server: LoopbackServer, entry: str) -> None:
    url = http_server.add("/feed.xml", FEED)
    allow = http_server.host_port if entry == "host:port" else entry
    with fetcher_for(allow_private=(allow,)) as fetcher:
        result = fetcher.fetch(url)
    assert (result.status, result.body) == (200, FEED)


def test_allowlisted_host_on_another_port_is_refused(http_server: LoopbackServer) -> None:
    url = http_server.add("/feed.xml", FEED)
    with fetcher_for(allow_private=("127.0.0.1:1",)) as fetcher, pytest.raises(BlockedAddress):
        fetcher.fetch(url)


def test_redirect_to_private_loopback_port_refused_before_connecting(
    http_server: LoopbackServer,
) -> None:
    with canary("127.0.0.1") as same_ip, canary("127.0.0.2") as other_ip:
        for path, sock in (("/a", same_ip), ("/b", other_ip)):
            host, port = sock.getsockname()
            go = http_server.add(path, redirect_to=f"http://{host}:{port}/secret")
            with fetcher_for(http_server) as fetcher, pytest.raises(BlockedAddress) as info:
                fetcher.fetch(go)
            assert "redirect hop" in str(info.value)
            assert not contacted(sock)
        assert len(http_server.requests) == 2  # only the allowlisted server was asked


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://192.168.1.1:8080/",
        "http://[fd00::1]/",
        "http://[fe80::1]/",
    ],
)
def test_redirect_to_private_network_refused_by_gate(
    http_server: LoopbackServer, target: str
) -> None:
    # The gate refuses these from the numeric address alone: no packet is sent.
    go = http_server.add("/go", redirect_to=target)
    with fetcher_for(http_server) as fetcher, pytest.raises(BlockedAddress):
        fetcher.fetch(go)


@pytest.mark.parametrize(
    "form",
    [
        "http://{ip}:{port}/",
        "http://2130706433:{port}/",
        "http://0x7f000001:{port}/",
        "http://127.1:{port}/",
        "http://0x7f.0.0.1:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://[::1]:{port}/",
        "http://0.0.0.0:{port}/",
        "http://0:{port}/",
        "http://localhost:{port}/",
        "http://169.254.169.254/",
    ],
)
def test_address_literal_forms_refused(form: str) -> None:
    with canary() as sock, fetcher_for(allow_private=()) as fetcher:
        ip, port = sock.getsockname()
        with pytest.raises(BlockedAddress) as info:
            fetcher.fetch(form.format(ip=ip, port=port))
        assert not contacted(sock)
    assert str(info.value).startswith("blocked: non-public address")


def test_octal_dotted_literal_is_rejected_as_invalid() -> None:
    # httpx refuses "0177.0.0.1" while parsing; it never reaches a socket.
    with fetcher_for(allow_private=()) as fetcher, pytest.raises(ProtocolFailed):
        fetcher.fetch("http://0177.0.0.1/")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "100.127.255.254",
        "0.0.0.0",
        "0.1.2.3",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "192.0.2.1",
        "198.18.0.1",
        "::",
        "::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::7f00:1",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "fe80::1%1",
        "fec0::1",
        "ff02::1",
        "2001:db8::1",
        "2002:7f00:1::",
        "2002:a00:1::",
        "64:ff9b::7f00:1",
        "2001::1",
    ],
)
def test_classifier_refuses_non_public(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize(
    "address",
    [
        "8.8.8.8",
        "93.184.216.34",
        "1.1.1.1",
        "2606:4700::1111",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
    ],
)
def test_classifier_allows_public(address: str) -> None:
    assert is_public_address(address)
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("entry", ["nonsense", "127.0.0.1:0", "127.0.0.1:99999", "10.0.0.0/33"])
def test_bad_allowlist_entry_is_refused(entry: str) -> None:
    with pytest.raises(ValueError, match="allow_private"):
        Fetcher(FetchPolicy(user_agent=UA, allow_private=(entry,)))


# --- redirects ---------------------------------------------------------------------------


def test_redirect_loop(http_server: LoopbackServer) -> None:
    a = http_server.add("/a", redirect_to="/b")
    http_server.add("/b", redirect_to="/a")
    with fetcher_for(http_server) as fetcher, pytest.raises(TooManyRedirects) as info:
        fetcher.fetch(a)
    assert "redirect loop" in str(info.value)
    assert len(http_server.requests) <= 6


def test_more_than_five_hops(http_server: LoopbackServer) -> None:
    for i in range(6):
        http_server.add(f"/h{i}", redirect_to=f"/h{i + 1}")
    http_server.add("/h6", FEED)
    with fetcher_for(http_server) as fetcher:
        with pytest.raises(TooManyRedirects):
            fetcher.fetch(http_server.url("/h0"))
        result = fetcher.fetch(http_server.url("/h1"))  # exactly five hops is fine
    assert result.body == FEED
    assert result.redirects == tuple(http_server.url(f"/h{i}") for i in range(2, 7))


def test_permanent_chain_sets_permanent_url(http_server: LoopbackServer) -> None:
    start = http_server.add("/p1", status=301, redirect_to="/p2")
    http_server.add("/p2", status=308, redirect_to=http_server.url("/final"))
    final = http_server.add("/final", FEED)
    with fetcher_for(http_server) as fetcher:
        result = fetcher.fetch(start)
    assert result.url == start
    assert result.final_url == final
    assert result.permanent_url == final
    assert result.redirects == (http_server.url("/p2"), final)


@pytest.mark.parametrize("temporary", [302, 303, 307])
def test_temporary_hop_never_sets_permanent_url(
    http_server: LoopbackServer, temporary: int
) -> None:
    start = http_server.add("/q1", status=301, redirect_to="/q2")
    http_server.add("/q2", status=temporary, redirect_to="final")  # relative Location
    final = http_server.add("/final", FEED)
    with fetcher_for(http_server) as fetcher:
        result = fetcher.fetch(start)
    assert result.final_url == final
    assert result.permanent_url is None


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/"])
def test_redirect_to_non_http_scheme(http_server: LoopbackServer, location: str) -> None:
    start = http_server.add("/x", redirect_to=location)
    with fetcher_for(http_server) as fetcher, pytest.raises(ProtocolFailed):
        fetcher.fetch(start)


# --- encodings and bombs -----------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "brotli"])
def test_compressed_bodies_are_decoded(http_server: LoopbackServer, encoding: str) -> None:
    body = FEED * 500
    url = http_server.add("/feed.xml", body, **{encoding: True})
    with fetcher_for(http_server) as fetcher:
        result = fetcher.fetch(url)
    assert result.body == body
    assert "br" in http_server.requests[0].headers["accept-encoding"]


def test_raw_deflate_body_is_decoded(http_server: LoopbackServer) -> None:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw = packer.compress(FEED) + packer.flush()
    url = http_server.add("/feed.xml", raw_body=raw, content_encoding="deflate")
    with fetcher_for(http_server) as fetcher:
        assert fetcher.fetch(url).body == FEED


@functools.cache
def gzip_bomb() -> bytes:
    """~250 KB of gzip that expands to 256 MiB of zeros."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    return b"".join(packer.compress(zeros) for _ in range(256)) + packer.flush()


@functools.cache
def brotli_bomb() -> bytes:
    """A few hundred bytes of brotli that expand to 512 MiB of zeros."""
    packer = brotli.Compressor(quality=5)
    zeros = bytes(1 << 20)
    return bytes(b"".join(packer.process(zeros) for _ in range(512)) + packer.finish())


@pytest.mark.parametrize(("bomb", "encoding"), [(gzip_bomb, "gzip"), (brotli_bomb, "br")])
def test_decompression_bomb_stopped_at_cap(
    http_server: LoopbackServer, bomb: Any, encoding: str
) -> None:
    url = http_server.add("/bomb", raw_body=bomb(), content_encoding=encoding)
    with fetcher_for(http_server, max_bytes=CAP) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLarge):
                fetcher.fetch(url)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 4 * CAP  # the bomb is hundreds of MB; we stay near the cap


def test_body_over_cap_without_length(http_server: LoopbackServer) -> None:
    url = http_server.add("/big", b"x" * (2 * CAP), chunked=True)
    with fetcher_for(http_server, max_bytes=CAP) as fetcher, pytest.raises(ResponseTooLarge):
        fetcher.fetch(url)


def test_body_at_cap_is_accepted(http_server: LoopbackServer) -> None:
    url = http_server.add("/big", b"x" * CAP, chunked=True)
    with fetcher_for(http_server, max_bytes=CAP) as fetcher:
        assert len(fetcher.fetch(url).body) == CAP


def test_content_length_over_cap_refused_before_body(http_server: LoopbackServer) -> None:
    # The server declares 5 MB and sends 10 bytes: reading the body would end in a
    # protocol error, so ResponseTooLarge shows the header alone decided.
    url = http_server.add("/big", b"x" * 10, lie_content_length=5 * CAP)
    with fetcher_for(http_server, max_bytes=CAP) as fetcher, pytest.raises(ResponseTooLarge):
        fetcher.fetch(url)


def test_lying_content_length(http_server: LoopbackServer) -> None:
    url = http_server.add("/short", b"x" * 10, lie_content_length=1000)
    with fetcher_for(http_server) as fetcher, pytest.raises(ProtocolFailed):
        fetcher.fetch(url)


def test_truncated_gzip_body(http_server: LoopbackServer) -> None:
    import gzip

    cut = gzip.compress(FEED * 50)[:-20]
    url = http_server.add("/cut", raw_body=cut, content_encoding="gzip")
    with fetcher_for(http_server) as fetcher, pytest.raises(ProtocolFailed):
        fetcher.fetch(url)


def test_endless_chunked_stream(http_server: LoopbackServer) -> None:
    url = http_server.add("/forever", chunked_forever=True)
    with fetcher_for(http_server, max_bytes=CAP) as fetcher, pytest.raises(ResponseTooLarge):
        fetcher.fetch(url)


# --- deadline ----------------------------------------------------------------------------


def test_server_that_never_answers(http_server: LoopbackServer) -> None:
    url = http_server.add("/hang", hang=True)
    with fetcher_for(http_server, deadline=1.0) as fetcher, pytest.raises(FetchTimeout) as info:
        fetcher.fetch(url)
    assert "deadline" in str(info.value)


@pytest.mark.parametrize("where", ["trickle", "trickle_body"])
def test_trickling_server_cut_at_deadline(http_server: LoopbackServer, where: str) -> None:
    # One byte every 0.2 s never trips the 30 s read timeout; only the deadline ends it.
    url = http_server.add("/slow", FEED, **{where: 0.2})
    with fetcher_for(http_server, deadline=1.0) as fetcher, pytest.raises(FetchTimeout) as info:
        fetcher.fetch(url)
    assert str(info.value).startswith("timeout")


def test_read_timeout_before_deadline(http_server: LoopbackServer) -> None:
    url = http_server.add("/hang", hang=True)
    fast_read = fetcher_for(http_server, read_timeout=0.3, deadline=10)
    with fast_read as fetcher, pytest.raises(FetchTimeout, match="read timed out"):
        fetcher.fetch(url)


# --- connection failures -----------------------------------------------------------------


def test_connection_refused() -> None:
    port = unused_port()
    loopback = fetcher_for(allow_private=("127.0.0.0/8",))
    with loopback as fetcher, pytest.raises(ConnectFailed, match="connection refused"):
        fetcher.fetch(f"http://127.0.0.1:{port}/feed")


def test_connection_reset(http_server: LoopbackServer) -> None:
    url = http_server.add("/reset", reset=True)
    with fetcher_for(http_server) as fetcher, pytest.raises(ConnectFailed, match="reset"):
        fetcher.fetch(url)


def test_dns_failure() -> None:
    with fetcher_for() as fetcher, pytest.raises(ConnectFailed, match="DNS lookup failed"):
        fetcher.fetch("http://no-such-host.invalid/feed")


def test_tls_to_a_plain_http_server(http_server: LoopbackServer) -> None:
    http_server.add("/feed.xml", FEED)
    url = f"https://127.0.0.1:{http_server.port}/feed.xml"
    with fetcher_for(http_server) as fetcher, pytest.raises(TLSFailed):
        fetcher.fetch(url)


@pytest.fixture
def untrusted_tls() -> ssl.SSLContext:
    """A server context whose certificate for 127.0.0.1 comes from a throwaway CA
    (trustme) that the system trust store has never heard of."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    trustme.CA().issue_cert("127.0.0.1").configure_cert(context)
    return context


def test_untrusted_certificate_is_refused(untrusted_tls: ssl.SSLContext) -> None:
    with LoopbackServer(tls=untrusted_tls) as server:
        url = server.add("/feed.xml", FEED)
        with fetcher_for(server) as fetcher, pytest.raises(TLSFailed, match="certificate"):
            fetcher.fetch(url)


# --- statuses ----------------------------------------------------------------------------


def http_date(delta: timedelta) -> str:
    return format_datetime(datetime.now(UTC) + delta, usegmt=True)


@pytest.mark.parametrize("status", [429, 503])
@pytest.mark.parametrize(
    ("header", "low", "high"),
    [
        ("120", 120.0, 120.0),
        ("-5", -5.0, -5.0),
        ("99999999999", 99999999999.0, 99999999999.0),
        ("soon", None, None),
        (None, None, None),
        ("date+3600", 3500.0, 3600.0),
        ("date-600", -700.0, -500.0),
    ],
)
def test_retry_after_on_429_and_503(
    http_server: LoopbackServer, status: int, header: str | None, low: Any, high: Any
) -> None:
    if header is not None and header.startswith("date"):
        header = http_date(timedelta(seconds=int(header[4:])))
    headers = {} if header is None else {"Retry-After": header}
    url = http_server.add("/busy", b"busy", status=status, headers=headers)
    with fetcher_for(http_server) as fetcher, pytest.raises(HTTPStatusError) as info:
        fetcher.fetch(url)
    assert info.value.status == status
    if low is None:
        assert info.value.retry_after is None
    else:
        assert info.value.retry_after is not None
        assert low <= info.value.retry_after <= high


@pytest.mark.parametrize("status", [404, 500, 410, 204, 401, 300])
def test_error_statuses(http_server: LoopbackServer, status: int) -> None:
    url = http_server.add("/gone", b"nope", status=status)
    with fetcher_for(http_server) as fetcher, pytest.raises(HTTPStatusError) as info:
        fetcher.fetch(url)
    assert info.value.status == status
    assert isinstance(info.value, FetchError)
    assert f"HTTP {status}" in str(info.value)


# --- conditional GET, headers, content types ---------------------------------------------


def test_etag_conditional_get(http_server: LoopbackServer) -> None:
    url = http_server.add("/feed.xml", FEED, etag='"v1"')
    with fetcher_for(http_server) as fetcher:
        first = fetcher.fetch(url)
        assert first.status == 200
        second = fetcher.fetch(url, Validators(etag=first.headers["etag"]))
    assert second.status == 304
    assert second.not_modified
    assert second.body == b""
    assert http_server.requests[1].headers["if-none-match"] == '"v1"'


def test_last_modified_conditional_get(http_server: LoopbackServer) -> None:
    stamp = "Mon, 01 Jan 2024 00:00:00 GMT"
    url = http_server.add("/feed.xml", FEED, last_modified=stamp)
    with fetcher_for(http_server) as fetcher:
        first = fetcher.fetch(url)
        second = fetcher.fetch(url, Validators(last_modified=first.headers["last-modified"]))
    assert second.status == 304
    assert http_server.requests[1].headers["if-modified-since"] == stamp


def test_non_ascii_validators_are_sent(http_server: LoopbackServer) -> None:
    url = http_server.add("/feed.xml", FEED, etag='"café"')
    with fetcher_for(http_server) as fetcher:
        result = fetcher.fetch(url, Validators(etag='"café"'))
    assert result.status == 304


def test_changed_etag_gets_full_body(http_server: LoopbackServer) -> None:
    url = http_server.add("/feed.xml", FEED, etag='"v2"')
    with fetcher_for(http_server) as fetcher:
        result = fetcher.fetch(url, Validators(etag='"v1"', last_modified="x"))
    assert (result.status, result.body, result.headers["etag"]) == (200, FEED, '"v2"')


def test_user_agent_and_accept_sent_on_every_hop(http_server: LoopbackServer) -> None:
    start = http_server.add("/r", redirect_to="/feed.xml")
    http_server.add("/feed.xml", FEED)
    with fetcher_for(http_server) as fetcher:
        fetcher.fetch(start)
    assert [r.headers["user-agent"] for r in http_server.requests] == [UA, UA]
    assert all("application/rss+xml" in r.headers["accept"] for r in http_server.requests)


def test_cookies_live_for_one_redirect_chain_only(http_server: LoopbackServer) -> None:
    start = http_server.add("/login", redirect_to="/feed.xml",
                            headers={"Set-Cookie": "sid=abc; Path=/"})  # fmt: skip
    feed = http_server.add("/feed.xml", FEED)
    with fetcher_for(http_server) as fetcher:
        assert fetcher.fetch(start).body == FEED
        fetcher.fetch(feed)
    assert [r.headers.get("cookie") for r in http_server.requests] == [None, "sid=abc", None]


def test_credentials_in_the_url_are_sent_as_basic_auth(http_server: LoopbackServer) -> None:
    http_server.add("/private.xml", FEED)
    url = f"http://user:p%40ss@127.0.0.1:{http_server.port}/private.xml"
    with fetcher_for(http_server) as fetcher:
        assert fetcher.fetch(url).body == FEED
    expected = "Basic " + base64.b64encode(b"user:p@ss").decode()
    assert http_server.requests[0].headers["authorization"] == expected


def test_a_redirect_that_adds_credentials_is_followed_without_them(
    http_server: LoopbackServer,
) -> None:
    """Userinfo in a Location is the server's, not ours: the hop is followed without
    it (httpx never sends it either), and it is in no URL the result reports, so
    none can be stored as the feed's moved URL (tests/test_redact.py)."""
    feed = http_server.add("/feed.xml", FEED)
    start = http_server.add(
        "/old", status=301, redirect_to=f"http://user:pw@127.0.0.1:{http_server.port}/feed.xml"
    )
    with fetcher_for(http_server) as fetcher:
        result = fetcher.fetch(start)
    assert result.body == FEED
    assert (result.final_url, result.permanent_url, result.redirects) == (feed, feed, (feed,))
    assert "authorization" not in http_server.requests_to("/feed.xml")[0].headers


def test_our_credentials_follow_a_redirect_only_on_their_host(http_server: LoopbackServer) -> None:
    http_server.add("/private", redirect_to="/private.xml")
    http_server.add("/private.xml", FEED)
    http_server.add("/away", redirect_to=f"http://user:pw@localhost:{http_server.port}/feed.xml")
    http_server.add("/feed.xml", FEED)
    base = f"http://user:pw@127.0.0.1:{http_server.port}"
    allow = (http_server.host_port, f"localhost:{http_server.port}")
    with fetcher_for(http_server, allow_private=allow) as fetcher:
        fetcher.fetch(f"{base}/private")
        fetcher.fetch(f"{base}/away")
    expected = "Basic " + base64.b64encode(b"user:pw").decode()
    assert http_server.requests_to("/private.xml")[0].headers["authorization"] == expected
    assert "authorization" not in http_server.requests_to("/feed.xml")[0].headers


def test_error_messages_show_urls_redacted(http_server: LoopbackServer) -> None:
    http_server.add("/x", redirect_to="ftp://user:pw@example.org/f?token=T")
    http_server.add("/loop", redirect_to="/loop?api_key=K")
    with fetcher_for(http_server) as fetcher:
        with pytest.raises(ProtocolFailed) as unsupported:
            fetcher.fetch(http_server.url("/x"))
        with pytest.raises(TooManyRedirects) as loop:
            fetcher.fetch(http_server.url("/loop"))
    assert "'ftp://***@example.org/f?token=***'" in str(unsupported.value)
    assert "api_key=***" in str(loop.value) and "=K" not in str(loop.value)


def test_accept_types_refuses_before_reading_body(http_server: LoopbackServer) -> None:
    # The body trickles: reading it would end in a timeout, not this error.
    url = http_server.add("/doc.pdf", b"%PDF" * 100, content_type="application/pdf",
                          trickle_body=0.5)  # fmt: skip
    refused = pytest.raises(UnexpectedContentType, match="application/pdf")
    with fetcher_for(http_server, deadline=5) as fetcher, refused:
        fetcher.fetch(url, accept="text/html", accept_types={"text/html"})


def test_accept_types_lets_matching_type_through(http_server: LoopbackServer) -> None:
    url = http_server.add("/page", b"<html></html>", content_type="text/html; charset=utf-8")
    with fetcher_for(http_server) as fetcher:
        result = fetcher.fetch(url, accept_types=("text/html", "application/xhtml+xml"))
    assert result.content_type == "text/html"


# --- connection reuse --------------------------------------------------------------------


def _reuse_cases(server: LoopbackServer) -> dict[str, tuple[str, Validators | None]]:
    """Each case: a URL and validators whose fetch ends in one status or error."""
    server.add("/feed.xml", FEED, etag='"v1"')
    server.add("/r1", status=301, redirect_to="/r2")
    server.add("/r2", redirect_to="/feed.xml")
    server.add("/gone", b"<html>not here</html>" * 50, status=404, content_type="text/html")
    server.add("/busy", b"x" * 30_000, status=503, chunked=True)
    server.add("/gz", FEED * 100, gzip=True)
    return {
        "304": (server.url("/feed.xml"), Validators(etag='"v1"')),
        "redirect chain": (server.url("/r1"), None),
        "404 small body": (server.url("/gone"), None),
        "503 chunked body": (server.url("/busy"), None),
        "200": (server.url("/feed.xml"), None),
        "200 gzip": (server.url("/gz"), None),
    }


@pytest.mark.parametrize(
    "case", ["304", "redirect chain", "404 small body", "503 chunked body", "200", "200 gzip"]
)
def test_sequential_fetches_reuse_one_connection(http_server: LoopbackServer, case: str) -> None:
    # Each response's body (empty or small) is read to its end, so httpcore puts the
    # connection back in the pool instead of discarding it.
    url, validators = _reuse_cases(http_server)[case]
    with fetcher_for(http_server) as fetcher:
        for _ in range(20):
            with suppress(HTTPStatusError):
                fetcher.fetch(url, validators)
    assert len(http_server.requests) == 20 * (3 if case == "redirect chain" else 1)
    assert http_server.connections == 1


def _two_origins(server: LoopbackServer, path: str) -> list[str]:
    # "127.1" is 127.0.0.1 spelt another way: another origin (and host slot) for the
    # fetcher, the same server for the test.
    return [server.url(path), f"http://127.1:{server.port}{path}"]


@pytest.mark.parametrize(("max_connections", "connections"), [(2, 2), (1, 8)])
def test_one_pool_per_origin_and_least_recently_used_idle_pools_are_closed(
    http_server: LoopbackServer, max_connections: int, connections: int
) -> None:
    # Each origin keeps its own connection while both fit under max_connections; with
    # room for one origin only, each switch closes the other's idle pool.
    http_server.add("/feed.xml", FEED)
    urls = _two_origins(http_server, "/feed.xml")
    allow = ("127.0.0.0/8",)
    with fetcher_for(allow_private=allow, max_connections=max_connections) as fetcher:
        for i in range(8):
            assert fetcher.fetch(urls[i % 2]).status == 200
    hosts = {r.headers["host"] for r in http_server.requests}
    assert hosts == {f"127.0.0.1:{http_server.port}", f"127.1:{http_server.port}"}
    assert http_server.connections == connections


def test_close_closes_every_pool(http_server: LoopbackServer) -> None:
    http_server.add("/feed.xml", FEED)
    gated = GatedPools(("127.0.0.0/8",), per_origin=2, max_in_flight=8)
    used = []
    for url in _two_origins(http_server, "/feed.xml"):
        host = url.split("/")[2].split(":")[0].encode()
        with gated.lease((b"http", host, http_server.port), wait=5) as pool:
            assert pool.request("GET", url).status == 200
            used.append(pool)
    assert len(gated) == 2
    assert [len(pool.connections) for pool in used] == [1, 1]
    gated.close()
    assert len(gated) == 0
    assert [len(pool.connections) for pool in used] == [0, 0]
    with pytest.raises(RuntimeError), gated.lease((b"http", b"127.0.0.1", 80), wait=5):
        pass


def test_large_error_body_is_not_drained(http_server: LoopbackServer) -> None:
    # Past 64 KiB the connection is dropped rather than read to the end.
    for path, options in (("/big", {}), ("/big-chunked", {"chunked": True})):
        url = http_server.add(path, b"x" * 1_000_000, status=500, **options)
        http_server.reset_stats()
        with fetcher_for(http_server) as fetcher:
            for _ in range(3):
                with pytest.raises(HTTPStatusError):
                    fetcher.fetch(url)
        assert http_server.connections == 3


@pytest.mark.parametrize("status", [404, 302])
def test_slow_non_200_body_is_not_waited_for(http_server: LoopbackServer, status: int) -> None:
    # A small body that trickles for 20 s: the drain gives up after about a second,
    # long before the 60 s deadline, and the status is the outcome as before.
    http_server.add("/feed.xml", FEED)
    url = http_server.add("/slow", b"x" * 100, status=status, trickle_body=0.2,
                          redirect_to="/feed.xml" if status == 302 else None)  # fmt: skip
    with fetcher_for(http_server) as fetcher:
        started = time.monotonic()
        if status == 404:
            with pytest.raises(HTTPStatusError, match="HTTP 404"):
                fetcher.fetch(url)
        else:
            assert fetcher.fetch(url).body == FEED
        assert time.monotonic() - started < 5
        fetcher.fetch(http_server.url("/feed.xml"))
    assert http_server.connections == 2  # the abandoned connection was not reused


# --- politeness --------------------------------------------------------------------------


def test_at_most_two_requests_in_flight_per_host(http_server: LoopbackServer) -> None:
    url = http_server.add("/feed.xml", FEED, delay=0.5)
    with fetcher_for(http_server) as fetcher, ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: fetcher.fetch(url), range(6)))
    assert [r.status for r in results] == [200] * 6
    assert http_server.max_in_flight == 2


def test_min_gap_spaces_request_starts_to_one_host(http_server: LoopbackServer) -> None:
    # The redirect's second request to the same host must wait 30 s for its turn;
    # the 1 s deadline ends the fetch first, so the server sees only the first request.
    start = http_server.add("/a", redirect_to="/b")
    http_server.add("/b", FEED)
    with fetcher_for(http_server, min_gap=30, deadline=1) as fetcher, pytest.raises(FetchTimeout):
        fetcher.fetch(start)
    assert [r.path for r in http_server.requests] == ["/a"]


def test_hosts_are_limited_separately(http_server: LoopbackServer) -> None:
    with LoopbackServer() as other:
        urls = [http_server.add("/f", FEED, delay=0.4), other.add("/f", FEED, delay=0.4)]
        allow = (http_server.host_port, other.host_port)
        with fetcher_for(allow_private=allow) as fetcher, ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda i: fetcher.fetch(urls[i % 2]), range(8)))
        assert other.max_in_flight == 2
    assert http_server.max_in_flight == 2


def test_max_connections_bounds_requests_in_flight_across_hosts(
    http_server: LoopbackServer,
) -> None:
    http_server.add("/feed.xml", FEED, delay=0.2)
    urls = _two_origins(http_server, "/feed.xml")
    allow = ("127.0.0.0/8",)
    with (
        fetcher_for(allow_private=allow, max_connections=1) as fetcher,
        ThreadPoolExecutor(4) as pool,
    ):
        assert {r.status for r in pool.map(lambda i: fetcher.fetch(urls[i % 2]), range(4))} == {200}
    assert http_server.max_in_flight == 1


# --- parse_retry_after -------------------------------------------------------------------

NOW = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        ("  42 ", 42.0),
        ("0", 0.0),
        ("-5", -5.0),
        ("1.5", 1.5),
        ("99999999999", 99999999999.0),
        ("9" * 400, 1e12),
        ("-" + "9" * 400, -1e12),
        ("Wed, 01 May 2024 13:00:00 GMT", 3600.0),
        ("Wednesday, 01-May-24 13:00:00 GMT", 3600.0),
        ("Wed May  1 13:00:00 2024", 3600.0),
        ("Wed, 01 May 2024 11:00:00 GMT", -3600.0),
        ("Fri, 01 May 9999 00:00:00 GMT", (datetime(9999, 5, 1, tzinfo=UTC) - NOW).total_seconds()),
        ("soon", None),
        ("", None),
        (None, None),
        ("inf", None),
        ("nan", None),
        ("1e5", None),
        ("12 seconds", None),
        ("Wed, 41 May 2024 13:00:00 GMT", None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, NOW) == expected


def test_parse_retry_after_naive_now_is_utc() -> None:
    naive = NOW.replace(tzinfo=None)
    assert parse_retry_after("Wed, 01 May 2024 12:01:00 GMT", naive) == 60.0
