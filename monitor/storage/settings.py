"""What the store takes from the config, given when it is opened
(:func:`monitor.app.store_settings`).  Its own module so that every table
group's code can read it without importing the store."""

from __future__ import annotations

from dataclasses import dataclass, field

from monitor.dedupe.stories import StoryParams

__all__ = ["StoreSettings"]


@dataclass(frozen=True)
class StoreSettings:
    """The store's settings; the defaults are the config's."""

    stories: StoryParams = field(default_factory=StoryParams)
    # Where webhook payloads and digests link an item ("browse").
    browse_url: str = "http://127.0.0.1:8001/monitor"
    # A feed failing this long is reported once (service.unhealthy_after), seconds.
    unhealthy_after: float = 86400.0
