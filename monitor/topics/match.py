"""Evaluating topic queries on documents, one topic or thousands at once."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from monitor.topics.tokens import tokens
from monitor.topics.tree import (
    FTS_FIELDS,
    STOPWORDS,
    And,
    Near,
    Node,
    Or,
    Phrase,
    Term,
)

if TYPE_CHECKING:
    from monitor.topics.query import Query


# --- evaluation ---------------------------------------------------------------------


_PREFIX_SCANS = 12  # prefix tests by substring search before a document sorts its tokens


class Document:
    """One item, tokenized once: token lists per field plus lazy indexes.

    ``ft`` is the set of title and text tokens, ``all_tokens`` that of every field;
    per-field sets, space-joined fields (for phrase and prefix tests by substring
    search) and token positions (for NEAR) are built only when first asked for."""

    __slots__ = (
        "_joined",
        "_pos",
        "_prefix_tests",
        "_sets",
        "_sorted",
        "all_tokens",
        "fields",
        "ft",
    )

    def __init__(self, fields: Mapping[str, list[str]]) -> None:
        self.fields = dict(fields)
        self.ft = set(self.fields.get("title", ()))
        self.ft.update(self.fields.get("text", ()))
        extra = [v for k, v in self.fields.items() if k not in FTS_FIELDS and v]
        self.all_tokens = self.ft.union(*extra) if extra else self.ft
        self._sets: dict[str, set[str]] = {}
        self._joined: dict[str, str] = {}
        self._pos: dict[tuple[str, str], list[int]] = {}
        self._sorted: dict[str, list[str]] = {}
        self._prefix_tests = 0

    @classmethod
    def from_texts(cls, title: str = "", text: str = "", **fields: str) -> Document:
        data = {"title": tokens(title), "text": tokens(text)}
        data.update({k: tokens(v or "") for k, v in fields.items()})
        return cls(data)

    def field_set(self, col: str) -> set[str]:
        """The set of ``col``'s tokens (empty for a missing field)."""
        hit = self._sets.get(col)
        if hit is None:
            hit = self._sets[col] = set(self.fields.get(col, ()))
        return hit

    def joined(self, col: str) -> str:
        """``col``'s tokens joined by single spaces, with a space at each end: a
        phrase ``a b`` occurs iff `` a b `` is a substring (tokens hold no spaces).
        "" is title and text, "*" every field (concatenated: the double spaces
        between fields keep a needle from spanning two of them)."""
        hit = self._joined.get(col)
        if hit is None:
            if col in ("", "*"):
                parts = [""]
                for c in FTS_FIELDS if col == "" else self.fields:
                    parts += self.fields.get(c, ())
                    parts.append("")
                hit = " ".join(parts)
            else:
                seq = self.fields.get(col)
                hit = f" {' '.join(seq)} " if seq else ""
            self._joined[col] = hit
        return hit

    def positions(self, col: str, tok: str) -> list[int]:
        key = (col, tok)
        hit = self._pos.get(key)
        if hit is None:
            hit = []
            if tok in (self.ft if col in FTS_FIELDS else self.all_tokens):
                seq, i = self.fields.get(col, []), -1
                try:
                    while True:
                        i = seq.index(tok, i + 1)
                        hit.append(i)
                except ValueError:
                    pass
            self._pos[key] = hit
        return hit

    def has_prefix(self, col: str, p: str) -> bool:
        """Whether a token of ``col`` starts with ``p`` ("*": any field, "": title or
        text).  The first few tests search :meth:`joined`; a document asked many
        times sorts its tokens once and bisects instead."""
        srt = self._sorted.get(col)
        if srt is None:
            self._prefix_tests += 1
            if self._prefix_tests <= _PREFIX_SCANS:
                return " " + p in self.joined(col)
            toks = self.all_tokens if col == "*" else self.ft if col == "" else self.field_set(col)
            srt = self._sorted[col] = sorted(toks)
        k = bisect_left(srt, p)
        return k < len(srt) and srt[k].startswith(p)

    def phrase_starts(self, col: str, toks: tuple[str, ...], prefix: bool) -> list[int]:
        seq = self.fields.get(col, [])
        n = len(toks)
        if n == 1 and prefix:
            return [i for i, t in enumerate(seq) if t.startswith(toks[0])]
        starts = self.positions(col, toks[0])
        if n == 1:
            return starts
        last, size = toks[-1], len(seq)
        out = []
        for p in starts:
            if p + n > size or any(seq[p + k] != toks[k] for k in range(1, n - 1)):
                continue
            end = seq[p + n - 1]
            if end.startswith(last) if prefix else end == last:
                out.append(p)
        return out


Eval = Callable[[Document], bool]


def _cols(fld: str | None) -> tuple[str, ...]:
    return FTS_FIELDS if fld is None else (fld,)


def phrase_needle(toks: tuple[str, ...], prefix: bool) -> str:
    """The substring of :meth:`Document.joined` that marks an occurrence of the
    phrase (with ``prefix``, its last token only has to start with ``toks[-1]``)."""
    return " " + " ".join(toks) + ("" if prefix else " ")


def _eval_cost(node: Node) -> int:
    """A rough relative cost of evaluating ``node`` on a document."""
    if isinstance(node, Term):
        return 4 if node.prefix else 1
    if isinstance(node, Phrase):
        return 3
    if isinstance(node, Near):
        return 8
    if isinstance(node, And | Or):
        return sum(_eval_cost(c) for c in node.children)
    return _eval_cost(node.positive) + _eval_cost(node.negative)


def _compile(node: Node) -> Eval:
    """A closure evaluating ``node`` on a :class:`Document` (FTS5 semantics)."""
    if isinstance(node, Term):
        tok = node.text
        if node.prefix:
            pcol = "" if node.field is None else node.field
            return lambda d: d.has_prefix(pcol, tok)
        if node.field is None:
            return lambda d: tok in d.ft
        col = node.field
        return lambda d: tok in d.field_set(col)
    if isinstance(node, Phrase):
        needle = phrase_needle(node.tokens, node.prefix)
        need = frozenset(node.tokens[:-1] if node.prefix else node.tokens)
        col = "" if node.field is None else node.field
        return lambda d: need <= d.all_tokens and needle in d.joined(col)
    if isinstance(node, Near):
        return _compile_near(node)
    if isinstance(node, And | Or):  # cheapest children first: evaluation has no side effects
        kids = tuple(_compile(c) for c in sorted(node.children, key=_eval_cost))
        if len(kids) == 2:
            a, b = kids
            if isinstance(node, And):
                return lambda d: a(d) and b(d)
            return lambda d: a(d) or b(d)
        if isinstance(node, And):
            return lambda d: all(k(d) for k in kids)
        return lambda d: any(k(d) for k in kids)
    pos, neg = _compile(node.positive), _compile(node.negative)
    return lambda d: pos(d) and not neg(d)


def _compile_near(node: Near) -> Eval:
    """FTS5: a NEAR group matches in a column if there are instances s_i of every
    phrase such that, with m = max(s_i), m - s_i - len_i <= distance for all i
    (tokens between the end of each phrase and the start of the last one)."""
    specs = [(it.tokens if isinstance(it, Phrase) else (it.text,), it.prefix) for it in node.items]
    lens = [len(t) for t, _ in specs]
    cols, dist = _cols(node.field), node.distance
    need = frozenset(t for toks, pre in specs for t in (toks[:-1] if pre else toks))

    def ev(d: Document) -> bool:
        if not need <= d.all_tokens:
            return False
        for c in cols:
            lists = [d.phrase_starts(c, t, p) for t, p in specs]
            if not all(lists):
                continue
            for j, plist in enumerate(lists):
                for m in plist:
                    for i, other in enumerate(lists):
                        if i != j:
                            k = bisect_left(other, m - lens[i] - dist)
                            if k == len(other) or other[k] > m:
                                break
                    else:
                        return True
        return False

    return ev


# --- candidate keys for the many-topic Matcher ---------------------------------------

Keys = tuple[float, frozenset[tuple[str, str]]] | None  # (cost, {("w"|"p", text)})


def _tok_cost(tok: str, prefix: bool) -> float:
    base = 100.0 if tok in STOPWORDS else max(1.0, 12.0 - len(tok))
    return base * (4.0 if prefix else 1.0) + (50.0 if prefix and len(tok) < 3 else 0.0)


def _keys(node: Node) -> Keys:
    """A set of keys at least one of which a matching document must contain."""
    if isinstance(node, Term | Phrase):
        toks = (node.text,) if isinstance(node, Term) else node.tokens
        opts = [(_tok_cost(t, False), ("w", t)) for t in toks[:-1]]
        opts.append((_tok_cost(toks[-1], node.prefix), ("p" if node.prefix else "w", toks[-1])))
        cost, key = min(opts)
        return cost, frozenset([key])
    if isinstance(node, Near | And):
        kids = [_keys(c) for c in (node.items if isinstance(node, Near) else node.children)]
        known = [k for k in kids if k is not None]
        return min(known, key=lambda k: k[0]) if known else None
    if isinstance(node, Or):
        parts = [_keys(c) for c in node.children]
        if any(p is None for p in parts):
            return None
        return sum(p[0] for p in parts if p), frozenset().union(*(p[1] for p in parts if p))
    return _keys(node.positive)


class Matcher:
    """Match one document against many topics, evaluating only candidates whose
    key set (see ``_keys``) meets the document's tokens."""

    def __init__(self, topics: Mapping[str, Query]) -> None:
        self.names = list(topics)
        self._evals = [q._eval for q in topics.values()]
        self._always: list[int] = []
        self._words: dict[str, list[int]] = {}
        self._pre: dict[int, dict[str, list[tuple[str, int]]]] = {}  # head len -> head -> ...
        for i, q in enumerate(topics.values()):
            keys = _keys(q.node)
            if keys is None:
                self._always.append(i)
                continue
            for kind, tok in keys[1]:
                if kind == "w":
                    self._words.setdefault(tok, []).append(i)
                else:
                    head = min(len(tok), 3)
                    bucket = self._pre.setdefault(head, {})
                    bucket.setdefault(tok[:head], []).append((tok, i))
        self._word_keys = set(self._words)

    def candidates(self, doc: Document) -> set[int]:
        cand = set(self._always)
        toks = doc.all_tokens
        cand.update(*map(self._words.__getitem__, toks & self._word_keys))
        for head, bucket in self._pre.items():
            heads = {t[:head] for t in toks}
            for h in heads & bucket.keys():
                for p, i in bucket[h]:
                    if i not in cand and doc.has_prefix("*", p):
                        cand.add(i)
        return cand

    def match(self, doc: Document) -> list[str]:
        """Names of the topics that match ``doc``, in topic order."""
        ev, names = self._evals, self.names
        return [names[i] for i in sorted(self.candidates(doc)) if ev[i](doc)]
