"""Loading and validating ``config/monitor.toml``.

The file is read with :mod:`tomllib` and validated with pydantic models that
forbid unknown keys.  Every problem is collected and reported at once as
``dotted.path: reason`` (for example ``feeds[2].url: ...``), so a user fixes
the whole file in one pass.  Relative paths in ``[storage]`` resolve against
the directory the command runs from.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from monitor.config.notify import (
    DigestConfig,
    EmailConfig,
    NotifyConfig,
    ServiceConfig,
    WebhookConfig,
)
from monitor.config.units import Duration, Size, parse_duration, parse_size
from monitor.dedupe.stories import StoryParams
from monitor.errors import ConfigError
from monitor.net import guard as netguard
from monitor.net.redact import redact_url
from monitor.urls import feed_identity

__all__ = ["Config", "ConfigError", "Duration", "Size", "parse_duration", "parse_size"]

DEFAULT_CONFIG = "config/monitor.toml"
USER_AGENT = "news-monitor/0.1 (+https://github.com/news-monitor/news-monitor)"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StorageConfig(_Strict):
    # The SQLite archive.  Relative paths resolve against the working directory.
    database: str = "storage/monitor.db"
    # Plain-text captures imported as seed items into every fresh database.
    seeds: str = "storage/seeds"
    # How long rows of the `fetches` poll log are kept (items are never pruned).
    keep_fetch_log: Duration = Field(30 * 86400.0, ge=86400, le=3650 * 86400)


class HttpConfig(_Strict):
    # Sent with every request, so that publishers can identify and reach us.
    user_agent: str = USER_AGENT
    # host:port or CIDR entries exempt from the private-address (SSRF) block.
    allow_private: tuple[str, ...] = ()
    # Concurrent requests to one host, and the gap between request starts to it.
    per_host: int = Field(2, ge=1, le=16)
    min_gap: Duration = Field(0.25, ge=0, le=60)
    # Requests in flight across all hosts.
    max_connections: int = Field(32, ge=1, le=512)
    connect_timeout: Duration = Field(10.0, gt=0, le=300)
    read_timeout: Duration = Field(30.0, gt=0, le=600)
    # Overall budget for one request, redirects and body included.
    deadline: Duration = Field(60.0, gt=0, le=1800)
    # Cap on a decoded response body.
    max_bytes: Size = Field(10_000_000, ge=1024, le=1_000_000_000)

    @field_validator("allow_private")
    @classmethod
    def _check_allow(cls, entries: tuple[str, ...]) -> tuple[str, ...]:
        for entry in entries:
            try:
                ipaddress.ip_network(entry, strict=False)
                continue
            except ValueError:
                pass
            host, sep, port = entry.rpartition(":")
            if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
                raise ValueError(f"{entry!r} is neither host:port nor a CIDR network")
        return entries


class IngestConfig(_Strict):
    # Processes that parse feeds in parallel; 0 means one per CPU core.
    workers: int = Field(0, ge=0, le=64)


class FeedDefaults(_Strict):
    # How often a feed is polled unless it sets its own interval; with
    # `adaptive`, only until its entry frequency is known.
    interval: Duration = Field(900.0, ge=60, le=7 * 86400)
    # Poll busy feeds more often and quiet ones less (Miniflux's "entry
    # frequency"), within [min_interval, max_interval].
    adaptive: bool = True
    min_interval: Duration = Field(300.0, ge=60, le=86400)
    max_interval: Duration = Field(86400.0, ge=300, le=7 * 86400)
    # Fetch each new item's page and keep its article text.
    fulltext: bool = True
    # Store each fetched page's HTML, compressed, with its fetch time and hash.
    keep_html: bool = False


class ExtractConfig(_Strict):
    # Wall-time and memory limits for extracting one page (a worker process is
    # killed and replaced when it runs over; the item keeps the feed's text).
    timeout: Duration = Field(10.0, gt=0, le=300)
    memory: Size = Field(512 * 1024**2, ge=64 * 1024**2, le=16 * 1024**3)
    # Extraction processes; 0 means one per CPU core.
    workers: int = Field(0, ge=0, le=64)
    # Article pages fetched at a time (the per-host limit still applies).
    page_concurrency: int = Field(8, ge=1, le=128)
    # Pages queued per poll; the rest wait for the next poll, oldest first.
    max_pages_per_poll: int = Field(500, ge=1, le=100_000)
    # How long a poll keeps fetching pages once its feeds are done; pages not
    # started by then wait for the next poll, so pages never hold up polling.
    page_budget: Duration = Field(120.0, ge=0, le=3600)


class DedupeConfig(_Strict):
    # Near-duplicate stories (layer 4) and same-site republications (layer 5).
    stories: bool = True
    # Shingle-set Jaccard similarity two texts need to be one story.
    threshold: float = Field(0.5, ge=0.3, le=0.95)
    # Texts with fewer words of prose than this never join a story.
    min_words: int = Field(50, ge=20, le=5000)
    # Only texts published within this time of each other form a story.
    window: Duration = Field(14 * 86400.0, ge=86400, le=365 * 86400)
    # The same title from the same site within this time proposes a republication.
    title_window: Duration = Field(7 * 86400.0, ge=3600, le=90 * 86400)

    def params(self) -> StoryParams:
        return StoryParams(
            enabled=self.stories,
            threshold=self.threshold,
            min_words=self.min_words,
            window=self.window,
            title_window=self.title_window,
        )


class FeedConfig(_Strict):
    # Shown in logs, the database and digests; must be unique.
    name: str = Field(min_length=1, max_length=200)
    # The feed's http(s) URL.
    url: str
    # Overrides [defaults] interval for this feed.
    interval: Duration | None = Field(None, ge=60, le=7 * 86400)
    # Set to false to keep the feed configured but not polled.
    enabled: bool = True
    # Override [defaults] fulltext / keep_html for this feed.
    fulltext: bool | None = None
    keep_html: bool | None = None
    # CSS selector of the article body on this feed's pages, for sites where the
    # generic extractor fails (like Miniflux's and FreshRSS's per-feed rules).
    content_selector: str | None = None

    @field_validator("content_selector")
    @classmethod
    def _check_selector(cls, selector: str | None) -> str | None:
        if selector is None:
            return None
        import soupsieve

        try:
            soupsieve.compile(selector)
        except Exception as e:  # soupsieve.SelectorSyntaxError and friends
            first = str(e).splitlines()[0] if str(e) else type(e).__name__
            raise ValueError(f"invalid CSS selector {selector!r}: {first}") from e
        return selector

    @field_validator("name")
    @classmethod
    def _check_name(cls, name: str) -> str:
        if name != name.strip() or any(ord(c) < 32 for c in name):
            raise ValueError("name has leading/trailing spaces or control characters")
        return name

    @field_validator("url")
    @classmethod
    def _check_url(cls, url: str) -> str:
        shown = redact_url(url)
        if url != url.strip() or any(c.isspace() for c in url):
            raise ValueError(f"{shown!r} contains spaces")
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            what = f"scheme {parts.scheme!r}" if parts.scheme else "no scheme"
            raise ValueError(f"{shown!r} has {what}; only http:// and https:// feeds are polled")
        if not parts.hostname:
            raise ValueError(f"{shown!r} has no host")
        if parts.username is not None or parts.password is not None:
            raise ValueError(
                f"{shown!r} contains credentials; put secrets in the environment, not the URL"
            )
        return url


_TOPIC_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class TopicConfig(_Strict):
    # Stable identifier used in URLs and digests: lower case, digits, . _ -
    name: str
    # The query, in the topic language (README "Watched topics"); checked at load.
    query: str = Field(min_length=1)
    description: str = ""
    # Restrict the topic to these feed names (default: all feeds).
    feeds: tuple[str, ...] = ()

    @field_validator("name")
    @classmethod
    def _check_name(cls, name: str) -> str:
        if not _TOPIC_NAME.fullmatch(name):
            raise ValueError(f"{name!r}: use lower-case letters, digits, '.', '_' and '-'")
        return name

    @field_validator("query")
    @classmethod
    def _check_query(cls, query: str) -> str:
        from monitor.topics.query import QueryError, parse

        try:
            parse(query)
        except QueryError as e:
            raise ValueError(str(e)) from e
        return query


class Config(_Strict):
    storage: StorageConfig = StorageConfig()
    http: HttpConfig = HttpConfig()
    ingest: IngestConfig = IngestConfig()
    defaults: FeedDefaults = FeedDefaults()
    extract: ExtractConfig = ExtractConfig()
    dedupe: DedupeConfig = DedupeConfig()
    service: ServiceConfig = ServiceConfig()
    email: EmailConfig = EmailConfig()
    webhooks: tuple[WebhookConfig, ...] = ()
    digests: tuple[DigestConfig, ...] = ()
    notify: tuple[NotifyConfig, ...] = ()
    feeds: tuple[FeedConfig, ...] = ()
    topics: tuple[TopicConfig, ...] = ()

    def feed_interval(self, feed: FeedConfig) -> float:
        return feed.interval if feed.interval is not None else self.defaults.interval

    def feed_fulltext(self, feed: FeedConfig) -> bool:
        return feed.fulltext if feed.fulltext is not None else self.defaults.fulltext

    def feed_keep_html(self, feed: FeedConfig) -> bool:
        return feed.keep_html if feed.keep_html is not None else self.defaults.keep_html


def _loc(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _problems(err: ValidationError) -> list[str]:
    problems = []
    for e in err.errors():
        msg = str(e["msg"]).removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            msg = "unknown key"
        path = _loc(e["loc"])
        if not path:  # whole-model checks put one problem per line
            problems.extend(msg.splitlines())
        else:
            problems.append(f"{path}: {msg}")
    return problems


def config_path(cli_value: str | None) -> Path:
    """--config beats $MONITOR_CONFIG beats config/monitor.toml."""
    return Path(cli_value or os.environ.get("MONITOR_CONFIG") or DEFAULT_CONFIG)


def _cross_checks(data: dict[str, Any]) -> list[str]:
    """Checks that span entries, run on the raw data so that they are reported
    together with the per-field problems."""
    problems = []
    feeds = [f for f in data.get("feeds", ()) if isinstance(f, dict)]
    seen_names: dict[str, int] = {}
    seen_urls: dict[str, int] = {}
    for i, feed in enumerate(feeds):
        name, url = feed.get("name"), feed.get("url")
        if isinstance(name, str):
            if name in seen_names:
                problems.append(f"feeds[{i}].name: {name!r} repeats feeds[{seen_names[name]}]")
            seen_names.setdefault(name, i)
        if isinstance(url, str):
            ident = feed_identity(url)
            if ident in seen_urls:
                problems.append(
                    f"feeds[{i}].url: same feed as feeds[{seen_urls[ident]}] "
                    "(differs only in case, trailing slash or tracking parameters)"
                )
            seen_urls.setdefault(ident, i)
    topic_names: set[str] = set()
    for i, topic in enumerate(t for t in data.get("topics", ()) if isinstance(t, dict)):
        name = topic.get("name")
        if isinstance(name, str):
            if name in topic_names:
                problems.append(f"topics[{i}].name: {name!r} is used twice")
            topic_names.add(name)
        for feed_name in topic.get("feeds", ()) if isinstance(topic.get("feeds"), list) else ():
            if feed_name not in seen_names:
                problems.append(f"topics[{i}].feeds: no feed is named {feed_name!r}")
    http = data.get("http") if isinstance(data.get("http"), dict) else {}
    allowed = http.get("allow_private", []) if isinstance(http, dict) else []
    for i, hook in enumerate(w for w in data.get("webhooks", ()) if isinstance(w, dict)):
        url = hook.get("url")
        if isinstance(url, str) and isinstance(allowed, list):
            parts = urlsplit(url)
            try:
                port = parts.port or (443 if parts.scheme == "https" else 80)
                why = netguard.literal_private(parts.hostname or "", port, allowed)
            except ValueError:  # a bad port or allow_private entry: reported elsewhere
                why = None
            if why:
                problems.append(f"webhooks[{i}].url: {why}")
    channels: dict[str, str] = {}
    for section in ("webhooks", "digests", "notify"):
        entries = data.get(section, ())
        for i, entry in enumerate(e for e in entries if isinstance(e, dict)):
            name = entry.get("name")
            if isinstance(name, str):
                if name in channels:
                    problems.append(f"{section}[{i}].name: {name!r} is used by {channels[name]}")
                channels.setdefault(name, f"{section}[{i}]")
            topics = entry.get("topics", ())
            for topic in topics if isinstance(topics, list) else ():
                if topic not in topic_names:
                    problems.append(f"{section}[{i}].topics: no topic is named {topic!r}")
    return problems


def parse_config(data: dict[str, Any], source: str = "<config>") -> Config:
    problems: list[str] = []
    config = None
    try:
        config = Config.model_validate(data)
    except ValidationError as e:
        problems = _problems(e)
    problems += _cross_checks(data)
    if problems or config is None:
        raise ConfigError(source, problems)
    return config


def load_config(path: Path) -> Config:
    """Read and validate a config file; raises :class:`ConfigError` listing every problem."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ConfigError(str(path), [f"cannot read the file: {e.strerror or e}"]) from e
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ConfigError(str(path), [f"not UTF-8 text (byte {e.start})"]) from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(str(path), [f"TOML syntax: {e}"]) from e
    return parse_config(data, str(path))
