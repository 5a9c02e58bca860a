"""Plain-text page captures -> clean :class:`~monitor.model.SeedDocument` records.

A capture is text copied out of a browser with the page chrome still in it.  Two
kinds are recognised:

* a **rendered feed** -- at least two entries that carry a timestamp *with a time
  of day*, either as header lines ``• <date>: <title>`` followed by an indented
  body, or as listing lines ``<date>`` / ``<title>`` / summary paragraph.  Requiring
  a time of day keeps an article's dated timeline ("20 May 2024: ...") an article.
* anything else is an **article**: one record.

Every rule is generic (line shape, repetition, position, UI vocabulary); nothing
names a site.  When in doubt a line is kept: losing real text is worse than
leaving a little chrome.  Pure: no network, no disk, no clock.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from monitor.errors import MonitorError
from monitor.model import SeedDocument

__all__ = [
    "CaptureError",
    "clean_article_text",
    "normalize_text",
    "parse_article",
    "parse_capture",
    "parse_date",
]

TITLE_MAX = 120  # a title derived from the first sentence is cut to this many characters


class CaptureError(MonitorError):
    """A capture yielded no record: it is empty, or nothing but page chrome.

    ``removed`` keeps the chrome lines that were dropped, for the audit trail.
    """

    hint = "check that the file is a text capture of an article or a rendered feed"

    def __init__(self, message: str, removed: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.removed = tuple(removed)


# --------------------------------------------------------------------------- text
# Bidi embeddings/overrides/isolates and marks, BOM, zero-width space.  ZWJ/ZWNJ
# stay: emoji sequences and Persian/Indic spelling need them.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
)
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\s]*\)")
_EMPHASIS = re.compile(r"(\*{1,2})(?=\S)([^*\n]+?)(?<=\S)\1")


def normalize_text(text: str) -> str:
    """Unicode NFC, ``\\n`` line ends, no control or bidi characters (tabs kept)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").translate(_INVISIBLE)
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    return unicodedata.normalize("NFC", text)


def _clean_line(line: str) -> str:
    """One line as output text: Markdown links become their text, emphasis
    markers go, whitespace (NBSP, hair spaces, ...) collapses to single spaces."""
    line = _LINK.sub(lambda m: "" if m.group(0).startswith("!") else m.group(1), line)
    line = _EMPHASIS.sub(r"\2", line)
    return " ".join(line.split())


# --------------------------------------------------------------------------- dates
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_TIME = (
    r"(?:,?\s+(?:at\s+)?(?P<hh>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<ss>\d{2}))?"
    r"\s*(?P<ap>[ap]\.?m\.?)?(?:\s*(?P<tz>z|utc|gmt|[+-]\d{2}:?\d{2}))?)?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DATE_FORMS = [
    re.compile(p, re.I)
    for p in (
        r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[t ](?P<hh>\d{2}):(?P<mi>\d{2})"
        r"(?::(?P<ss>\d{2}))?(?:\.\d+)?(?P<tz>z|[+-]\d{2}:?\d{2})?)?",
        f"{_WEEKDAY}{_MON}" r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME,
        _WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" f"{_MON}" r",?\s+(?P<y>\d{4})" + _TIME,
        r"(?P<a>\d{1,2})([./])(?P<b>\d{1,2})\2(?P<y>\d{4}|\d{2})" + _TIME,
    )
]
_MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec"


def _parse_date(text: str) -> tuple[datetime, bool] | None:
    """``(aware UTC datetime, has_time_of_day)`` when all of ``text`` is a date."""
    text = " ".join(text.split()).strip(" ,")
    for form in _DATE_FORMS:
        m = form.fullmatch(text)
        if m is None:
            continue
        g = m.groupdict()
        if g.get("mon"):
            month, day = _MONTHS.index(g["mon"].lower()[:3]) // 3 + 1, int(g["d"])
        elif g.get("a"):  # numeric: month first (US order) unless that cannot be a month
            month, day = int(g["a"]), int(g["b"])
            if month > 12:
                month, day = day, month
        else:
            month, day = int(g["m"]), int(g["d"])
        year = int(g["y"])
        if year < 100:  # two-digit years: 70-99 -> 19xx, else 20xx
            year += 1900 if year >= 70 else 2000
        hour, minute, second = int(g["hh"] or 0), int(g["mi"] or 0), int(g["ss"] or 0)
        ap = (g.get("ap") or "").lower()
        if ap and hour <= 12:
            hour = hour % 12 + (12 if ap.startswith("p") else 0)
        tz = (g.get("tz") or "").lower()
        offset = timedelta(0)
        if tz[:1] in "+-" and tz:
            digits = tz[1:].replace(":", "")
            offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            offset = -offset if tz[0] == "-" else offset
        try:
            value = datetime(year, month, day, hour, minute, second, tzinfo=timezone(offset))
        except ValueError:
            return None
        return value.astimezone(UTC), g["hh"] is not None
    return None


def parse_date(text: str) -> datetime | None:
    """Parse a whole string as a date, returning an aware UTC datetime or ``None``.

    Accepts ISO 8601, RFC 2822 (``Fri, 22 Nov 2024 17:39:00 +0000``), ``Dec 22
    2023 5:31 pm``, ``September 21, 2025``, ``21 Sep 2025`` and numeric
    ``09.21.25`` / ``9/21/2025`` (month first unless the first number exceeds 12).
    A date without a zone is taken as UTC: captures rarely state one.
    """
    found = _parse_date(text)
    return found[0] if found else None


# --------------------------------------------------------------------------- chrome
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Generic navigation / engagement vocabulary.  A short line made only of these
# words (plus digits, emoji, separators) is page chrome.
_UI_WORDS = _words(
    """newsletter newsletters account upgrade subscribe login logout signin signup sign log
    register menu search skip content navigation share shares like likes comment comments reply
    follow following column listen article pdf print email save saved bookmark min mins minute
    minutes read privacy policy terms collection notice about careers shop podcasts podcast
    video videos download app contact advertise cookies cookie settings sitemap help home more
    show hide close next previous gift copy link facebook twitter linkedin whatsapp instagram
    youtube tweet"""
)
_FILLER = _words("the to in on up out a an of this our us your and main")
_DISCLOSURE = tuple("▼▲▾▴►▸▶◀⌄⌃")  # expand/collapse toggles of truncated boxes
# "READ" + one related-article teaser line, inside the body.
_TEASER_MARK = re.compile(r"(?:also\s+)?read(?:\s+more|\s+next)?|related|see\s+also", re.I)
# Lines after which the rest of an article page is boxes, comments and footer.
_TAIL = re.compile(
    r"""(?:recommend\b[^.!?]{0,80}
    | (?:tags?|topics|filed\ under|categories)\s*:.*
    | more\ (?:in|from|on|about)\ [^.!?]{1,60}
    | (?:\d+\s+)?comments?(?:\s*\(\d+\))?
    | (?:make|leave|post|add|write)\ a\ (?:comment|reply)
    | commenting\ (?:has\ been|is)\ (?:turned\ off|closed|disabled).*
    | community\ guidelines
    | (?:view|show|load|see)\ (?:all\ |more\ )?comments.*
    | (?:like|share)\ (?:this\ )?(?:article|story|post)
    | related\ (?:articles|stories|posts|coverage|content) | you\ (?:may|might)\ also\ like
    | recommended\ for\ you | read\ next | most\ (?:read|popular) | more\ stories
    | (?:©|\(c\)|copyright)\s*\d{4}.* | .*\ball\ rights\ reserved\b.*)""",
    re.I | re.X,
)
# A photo credit "(Name/Agency)" or "(Photo: Name)" closing a caption sentence.
_CREDIT = re.compile(
    r"\((?:[A-Z][^()/\n]{0,60}/[^()\n]{1,60}|(?i:photo|image|picture)s?\s*(?:by\s|:)[^()\n]{1,60})\)"
)
_SENTENCE_START = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])")
_ENDS_SENTENCE = re.compile(r"[.…][\"”’')\]]*$")
_ENDS_CLAUSE = re.compile(r"[.!?…:;\"”’')\]]$")
_USER_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+")
_BYLINE = re.compile(r"(?:By|BY|by):?\s+(?P<name>[^|—–·•]{2,80}?)(?:\s*[|—–·•]\s*(?P<rest>.+))?")
_NAME_LINK = _words("and & de da del der van von la le al bin ibn")
_DATE_PREFIX = re.compile(r"(?:last\s+)?(?:published|updated|posted)(?:\s+on)?:?\s+", re.I)
_META = re.compile(
    r"\s*(?P<key>date|published|updated):?[ \t]+(?P<value>\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)(?:[ \t]+|$)",
    re.I,
)
_ABBREVIATIONS = _words("mr mrs ms dr st sgt gen lt col capt gov sen rep jr sr no vs")


def _is_chrome_line(line: str) -> bool:
    """A whole line that is UI: menus, buttons, counters, toggles, credits."""
    if line.endswith(_DISCLOSURE) or line.startswith("©"):
        return True
    words = re.findall(r"[^\W\d_]+", line.lower())
    if not words:  # only digits, emoji, punctuation: counters, "...", separators
        return True
    return (
        len(words) <= 6
        and all(w in _UI_WORDS or w in _FILLER for w in words)
        and any(w in _UI_WORDS for w in words)
    )


def _is_name_line(line: str) -> bool:
    """A lone person name ("Jane Doe") or CMS user name ("jane.doe")."""
    if _USER_NAME.fullmatch(line):
        return True
    words = line.split()
    return 2 <= len(words) <= 4 and all(
        w[0].isupper()
        and all(c.isalpha() or c in "'’-." for c in w)
        and (any(c.islower() for c in w) or re.fullmatch(r"[A-Z]\.", w) is not None)
        for w in words
    )


def _strip_captions(line: str) -> tuple[str, list[str]]:
    """Cut photo captions -- the sentence that ends in a credit -- out of a line.

    Captions get glued to the next paragraph when copied ("...2025. (A B/AGENCY)Next
    sentence"), so only the caption sentence goes; the text after the credit stays.
    """
    removed: list[str] = []
    pos = 0
    while m := _CREDIT.search(line, pos):
        before = line[: m.start()].rstrip()
        if not re.search(r"[.!?][\"”’']?$", before):  # "(Reuters/Ipsos)" inside a sentence
            pos = m.end()
            continue
        starts = [s.end() for s in _SENTENCE_START.finditer(before[:-1])]
        start = starts[-1] if starts else 0
        removed.append(line[start : m.end()].strip())
        line = (line[:start] + " " + line[m.end() :]).strip()
        pos = start
    return " ".join(line.split()), removed


def _is_prose(unit: str) -> bool:
    n = len(unit.split())
    return n >= 30 or (n >= 6 and _ENDS_SENTENCE.search(unit) is not None)


def _is_title_like(unit: str) -> bool:
    return 2 <= len(unit.split()) <= 25 and len(unit) <= 200 and not re.search(r"[.,;:]$", unit)


def _byline(unit: str) -> tuple[str, datetime | None] | None:
    """``(name, date)`` of a "By NAME[ | DATE]" line, else ``None``."""
    m = _BYLINE.fullmatch(unit)
    if m is None:
        return None
    name, rest = m.group("name").strip(" ,"), m.group("rest")
    words = name.replace(",", " ").split()
    if not words or len(words) > 8 or not all(w[0].isupper() or w in _NAME_LINK for w in words):
        return None
    if rest and parse_date(rest) is None and not all(w[0].isupper() for w in rest.split()):
        return None  # "By Saturday, the court ..." is a sentence, not a byline
    return name, parse_date(rest) if rest else None


def _dateline(unit: str) -> datetime | None:
    """The date of a short dated line ("09.21.25 — Section", "Updated 3 May 2024")."""
    parts = re.split(r"\s+[|—–·•]\s+", unit)
    if any(len(p.split()) > 4 for p in parts[1:]):
        return None
    return parse_date(_DATE_PREFIX.sub("", parts[0], count=1))


def _merge_wraps(units: list[str]) -> list[str]:
    """Re-join a paragraph split by a hard wrap or page break: the piece before
    ends mid-clause and the piece after starts in lower case."""
    out: list[str] = []
    for unit in units:
        if out and not _ENDS_CLAUSE.search(out[-1]) and unit[:1].islower():
            out[-1] = f"{out[-1]} {unit}"
        else:
            out.append(unit)
    return out


def _drop_repeats(paras: list[str], removed: list[str]) -> list[str]:
    """Drop a paragraph already said earlier (pull quotes, short-copy repeats)."""
    kept: list[str] = []
    for para in paras:
        key = para.casefold()
        if len(para) >= 40 and any(key in k.casefold() for k in kept):
            removed.append(para)
        else:
            kept.append(para)
    return kept


def _first_sentence_title(text: str) -> str:
    """Title derived from the first sentence, cut at a word boundary if long."""
    sentence = text
    for m in re.finditer(r"[.!?][\"”’']?(?=\s+[\"“‘'(]?[A-Z0-9])", text):
        word = re.findall(r"[\w.]+$", text[: m.start()])
        if word and (word[0].lower() in _ABBREVIATIONS or len(word[0]) == 1):
            continue  # "Sgt. Ran", "J. Smith" do not end a sentence
        sentence = text[: m.end()]
        break
    sentence = sentence.rstrip(".")
    if len(sentence) <= TITLE_MAX:
        return sentence
    cut = sentence[: TITLE_MAX - 1].rsplit(" ", 1)[0]  # room for the ellipsis
    return cut.rstrip(" ,;:—–-") + "…"


# --------------------------------------------------------------------------- articles
def _take_metadata(text: str) -> tuple[datetime | None, str]:
    """A leading ``date 2025-12-11`` (``published:``/``updated:``) stamp is
    metadata: it gives the date and is cut from the text, even when text follows
    on the same line."""
    published = None
    while m := _META.match(text):
        published = published or parse_date(m.group("value"))
        text = text[m.end() :]
    return published, text


def parse_article(text: str, seed_file: str = "") -> SeedDocument:
    """The one record of an article capture.

    * the **tail** -- once at least half of the prose is behind, the first
      recommend box, tags line, comment section, "More in ..." list, related list
      or copyright footer -- is dropped whole;
    * chrome lines (menus, buttons, counters, toggles, credits), "READ" + teaser
      pairs and caption sentences ending in a photo credit are dropped;
    * the **head** runs to the second prose paragraph.  The first "By NAME" line
      in it gives ``author``, the first dated line gives ``published`` (unless a
      leading metadata stamp did).  The longest title-like line before the first
      prose paragraph is the title; without one the title is the first sentence
      (see :data:`TITLE_MAX`).  These lines are consumed, not listed in ``removed``;
    * paragraphs split by a hard wrap are re-joined, repeats (pull quotes) dropped.

    ``text`` has one paragraph per line-run, separated by blank lines.  Raises
    :class:`CaptureError` when nothing but chrome is left.
    """
    published, text = _take_metadata(normalize_text(text))
    units = [u for u in map(_clean_line, text.split("\n")) if u]
    removed: list[str] = []

    total = sum(len(u) for u in units if _is_prose(u) and not _is_chrome_line(u))
    seen, prose_count = 0, 0
    for k, unit in enumerate(units):
        if _is_prose(unit) and not _is_chrome_line(unit):
            seen, prose_count = seen + len(unit), prose_count + 1
        elif prose_count >= 2 and seen * 2 >= total and _TAIL.fullmatch(unit):
            units, tail = units[:k], units[k:]
            break
    else:
        tail = []

    kept: list[str] = []
    k = 0
    while k < len(units):
        unit = units[k]
        nxt = units[k + 1] if k + 1 < len(units) else ""
        if _TEASER_MARK.fullmatch(unit) and nxt and not _is_prose(nxt) and len(nxt.split()) <= 20:
            removed += [unit, nxt]
            k += 2
            continue
        if _is_chrome_line(unit):
            removed.append(unit)
        else:
            unit, captions = _strip_captions(unit)
            removed += captions
            if unit:
                kept.append(unit)
        k += 1

    prose = [i for i, u in enumerate(kept) if _is_prose(u)]
    head_end = prose[1] if len(prose) > 1 else len(kept)
    title_end = prose[0] if prose else len(kept)
    author, consumed = None, set()
    for i in range(head_end):
        if author is None and (byline := _byline(kept[i])):
            author, published = byline[0], published or byline[1]
            consumed.add(i)
        elif (when := _dateline(kept[i])) is not None:
            published = published or when
            consumed.add(i)
    candidates = [i for i in range(title_end) if i not in consumed and _is_title_like(kept[i])]
    title = ""
    if candidates:  # the site name is short, the headline long: take the longest
        best = max(candidates, key=lambda i: (len(kept[i].split()), -i))
        title = kept[best]
        consumed.add(best)

    paras = _merge_wraps([u for i, u in enumerate(kept) if i not in consumed])
    paras = _drop_repeats(paras, removed)
    removed += tail
    if not paras:
        raise CaptureError(f"{seed_file or 'capture'}: nothing but page chrome", removed)
    title = title or _first_sentence_title(paras[0])
    text = "\n\n".join(paras)
    return SeedDocument(seed_file, "", title, author, published, text, "article", tuple(removed))


def clean_article_text(text: str) -> str:
    """Just the clean text of an article capture (see :func:`parse_article`)."""
    return parse_article(text).text


# --------------------------------------------------------------------------- feeds
@dataclass
class _Entry:
    start: int  # first line of the entry's header
    body: int  # first line after the header
    listing: bool  # "date / title / summary" shape rather than "• date: title" + body
    published: datetime
    title: str


def _entry_header(line: str) -> tuple[datetime, str] | None:
    """``• <date with time>: <title>`` (bullet optional; also `` - `` or `` | ``)."""
    body = re.sub(r"^\s*(?:[•·▪◦‣*–-]\s+)?", "", line)
    for sep in re.finditer(r":\s+|\s+[|–—-]\s+", body):
        found = _parse_date(body[: sep.start()])
        if found:
            title = _clean_line(body[sep.end() :])
            return (found[0], title) if found[1] and title else None
    return None


def _find_entries(lines: list[str]) -> list[_Entry]:
    entries: list[_Entry] = []
    i = 0
    while i < len(lines):
        if header := _entry_header(lines[i]):
            entries.append(_Entry(i, i + 1, False, *header))
        elif (
            (found := _parse_date(lines[i])) is not None
            and found[1]
            and i + 1 < len(lines)
            and _is_title_like(title := _clean_line(lines[i + 1]))
            and _parse_date(title) is None
        ):
            entries.append(_Entry(i, i + 2, True, found[0], title))
            i += 1
        i += 1
    return entries


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _split_body(entry: _Entry, lines: list[str]) -> tuple[list[str], list[str]]:
    """Split the lines between an entry's header and the next one into its body
    and what follows it (section headings, the page outro)."""
    end = entry.body
    if entry.listing:  # the summary is the one paragraph after the title
        while end < len(lines) and not lines[end].strip():
            end += 1
        while end < len(lines) and lines[end].strip():
            end += 1
        return lines[entry.body : end], lines[end:]
    # The body is indented deeper than its header; a line back at the header's
    # indentation ends it.  Without indentation the body runs to the next entry.
    first = next((ln for ln in lines[entry.body :] if ln.strip()), "")
    if _indent(first) <= _indent(lines[entry.start]):
        return lines[entry.body :], []
    while end < len(lines) and (
        not lines[end].strip() or _indent(lines[end]) > _indent(lines[entry.start])
    ):
        end += 1
    return lines[entry.body : end], lines[end:]


def _title_suffix(titles: list[str]) -> str:
    """The site suffix (" - Section | Site") every title ends with, or ""."""
    if len(titles) < 2:
        return ""
    common = titles[0]
    for t in titles[1:]:
        while not t.endswith(common):
            common = common[1:]
    sep = re.search(r"\s+[-|–—:·•]\s+", common)
    suffix = common[sep.start() :] if sep else ""
    return suffix if all(len(t) > len(suffix) for t in titles) else ""


def _clean_entry(title: str, body: list[str]) -> tuple[str, str, list[str]]:
    """``(title, text, removed)`` of one feed entry.

    CMS leftovers go: a final block opening with a lone name/user-name line (the
    CMS trailer: author user, image fields, credits, short-copy repeat), credit
    lines "© ...", UI lines, whitespace-only lines, a first line repeating the
    title, repeated paragraphs and lone name lines at the end.
    """
    removed: list[str] = []
    blocks: list[list[str]] = [[]]
    for raw in body:
        line = _clean_line(raw)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    first = blocks[0][0] if blocks[0] else ""
    if first and title.startswith(first) and re.match(r"$|\s+[-|–—:·•]\s", title[len(first) :]):
        title = first  # the body repeats the clean title: use it, then drop it
        removed.append(blocks[0].pop(0))
    blocks = [b for b in blocks if b]
    if len(blocks) > 1 and _is_name_line(blocks[-1][0]):
        removed += blocks.pop()
    units: list[str] = []
    for line in (ln for b in blocks for ln in b):
        if _is_chrome_line(line):
            removed.append(line)
            continue
        line, captions = _strip_captions(line)
        removed += captions
        if line:
            units.append(line)
    paras = _drop_repeats(_merge_wraps(units), removed)
    while paras and _is_name_line(paras[-1]):
        removed.append(paras.pop())
    return title, "\n\n".join(paras), removed


def _parse_feed(lines: list[str], entries: list[_Entry], seed_file: str) -> list[SeedDocument]:
    suffix = _title_suffix([e.title for e in entries if not e.listing])
    outside = [u for u in map(_clean_line, lines[: entries[0].start]) if u]  # page intro
    records = []
    for n, entry in enumerate(entries):
        stop = entries[n + 1].start if n + 1 < len(entries) else len(lines)
        body, after = _split_body(entry, lines[:stop])
        title = entry.title
        if suffix and not entry.listing and title.endswith(suffix):
            title = title[: -len(suffix)].rstrip()
        title, text, removed = _clean_entry(title, body)
        removed = outside + removed + [u for u in map(_clean_line, after) if u]
        outside = []
        records.append(
            SeedDocument(
                seed_file,
                str(n + 1),
                title,
                None,
                entry.published,
                text,
                "feed-entry",
                tuple(removed),
            )
        )
    return records


# --------------------------------------------------------------------------- entry point
def parse_capture(text: str, seed_file: str) -> list[SeedDocument]:
    """Detect the kind of capture and return its records: one for an article
    capture, one per entry for a rendered feed capture.

    Feed entries get ``entry_id`` "1", "2", ... in document order, ``author=None``
    (the CMS user name at the end of a body is not a byline), and may have empty
    text.  Page lines outside any entry (intro, section headings, outro) go to
    the ``removed`` of the first entry or of the entry they follow.

    Raises :class:`CaptureError` for an empty capture and for an article capture
    with nothing but chrome (no record with empty text is made).
    """
    norm = normalize_text(text)
    if not norm.strip():
        raise CaptureError(f"{seed_file}: empty capture")
    lines = norm.split("\n")
    entries = _find_entries(lines)
    if len(entries) >= 2:
        return _parse_feed(lines, entries, seed_file)
    return [parse_article(norm, seed_file)]
