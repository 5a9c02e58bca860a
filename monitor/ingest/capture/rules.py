"""Shared rules for plain-text captures: text normalization, dates, and the
line-level cues that tell page chrome from prose.  Pure.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

TITLE_MAX = 120  # a title derived from the first sentence is cut to this many characters


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
