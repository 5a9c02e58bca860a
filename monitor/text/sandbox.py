"""Run pure functions in worker processes bounded in wall time and memory.

Article extraction (trafilatura, lxml) runs on untrusted HTML, and a library
call cannot be interrupted from inside Python: the only reliable bound is a
process that can be killed.  A :class:`Sandbox` keeps ``workers`` long-lived
processes from the ``forkserver`` context, each run by one daemon thread of
ours that hands it queued jobs one at a time and waits for the answer at most
``timeout`` seconds, counted from when the worker receives the job.  Memory is
capped with ``RLIMIT_AS`` (address space, not RSS) set in each worker at start,
so an oversized allocation raises ``MemoryError`` inside the job.  A worker
that timed out, crashed or ran out of memory is killed and replaced.  Workers
die with the process that made the sandbox, even on ``kill -9`` (monitor.text.lifeline).

Processes and threads start on the first :meth:`Sandbox.submit`, so a poll
that never extracts pays nothing.  The forkserver is one per interpreter and
shared with the parse pool (monitor.ingest.pipeline): ``preload`` is added to its
preload list, which only matters if it is not running yet, and each worker
imports ``preload`` itself too (a no-op when the server had done it).
"""

from __future__ import annotations

import collections
import contextlib
import importlib
import multiprocessing
import multiprocessing.forkserver
import pickle
import resource
import signal
import threading
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from monitor.errors import SandboxCrashed, SandboxError, SandboxMemory, SandboxTimeout
from monitor.text import lifeline

T = TypeVar("T")

STARTUP_TIMEOUT = 60.0  # seconds for a new worker to import `preload` and say "ready"
_MEMORY = pickle.dumps(("mem", None))  # made in advance: sent when memory is exhausted


def _worker_main(
    conn: Connection, memory_mb: int, preload: Sequence[str], line: Connection
) -> None:
    """A worker process: run jobs from ``conn`` until the parent closes it,
    and end with the parent even in the middle of a job (``line``)."""
    lifeline.die_with_parent(line)  # before the memory limit: it may start a thread
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    for name in preload:
        importlib.import_module(name)
    limit = memory_mb * 2**20
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    conn.send_bytes(b"ready")
    while True:
        try:
            data = conn.recv_bytes()
        except EOFError:
            return
        conn.send_bytes(_run_job(data))


def _run_job(data: bytes) -> bytes:
    """Run one pickled ``(fn, args)``; answer a pickled ``(status, value)``."""
    answer: tuple[str, Any]
    try:
        fn, args = pickle.loads(data)
        answer = ("ok", fn(*args))
    except MemoryError:
        return _MEMORY
    except Exception as e:
        e.add_note("in the sandbox worker:\n" + "".join(traceback.format_exception(e)))
        answer = ("err", e)
    except BaseException as e:  # SystemExit: the job is over, the worker is not
        answer = ("raw", repr(e))
    try:
        out = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
        if answer[0] == "err":
            pickle.loads(out)  # many exceptions pickle but fail to unpickle
        return out
    except MemoryError:
        return _MEMORY
    except Exception as e:
        what = repr(answer[1]) if answer[0] == "err" else f"unpicklable result: {e!r}"
        return pickle.dumps(("raw", what))


@dataclass
class _Job:
    payload: bytes
    name: str
    future: Future[Any] = field(default_factory=Future)


@dataclass
class _Slot:
    proc: Any = None  # a forkserver Process; its class is not public
    conn: Connection | None = None


class Sandbox:
    """N long-lived worker processes (multiprocessing 'forkserver' context,
    ``preload`` modules imported once in the server).

    ``submit`` blocks while ``max_pending`` jobs (default ``4 * workers``) are
    waiting for a worker: that is the back-pressure a bounded number of page
    jobs needs, and no job is ever dropped.  Use as a context manager, or call
    :meth:`close` (idempotent), which kills the workers and joins everything.
    """

    def __init__(
        self,
        workers: int,
        *,
        timeout: float,
        memory_mb: int,
        preload: Sequence[str] = (),
        max_pending: int | None = None,
    ) -> None:
        if workers < 1 or timeout <= 0 or memory_mb < 1:
            raise ValueError("workers, timeout and memory_mb must be positive")
        self.workers = workers
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.preload = tuple(preload)
        self.max_pending = max_pending or 4 * workers
        self._ctx = multiprocessing.get_context("forkserver")
        self._cond = threading.Condition()
        self._queue: collections.deque[_Job] = collections.deque()
        self._slots = [_Slot() for _ in range(workers)]
        self._threads: list[threading.Thread] = []
        self._closed = False

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Queue ``fn(*args)``; ``fn`` must be a picklable top-level function.

        Thread-safe.  The future ends with the result, or with the job's own
        exception (a :class:`SandboxError` with its repr if it cannot be pickled),
        :class:`SandboxTimeout`, :class:`SandboxMemory` or :class:`SandboxCrashed`.
        Raises :class:`SandboxError` if the job cannot be pickled or the sandbox
        is closed.
        """
        name = getattr(fn, "__qualname__", repr(fn))
        try:
            payload = pickle.dumps((fn, args), pickle.HIGHEST_PROTOCOL)
        except Exception as e:
            raise SandboxError(f"cannot send {name} to a worker: {e!r}") from e
        job = _Job(payload, name)
        with self._cond:
            while not self._closed and len(self._queue) >= self.max_pending:
                self._cond.wait()
            if self._closed:
                raise SandboxError("the sandbox is closed")
            if not self._threads:
                self._start_threads()
            self._queue.append(job)
            self._cond.notify_all()
        return job.future

    def close(self) -> None:
        """Cancel queued jobs, kill the workers (running jobs end with
        :class:`SandboxCrashed`) and wait until every process is reaped."""
        with self._cond:
            if self._closed:
                return
            self._closed = True
            queued = list(self._queue)
            self._queue.clear()
            for slot in self._slots:
                if slot.proc is not None:
                    slot.proc.kill()
            self._cond.notify_all()
        for job in queued:
            job.future.cancel()
        for thread in self._threads:
            if thread is not threading.current_thread():  # close() from a done-callback
                thread.join()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start_threads(self) -> None:
        # The forkserver is shared: add to its preload list, never replace it.
        server = multiprocessing.forkserver._forkserver
        current: list[str] = getattr(server, "_preload_modules", None) or []
        self._ctx.set_forkserver_preload(sorted({*current, *self.preload}))
        for i, slot in enumerate(self._slots):
            thread = threading.Thread(
                target=self._serve, args=(slot,), name=f"sandbox-{i}", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def _serve(self, slot: _Slot) -> None:
        """One worker's thread: start the worker, then run jobs until closed."""
        with contextlib.suppress(SandboxError):  # retried for the first job
            self._start_worker(slot)  # in advance, so the first job does not wait
        while True:
            with self._cond:
                while not self._closed and not self._queue:
                    self._cond.wait()
                if self._closed:
                    break
                job = self._queue.popleft()
                self._cond.notify_all()
            if job.future.set_running_or_notify_cancel():
                try:
                    job.future.set_result(self._run(slot, job))
                except BaseException as e:
                    job.future.set_exception(e)
        self._stop_worker(slot)

    def _run(self, slot: _Slot, job: _Job) -> Any:
        if slot.conn is None:
            self._start_worker(slot)
        assert slot.conn is not None
        try:
            slot.conn.send_bytes(job.payload)
            answered = slot.conn.poll(self.timeout)
            data = slot.conn.recv_bytes() if answered else b""
        except (EOFError, OSError):
            raise self._crashed(slot, f"while running {job.name}") from None
        if not answered:
            self._stop_worker(slot)
            raise SandboxTimeout(f"{job.name} timed out after {self.timeout:g} s")
        try:
            status, value = pickle.loads(data)
        except Exception as e:
            raise SandboxError(f"cannot read the answer of {job.name}: {e!r}") from e
        if status == "ok":
            return value
        if status == "mem":
            self._stop_worker(slot)  # a C library may be left inconsistent
            raise SandboxMemory(f"{job.name} exceeded the memory limit of {self.memory_mb} MB")
        raise value if status == "err" else SandboxError(value)

    def _start_worker(self, slot: _Slot) -> None:
        conn, child = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(
            target=_worker_main,
            args=(child, self.memory_mb, self.preload, lifeline.child_end()),
            daemon=True,
        )
        try:
            proc.start()
        except Exception as e:
            raise SandboxCrashed(f"cannot start a worker process: {e!r}") from e
        finally:
            child.close()
        with self._cond:
            slot.proc, slot.conn = proc, conn
            if self._closed:
                proc.kill()
        try:
            if conn.poll(STARTUP_TIMEOUT) and conn.recv_bytes() == b"ready":
                return
        except (EOFError, OSError):
            pass
        raise self._crashed(slot, "at start")

    def _crashed(self, slot: _Slot, when: str) -> SandboxCrashed:
        """Reap a dead (or hung) worker and describe how it ended."""
        code = self._stop_worker(slot, grace=5.0)
        if self._closed:
            return SandboxCrashed(f"the sandbox was closed {when}")
        detail = f"exit code {code}"
        if code is not None and code < 0:
            detail = f"killed by {signal.Signals(-code).name}"
            if code == -signal.SIGKILL:
                detail += " (out of memory?)"
        return SandboxCrashed(f"the worker process died {when} ({detail})")

    def _stop_worker(self, slot: _Slot, grace: float = 0.0) -> int | None:
        """Kill (after ``grace`` seconds to exit by itself) and reap the worker."""
        with self._cond:
            proc, conn = slot.proc, slot.conn
            slot.proc = slot.conn = None
        if proc is None:
            return None
        proc.join(grace)
        if proc.exitcode is None:
            proc.kill()
            proc.join()
        code: int | None = proc.exitcode
        proc.close()
        if conn is not None:
            conn.close()
        return code
