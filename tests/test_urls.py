"""The URL rules of monitor/urls.py: one tracking list, one site rule, one link rule."""

from __future__ import annotations

import pytest

from monitor.text.boilerplate import site_scope
from monitor.urls import TRACKING_PARAM, canonical_url, feed_identity, href, safe_link, site_host


@pytest.mark.parametrize("param", ["utm_source", "fbclid", "gclid", "dclid", "msclkid", "_hsenc"])
def test_one_tracking_list_for_feed_identity_and_article_identity(param: str) -> None:
    assert TRACKING_PARAM.match(param)
    url = f"https://example.org/feed?{param}=x"
    assert feed_identity(url) == feed_identity("https://example.org/feed")
    assert canonical_url(url) == canonical_url("https://example.org/feed")


@pytest.mark.parametrize(
    "url", ["https://example.org/a", "https://www.example.org/b", "https://m.example.org/c",
            "https://amp.example.org/d", "https://AMP.Example.org:8443/e"],
)  # fmt: skip
def test_desktop_mobile_and_amp_pages_are_one_site(url: str) -> None:
    # Before, story titles dropped "amp." and boilerplate scopes did not.
    assert site_host(url) == "example.org"
    assert site_scope(url) == "site:example.org"


def test_other_hosts_stay_apart() -> None:
    assert site_host("https://news.example.org/") == "news.example.org"
    assert site_host("https://example.org.evil.test/") == "example.org.evil.test"
    assert site_host("not a url") is None
    assert site_host("http://[::1") is None


def test_a_stored_link_is_kept_as_given_but_a_shown_link_is_stricter() -> None:
    spaced = "https://example.org/a b"
    assert safe_link(spaced) == spaced  # kept: the page can still be fetched
    assert href(spaced) is None  # never an href with a space in it
    assert href("https://example.org/" + "a" * 2000) is None
    assert href("https://example.org/x?y=1#z") == "https://example.org/x?y=1#z"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//example.org/x", "", None, 3):
        assert href(bad) is None
