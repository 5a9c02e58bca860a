"""Rendered feed captures (a page listing dated entries) -> one record per entry.  Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from monitor.ingest.capture.rules import (
    _clean_line,
    _drop_repeats,
    _is_chrome_line,
    _is_name_line,
    _is_title_like,
    _merge_wraps,
    _parse_date,
    _strip_captions,
)
from monitor.types import SeedDocument


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
