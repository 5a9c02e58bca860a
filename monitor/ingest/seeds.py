"""Reading the seed documents: the plain-text captures in ``storage/seeds``.

Disk I/O only; the cleaning rules live in the pure :mod:`monitor.ingest.capture.read`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from monitor.errors import MonitorError
from monitor.ingest.capture.read import parse_capture
from monitor.types import SeedDocument

log = logging.getLogger("monitor.seeds")


@dataclass(frozen=True)
class SeedRead:
    """The records read from a directory, and the files that gave none
    (``problems``: one ``"file: reason"`` line each)."""

    docs: tuple[SeedDocument, ...]
    problems: tuple[str, ...] = field(default=())


def read_seed_dir(directory: Path) -> SeedRead:
    """Every ``*.txt`` capture in ``directory``, in file-name order.  Invalid
    UTF-8 is replaced, never fatal: a seed is evidence the user gave us.  A
    file that yields nothing (empty, only page chrome) is reported and
    skipped; it never stops the other seeds."""
    return read_seed_files(sorted(directory.glob("*.txt")))


def read_seed_files(paths: list[Path], full_path: bool = False) -> SeedRead:
    """The records of these capture files, in the order given.  Each is named
    (``seed_file``) by its file name, or by its whole path with ``full_path``."""
    docs: list[SeedDocument] = []
    problems: list[str] = []
    for path in paths:
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
            docs.extend(parse_capture(text, str(path) if full_path else path.name))
        except (OSError, MonitorError) as e:
            problems.append(f"{path.name}: {e}")
            log.warning("seed=%s error=%r", path.name, str(e))
    return SeedRead(tuple(docs), tuple(problems))
