"""Browsing in Datasette: the plugin, search, and the templates."""
