"""Topic queries: a small search language that translates to SQLite FTS5.

Language (operators are upper-case, as in FTS5; ``and`` is a word)::

    Hamas                      a word (case and accents ignored: Agnes = Agnès)
    "crimes against humanity"  a phrase; \\" and \\\\ escape inside quotes
    al-Qassam  O'Brien         hyphen/apostrophe words become phrases ("al qassam")
    word*  "al qa"*            prefix (the last token of the phrase)
    a AND b   a b              AND, implicit between adjacent terms
    a OR b    a NOT b          OR, binary NOT; precedence NOT > AND > OR
    -spam                      short for "... NOT spam" inside its AND group
    NEAR(a "b c", 5)           all items within 5 tokens (default 10), one column
    title:Hamas  text:(a OR b) field scoping: title, text, author, feed, url
    ( ... )                    grouping

:func:`parse` validates and returns a frozen :class:`Query`.  ``to_fts5()`` gives
the MATCH expression for the ``items_fts(title, text)`` index and ``matches()``
is the ingest-side matcher; the two agree exactly (tests/test_query.py checks
this against SQLite with hypothesis).  Tokenization is SQLite's
``unicode61 remove_diacritics 2``: characters never seen before are classified
once by asking the linked SQLite itself, so :func:`tokens` follows the exact
library that holds the archive (ASCII is built in).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from monitor.errors import QueryError
from monitor.topics.match import Document, Eval, Matcher, _compile, _keys
from monitor.topics.tokens import tokens
from monitor.topics.tree import (
    DEFAULT_NEAR,
    FIELDS,
    FTS_FIELDS,
    MAX_CHARS,
    MAX_NEAR,
    MAX_TERMS,
    STOPWORDS,
    And,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Term,
)

# The public face of the topic language: everything callers need is here.
__all__ = [
    "And",
    "Document",
    "Matcher",
    "Near",
    "Not",
    "Or",
    "Phrase",
    "Query",
    "QueryError",
    "Term",
    "parse",
    "search",
    "search_fts5",
    "tokens",
]

# --- lexer and parser --------------------------------------------------------------

_FIELD_RE = re.compile(r"([A-Za-z_]+):")
_NEAR_RE = re.compile(r"(-?(?:[A-Za-z_]+:)?)NEAR")


@dataclass
class _Lex:
    kind: str  # WORD PHRASE ( ) , OP NEAR FIELD NEG NUM
    value: str
    pos: int  # 1-based
    prefix: bool = False


def _lex(q: str) -> Iterator[_Lex]:
    i, n, near_depth = 0, len(q), 0
    stack: list[bool] = []  # for each open "(", whether it belongs to NEAR
    while i < n:
        c = q[i]
        if c.isspace():
            i += 1
        elif c == "(":
            stack.append(False)
            yield _Lex("(", c, i + 1)
            i += 1
        elif c == ")":
            if stack and stack.pop():
                near_depth -= 1
            yield _Lex(")", c, i + 1)
            i += 1
        elif c == "," and near_depth:
            yield _Lex(",", c, i + 1)
            i += 1
        elif c == '"':
            j, buf = i + 1, []
            while j < n and q[j] != '"':
                if q[j] == "\\" and j + 1 < n:
                    j += 1
                buf.append(q[j])
                j += 1
            if j >= n:
                raise QueryError("unbalanced '\"'", i + 1)
            star = j + 1 < n and q[j + 1] == "*"
            yield _Lex("PHRASE", "".join(buf), i + 1, star)
            i = j + 1 + star
        else:
            j = i
            stop = '()" \t\n\r' + ("," if near_depth else "")
            while j < n and q[j] not in stop and not q[j].isspace():
                j += 1
            word, pos = q[i:j], i + 1
            i = j
            near = _NEAR_RE.fullmatch(word)
            if near and i < n and q[i] == "(":
                if near.group(1):  # "-NEAR(" / "title:NEAR("
                    yield from _lex_word(near.group(1), pos)
                yield _Lex("NEAR", "NEAR", i - 3)
                stack.append(True)
                near_depth += 1
                yield _Lex("(", "(", i + 1)
                i += 1
                continue
            yield from _lex_word(word, pos)


def _lex_word(word: str, pos: int) -> Iterator[_Lex]:
    if word in ("AND", "OR", "NOT"):
        yield _Lex("OP", word, pos)
        return
    if word.startswith("-"):
        if not tokens(word):  # a dash on its own ("Gaza - ceasefire") is punctuation
            return
        yield _Lex("NEG", "-", pos)
        word, pos = word[1:], pos + 1
    while m := _FIELD_RE.match(word):
        name = m.group(1)
        if name.lower() not in FIELDS:
            raise QueryError(f"unknown field '{name}:' (fields: {', '.join(FIELDS)})", pos)
        yield _Lex("FIELD", name.lower(), pos)
        word, pos = word[m.end() :], pos + m.end()
        if not word:
            return
        if word.startswith("-"):
            raise QueryError(f"put '-' before the field: -{name}:{word[1:]}", pos)
    star = word.endswith("*")
    yield _Lex("WORD", word[:-1] if star else word, pos, star)


class _Parser:
    def __init__(self, q: str) -> None:
        self.q = q
        self.warnings: list[str] = []
        self.toks: list[_Lex] = []
        for t in _lex(q):
            if t.kind in ("WORD", "PHRASE") and t.value and not tokens(t.value):
                self.warnings.append(f"ignored '{t.value}' (no searchable characters)")
                # A '-' or 'field:' that belonged to the ignored word goes with it,
                # rather than attaching itself to the next word.
                while self.toks and self.toks[-1].kind in ("NEG", "FIELD"):
                    self.toks.pop()
            else:
                self.toks.append(t)
        self.i = 0
        self.terms = 0

    def peek(self) -> _Lex | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Lex:
        t = self.toks[self.i]
        self.i += 1
        return t

    def end_pos(self) -> int:
        return len(self.q) + 1

    def parse(self) -> Node:
        node = self.or_expr()
        t = self.peek()
        if t is not None:
            if t.kind == ")":
                raise QueryError("unbalanced ')'", t.pos)
            raise QueryError(f"unexpected '{t.value}'", t.pos)
        return node

    def or_expr(self) -> Node:
        kids = [self.and_expr()]
        while (t := self.peek()) and t.kind == "OP" and t.value == "OR":
            self.take()
            kids.append(self.and_expr(after=t))
        return kids[0] if len(kids) == 1 else Or(tuple(kids))

    def and_expr(self, after: _Lex | None = None) -> Node:
        pos: list[Node] = []
        neg: list[Node] = []
        first_neg: _Lex | None = None
        while True:
            t = self.peek()
            op = None
            if t and t.kind == "OP" and t.value == "AND" and (pos or neg):
                op = self.take()
                t = self.peek()
            if t is None or t.kind in (")", "OP", ","):
                dangling = op or (after if not (pos or neg) else None)
                if dangling:
                    raise QueryError(f"dangling '{dangling.value}'", dangling.pos)
                if t is None and not (pos or neg):
                    raise QueryError("empty query", 1)
                if t is not None and not (pos or neg):
                    if t.kind == "OP":
                        raise QueryError(f"'{t.value}' needs a term before it", t.pos)
                    raise QueryError(f"unexpected '{t.value}'", t.pos)
                break
            negative = t.kind == "NEG"
            if negative:
                first_neg = first_neg or t
                self.take()
            node = self.not_expr()
            (neg if negative else pos).append(node)
        if not pos:
            assert first_neg is not None
            raise QueryError("a query needs at least one positive term", first_neg.pos)
        out = pos[0] if len(pos) == 1 else And(tuple(pos))
        if neg:
            out = Not(out, neg[0] if len(neg) == 1 else Or(tuple(neg)))
        return out

    def not_expr(self) -> Node:
        node = self.primary()
        while (t := self.peek()) and t.kind == "OP" and t.value == "NOT":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in (")", "OP", ","):
                raise QueryError("dangling 'NOT'", t.pos)
            node = Not(node, self.primary())
        return node

    def primary(self, fld: str | None = None) -> Node:
        t = self.peek()
        if t is None:
            raise QueryError("missing term", self.end_pos())
        if t.kind == "FIELD":
            self.take()
            if fld is not None and fld != t.value:
                raise QueryError(f"field '{t.value}:' inside '{fld}:'", t.pos)
            return self.primary(t.value)
        if t.kind == "(":
            self.take()
            node = self.or_expr_scoped(fld)
            close = self.peek()
            if close is None or close.kind != ")":
                raise QueryError("unbalanced '('", t.pos)
            self.take()
            return node
        if t.kind == "NEAR":
            return self.near(fld)
        if t.kind in ("WORD", "PHRASE"):
            self.take()
            return self.leaf(t, fld)
        raise QueryError(f"unexpected '{t.value}'", t.pos)

    def or_expr_scoped(self, fld: str | None) -> Node:
        node = self.or_expr()
        return node if fld is None else _scope(node, fld, self.q)

    def leaf(self, t: _Lex, fld: str | None) -> Term | Phrase:
        toks = tokens(t.value)
        if not toks:
            raise QueryError("'*' must follow a word", t.pos)
        self.terms += len(toks)
        if self.terms > MAX_TERMS:
            raise QueryError(f"too many terms (the limit is {MAX_TERMS})", t.pos)
        if t.prefix and len(toks[-1]) < 2:
            self.warnings.append(
                f"prefix '{toks[-1]}*' is very short and matches almost everything"
            )
        if len(toks) == 1:
            return Term(toks[0], t.prefix, fld)
        return Phrase(tuple(toks), t.prefix, fld)

    def near(self, fld: str | None) -> Near:
        start = self.take()
        self.take()  # "("
        items: list[Term | Phrase] = []
        dist = DEFAULT_NEAR
        while (t := self.peek()) and t.kind in ("WORD", "PHRASE"):
            self.take()
            items.append(self.leaf(t, None))
            if len(items) > MAX_NEAR:  # its cost grows with the square of the items
                raise QueryError(f"NEAR takes at most {MAX_NEAR} terms", t.pos)
        t = self.peek()
        if t is not None and t.kind == ",":
            self.take()
            num = self.peek()
            if num is None or num.kind != "WORD" or num.prefix or not num.value.isdigit():
                raise QueryError("NEAR distance must be a whole number", (num or t).pos)
            if len(num.value) > 6:  # FTS5 reads the distance as a C int: keep it sane
                raise QueryError("NEAR distance must be at most 999999", num.pos)
            dist = int(self.take().value)
            t = self.peek()
        if t is None:
            raise QueryError("unbalanced '('", start.pos + 4)
        if t.kind != ")":
            raise QueryError(f"unexpected '{t.value}' in NEAR", t.pos)
        self.take()
        if not items:
            raise QueryError("NEAR needs at least one term", start.pos)
        return Near(tuple(items), dist, fld)


def _scope(node: Node, fld: str, q: str) -> Node:
    """Push a ``field:`` applied to a group down to its leaves."""
    if isinstance(node, Term | Phrase | Near):
        if node.field not in (None, fld):
            raise QueryError(f"field '{node.field}:' inside '{fld}:'", 1)
        return replace(node, field=fld)
    if isinstance(node, Not):
        return Not(_scope(node.positive, fld, q), _scope(node.negative, fld, q))
    return type(node)(tuple(_scope(c, fld, q) for c in node.children))


def _fts_string(toks: tuple[str, ...], prefix: bool) -> str:
    s = '"' + " ".join(toks).replace('"', '""') + '"'
    return s + " *" if prefix else s


def _to_fts(node: Node) -> str:
    if isinstance(node, Term | Phrase | Near):
        if node.field is not None and node.field not in FTS_FIELDS:
            raise QueryError(f"field '{node.field}:' cannot be searched in the archive index", 1)
        col = "" if node.field is None else f"{node.field} : "
        if isinstance(node, Term):
            return col + _fts_string((node.text,), node.prefix)
        if isinstance(node, Phrase):
            return col + _fts_string(node.tokens, node.prefix)
        inner = " ".join(_to_fts(i) for i in node.items)
        return f"{col}NEAR({inner}, {node.distance})"
    if isinstance(node, Not):
        return f"({_to_fts(node.positive)} NOT {_to_fts(node.negative)})"
    op = " AND " if isinstance(node, And) else " OR "
    return "(" + op.join(_to_fts(c) for c in node.children) + ")"


@dataclass(frozen=True)
class Query:
    """A validated topic query.  Build with :func:`parse`."""

    source: str
    node: Node
    warnings: tuple[str, ...] = ()
    _eval: Eval = field(repr=False, compare=False, default=lambda d: False)

    @property
    def fts_fields_only(self) -> bool:
        """True when every field used is a column of ``items_fts``."""
        return all(f in (None, *FTS_FIELDS) for f in _fields(self.node))

    def to_fts5(self) -> str:
        """A valid FTS5 MATCH expression; QueryError for author:/feed:/url:."""
        return _to_fts(self.node)

    def matches(self, title: str, text: str, fields: Mapping[str, str] | None = None) -> bool:
        return self._eval(Document.from_texts(title, text, **(fields or {})))

    def match_doc(self, doc: Document) -> bool:
        return self._eval(doc)


def _fields(node: Node) -> Iterator[str | None]:
    if isinstance(node, Term | Phrase | Near):
        yield node.field
    elif isinstance(node, Not):
        yield from _fields(node.positive)
        yield from _fields(node.negative)
    else:
        for c in node.children:
            yield from _fields(c)


def parse(query: str) -> Query:
    """Parse and validate ``query``; raises :class:`QueryError` naming the position.

    Warnings (``Query.warnings``): a prefix shorter than 2 characters, and a query
    whose candidate keys include a stopword or a prefix under 3 characters (it
    can match on that alone, i.e. almost every item)."""
    if len(query) > MAX_CHARS:
        raise QueryError(
            f"query too long ({len(query)} characters; the limit is {MAX_CHARS})", MAX_CHARS + 1
        )
    p = _Parser(query)
    node = p.parse()
    warnings = list(p.warnings)
    keys = _keys(node)
    common = (
        sorted(t for k, t in keys[1] if t in STOPWORDS or (k == "p" and len(t) < 3)) if keys else []
    )
    if keys is None or common:
        what = ", ".join(f"'{t}'" for t in common) or "its terms"
        warnings.append(f"matches almost everything: it can match on {what} alone")
    return Query(query, node, tuple(warnings), _compile(node))


def search(query: str) -> Node | None:
    """A search box's query as a tree, the one rule for every place a visitor
    types one (Datasette's search boxes, canned queries, snippets).

    In the topic language when it parses and uses only indexed fields (as a
    topic's query would); else its plain words, every distinct word required
    (README: an invalid query "is searched as its plain words"), so that no
    character the visitor typed can reach FTS5's syntax.  A repeated word is
    searched once: an AND of one word a thousand times costs a thousand times
    one.  None when there is no word at all."""
    if query.strip():
        try:
            parsed = parse(query)
            _to_fts(parsed.node)  # author:, feed:, url: have no column in the index
            return parsed.node
        except (QueryError, RecursionError):  # RecursionError: "((((…" past Python's stack
            pass
    words = tuple(Term(word) for word in dict.fromkeys(tokens(query)))
    if not words:
        return None
    return words[0] if len(words) == 1 else And(words)


def search_fts5(query: str) -> str:
    """:func:`search` as an FTS5 MATCH expression that is always valid; one
    that matches nothing (an empty phrase) when there is no word."""
    node = search(query)
    return '""' if node is None else _to_fts(node)
