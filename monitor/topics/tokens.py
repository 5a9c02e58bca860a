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


# Fast path: ASCII bytes in one translate() (upper -> lower, separator -> space), then
# each distinct non-ASCII character replaced by its fold, then str.split().
_ASCII_TABLE = bytes(
    (c + 32 if 65 <= c <= 90 else c) if c >= 128 or chr(c).isalnum() else 32 for c in range(256)
)
_ASCII_BYTES = bytes(range(128))
# Characters str.split() treats as whitespace (tests check the list is complete).
_PY_SPACE = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000")
_PY_SPACE |= frozenset(chr(c) for c in range(0x2000, 0x200B))
# non-ASCII char -> what the fast path puts in its place (itself = kept), None = unsafe
_REPL: dict[str, str | None] = {}


def _replacement(c: str) -> str | None:
    """The fast path's substitute for ``c``: its lower-cased fold, or None when
    translate/replace/split could not reproduce :func:`_slow_tokens` exactly."""
    if ord(c) not in _FOLD:
        _learn({c})
    fold = _FOLD[ord(c)].encode("utf-8").lower().decode("utf-8")
    learn = {x for x in fold if ord(x) not in _FOLD}
    if learn:
        _learn(learn)
    rep: str | None = fold
    if fold == c:
        rep = None if c in _PY_SPACE else c  # a token character split() must not split
    elif fold != " " and not all(
        x.isalnum() if x.isascii() else x not in _PY_SPACE and _FOLD.get(ord(x)) == x for x in fold
    ):
        rep = None  # non-ASCII output must be a fixed point, so later replaces keep it
    with _LOCK:
        _REPL[c] = rep
    return rep


def _fast_tokens(text: str) -> list[str] | None:
    """:func:`tokens` by translate/replace/split, or None when it cannot be exact."""
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return None
    s = raw.translate(_ASCII_TABLE).decode("utf-8")
    for c in set(raw.translate(None, _ASCII_BYTES).decode("utf-8")):
        rep = _REPL[c] if c in _REPL else _replacement(c)
        if rep is None:
            return None
        if rep != c:
            s = s.replace(c, rep)
    return s.split()


def _slow_tokens(text: str) -> list[str]:
    """The reference path: fold non-ASCII runs with a regex, then find tokens."""
    folded = _NON_ASCII.sub(_fold_sub, text).encode("utf-8").lower().decode("utf-8")
    return _TOKEN.findall(folded)


def tokens(text: str) -> list[str]:
    """The tokens FTS5 ``unicode61 remove_diacritics 2`` produces for ``text``:
    case-folded, diacritics removed, split on every non-token character (token
    characters are letters, numbers and private-use; a run of CJK is one token).

    Non-ASCII runs are replaced by SQLite's fold of the original characters; ASCII
    is lower-cased as bytes (Python's own Unicode lowercasing differs from SQLite's
    on ~400 code points, e.g. Cherokee, so it is never applied to them).  The
    common case runs in C string methods (see :func:`_fast_tokens`); texts with a
    character it cannot handle exactly take the regex path, with the same result."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_TABLE).decode("ascii").split()
    fast = _fast_tokens(text)
    return _slow_tokens(text) if fast is None else fast


_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """The tokens of :func:`tokens`, each with its ``[start, end)`` in ``text``
    (for highlighting).  Linear in the text: ASCII by one regex scan; other
    text is folded character by character only inside its non-ASCII runs."""
    if text.isascii():
        return [(m.group().lower(), m.start(), m.end()) for m in _ASCII_WORD.finditer(text)]
    pieces: list[str] = []
    origin: list[int] = []  # origin[i]: where folded character i came from
    pos = 0
    for run in _NON_ASCII.finditer(text):
        start, end = run.span()
        pieces.append(text[pos:start])
        origin.extend(range(pos, start))
        missing = {c for c in run.group() if ord(c) not in _FOLD}
        if missing:
            _learn(missing)
        for i in range(start, end):
            fold = _FOLD[ord(text[i])]
            pieces.append(fold)
            origin.extend([i] * len(fold))
        pos = end
    pieces.append(text[pos:])
    origin.extend(range(pos, len(text)))
    # Lower-casing as bytes changes only ASCII letters, so lengths (and origin) hold.
    folded = (
        "".join(pieces).encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    )
    spans = []
    for m in _TOKEN.finditer(folded):
        end = origin[m.end() - 1] + 1
        # Combining marks the fold drops still belong to the token ("cafe\u0301").
        while end < len(text) and _FOLD.get(ord(text[end])) == "":
            end += 1
        spans.append((m.group(), origin[m.start()], end))
    return spans
