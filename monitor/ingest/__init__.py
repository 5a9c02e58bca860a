"""Getting items in: the poll pipeline, article pages, feed parsing, normalization,
limits, schedules, and the seeds with their captures."""
