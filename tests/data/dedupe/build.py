"""Build ``pairs.jsonl``: a labelled evaluation set for near-duplicate /
same-story detection.

Each line of the output is one pair of articles (``a``, ``b``) with a
``kind`` and a ``same`` label: should a news monitor show the two as one
story?  The set gates the dedupe feature (precision >= 0.99, recall >= 0.9),
so the negatives are deliberately hard.  See README.md for the kinds, the
counts and how the labels were decided.

Where the texts come from
-------------------------
All texts were written by hand for this set; every event, person, quote and
figure in them is fictional and every site is a ``.example`` domain.

* ``corpus_wire``, ``corpus_foreign``, ``corpus_releases``: 40 base articles
  (agency stories in English, French, Spanish and German, NGO and UN
  releases, newspapers' own stories).  Each base carries the material for
  its "same" variants: alternative headlines, small wording edits a
  republisher makes, a sentence one might insert, and the paragraphs a later
  update adds.
* ``corpus_same_event``: other outlets' own, independently worded reports of
  14 of those events, sharing quoted sentences and facts.
* ``corpus_follow_ups``: follow-up stories that repeat a background paragraph
  of the original verbatim.
* ``corpus_boilerplate``: releases sharing a long footer, releases built on
  the same template sentences, and recurring items under one generic title.

What this script does
---------------------
"Same" pairs are derived from a base by recipes that imitate what outlets do
to copy: add a dateline, drop the agency credit, apply a few of the base's
hand-written wording edits, insert a sentence, re-break paragraphs, switch to
US spelling, cut the ending at a paragraph (or sentence) boundary, add update
paragraphs, change the headline and URL.  Words are never shuffled or
replaced at random.  "Different" pairs are combinations of the hand-written
texts.  Every pair's ``note`` says what was done.

The build is deterministic: every random choice comes from a
``random.Random`` seeded with :data:`SEED` and the pair's own name, so
editing one base does not change the others' variants.  The script
validates the result (word counts, distinct URLs, dates, the quotes shared
by same_event pairs, the verbatim background of follow-ups, the share cut
by trimmed copies, per-kind minimum counts) and refuses to write a set that
fails.

Run from anywhere, standard library only::

    python tests/data/dedupe/build.py          # writes pairs.jsonl
    python tests/data/dedupe/build.py --check  # fails if pairs.jsonl is stale
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import unicodedata
import zlib
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import corpus_boilerplate  # noqa: E402
import corpus_follow_ups  # noqa: E402
import corpus_foreign  # noqa: E402
import corpus_releases  # noqa: E402
import corpus_same_event  # noqa: E402
import corpus_wire  # noqa: E402

# A corpus entry, an article as written out ({site,title,url,published,text})
# and a finished pair are all plain JSON-like dicts.
Data = dict[str, Any]

SEED = "dedupe-pairs-v1"
OUT = HERE / "pairs.jsonl"

SAME_KINDS = ("wire_edit", "trimmed", "headline", "updated", "republished_same_site")
DIFFERENT_KINDS = (
    "same_event",
    "boilerplate_footer",
    "template_release",
    "follow_up",
    "same_title_other_story",
)
ID_PREFIX = {
    "wire_edit": "wire-edit",
    "trimmed": "trimmed",
    "headline": "headline",
    "updated": "updated",
    "republished_same_site": "republished",
    "same_event": "same-event",
    "boilerplate_footer": "footer",
    "template_release": "template",
    "follow_up": "follow-up",
    "same_title_other_story": "same-title",
}
MIN_COUNT = {
    "same_event": 35,
    "boilerplate_footer": 30,
    "template_release": 15,
    "follow_up": 15,
    "same_title_other_story": 10,
}
MIN_WORDS = 80
TRIM_RANGE = (0.20, 0.45)
# The most two texts of a pair may be apart, by kind (days).
MAX_GAP_DAYS = {"follow_up": 14.0, "same_title_other_story": 7.0}
DEFAULT_MAX_GAP_DAYS = 6.0

AGENCY_SITES = {
    "wire.example",
    "newsagency.example",
    "agence.example",
    "agencia.example",
    "dienst.example",
}
# Outlets that run agency copy, by language.
REPUBLISHERS = {
    "en": [
        "dailypaper.example",
        "globalpost.example",
        "citytimes.example",
        "theherald.example",
        "morningstar.example",
        "newsroom24.example",
        "eveningtribune.example",
        "thecourier.example",
    ],
    "fr": ["lemonde.example", "lapresse.example", "ouest-info.example", "courrier-sud.example"],
    "es": ["eldiario.example", "lanacion.example", "prensalibre.example"],
    "de": ["tageblatt.example", "rundschau.example", "nordkurier.example"],
}
# Sites that repost NGO and UN material.
AGGREGATORS = ["ngo-news.example", "reliefhub.example", "rights-digest.example"]
# Newspapers that share copy within a group (headline-only syndication).
PARTNERS = {
    "citytimes.example": "theherald.example",
    "theherald.example": "citytimes.example",
    "dailypaper.example": "sundaypaper.example",
}
# How each organisation's pages spell their <title>; the first suffix is the
# original's, a same-site republication uses another one.
TITLE_SUFFIXES = {
    "amnesty.example": [
        " - Press Releases | Amnesty International UK",
        " | Amnesty UK",
        " | Amnesty International UK",
    ],
    "rightsfirst.example": [
        " | Rights First International",
        " - News - Rights First International",
        " – Rights First",
    ],
    "ohchr.example": [" | OHCHR", " - Press releases | OHCHR", " | UN Human Rights Office"],
    "pressfreedom.example": [" | Committee for Free Press", " - CFP", " | CFP News"],
    "climateaction.example": [
        " | Climate Action Coalition",
        " – Climate Action Coalition",
        " | CAC",
    ],
    "refugeecouncil.example": [
        " | Refugee Action Council",
        " - News | Refugee Action Council",
        " | RAC",
    ],
    "un-news.example": [" | UN News", " - UN News"],
}
ORG_NAMES = {
    "amnesty.example": "Amnesty International UK",
    "rightsfirst.example": "Rights First International",
    "ohchr.example": "the UN Human Rights Office (OHCHR)",
    "pressfreedom.example": "the Committee for Free Press",
    "climateaction.example": "the Climate Action Coalition",
    "refugeecouncil.example": "the Refugee Action Council",
    "un-news.example": "UN News",
}
# Where a site files a republished copy of a page (a different path).
REPUBLISH_SECTIONS = {
    "amnesty.example": "en/latest/news",
    "rightsfirst.example": "en/latest",
    "ohchr.example": "en/statements",
    "pressfreedom.example": "news",
    "climateaction.example": "press",
    "refugeecouncil.example": "news-and-media",
}
# British to US spelling, applied by US-style republishers of English copy.
UK_TO_US = [
    ("organisations", "organizations"),
    ("organisation", "organization"),
    ("programmes", "programs"),
    ("programme", "program"),
    ("defence", "defense"),
    ("centres", "centers"),
    ("centre", "center"),
    ("labour", "labor"),
    ("signalled", "signaled"),
    ("mobilising", "mobilizing"),
    ("kilogrammes", "kilograms"),
    ("neighbours", "neighbors"),
    ("favours", "favors"),
    ("favour", "favor"),
    ("criticised", "criticized"),
    ("criticises", "criticizes"),
    ("recognise", "recognize"),
    ("authorisation", "authorization"),
    ("travelling", "traveling"),
    ("per cent", "percent"),
    ("rumours", "rumors"),
    ("stabilise", "stabilize"),
    ("apologised", "apologized"),
    ("sceptical", "skeptical"),
]

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"»”]?\s+(?=[A-Z\"«„¿¡ÁÉÍÓÚÀÂÇÈÊÎÔÛÄÖÜ])")
_QUOTED = re.compile(r"\"([^\"]+)\"|«\s*([^»]+?)\s*»|„([^“]+)“|“([^”]+)”")


# ---------------------------------------------------------------- helpers


def paragraphs(block: str) -> list[str]:
    """Paragraphs of a corpus text block (blank-line separated; single line
    breaks inside a paragraph are only source formatting)."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", block.strip()) if p.strip()]


def words(text: str) -> int:
    return len(text.split())


def parse_time(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def fmt_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def later(stamp: str, hours: float) -> str:
    return fmt_time(parse_time(stamp) + timedelta(hours=hours))


def slugify(title: str, max_words: int = 9) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_title.lower())[:max_words])


def make_url(site: str, section: str, title: str, published: str, tail: str = "") -> str:
    """A plausible article URL in the site's own style."""
    when = parse_time(published)
    slug = slugify(title) + tail
    y, m, d = f"{when:%Y}", f"{when:%m}", f"{when:%d}"
    if site == "wire.example":
        code = f"{zlib.crc32(slug.encode()):08X}"
        return f"https://wire.example/{section}/{slug}-id{code}/"
    if site == "newsagency.example":
        return f"https://newsagency.example/{section}/{y}{m}{d}/{slug}"
    if site in ("agence.example", "agencia.example", "dienst.example"):
        return f"https://{site}/{section}/{slug}-{y}{m}{d}"
    if site in TITLE_SUFFIXES:
        return f"https://{site}/{section}/{y}/{m}/{slug}"
    return f"https://{site}/{section}/{y}/{m}/{d}/{slug}"


def display_title(site: str, title: str, variant: int = 0) -> str:
    """The page title as the site shows it (site-name suffix included)."""
    suffixes = TITLE_SUFFIXES.get(site)
    return title + suffixes[variant] if suffixes else title


def article(site: str, title: str, url: str, published: str, paras: list[str]) -> Data:
    return {
        "site": site,
        "title": title,
        "url": url,
        "published": published,
        "text": "\n\n".join(paras),
    }


def rng_for(*parts: object) -> random.Random:
    return random.Random(":".join([SEED, *map(str, parts)]))


def base_type(base: Data) -> str:
    if base["site"] in AGENCY_SITES:
        return "agency"
    if base["site"] in TITLE_SUFFIXES:
        return "release"
    return "news"


# ------------------------------------------------------------ edit steps


def apply_edits(paras: list[str], edits: list[tuple[str, str]]) -> list[str]:
    """Apply (old, new) replacements, each to its first occurrence."""
    out = list(paras)
    for old, new in edits:
        for i, para in enumerate(out):
            if old in para:
                out[i] = para.replace(old, new, 1)
                break
        else:
            raise ValueError(f"edit target not found: {old!r}")
    return out


def split_sentences(para: str) -> list[str]:
    """Sentences of a paragraph, never splitting inside a quotation."""
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(para):
        left = para[start : match.start()]
        ending = match.group(0).strip()
        chunk = left + ending
        if chunk.count('"') % 2 == 0 and chunk.count("«") == chunk.count("»"):
            pieces.append(chunk.strip())
            start = match.end()
    pieces.append(para[start:].strip())
    return [p for p in pieces if p]


def rebreak(paras: list[str], rng: random.Random) -> tuple[list[str], str]:
    """Merge two short neighbouring paragraphs or split a long one."""
    out = list(paras)
    mergeable = [i for i in range(1, len(out) - 1) if words(out[i]) + words(out[i + 1]) <= 110]
    splittable = [i for i, p in enumerate(out) if len(split_sentences(p)) >= 3]
    if mergeable and (not splittable or rng.random() < 0.5):
        i = rng.choice(mergeable)
        out[i : i + 2] = [out[i] + " " + out[i + 1]]
        return out, "two paragraphs merged"
    if splittable:
        i = rng.choice(splittable)
        sentences = split_sentences(out[i])
        cut = rng.randint(1, len(sentences) - 1)
        out[i : i + 1] = [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
        return out, "a paragraph split in two"
    return out, ""


def us_spelling(paras: list[str]) -> tuple[list[str], int]:
    changed = 0
    out = []
    for para in paras:
        for uk, us in UK_TO_US:
            pattern = re.compile(rf"\b{uk}\b", re.IGNORECASE)

            def repl(m: re.Match[str], us: str = us) -> str:
                return us[0].upper() + us[1:] if m.group(0)[0].isupper() else us

            para, n = pattern.subn(repl, para)
            changed += n
        out.append(para)
    return out, changed


def trim_point(paras: list[str], target: float) -> tuple[list[str], float, str]:
    """Cut the ending so that about ``target`` of the words go; at a paragraph
    boundary if one falls in TRIM_RANGE, else at a sentence boundary."""
    total = sum(words(p) for p in paras)
    low, high = TRIM_RANGE
    candidates = []
    for keep in range(1, len(paras)):
        kept = paras[:keep]
        cut = 1 - sum(words(p) for p in kept) / total
        if low <= cut <= high:
            candidates.append((abs(cut - target), kept, cut, "paragraph"))
    if not candidates:
        for i, para in enumerate(paras):
            sentences = split_sentences(para)
            for j in range(1, len(sentences)):
                kept = [*paras[:i], " ".join(sentences[:j])]
                cut = 1 - sum(words(p) for p in kept) / total
                if low <= cut <= high:
                    candidates.append((abs(cut - target), kept, cut, "sentence"))
    if not candidates:
        raise ValueError("no cut point in range")
    _, kept, cut, where = min(candidates, key=lambda c: c[0])
    return kept, cut, where


# -------------------------------------------------------------- recipes


def original(base: Data) -> Data:
    """The base article as its own site published it."""
    paras = paragraphs(base["text"])
    if base.get("credit"):
        paras = [*paras, base["credit"]]
    return article(
        base["site"],
        display_title(base["site"], base["title"]),
        make_url(base["site"], base["section"], base["title"], base["published"]),
        base["published"],
        paras,
    )


def pick_outlet(base: Data, rng: random.Random, avoid: set[str]) -> str:
    if base_type(base) == "release" or base["site"] == "un-news.example":
        pool = AGGREGATORS
    else:
        pool = REPUBLISHERS[base.get("lang", "en")]
    choices = [s for s in pool if s != base["site"] and s not in avoid]
    if not choices:
        raise ValueError(f"{base['key']}: no outlet left to republish it")
    return rng.choice(choices)


def other_title(base: Data, rng: random.Random) -> str:
    title: str = rng.choice(base["titles"])
    return title


def recipe_wire_edit(base: Data, rng: random.Random, used: set[str]) -> tuple[Data, str]:
    site = pick_outlet(base, rng, used)
    paras = paragraphs(base["text"])
    ops = []
    if base["edits"]:
        chosen = rng.sample(base["edits"], rng.randint(1, min(3, len(base["edits"]))))
        paras = apply_edits(paras, chosen)
        ops.append(f"{len(chosen)} wording edit{'s' if len(chosen) > 1 else ''}")
    if base.get("insert") and rng.random() < 0.6:
        index, sentence = base["insert"]
        paras[index] = paras[index] + " " + sentence
        ops.append("one sentence inserted")
    if rng.random() < 0.6:
        paras, what = rebreak(paras, rng)
        if what:
            ops.append(what)
    if base.get("lang", "en") == "en" and rng.random() < 0.5:
        paras, changed = us_spelling(paras)
        if changed:
            ops.append(f"US spelling ({changed} words)")
    if base_type(base) == "agency":
        paras[0] = base["dateline"] + paras[0]
        ops.append("dateline added")
        if rng.random() < 0.35:
            paras.append(base["credit"])
        else:
            ops.append("agency credit dropped")
    elif base_type(base) == "release" or base["site"] == "un-news.example":
        paras.append(f"This content was originally published by {ORG_NAMES[base['site']]}.")
        ops.append("source line appended")
    if rng.random() < 0.8:
        title = other_title(base, rng)
        ops.append("new headline")
    else:
        title = base["title"]
        ops.append("same headline")
    published = later(base["published"], rng.randint(1, 9) + rng.randint(0, 59) / 60)
    section = "world" if base_type(base) == "agency" else "reposts"
    b = article(site, title, make_url(site, section, title, published), published, paras)
    return b, f"{site} republishes the {base['site']} story: " + ", ".join(ops)


def recipe_trimmed(base: Data, rng: random.Random, used: set[str]) -> tuple[Data | None, Data, str]:
    site = pick_outlet(base, rng, used)
    paras = paragraphs(base["text"])
    kept, cut, where = trim_point(paras, rng.uniform(*TRIM_RANGE))
    ops = [f"last {round(cut * 100)}% cut at a {where} boundary"]
    usable = [e for e in base["edits"] if any(e[0] in p for p in kept)]
    if usable and rng.random() < 0.6:
        chosen = rng.sample(usable, rng.randint(1, min(2, len(usable))))
        kept = apply_edits(kept, chosen)
        ops.append(f"{len(chosen)} wording edit{'s' if len(chosen) > 1 else ''}")
    if base.get("insert") and base["insert"][0] < len(kept) and rng.random() < 0.3:
        index, sentence = base["insert"]
        kept[index] = kept[index] + " " + sentence
        ops.append("one sentence inserted")
    if base.get("lang", "en") == "en" and rng.random() < 0.4:
        kept, changed = us_spelling(kept)
        if changed:
            ops.append(f"US spelling ({changed} words)")
    if base_type(base) == "agency" and rng.random() < 0.7:
        kept[0] = base["dateline"] + kept[0]
        ops.append("dateline added")
    title = other_title(base, rng) if rng.random() < 0.8 else base["title"]
    published = later(base["published"], rng.randint(1, 12) + rng.randint(0, 59) / 60)
    b = article(site, title, make_url(site, "news", title, published), published, kept)
    note = f"{site} runs the {base['site']} story shortened: " + ", ".join(ops)
    # A monitor often sees two outlets' copies and never the agency's own:
    # then the other side is a second outlet's edited copy.
    if rng.random() < 0.4:
        used.add(site)
        a, a_note = recipe_wire_edit(base, rng, used)
        used.add(a["site"])
        a_ops = a_note.split(": ", 1)[1]
        return a, b, f"{note}; the other side is {a['site']}'s edited copy ({a_ops})"
    return None, b, note


def recipe_headline(
    base: Data, rng: random.Random, used: set[str]
) -> tuple[Data | None, Data, str]:
    paras = original(base)["text"].split("\n\n")
    ops = ["same text under a different headline"]
    if base.get("insert") and rng.random() < 0.5:
        index, sentence = base["insert"]
        paras[index] = paras[index] + " " + sentence
        ops.append("one sentence added")
    title = other_title(base, rng)
    published = later(base["published"], rng.randint(1, 20) + rng.randint(0, 59) / 60)
    if base_type(base) == "news":
        if base["site"] in PARTNERS and rng.random() < 0.5:
            site = PARTNERS[base["site"]]
            where = f"partner paper {site} runs {base['site']}'s story"
        else:
            site = base["site"]
            where = f"{site} re-headlines its own story at a new URL"
        url = make_url(site, base["section"], title, published)
    else:
        site = pick_outlet(base, rng, used)
        where = f"{site} runs the {base['site']} text"
        url = make_url(site, "news", title, published)
    b = article(site, title, url, published, paras)
    return None, b, f"{where}: " + ", ".join(ops)


def recipe_updated(base: Data, rng: random.Random, used: set[str]) -> tuple[Data | None, Data, str]:
    update = base["update"]
    paras = apply_edits(paragraphs(base["text"]), update["edits"])
    ops = []
    if update["edits"]:
        n = len(update["edits"])
        ops.append(f"{n} phrase{'s' if n > 1 else ''} reworded")
    spare = [e for e in base["edits"] if any(e[0] in p for p in paras)]
    if spare and rng.random() < 0.4:
        paras = apply_edits(paras, [rng.choice(spare)])
        ops.append("1 more wording edit")
    if update.get("drop_last"):
        paras = paras[: -update["drop_last"]]
        ops.append(f"last {update['drop_last']} paragraph(s) removed")
    paras = list(update["top"]) + paras + list(update["bottom"])
    if update["top"]:
        ops.append(f"{len(update['top'])} new paragraph(s) on top")
    if update["bottom"]:
        ops.append(f"{len(update['bottom'])} new paragraph(s) at the bottom")
    if base.get("credit"):
        paras.append(base["credit"])
    title = update.get("title") or base["title"]
    if title != base["title"]:
        ops.append("headline changed")
    published = later(base["published"], update["hours"] + rng.randint(0, 59) / 60)
    url = make_url(base["site"], base["section"], title, published)
    if url == original(base)["url"]:
        url = make_url(base["site"], base["section"], title, published, tail="-updated")
    b = article(base["site"], display_title(base["site"], title), url, published, paras)
    hours = update["hours"]
    note = f"{base['site']} updates its story {hours}h later at a new URL: " + ", ".join(ops)
    return None, b, note


def recipe_republished(
    base: Data, rng: random.Random, used: set[str]
) -> tuple[Data | None, Data, str]:
    site = base["site"]
    # The variant counter in ``used`` keeps two republications of one base on
    # different suffixes and paths.
    nth = sum(1 for u in used if u.startswith("republish:"))
    used.add(f"republish:{nth}")
    variant = 1 + nth % (len(TITLE_SUFFIXES[site]) - 1)
    paras = paragraphs(base["text"])
    ops = [
        f"title suffix {TITLE_SUFFIXES[site][0].strip()!r} -> "
        f"{TITLE_SUFFIXES[site][variant].strip()!r}"
    ]
    if base["edits"]:
        chosen = rng.sample(base["edits"], rng.randint(1, min(2, len(base["edits"]))))
        paras = apply_edits(paras, chosen)
        ops.append(f"{len(chosen)} small edit{'s' if len(chosen) > 1 else ''}")
    if rng.random() < 0.4:
        paras, what = rebreak(paras, rng)
        if what:
            ops.append(what)
    published = later(base["published"], 24 * (nth + 1) + rng.randint(0, 36))
    section = REPUBLISH_SECTIONS[site] if nth == 0 else REPUBLISH_SECTIONS[site] + "/archive"
    url = make_url(site, section, base["title"], published)
    b = article(site, display_title(site, base["title"], variant), url, published, paras)
    return None, b, f"{site} publishes its release again under a new URL: " + ", ".join(ops)


def recipe_wire_edit_pair(
    base: Data, rng: random.Random, used: set[str]
) -> tuple[Data | None, Data, str]:
    return None, *recipe_wire_edit(base, rng, used)


RECIPES = {
    "wire_edit": recipe_wire_edit_pair,
    "trimmed": recipe_trimmed,
    "headline": recipe_headline,
    "updated": recipe_updated,
    "republished_same_site": recipe_republished,
}


# ------------------------------------------------------------ the pairs


def all_bases() -> dict[str, Data]:
    bases = {}
    for module in (corpus_wire, corpus_foreign, corpus_releases):
        for base in module.BASES:
            if base["key"] in bases:
                raise ValueError(f"duplicate base key {base['key']}")
            for old, _ in base["edits"]:
                if old not in " ".join(paragraphs(base["text"])):
                    raise ValueError(f"{base['key']}: edit target not found: {old!r}")
            bases[base["key"]] = base
    return bases


def same_pairs(bases: dict[str, Data]) -> list[Data]:
    pairs = []
    for key, base in bases.items():
        used: set[str] = set()
        counts: Counter[str] = Counter()
        for kind in base["recipes"]:
            counts[kind] += 1
            rng = rng_for(key, kind, counts[kind])
            a, b, note = RECIPES[kind](base, rng, used)
            used.add(b["site"])
            pairs.append(dict(kind=kind, same=True, note=note, a=a or original(base), b=b))
    return pairs


def loose_article(item: Data) -> Data:
    site: str = item["site"]
    return article(
        site,
        display_title(site, item["title"]),
        make_url(site, item["section"], item["title"], item["published"]),
        item["published"],
        paragraphs(item["text"]),
    )


def quoted_sentences(text: str) -> set[str]:
    """Normalised sentences of at least six words found inside quotation marks."""
    found = set()
    for match in _QUOTED.finditer(text):
        quote = next(g for g in match.groups() if g)
        for sentence in split_sentences(quote):
            norm = " ".join(re.findall(r"\w+", sentence.lower()))
            if len(norm.split()) >= 6:
                found.add(norm)
    return found


def same_event_pairs(bases: dict[str, Data]) -> list[Data]:
    pairs = []
    for group in corpus_same_event.GROUPS:
        members = [
            original(bases[m]) if isinstance(m, str) else loose_article(m) for m in group["members"]
        ]
        for a, b in itertools.combinations(members, 2):
            shared = quoted_sentences(a["text"]) & quoted_sentences(b["text"])
            if not shared:
                raise ValueError(f"{group['event']}: {a['site']} and {b['site']} share no quote")
            note = (
                f"{a['site']} and {b['site']} each wrote their own report of the same "
                f"event ({group['event']}); they share {len(shared)} quoted "
                f"sentence{'s' if len(shared) > 1 else ''} and the facts"
            )
            pairs.append(dict(kind="same_event", same=False, note=note, a=a, b=b))
    return pairs


def follow_up_pairs(bases: dict[str, Data]) -> list[Data]:
    pairs = []
    for item in corpus_follow_ups.FOLLOW_UPS:
        base = bases[item["base"]]
        base_paras = paragraphs(base["text"])
        paras, repeated = [], []
        for para in paragraphs(item["text"]):
            m = re.fullmatch(r"\{background:(\d+)\}", para)
            if m:
                repeated.append(int(m.group(1)))
                paras.append(base_paras[int(m.group(1))])
            else:
                paras.append(para)
        if not repeated:
            raise ValueError(f"follow-up of {item['base']} repeats no background")
        site: str = item["site"] if "site" in item else base["site"]
        b = article(
            site,
            display_title(site, item["title"]),
            make_url(site, item["section"], item["title"], item["published"]),
            item["published"],
            paras,
        )
        days = (parse_time(item["published"]) - parse_time(base["published"])).days
        n = len(repeated)
        note = (
            f"{site} follow-up {days} days later with new developments; repeats "
            f"{n} background paragraph{'s' if n > 1 else ''} of the original verbatim"
        )
        pairs.append(dict(kind="follow_up", same=False, note=note, a=original(base), b=b))
    return pairs


def footer_pairs() -> list[Data]:
    pairs = []
    for group in corpus_boilerplate.FOOTER_SITES:
        footer = paragraphs(group["footer"])
        site = group["site"]
        texts = []
        for release in group["releases"]:
            body = paragraphs(release["text"])
            texts.append(
                (
                    words(" ".join(body)),
                    article(
                        site,
                        display_title(site, release["title"]),
                        make_url(site, group["section"], release["title"], release["published"]),
                        release["published"],
                        body + footer,
                    ),
                )
            )
        footer_words = words(" ".join(footer))
        for (wa, a), (wb, b) in itertools.combinations(texts, 2):
            note = (
                f"two different {site} releases (bodies {wa} and {wb} words) ending in the "
                f"same {footer_words}-word footer"
            )
            pairs.append(dict(kind="boilerplate_footer", same=False, note=note, a=a, b=b))
    return pairs


def template_release_text(release: Data) -> list[str]:
    pron = release["pron"]
    fields = dict(
        authorities=release["authorities"],
        name=release["name"],
        country=release["country"],
        occasion=release["occasion"],
        pron=pron,
        Pron=pron.capitalize(),
        poss={"he": "his", "she": "her"}[pron],
        poss_name=release["name"] + "'s",
    )
    tb = corpus_boilerplate
    return [
        tb.TEMPLATE_OPENING.format(**fields),
        *paragraphs(release["facts"]),
        *paragraphs(release["quote"]),
        tb.TEMPLATE_POC.format(**fields),
        tb.TEMPLATE_CALL.format(**fields),
        tb.TEMPLATE_PATTERN.format(**fields),
        tb.TEMPLATE_ACTION.format(**fields),
    ]


def template_pairs() -> list[Data]:
    tb = corpus_boilerplate
    site = tb.TEMPLATE_SITE
    texts = [
        (
            r,
            article(
                site,
                display_title(site, r["title"]),
                make_url(site, tb.TEMPLATE_SECTION, r["title"], r["published"]),
                r["published"],
                template_release_text(r),
            ),
        )
        for r in tb.TEMPLATE_RELEASES
    ]
    pairs = []
    for (ra, a), (rb, b) in itertools.combinations(texts, 2):
        note = (
            f"two {site} individual-case releases on the same template: {ra['name']} "
            f"({ra['country']}) vs {rb['name']} ({rb['country']})"
        )
        pairs.append(dict(kind="template_release", same=False, note=note, a=a, b=b))
    return pairs


def same_title_pairs() -> list[Data]:
    pairs = []
    for series in corpus_boilerplate.BRIEFINGS:
        site = series["site"]
        issues = []
        for issue in series["issues"]:
            day = parse_time(issue["published"]).strftime("%Y-%m-%d")
            url = f"https://{site}/{series['section']}/{day}"
            issues.append(
                article(
                    site,
                    display_title(site, series["title"]),
                    url,
                    issue["published"],
                    paragraphs(issue["text"]),
                )
            )
        for a, b in itertools.combinations(issues, 2):
            gap = parse_time(b["published"]) - parse_time(a["published"])
            if gap > timedelta(days=7):
                continue
            note = (
                f"{site} '{series['title']}' issues {a['published'][:10]} and "
                f"{b['published'][:10]}: same title and framing, different news"
            )
            pairs.append(dict(kind="same_title_other_story", same=False, note=note, a=a, b=b))
    return pairs


# ------------------------------------------------------------- assembly


def build() -> list[Data]:
    bases = all_bases()
    pairs = (
        same_pairs(bases)
        + same_event_pairs(bases)
        + footer_pairs()
        + template_pairs()
        + follow_up_pairs(bases)
        + same_title_pairs()
    )
    numbered: Counter[str] = Counter()
    out = []
    for pair in pairs:
        kind = pair["kind"]
        numbered[kind] += 1
        pair_id = f"{ID_PREFIX[kind]}-{numbered[kind]:03d}"
        a, b = pair["a"], pair["b"]
        # Which text comes first carries no information.
        if rng_for("order", pair_id).random() < 0.5:
            a, b = b, a
        out.append(
            {
                "id": pair_id,
                "kind": kind,
                "same": pair["same"],
                "note": pair["note"],
                "a": a,
                "b": b,
            }
        )
    validate(out)
    return out


def validate(pairs: list[Data]) -> None:
    problems = []
    ids = Counter(p["id"] for p in pairs)
    problems += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    seen_pairs = set()
    texts_by_url: dict[str, str] = {}
    for p in pairs:
        pid, kind = p["id"], p["kind"]
        if p["same"] != (kind in SAME_KINDS):
            problems.append(f"{pid}: label does not match kind")
        a, b = p["a"], p["b"]
        key = frozenset((a["url"], b["url"]))
        if key in seen_pairs:
            problems.append(f"{pid}: the same two articles appear in another pair")
        seen_pairs.add(key)
        if a["url"] == b["url"]:
            problems.append(f"{pid}: same URL")
        if a["text"] == b["text"] and kind != "headline":
            problems.append(f"{pid}: identical texts")
        for side in (a, b):
            if texts_by_url.setdefault(side["url"], side["text"]) != side["text"]:
                problems.append(f"{pid}: {side['url']} has another text in another pair")
            if not side["site"].endswith(".example") or f"//{side['site']}/" not in side["url"]:
                problems.append(f"{pid}: bad site/url {side['site']} {side['url']}")
            if words(side["text"]) < MIN_WORDS:
                problems.append(f"{pid}: text of {words(side['text'])} words")
            if re.search(r"<[a-zA-Z/][^>]*>", side["text"]) or "{" in side["text"]:
                problems.append(f"{pid}: markup or placeholder left in text")
        gap = abs(parse_time(a["published"]) - parse_time(b["published"]))
        if gap > timedelta(days=MAX_GAP_DAYS.get(kind, DEFAULT_MAX_GAP_DAYS)):
            problems.append(f"{pid}: {gap} between the two texts")
        if (
            kind
            in ("republished_same_site", "boilerplate_footer", "same_title_other_story", "updated")
            and a["site"] != b["site"]
        ):
            problems.append(f"{pid}: {kind} pair on two sites")
        if kind in ("wire_edit", "trimmed", "same_event") and a["site"] == b["site"]:
            problems.append(f"{pid}: {kind} pair on one site")
        if kind == "same_title_other_story" and a["title"] != b["title"]:
            problems.append(f"{pid}: titles differ")
        if kind == "trimmed":
            short, full = sorted((a, b), key=lambda s: words(s["text"]))
            cut = 1 - words(short["text"]) / words(full["text"])
            if not 0.15 <= cut <= 0.5:
                problems.append(f"{pid}: trimmed copy cuts {cut:.0%}")
    counts = Counter(p["kind"] for p in pairs)
    for kind, minimum in MIN_COUNT.items():
        if counts[kind] < minimum:
            problems.append(f"only {counts[kind]} {kind} pairs, need {minimum}")
    for group in corpus_boilerplate.FOOTER_SITES:
        footer = words(" ".join(paragraphs(group["footer"])))
        if not 80 <= footer <= 150:
            problems.append(f"{group['site']} footer has {footer} words")
        for release in group["releases"]:
            body = words(" ".join(paragraphs(release["text"])))
            if not 80 <= body <= 150:
                problems.append(f"{group['site']} '{release['title']}' body has {body} words")
    if problems:
        raise SystemExit("invalid pair set:\n  " + "\n  ".join(problems))


def render(pairs: list[Data]) -> str:
    return "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if pairs.jsonl is stale")
    args = parser.parse_args()
    pairs = build()
    text = render(pairs)
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{OUT} is out of date; run {Path(__file__).name}")
        return
    OUT.write_text(text, encoding="utf-8")
    counts = Counter(p["kind"] for p in pairs)
    same = sum(p["same"] for p in pairs)
    print(f"wrote {len(pairs)} pairs ({same} same, {len(pairs) - same} different) to {OUT}")
    for kind in SAME_KINDS + DIFFERENT_KINDS:
        print(f"  {kind:24} {counts[kind]:4}")


if __name__ == "__main__":
    main()
