"""Near-duplicate stories and same-site republications (dedupe layers 4 and 5).
Pure: text in, signatures and decisions out; :mod:`monitor.storage.stories` looks
things up and writes them.

How two texts become one story:

1. *Candidates*.  Each text's word 4-shingles get a 60-value MinHash signature
   (datasketch), cut into 20 bands of 3 values; two texts sharing any band
   are candidates.  A pair with Jaccard similarity 0.5 shares a band with
   probability 0.93, one at 0.7 with 0.9999, one at 0.1 with 0.02.  The bands
   live in SQLite (``story_bands``), so a restart rebuilds nothing.  A second
   way in is the title: the same normalized title from the same site within
   ``title_window`` (layer 5).
2. *Verification*, exact, on the texts themselves: LSH only proposes.  The
   shingle sets must overlap enough (Jaccard, or containment for a copy whose
   ending was trimmed) **and** the overlap must run through the whole shorter
   text.  The second test is what keeps apart two press releases that share
   a long identical footer, and two outlets' own reports sharing one quote:
   their overlap is one block, not the text.

Text too short to say anything (``min_words`` substantive words; lines of
fewer than :data:`MIN_LINE_WORDS` words, i.e. menus, share bars and bylines,
do not count) is never part of a story.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Word shingles of this many words: long enough that ordinary phrases ("the
# government said on") are not shared by chance, short enough that an edited
# word only spoils a few.
SHINGLE = 4
BANDS = 20
ROWS = 3
NUM_PERM = BANDS * ROWS
# Lines shorter than this are chrome (menus, share bars, "Listen to article"),
# datelines or captions: they never make two texts the same story.
MIN_LINE_WORDS = 6
# How far the overlap must run through the shorter text: each of these many
# equal parts of it must share at least ``spread`` of its shingles.  Five
# parts: a press release whose own body is a fifth of it, the rest a footer
# it shares with every other release, fails in its first part.
PARTS = 5

_WORD = re.compile(r"\w+", re.UNICODE)
_SEP = re.compile(r"\s*:\s+|\s+[|\-–—·»/]+\s+")
_GENERIC_SEGMENTS = frozenset(
    {
        "blog",
        "home",
        "latest",
        "latest news",
        "live",
        "news",
        "news release",
        "news releases",
        "newsroom",
        "opinion",
        "press",
        "press office",
        "press release",
        "press releases",
        "statement",
        "statements",
        "update",
        "updates",
    }
)
_HOST_NOISE = frozenset({"www", "m", "amp", "com", "org", "net", "co", "uk", "gov", "int", "news"})


@dataclass(frozen=True)
class StoryParams:
    """Settings of layers 4 and 5 (``[dedupe]`` in the config)."""

    enabled: bool = True
    # Exact Jaccard similarity of the shingle sets needed for one story.
    threshold: float = 0.5
    # The share of the shorter text found in the longer one that also makes a
    # story (another outlet trimmed the ending).
    containment: float = 0.8
    # Each fifth of the shorter text must share at least this of its shingles.
    spread: float = 0.3
    min_words: int = 50
    # Only items first seen within this many seconds of each other cluster.
    window: float = 14 * 86400.0
    # Layer 5: the same title from the same site within this window proposes
    # a republication; the texts must still agree, at these lower bars.
    title_window: float = 7 * 86400.0
    title_threshold: float = 0.3
    title_spread: float = 0.2


def substance(text: str) -> list[str]:
    """The casefolded words of the lines long enough to be prose."""
    words: list[str] = []
    for line in text.splitlines():
        found = _WORD.findall(line.casefold())
        if len(found) >= MIN_LINE_WORDS:
            words.extend(found)
    return words


def shingles(words: Sequence[str]) -> list[int]:
    """The text's word shingles as 32-bit hashes, in text order (repeats kept,
    so that positions can be checked)."""
    import numpy as np  # comes with datasketch

    if len(words) < SHINGLE:
        return []
    # Each word hashed once (crc32: fixed across processes and releases, which
    # the persisted index relies on), then each run of SHINGLE word hashes
    # mixed into one by a polynomial over 64 bits, keeping the high half.
    hashed = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE + 1
    mixed = np.zeros(n, dtype=np.uint64)
    for offset in range(SHINGLE):
        mixed = mixed * _MIX + hashed[offset : offset + n]
    return (mixed >> np.uint64(32)).tolist()  # type: ignore[no-any-return]


_MIX = 0x9E3779B97F4A7C15  # odd: the 64-bit golden-ratio constant


def band_keys(hashes: Sequence[int]) -> list[int]:
    """The LSH band keys of a text's shingle hashes: one signed 64-bit integer
    per band (band number included, so bands never collide with each other)."""
    values = _minhash(sorted(set(hashes)))
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def _minhash(values: list[int]) -> Any:
    """datasketch's MinHash of already-hashed values (a numpy uint64 array)."""
    global _PERMUTATIONS
    from datasketch import MinHash  # numpy import cost only when stories are on

    # Seeded: the same text gives the same signature in every process, which
    # the persisted index relies on.  The permutations are drawn once.
    sig = MinHash(
        num_perm=NUM_PERM, seed=1, hashfunc=_identity, permutations=_PERMUTATIONS, scheme="affine32"
    )
    _PERMUTATIONS = sig.permutations
    sig.update_batch(values)
    return sig.hashvalues


_PERMUTATIONS: Any = None


def _identity(value: int) -> int:
    return value


@dataclass(frozen=True)
class Similarity:
    jaccard: float
    containment: float
    # The least shared share among the parts of the shorter text.
    spread: float


def similarity(a: Sequence[int], b: Sequence[int]) -> Similarity:
    """How much of two shingle sequences agree, and how evenly."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return Similarity(0.0, 0.0, 0.0)
    common = sa & sb
    jaccard = len(common) / len(sa | sb)
    short = a if len(sa) <= len(sb) else b
    containment = len(common) / min(len(sa), len(sb))
    size = max(1, len(short) // PARTS)
    spread = 1.0
    for part in range(PARTS):
        piece = short[part * size : (part + 1) * size if part < PARTS - 1 else len(short)]
        if piece:
            spread = min(spread, sum(h in common for h in piece) / len(piece))
    return Similarity(jaccard, containment, spread)


def same_story(sim: Similarity, params: StoryParams) -> bool:
    """Layer 4: near-identical texts (a wire copy with edits, a trimmed copy)."""
    close = sim.jaccard >= params.threshold or sim.containment >= params.containment
    return close and sim.spread >= params.spread


def same_republished(sim: Similarity, params: StoryParams) -> bool:
    """Layer 5: a same-titled text from the same site; the title vouches for
    some of it, so the text may have changed more."""
    return sim.jaccard >= params.title_threshold and sim.spread >= params.title_spread


def title_key(title: str, site: str | None) -> str | None:
    """``site`` and the title with site-name and section prefixes and suffixes
    stripped (" - Press Releases | Amnesty International UK"), casefolded, no
    punctuation; None when too little is left to identify an article."""
    if not site or not title:
        return None
    tokens = {t for t in re.split(r"[.\-]", site) if t and t not in _HOST_NOISE}
    segments = [s.strip() for s in _SEP.split(title.strip()) if s.strip()]

    def is_label(segment: str) -> bool:
        words = _WORD.findall(segment.casefold())
        if not words or len(words) > 6:
            return False
        joined = " ".join(words)
        if joined in _GENERIC_SEGMENTS or any(w in tokens for w in words):
            return True
        # "The Daily Paper" on dailypaper.example: the host, spelled as words.
        squashed = "".join(words)
        return any(len(t) >= 5 and t in squashed for t in tokens)

    while len(segments) > 1 and is_label(segments[-1]):
        segments.pop()
    while len(segments) > 1 and is_label(segments[0]):
        segments.pop(0)
    words = _WORD.findall(" ".join(segments).casefold())
    if len(words) < 3:
        return None
    return f"{site}\n{' '.join(words)}"
