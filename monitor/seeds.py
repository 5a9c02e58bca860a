"""Reading the seed documents: the plain-text captures in ``storage/seeds``.

Disk I/O only; the cleaning rules live in the pure :mod:`monitor.capture`.
"""

from __future__ import annotations

from pathlib import Path

from monitor.capture import parse_capture
from monitor.model import SeedDocument


def read_seed_dir(directory: Path) -> list[SeedDocument]:
    """Every ``*.txt`` capture in ``directory``, in file-name order.  Invalid
    UTF-8 is replaced, never fatal: a seed is evidence the user gave us."""
    docs: list[SeedDocument] = []
    for path in sorted(directory.glob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        docs.extend(parse_capture(text, path.name))
    return docs
