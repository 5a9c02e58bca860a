"""`kill -9` of the service leaves no process behind: the forkserver, the
resource tracker, the parse pool's workers and the extraction sandbox's
workers all die with it (monitor.text.lifeline), and a restarted service starts
with none of the old ones."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from monitor.ingest.pipeline import POOL_MIN_FEEDS
from tests.feeds import item, rss
from tests.httpserver import LoopbackServer
from tests.test_cli import _peek

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the contract is for Linux")

PAGE = (
    "<html><head><title>Court orders release</title></head><body><article>"
    + "<p>The appeals court ordered the release of four reporters held since March.</p>" * 8
    + "</article></body></html>"
)


def _config(tmp_path: Path, server: LoopbackServer) -> Path:
    """Enough feeds for the parse pool, items whose slow article pages keep
    the first poll going, and two processes in each pool."""
    lines = [
        "[storage]",
        f'database = "{tmp_path / "monitor.db"}"',
        f'seeds = "{tmp_path / "no-seeds"}"',
        "[http]",
        f'allow_private = ["{server.host_port}"]',
        'min_gap = "0s"',
        "[ingest]",
        "workers = 2",
        "[extract]",
        "workers = 2",
        "page_concurrency = 2",
        "[defaults]",
        "fulltext = true",
    ]
    for f in range(POOL_MIN_FEEDS + 10):
        link = server.add(f"/page/{f}", PAGE, content_type="text/html", delay=1.0)
        feed = server.add(f"/f{f}.xml", rss([item(f, link=link)]))
        lines += ["[[feeds]]", f'name = "feed {f:02d}"', f'url = "{feed}"']
    cfg = tmp_path / "monitor.toml"
    cfg.write_text("\n".join(lines) + "\n")
    return cfg


def _start(cfg: Path, cwd: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MONITOR_CONFIG", "MONITOR_LOG_FORMAT")}
    return subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(cfg), "run"],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _cmdline(p: psutil.Process) -> str:
    try:
        return " ".join(p.cmdline())
    except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
        return ""


def _describe(procs: list[psutil.Process]) -> list[str]:
    return [f"{p.pid}: {_cmdline(p)[:90]}" for p in procs]


def _roles(service: psutil.Process) -> dict[str, list[psutil.Process]]:
    """The service's descendants by role: the forkserver, its children (the
    parse pool's and the sandbox's workers) and the resource tracker."""
    roles: dict[str, list[psutil.Process]] = {"forkserver": [], "workers": [], "tracker": []}
    try:
        descendants = service.children(recursive=True)
    except psutil.NoSuchProcess:
        return roles
    for p in descendants:
        cmd = _cmdline(p)
        if "resource_tracker" in cmd:
            roles["tracker"].append(p)
        elif "forkserver" in cmd:
            # Workers are forks of the server: same command line, the server as parent.
            try:
                parent = p.ppid()
            except psutil.NoSuchProcess:
                continue
            roles["forkserver" if parent == service.pid else "workers"].append(p)
    return roles


def _wait_for(what: str, ready: Callable[[], bool], proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 90
    while not ready():
        assert proc.poll() is None, _peek(proc)
        assert time.monotonic() < deadline, f"no {what} within 90 s: {_peek(proc)}"
        time.sleep(0.05)


def _alive(p: psutil.Process) -> bool:
    """Still running: a zombie has exited (whoever reaps orphans may be slow)."""
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _descendants_gone(descendants: list[psutil.Process]) -> list[psutil.Process]:
    """Those of ``descendants`` still alive after the 5 s the contract allows."""
    deadline = time.monotonic() + 5.0
    while any(_alive(p) for p in descendants) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [p for p in descendants if _alive(p)]


def _close(proc: subprocess.Popen[str]) -> None:
    """Kill if need be, reap, and close the stderr pipe (not read to its end:
    surviving children would hold it open)."""
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=30)
    if proc.stderr is not None:
        proc.stderr.close()


def _kill_and_watch(
    proc: subprocess.Popen[str], workers: int, seen: list[psutil.Process]
) -> list[psutil.Process]:
    """SIGKILL the service once the forkserver, the resource tracker and
    ``workers`` workers run; the descendants (also added to ``seen``) still
    alive 5 s later."""
    service = psutil.Process(proc.pid)

    def everyone_up() -> bool:
        roles = _roles(service)
        seen.extend(p for procs in roles.values() for p in procs if p not in seen)
        return bool(roles["forkserver"] and roles["tracker"]) and len(roles["workers"]) >= workers

    _wait_for(f"forkserver, resource tracker and {workers} workers", everyone_up, proc)
    descendants = service.children(recursive=True)
    seen.extend(p for p in descendants if p not in seen)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    _close(proc)
    return _descendants_gone(descendants)


def _kill_all(procs: list[psutil.Process]) -> None:
    """Never leave a survivor to the rest of the suite."""
    for p in procs:
        with contextlib.suppress(psutil.Error):
            if _alive(p):
                p.kill()


def test_kill_9_of_the_service_leaves_no_child(tmp_path: Path, http_server: LoopbackServer) -> None:
    cfg = _config(tmp_path, http_server)
    seen: list[psutil.Process] = []
    first = _start(cfg, tmp_path)
    try:
        # Killed in its first poll: 2 parse workers and 2 extraction workers,
        # all forked by the server, while slow article pages are extracted.
        survivors = _kill_and_watch(first, 4, seen)
        assert not survivors, _describe(survivors)
        old = list(seen)

        # The restarted service takes the lock and resumes the pages left
        # waiting, with an extraction sandbox of its own and no old process.
        second = _start(cfg, tmp_path)
        try:
            survivors = _kill_and_watch(second, 2, seen)
            assert not survivors, _describe(survivors)
            assert not any(_alive(p) for p in old)
        finally:
            _close(second)
    finally:
        _close(first)
        _kill_all(seen)


def hold_the_gil() -> None:
    """A sandbox job stuck in one C call that never releases the GIL (a
    regular expression backtracking for ever): no thread of the worker runs."""
    import re

    print("stuck", flush=True)
    re.match(r"(a+)+$", "a" * 64 + "b")


DRIVER = """
import time
from monitor.text.sandbox import Sandbox
from tests.test_orphans import hold_the_gil
Sandbox(1, timeout=3600, memory_mb=256).submit(hold_the_gil)
time.sleep(3600)
"""


def test_a_worker_stuck_holding_the_gil_dies_with_its_parent() -> None:
    """The kernel ends the worker: nothing in it has to run."""
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER], cwd=root, stdout=subprocess.PIPE, text=True
    )
    descendants: list[psutil.Process] = []
    try:
        assert proc.stdout is not None
        assert select.select([proc.stdout], [], [], 90)[0], "the job did not start in 90 s"
        assert proc.stdout.readline() == "stuck\n"  # printed by the worker, in the job
        descendants = psutil.Process(proc.pid).children(recursive=True)
        assert len(descendants) == 3  # the forkserver, its worker, the resource tracker
        proc.kill()
        proc.wait(timeout=30)
        survivors = _descendants_gone(descendants)
        assert not survivors, _describe(survivors)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()
        _kill_all(descendants)
