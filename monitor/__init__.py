"""news-monitor: polls news feeds, keeps clean article text, tags watched topics, stores it all in SQLite."""

__version__ = "0.1.0"
