"""Searching the archive in Datasette: a Datasette plugin module of its own,
registered beside :mod:`monitor.web.plugin` by ``monitor serve``.

- Datasette's search box (``?_search=``) and every canned query call the SQL
  function ``escape_fts``; on our connections that function is
  :func:`topic_fts`, which reads the topic language (``al-Qassam``,
  ``Netanyahu -Gallant``, ``title:Amnesty``, …).  A query that is not valid
  there (a lone ``"``, a dangling ``AND``, more than 2,000 characters, …) is
  searched as its plain words (:func:`monitor.topics.query.search`), never an FTS5
  syntax error.  The same goes for every canned query that searches through
  ``topic_fts(:param)``.  ``?_searchmode=raw`` still takes raw FTS5, such as
  ``topics.fts_query``, and answers FTS5's own 400 when it is not valid.
- A search longer than :data:`MAX_SEARCH_CHARS` is refused with a 400 that
  says so (:func:`asgi_wrapper`).
- ``monitor_snippet(title, text, :q)``: snippets in linear time, for the
  "Search with snippets" query (:func:`monitor_snippet`).
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable
from typing import Any

from datasette.utils import tilde_decode
from datasette.utils.asgi import Request, Response

from monitor.topics.query import search, search_fts5
from monitor.topics.snippet import snippet
from monitor.web.plugin import hookimpl, hookimpl_last

# The longest search a visitor may type.  Above the topic language's 2,000
# characters (longer is searched as plain words) so that a pasted paragraph
# still works; below what makes a page a megabyte of echoed query, or an AND
# of thousands of words that outlasts Datasette's time limit.
MAX_SEARCH_CHARS = 10_000
# Canned-query parameters that are searched: the SQL passes them through one of these.
_SEARCH_PARAM = re.compile(r"\b(?:topic_fts|escape_fts)\(\s*:(\w+)\s*\)", re.IGNORECASE)


def topic_fts(query: object) -> str:
    """A search-box query as an FTS5 MATCH expression that is always valid
    (:func:`monitor.topics.query.search_fts5`: the topic language, else the plain
    words).  Never raises: a SQL function's exception would surface as a bare
    "user-defined function raised exception" in place of the results."""
    return search_fts5("" if query is None else str(query))


def monitor_snippet(title: object, text: object, query: object) -> str:
    """The SQL function ``monitor_snippet(title, text, :q)``: the passage
    that matched the search ``q``, its terms in [brackets], in time linear in
    the text (:mod:`monitor.topics.snippet`), where FTS5's ``snippet()`` takes
    minutes on a field full of hits and cannot be interrupted by Datasette's
    time limit.  ``''`` when neither field holds a searched word."""
    node = _search_tree(str(query or "")[:MAX_SEARCH_CHARS])
    if node is None:
        return ""
    return snippet(node, str(title or ""), str(text or ""))


# Each search row calls monitor_snippet with the same query: parse it once.
_search_tree = functools.lru_cache(maxsize=64)(search)


def _searched_inputs(datasette: Any, request: Request) -> list[str]:
    """The values of ``request`` that will be searched: ``_search`` and
    ``_search_COLUMN`` on any table, and the parameters a canned query passes
    to ``topic_fts()`` or ``escape_fts()`` (read from its SQL, so a new canned
    query is covered as it is written)."""
    args = request.args
    values = [
        value
        for key in args
        if key.startswith("_search") and key != "_searchmode"
        for value in args.getlist(key)
    ]
    parts = request.path.rstrip("/").split("/")
    if len(parts) >= 3:  # …/DATABASE/QUERY or …/DATABASE/QUERY.FORMAT
        database, last = tilde_decode(parts[-2]), parts[-1]
        queries = (datasette.metadata(database=database) or {}).get("queries") or {}
        name = last if last in queries else last.rsplit(".", 1)[0]
        canned = queries.get(name)
        sql = canned if isinstance(canned, str) else (canned or {}).get("sql") or ""
        for param in set(_SEARCH_PARAM.findall(sql)):
            values += args.getlist(param)
    return values


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[Any], Any]:
    """Refuse a search longer than :data:`MAX_SEARCH_CHARS` with a 400 that
    says so, before Datasette runs it.  Here, because a SQL function cannot
    answer a request: whatever it raises reaches the visitor as a bare
    "user-defined function raised exception"."""

    def wrap(app: Any) -> Any:
        async def guarded(scope: Any, receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("query_string"):
                request = Request(scope, receive)
                longest = max(map(len, _searched_inputs(datasette, request)), default=0)
                if longest > MAX_SEARCH_CHARS:
                    response = await _too_long(datasette, request, longest)
                    await response.asgi_send(send)
                    return
            await app(scope, receive, send)

        return guarded

    return wrap


async def _too_long(datasette: Any, request: Request, length: int) -> Response:
    """Datasette's own error page (or JSON error) for a search that is too long."""
    info = {
        "ok": False,
        "error": (
            f"This search is {length:,} characters long; the limit is"
            f" {MAX_SEARCH_CHARS:,}. Search for fewer words."
        ),
        "status": 400,
        "title": "Search too long",
    }
    if request.path.endswith(".json"):
        return Response.json(info, status=400)
    # No request: this runs outside Datasette's middleware (no CSRF token, no actor).
    html = await datasette.render_template(["400.html", "error.html"], info)
    return Response.html(html, status=400)


@hookimpl_last  # after Datasette's own, so that ours is the escape_fts that stays
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("escape_fts", 1, topic_fts, deterministic=True)
    conn.create_function("topic_fts", 1, topic_fts, deterministic=True)
    conn.create_function("monitor_snippet", 3, monitor_snippet, deterministic=True)
