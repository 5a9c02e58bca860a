"""Pure boilerplate learning rules."""

from __future__ import annotations

from monitor.text import boilerplate as bp


def test_blocks_recurring_on_enough_pages_are_stripped() -> None:
    pages = [
        f"Real paragraph {n} about the ruling.\nShare this article\n💬 {n}5 ❤️ {n}2"
        for n in range(3)
    ]
    counts = bp.count(pages[:2], {})
    assert bp.strip(pages[1], counts) == (pages[1], [])  # seen twice: not yet chrome
    counts = bp.count(pages[2:], counts)
    text, removed = bp.strip(pages[2], counts)
    assert text == "Real paragraph 2 about the ruling."
    assert removed == ["Share this article", "💬 25 ❤️ 22"]


def test_long_blocks_and_numbered_sentences_are_never_chrome() -> None:
    long_para = "A syndicated paragraph that is long. " * 8
    pages = [
        f"{long_para}\nStatement {n} on the verdict and its meaning for families." for n in range(5)
    ]
    counts = bp.count(pages, {})
    assert bp.strip(pages[4], counts) == (pages[4], [])


def test_a_text_is_never_emptied() -> None:
    counts = bp.count(["Breaking news"] * 5, {})
    assert bp.strip("Breaking news", counts) == ("Breaking news", [])


def test_site_scope_ignores_www_and_mobile_hosts() -> None:
    assert bp.site_scope("https://www.Example.org/a") == "site:example.org"
    assert bp.site_scope("https://m.example.org/b") == "site:example.org"
    assert bp.site_scope(None) is None
