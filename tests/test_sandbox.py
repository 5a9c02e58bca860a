"""monitor.text.sandbox: jobs in worker processes bounded in time and memory.

Every wait on a future has a timeout (HANG): a sandbox bug must fail a test,
never hang the run.  Durations are never asserted.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError, ThreadPoolExecutor

import psutil
import pytest

from monitor.errors import MonitorError, SandboxCrashed, SandboxError, SandboxMemory, SandboxTimeout
from monitor.text.sandbox import Sandbox
from tests import sandbox_jobs as jobs

HANG = 30.0  # seconds: the hang guard on every future


def worker_pids() -> set[int]:
    """Our grandchildren: processes forked by the forkserver (which, like the
    resource tracker, is a direct child shared by the whole test session)."""
    me = psutil.Process()
    pids = set()
    for proc in me.children(recursive=True):
        try:
            if proc.ppid() != me.pid and proc.status() != psutil.STATUS_ZOMBIE:
                pids.add(proc.pid)
        except psutil.NoSuchProcess:
            pass
    return pids


@pytest.fixture
def no_leaks() -> Iterator[None]:
    """Fail if a worker process outlives the test (every test closes its sandbox)."""
    before = worker_pids()
    yield
    assert worker_pids() - before == set()


@pytest.fixture
def sandbox(no_leaks: None) -> Iterator[Sandbox]:
    with Sandbox(1, timeout=1.0, memory_mb=512) as sb:
        yield sb


def test_results_from_many_threads(no_leaks: None) -> None:
    with Sandbox(2, timeout=10, memory_mb=512) as sb:

        def run(i: int) -> tuple[int, int]:
            return sb.submit(jobs.square, i).result(HANG), sb.submit(jobs.pid).result(HANG)

        with ThreadPoolExecutor(max_workers=8) as threads:
            results = list(threads.map(run, range(20)))
    assert [r for r, _ in results] == [i * i for i in range(20)]
    assert 1 <= len({pid for _, pid in results}) <= 2  # long-lived workers, reused
    assert os.getpid() not in {pid for _, pid in results}


def test_timeout_kills_and_replaces_the_worker(sandbox: Sandbox) -> None:
    first = sandbox.submit(jobs.pid).result(HANG)
    with pytest.raises(SandboxTimeout, match=r"spin timed out after 1 s") as info:
        sandbox.submit(jobs.spin).result(HANG)
    assert isinstance(info.value, MonitorError)
    second = sandbox.submit(jobs.pid).result(HANG)
    assert second != first
    assert not psutil.pid_exists(first)
    assert sandbox.submit(jobs.square, 7).result(HANG) == 49


def test_memory_limit(no_leaks: None) -> None:
    with Sandbox(1, timeout=10, memory_mb=512) as sb:
        assert sb.submit(jobs.allocate, 64 * 2**20).result(HANG) == 64 * 2**20
        with pytest.raises(SandboxMemory, match="memory limit of 512 MB"):
            sb.submit(jobs.allocate, 2 * 2**30).result(HANG)
        assert sb.submit(jobs.square, 3).result(HANG) == 9


@pytest.mark.parametrize(
    ("job", "arg", "message"),
    [
        (jobs.exit_hard, 3, "exit code 3"),
        (jobs.signal_self, signal.SIGSEGV, "killed by SIGSEGV"),
        (jobs.signal_self, signal.SIGKILL, r"killed by SIGKILL \(out of memory\?\)"),
    ],
)
def test_crash_is_reported_and_the_worker_replaced(
    sandbox: Sandbox, job: Callable[[int], None], arg: int, message: str
) -> None:
    with pytest.raises(SandboxCrashed, match=message):
        sandbox.submit(job, arg).result(HANG)
    assert sandbox.submit(jobs.square, 5).result(HANG) == 25


def test_timeout_counts_from_the_start_of_the_job(no_leaks: None) -> None:
    # Three 0.7 s jobs on one worker: the last waits 1.4 s in the queue, more
    # than the timeout, and still succeeds.
    with Sandbox(1, timeout=1.5, memory_mb=512) as sb:
        futures = [sb.submit(jobs.sleep, 0.7) for _ in range(3)]
        assert [f.result(HANG) for f in futures] == [0.7] * 3


def test_job_errors_reach_the_caller(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError, match="boom") as info:
        sandbox.submit(jobs.fail, "boom").result(HANG)
    assert "in the sandbox worker" in "".join(info.value.__notes__)
    # Pickles in the worker but cannot be rebuilt: its repr instead.
    with pytest.raises(SandboxError, match="TwoArgError") as error:
        sandbox.submit(jobs.fail_unpicklable).result(HANG)
    assert type(error.value) is SandboxError
    with pytest.raises(SandboxError, match="unpicklable result"):
        sandbox.submit(jobs.return_lambda).result(HANG)
    with pytest.raises(SandboxError, match="cannot send"):
        sandbox.submit(lambda: None)
    assert sandbox.submit(jobs.square, 2).result(HANG) == 4  # the worker survived all that


def test_pathological_html_is_bounded(no_leaks: None) -> None:
    with Sandbox(2, timeout=0.5, memory_mb=512, preload=["lxml.html", "trafilatura"]) as sb:
        deep = sb.submit(jobs.nested_divs, 100_000)
        huge = sb.submit(jobs.huge_page, 5)  # ~20 s of trafilatura without a limit
        for future in (deep, huge):
            try:
                result = future.result(HANG)
            except SandboxTimeout:
                continue
            assert result >= 0
        assert sb.submit(jobs.square, 6).result(HANG) == 36


def test_close_fails_running_and_cancels_queued_jobs(no_leaks: None) -> None:
    sb = Sandbox(1, timeout=30, memory_mb=512)
    running = sb.submit(jobs.sleep, 20)
    queued = [sb.submit(jobs.sleep, 20) for _ in range(3)]
    deadline = time.monotonic() + HANG
    while not running.running() and time.monotonic() < deadline:
        time.sleep(0.01)
    sb.close()
    with pytest.raises(SandboxCrashed, match="closed"):
        running.result(HANG)
    for future in queued:
        with pytest.raises(CancelledError):
            future.result(HANG)
    sb.close()  # idempotent
    with pytest.raises(SandboxError, match="closed"):
        sb.submit(jobs.square, 1)


def test_submit_blocks_when_full_and_close_releases_it(no_leaks: None) -> None:
    sb = Sandbox(1, timeout=30, memory_mb=512, max_pending=1)
    sb.submit(jobs.sleep, 20)
    outcome: list[BaseException | None] = []

    def submit_more() -> None:
        try:
            for _ in range(3):  # the 2nd or 3rd blocks: one running, one queued
                sb.submit(jobs.square, 1)
            outcome.append(None)
        except SandboxError as e:
            outcome.append(e)

    blocked = threading.Thread(target=submit_more)
    blocked.start()
    blocked.join(0.3)
    assert blocked.is_alive()
    sb.close()
    blocked.join(HANG)
    assert len(outcome) == 1 and isinstance(outcome[0], SandboxError)


def test_nothing_starts_before_the_first_submit(no_leaks: None) -> None:
    before = worker_pids()
    with Sandbox(2, timeout=1, memory_mb=512) as sb:
        assert worker_pids() == before
        assert not sb._threads
