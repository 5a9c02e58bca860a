"""``monitor serve``: browse and search the archive in Datasette.

Datasette (the pinned 0.65 line) runs in this process, through its own
``serve`` command, with:

- our metadata (``datasette/metadata.yml`` beside the config file, or
  ``--metadata``): titles and descriptions, sorts, facets, search, hidden
  tables and the canned queries;
- our plugins (:mod:`monitor.web.plugin`, :mod:`monitor.web.search`) and templates
  (``monitor/web/templates``): topic-language search, the topic facet,
  the item page and Atom feeds.

The database appears under its file name (``/monitor`` for ``monitor.db``).
``--public`` is the exposed mode: no arbitrary SQL, no database download and no
CSV streaming; the canned queries, search, facets and Atom feeds stay.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from monitor.config.load import Config
from monitor.errors import MonitorError

TEMPLATES = Path(__file__).parents[1] / "web" / "templates"
METADATA_KEY = "monitor"  # the database name metadata.yml is written for
DEFAULT_PORT = 8001

# Always: long texts are cut in table views (an item's page shows it all), and
# the facets are the ones metadata.yml chose (suggestions of content_html help nobody).
SETTINGS: tuple[tuple[str, str], ...] = (
    ("truncate_cells_html", "160"),
    ("suggest_facets", "off"),
)
# --public: nothing beyond what the pages and canned queries show.
PUBLIC_SETTINGS: tuple[tuple[str, str], ...] = (
    ("default_allow_sql", "off"),
    ("allow_download", "off"),
    ("allow_csv_stream", "off"),
)


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "serve", help="browse and search the archive in Datasette (http://127.0.0.1:8001/)"
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for all)",
    )
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    p.add_argument(
        "--public",
        action="store_true",
        help="exposed mode: arbitrary SQL, database download and CSV streaming off",
    )
    p.add_argument(
        "--metadata",
        metavar="PATH",
        help="Datasette metadata file (default: datasette/metadata.yml beside the config file)",
    )
    p.set_defaults(func=cmd_serve)


def metadata_path(config_path: Path, given: str | None) -> Path:
    path = Path(given) if given else Path(config_path).parent / "datasette" / "metadata.yml"
    if not path.is_file():
        raise MonitorError(
            f"no Datasette metadata at {path}",
            hint="pass --metadata PATH, or keep config/datasette/metadata.yml beside the config",
        )
    return path


def metadata_for(database: Path, metadata: Path, workdir: Path) -> Path:
    """The metadata file to give Datasette: ``metadata`` itself when the
    database is named ``monitor.db``, else a copy (in ``workdir``) with its
    database section re-keyed to the file's name, the name Datasette serves it under."""
    if database.stem == METADATA_KEY:
        return metadata
    from datasette.utils import parse_metadata

    data = parse_metadata(metadata.read_text(encoding="utf-8"))
    databases = data.get("databases") or {}
    if METADATA_KEY in databases:
        databases[database.stem] = databases.pop(METADATA_KEY)
    copy = workdir / "metadata.json"
    copy.write_text(json.dumps(data), encoding="utf-8")
    return copy


def datasette_argv(
    database: Path,
    metadata: Path,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    public: bool = False,
) -> list[str]:
    """The arguments of ``datasette serve`` that ``monitor serve`` runs."""
    argv = [
        str(database),
        "--metadata",
        str(metadata),
        "--template-dir",
        str(TEMPLATES),
        "--host",
        host,
        "--port",
        str(port),
    ]
    for name, value in SETTINGS + (PUBLIC_SETTINGS if public else ()):
        argv += ["--setting", name, value]
    return argv


def register_plugin() -> None:
    """Our hooks, registered with Datasette's plugin manager in this process."""
    from datasette.plugins import pm

    from monitor.web import plugin as datasette_plugin
    from monitor.web import search as datasette_search

    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name="news-monitor")
    if not pm.is_registered(datasette_search):
        pm.register(datasette_search, name="news-monitor-search")


def build_datasette(argv: Sequence[str]) -> Any:
    """The Datasette instance ``datasette serve ARGV`` makes, without serving
    it (for tests: the same options, metadata, plugin and templates)."""
    from datasette.cli import serve

    register_plugin()
    with serve.make_context("serve", list(argv)) as ctx:
        return serve.callback(**ctx.params, return_instance=True)


def cmd_serve(config: Config, args: argparse.Namespace) -> int:
    import click

    from monitor.storage.store import Store

    database = Path(config.storage.database)
    Store(database).close()  # the schema is current before Datasette reads it
    metadata = metadata_path(Path(args.config_path), args.metadata)
    register_plugin()
    from datasette.cli import serve

    with tempfile.TemporaryDirectory(prefix="monitor-serve-") as tmp:
        argv = datasette_argv(
            database,
            metadata_for(database, metadata, Path(tmp)),
            host=args.host,
            port=args.port,
            public=args.public,
        )
        mode = "public mode: no SQL, downloads or CSV streaming" if args.public else "local"
        print(f"serving {database} at http://{args.host}:{args.port}/{database.stem} ({mode})")
        try:
            serve.main(args=argv, prog_name="monitor serve", standalone_mode=False)
        except click.ClickException as e:
            raise MonitorError(f"datasette: {e.format_message()}") from e
    return 0
