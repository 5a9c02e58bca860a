"""Feed parsing from bytes: recovery, refusals, charsets and entry identity."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from monitor.errors import NotAFeed, ParseError
from monitor.ingest.parse import parse_feed
from tests.feeds import item, rss, simple_feed

XML = {"content-type": "application/rss+xml"}


def test_parses_entries_with_clean_text_and_safe_html() -> None:
    body = rss(
        [
            item(
                1,
                link="/relative/1?utm_source=rss",
                body='<p>Hello <a href="/x">x</a> <a href="javascript:alert(1)">js</a></p>'
                "<script>steal()</script><iframe src='https://evil.example'></iframe>",
            )
        ]
    )
    feed = parse_feed(body, XML, "https://news.example/feed.xml")
    assert feed.title == "Example news"
    assert feed.malformed is None
    (entry,) = feed.entries
    assert entry.entry_id == "urn:story:1"
    assert entry.url == "https://news.example/relative/1?utm_source=rss"
    assert entry.canonical_url == "https://news.example/relative/1"
    assert entry.published is not None and entry.published.utcoffset() is not None
    assert entry.published.isoformat() == "2024-11-22T17:39:00+00:00"
    assert entry.text == "Hello x js"
    assert "steal" not in entry.content_html and "<iframe" not in entry.content_html
    assert "javascript:" not in entry.content_html
    assert 'href="https://news.example/x"' in entry.content_html


def test_truncated_mid_item_keeps_what_was_recovered_and_flags_it() -> None:
    whole = simple_feed(3).decode()
    cut = whole[: whole.index("Story number 3") + 5]
    feed = parse_feed(cut.encode(), XML, "https://news.example/feed.xml")
    assert feed.malformed
    titles = [e.title for e in feed.entries]
    assert titles[:2] == ["Story number 1", "Story number 2"]


def test_malformed_with_nothing_recovered_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_feed(b'<?xml version="1.0"?><rss version="2.0"><chan', XML, "https://x.example/")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>
"""


def test_entity_expansion_is_refused_in_bounded_memory() -> None:
    tracemalloc.start()
    try:
        with pytest.raises(ParseError, match="entities"):
            parse_feed(BILLION_LAUGHS, XML, "https://x.example/")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


def test_external_entity_is_refused_and_no_file_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title>'
        "</item></channel></rss>"
    ).encode()
    with pytest.raises(ParseError) as info:
        parse_feed(body, XML, "https://x.example/")
    assert "TOP-SECRET" not in str(info.value)


def test_body_that_is_a_file_path_is_never_opened(tmp_path: Path) -> None:
    real_feed = tmp_path / "feed.xml"
    real_feed.write_bytes(simple_feed(2))
    for body in (str(real_feed).encode(), f"file://{real_feed}".encode()):
        with pytest.raises(NotAFeed):
            parse_feed(body, {"content-type": "text/plain"}, "https://x.example/")


@pytest.mark.parametrize(
    ("body", "ctype", "message"),
    [
        (b"<html><head><title>Sign in</title></head><body><form>login</form></body></html>",
         "text/html; charset=utf-8", "not a feed (text/html)"),
        (b"{}", "application/json", "not a feed (application/json)"),
        (b"", "application/rss+xml", "not a feed (application/rss+xml)"),
        (b"   \n", "", "not a feed (empty body)"),
    ],
)  # fmt: skip
def test_not_a_feed(body: bytes, ctype: str, message: str) -> None:
    with pytest.raises(NotAFeed) as info:
        parse_feed(body, {"content-type": ctype}, "https://x.example/")
    assert str(info.value) == message


def test_wrong_declared_charset_and_invalid_utf8_decode_without_crash() -> None:
    # Declared UTF-8, but the title is Latin-1 and there is a stray invalid byte.
    body = simple_feed(1).replace(b"Story number 1", "Agnès Callamard".encode("latin-1") + b"\xff")
    feed = parse_feed(body, {"content-type": "application/rss+xml; charset=utf-8"}, "https://x/")
    assert len(feed.entries) == 1
    assert "Callamard" in feed.entries[0].title


def test_missing_charset_latin1_declared_in_xml() -> None:
    body = rss([item(1, title="Agnès Callamard")], encoding="iso-8859-1")
    feed = parse_feed(body, {"content-type": "application/xml"}, "https://x.example/")
    assert feed.entries[0].title == "Agnès Callamard"


def test_control_and_bidi_characters_are_stripped_from_titles() -> None:
    body = rss([item(1, title="Safe\u202etxt.exe title\u200f with \u0007bell")])
    feed = parse_feed(body, XML, "https://x.example/")
    assert feed.entries[0].title == "Safetxt.exe title with bell"


def test_all_items_sharing_one_guid_keep_distinct_stable_keys() -> None:
    body = rss(item(n, guid="same-guid-for-all") for n in range(1, 6))
    keys = [e.entry_id for e in parse_feed(body, XML, "https://x.example/").entries]
    assert len(set(keys)) == 5
    assert keys[0] == "https://news.example/1"


def test_no_guid_no_link_keys_from_title_and_date_and_stable_across_reordering() -> None:
    items = [item(n, guid=None, link=None) for n in range(1, 5)]
    first = {e.title: e.entry_id for e in parse_feed(rss(items), XML, "https://x/").entries}
    second = {e.title: e.entry_id for e in parse_feed(rss(items[::-1]), XML, "https://x/").entries}
    assert first == second
    assert len(set(first.values())) == 4


def test_no_guid_uses_canonical_link_without_tracking() -> None:
    a = rss([item(1, guid=None, link="https://news.example/1?utm_source=a")])
    b = rss([item(1, guid=None, link="https://news.example/1?utm_source=b")])
    assert (
        parse_feed(a, XML, "https://x/").entries[0].entry_id
        == parse_feed(b, XML, "https://x/").entries[0].entry_id
        == "https://news.example/1"
    )


def test_identical_duplicate_entries_in_one_body_count_once() -> None:
    body = rss([item(1, guid=None, link=None), item(1, guid=None, link=None)])
    assert len(parse_feed(body, XML, "https://x/").entries) == 1


def test_atom_feed_and_ttl() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
<link href="https://atom.example/"/><id>urn:feed</id><updated>2024-11-21T10:00:00Z</updated>
<entry><id>urn:e1</id><title type="html">A &amp;amp; B</title>
<link href="https://atom.example/e1"/><updated>2024-11-21T10:00:00+02:00</updated>
<content type="html">&lt;p&gt;Full text&lt;/p&gt;</content><author><name>Jo Reporter</name></author>
</entry></feed>"""
    feed = parse_feed(atom, {"content-type": "application/atom+xml"}, "https://atom.example/f")
    (entry,) = feed.entries
    assert entry.entry_id == "urn:e1"
    assert entry.title == "A & B"
    assert entry.author == "Jo Reporter"
    assert entry.text == "Full text"
    assert entry.updated is not None and entry.updated.isoformat() == "2024-11-21T08:00:00+00:00"
    rss_ttl = simple_feed(1).replace(b"<channel>", b"<channel><ttl>120</ttl>")
    assert parse_feed(rss_ttl, XML, "https://x/").ttl_minutes == 120


def test_entity_declarations_behind_a_padded_prolog_are_still_refused() -> None:
    padded = BILLION_LAUGHS.replace(
        b'<?xml version="1.0"?>', b'<?xml version="1.0"?><!--' + b"pad " * 40_000 + b"-->", 1
    )
    assert len(padded) > 150_000
    with pytest.raises(ParseError, match="entities"):
        parse_feed(padded, XML, "https://x.example/")
    utf16 = BILLION_LAUGHS.decode().replace('version="1.0"', 'version="1.0" encoding="utf-16"')
    with pytest.raises(ParseError, match="entities"):
        parse_feed(utf16.encode("utf-16"), XML, "https://x.example/")


def test_doctype_without_internal_subset_is_parsed_and_never_fetched() -> None:
    body = simple_feed(1).replace(
        b"<rss", b'<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">\n<rss', 1
    )
    assert len(parse_feed(body, XML, "https://x.example/").entries) == 1


@pytest.mark.parametrize(
    ("ttl", "minutes"),
    [("60", 60), ("99999999999999999999", None), ("²", None), ("-5", None), ("999999", 10080)],
)
def test_ttl_is_bounded(ttl: str, minutes: int | None) -> None:
    body = simple_feed(1).replace(b"<channel>", f"<channel><ttl>{ttl}</ttl>".encode())
    assert parse_feed(body, XML, "https://x.example/").ttl_minutes == minutes
