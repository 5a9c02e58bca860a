"""The topic query tree: constants, the error type and the AST nodes (a leaf)."""

from __future__ import annotations

from dataclasses import dataclass

FIELDS = ("title", "text", "author", "feed", "url")
FTS_FIELDS = ("title", "text")
MAX_CHARS = 2000
MAX_TERMS = 1000
MAX_NEAR = 16  # terms in one NEAR group
DEFAULT_NEAR = 10
# Tokens so common that a topic that can match on one of them alone is a mistake.
_STOP = (
    "a an and are as at be by for from has he in is it its of on or that the to was were will"
    " with le la les de des et el los y der die das und"
)
STOPWORDS = frozenset(_STOP.split())


# --- AST -------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One token (already folded); ``prefix`` for ``word*``."""

    text: str
    prefix: bool = False
    field: str | None = None


@dataclass(frozen=True)
class Phrase:
    """Consecutive tokens; with ``prefix`` the last one is a prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False
    field: str | None = None


@dataclass(frozen=True)
class Near:
    items: tuple[Term | Phrase, ...]
    distance: int = DEFAULT_NEAR
    field: str | None = None


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """``positive NOT negative`` (FTS5's binary NOT)."""

    positive: Node
    negative: Node


Node = Term | Phrase | Near | And | Or | Not
