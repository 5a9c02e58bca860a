"""Extraction quality gate over the hand-written article corpus in ``tests/data/pages/``.

Each page ``NN-name.html`` has an entry in ``snippets.json`` with its URL, ``must``
snippets (sentences of the article body) and ``must_not`` snippets (page chrome:
menus, share bars, cookie and newsletter boxes, comments, teasers, footers).  Counting
follows trafilatura's evaluation: a ``must`` found is a true positive, a ``must``
missing a false negative, a ``must_not`` found a false positive.  Matching is
case-sensitive on whitespace-normalized text (every run of whitespace is one space).

Precision and recall over the whole corpus must reach the floors in
``tests/data/pages/floors.json``.  **Floors only go up**: when the extractor improves,
raise them to the new numbers (rounded down to two decimals); never lower them to make
a change pass.  ``bench/extract.py`` prints the same numbers next to plain trafilatura's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from monitor.text.extract import Article, extract_article

PAGES = Path(__file__).parent / "data" / "pages"
METHODS = {"selector", "trafilatura", "readability"}
MIN_PAGES = 30


def normalize(text: str) -> str:
    return " ".join(text.split())


def load_snippets() -> dict[str, dict[str, Any]]:
    snippets: dict[str, dict[str, Any]] = json.loads(
        (PAGES / "snippets.json").read_text(encoding="utf-8")
    )
    return snippets


def page_files() -> list[str]:
    return sorted(p.name for p in PAGES.glob("*.html"))


def test_corpus_is_complete() -> None:
    snippets = load_snippets()
    files = page_files()
    assert len(files) >= MIN_PAGES, f"only {len(files)} pages in {PAGES}"
    assert sorted(snippets) == files, "every page needs snippets and every entry a page"
    for name, entry in snippets.items():
        assert entry.get("url", "").startswith("http"), f"{name}: no url"
        assert len(entry.get("must", [])) >= 4, f"{name}: fewer than 4 must snippets"
        assert len(entry.get("must_not", [])) >= 4, f"{name}: fewer than 4 must_not snippets"


@pytest.mark.parametrize("name", page_files())
def test_snippets_are_on_the_page(name: str) -> None:
    """A typo in a snippet would silently count as a miss: each one must be visible text."""
    doc = lxml.html.fromstring((PAGES / name).read_bytes())
    for node in doc.xpath("//script | //style"):
        node.drop_tree()
    visible = normalize(doc.text_content())
    entry = load_snippets()[name]
    for snippet in entry["must"] + entry["must_not"]:
        assert snippet in visible, f"{name}: snippet not on the page: {snippet!r}"
    assert not set(entry["must"]) & set(entry["must_not"])


@pytest.fixture(scope="module")
def extracted() -> dict[str, Article]:
    snippets = load_snippets()
    results = {}
    for name in page_files():
        results[name] = extract_article((PAGES / name).read_bytes(), snippets[name]["url"])
    return results


def test_every_page_yields_text(extracted: dict[str, Article]) -> None:
    empty = [name for name, art in extracted.items() if not art.text.strip()]
    assert not empty, f"no text extracted from {empty}"
    odd = {name: art.method for name, art in extracted.items() if art.method not in METHODS}
    assert not odd, f"unexpected .method: {odd}"


def test_precision_and_recall_floors(extracted: dict[str, Article]) -> None:
    snippets = load_snippets()
    floors = json.loads((PAGES / "floors.json").read_text(encoding="utf-8"))
    tp = fn = fp = 0
    report = []
    for name, art in sorted(extracted.items()):
        text = normalize(art.text)
        missed = [s for s in snippets[name]["must"] if s not in text]
        leaked = [s for s in snippets[name]["must_not"] if s in text]
        tp += len(snippets[name]["must"]) - len(missed)
        fn += len(missed)
        fp += len(leaked)
        if missed or leaked:
            report.append(f"  {name} [{art.method}]: missed {missed} leaked {leaked}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    summary = (
        f"precision {precision:.4f} (floor {floors['precision']}), "
        f"recall {recall:.4f} (floor {floors['recall']}), TP={tp} FN={fn} FP={fp}\n"
        + "\n".join(report)
    )
    assert precision >= floors["precision"], summary
    assert recall >= floors["recall"], summary
