"""Tests for monitor.ingest.capture.read: the five seed captures plus synthetic ones that
prove the rules are generic (other menus, footers, suffixes, shapes)."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.errors import MonitorError
from monitor.ingest.capture.read import (
    CaptureError,
    clean_article_text,
    normalize_text,
    parse_article,
    parse_capture,
    parse_date,
)
from monitor.types import SeedDocument
from tests.examples import examples

SEEDS = Path(__file__).resolve().parents[1] / "storage" / "seeds"
ART_000 = "000_d337f3e26ca5e5ba.txt"
ART_001 = "001_7d4c4b369c58a5be.txt"
ART_002 = "002_e1b003e4e3d7bd59.txt"
ART_003 = "003_001a2dfaae7811e2.txt"
FEED_004 = "004_8afe6238925a2c3c.txt"


def seed(name: str) -> list[SeedDocument]:
    return parse_capture((SEEDS / name).read_text(encoding="utf-8"), name)


def one(name: str) -> SeedDocument:
    records = seed(name)
    assert len(records) == 1
    return records[0]


def utc(y: int, m: int, d: int, hh: int = 0, mi: int = 0) -> datetime:
    return datetime(y, m, d, hh, mi, tzinfo=UTC)


# --------------------------------------------------------------------------- articles
@pytest.mark.parametrize(
    ("name", "title", "author", "published"),
    [
        (
            ART_000,
            "The Fight Inside Amnesty International over Its Hamas Report",
            "Charles Lane",
            utc(2025, 9, 21),
        ),
        (
            ART_001,
            "Too Little - Too Late: Amnesty International Concludes Hamas Committed Crimes "
            "Against Humanity",
            None,
            None,
        ),
        (
            ART_002,
            "Amnesty International on Thursday accused Hamas and other Palestinian armed groups "
            "of crimes against humanity…",
            None,
            None,
        ),
        (
            ART_003,
            "Amnesty International charged Hamas with crimes against humanity for the October 7 "
            "assault on Thursday, detailing…",
            None,
            utc(2025, 12, 11),
        ),
    ],
)
def test_article_metadata(
    name: str, title: str, author: str | None, published: datetime | None
) -> None:
    doc = one(name)
    assert (doc.seed_file, doc.entry_id, doc.kind) == (name, "", "article")
    assert doc.title == title
    assert len(doc.title) <= 120
    assert doc.author == author
    assert doc.published == published


MUST_HAVE = {
    ART_000: [
        # the dek stays: it is the article's own summary
        "Amnesty International claims to be an impartial human rights monitor.",
        "As the second anniversary of the October 7, 2023",
        "“Our concern is about timing and impact,” Usman Hamid",
        "Philip Luther, Amnesty's research and advocacy director",
        "In response, Amnesty's leadership suspended the section for two years",
        "It's an admirable agenda, but apparently not one that Mohar and others felt they could "
        "pursue any longer within Amnesty International.",
        # a paragraph split across a blank line is re-joined
        "reconsider the timing of the publication of the report as it may be used",
        # Markdown links become their text, emphasis markers go
        "The group has produced a 2022 report finding Israel guilty of apartheid",
        "the organization suspended its Israeli chapter after",
        "obtained by The Free Press.",
    ],
    ART_001: [
        "It took more than two years, but Amnesty International has finally concluded",
        "Key Findings",
        "Hostage Treatment: All individuals taken to Gaza",
        "How This Differs from UN Findings",
        "can have implications for future legal proceedings and diplomatic efforts.",
    ],
    ART_002: [
        "Amnesty International on Thursday accused Hamas and other Palestinian armed groups",
        "Amnesty said Hamas, including its armed wing the Izz ad-Din al-Qassam Brigades",
        "Hamas accused Amnesty of echoing Israeli “lies.”",
        "along the border with the Strip stands at 476.",
    ],
    ART_003: [
        "Amnesty International charged Hamas with crimes against humanity",
        "Israeli authorities list 1,221 people killed in the assault.",
        "describing that action as a breach of international humanitarian law.",
    ],
}
MUST_NOT_HAVE = {
    ART_000: [
        "NEWSLETTERS",
        "ACCOUNT",
        "UPGRADE",
        "LISTEN TO ARTICLE",
        "13 MINS",
        "FOLLOW COLUMN",
        "💬",
        "PDF",
        "▼",
        "By Charles Lane",
        "09.21.25",
        "GETTY IMAGES",
        "WRITES CHARLES LANE",
        "Why Is Reuters Carrying Water for Hamas?",
        "Another Reason Not to Trust",
        "Recommend",
        "A new media company built on the ideals",
        "nonresident senior",
        "TAGS:",
        "MAKE A COMMENT",
        "LIKE (7)",
        "COMMUNITY GUIDELINES",
        "Commenting has been turned off",
        "Birdie",
        "just another group dedicated to bashing Israel",
        "153 more comments",
        "More in Israel",
        "Matti Friedman",
        "Palestine 36",
        "©2026",
        "PRIVACY",
        "CAREERS",
        "DOWNLOAD THE APP",
        "](#)",
        "*",
    ],
    ART_001: ["Skip to content", "Menu", "Too Little"],
    ART_002: ["A reservist", "Tsafrir Abayov", "FLASH90"],
    ART_003: ["date 2025-12-11", "2025-12-11"],
}


@pytest.mark.parametrize("name", sorted(MUST_HAVE))
def test_article_keeps_real_text(name: str) -> None:
    text = one(name).text
    missing = [s for s in MUST_HAVE[name] if s not in text]
    assert not missing


@pytest.mark.parametrize("name", sorted(MUST_NOT_HAVE))
def test_article_drops_chrome(name: str) -> None:
    text = one(name).text
    leaked = [s for s in MUST_NOT_HAVE[name] if s in text]
    assert not leaked


def test_article_000_paragraph_boundaries() -> None:
    paras = one(ART_000).text.split("\n\n")
    assert paras[0].startswith("Amnesty International claims to be an impartial")
    assert paras[1].startswith("As the second anniversary of the October 7, 2023")
    assert paras[-1].startswith("It's an admirable agenda")
    assert len(paras) == 41


def test_article_000_pull_quotes_dropped_second_time_only() -> None:
    doc = one(ART_000)
    assert doc.text.count("Such blatant politicization of what is supposedly") == 1
    assert doc.text.count("Amnesty has shown it can get a report out in a timely fashion") == 1
    # the first occurrence is the long paragraph, which stays whole
    assert "Middle East. The group has produced a 2022 report" in doc.text
    assert (
        "Amnesty has shown it can get a report out in a timely fashion when the subject is "
        "Israel's alleged wrongdoing." in doc.removed
    )


def test_article_000_removed_is_an_audit_trail_in_document_order() -> None:
    removed = one(ART_000).removed
    for line in ("NEWSLETTERS", "13 MINS", "Birdie Sep 24", "More in Israel", "NOTICE"):
        assert line in removed
    assert removed.index("NEWSLETTERS") < removed.index("Birdie Sep 24") < removed.index("NOTICE")
    assert all(line == line.strip() and line for line in removed)


def test_article_001_headings_kept_as_own_paragraphs() -> None:
    paras = one(ART_001).text.split("\n\n")
    assert paras[0].startswith("It took more than two years")
    assert "Key Findings" in paras
    assert "The Broader Context" in paras
    assert one(ART_001).removed == ("Skip to content", "Menu")


def test_article_002_glued_caption_removed_following_sentence_kept() -> None:
    doc = one(ART_002)
    assert any(
        p.startswith("Amnesty said Hamas, including its armed wing") for p in doc.text.split("\n\n")
    )
    assert len(doc.removed) == 1
    assert doc.removed[0].startswith("A reservist, with his gun slung across his back")
    assert doc.removed[0].endswith("(Tsafrir Abayov/FLASH90)")
    # single-newline paragraphs: every source line is one paragraph
    assert len(doc.text.split("\n\n")) == 29


def test_article_003_metadata_line_is_not_text() -> None:
    doc = one(ART_003)
    assert doc.text.startswith("Amnesty International charged Hamas with crimes against humanity")
    assert "date" not in doc.text.split()[0:3]
    assert len(doc.text.split("\n\n")) == 7


# --------------------------------------------------------------------------- feed
def test_feed_entry_count_and_ids() -> None:
    records = seed(FEED_004)
    assert len(records) == 15
    assert [r.entry_id for r in records] == [str(n) for n in range(1, 16)]
    assert {r.kind for r in records} == {"feed-entry"}
    assert {r.seed_file for r in records} == {FEED_004}
    assert all(r.author is None for r in records)


def test_feed_dates_are_aware_utc() -> None:
    records = seed(FEED_004)
    assert records[0].published == utc(2024, 11, 22, 17, 39)
    assert records[4].published == utc(2024, 11, 21, 8, 48)
    assert records[5].published == utc(2023, 12, 22, 17, 31)  # "Dec 22 2023 5:31 pm"
    assert records[14].published == utc(2023, 12, 14, 16, 44)
    for r in records:
        assert r.published is not None and r.published.utcoffset() == timedelta(0)


def test_feed_titles_lose_repeated_site_suffix() -> None:
    titles = [r.title for r in seed(FEED_004)]
    assert titles[0] == (
        "UK: Government is hiding behind 'domestic processes' on Netanyahu arrest - legal expert"
    )
    assert titles[2] == (
        "Australia: Authorities must regulate social media instead of banning access for "
        "children and young people"
    )
    assert titles[5] == (
        "Iran: Swedish-Iranian academic Ahmadreza Djalali at grave risk of ‘retaliatory’ execution"
    )
    assert titles[14] == "Hong Kong: Police issue ‘absurd’ cash bounties on overseas activists"
    assert not any("Press Releases" in t or "|" in t for t in titles)


def test_feed_entry_bodies_are_clean() -> None:
    records = seed(FEED_004)
    for r in records:
        for chrome in (
            "Getty Images",
            "©",
            "Issue Small Image",
            "Issues Short Copy",
            "Phone showing social media apps",
            "kai.akram",
            "Rachel.Reilly",
            "Neil Durkin",
            "\xa0",
            "Latest Amnesty International News",
            "Older News",
            "Follow the latest news",
            "We want to demonstrate",
            "Press Releases",
        ):
            assert chrome not in r.text, (r.entry_id, chrome)
        assert not r.text.startswith(r.title)  # the first line repeating the title is gone


def test_feed_entry_texts() -> None:
    records = seed(FEED_004)
    first = records[0].text.split("\n\n")
    assert first[0].startswith("Commenting on UK ministers and Government spokespeople")
    assert first[-1].startswith("Yesterday, in response to the International Criminal Court")
    third = records[2].text.split("\n\n")
    # the standfirst stays once; its short-copy repeat in the CMS trailer goes
    assert third[0] == (
        "Australian government introduced a bill in parliament that aims to ban social media "
        "for children under 16"
    )
    assert records[2].text.count("aims to ban social media for children under 16") == 1
    assert third[-1].startswith("Amnesty has previously stated that the surveillance-based")
    assert "Banning Instagram, TikTok, Facebook and X" in third  # a real sub-heading
    assert "Legal timeline" in records[1].text.split("\n\n")
    assert records[1].text.split("\n\n")[-1].startswith("Earlier today, ICC pre-trial chamber")
    assert records[3].text.endswith("efforts to bring him to trial.")
    assert records[4].text.endswith("misuse against journalists and activists globally.")
    assert records[5].text == (
        "Earlier this week a Swedish court upheld a life sentence against a former Iranian "
        "official implicated in prison massacres Ahmadreza Djalali has been arbitrarily held in "
        "Iran for past seven-and-a-half…"
    )
    assert records[14].text.startswith("Five exiled pro-democracy activists")


def test_feed_removed_keeps_cms_leftovers_and_page_text() -> None:
    records = seed(FEED_004)
    assert "Latest Amnesty International News" in records[0].removed
    assert "Neil Durkin" in records[0].removed
    assert "© Ali Jadallah/Anadolu via Getty Images" in records[1].removed
    assert {"kai.akram", "Issue Small Image", "Issues Short Copy"} <= set(records[2].removed)
    assert "Older News – 2023" in records[4].removed
    assert "Amnesty News" in records[14].removed
    assert records[7].removed == ()


# --------------------------------------------------------------------------- output format
def all_records() -> list[SeedDocument]:
    return [r for p in sorted(SEEDS.glob("*.txt")) for r in seed(p.name)]


def test_seed_files_all_parse() -> None:
    assert len(sorted(SEEDS.glob("*.txt"))) == 5
    assert len(all_records()) == 4 + 15


def test_text_format_invariants() -> None:
    for r in all_records():
        assert r.text, r.entry_id
        assert r.text == unicodedata.normalize("NFC", r.text)
        assert "\n\n\n" not in r.text
        assert not r.text.startswith("\n") and not r.text.endswith("\n")
        for para in r.text.split("\n\n"):
            assert para and "\n" not in para
            assert para == " ".join(para.split()), para  # no double, trailing, odd spaces
        assert r.title and r.title == " ".join(r.title.split())


# --------------------------------------------------------------------------- synthetic
OTHER_SITE = """\
Home
Subscribe · Sign in
Search

Local council approves new bike lanes

Cyclists ride along Main Street. (Jane Roe/City Photos)

By Maria Lopez and Tom Ng | March 3, 2024

5 min read

The city council voted on Tuesday to approve a network of protected bike lanes across the \
downtown area, after months of debate.

Supporters said the lanes would make commuting safer. Opponents worried about parking.

Share  |  Tweet 12

The plan will cost an estimated $4 million and construction will start in
the spring, the council said.

RELATED
Council delays vote on parking fees

"We are thrilled," said a local cycling advocate, adding that the lanes were long overdue.

Supporters said the lanes would make commuting safer.

Related articles
Mayor unveils budget
Readers react to the budget in a long letters page that goes on for a while.
© 2024 Example Gazette Media Group
Contact · Privacy Policy · Cookie Settings
"""


def test_synthetic_article_with_other_menu_and_footer() -> None:
    [doc] = parse_capture(OTHER_SITE, "other.txt")
    assert doc.title == "Local council approves new bike lanes"
    assert doc.author == "Maria Lopez and Tom Ng"
    assert doc.published == utc(2024, 3, 3)
    assert doc.text.split("\n\n") == [
        "The city council voted on Tuesday to approve a network of protected bike lanes across "
        "the downtown area, after months of debate.",
        "Supporters said the lanes would make commuting safer. Opponents worried about parking.",
        "The plan will cost an estimated $4 million and construction will start in the spring, "
        "the council said.",
        '"We are thrilled," said a local cycling advocate, adding that the lanes were long '
        "overdue.",
    ]
    for chrome in (
        "Cyclists ride along Main Street. (Jane Roe/City Photos)",
        "Mayor unveils budget",
        "Council delays vote on parking fees",
        "© 2024 Example Gazette Media Group",
        "5 min read",
        "Home",
    ):
        assert chrome in doc.removed


def test_synthetic_comments_early_do_not_cut_the_article() -> None:
    # A "Comments (3)" button right after the first paragraph is chrome, but the
    # tail only starts once most of the prose is behind: nothing real is lost.
    body = " ".join(["Every word of this paragraph is real reporting that must be kept."] * 3)
    capture = (
        f"A headline for the test\n\n{body}\n\nSecond real paragraph here, also kept.\n\n"
        f"Comments (3)\n\n{body.replace('Every', 'Each')}\n\n{body.replace('Every', 'All')}\n"
    )
    doc = parse_article(capture)
    assert doc.title == "A headline for the test"
    assert len(doc.text.split("\n\n")) == 4
    assert doc.removed == ("Comments (3)",)


def test_synthetic_caption_rule_needs_a_sentence_before_the_credit() -> None:
    text = (
        "A poll (Reuters/Ipsos) found most voters undecided about the new lanes.\n\n"
        "Officials inspect the site on Monday. (John Smith/AP) The works start next week."
    )
    doc = parse_article(text)
    assert doc.text.split("\n\n") == [
        "A poll (Reuters/Ipsos) found most voters undecided about the new lanes.",
        "The works start next week.",
    ]
    assert doc.removed == ("Officials inspect the site on Monday. (John Smith/AP)",)


def test_synthetic_feed_with_other_suffix_and_trailer() -> None:
    capture = """Intro text of the page that is not an entry.

 * 2024-05-01T10:00:00Z: First story | Example Wire
     First story
     Body one has real words.

     j.doe
 * 2024-05-02T11:30:00+02:00: Second story | Example Wire
     Body two: the title line is not repeated here.
     Jane Editor
     © Some Photographer/Agency

Page outro.
"""
    records = parse_capture(capture, "wire.txt")
    assert [(r.entry_id, r.title, r.published) for r in records] == [
        ("1", "First story", utc(2024, 5, 1, 10)),
        ("2", "Second story", utc(2024, 5, 2, 9, 30)),
    ]
    assert [r.text for r in records] == [
        "Body one has real words.",
        "Body two: the title line is not repeated here.",
    ]
    assert records[0].removed[0] == "Intro text of the page that is not an entry."
    assert "j.doe" in records[0].removed
    assert records[1].removed == ("© Some Photographer/Agency", "Jane Editor", "Page outro.")


def test_synthetic_listing_feed() -> None:
    capture = (
        "Archive\n\nMay 1 2024 10:00 am\nStory A title\n\nSummary of story A…\n\n"
        "2 May 2024 15:15\nStory B title\n\nSummary of story B…\n\nFooter line.\n"
    )
    records = parse_capture(capture, "listing.txt")
    assert [(r.title, r.published, r.text) for r in records] == [
        ("Story A title", utc(2024, 5, 1, 10), "Summary of story A…"),
        ("Story B title", utc(2024, 5, 2, 15, 15), "Summary of story B…"),
    ]
    assert records[1].removed == ("Footer line.",)


def test_dated_timeline_without_times_stays_an_article() -> None:
    capture = (
        "Timeline of the case\n\n20 May 2024: The prosecutor applied for warrants.\n\n"
        "21 Nov 2024: The court issued the warrants.\n"
    )
    [doc] = parse_capture(capture, "timeline.txt")
    assert doc.kind == "article"
    assert doc.title == "Timeline of the case"
    assert "21 Nov 2024: The court issued the warrants." in doc.text


def test_title_derived_from_short_first_sentence() -> None:
    doc = parse_article("The mayor resigned. Nobody expected it on a Monday morning.")
    assert doc.title == "The mayor resigned"
    assert doc.text == "The mayor resigned. Nobody expected it on a Monday morning."


# --------------------------------------------------------------------------- edge cases
@pytest.mark.parametrize("capture", ["", "   \n\n\t\n", "\u202e\u200b\n"])
def test_empty_capture_raises(capture: str) -> None:
    with pytest.raises(CaptureError, match="empty capture"):
        parse_capture(capture, "empty.txt")


def test_chrome_only_capture_raises_with_audit_trail() -> None:
    with pytest.raises(CaptureError, match="nothing but page chrome") as info:
        parse_capture("Skip to content\nMenu\n\nSHARE\n\nLIKE (3)\n\n💬 12\n", "chrome.txt")
    assert isinstance(info.value, MonitorError)
    assert info.value.removed == ("Skip to content", "Menu", "SHARE", "LIKE (3)", "💬 12")
    assert "chrome.txt" in str(info.value)


def test_crlf_capture_equals_lf_capture() -> None:
    raw = (SEEDS / ART_000).read_text(encoding="utf-8")
    assert "\r" not in raw
    assert parse_capture(raw.replace("\n", "\r\n"), ART_000) == seed(ART_000)
    assert parse_capture(raw.replace("\n", "\r"), ART_000) == seed(ART_000)


def test_bidi_and_control_characters_stripped() -> None:
    capture = (
        "Odd\u202e headline\u2066 here\n\n"
        "The\x07 council\u200f met on Tuesday\x00 and cafe\u0301 owners\u00a0 came.\r\n"
    )
    doc = parse_article(capture)
    assert doc.title == "Odd headline here"
    assert doc.text == "The council met on Tuesday and café owners came."
    assert doc.text == unicodedata.normalize("NFC", doc.text)


def test_normalize_text_keeps_zwj_and_lines() -> None:
    assert normalize_text("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert normalize_text("👩\u200d💻\x1b[0m") == "👩\u200d💻[0m"


def test_clean_article_text_is_the_article_text() -> None:
    raw = (SEEDS / ART_001).read_text(encoding="utf-8")
    assert clean_article_text(raw) == one(ART_001).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fri, 22 Nov 2024 17:39:00 +0000", utc(2024, 11, 22, 17, 39)),
        ("2024-05-02T11:30:00+02:00", utc(2024, 5, 2, 9, 30)),
        ("2025-12-11", utc(2025, 12, 11)),
        ("Dec 22 2023 5:31 pm", utc(2023, 12, 22, 17, 31)),
        ("Dec 22 2023 12:05 am", utc(2023, 12, 22, 0, 5)),
        ("September 21, 2025", utc(2025, 9, 21)),
        ("21 Sep 2025", utc(2025, 9, 21)),
        ("09.21.25", utc(2025, 9, 21)),
        ("21/09/2025", utc(2025, 9, 21)),  # first number > 12: day first
        ("Sep 24", None),  # no year: not a date we can place
        ("02.30.25", None),
        ("By Saturday", None),
        ("Tuesday", None),
        ("since 7 October 2023", None),
        ("Tuesday, 7 October 2025", utc(2025, 10, 7)),
    ],
)
def test_parse_date(text: str, expected: datetime | None) -> None:
    assert parse_date(text) == expected


_LINES = st.sampled_from(
    [
        "",
        "   ",
        "\xa0",
        "SHARE",
        "Menu",
        "By Jane Doe",
        "09.21.25 — World",
        "  • Fri, 22 Nov 2024 17:39:00 +0000: A title - Site",
        "Dec 22 2023 5:31 pm",
        "A short headline here",
        "A real sentence that is long enough to count as prose in the body.",
        "Caption of a photo. (Ann Lee/AFP)Next sentence follows here.",
        "© 2024 Some Site",
        "More in World",
        "ends mid",
        "continues in lower case.",
        "\u202e\x07",
    ]
)


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=25))
def test_any_capture_gives_clean_records_or_capture_error(lines: list[str]) -> None:
    try:
        records = parse_capture("\n".join(lines), "fuzz.txt")
    except CaptureError:
        return
    assert records
    for r in records:
        assert r.kind in {"article", "feed-entry"}
        assert r.published is None or r.published.utcoffset() is not None
        assert "\n\n\n" not in r.text and r.text == r.text.strip()
        assert r.text == unicodedata.normalize("NFC", r.text)
        assert not any(c in r.text for c in "\u202e\x07\r\xa0")
