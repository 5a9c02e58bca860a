"""Seed captures: plain-text copies of articles and feeds, read into seed documents."""
