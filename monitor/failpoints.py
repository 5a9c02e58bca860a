"""Failpoints for crash tests: ``MONITOR_FAILPOINT=<name>`` makes the process
kill itself with SIGKILL when it reaches that point, exactly as a power cut or
an OOM kill would, so a test can check what a restart finds.  Unset (always,
outside tests) a failpoint is one dictionary lookup."""

from __future__ import annotations

import os
import signal


def hit(name: str) -> None:
    """Die here, at once and without cleanup, if this failpoint is armed."""
    if os.environ.get("MONITOR_FAILPOINT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
