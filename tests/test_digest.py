"""Digest contents and rendering (pure): grouping, story folding, the cap,
escaping, links."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest

from monitor.notify.digest.compose import (
    LINE_CHARS,
    DigestEntry,
    compose,
    message_id,
    render,
)
from monitor.urls import href as safe_url

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
BROWSE = "http://127.0.0.1:8001/monitor"


def entry(item_id: int, topic: str = "spyware", **kw: object) -> DigestEntry:
    fields: dict[str, object] = {
        "title": f"Story {item_id}",
        "url": f"https://news.example/{item_id}",
        "published": NOW - timedelta(hours=item_id),
        "feed": "Example news",
        "snippet": f"… the [spyware] story {item_id} …",
    }
    fields.update(kw)
    return DigestEntry(topic=topic, item_id=item_id, **fields)  # type: ignore[arg-type]


def parts(entries: list[DigestEntry], **kw: object) -> tuple[str, str]:
    digest = compose("daily", entries, browse_url=BROWSE, now=NOW, **{"max_items": 50, **kw})  # type: ignore[arg-type]
    message = render(digest, "news-monitor <monitor@example.org>", ["a@example.org"], "m.1")
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return str(text.get_content()), str(html.get_content())


def test_groups_follow_the_configured_topic_order_newest_first() -> None:
    entries = [entry(1, "spyware"), entry(2, "icc"), entry(3, "spyware"), entry(4, "other")]
    digest = compose(
        "daily", entries, max_items=50, browse_url=BROWSE, now=NOW, topics=["icc", "spyware"]
    )
    assert [g.topic for g in digest.groups] == ["icc", "spyware", "other"]
    assert [e.item_id for e in digest.groups[1].entries] == [1, 3]  # item 1 is the newest
    assert digest.total == digest.shown == 4 and digest.more == 0
    assert digest.subject == "news-monitor digest daily: 4 new matches"


def test_one_story_is_one_entry_also_reported_by_the_other_sources() -> None:
    entries = [
        entry(7, story_id=3, feed="Guardian", also_reported_by=("BBC",)),
        entry(5, story_id=3, feed="Amnesty UK"),
        entry(6, story_id=3, feed="Reuters"),
        entry(8, story_id=None, feed="Reuters"),
    ]
    digest = compose("daily", entries, max_items=50, browse_url=BROWSE, now=NOW)
    (group,) = digest.groups
    assert len(group.entries) == 2 and digest.total == 2
    story = next(e for e in group.entries if e.story_id == 3)
    assert story.item_id == 5  # the first stored stands for the story
    assert story.feed == "Amnesty UK"
    assert story.also_reported_by == ("Reuters", "Guardian", "BBC")
    text, html = parts(entries)
    assert "Also reported by: Reuters, Guardian, BBC" in text
    assert "Also reported by: Reuters, Guardian, BBC" in html


def test_the_same_story_under_two_topics_is_listed_under_each() -> None:
    entries = [entry(1, "a", story_id=9), entry(2, "a", story_id=9), entry(1, "b", story_id=9)]
    digest = compose("daily", entries, max_items=50, browse_url=BROWSE, now=NOW, topics=["a", "b"])
    assert [len(g.entries) for g in digest.groups] == [1, 1]


def test_the_cap_is_shared_between_topics_and_the_rest_counted_with_a_link() -> None:
    entries = [entry(i, "busy") for i in range(1, 21)] + [entry(100, "quiet")]
    digest = compose(
        "daily", entries, max_items=5, browse_url=BROWSE, now=NOW, topics=["busy", "quiet"]
    )
    assert [len(g.entries) for g in digest.groups] == [4, 1]  # the quiet topic is not crowded out
    assert (digest.total, digest.shown, digest.more) == (21, 5, 16)
    assert digest.groups[0].more == 16
    assert digest.groups[0].browse_url == f"{BROWSE}/matches?topic=busy"
    text, html = parts(entries, max_items=5, topics=["busy", "quiet"])
    assert f"And 16 more: browse them at {BROWSE}" in text
    assert f'browse them at <a href="{BROWSE}">' in html
    assert "… and 16 more in busy" in text


def test_matches_the_caller_did_not_load_are_counted() -> None:
    digest = compose("d", [entry(1)], max_items=5, browse_url=BROWSE, now=NOW, unloaded=40)
    assert (digest.total, digest.shown, digest.more) == (41, 1, 40)


def test_html_is_autoescaped_and_javascript_urls_are_never_links() -> None:
    evil = entry(
        1,
        title='<script>alert("x")</script> & co',
        url="javascript:alert(1)",
        snippet="a <img src=x onerror=alert(1)> [term]",
        feed="<b>feed</b>",
    )
    text, html = parts(
        [evil, entry(2, url="JaVaScRiPt:alert(2)"), entry(3, url="data:text/html,x")]
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<strong>term</strong>" in html  # matched terms are highlighted after escaping
    assert "&lt;b&gt;feed&lt;/b&gt;" in html
    assert "javascript:" not in html.lower() and "data:text" not in html
    assert "javascript:" not in text.lower()
    assert '<script>alert("x")</script> & co' in text  # plain text stays as written
    assert 'href="https://news.example/1"' not in html


def test_safe_url() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("HTTP://example.org/") == "HTTP://example.org/"
    for bad in ("javascript:alert(1)", "data:x", "/relative", "https://", "http://a b", None, ""):
        assert safe_url(bad) is None


def test_render_builds_a_multipart_message_that_survives_text_round_trips() -> None:
    digest = compose("daily", [entry(1, title="Agnès Callamard — “quote”")], max_items=5,
                     browse_url=BROWSE, now=NOW)  # fmt: skip
    message = render(digest, "news-monitor <monitor@example.org>", ["a@x.org", "b@x.org"], "d.1")
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Subject"] == "news-monitor digest daily: 1 new match"
    assert message["Message-ID"] == "<d.1@example.org>"
    assert message["To"] == "a@x.org, b@x.org"
    data = message.as_bytes()
    assert data.isascii()  # so the outbox's TEXT column keeps it byte for byte
    again = email.message_from_bytes(data.decode().encode(), policy=email.policy.default)
    body = again.get_body(("plain",))
    assert body is not None and "Agnès Callamard — “quote”" in str(body.get_content())


def test_message_id_is_stable_and_safe() -> None:
    assert message_id("digest.a.1", "x <m@host.example>") == "<digest.a.1@host.example>"
    assert message_id("we<ird>\r\nid", "") == "<we_ird___id@news-monitor>"


def test_compose_refuses_bad_arguments() -> None:
    with pytest.raises(ValueError):
        compose("d", [], max_items=0, browse_url=None, now=NOW)
    with pytest.raises(ValueError):
        compose("d", [], max_items=1, browse_url=None, now=NOW.replace(tzinfo=None))
    with pytest.raises(ValueError):
        entry(1, published=datetime(2026, 1, 1))


def test_an_empty_digest_and_no_browse_url() -> None:
    digest = compose("d", [], max_items=5, browse_url="javascript:x", now=NOW)
    assert digest.total == 0 and digest.groups == () and digest.browse_url is None


# -- hostile and broken input (HARDENING: titles with CR/LF, 5 KB titles, 10,000
# matches, HTML in titles; one bad item never aborts a digest) ------------------------


def header_block(message: EmailMessage) -> list[bytes]:
    """The message's header lines, folding undone."""
    head = message.as_bytes(policy=email.policy.SMTP).split(b"\r\n\r\n", 1)[0]
    return re.sub(rb"\r\n[ \t]", b" ", head).split(b"\r\n")


def test_a_hostile_name_never_makes_a_header_and_the_subject_is_capped() -> None:
    name = "daily\r\nBcc: x@example.org\r\n" + "n" * 500  # "daily\n" passes a `$` regex
    digest = compose(name, [entry(1)], max_items=5, browse_url=BROWSE, now=NOW)
    assert digest.subject.startswith("news-monitor digest daily Bcc: x@example.org nnn")
    assert digest.subject.endswith("…: 1 new match") and len(digest.subject) < 100
    message = render(digest, "news-monitor <monitor@example.org>", ["a@example.org"], "m.1")
    lines = header_block(message)
    names = [line.split(b":", 1)[0] for line in lines]
    assert b"Bcc" not in names and len(names) == len(set(names)) == 9
    again = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert again["Bcc"] is None and again["Subject"] == digest.subject
    assert again["X-News-Monitor-Digest"].startswith("daily Bcc: x@example.org nnn")


def test_a_5_kb_title_and_snippet_are_capped_in_both_parts() -> None:
    long = "Pegasus " * 700  # 5,600 characters
    text, html = parts([entry(1, title=long, snippet=f"[{long}]", url="https://x.org/" + long)])
    (line,) = [line for line in text.splitlines() if line.startswith("- Pegasus")]
    assert len(line) == 2 + LINE_CHARS and line.endswith("…")
    (shown,) = re.findall(r"<strong>(Pegasus[^<]*)</strong>", html)
    assert len(shown) == LINE_CHARS and shown.endswith("…")
    assert long[:1000] not in text and long[:1000] not in html
    assert "https://x.org/" not in text + html  # too long to be a link


def test_ten_thousand_entries_make_one_capped_email_of_bounded_size() -> None:
    long = "Pegasus <b>spyware</b> " * 250  # 5,750 characters, in title and snippet
    entries = [
        entry(i, ("spyware", "icc", "other")[i % 3], title=f"{i} {long}", snippet=f"[{long}]")
        for i in range(1, 10_001)
    ]
    digest = compose("daily", entries, max_items=50, browse_url=BROWSE, now=NOW)
    assert (digest.total, digest.shown, digest.more) == (10_000, 50, 9_950)
    assert [len(g.entries) for g in digest.groups] == [17, 17, 16]
    message = render(digest, "news-monitor <monitor@example.org>", ["a@example.org"], "m.1")
    # 50 entries of a capped title, snippet and link, twice (text and HTML),
    # quoted-printable: about 2 KB each.  Uncapped, it would be over 1 MB.
    assert len(message.as_bytes()) < 50 * 2_500
    text, html = parts(entries)
    assert "And 9950 more: browse them at" in text and "<b>" not in html


def test_a_broken_entry_never_aborts_the_digest() -> None:
    odd = [
        entry(1, title=None, snippet=None, excerpt=None, feed=None),
        entry(2, title="Lone \ud800 surrogate \udcff", feed="Feed \udc80", url="https://x/\ud800"),
        entry(3, title="Ctl\x00\x1b[31m red\u202eevil\u2066 \x85 end", url="http://[::1"),
        entry(4, title="Year one", published=datetime(1, 1, 1, tzinfo=UTC), url=""),
        entry(5, title="Year 9999", published=datetime(9999, 12, 31, 23, 0, tzinfo=UTC)),
        entry(6, title="Many sources", also_reported_by=tuple(f"S{i}" for i in range(30))),
        entry(7, title="Fine"),
    ]
    text, html = parts(odd, timezone="America/New_York")
    assert text.count("\n- ") == 7 and html.count("<li ") == 7
    for shown in (text, html):
        assert "(untitled)" in shown and "Lone surrogate" in shown and "Feed " in shown
        assert "Ctl[31m redevil end" in shown and "Year one" in shown and "Fine" in shown
        assert "Also reported by: S0, S1, S2, S3, S4, S5, S6, S7, S8, S9 and 20 more" in shown
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", shown)
    assert "http://[::1" not in html
