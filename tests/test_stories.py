"""Dedupe layers 4 (near-duplicate stories) and 5 (same-site republications),
on real SQLite files through the real feed path."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.dedupe.stories import (
    StoryParams,
    band_keys,
    same_story,
    shingles,
    similarity,
    substance,
    title_key,
)
from monitor.ingest.parse import parse_feed
from monitor.storage.store import FeedSpec, FetchLog, Store, StoreSettings
from monitor.types import SeedDocument
from tests.feeds import item, rss
from tests.test_store import _ok

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
PUBLISHED = datetime(2024, 11, 22, 17, 39, tzinfo=UTC)  # tests.feeds.item's date

WIRE = [
    "Security forces detained at least forty protesters in the capital on Saturday after a march "
    "against the new media law turned violent, according to witnesses and a local rights group.",
    "The law, passed by parliament last month, requires news websites with more than ten thousand "
    "daily readers to register with the interior ministry and disclose their funding sources.",
    "Opposition leaders said the measure was designed to silence independent reporting ahead of "
    "next year's presidential election, while the government insists it targets foreign "
    "interference and disinformation campaigns run from abroad.",
    "A spokesperson for the ministry said those detained would be charged with public order "
    "offences and that the police had acted with restraint throughout the afternoon.",
]
# Another outlet's copy: a dateline, a few words changed, the last paragraph cut.
COPY = [
    "CAPITAL CITY (Wire) - Security forces detained at least forty protesters in the capital on "
    "Saturday after a march against the new media law turned violent, witnesses and a local "
    "rights group said.",
    WIRE[1],
    "Opposition leaders said the measure was meant to silence independent reporting ahead of "
    "next year's presidential election, while the government insists it targets foreign "
    "interference and disinformation campaigns run from abroad.",
]
FOOTER = [
    "Notes to editors: Amnesty International is a global movement of more than ten million "
    "people who campaign for a world where human rights are enjoyed by all, independent of any "
    "government, political ideology, economic interest or religion.",
    "For more information, interviews or photographs please contact the press office by "
    "telephone on the number below at any time of the day or night, including weekends and "
    "public holidays, or write to the press office at the address on our website.",
    "Our work is funded mainly by our membership and public donations, and we do not accept "
    "money from governments or political parties for our research or campaigning work.",
]


def html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "m.db")
    s.sync_feeds(
        [FeedSpec(n, f"https://{n}.example/feed", 900) for n in ("wire", "paper", "ngo")], NOW
    )
    return s


def poll(store: Store, name: str, *items: str, now: datetime = NOW) -> None:
    feed = next(f for f in store.feeds() if f.name == name)
    body = rss(items)
    store.record_success(
        feed,
        FetchLog(feed.url, now, 1, 200, 1, "new"),
        _ok(body),
        parse_feed(body, {}, feed.url),
        body_hash=str(hash(body)),
        next_poll=now,
    )


def stories_of(store: Store) -> list[tuple[object, ...]]:
    return [
        tuple(r)
        for r in store.db.execute("SELECT id, story_id, duplicate_of FROM items ORDER BY id")
    ]


def test_a_wire_copy_with_edits_in_another_outlet_shares_the_story(store: Store) -> None:
    poll(store, "wire", item(1, link="https://wire.example/world/media-law", body=html(WIRE)))
    poll(
        store,
        "paper",
        item(
            2,
            link="https://paper.example/news/arrests-at-protest",
            title="Dozens held at media law march",
            body=html(COPY),
        ),
    )
    (a, sa, _), (_, sb, dup) = stories_of(store)
    assert sa is not None and sa == sb and dup is None  # a story, not a copy
    story = store.db.execute("SELECT * FROM stories").fetchone()
    cols = [d[0] for d in store.db.execute("SELECT * FROM stories").description]
    row = dict(zip(cols, story, strict=True))
    assert row["first_item"] == a and row["size"] == 2 and row["sources"] == 2
    assert json.loads(row["source_names"]) == ["paper", "wire"]
    assert row["title"] == "Story number 1"


def test_a_third_copy_grows_the_story_and_the_index_survives_a_restart(
    store: Store, tmp_path: Path
) -> None:
    poll(store, "wire", item(1, link="https://wire.example/world/media-law", body=html(WIRE)))
    poll(store, "paper", item(2, link="https://paper.example/news/arrests", body=html(COPY)))
    store.close()
    again = Store(tmp_path / "m.db")  # no rebuild: the bands are in the file
    assert again.count("SELECT count(*) FROM story_bands") > 0
    third = [*WIRE[:3], "Our correspondent adds that several journalists were among those held."]
    poll(again, "ngo", item(3, link="https://ngo.example/updates/media-law", body=html(third)))
    ids = {r[1] for r in stories_of(again)}
    assert len(ids) == 1 and None not in ids
    assert again.db.execute("SELECT size, sources FROM stories").fetchall() == [(3, 3)]


def test_different_stories_stay_apart(store: Store) -> None:
    other = [p.replace("media law", "pension reform").replace("forty", "twelve") for p in WIRE]
    other = [
        "Thousands of nurses walked out of hospitals across the country on Monday in the first "
        "national health strike in a decade, demanding higher pay and safer staffing levels.",
        "Union leaders said the strike would continue until the health ministry returned to the "
        "negotiating table with a pay offer that kept up with the rising cost of living.",
        "Hospital managers said emergency care was running normally but that thousands of "
        "planned operations and outpatient appointments had been postponed for the week.",
    ]
    poll(store, "wire", item(1, link="https://wire.example/world/media-law", body=html(WIRE)))
    poll(store, "paper", item(2, link="https://paper.example/news/strike", body=html(other)))
    assert [r[1] for r in stories_of(store)] == [None, None]


def test_press_releases_sharing_a_long_footer_are_not_merged(store: Store) -> None:
    one = [
        "The authorities must immediately release the human rights lawyer detained on Tuesday "
        "for representing families of people forcibly disappeared in the northern provinces.",
    ]
    two = [
        "The new counter-terrorism bill would give police sweeping powers to ban peaceful "
        "gatherings and must be withdrawn before it reaches a final vote in the senate next week.",
    ]
    poll(
        store,
        "ngo",
        item(1, link="https://ngo.example/press/lawyer-detained", body=html(one + FOOTER)),
        item(2, link="https://ngo.example/press/terror-bill", body=html(two + FOOTER)),
    )
    assert [r[1:] for r in stories_of(store)] == [(None, None), (None, None)]
    # The shared footer really does overlap a lot: the guard is what keeps them apart.
    sim = similarity(*(shingles(substance("\n".join(p + FOOTER))) for p in (one, two)))
    assert sim.jaccard > 0.5 and sim.spread < StoryParams().spread


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Short note: the report is out today.",
        # All chrome: menus, share bars and "listen" lines, however many times repeated.
        "\n".join(["Home", "News", "Share on Facebook", "Listen to article", "Subscribe now"] * 30),
    ],
)
def test_empty_short_and_all_boilerplate_texts_never_cluster(store: Store, text: str) -> None:
    body = "".join(f"<p>{line}</p>" for line in text.split("\n")) if text else ""
    poll(store, "wire", item(1, link="https://wire.example/a/one-thing", body=body))
    poll(store, "paper", item(2, link="https://paper.example/b/other-thing", body=body))
    assert [r[1:] for r in stories_of(store)] == [(None, None), (None, None)]
    assert store.count("SELECT count(*) FROM story_bands") == 0


def test_the_same_site_republishing_under_a_new_url_is_a_copy(store: Store) -> None:
    edited = [*WIRE[:2], "Opposition leaders said the measure would silence reporting."]
    poll(
        store,
        "ngo",
        item(
            1,
            link="https://www.ngo.example/press/2026/media-law",
            title="Media law arrests - Press Releases | NGO International",
            body=html(WIRE),
        ),
    )
    poll(
        store,
        "ngo",
        item(
            2,
            link="https://ngo.example/latest/media-law-arrests-updated",
            title="NGO: Media law arrests",
            body=html(edited),
        ),
        now=NOW + timedelta(days=2),
    )
    (a, sa, _), (b, sb, dup) = stories_of(store)
    assert dup == a and sa == sb and sa is not None
    assert store.db.execute("SELECT duplicate_reason FROM items WHERE id = ?", [b]).fetchone() == (
        "same title",
    )


def test_a_generic_title_reused_for_different_content_proposes_nothing(store: Store) -> None:
    other = [
        "This week the tribunal heard closing arguments in the case of the eleven activists "
        "accused of organising an unauthorised rally outside the presidential palace in March.",
        "Observers from three embassies attended the hearing, which the judge adjourned until "
        "the end of the month to consider a defence request for additional witness testimony.",
    ]
    poll(
        store,
        "ngo",
        item(
            1,
            link="https://ngo.example/briefing/week-45",
            title="Weekly human rights briefing",
            body=html(WIRE),
        ),
    )
    poll(
        store,
        "ngo",
        item(
            2,
            link="https://ngo.example/briefing/week-46",
            title="Weekly human rights briefing",
            body=html(other),
        ),
        now=NOW + timedelta(days=7),
    )
    assert [r[1:] for r in stories_of(store)] == [(None, None), (None, None)]


def test_copies_far_apart_in_time_are_not_one_story(store: Store) -> None:
    poll(store, "wire", item(1, link="https://wire.example/world/media-law", body=html(WIRE)))
    poll(
        store,
        "paper",
        item(
            2,
            link="https://paper.example/news/arrests",
            body=html(COPY),
            date="Sun, 22 Dec 2024 17:39:00 +0000",
        ),
        now=NOW + timedelta(days=30),
    )
    assert [r[1] for r in stories_of(store)] == [None, None]


def test_a_same_text_copy_joins_its_originals_story(store: Store) -> None:
    poll(store, "wire", item(1, link="https://wire.example/world/media-law", body=html(WIRE)))
    poll(store, "paper", item(2, link="https://paper.example/news/arrests", body=html(WIRE)))
    (a, sa, _), (b, sb, dup) = stories_of(store)
    assert dup == a and sa == sb and sa is not None
    assert store.count("SELECT count(*) FROM story_bands WHERE item_id = ?", [b]) == 0


def test_a_seed_article_and_a_live_copy_share_a_story(store: Store) -> None:
    store.import_seeds(
        [SeedDocument("capture.txt", "1", "Media law arrests", None, PUBLISHED, "\n\n".join(WIRE))],
        NOW,
    )
    poll(store, "paper", item(2, link="https://paper.example/news/arrests", body=html(COPY)))
    assert len({r[1] for r in stories_of(store)} - {None}) == 1
    names = store.db.execute("SELECT source_names FROM stories").fetchone()[0]
    assert json.loads(names) == ["paper", "seed: capture.txt"]


def test_stories_can_be_switched_off(tmp_path: Path) -> None:
    s = Store(tmp_path / "off.db", StoreSettings(stories=StoryParams(enabled=False)))
    s.sync_feeds([FeedSpec(n, f"https://{n}.example/feed", 900) for n in ("wire", "paper")], NOW)
    poll(s, "wire", item(1, link="https://wire.example/world/media-law", body=html(WIRE)))
    poll(s, "paper", item(2, link="https://paper.example/news/arrests", body=html(COPY)))
    assert [r[1] for r in stories_of(s)] == [None, None]
    assert s.count("SELECT count(*) FROM story_bands") == 0


def test_pruning_the_index_keeps_stories_and_recent_items(store: Store) -> None:
    poll(store, "wire", item(1, link="https://wire.example/world/media-law", body=html(WIRE)))
    poll(store, "paper", item(2, link="https://paper.example/news/arrests", body=html(COPY)))
    before = store.count("SELECT count(*) FROM story_bands")
    assert store.prune_story_index(NOW + timedelta(days=1)) == 0
    assert store.prune_story_index(NOW + timedelta(days=15)) == before
    assert store.count("SELECT count(*) FROM stories") == 1


def test_signatures_are_stable_across_processes() -> None:
    """The persisted index needs the same keys for the same text in every run:
    these were computed once and written down."""
    keys = band_keys(shingles(substance("\n".join(WIRE))))
    assert len(keys) == 20 and len(set(keys)) == 20
    assert keys[:2] == EXPECTED_FIRST_KEYS


EXPECTED_FIRST_KEYS = [6897144405399350226, -5483822958861959267]


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        (
            "Media law arrests - Press Releases | Amnesty International UK",
            "amnesty.org.uk",
            "amnesty.org.uk\nmedia law arrests",
        ),
        ("Amnesty: Media law arrests", "amnesty.org.uk", "amnesty.org.uk\nmedia law arrests"),
        (
            "Media law arrests | The Daily Paper",
            "dailypaper.example",
            "dailypaper.example\nmedia law arrests",
        ),
        ("Update", "ngo.example", None),
        ("Media law arrests", None, None),
    ],
)
def test_title_keys_strip_site_names(title: str, site: str | None, expected: str | None) -> None:
    assert title_key(title, site) == expected


def test_a_trimmed_copy_is_found_by_containment() -> None:
    full = shingles(substance("\n".join(WIRE)))
    half = shingles(substance("\n".join(WIRE[:2])))
    sim = similarity(full, half)
    assert sim.jaccard < 0.6 and sim.containment == 1.0
    assert same_story(sim, StoryParams())


def test_a_republication_is_found_among_many_older_same_titled_items(store: Store) -> None:
    """Layer 5 looks at the newest same-titled items inside the window, not
    the oldest six of a recurring title."""
    for n in range(7):  # a weekly statement with the same title, different texts
        other = [f"Week {n}: " + p.replace("forty", f"{n + 10}") for p in WIRE[1:]]
        other = [f"In week {n} the council discussed item {n} of its agenda at length today."] * 3
        poll(
            store,
            "ngo",
            item(
                100 + n,
                link=f"https://ngo.example/statements/{n}",
                title="Statement on the media law",
                body=html(other),
            ),
            now=NOW - timedelta(days=60 - n),
        )
    poll(
        store,
        "ngo",
        item(
            1,
            link="https://ngo.example/statements/current",
            title="Statement on the media law",
            body=html(WIRE),
        ),
    )
    poll(
        store,
        "ngo",
        item(
            2,
            link="https://ngo.example/statements/current-v2",
            title="Statement on the media law | NGO",
            body=html(WIRE[:3]),
        ),
        now=NOW + timedelta(days=1),
    )
    row = store.db.execute(
        "SELECT duplicate_of, duplicate_reason FROM items WHERE url LIKE '%current-v2'"
    ).fetchone()
    first = store.db.execute("SELECT id FROM items WHERE url LIKE '%current'").fetchone()[0]
    assert tuple(row) == (first, "same title")
