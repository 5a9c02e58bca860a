"""A loopback RSS feed server for the polling benchmark (``bench/poll.py``).

It serves N deterministic RSS 2.0 feeds (default 1,000 feeds x 30 items, about
80 KB each, with 1-3 KB HTML descriptions) from 16 loopback addresses,
127.0.0.1 to 127.0.0.16; feed ``i`` lives on ``127.0.0.{1 + i % 16}`` at
``/feeds/{i}.xml``.  Every body is rendered once at start-up and kept in memory,
so a request costs a dictionary look-up and one ``write``.

HTTP/1.1 with keep-alive (and pipelining) on a raw asyncio protocol: no
``http.server``, which would cost more CPU than the client it measures.  Each
response carries a strong ``ETag`` (a hash of the body) and ``Last-Modified``;
``If-None-Match`` (preferred) and ``If-Modified-Since`` get ``304 Not
Modified``.  With ``gzip=True`` a pre-compressed body is sent to clients that
accept gzip.

Run it inside the benchmark with :class:`FeedServer`, which starts it in a
separate process (so its CPU is not charged to the measured process) and talks
to it over a pipe::

    with FeedServer(feeds=1000, items=30) as server:
        server.urls          # the feed URLs, index = feed number
        server.change(0.1, 3)  # 10% of the feeds get 3 new items (new ETag)
        server.stats()       # requests by status, bytes, connections, CPU

Or stand-alone, for poking at it with curl (it stops by itself)::

    .venv/bin/python bench/feedserver.py --feeds 100 --duration 300
    curl -i http://127.0.0.2:PORT/feeds/1.xml
    curl http://127.0.0.1:PORT/_control/change?fraction=0.1&new=3
    curl http://127.0.0.1:PORT/_control/stats

Only loopback addresses are ever bound.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import hashlib
import json
import multiprocessing
import random
import socket
import sys
import time
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

HOSTS = tuple(f"127.0.0.{n}" for n in range(1, 17))
MAX_HEAD = 64 * 1024

# ---------------------------------------------------------------------------
# Deterministic content
# ---------------------------------------------------------------------------

_WORDS = [
    "government",
    "minister",
    "council",
    "election",
    "budget",
    "report",
    "committee",
    "court",
    "ruling",
    "market",
    "shares",
    "investors",
    "inflation",
    "energy",
    "climate",
    "storm",
    "flood",
    "harbour",
    "city",
    "mayor",
    "police",
    "investigation",
    "hospital",
    "school",
    "teachers",
    "union",
    "strike",
    "talks",
    "agreement",
    "treaty",
    "border",
    "trade",
    "tariffs",
    "exports",
    "factory",
    "workers",
    "wages",
    "housing",
    "prices",
    "rent",
    "transport",
    "railway",
    "airport",
    "airline",
    "delays",
    "museum",
    "festival",
    "film",
    "music",
    "season",
    "league",
    "match",
    "coach",
    "player",
    "transfer",
    "injury",
    "record",
    "scientists",
    "study",
    "research",
    "university",
    "vaccine",
    "data",
    "privacy",
    "software",
    "outage",
    "security",
    "breach",
    "regulators",
    "company",
    "chief",
    "executive",
    "profits",
    "quarter",
    "forecast",
    "analysts",
    "residents",
    "neighbourhood",
    "protest",
    "parliament",
    "vote",
    "opposition",
    "coalition",
    "senate",
    "drought",
    "harvest",
    "farmers",
    "wildfire",
    "evacuation",
    "rescue",
    "volunteers",
    "charity",
    "court",
    "appeal",
    "judge",
    "jury",
    "verdict",
    "sentence",
    "witness",
    "evidence",
    "statement",
    "spokesperson",
]
_NAMES = [
    "Ana Silva",
    "Jonas Weber",
    "Priya Natarajan",
    "Tomás Ortega",
    "Mei Chen",
    "Olu Adeyemi",
    "Sofia Rossi",
    "Lars Eriksen",
    "Fatima Zahra",
    "Hiro Tanaka",
    "Chloé Martin",
    "Dmitri Volkov",
    "Aoife Byrne",
    "Kwame Mensah",
    "Elif Yılmaz",
    "Marta Nowak",
]
_ENTITIES = ("&amp;", "&quot;", "&#8217;", "&eacute;", "&nbsp;", "&mdash;", "&#x2013;", "&lt;")
_SECTIONS = ("world", "politics", "business", "science", "sport", "culture", "local", "tech")
_EPOCH_STEP = 3600  # seconds between consecutive items of a feed, on average


def _sentence_pool(rng: random.Random, size: int = 1500) -> list[str]:
    """Plain-text sentences (with HTML entities) shared by every feed."""
    pool = []
    for _ in range(size):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 22))]
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(_ENTITIES))
        if rng.random() < 0.2:
            words.insert(rng.randrange(len(words)), f"{rng.randint(2, 98)}%")
        text = " ".join(words)
        pool.append(text[0].upper() + text[1:] + rng.choice(".....?!"))
    return pool


@dataclass
class _Feed:
    index: int
    host: str
    path: str
    items: list[str]  # rendered <item> elements, newest first
    next_item: int  # serial number of the next new item
    newest: int  # unix time of the newest item
    last_modified: int = 0
    body: bytes = b""
    gz_body: bytes = b""
    etag: str = ""
    head_200: bytes = b""
    head_200_gz: bytes = b""
    head_304: bytes = b""
    head_304_gz: bytes = b""


class FeedSet:
    """All the feeds, their rendered bodies and their validators."""

    def __init__(
        self,
        feeds: int,
        items: int,
        seed: int = 1,
        epoch: int | None = None,
        port_of: dict[str, int] | None = None,
        use_gzip: bool = False,
    ) -> None:
        self.n_items = items
        self.seed = seed
        self.use_gzip = use_gzip
        # Newest item time: the start of the current hour, so dates look current.
        self.epoch = epoch if epoch is not None else int(time.time()) // 3600 * 3600
        self.port_of = port_of or {}
        self._pool = _sentence_pool(random.Random(seed))
        self.feeds: list[_Feed] = []
        self.by_path: dict[tuple[int, bytes], _Feed] = {}
        self.changes = 0
        for i in range(feeds):
            host = HOSTS[i % len(HOSTS)]
            rng = self._rng(i, 0)
            feed = _Feed(i, host, f"/feeds/{i}.xml", [], items, self.epoch)
            t = self.epoch
            for n in range(items - 1, -1, -1):
                feed.items.append(self._render_item(feed, n, t, rng))
                t -= rng.randint(_EPOCH_STEP // 4, _EPOCH_STEP * 2)
            feed.last_modified = self.epoch - rng.randint(0, 600)
            self._render(feed)
            self.feeds.append(feed)
            self.by_path[(i % len(HOSTS), feed.path.encode())] = feed

    def _rng(self, index: int, generation: int) -> random.Random:
        return random.Random(f"{self.seed}/{index}/{generation}")

    def url(self, feed: _Feed) -> str:
        return f"http://{feed.host}:{self.port_of.get(feed.host, 0)}{feed.path}"

    # -- rendering ----------------------------------------------------------

    def _description(self, rng: random.Random, site: str) -> str:
        """1-3 KB of HTML: paragraphs, links, emphasis, entities."""
        target = rng.randint(850, 2750)
        parts: list[str] = []
        size = 0
        while size < target:
            sentences = [rng.choice(self._pool) for _ in range(rng.randint(2, 5))]
            if rng.random() < 0.5:
                k = rng.randrange(len(sentences))
                words = sentences[k].split(" ")
                j = rng.randrange(len(words))
                words[j] = f"<em>{words[j]}</em>"
                sentences[k] = " ".join(words)
            if rng.random() < 0.4:
                slug = "-".join(rng.choice(_WORDS) for _ in range(3))
                sentences.append(
                    f'Read more: <a href="https://{site}/{rng.choice(_SECTIONS)}/{slug}">'
                    f"{slug.replace('-', ' ')}</a>."
                )
            para = "<p>" + " ".join(sentences) + "</p>"
            parts.append(para)
            size += len(para)
        return "\n".join(parts)

    def _render_item(self, feed: _Feed, n: int, when: int, rng: random.Random) -> str:
        site = f"news{feed.index}.example.com"
        section = rng.choice(_SECTIONS)
        title_words = [rng.choice(_WORDS) for _ in range(rng.randint(5, 11))]
        title = " ".join(title_words).capitalize()
        if rng.random() < 0.2:
            title += " – “" + rng.choice(_WORDS) + "” & more"
        stamp = time.strftime("%Y/%m/%d", time.gmtime(when))
        link = f"https://{site}/{section}/{stamp}/{'-'.join(title_words[:5])}-{n}.html"
        name = rng.choice(_NAMES)
        if n % 2:
            guid = f'<guid isPermaLink="true">{escape(link)}</guid>'
        else:
            guid = f'<guid isPermaLink="false">urn:news{feed.index}:item:{n}</guid>'
        if n % 3:
            author = f"<author>{name.split()[0].lower()}@{site} ({escape(name)})</author>"
        else:
            author = f"<dc:creator>{escape(name)}</dc:creator>"
        desc = escape(self._description(rng, site))
        pub = formatdate(when, usegmt=True)
        return (
            f"<item><title>{escape(title)}</title><link>{escape(link)}</link>{guid}"
            f"<pubDate>{pub}</pubDate>{author}<category>{section}</category>"
            f"<description>{desc}</description></item>\n"
        )

    def _render(self, feed: _Feed) -> None:
        site = f"news{feed.index}.example.com"
        url = self.url(feed)
        built = formatdate(feed.last_modified, usegmt=True)
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
            f"<title>Bench News {feed.index} – Top stories</title>\n"
            f"<link>https://{site}/</link>\n"
            f"<description>Deterministic benchmark feed {feed.index} &amp; friends"
            "</description>\n"
            "<language>en-gb</language>\n"
            f"<lastBuildDate>{built}</lastBuildDate>\n"
            f'<atom:link href="{escape(url)}" rel="self" type="application/rss+xml"/>\n'
        )
        body = (head + "".join(feed.items) + "</channel>\n</rss>\n").encode("utf-8")
        feed.body = body
        feed.etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        lm = formatdate(feed.last_modified, usegmt=True)
        common = f"ETag: {feed.etag}\r\nLast-Modified: {lm}\r\nCache-Control: max-age=0\r\n"
        ctype = "Content-Type: application/rss+xml; charset=utf-8\r\n"
        feed.head_200 = (
            f"HTTP/1.1 200 OK\r\n{ctype}Content-Length: {len(body)}\r\n{common}"
        ).encode("latin-1")
        feed.head_304 = f"HTTP/1.1 304 Not Modified\r\n{common}".encode("latin-1")
        if self.use_gzip:
            feed.gz_body = gzip.compress(body, compresslevel=6, mtime=0)
            gz_common = common.replace(feed.etag, feed.etag[:-1] + '-gz"')
            feed.head_200_gz = (
                f"HTTP/1.1 200 OK\r\n{ctype}Content-Encoding: gzip\r\n"
                f"Content-Length: {len(feed.gz_body)}\r\nVary: Accept-Encoding\r\n{gz_common}"
            ).encode("latin-1")
            feed.head_304_gz = (
                f"HTTP/1.1 304 Not Modified\r\nVary: Accept-Encoding\r\n{gz_common}"
            ).encode("latin-1")

    def rerender_all(self) -> None:
        for feed in self.feeds:
            self._render(feed)

    # -- mutation -----------------------------------------------------------

    def change(self, fraction: float, new_items: int) -> list[int]:
        """Give ``fraction`` of the feeds ``new_items`` new items each.

        The newest items are prepended and the oldest dropped (a real feed keeps
        a window), so the body stays about the same size and gets a new ETag
        and a later Last-Modified.  Which feeds change is deterministic.
        """
        self.changes += 1
        count = round(len(self.feeds) * fraction)
        picker = random.Random(f"{self.seed}/change/{self.changes}")
        chosen = sorted(picker.sample(range(len(self.feeds)), count))
        for i in chosen:
            feed = self.feeds[i]
            rng = self._rng(i, self.changes)
            fresh = []
            for _ in range(new_items):
                feed.newest += rng.randint(60, _EPOCH_STEP)
                fresh.append(self._render_item(feed, feed.next_item, feed.newest, rng))
                feed.next_item += 1
            fresh.reverse()
            feed.items = (fresh + feed.items)[: max(self.n_items, new_items)]
            feed.last_modified = max(feed.last_modified + 60, feed.newest)
            self._render(feed)
        return chosen


# ---------------------------------------------------------------------------
# The HTTP server
# ---------------------------------------------------------------------------


class _Stats:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.status: dict[int, int] = {}
        self.bytes_out = 0
        self.connections = 0
        self.cpu0 = time.process_time()
        self.t0 = time.monotonic()

    def snapshot(self) -> dict[str, Any]:
        return {
            "status": {str(k): v for k, v in sorted(self.status.items())},
            "requests": sum(self.status.values()),
            "bytes_out": self.bytes_out,
            "connections": self.connections,
            "server_cpu_s": round(time.process_time() - self.cpu0, 3),
            "seconds": round(time.monotonic() - self.t0, 3),
        }


def _not_modified(feed: _Feed, headers: dict[bytes, bytes], etag: str) -> bool:
    inm = headers.get(b"if-none-match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.decode("latin-1").split(",")}
        return "*" in tags or etag in tags
    ims = headers.get(b"if-modified-since")
    if ims is not None:
        try:
            since = parsedate_to_datetime(ims.decode("latin-1")).timestamp()
        except (TypeError, ValueError, IndexError):
            return False
        return feed.last_modified <= since
    return False


class _Server:
    """Shared state of the 16 listeners."""

    def __init__(self, feedset: FeedSet) -> None:
        self.feedset = feedset
        self.stats = _Stats()
        self.stop = asyncio.Event()
        self._date = b""
        self._date_at = 0

    def date_line(self) -> bytes:
        now = int(time.time())
        if now != self._date_at:
            self._date_at = now
            self._date = b"Date: " + formatdate(now, usegmt=True).encode() + b"\r\n"
        return self._date

    def control(self, target: str) -> bytes:
        parts = urlsplit(target)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        if parts.path == "/_control/change":
            chosen = self.feedset.change(
                float(query.get("fraction", "0.1")), int(query.get("new", "3"))
            )
            return json.dumps({"changed": chosen}).encode()
        if parts.path == "/_control/stats":
            return json.dumps(self.stats.snapshot()).encode()
        if parts.path == "/_control/reset":
            self.stats.reset()
            return b"{}"
        raise KeyError(parts.path)


class _Http(asyncio.Protocol):
    def __init__(self, server: _Server, host_index: int) -> None:
        self.server = server
        self.host_index = host_index
        self.buf = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.server.stats.connections += 1
        sock = transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while self.transport is not None:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buf) > MAX_HEAD:
                    self._reply(431, b"header too large", close=True)
                return
            head, self.buf = self.buf[:end], self.buf[end + 4 :]
            self._handle(head)

    def _reply(self, status: int, text: bytes, close: bool = False) -> None:
        reason = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}
        t = self.transport
        if t is None:
            return
        self.server.stats.status[status] = self.server.stats.status.get(status, 0) + 1
        t.write(
            f"HTTP/1.1 {status} {reason.get(status, 'Error')}\r\n"
            f"Content-Type: text/plain\r\nContent-Length: {len(text)}\r\n".encode()
            + (b"Connection: close\r\n" if close else b"")
            + self.server.date_line()
            + b"\r\n"
            + text
        )
        if close:
            t.close()
            self.transport = None

    def _handle(self, head: bytes) -> None:
        lines = head.split(b"\r\n")
        try:
            method, target, version = lines[0].split(b" ")
        except ValueError:
            self._reply(400, b"bad request line", close=True)
            return
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        if b"content-length" in headers or b"transfer-encoding" in headers:
            self._reply(400, b"request bodies are not supported", close=True)
            return
        conn = headers.get(b"connection", b"").lower()
        close = conn == b"close" or (version == b"HTTP/1.0" and conn != b"keep-alive")
        if method not in (b"GET", b"HEAD"):
            self._reply(405, b"GET or HEAD only", close=True)
            return
        if target.startswith(b"/_control/") and self.host_index == 0:
            try:
                text = self.server.control(target.decode("latin-1"))
            except (KeyError, ValueError) as e:
                self._reply(404, str(e).encode(), close)
            else:
                self._reply(200, text, close)
            return
        feed = self.server.feedset.by_path.get((self.host_index, target))
        if feed is None:
            self._reply(404, b"no such feed", close)
            return
        use_gz = self.server.feedset.use_gzip and b"gzip" in headers.get(b"accept-encoding", b"")
        etag = feed.etag[:-1] + '-gz"' if use_gz else feed.etag
        stats = self.server.stats
        tail = self.server.date_line() + (b"Connection: close\r\n\r\n" if close else b"\r\n")
        t = self.transport
        assert t is not None
        if _not_modified(feed, headers, etag):
            stats.status[304] = stats.status.get(304, 0) + 1
            t.write((feed.head_304_gz if use_gz else feed.head_304) + tail)
        else:
            stats.status[200] = stats.status.get(200, 0) + 1
            body = feed.gz_body if use_gz else feed.body
            t.write((feed.head_200_gz if use_gz else feed.head_200) + tail)
            if method == b"GET":
                t.write(body)
                stats.bytes_out += len(body)
        if close:
            t.close()
            self.transport = None


def _bind(port: int) -> list[socket.socket]:
    """Listening sockets on all 16 addresses, on one port if possible."""
    socks: list[socket.socket] = []
    try:
        for host in HOSTS:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            socks.append(s)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((host, port))
            s.listen(1024)
            s.setblocking(False)
            port = port or s.getsockname()[1]
    except OSError:
        for s in socks:
            s.close()
        raise
    return socks


def bind_all(port: int = 0, attempts: int = 20) -> list[socket.socket]:
    """Bind the 16 listeners: the given port, or an ephemeral port free on all 16."""
    last: OSError | None = None
    for _ in range(attempts if port == 0 else 1):
        try:
            return _bind(port)
        except OSError as e:  # the ephemeral port was taken on another address
            last = e
    raise RuntimeError(f"cannot bind the 16 loopback listeners: {last}")


async def _serve_async(server: _Server, socks: list[socket.socket], conn: Any | None) -> None:
    loop = asyncio.get_running_loop()
    listeners = [
        await loop.create_server(lambda i=i: _Http(server, i), sock=s, backlog=1024)
        for i, s in enumerate(socks)
    ]
    if conn is not None:

        def on_command() -> None:
            try:
                cmd, arg = conn.recv()
            except (EOFError, OSError):  # the parent went away: stop
                server.stop.set()
                loop.remove_reader(conn.fileno())
                return
            try:
                if cmd == "change":
                    reply: Any = server.feedset.change(*arg)
                elif cmd == "stats":
                    reply = server.stats.snapshot()
                elif cmd == "reset":
                    server.stats.reset()
                    reply = None
                elif cmd == "info":
                    reply = [
                        (server.feedset.url(f), f.etag, len(f.body)) for f in server.feedset.feeds
                    ]
                elif cmd == "stop":
                    server.stop.set()
                    reply = None
                else:
                    reply = ValueError(f"unknown command {cmd!r}")
            except Exception as e:
                reply = e
            conn.send(reply)

        loop.add_reader(conn.fileno(), on_command)
    try:
        await server.stop.wait()
    finally:
        for lst in listeners:
            lst.close()


def _serve_process(
    conn: Any, feeds: int, items: int, seed: int, port: int, use_gzip: bool, lifetime: float
) -> None:
    """Entry point of the server process."""
    try:
        socks = bind_all(port)
        port_of = {h: s.getsockname()[1] for h, s in zip(HOSTS, socks, strict=True)}
        t0 = time.perf_counter()
        feedset = FeedSet(feeds, items, seed=seed, port_of=port_of, use_gzip=use_gzip)
        render_s = time.perf_counter() - t0
    except Exception as e:
        conn.send(("error", repr(e)))
        return
    server = _Server(feedset)
    sizes = [len(f.body) for f in feedset.feeds]
    conn.send(
        (
            "ready",
            {
                "urls": [feedset.url(f) for f in feedset.feeds],
                "render_s": round(render_s, 2),
                "avg_bytes": sum(sizes) // max(1, len(sizes)),
                "total_bytes": sum(sizes),
            },
        )
    )

    async def main() -> None:
        loop = asyncio.get_running_loop()
        loop.call_later(lifetime, server.stop.set)  # bounded, even if forgotten
        await _serve_async(server, socks, conn)

    asyncio.run(main())


class FeedServer:
    """The feed server in its own process, driven over a pipe."""

    def __init__(
        self,
        feeds: int = 1000,
        items: int = 30,
        seed: int = 1,
        port: int = 0,
        use_gzip: bool = False,
        lifetime: float = 4 * 3600,
        start_timeout: float = 300,
    ) -> None:
        self.feeds, self.items, self.seed, self.port = feeds, items, seed, port
        self.use_gzip, self.lifetime, self.start_timeout = use_gzip, lifetime, start_timeout
        self.urls: list[str] = []
        self.info: dict[str, Any] = {}
        self._proc: Any = None
        self._conn: Any = None

    def start(self) -> FeedServer:
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        self._conn = parent
        self._proc = ctx.Process(
            target=_serve_process,
            args=(
                child,
                self.feeds,
                self.items,
                self.seed,
                self.port,
                self.use_gzip,
                self.lifetime,
            ),
            name="bench-feedserver",
            daemon=True,
        )
        self._proc.start()
        child.close()
        if not parent.poll(self.start_timeout):
            self.close()
            raise RuntimeError("feed server did not start in time")
        try:
            kind, payload = parent.recv()
        except EOFError:
            kind, payload = "error", f"the server process exited ({self._proc.exitcode})"
        if kind != "ready":
            self.close()
            raise RuntimeError(f"feed server failed: {payload}")
        self.info = payload
        self.urls = payload["urls"]
        return self

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def _call(self, cmd: str, arg: Any = None, timeout: float = 120) -> Any:
        self._conn.send((cmd, arg))
        if not self._conn.poll(timeout):
            raise RuntimeError(f"feed server did not answer {cmd!r}")
        reply = self._conn.recv()
        if isinstance(reply, Exception):
            raise reply
        return reply

    def change(self, fraction: float = 0.1, new_items: int = 3) -> list[int]:
        """Apply the "changed" mutation; returns the indexes of the changed feeds."""
        return list(self._call("change", (fraction, new_items)))

    def stats(self) -> dict[str, Any]:
        return dict(self._call("stats"))

    def reset_stats(self) -> None:
        self._call("reset")

    def feed_info(self) -> list[tuple[str, str, int]]:
        """(url, etag, body size) per feed, as served now."""
        return [tuple(x) for x in self._call("info")]

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        with contextlib.suppress(Exception):
            self._conn.send(("stop", None))
        proc.join(5)
        if proc.is_alive():
            proc.terminate()
            proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join(5)
        with contextlib.suppress(Exception):
            self._conn.close()

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--items", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--port", type=int, default=0, help="0 = an ephemeral port")
    ap.add_argument("--gzip", action="store_true", help="serve gzip to clients that accept it")
    ap.add_argument("--duration", type=float, default=600, help="stop after this many seconds")
    args = ap.parse_args(argv)
    socks = bind_all(args.port)
    port_of = {h: s.getsockname()[1] for h, s in zip(HOSTS, socks, strict=True)}
    t0 = time.perf_counter()
    feedset = FeedSet(args.feeds, args.items, seed=args.seed, port_of=port_of, use_gzip=args.gzip)
    sizes = [len(f.body) for f in feedset.feeds]
    print(
        f"{len(sizes)} feeds rendered in {time.perf_counter() - t0:.2f}s, "
        f"avg {sum(sizes) / max(1, len(sizes)) / 1000:.1f} KB; "
        f"e.g. {feedset.url(feedset.feeds[0])}; control: "
        f"http://127.0.0.1:{port_of[HOSTS[0]]}/_control/stats; "
        f"stopping after {args.duration:.0f}s",
        flush=True,
    )
    server = _Server(feedset)

    async def run() -> None:
        asyncio.get_running_loop().call_later(args.duration, server.stop.set)
        await _serve_async(server, socks, None)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
