"""URL rules, each in one place.  Pure: no network, disk or clock.

- :data:`TRACKING_PARAM`: query parameters that only track the reader.
- :func:`canonical_url`: the form used for an article's identity (dedupe).
- :func:`feed_identity`: when two configured feed URLs are the same feed.
- :func:`site_host`: the site a URL belongs to (boilerplate scopes, same-site
  republications, a page's declared canonical URL).
- :func:`safe_link`: a link as given, when it may be stored as one.
- :func:`href`: a link we may put in an email or a page.

Before these were gathered here, the config's "same feed" check had a
shorter tracking list than dedupe identity (``dclid``, ``msclkid``, ``_hsenc``
… made two feeds), and "site host" dropped ``amp.`` for story titles but not
for boilerplate scopes.  Now one list and one site rule serve all of them.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

__all__ = [
    "MAX_HREF",
    "TRACKING_PARAM",
    "canonical_url",
    "feed_identity",
    "href",
    "safe_link",
    "site_host",
]

# Query parameters that only track the reader, never select content.
TRACKING_PARAM = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|"
    r"mkt_tok|igshid|yclid|ref_src|oly_enc_id|oly_anon_id|vero_id|__s)$",
    re.IGNORECASE,
)
# Host prefixes that name the same site: desktop, mobile and AMP pages.
_SAME_SITE = ("www.", "m.", "amp.")
# Links longer than this are not made links (nor printed) in emails and pages.
MAX_HREF = 2000


def canonical_url(url: str | None, base: str | None = None) -> str | None:
    """A URL in the form used for identity: absolute http(s), scheme and host
    lower-cased, default port and fragment dropped, tracking parameters removed.

    Returns ``None`` for anything that is not an absolute http(s) URL after
    resolution against ``base`` (``javascript:``, ``data:``, ``file:`` …).
    """
    if not url:
        return None
    url = url.strip()
    if base and not urlsplit(url).scheme:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not TRACKING_PARAM.match(k)
        ]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def feed_identity(url: str) -> str:
    """What makes two configured feed URLs "the same feed": the case of scheme
    and host, a trailing slash and tracking parameters do not count."""
    parts = urlsplit(url.strip())
    query = "&".join(
        q for q in parts.query.split("&") if q and not TRACKING_PARAM.match(q.split("=", 1)[0])
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def site_host(url: str | None) -> str | None:
    """The host of a URL without ``www.``, ``m.`` or ``amp.`` (the same site's
    desktop, mobile and AMP pages), lower-cased, without the port."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    for prefix in _SAME_SITE:
        host = host.removeprefix(prefix)
    return host or None


def safe_link(url: str | None, base: str | None = None) -> str | None:
    """``url`` (resolved against ``base``) if it can be stored as a link:
    absolute http(s) with a host; else ``None``.  Unlike :func:`canonical_url`
    it keeps the URL as given (query, fragment)."""
    if not url:
        return None
    full = urljoin(base, url.strip()) if base else url.strip()
    try:
        parts = urlsplit(full)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return full


def href(url: object) -> str | None:
    """``url`` when we may make it a link in an email or a page: an absolute
    http(s) URL with a host, at most :data:`MAX_HREF` characters, with no
    space, control character or lone surrogate; else None.  A ``javascript:``
    or ``data:`` URL never becomes a link."""
    if not isinstance(url, str) or not url or len(url) > MAX_HREF:
        return None
    if any(c.isspace() or ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in url):
        return None
    return safe_link(url)
