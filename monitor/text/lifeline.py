"""Worker processes die with the monitor process that started them, even on ``kill -9``.

Both process pools (the parse pool of monitor.ingest.pipeline and the extraction
workers of monitor.text.sandbox) come from multiprocessing's ``forkserver``, so a
worker's parent is the fork server, not monitor.  Nothing in multiprocessing
ends a worker when monitor dies: a parse worker waits on its call queue for
ever (it holds that queue's write end itself), and a sandbox worker in the
middle of a job does not look at its pipe.  The fork server and the resource
tracker do exit by themselves, but only once *every* process holding their
pipes is gone, and each worker holds both: so live workers kept all of them
alive, re-parented to PID 1.

The lifeline is a pipe whose write end only monitor holds.  Each worker gets
the read end (pickled with its arguments, so it is passed by the fork server),
and calls :func:`die_with_parent` first thing.  When monitor's process ends,
however it ends, the kernel closes the write end, and:

* on Linux, the kernel sends the worker ``SIGIO``, whose default action ends
  the process: nothing in the worker has to run, so a job stuck inside a C
  call holding the GIL (the very case the sandbox exists for) dies too.  The
  worker re-opens the pipe through ``/proc/self/fd`` because the signal's
  owner is a property of the open file, which workers would otherwise share;
* elsewhere (or without ``/proc``), a daemon thread blocked on the pipe
  calls ``os._exit`` at end of file: the same, except for a job holding the
  GIL, which ends when that job does.

Once the workers are gone, the fork server sees the end of its "alive" pipe
and exits, and the resource tracker the end of its own pipe: the whole tree
is gone within moments, and a restarted service inherits nothing.

Not ``prctl(PR_SET_PDEATHSIG)``: it watches the *parent*, which for a worker
is the fork server (alive as long as its workers are), and for the fork
server is whichever monitor thread first started it (a sandbox or scheduler
thread that may end long before monitor does).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import select
import signal
import sys
import threading
from multiprocessing.connection import Connection

_lock = threading.Lock()
# (pid, read end, write end) of this process's lifeline; the write end is
# never given to anyone and is closed only by the process ending.
_line: tuple[int, Connection, Connection] | None = None
# In a worker: what keeps its end of the line open for the process's lifetime.
_held: int | Connection | None = None


def child_end() -> Connection:
    """The lifeline's read end, to pass to a worker process as an argument
    (or ``initargs``) of a forkserver or spawn context.  Thread-safe; made
    once per process."""
    global _line
    with _lock:
        if _line is None or _line[0] != os.getpid():
            # A forked copy of monitor would hold the write end too; a process
            # of its own gets a line of its own.
            read, write = multiprocessing.Pipe(duplex=False)
            _line = (os.getpid(), read, write)
        return _line[1]


def die_with_parent(end: Connection) -> None:
    """In a worker, first thing: end this process when the process that made
    ``end`` (with :func:`child_end`) is gone, or at once if it already is.
    ``SIGIO`` on Linux; a thread where that cannot be set up."""
    global _held
    if sys.platform == "linux":
        try:
            own = _signal_on_hangup(end.fileno())
        except OSError:
            pass  # no /proc: the thread below
        else:
            end.close()
            _held = own
            if _gone(own):
                os._exit(1)
            return
    _held = end  # the thread's fd must outlive this call
    if _gone(end.fileno()):
        os._exit(1)
    threading.Thread(
        target=_exit_at_eof, args=(end.fileno(),), name="lifeline", daemon=True
    ).start()


if sys.platform == "linux":
    import fcntl

    def _signal_on_hangup(fd: int) -> int:
        """A private open file of the pipe ``fd`` that sends this process
        ``SIGIO`` (default action: terminate) when the last writer closes."""
        own = os.open(f"/proc/self/fd/{fd}", os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            signal.signal(signal.SIGIO, signal.SIG_DFL)
            fcntl.fcntl(own, fcntl.F_SETOWN, os.getpid())
            flags = fcntl.fcntl(own, fcntl.F_GETFL)
            fcntl.fcntl(own, fcntl.F_SETFL, flags | os.O_ASYNC)
        except BaseException:
            os.close(own)
            raise
        return own


def _gone(fd: int) -> bool:
    """The write end is closed: the pipe reads as end of file (nothing is
    ever written to it)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


def _exit_at_eof(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.set_blocking(fd, True)
        while os.read(fd, 1):
            pass
    os._exit(1)
