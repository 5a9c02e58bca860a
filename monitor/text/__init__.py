"""Article text: extraction, learned boilerplate, and the sandboxed worker processes that run it."""
