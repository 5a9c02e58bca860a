"""Our Datasette plugin, registered in-process by ``monitor serve`` (see
:mod:`monitor.cli.serve`).  Pinned Datasette line: 0.65.

What it adds to plain Datasette:

- **Search in the topic language**, with linear-time snippets: a plugin
  module of its own, :mod:`monitor.web.search`.
- **A topic facet and filter on items**: ``?_topic=NAME`` keeps the items that
  matched the topic, and the facet counts the topics of the rows shown.
- **The item page**: the ``items`` row page shows the clean text as
  paragraphs, the item's matches with snippets, its sightings, its story and
  the story's other items, copies and revisions, each linked
  (``templates/row.html``).
- **Atom**: any query with ``atom_id``, ``atom_title`` and ``atom_updated``
  columns renders as ``.atom``; the canned query ``topic_feed`` uses it for a
  topic's matches.  Content is plain text, built with ElementTree.
- **Cells**: snippets show their ``[matched terms]`` highlighted, and the id
  columns of canned queries link to their rows.

Nothing from a feed is ever rendered as HTML: every value goes through Jinja's
autoescaping or :func:`markupsafe.escape`, and only absolute http(s) URLs are
ever put in an ``href``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar, cast
from urllib.parse import quote
from xml.etree import ElementTree as ET

from datasette import hookimpl as _hookimpl
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import (
    path_with_added_args,
    path_with_removed_args,
    urlsafe_components,
)
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from monitor.urls import href

F = TypeVar("F", bound=Callable[..., Any])


def hookimpl(f: F) -> F:
    return cast(F, _hookimpl(f))


def hookimpl_last(f: F) -> F:
    return cast(F, _hookimpl(trylast=True)(f))


ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_COLUMNS = frozenset({"atom_id", "atom_title", "atom_updated"})
# Characters XML 1.0 cannot carry, even escaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARK = re.compile(r"\[([^\[\]]{1,200})\]")


# -- the topic filter and facet on items ------------------------------------
@hookimpl
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    topics = request.args.getlist("_topic") if table == "items" else []
    if not topics:
        return None
    wheres, params = [], {}
    for i, topic in enumerate(topics):
        wheres.append(f"id IN (SELECT item_id FROM matches WHERE topic = :monitor_topic_{i})")
        params[f"monitor_topic_{i}"] = topic
    return FilterArguments(wheres, params, [f'matched topic "{topic}"' for topic in topics])


class TopicFacet(Facet):  # type: ignore[misc]  # Datasette is untyped
    """``facets: [{matches: topic}]``: how many of the rows shown matched each topic."""

    type = "matches"

    async def suggest(self) -> list[dict[str, Any]]:
        return []

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        if self.table != "items" or not self.get_configs():
            return [], []
        size = self.get_facet_size()
        sql = (
            "SELECT topic AS value, count(*) AS count FROM matches"
            f" WHERE item_id IN (SELECT id FROM ({self.sql}))"
            f" GROUP BY topic ORDER BY count DESC, value LIMIT {size + 1}"
        )
        from datasette.database import QueryInterrupted

        try:
            rows = await self.ds.execute(
                self.database,
                sql,
                self.params,
                truncate=False,
                custom_time_limit=self.ds.setting("facet_time_limit_ms"),
            )
        except QueryInterrupted:
            return [], ["topic"]
        chosen = set(self.request.args.getlist("_topic"))
        results = []
        for row in rows.rows[:size]:
            value = row["value"]
            if value in chosen:
                path = path_with_removed_args(self.request, {"_topic": value})
            else:
                path = path_with_added_args(self.request, {"_topic": value})
            results.append(
                {
                    "value": value,
                    "label": value,
                    "count": row["count"],
                    "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
                    "selected": value in chosen,
                }
            )
        facet = {
            "name": "topic",
            "type": self.type,
            "hideable": False,
            "toggle_url": "",
            "results": results,
            "truncated": len(rows.rows) > size,
        }
        return [facet], []


@hookimpl
def register_facet_classes() -> list[type]:
    return [TopicFacet]


# -- cells ------------------------------------------------------------------
def snippet_html(snippet: str) -> Markup:
    """A stored snippet, escaped, with its ``[matched terms]`` in ``<mark>``."""
    escaped = str(escape(snippet))
    return Markup(_MARK.sub(r"<mark>\1</mark>", escaped))


def _link(href: str, text: object) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text)


# Columns of our canned queries that hold a row id: column -> table.
_ID_COLUMNS = {
    "item_id": "items",
    "feed_id": "feeds",
    "story_id": "stories",
    "revision_id": "revisions",
    "outbox_id": "outbox",
    "match_id": "matches",
}


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Markup | None:
    if column == "snippet" and isinstance(value, str):
        return snippet_html(value)
    if table is None and column in _ID_COLUMNS and isinstance(value, int):
        return _link(datasette.urls.row(database, _ID_COLUMNS[column], str(value)), value)
    if table is None and column == "atom_feed" and isinstance(value, str) and value:
        href = datasette.urls.path(
            f"{datasette.urls.database(database)}/topic_feed.atom?topic={quote(value)}"
        )
        return _link(href, "Atom feed")
    if table == "topics" and column == "query" and isinstance(value, str):
        name = row["name"]
        items = datasette.urls.table(database, "items") + f"?_topic={quote(name)}"
        atom = datasette.urls.database(database) + f"/topic_feed.atom?topic={quote(name)}"
        return Markup('{} <br><a href="{}">matches</a> · <a href="{}">Atom feed</a>').format(
            value, items, atom
        )
    if table == "topics" and column == "fts_query" and isinstance(value, str) and value:
        href = datasette.urls.table(database, "items") + f"?_search={quote(value)}&_searchmode=raw"
        return _link(href, value)
    return None


# -- the item page ------------------------------------------------------------
async def _rows(db: Any, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    result = await db.execute(sql, list(params))
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


async def item_context(datasette: Any, database: str, item_id: int) -> dict[str, Any] | None:
    """What the item page shows beside the row itself."""
    db = datasette.get_database(database)
    found = await _rows(
        db,
        "SELECT items.*, feeds.name AS feed_name FROM items"
        " LEFT JOIN feeds ON feeds.id = items.feed_id WHERE items.id = ?",
        [item_id],
    )
    if not found:
        return None
    item = found[0]
    text = item.get("text") or ""
    item["paragraphs"] = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    item["link"] = href(item.get("url"))
    item["words"] = len(text.split())
    matches = await _rows(
        db,
        "SELECT id, topic, matched, snippet FROM matches WHERE item_id = ? ORDER BY topic",
        [item_id],
    )
    sightings = await _rows(
        db,
        "SELECT sightings.id, sightings.feed_id, feeds.name AS feed, sightings.url,"
        " sightings.first_seen, sightings.last_seen FROM sightings"
        " JOIN feeds ON feeds.id = sightings.feed_id WHERE sightings.item_id = ?"
        " ORDER BY sightings.first_seen",
        [item_id],
    )
    for s in sightings:
        s["link"] = href(s["url"])
    story = None
    siblings: list[dict[str, Any]] = []
    if item.get("story_id") is not None:
        stories = await _rows(db, "SELECT * FROM stories WHERE id = ?", [item["story_id"]])
        story = stories[0] if stories else None
        siblings = await _rows(
            db,
            "SELECT items.id, items.title, items.first_seen, items.published, items.source,"
            " items.seed_file, items.duplicate_of, feeds.name AS feed FROM items"
            " LEFT JOIN feeds ON feeds.id = items.feed_id"
            " WHERE items.story_id = ? AND items.id != ? ORDER BY items.first_seen, items.id",
            [item["story_id"], item_id],
        )
    copies = await _rows(
        db,
        "SELECT items.id, items.title, items.first_seen, items.duplicate_reason,"
        " feeds.name AS feed FROM items LEFT JOIN feeds ON feeds.id = items.feed_id"
        " WHERE items.duplicate_of = ? ORDER BY items.first_seen, items.id",
        [item_id],
    )
    original = None
    if item.get("duplicate_of") is not None:
        originals = await _rows(
            db, "SELECT id, title FROM items WHERE id = ?", [item["duplicate_of"]]
        )
        original = originals[0] if originals else None
    revisions = await _rows(
        db,
        "SELECT id, changed, summary, old_title, old_text FROM revisions"
        " WHERE item_id = ? ORDER BY changed DESC, id DESC",
        [item_id],
    )
    return {
        "item": item,
        "matches": matches,
        "sightings": sightings,
        "story": story,
        "siblings": siblings,
        "copies": copies,
        "original": original,
        "revisions": revisions,
    }


@hookimpl
def extra_template_vars(
    template: str,
    database: str | None,
    table: str | None,
    view_name: str,
    request: Any,
    datasette: Any,
) -> Any:
    if view_name != "row" or table != "items" or database is None or request is None:
        return {}

    async def inner() -> dict[str, Any]:
        pks = urlsafe_components(request.url_vars.get("pks", ""))
        if len(pks) != 1 or not str(pks[0]).isdigit():
            return {}
        return {"monitor_item": await item_context(datasette, database, int(pks[0]))}

    return inner


# Folds a table's column descriptions (29 for items) into a <details>, and puts
# each one on its column header as a tooltip.  Static: no data goes in.
_FOLD_COLUMN_DESCRIPTIONS = """
(function () {
  var dl = document.querySelector("dl.column-descriptions");
  if (!dl) return;
  var texts = {};
  dl.querySelectorAll("dt").forEach(function (dt) {
    var dd = dt.nextElementSibling;
    if (dd) texts[dt.textContent] = dd.textContent;
  });
  document.querySelectorAll("th[data-column]").forEach(function (th) {
    var text = texts[th.getAttribute("data-column")];
    if (text) th.title = text;
  });
  var details = document.createElement("details");
  details.className = "column-descriptions-fold";
  var summary = document.createElement("summary");
  summary.textContent = "What the " + Object.keys(texts).length + " columns mean";
  details.appendChild(summary);
  dl.parentNode.insertBefore(details, dl);
  details.appendChild(dl);
})();
"""


@hookimpl
def extra_body_script(view_name: str) -> str:
    return _FOLD_COLUMN_DESCRIPTIONS if view_name == "table" else ""


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters["monitor_snippet"] = snippet_html
    env.filters["monitor_safe_url"] = href
    env.filters["monitor_when"] = _when


def _when(stamp: object) -> str:
    """An ISO 8601 UTC stamp as ``2024-11-22 17:39 UTC``."""
    if not isinstance(stamp, str) or len(stamp) < 16:
        return str(stamp or "")
    return stamp[:16].replace("T", " ") + " UTC"


# -- Atom -----------------------------------------------------------------------
def _xml_text(value: object) -> str:
    return _XML_INVALID.sub("", "" if value is None else str(value))


def _rfc3339(value: object) -> str:
    """An ISO 8601 stamp as RFC 3339 (Atom's date format); now when unparsable."""
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        when = datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.isoformat(timespec="seconds")


def can_render_atom(columns: Sequence[str]) -> bool:
    return ATOM_COLUMNS.issubset(columns)


def atom_feed(
    *,
    title: str,
    feed_id: str,
    self_url: str,
    alternate: str | None,
    entries: Sequence[Mapping[str, Any]],
    item_url: Callable[[object], str] | None = None,
) -> bytes:
    """An Atom 1.0 document for rows with ``atom_*`` columns (and an optional
    ``item_id``, linked as ``related`` through ``item_url``)."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: object = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            el.text = _xml_text(text)
        return el

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "title", title)
    sub(feed, "id", feed_id)
    sub(feed, "link", rel="self", href=_xml_text(self_url))
    if alternate:
        sub(feed, "link", rel="alternate", type="text/html", href=_xml_text(alternate))
    stamps = [_rfc3339(e["atom_updated"]) for e in entries if e.get("atom_updated")]
    sub(feed, "updated", max(stamps) if stamps else _rfc3339(None))
    sub(feed, "generator", "news-monitor (Datasette)")
    for e in entries:
        entry = sub(feed, "entry")
        sub(entry, "id", e["atom_id"])
        sub(entry, "title", e["atom_title"] or "(untitled)", type="text")
        sub(entry, "updated", _rfc3339(e["atom_updated"]))
        if e.get("atom_published"):
            sub(entry, "published", _rfc3339(e["atom_published"]))
        link = href(e.get("atom_link"))
        if link:
            sub(entry, "link", rel="alternate", href=_xml_text(link))
        if item_url is not None and e.get("item_id") is not None:
            sub(entry, "link", rel="related", type="text/html", href=item_url(e["item_id"]))
        if e.get("atom_author_name"):
            author = sub(entry, "author")
            sub(author, "name", e["atom_author_name"])
        if e.get("atom_category"):
            sub(entry, "category", term=_xml_text(e["atom_category"]))
        if e.get("atom_content"):
            sub(entry, "content", e["atom_content"], type="text")
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body


def render_atom(
    datasette: Any,
    request: Any,
    columns: Sequence[str],
    rows: Sequence[Any],
    database: str,
    table: str | None,
    query_name: str | None,
) -> Response:
    if not can_render_atom(columns):
        return Response.text(
            "an Atom feed needs the columns atom_id, atom_title and atom_updated", status=400
        )
    title = f"{database}: {table or query_name or 'query'}"
    if query_name:
        queries = (datasette.metadata(database=database) or {}).get("queries") or {}
        query = queries.get(query_name) or {}
        title = query.get("feed_title") or query.get("title") or title
    topic = request.args.get("topic")
    if topic:
        title = f"{title}: {topic}"
    entries = [dict(zip(columns, row, strict=True)) for row in rows]
    alternate = None
    if query_name:
        alternate = datasette.absolute_url(
            request, datasette.urls.path(request.path.rsplit(".atom", 1)[0])
        )
        if request.query_string:
            alternate += "?" + request.query_string

    def item_url(item_id: object) -> str:
        path = datasette.urls.row(database, "items", str(item_id))
        return str(datasette.absolute_url(request, path))

    body = atom_feed(
        title=title,
        feed_id=request.url,
        self_url=request.url,
        alternate=alternate,
        entries=entries,
        item_url=item_url,
    )
    return Response(body, content_type="application/atom+xml; charset=utf-8")


@hookimpl
def register_output_renderer(datasette: Any) -> dict[str, Any]:
    return {"extension": "atom", "render": render_atom, "can_render": can_render_atom}
