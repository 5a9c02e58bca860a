"""The topic query language: parse (query), tree, match, FTS5 tokens and snippets."""
