"""Polling benchmark: news-monitor against lemon24/reader on a loopback feed server.

Run it from the repository root::

    .venv/bin/python bench/poll.py              # 1,000 feeds x 30 items, ~80 KB each
    .venv/bin/python bench/poll.py --quick      # 100 feeds: a smoke run
    .venv/bin/python bench/poll.py --no-peer    # ours only
    .venv/bin/python bench/poll.py --phases cold,warm --no-fetch-bench

What happens:

1. ``bench/feedserver.py`` starts in its own process (so its CPU is not charged
   to the measured processes) and serves N deterministic RSS 2.0 feeds from
   127.0.0.1..127.0.0.16 (feed i on 127.0.0.{1 + i % 16}), with ETag and
   Last-Modified and 304 answers to conditional GETs.
2. Three phases, each a whole new process, first for news-monitor and then for
   reader:

   - cold: the first poll of an empty database (all 200s);
   - warm: the second poll (all 304s);
   - changed: a poll after 10% of the feeds each got 3 new items.

   Ours is ``monitor --config WORKDIR/monitor.toml poll``; reader is
   ``make_reader(db)`` + ``update_feeds(scheduled=False, workers=16)`` in a
   hidden sub-command of this script (the cold phase also adds the feeds).
3. A fetch-path micro-benchmark: N full GETs (200) and N conditional GETs (304)
   with a pooled ``httpx.Client`` on 32 threads, ``httpx.AsyncClient`` with 32
   in flight, and ``monitor.net.fetch.Fetcher`` on 32 threads when it exists.

Per phase and per contender it measures:

- wall: seconds from spawning the process to reaping it (interpreter start-up
  and imports included);
- cpu: user + system seconds of the process and of every descendant it reaped
  (``os.wait4`` on the child: Linux adds reaped children's times).  A
  descendant that is never reaped by its parent (e.g. a process-pool worker
  left to exit on its own) is missing from that sum, so the tree is also
  sampled with psutil every 50 ms and the larger figure is used, with a NOTE
  (the samples are a lower bound: up to 50 ms per process may be missed);
- rss_MB: the larger of ``ru_maxrss`` from ``os.wait4`` (the peak of the
  largest single process in the tree) and the peak of the summed RSS of the
  whole tree sampled with psutil every 50 ms (counts pool workers together;
  shared pages are counted once per process);
- items: stored items, counted with sqlite3 after the process exits (ours:
  ``SELECT count(*) FROM items WHERE source = 'feed'``; reader: ``entries``).

Correctness is checked: after cold, items == feeds x items; after warm,
unchanged; after changed, +3 per changed feed.  Anything else prints MISMATCH.
The throughput ratio is reader's wall time over ours (same work, so it is our
feeds-per-second over reader's); goals: cold >= 2x, warm >= 3x, changed >= 2x.

Only loopback addresses 127.0.0.1-127.0.0.16 are contacted.  Every process and
request loop is bounded; the server is stopped at exit, even on error.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.metadata
import json
import os
import platform
import shlex
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(1, str(ROOT))  # so that the fetch micro-benchmark can import monitor.net.fetch
from feedserver import FeedServer  # noqa: E402

PHASES = ("cold", "warm", "changed")
GOALS = {"cold": 2.0, "warm": 3.0, "changed": 2.0}
CHANGE_FRACTION = 0.1
CHANGE_ITEMS = 3
READER_WORKERS = 16


# ---------------------------------------------------------------------------
# Measuring one process
# ---------------------------------------------------------------------------


@dataclass
class Run:
    who: str
    phase: str
    cmd: list[str]
    returncode: int | None = None
    wall: float = 0.0
    cpu: float = 0.0
    user: float = 0.0
    sys: float = 0.0
    maxrss_mb: float = 0.0  # ru_maxrss from wait4: largest single process
    tree_rss_mb: float = 0.0  # peak of the summed RSS of the tree (psutil, 50 ms)
    items: int | None = None
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""
    server: dict[str, Any] = field(default_factory=dict)
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    @property
    def rss_mb(self) -> float:
        return max(self.maxrss_mb, self.tree_rss_mb)


def _sample_tree(pid: int, cpu_seen: dict[int, float]) -> int:
    """Summed RSS of the tree; records each process's latest CPU seconds in ``cpu_seen``."""
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error), p.oneshot():
            total += p.memory_info().rss
            t = p.cpu_times()
            cpu_seen[p.pid] = t.user + t.system
    return total


def _kill_tree(pid: int) -> None:
    import psutil

    with contextlib.suppress(psutil.Error):
        parent = psutil.Process(pid)
        for child in parent.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                child.kill()
        parent.kill()


def measure(
    who: str, phase: str, cmd: list[str], logdir: Path, timeout: float, env: dict[str, str]
) -> Run:
    """Run ``cmd`` to completion and measure it (see the module docstring)."""
    run = Run(who, phase, cmd)
    out_path = logdir / f"{who}-{phase}.stdout"
    err_path = logdir / f"{who}-{phase}.stderr"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        deadline = t0 + timeout
        peak = 0
        cpu_seen: dict[int, float] = {}
        try:
            while True:
                pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    run.wall = time.perf_counter() - t0
                    break
                peak = max(peak, _sample_tree(proc.pid, cpu_seen))
                if time.perf_counter() > deadline:
                    run.timed_out = True
                    _kill_tree(proc.pid)
                    _, status, ru = os.wait4(proc.pid, 0)
                    run.wall = time.perf_counter() - t0
                    break
                time.sleep(0.05)
        except BaseException:
            _kill_tree(proc.pid)
            with contextlib.suppress(ChildProcessError):
                os.wait4(proc.pid, 0)
            raise
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by us, not Popen
    run.returncode = proc.returncode
    run.user, run.sys = ru.ru_utime, ru.ru_stime
    run.cpu = ru.ru_utime + ru.ru_stime
    # Cross-check: a descendant its parent never reaped is missing from wait4's sum;
    # the psutil samples are a lower bound on the whole tree's CPU.
    sampled = sum(cpu_seen.values())
    if sampled > run.cpu + 0.1:
        run.note = f"cpu from psutil samples ({sampled:.2f}s > wait4 {run.cpu:.2f}s)"
        run.cpu = sampled
    run.maxrss_mb = ru.ru_maxrss / 1024  # KiB on Linux
    run.tree_rss_mb = peak / 2**20
    run.stdout = out_path.read_text(errors="replace")
    run.stderr = err_path.read_text(errors="replace")
    return run


def count_rows(db: Path, sql: str) -> int | None:
    if not db.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        try:
            return int(con.execute(sql).fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return None


# ---------------------------------------------------------------------------
# The contenders
# ---------------------------------------------------------------------------


def _toml_str(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid TOML basic string


def write_monitor_config(workdir: Path, urls: list[str]) -> Path:
    seeds = workdir / "empty-seeds"
    seeds.mkdir(exist_ok=True)
    lines = [
        "# Written by bench/poll.py",
        "[storage]",
        f"database = {_toml_str(str(workdir / 'monitor.db'))}",
        f"seeds = {_toml_str(str(seeds))}",
        "",
        "[http]",
        'allow_private = ["127.0.0.0/8"]',
        "per_host = 2",
        'min_gap = "0s"',
        "",
        "[defaults]",
        'interval = "15m"',
        "# This benchmark measures feed polling; article pages have bench/extract.py.",
        "fulltext = false",
        "",
    ]
    for i, url in enumerate(urls):
        lines += ["[[feeds]]", f'name = "bench-{i:04d}"', f"url = {_toml_str(url)}", ""]
    path = workdir / "monitor.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def monitor_command(config: Path) -> list[str]:
    """The installed ``monitor`` script beside our interpreter, else the module."""
    script = Path(sys.executable).with_name("monitor")
    if script.exists():
        return [str(script), "--config", str(config), "poll"]
    if (ROOT / "monitor" / "__main__.py").exists():
        return [sys.executable, "-m", "monitor", "--config", str(config), "poll"]
    code = (
        "import sys; sys.argv[0] = 'monitor'; from monitor.cli.main import main; sys.exit(main())"
    )
    return [sys.executable, "-c", code, "--config", str(config), "poll"]


def reader_phase(db: str, urls_file: str, add: bool, workers: int) -> int:
    """Hidden sub-command: one reader poll, in its own process."""
    from reader import make_reader

    reader = make_reader(db)
    try:
        if add:
            for url in Path(urls_file).read_text().split():
                reader.add_feed(url, exist_ok=True)
        reader.update_feeds(scheduled=False, workers=workers)
    finally:
        reader.close()
    return 0


def reader_report(db: Path) -> str:
    """Feeds whose last update failed, according to reader's own table."""
    n = count_rows(db, "SELECT count(*) FROM feeds WHERE last_exception IS NOT NULL")
    return f"{n} feeds with errors" if n else ""


# ---------------------------------------------------------------------------
# Fetch-path micro-benchmark
# ---------------------------------------------------------------------------


@dataclass
class FetchRow:
    name: str
    kind: str  # "200" or "304"
    n: int
    wall: float
    cpu: float
    statuses: dict[int, int]
    error: str = ""
    connections: int | None = None  # new TCP connections the server saw in this pass


def _tally(codes: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for c in codes:
        out[c] = out.get(c, 0) + 1
    return out


def _timed(fn: Any) -> tuple[Any, float, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - w0, time.process_time() - c0


def fetch_bench(
    urls: list[str], n: int, server: FeedServer | None = None, concurrency: int = 32
) -> list[FetchRow]:
    import httpx

    targets = [urls[i % len(urls)] for i in range(n)]
    etags: dict[str, str] = {}
    rows: list[FetchRow] = []

    def add(row: FetchRow) -> None:
        """Record a pass, with the new connections the server saw during it."""
        if server is not None:
            row.connections = server.stats()["connections"]
            server.reset_stats()
        rows.append(row)

    if server is not None:
        server.reset_stats()
    timeout = httpx.Timeout(30.0)
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)

    # (a) a pooled httpx.Client shared by a ThreadPoolExecutor(32)
    with httpx.Client(timeout=timeout, limits=limits) as client:

        def get(url: str, conditional: bool) -> int:
            headers = {"If-None-Match": etags[url]} if conditional else {}
            r = client.get(url, headers=headers)
            if not conditional and "etag" in r.headers:
                etags[url] = r.headers["etag"]
            _ = r.content
            return r.status_code

        with ThreadPoolExecutor(concurrency) as pool:
            for cond in (False, True):
                codes, wall, cpu = _timed(lambda c=cond: list(pool.map(get, targets, [c] * n)))
                add(
                    FetchRow(
                        "httpx.Client, 32 threads",
                        ("200", "304")[cond],
                        n,
                        wall,
                        cpu,
                        _tally(codes),
                    )
                )

    # (b) httpx.AsyncClient, 32 requests in flight
    async def run_async(conditional: bool, client: httpx.AsyncClient) -> list[int]:
        queue = list(reversed(targets))
        codes: list[int] = []

        async def worker() -> None:
            while queue:
                url = queue.pop()
                headers = {"If-None-Match": etags[url]} if conditional else {}
                r = await client.get(url, headers=headers)
                codes.append(r.status_code)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return codes

    async def async_main() -> None:
        async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:
            for cond in (False, True):
                w0, c0 = time.perf_counter(), time.process_time()
                codes = await run_async(cond, client)
                add(
                    FetchRow(
                        "httpx.AsyncClient, 32 in flight",
                        ("200", "304")[cond],
                        n,
                        time.perf_counter() - w0,
                        time.process_time() - c0,
                        _tally(codes),
                    )
                )

    asyncio.run(async_main())

    # (c) our fetch path, when it exists
    name = "monitor Fetcher, 32 threads"
    try:
        from monitor.net.fetch import Fetcher, FetchPolicy
        from monitor.types import Validators
    except ImportError as e:
        add(FetchRow(name, "-", n, 0, 0, {}, f"not available ({e})"))
        return rows
    try:
        policy = FetchPolicy(
            user_agent="news-monitor-bench/0.1", allow_private=("127.0.0.0/8",), per_host=2
        )
        fetcher = Fetcher(policy)
        try:

            def ours(url: str, conditional: bool) -> int:
                v = Validators(etag=etags[url]) if conditional else Validators()
                return int(fetcher.fetch(url, v).status)

            with ThreadPoolExecutor(concurrency) as pool:
                for cond in (False, True):
                    codes, wall, cpu = _timed(lambda c=cond: list(pool.map(ours, targets, [c] * n)))
                    add(FetchRow(name, ("200", "304")[cond], n, wall, cpu, _tally(codes)))
        finally:
            close = getattr(fetcher, "close", None)
            if callable(close):
                close()
    except Exception as e:
        add(FetchRow(name, "-", n, 0, 0, {}, f"failed: {type(e).__name__}: {e}"))
    return rows


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine_facts() -> str:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    vers = ", ".join(
        f"{d} {_version(d)}" for d in ("feedparser", "httpx", "reader", "requests", "psutil")
    )
    return (
        f"machine: {os.cpu_count()} cores ({usable} usable) {model}; {platform.platform()}\n"
        f"python:  {platform.python_version()} ({sys.executable})\n"
        f"libs:    {vers}\n"
        f"load:    {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1/5/15 min)"
    )


def _fmt(x: float | None, spec: str = ".2f") -> str:
    return "-" if x is None else format(x, spec)


def print_table(runs: dict[tuple[str, str], Run], phases: list[str], peer: bool) -> None:
    cols = ["phase", "ours_wall", "ours_cpu", "ours_rss_MB", "ours_items"]
    if peer:
        cols += ["reader_wall", "reader_cpu", "reader_rss_MB", "reader_items", "ratio", "goal"]
    widths = [8, 10, 9, 12, 11, 12, 11, 14, 13, 7, 14]
    print("  ".join(c.rjust(w) for c, w in zip(cols, widths, strict=False)))
    for phase in phases:
        cells = [phase]
        for who in ("ours", "reader") if peer else ("ours",):
            r = runs.get((who, phase))
            if r is None or not r.ok:
                cells += ["FAILED" if r else "-", "-", "-", _fmt(r.items if r else None, "d")]
            else:
                cells += [_fmt(r.wall), _fmt(r.cpu), _fmt(r.rss_mb, ".0f"), _fmt(r.items, "d")]
        if peer:
            ours, theirs = runs.get(("ours", phase)), runs.get(("reader", phase))
            goal = GOALS[phase]
            if ours and theirs and ours.ok and theirs.ok and ours.wall > 0:
                ratio = theirs.wall / ours.wall
                cells += [
                    f"{ratio:.2f}x",
                    f">={goal:g}x " + ("met" if ratio >= goal else "NOT met"),
                ]
            else:
                cells += ["n/a", f">={goal:g}x n/a"]
        print("  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=False)))
    print(
        "wall/cpu in seconds; cpu = user+sys of the process tree (max of wait4 and psutil "
        "samples); "
        "rss_MB = max(ru_maxrss, peak summed tree RSS sampled every 50 ms); "
        "ratio = reader wall / ours wall (throughput)."
    )
    if peer:
        print("cpu ratio (reader cpu / ours cpu):", end="")
        for phase in phases:
            ours, theirs = runs.get(("ours", phase)), runs.get(("reader", phase))
            if ours and theirs and ours.ok and theirs.ok and ours.cpu > 0:
                print(f"  {phase} {theirs.cpu / ours.cpu:.2f}x", end="")
            else:
                print(f"  {phase} n/a", end="")
        print()


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join("    " + line for line in text.rstrip().splitlines()[-lines:])


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog="See the module docstring for details."
    )
    ap.add_argument("--feeds", type=int, default=1000, help="number of feeds (default 1000)")
    ap.add_argument("--items", type=int, default=30, help="items per feed (default 30)")
    ap.add_argument("--phases", default=",".join(PHASES), help="comma list of cold,warm,changed")
    ap.add_argument(
        "--peer",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also run lemon24/reader (default: yes)",
    )
    ap.add_argument(
        "--ours",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="run news-monitor (default: yes)",
    )
    ap.add_argument(
        "--fetch-bench",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="run the fetch-path micro-benchmark (default: yes)",
    )
    ap.add_argument(
        "--fetch-n",
        type=int,
        default=None,
        help="requests per micro-benchmark pass (default: one per feed)",
    )
    ap.add_argument("--quick", action="store_true", help="100 feeds: a smoke run")
    ap.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="for databases, config and logs (default: a new temp dir)",
    )
    ap.add_argument("--gzip", action="store_true", help="the server gzips bodies for clients")
    ap.add_argument("--seed", type=int, default=1, help="content seed")
    ap.add_argument("--timeout", type=float, default=900, help="seconds allowed per phase process")
    ap.add_argument("--_reader-phase", dest="reader_db", help=argparse.SUPPRESS)
    ap.add_argument("--_urls", dest="urls_file", help=argparse.SUPPRESS)
    ap.add_argument("--_add", dest="reader_add", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.quick and args.feeds == 1000:
        args.feeds = 100
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.reader_db:
        return reader_phase(args.reader_db, args.urls_file, args.reader_add, READER_WORKERS)

    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    bad = [p for p in phases if p not in PHASES]
    if bad:
        print(f"unknown phase(s) {bad}; choose from {PHASES}", file=sys.stderr)
        return 2
    phases = [p for p in PHASES if p in phases]
    # warm and changed need a cold poll first; run it unreported if not asked for.
    to_run = ["cold", *phases[1:]] if phases and phases[0] != "cold" else phases

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="news-monitor-bench-"))
    workdir = workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    for stale in (
        "monitor.db",
        "monitor.db-wal",
        "monitor.db-shm",
        "reader.sqlite",
        "reader.sqlite-wal",
        "reader.sqlite-shm",
    ):
        (workdir / stale).unlink(missing_ok=True)
    logdir = workdir / "logs"
    logdir.mkdir(exist_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))

    print(machine_facts())
    print(f"workdir: {workdir}")
    expected_cold = args.feeds * args.items
    runs: dict[tuple[str, str], Run] = {}
    rc = 0

    t0 = time.perf_counter()
    server = FeedServer(feeds=args.feeds, items=args.items, seed=args.seed, use_gzip=args.gzip)
    # Stop the server on SIGTERM too (SIGINT already raises KeyboardInterrupt).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        server.start()
        info = server.info
        print(
            f"server:  pid {server.pid}, {args.feeds} feeds x {args.items} items, "
            f"avg {info['avg_bytes'] / 1000:.1f} KB/feed ({info['total_bytes'] / 1e6:.1f} MB), "
            f"rendered in {info['render_s']}s (started in {time.perf_counter() - t0:.1f}s); "
            f"gzip {'on' if args.gzip else 'off'}; e.g. {server.urls[min(1, args.feeds - 1)]}"
        )
        urls = server.urls
        config = write_monitor_config(workdir, urls)
        urls_file = workdir / "urls.txt"
        urls_file.write_text("\n".join(urls) + "\n")
        ours_db, reader_db = workdir / "monitor.db", workdir / "reader.sqlite"
        contenders: list[tuple[str, Path, str]] = []
        if args.ours:
            contenders.append(("ours", ours_db, "SELECT count(*) FROM items WHERE source = 'feed'"))
        if args.peer:
            contenders.append(("reader", reader_db, "SELECT count(*) FROM entries"))
        print(f"ours:    {shlex.join(monitor_command(config))}")
        print()

        changed: list[int] = []
        for phase in to_run:
            if phase == "changed":
                changed = server.change(CHANGE_FRACTION, CHANGE_ITEMS)
                print(f"[changed] {len(changed)} feeds got {CHANGE_ITEMS} new items each")
            for who, db, count_sql in contenders:
                if who == "ours":
                    cmd = monitor_command(config)
                else:
                    cmd = [
                        sys.executable,
                        str(Path(__file__).resolve()),
                        "--_reader-phase",
                        str(db),
                        "--_urls",
                        str(urls_file),
                    ]
                    if phase == "cold":
                        cmd.append("--_add")
                server.reset_stats()
                load = os.getloadavg()[0]
                run = measure(who, phase, cmd, logdir, args.timeout, env)
                run.server = server.stats()
                run.items = count_rows(db, count_sql)
                runs[(who, phase)] = run
                st = run.server
                print(
                    f"[{phase}] {who:6s} exit {run.returncode}"
                    f"{' TIMEOUT' if run.timed_out else ''}  wall {run.wall:.2f}s  "
                    f"cpu {run.cpu:.2f}s (user {run.user:.2f} sys {run.sys:.2f})  "
                    f"rss {run.rss_mb:.0f} MB (maxrss {run.maxrss_mb:.0f}, "
                    f"tree {run.tree_rss_mb:.0f})  items {run.items}  | server: "
                    f"{st['status']} over {st['connections']} conns, "
                    f"{st['bytes_out'] / 1e6:.1f} MB, cpu {st['server_cpu_s']:.2f}s  "
                    f"| load {load:.2f}"
                )
                if run.note:
                    print(f"  NOTE: {run.note}")
                # Correctness
                prev = runs.get((who, to_run[to_run.index(phase) - 1])) if phase != "cold" else None
                if phase == "cold":
                    expected = expected_cold
                elif prev is not None and prev.items is not None:
                    expected = prev.items + (
                        CHANGE_ITEMS * len(changed) if phase == "changed" else 0
                    )
                else:
                    expected = None
                if not run.ok:
                    rc = 1
                    print(f"  {who} {phase} FAILED; stderr tail ({logdir}/{who}-{phase}.stderr):")
                    print(_tail(run.stderr or run.stdout))
                elif expected is not None and run.items != expected:
                    rc = 1
                    print(
                        f"  MISMATCH: {who} {phase}: {run.items} items stored, expected {expected}"
                    )
                requests = st["requests"]
                if run.ok and requests != args.feeds:
                    print(f"  NOTE: {requests} requests for {args.feeds} feeds")
                if who == "reader" and (bad_feeds := reader_report(db)):
                    print(f"  NOTE: reader reports {bad_feeds}")
                if who == "ours" and run.ok and run.stdout.strip():
                    print("  ours summary:")
                    print(_tail(run.stdout, 8))

        reported = {k: v for k, v in runs.items() if k[1] in phases}
        print()
        print_table(reported, phases, peer=args.peer and args.ours)

        if args.fetch_bench:
            n = args.fetch_n or args.feeds
            print()
            print(f"fetch path micro-benchmark: {n} GETs per pass against the same server")
            rows = fetch_bench(urls, n, server)
            print(
                f"{'client':34s} {'pass':>4s} {'wall_s':>8s} {'req/s':>8s} {'cpu_ms/req':>11s}"
                f" {'conns':>5s}  statuses"
            )
            for row in rows:
                if row.error:
                    print(f"{row.name:34s} {row.kind:>4s}  {row.error}")
                    continue
                print(
                    f"{row.name:34s} {row.kind:>4s} {row.wall:8.2f} {row.n / row.wall:8.0f} "
                    f"{row.cpu * 1000 / row.n:11.2f} {_fmt(row.connections, 'd'):>5s}  "
                    f"{row.statuses}"
                )
            print(
                "cpu_ms/req = CPU of this process (all threads) per request; "
                "conns = new TCP connections the server accepted during the pass."
            )
    finally:
        server.close()
        print(f"\nlogs, config and databases kept in {workdir}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
