"""OPML in and out, so feed-reader users can move their subscriptions.  Pure."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from monitor.errors import OPMLError


@dataclass(frozen=True)
class Subscription:
    name: str
    url: str


def export_opml(subs: Iterable[Subscription], title: str = "news-monitor feeds") -> str:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    for sub in subs:
        ET.SubElement(body, "outline", type="rss", text=sub.name, title=sub.name, xmlUrl=sub.url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def parse_opml(data: bytes) -> list[Subscription]:
    """Every outline with an ``xmlUrl``, nested folders included."""
    if re.search(rb"<!(DOCTYPE|ENTITY)", data[:65536], re.IGNORECASE):
        raise OPMLError("OPML with a DTD or entity declarations is refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise OPMLError(f"not valid OPML: {e}") from e
    if root.tag != "opml":
        raise OPMLError(f"not OPML: the root element is <{root.tag}>")
    subs = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url:
            name = (outline.get("title") or outline.get("text") or url).strip()
            subs.append(Subscription(" ".join(name.split()), url))
    return subs


def to_toml(subs: Iterable[Subscription]) -> str:
    """``[[feeds]]`` tables ready to paste into config/monitor.toml."""
    out = []
    for sub in subs:
        # JSON string escapes are valid TOML basic-string escapes.
        out.append(f"[[feeds]]\nname = {json.dumps(sub.name)}\nurl = {json.dumps(sub.url)}\n")
    return "\n".join(out)
