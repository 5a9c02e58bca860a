"""The pure extraction API on small hand-made pages (the corpus gate is test_extract_quality)."""

from __future__ import annotations

from monitor.text.extract import MIN_TEXT, drop_repeats, extract_article

BODY = "".join(
    f"<p>Paragraph {k}: the commission published its findings on detention conditions, "
    f"citing interviews with former detainees and their lawyers in three cities.</p>"
    for k in range(5)
)


def page(head: str = "", body: str = BODY) -> str:
    return (
        f"<html><head><title>Findings | News</title>{head}</head><body><nav>Home World</nav>"
        f"<article><h1>Findings</h1>{body}</article><footer>© News Ltd</footer></body></html>"
    )


def test_trafilatura_text_and_metadata() -> None:
    head = (
        '<link rel="canonical" href="/world/findings?utm_source=rss">'
        '<meta name="author" content="Sam Writer">'
        '<meta property="article:published_time" content="2025-12-11T09:30:00+02:00">'
        '<meta property="og:site_name" content="The News">'
    )
    art = extract_article(page(head).encode(), "https://news.example/x?id=1")
    assert art.method == "trafilatura" and art.note == ""
    assert art.text.startswith("Paragraph 0: the commission")
    assert "Home World" not in art.text and "© News" not in art.text
    assert art.text.count("\n\n") == 4
    assert art.title == "Findings"
    assert art.author == "Sam Writer"
    assert art.published is not None and art.published.isoformat().startswith("2025-12-11")
    assert art.canonical_url == "https://news.example/world/findings"
    assert art.site_name == "The News"


def test_pull_quotes_are_dropped_wherever_they_stand() -> None:
    quote = "citing interviews with former detainees and their lawyers"
    body = f"<blockquote>{quote}</blockquote>" + BODY + f"<aside><p>{quote}</p></aside>"
    art = extract_article(page(body=body))
    assert art.text.count(quote) == 5  # once in each real paragraph, never alone
    assert drop_repeats(["a" * 50, "b" * 50, "a" * 50]) == ["a" * 50, "b" * 50]


def test_too_little_text_returns_empty_with_the_reason() -> None:
    art = extract_article("<html><body><p>Subscribe to read.</p></body></html>")
    assert art.text == "" and art.method == ""
    assert "trafilatura found" in art.note and "readability found" in art.note
    assert len(art.text) < MIN_TEXT


def test_a_selector_that_matches_nothing_falls_back_and_says_so() -> None:
    art = extract_article(page(), selector="div.nope")
    assert art.method == "trafilatura"
    assert "content_selector 'div.nope' matched nothing" in art.note


def test_bytes_in_a_declared_legacy_charset() -> None:
    html = page(body=BODY.replace("commission", "comisión")).replace(
        "<head>", '<head><meta charset="iso-8859-1">'
    )
    art = extract_article(html.encode("iso-8859-1"))
    assert "comisión" in art.text
