"""Pure normalization: canonical URLs, dates, feed HTML to clean text and safe HTML."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from monitor.ingest.normalize import (
    clean_text,
    clean_title,
    content_hash,
    html_to_text,
    sanitize_html,
)
from monitor.texts import iso
from monitor.urls import canonical_url, safe_link


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.Example.COM/a/b", "https://www.example.com/a/b"),
        ("https://example.com:443/a#frag", "https://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        (
            "https://example.com/a?utm_source=x&id=3&fbclid=9&gclid=1&mc_cid=2&utm_medium=y",
            "https://example.com/a?id=3",
        ),
        ("https://example.com", "https://example.com/"),
        ("javascript:alert(1)", None),
        ("data:text/html,hi", None),
        ("file:///etc/passwd", None),
        ("", None),
        (None, None),
    ],
)
def test_canonical_url(url: str | None, expected: str | None) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_resolves_relative_and_protocol_relative() -> None:
    assert canonical_url("/x?utm_campaign=1", "https://a.org/b/") == "https://a.org/x"
    assert canonical_url("//cdn.org/p", "https://a.org/") == "https://cdn.org/p"


def test_safe_link_keeps_only_absolute_http() -> None:
    assert safe_link("https://a.org/x?q=1#f") == "https://a.org/x?q=1#f"
    assert safe_link("/rel", "https://a.org/b") == "https://a.org/rel"
    assert safe_link("javascript:alert(1)", "https://a.org/") is None
    assert safe_link("data:text/html,x") is None


def test_iso_is_aware_utc() -> None:
    paris = timezone(timedelta(hours=1))
    assert iso(datetime(2024, 11, 22, 18, 39, tzinfo=paris)) == "2024-11-22T17:39:00+00:00"
    assert iso(datetime(2024, 11, 22, 17, 39)) == "2024-11-22T17:39:00+00:00"
    assert iso(None) is None
    assert iso(datetime(2024, 1, 1, tzinfo=UTC)).endswith("+00:00")  # type: ignore[union-attr]


def test_html_to_text_drops_scripts_styles_iframes_and_keeps_blocks() -> None:
    html = (
        "<p>First <b>para</b>.</p><script>alert('x')</script><style>p{}</style>"
        "<iframe src='https://evil'>frame text</iframe><p>Second&nbsp;para &amp; more<br>line</p>"
    )
    text = html_to_text(html)
    assert text == "First para.\n\nSecond para & more\nline"


def test_clean_text_strips_controls_and_bidi() -> None:
    assert clean_text("a\u202eb\x07c\u200f\r\nd   e\n\n\n\nf") == "abc\nd e\n\nf"


def test_clean_title_one_line_no_markup() -> None:
    assert clean_title("  <b>Big</b>\nnews &amp; views\u202e ") == "Big news & views"


def test_sanitize_html_links_only_absolute_http() -> None:
    out = sanitize_html(
        '<p onclick="x()">hi <a href="javascript:alert(1)">js</a> <a href="/rel">rel</a>'
        ' <a href="data:text/html,x">data</a> <a href="file:///etc/passwd">file</a>'
        ' <a href="//cdn.org/p">proto</a><script>bad()</script><iframe src="x">f</iframe></p>',
        "https://site.org/a/",
    )
    assert "onclick" not in out
    assert "javascript:" not in out and "data:" not in out and "file:" not in out
    assert "<script" not in out and "bad()" not in out and "<iframe" not in out
    assert 'href="https://site.org/rel"' in out
    assert 'href="https://cdn.org/p"' in out


def test_sanitize_html_without_base_drops_relative_links() -> None:
    assert "href" not in sanitize_html('<a href="/rel">x</a>', None)


def test_content_hash_ignores_case_and_spacing_only() -> None:
    assert content_hash("Title", "Some  text") == content_hash("title", "some text")
    assert content_hash("Title", "Some text") != content_hash("Title", "Other text")
    assert content_hash("ab", "c") != content_hash("a", "bc")


def _bs4_text(fragment: str) -> str:
    """The straightforward beautifulsoup4 conversion that html_to_text must match."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(fragment, "lxml")
    for tag in soup.find_all(["script", "style", "iframe", "object", "embed", "noscript"]):
        tag.decompose()
    for tag in soup.find_all(["br", "li", "tr", "td", "th", "dt", "dd"]):
        tag.insert_before("\n")
    for tag in soup.find_all(["p", "div", "ul", "ol", "h1", "h2", "h3", "blockquote", "table"]):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    return clean_text(soup.get_text())


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>One <em>two</em> &amp; three</p><p>Four<br/>five</p>",
        "<div><h2>Head</h2><ul><li>a</li><li>b &lt;c&gt;</li></ul></div>",
        "<p>Unclosed <b>bold <i>italic</p> tail",
        "Text with &eacute; entity and &#8220;quotes&#8221;",
        "<table><tr><td>x</td><td>y</td></tr></table><script>var a = '<p>';</script>",
        "<p>a<style>p { color: red }</style>b</p><iframe src='x'>c</iframe>",
    ],
)
def test_html_to_text_matches_beautifulsoup(fragment: str) -> None:
    assert html_to_text(fragment) == _bs4_text(fragment)
