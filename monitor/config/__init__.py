"""Configuration: loading and validation (load), notification sections (notify), units, OPML."""
