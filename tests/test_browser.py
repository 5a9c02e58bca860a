"""A real browser on ``monitor serve``: Debian's chromium, headless, driven by
Playwright through ``executable_path`` (no browser is ever downloaded).

It browses the archive the way a person would: the items table, a search for
"Callamard", an item page with its clean text and topic matches, the feed
health query, and the hostile item's page, where nothing may run.  Screenshots
go to ``tests/artifacts/`` (git-ignored); the assertions are on page content.

Without chromium this test skips with the reason, except in CI (``CI`` set),
where it fails: .ci/run installs chromium first.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_serve import Archive, build_archive, db_rows, serving

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("MONITOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the browser test: .ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        _unavailable(f"no chromium at {CHROMIUM}: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    return build_archive(tmp_path_factory.mktemp("browse") / "monitor.db")


def test_a_person_browses_searches_and_reads_the_archive(browser: Any, archive: Archive) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    dialogs: list[str] = []
    with serving(archive.path) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(10_000)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        # 1. The items table: titled, described, with its search box and facets.
        page.goto(f"{base}/monitor/items")
        assert page.locator("h1").inner_text().strip() == "Articles"
        (count,) = db_rows(archive, "SELECT count(*) FROM items")[0]
        assert f"{count} rows" in page.locator("h3").first.inner_text()
        assert page.locator("input[name=_search]").is_visible()
        facets = page.locator(".facet-info-name").all_inner_texts()
        assert any(f.startswith("topic") for f in facets), facets
        page.screenshot(path=str(ARTIFACTS / "1-items.png"), full_page=True)

        # 2. A search for "Callamard" finds the seed article.
        seed_title = page.evaluate(
            "async (id) => (await (await fetch(`/monitor/items/${id}.json?_shape=array`)).json())"
            "[0].title",
            archive.callamard_seed,
        )
        page.fill("input[name=_search]", "Callamard")
        page.press("input[name=_search]", "Enter")
        page.wait_for_url("**_search=Callamard**")
        results = page.locator("table.rows-and-columns")
        assert 'search matches "Callamard"' in page.locator("h3").first.inner_text()
        assert seed_title in results.inner_text()
        page.screenshot(path=str(ARTIFACTS / "2-search-callamard.png"), full_page=True)

        # 3. Its page: clean text in paragraphs, the topic matches with snippets.
        results.locator(f'td.col-id a[href$="/monitor/items/{archive.callamard_seed}"]').click()
        page.wait_for_url(f"**/monitor/items/{archive.callamard_seed}")
        item = page.locator("article.monitor-item")
        assert item.locator("h1").inner_text().strip() == seed_title
        paragraphs = item.locator("section.text p")
        assert paragraphs.count() > 3
        assert len(paragraphs.first.inner_text()) > 40
        matches = item.locator("section.matches li")
        assert any(t.startswith("callamard") for t in matches.all_inner_texts())
        assert "Callamard" in item.locator("section.matches mark").all_inner_texts()
        page.screenshot(path=str(ARTIFACTS / "3-item-page.png"), full_page=True)

        # 4. The feed-health query, from the database page: failing feeds first.
        page.goto(f"{base}/monitor")
        page.get_by_role("link", name="Feed health").click()
        page.wait_for_url("**/monitor/feed_health")
        first = page.locator("table.rows-and-columns tbody tr").first
        assert "broken" in first.inner_text() and "failing" in first.inner_text()
        page.screenshot(path=str(ARTIFACTS / "4-feed-health.png"), full_page=True)

        # 5. The hostile item: its markup is shown as text and nothing runs.
        for path in (
            f"/monitor/items/{archive.hostile}",
            "/monitor/latest_matches?topic=callamard",
            "/monitor/items?_search=xss",
        ):
            page.goto(f"{base}{path}")
            page.wait_for_load_state("load")
            assert "<script>alert('xss-" in page.locator("body").inner_text(), path
            scripts = page.evaluate(
                "() => [...document.scripts].filter(s => s.text.includes('alert(')).length"
            )
            javascript_links = page.evaluate(
                "() => [...document.querySelectorAll('[href],[src]')].filter(e =>"
                " /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src')))"
                ".length"
            )
            assert scripts == 0 and javascript_links == 0, path
            if path.startswith("/monitor/items/"):
                page.screenshot(path=str(ARTIFACTS / "5-hostile-item.png"), full_page=True)
        page.close()
    assert dialogs == [], f"the hostile item's script ran: {dialogs}"
