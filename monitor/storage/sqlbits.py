"""Small SQL helpers shared by the store and its mixins.  A leaf module."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

# Values bound in one `IN (...)`: well under SQLite's host-parameter limit.
CHUNK = 500


def in_chunks(values: Sequence[T]) -> Iterator[tuple[list[T], str]]:
    """``values`` in slices for ``IN (...)`` lookups, each with its ``?,?,…``."""
    for start in range(0, len(values), CHUNK):
        chunk = list(values[start : start + CHUNK])
        yield chunk, ",".join("?" * len(chunk))
