"""The composition root: the one place that turns the configuration into the
objects that do the work (the store, the fetcher, the poller with its page
and schedule settings).  The command line, the service's ticks, the delivery
threads and the heartbeat get them from here; nothing else builds defaults
from the config."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from monitor.config.load import Config
from monitor.ingest import schedule
from monitor.ingest.pages import PageSettings
from monitor.ingest.pipeline import Poller, utcnow
from monitor.net.fetch import Fetcher, FetchPolicy
from monitor.storage.store import FeedSpec, Store, StoreSettings
from monitor.storage.topics import TopicSpec

__all__ = [
    "connect",
    "feed_specs",
    "fetch_policy",
    "open_store",
    "page_settings",
    "poller",
    "scheduling",
    "store_settings",
]


def store_settings(config: Config) -> StoreSettings:
    return StoreSettings(
        stories=config.dedupe.params(),
        browse_url=config.service.browse_url,
        unhealthy_after=config.service.unhealthy_after,
    )


def connect(config: Config) -> Store:
    """A connection to the configured database with its settings, nothing
    synced: for a thread of its own (a tick, the heartbeat, a delivery
    thread) or a probe (``status --check``)."""
    return Store(Path(config.storage.database), store_settings(config))


def feed_specs(config: Config) -> list[FeedSpec]:
    return [
        FeedSpec(
            f.name,
            f.url,
            config.feed_interval(f),
            f.enabled,
            fulltext=config.feed_fulltext(f),
            keep_html=config.feed_keep_html(f),
            content_selector=f.content_selector,
        )
        for f in config.feeds
    ]


@contextmanager
def open_store(
    config: Config, *, lock: bool = False, mirror_topics: bool = True
) -> Iterator[Store]:
    """The database, ready for a command.  With ``lock``: the worker lock is
    held (one polling process per database) and the ``feeds`` and
    ``channels`` tables are synced from the config.  Only the lock holder
    syncs, so a command run with an edited config never fights a running
    service over which feeds or channels exist."""
    from monitor.notify.deliver import channel_specs

    store = connect(config)
    try:
        if lock:
            store.lock()
            store.sync_channels(channel_specs(config), utcnow())
            store.sync_feeds(feed_specs(config), utcnow())
        # Every command that writes items tags them, so topics are always set;
        # the lock holder also mirrors them, re-matching the archive on a change.
        topics = [TopicSpec(t.name, t.query, t.description, t.feeds) for t in config.topics]
        store.set_topics(topics, utcnow(), mirror=lock and mirror_topics)
        yield store
    finally:
        store.close()


def fetch_policy(config: Config) -> FetchPolicy:
    h = config.http
    return FetchPolicy(
        user_agent=h.user_agent,
        connect_timeout=h.connect_timeout,
        read_timeout=h.read_timeout,
        deadline=h.deadline,
        max_bytes=h.max_bytes,
        per_host=h.per_host,
        min_gap=h.min_gap,
        allow_private=tuple(h.allow_private),
        max_connections=h.max_connections,
    )


def scheduling(config: Config) -> schedule.Policy:
    """How intervals adapt: ``[defaults]``, except feeds with their own interval."""
    d = config.defaults
    return schedule.Policy(
        adaptive=d.adaptive,
        min_interval=d.min_interval,
        max_interval=d.max_interval,
        fixed=frozenset(f.name for f in config.feeds if f.interval is not None),
    )


def page_settings(config: Config) -> PageSettings:
    x = config.extract
    return PageSettings(
        concurrency=x.page_concurrency,
        max_per_poll=x.max_pages_per_poll,
        timeout=x.timeout,
        memory_mb=x.memory // 1024**2,
        workers=x.workers,
        budget=x.page_budget,
    )


def poller(config: Config, store: Store, fetcher: Fetcher) -> Poller:
    return Poller(
        store,
        fetcher,
        max_connections=config.http.max_connections,
        parse_workers=config.ingest.workers,
        scheduling=scheduling(config),
        pages=page_settings(config),
    )
