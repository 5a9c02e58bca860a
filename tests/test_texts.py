"""The small text rules of monitor/texts.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from monitor.notify.events import EXCERPT_CHARS
from monitor.texts import excerpt, iso


def test_excerpt_cuts_at_a_word_and_drops_trailing_punctuation() -> None:
    text = "Security  forces\ndetained, " + "protesters " * 50
    got = excerpt(text, 40)
    assert got == "Security forces detained, protesters…"
    assert len(got) <= 41 and got.endswith("…") and " …" not in got
    assert excerpt("Short text.", 40) == "Short text."
    assert excerpt("Ends here, " + "x" * 10, 11) == "Ends here…"
    assert excerpt("x" * 100, 10) == "x" * 10 + "…"  # one long word: cut inside it
    assert EXCERPT_CHARS == 280


def test_iso_is_utc_seconds() -> None:
    east = datetime(2024, 11, 22, 19, 39, 0, 123, tzinfo=timezone(timedelta(hours=2)))
    assert iso(east) == "2024-11-22T17:39:00+00:00"
    assert iso(datetime(2024, 11, 22, 17, 39)) == "2024-11-22T17:39:00+00:00"  # naive = UTC
    assert iso(None) is None
    assert iso(datetime(2024, 1, 1, tzinfo=UTC)) == "2024-01-01T00:00:00+00:00"
