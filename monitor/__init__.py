"""news-monitor: polls news feeds, keeps clean text, tags topics, stores it all in SQLite."""

__version__ = "0.1.0"
