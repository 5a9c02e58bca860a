"""SQLite FTS5 ``unicode61 remove_diacritics 2`` tokenization, mirrored in Python.

Characters never seen before are classified once by asking the linked SQLite
itself, so :func:`tokens` follows the exact library that holds the archive.
"""

from __future__ import annotations

import re
import sqlite3
import threading

# --- tokenizer: a mirror of FTS5 unicode61 remove_diacritics 2 -------------------

# code point -> folded text ("" = dropped diacritic, " " = separator)
_FOLD: dict[int, str] = {c: (chr(c).lower() if chr(c).isalnum() else " ") for c in range(128)}
_LOCK = threading.Lock()
_PROBE: list[sqlite3.Connection] = []
_RUNS: dict[str, str] = {}
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_TOKEN = re.compile(r"[a-z0-9\x80-\U0010ffff]+")  # after folding, non-ASCII = token char


def _learn(chars: set[str]) -> None:
    """Classify unseen characters with SQLite's own tokenizer ("a" + c + "a")."""
    with _LOCK:
        todo = [c for c in chars if ord(c) not in _FOLD]
        for c in [c for c in todo if 0xD800 <= ord(c) < 0xE000]:
            _FOLD[ord(c)] = " "  # lone surrogates cannot reach SQLite; treat as separators
        todo = [c for c in todo if ord(c) not in _FOLD]
        if not todo:
            return
        if not _PROBE:
            db = sqlite3.connect(":memory:", check_same_thread=False)
            db.execute(
                "CREATE VIRTUAL TABLE p USING fts5(x, tokenize='unicode61 remove_diacritics 2')"
            )
            db.execute("CREATE VIRTUAL TABLE pv USING fts5vocab(p, instance)")
            _PROBE.append(db)
        db = _PROBE[0]
        db.execute("DELETE FROM p")
        db.executemany("INSERT INTO p(rowid, x) VALUES (?, ?)", [(ord(c), f"a{c}a") for c in todo])
        seen: dict[int, list[str]] = {}
        for term, doc in db.execute("SELECT term, doc FROM pv"):
            seen.setdefault(doc, []).append(term)
        for c in todo:
            got = seen.get(ord(c), [])
            _FOLD[ord(c)] = got[0][1:-1] if len(got) == 1 else " "


def _fold_sub(m: re.Match[str]) -> str:
    run = m.group()
    hit = _RUNS.get(run)
    if hit is None:
        missing = {c for c in run if ord(c) not in _FOLD}
        if missing:
            _learn(missing)
        hit = run.translate(_FOLD)
        if len(_RUNS) > 100_000:
            _RUNS.clear()
        _RUNS[run] = hit
    return hit


def tokens(text: str) -> list[str]:
    """The tokens FTS5 ``unicode61 remove_diacritics 2`` produces for ``text``:
    case-folded, diacritics removed, split on every non-token character (token
    characters are letters, numbers and private-use; a run of CJK is one token).

    Non-ASCII runs are replaced by SQLite's fold of the original characters; ASCII
    is lower-cased as bytes (Python's own Unicode lowercasing differs from SQLite's
    on ~400 code points, e.g. Cherokee, so it is never applied to them)."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    folded = _NON_ASCII.sub(_fold_sub, text).encode("utf-8").lower().decode("utf-8")
    return _TOKEN.findall(folded)
