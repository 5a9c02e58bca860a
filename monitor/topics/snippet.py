"""The passage of an item that a topic query matched, its terms in [brackets].

Pure and linear in the text.  Why not FTS5's ``snippet()``: it scores every
window against every phrase instance, so its cost grows with the square of
the number of hits; a hostile item whose text repeats one matched word (a
200,000-word title) kept the writer and Datasette's search busy for minutes,
and SQLite's progress handler cannot interrupt it.  Here the tokens are found
once (:func:`monitor.topics.tokens.token_spans`, the same tokens as the index),
hits are looked up by dictionary, and the best window is found by one sliding
pass, so the cost is one scan of the text however many hits it holds.

The window is chosen as FTS5 does: the one with the most distinct query
phrases, the title winning ties; words a ``NOT`` excludes are never
highlighted.  Unlike FTS5, the words of a ``NEAR`` group are highlighted
wherever they occur, near each other or not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from monitor.topics.tokens import token_spans
from monitor.topics.tree import And, Near, Node, Not, Or, Phrase, Term

WIDTH = 24  # tokens per snippet, as the FTS5 snippet() calls it replaces
# Phrases of one query looked for (a search box may hold hundreds): each costs
# a look-up per token of the text.
MAX_PHRASES = 64
# Characters shown of one token or of the text between two (a 200,000-character
# "word" or a run of punctuation must not make a 200,000-character snippet).
MAX_PIECE = 200
COLUMNS = ("title", "text")

_Leaf = tuple[tuple[str, ...], bool]  # tokens, last token is a prefix


def _clipped(words: tuple[str, ...], prefix: bool, width: int) -> _Leaf:
    """A phrase longer than the window is looked for by its first ``width``
    words: a hit never outgrows the window, and checking one costs at most
    ``width`` comparisons however long the phrase a visitor pasted."""
    if len(words) > width:
        return words[:width], False
    return words, prefix


def _leaves(node: Node, column: str) -> Iterator[_Leaf]:
    """The phrases of ``node`` that can match in ``column`` (never the
    excluded side of a NOT)."""
    if isinstance(node, Term):
        if node.field in (None, column):
            yield (node.text,), node.prefix
    elif isinstance(node, Phrase):
        if node.field in (None, column) and node.tokens:
            yield node.tokens, node.prefix
    elif isinstance(node, Near):
        if node.field in (None, column):
            for item in node.items:
                yield from _leaves(item, column)
    elif isinstance(node, Not):
        yield from _leaves(node.positive, column)
    elif isinstance(node, And | Or):
        for child in node.children:
            yield from _leaves(child, column)


def _hits(toks: list[str], leaves: list[_Leaf]) -> list[tuple[int, int, int]]:
    """Each phrase instance as (first token, end token, phrase number)."""
    exact: dict[str, list[int]] = {}
    prefixes: dict[int, dict[str, list[int]]] = {}  # length -> prefix -> phrases
    for n, (words, prefix) in enumerate(leaves):
        first = words[0]
        if prefix and len(words) == 1:
            prefixes.setdefault(len(first), {}).setdefault(first, []).append(n)
        else:
            exact.setdefault(first, []).append(n)
    found: list[tuple[int, int, int]] = []
    none: list[int] = []
    for i, tok in enumerate(toks):
        starts = exact.get(tok, none)
        if prefixes:
            more = [n for size, table in prefixes.items() for n in table.get(tok[:size], none)]
            if more:
                starts = starts + more
        for n in starts:
            words, prefix = leaves[n]
            end = i + len(words)
            if end > len(toks):
                continue
            if all(toks[i + k] == w for k, w in enumerate(words[1:-1], 1)) and (
                len(words) == 1
                or (toks[end - 1].startswith(words[-1]) if prefix else toks[end - 1] == words[-1])
            ):
                found.append((i, end, n))
    return found


def _best_window(hits: list[tuple[int, int, int]], width: int) -> tuple[int, int]:
    """(score, index of the first hit) of the window of ``width`` tokens
    holding the most distinct phrases; the earliest wins ties."""
    best = (0, 0)
    counts: Counter[int] = Counter()
    j = 0
    for _, end, n in hits:
        counts[n] += 1
        while end - hits[j][0] > width:
            counts[hits[j][2]] -= 1
            if not counts[hits[j][2]]:
                del counts[hits[j][2]]
            j += 1
        if len(counts) > best[0]:
            best = (len(counts), j)
    return best


def _render(value: str, spans: list[tuple[str, int, int]], hits: list[tuple[int, int, int]],
            first: int, width: int) -> str:  # fmt: skip
    """The window around hit ``first``, hits centred, terms in brackets."""
    lo, hi = hits[first][0], hits[first][1]
    for _, end, _n in hits[first:]:
        if end - lo > width:
            break
        hi = max(hi, end)
    a = max(0, lo - (width - (hi - lo)) // 2)
    b = min(len(spans), a + width)
    a = max(0, b - width)
    marks: list[list[int]] = []
    for s, e in sorted((s, e) for s, e, _ in hits if s >= a and e <= b):
        if marks and s < marks[-1][1]:  # overlaps the previous mark: one mark
            marks[-1][1] = max(marks[-1][1], e)
        else:
            marks.append([s, e])
    out: list[str] = ["…" if a > 0 else _clip(value[: spans[0][1]])]
    pos = spans[a][1]
    for s, e in marks:
        left, right = spans[s][1], spans[e - 1][2]
        out += [_clip(value[pos:left]), "[", _clip(value[left:right]), "]"]
        pos = right
    last = spans[b - 1][2]
    out.append(_clip(value[pos:last]))
    out.append("…" if b < len(spans) else _clip(value[last:]))
    return "".join(out)


def _clip(piece: str) -> str:
    if len(piece) <= MAX_PIECE:
        return piece
    half = MAX_PIECE // 2
    return piece[:half] + "…" + piece[-half:]


def snippet(
    node: Node,
    title: str,
    text: str,
    width: int = WIDTH,
    cache: dict[str, list[tuple[str, int, int]]] | None = None,
) -> str:
    """The best passage of ``title`` or ``text`` for the query ``node``, its
    matched terms in ``[brackets]`` and ``…`` where it was cut; ``''`` when
    neither holds a term of the query.  ``cache`` (one dict per item) keeps
    the item's tokens between calls for several topics."""
    best: tuple[int, str, list[tuple[str, int, int]], list[tuple[int, int, int]], int] | None
    best = None
    for column, value in zip(COLUMNS, (title, text), strict=True):
        leaves = list(dict.fromkeys(_clipped(w, p, width) for w, p in _leaves(node, column)))
        leaves = leaves[:MAX_PHRASES]
        if not leaves or not value:
            continue
        spans = cache.get(column) if cache is not None else None
        if spans is None:
            spans = token_spans(value)
            if cache is not None:
                cache[column] = spans
        hits = _hits([s[0] for s in spans], leaves)
        if not hits:
            continue
        score, first = _best_window(hits, width)
        if best is None or score > best[0]:
            best = (score, value, spans, hits, first)
    if best is None:
        return ""
    _, value, spans, hits, first = best
    return _render(value, spans, hits, first, width)
