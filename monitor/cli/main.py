"""The command line: ``monitor [--config PATH] COMMAND``.

This is the shell: it builds the defaults, wires config, fetcher, store and
pipeline together, and turns our errors into one clear line and an exit code.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from monitor import __version__, app
from monitor.config.load import Config, config_path, load_config
from monitor.errors import ConfigError, MonitorError
from monitor.ingest import schedule
from monitor.ingest.pipeline import PollReport, utcnow
from monitor.logfmt import FORMATS, setup_logging
from monitor.net.fetch import Fetcher
from monitor.net.redact import redact_url
from monitor.storage.store import BatchStats, Store

log = logging.getLogger("monitor")


def _interactive() -> bool:
    """Progress bars only for a person at a terminal, never in CI or logs."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def import_seeds(store: Store, directory: Path) -> BatchStats:
    if not directory.is_dir():
        log.warning("seeds directory %s does not exist; no seeds imported", directory)
        return BatchStats()
    from monitor.ingest.seeds import read_seed_dir  # the capture rules load only when needed

    read = read_seed_dir(directory)
    for problem in read.problems:
        print(f"  seed skipped: {problem}")
    return store.import_seeds(read.docs, utcnow())


def _poll(config: Config, store: Store, names: Sequence[str] | None, due_only: bool) -> PollReport:
    report = _poll_feeds(config, store, names, due_only)
    horizon = utcnow() - timedelta(seconds=config.storage.keep_fetch_log)
    store.prune_fetch_log(horizon)
    store.prune_boilerplate(horizon)
    store.prune_story_index(utcnow())
    return report


def _poll_feeds(
    config: Config, store: Store, names: Sequence[str] | None, due_only: bool
) -> PollReport:
    feeds = store.feeds_due(utcnow()) if due_only else store.feeds(names)
    if names:
        known = {f.name for f in store.feeds(names)}
        missing = [n for n in names if n not in known]
        if missing:
            raise MonitorError(f"no enabled feed is named: {', '.join(map(repr, missing))}")
    with Fetcher(app.fetch_policy(config)) as fetcher:
        poller = app.poller(config, store, fetcher)
        if not (_interactive() and len(feeds) > 1):
            return poller.poll(feeds)
        from rich.progress import Progress

        with Progress(transient=True) as progress:
            task = progress.add_task("polling feeds", total=len(feeds))
            poller.on_done = lambda _: progress.advance(task)
            return poller.poll(feeds)


def _print_report(report: PollReport) -> None:
    print(
        f"feeds: {len(report.ok)} ok, {len(report.failed)} failed;"
        f" {report.new_items} new items, {report.changed_items} changed"
    )
    for o in sorted(report.failed, key=lambda o: o.name):
        print(f"  failed: {o.name} <{redact_url(o.url)}>: {o.error}")
    if report.pages or report.pages_left:
        counts = ", ".join(f"{n} {what}" for what, n in sorted(report.pages.items()))
        left = f"; {report.pages_left} left for the next poll" if report.pages_left else ""
        print(f"article pages: {sum(report.pages.values())} ({counts}){left}")


def cmd_run(config: Config, args: argparse.Namespace) -> int:
    with app.open_store(config, lock=True) as store:
        seeds = import_seeds(store, Path(config.storage.seeds))
        print(f"database: {config.storage.database}")
        print(f"seeds: {seeds.seen} records ({seeds.new} new, {seeds.changed} updated)")
        if not args.once:
            from monitor.notify.deliver import Deliverer
            from monitor.worker import run_forever

            # Each tick runs on the scheduler's thread with its own connection
            # (SQLite connections stay on their thread); the lock stays with `run`.
            # The delivery loop runs beside it, one thread per channel.
            return run_forever(
                store,
                lambda: app.open_store(config),
                lambda s: _service_tick(config, s),
                background=[Deliverer(config, utcnow)],
            )
        report = _poll(config, store, None, True)
        _print_report(report)
        by_topic = store.db.execute(
            "SELECT topic, count(*) FROM matches JOIN topics ON topics.name = matches.topic"
            " WHERE topics.active = 1 GROUP BY topic ORDER BY topic"
        ).fetchall()
        counts = ", ".join(f"{topic} {n}" for topic, n in by_topic) or "none"
        print(f"matches: {seeds.matched + report.matched} new; in the archive: {counts}")
        if config.webhooks or config.notify or config.digests or config.email.operator:
            # One pass for cron-driven setups; `monitor run` delivers continuously.
            from monitor.notify.deliver import Deliverer

            sent = Deliverer(config, utcnow).drain()
            done = sum(r.delivered for r in sent.values())
            waiting = sum(r.retried for r in sent.values())
            print(f"notifications: {done} delivered, {waiting} to retry (see `monitor deliver`)")
        name = Path(config.storage.database).stem
        print(f"browse: monitor serve (or: make serve), then open http://127.0.0.1:8001/{name}")
        return 0


def _service_tick(config: Config, store: Store) -> PollReport:
    """One tick of `monitor run`: the due feeds, then the due digests (queued in
    the outbox; the delivery loop sends them)."""
    from monitor.notify.digest.run import run_due_digests

    report = _poll(config, store, None, True)
    for line in run_due_digests(store, config, utcnow()):
        log.info("event=digest %s", line)
    return report


def cmd_poll(config: Config, args: argparse.Namespace) -> int:
    with app.open_store(config, lock=True) as store:
        _print_report(_poll(config, store, args.names or None, False))
    return 0


def cmd_seeds_import(config: Config, args: argparse.Namespace) -> int:
    with app.open_store(config) as store:
        directory = Path(args.dir or config.storage.seeds)
        if not directory.is_dir():
            raise MonitorError(f"{directory} is not a directory")
        stats = import_seeds(store, directory)
        print(
            f"seeds: {stats.seen} records from {directory}"
            f" ({stats.new} new, {stats.changed} updated)"
        )
    return 0


def cmd_import_text(config: Config, args: argparse.Namespace) -> int:
    """Plain-text captures (text copied out of a browser) -> seed items,
    through the same chrome rules as the seeds."""
    from monitor.ingest.seeds import read_seed_files

    # Keyed by the resolved path: two files named alike in different folders
    # are different captures, and re-importing an edited file updates it.
    read = read_seed_files([Path(f).resolve() for f in args.files], full_path=True)
    for problem in read.problems:
        print(f"  skipped: {problem}")
    with app.open_store(config) as store:
        stats = store.import_seeds(read.docs, utcnow())
    print(
        f"imported: {stats.seen} records from {len(args.files)} file(s)"
        f" ({stats.new} new, {stats.changed} updated)"
    )
    return 0 if read.docs or not read.problems else 1


def cmd_check(config: Config, args: argparse.Namespace) -> int:
    from monitor.topics.query import parse

    for i, topic in enumerate(config.topics):
        for warning in parse(topic.query).warnings:
            print(f"warning: topics[{i}] {topic.name!r}: {warning}")
    print(
        f"{args.config_path}: OK ({len(config.feeds)} feeds, {len(config.topics)} topics,"
        f" database {config.storage.database})"
    )
    return 0


def cmd_status(config: Config, args: argparse.Namespace) -> int:
    from monitor.storage.health import check_heartbeat

    now = utcnow()
    if args.check:  # for a container health check or a monitoring probe
        if not Path(config.storage.database).exists():
            print(f"FAIL: no database at {config.storage.database}: the service never ran")
            return 1
        store = app.connect(config)
        try:
            ok, line = check_heartbeat(store.worker(), now, config.service.heartbeat_stale)
        finally:
            store.close()
        print(f"{'OK' if ok else 'FAIL'}: {line}")
        return 0 if ok else 1
    with app.open_store(config) as store:
        rows = store.feed_status()
        worker = store.worker()
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    def short(stamp: str | None) -> str:
        return stamp[:16].replace("T", " ") if stamp else "-"

    table = Table(title="feeds (times in UTC)", show_lines=False)
    for col in (
        "feed",
        "health",
        "items",
        "interval",
        "last success",
        "failing since",
        "next poll",
        "last error",
    ):
        table.add_column(col)
    unhealthy = []
    for r in rows:
        since = r["failing_since"]
        failing_for = (now - datetime.fromisoformat(since)).total_seconds() if since else 0.0
        style = ""
        if not r["enabled"]:
            health = "disabled"
        elif r["paused_reason"]:
            health, style = "paused", "yellow"
        elif r["consecutive_failures"]:
            health, style = f"failing ×{r['consecutive_failures']}", "yellow"
        elif r["last_success"]:
            health = "ok" + (" (malformed)" if r["malformed"] else "")
        else:
            health = "never polled"
        if r["enabled"] and since and failing_for >= config.service.unhealthy_after:
            health, style = f"UNHEALTHY {health}", "bold red"
            unhealthy.append(f"{r['name']} (since {short(since)})")
        interval = r["effective_interval"] or r["interval_seconds"]
        table.add_row(
            Text(r["name"]),
            Text(health, style=style),
            str(r["items"]),
            schedule.format_duration(interval) if interval else "-",
            short(r["last_success"]),
            short(since),
            short(r["next_poll"]),
            Text(r["paused_reason"] or r["last_error"] or ""),
        )
    console = Console(width=160 if not sys.stdout.isatty() else None)
    console.print(table)
    print(f"service: {check_heartbeat(worker, now, config.service.heartbeat_stale)[1]}")
    if unhealthy:
        after = schedule.format_duration(config.service.unhealthy_after)
        names = ", ".join(unhealthy)
        print(f"unhealthy: {len(unhealthy)} feed(s) failing for over {after}: {names}")
    return 0


def cmd_export_opml(config: Config, args: argparse.Namespace) -> int:
    from monitor.config.opml import Subscription, export_opml

    sys.stdout.write(export_opml(Subscription(f.name, f.url) for f in config.feeds))
    return 0


def cmd_import_opml(config: Config, args: argparse.Namespace) -> int:
    from monitor.config.opml import parse_opml, to_toml
    from monitor.urls import feed_identity

    try:
        data = Path(args.file).read_bytes()
    except OSError as e:
        raise MonitorError(f"cannot read {args.file}: {e.strerror or e}") from e
    known = {feed_identity(f.url) for f in config.feeds}
    subs = [s for s in parse_opml(data) if feed_identity(s.url) not in known]
    sys.stdout.write(f"# {len(subs)} new feed(s) from {args.file}; add to {args.config_path}\n")
    sys.stdout.write(to_toml(subs))
    return 0


def _add_log_format(parser: argparse.ArgumentParser, default: str | None) -> None:
    parser.add_argument(
        "--log-format",
        choices=FORMATS,
        default=default,
        help="log lines as key=value pairs or JSON (default: $MONITOR_LOG_FORMAT, else kv)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="monitor",
        description="news-monitor: poll news feeds, keep clean text, record it all in SQLite.",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="config file (default: $MONITOR_CONFIG, else config/monitor.toml)",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log more (-vv: debug)")
    _add_log_format(parser, None)
    parser.add_argument("--version", action="version", version=f"news-monitor {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("run", help="import seeds, then poll feeds as they fall due")
    p.add_argument("--once", action="store_true", help="poll every due feed once, then exit")
    _add_log_format(p, argparse.SUPPRESS)  # `monitor run --log-format json` works too
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("poll", help="poll feeds now, regardless of schedule")
    p.add_argument("names", nargs="*", metavar="FEED_NAME", help="feeds to poll (default: all)")
    p.set_defaults(func=cmd_poll)

    seeds = sub.add_parser("seeds", help="seed documents").add_subparsers(
        dest="seeds_command", required=True, metavar="SUBCOMMAND"
    )
    p = seeds.add_parser("import", help="import plain-text captures as seed items (idempotent)")
    p.add_argument("dir", nargs="?", help="directory of .txt captures (default: [storage] seeds)")
    p.set_defaults(func=cmd_seeds_import)

    p = sub.add_parser(
        "import-text", help="import plain-text page captures as items (like the seeds)"
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="text files copied out of a browser")
    p.set_defaults(func=cmd_import_text)

    from monitor.cli.topics import add_parsers

    add_parsers(sub)

    from monitor.cli.deliver import add_parsers as add_deliver

    add_deliver(sub)

    from monitor.cli.digest import add_digest_parser

    add_digest_parser(sub)

    from monitor.cli.serve import add_parsers as add_serve

    add_serve(sub)

    p = sub.add_parser("check", help="validate the config file")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("status", help="a table of feeds and their health")
    p.add_argument(
        "--check",
        action="store_true",
        help="exit 0 if the service's heartbeat is fresh, else 1, printing one line why",
    )
    p.set_defaults(func=cmd_status)

    feeds = sub.add_parser("feeds", help="move subscriptions in and out").add_subparsers(
        dest="feeds_command", required=True, metavar="SUBCOMMAND"
    )
    p = feeds.add_parser("export-opml", help="print the configured feeds as OPML")
    p.set_defaults(func=cmd_export_opml)
    p = feeds.add_parser("import-opml", help="print the [[feeds]] TOML for an OPML file's feeds")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_import_opml)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    verbosity = args.verbose
    if args.command == "run" and not getattr(args, "once", False):
        verbosity = max(verbosity, 1)  # the service always logs its events
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbosity, 2)]
    log_format = args.log_format or os.environ.get("MONITOR_LOG_FORMAT") or "kv"
    if log_format not in FORMATS:
        print(
            f"error: MONITOR_LOG_FORMAT={log_format!r}: use {' or '.join(FORMATS)}",
            file=sys.stderr,
        )
        return 2
    setup_logging(log_format, level)
    args.config_path = config_path(args.config)
    try:
        config = load_config(args.config_path)
        return int(args.func(config, args))
    except ConfigError as e:
        print(f"config error: {e}", file=sys.stderr)
        return 2
    except MonitorError as e:
        print(f"error: {e}", file=sys.stderr)
        if e.hint:
            print(f"hint: {e.hint}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
