"""Secrets in URLs: the one rule for every URL that news-monitor stores or shows.

HARDENING.md: "the database holds no secrets"; "credentials are redacted from
logs and the database".  The database is browsed in Datasette (``--public``
exposes it), feed URLs show in "Feed health", in the poll log, in operator
notices and in log lines, so a URL's secrets are taken out before it gets there:

- its userinfo (``user:password@``, or a lone token used as the user name)
  becomes ``***@``;
- the value of every query, fragment or path (``;name=value``) parameter whose
  name looks secret (:data:`SECRET_PARAMS`, :func:`is_secret_param`) becomes
  ``***``: ``?api_key=***``.

Everything else is kept character for character (nothing is re-encoded), so a
redacted URL still says which feed it is, and a URL without secrets comes back
unchanged.  A token that is a plain path segment (``/hooks/T0/B1/XYZ``, as
Slack and friends do) cannot be recognised: notification channels therefore show
only their origin (:mod:`monitor.notify.deliver`).

What a secret must still be *compared* by (a rotated webhook token) is kept as a
keyed hash, never a plain one: :func:`keyed_digest`.

The URL a feed is actually fetched from keeps its secrets: it lives only in
memory, as the configuration gives it (see ``Store.sync_feeds``).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from urllib.parse import unquote_plus

__all__ = [
    "MASK",
    "SECRET_PARAMS",
    "SECRET_SUFFIXES",
    "has_secrets",
    "is_secret_param",
    "keyed_digest",
    "redact_text",
    "redact_url",
]

MASK = "***"

# Parameter names that hold secrets, compared case-insensitively with "-", "_"
# "." and brackets left out ("API-Key", "api_key" and "apiKey" are all "apikey").  Exact
# names: short or generic words that only mean a secret on their own ("key",
# "sig"; "monkey" and "sortkey" are not secrets).
SECRET_PARAMS = frozenset(
    {
        "apikey",
        "key",
        "token",
        "secret",
        "password",
        "passwd",
        "pass",
        "pwd",
        "auth",
        "authorization",
        "bearer",
        "jwt",
        "sig",
        "signature",
        "hmac",
        "session",
        "credential",
        "credentials",
        "awsaccesskeyid",  # with S3's Signature: a pre-signed URL
        "appid",  # OpenWeatherMap and others: the key itself
        "passphrase",
    }
)
# ...and any name ending in one of these: access_token, feed_token (GitLab),
# private_token, hub.verify_token, client_secret, X-Amz-Signature,
# X-Amz-Credential, X-Amz-Security-Token, jsessionid, PHPSESSID, secret_key...
SECRET_SUFFIXES = (
    "token",
    "secret",
    "password",
    "passwd",
    "apikey",
    "accesskey",
    "secretkey",
    "privatekey",
    "authkey",
    "signature",
    "credential",
    "sessionid",
    "sessid",
    "subscriptionkey",  # Azure: Subscription-Key, Ocp-Apim-Subscription-Key
)

# "[" and "]" too: PHP-style "token[]=" and "auth[token]=" are the same names.
_FOLD = str.maketrans("", "", "-_.[]")
_SCHEME = r"[A-Za-z][A-Za-z0-9+.\-]*://"
# Greedy up to the last "@" before the path: "http://a:b@c@host/" has userinfo "a:b@c".
_USERINFO = re.compile(rf"^({_SCHEME})[^/?#]*@")
# A path parameter: "/feed;jsessionid=ABC" (";" then a name, "=" and the value).
_PATH_PARAM = re.compile(r";([^;/?#=]*)=([^;/?#]*)")
_PAIR_SEP = re.compile(r"([&;])")
# A URL inside free text (an error message, a log line): up to a space, quote or bracket.
_URL_IN_TEXT = re.compile(rf"{_SCHEME}[^\s\"'<>`]+")
# Kept outside a URL found in text: "(at redirect hop http://h/?token=x)." ends in ")."
_TRAILING = ".,;:!?)]}"


def is_secret_param(name: str) -> bool:
    """Whether a query parameter called ``name`` (as written in the URL,
    percent-encoded or not) holds a secret; see :data:`SECRET_PARAMS`."""
    folded = unquote_plus(name).strip().lower().translate(_FOLD)
    return folded in SECRET_PARAMS or folded.endswith(SECRET_SUFFIXES)


def _pairs(part: str) -> str:
    """``name=value`` pairs separated by "&" or ";", each secret value masked."""
    pieces = _PAIR_SEP.split(part)
    for i in range(0, len(pieces), 2):  # odd indexes are the separators themselves
        name, eq, value = pieces[i].partition("=")
        if eq and value and is_secret_param(name):
            pieces[i] = f"{name}={MASK}"
    return "".join(pieces)


def _path_param(match: re.Match[str]) -> str:
    name, value = match.group(1), match.group(2)
    return f";{name}={MASK}" if value and is_secret_param(name) else match.group(0)


def redact_url(url: str) -> str:
    """``url`` with its userinfo and secret-looking parameter values replaced by
    ``***`` (see the module docstring); unchanged when it holds none.  Any
    string is accepted: this is used on what servers send, which need not parse."""
    if not url:
        return url
    out = _USERINFO.sub(rf"\g<1>{MASK}@", url, count=1)
    fragment_at = out.find("#")
    end = fragment_at if fragment_at >= 0 else len(out)
    query_at = out.find("?", 0, end)
    path_end = query_at if query_at >= 0 else end
    head = out[:path_end]
    if ";" in head:
        head = _PATH_PARAM.sub(_path_param, head)
    query = "?" + _pairs(out[query_at + 1 : end]) if query_at >= 0 else ""
    fragment = out[end:]
    # A fragment is never sent, but OAuth-style flows put "#access_token=..." there.
    if "=" in fragment:
        fragment = "#" + _pairs(fragment[1:])
    return head + query + fragment


def has_secrets(url: str) -> bool:
    """Whether :func:`redact_url` would change ``url``."""
    return redact_url(url) != url


def _url_in_text(match: re.Match[str]) -> str:
    found = match.group(0)
    core = found.rstrip(_TRAILING)
    return redact_url(core) + found[len(core) :]


def redact_text(text: str) -> str:
    """Free text (an error message, a log value) with every URL in it redacted."""
    if "://" not in text:  # the usual case, and the cheap one
        return text
    return _URL_IN_TEXT.sub(_url_in_text, text)


def keyed_digest(salt: str, value: str) -> str:
    """HMAC-SHA256 of ``value`` under ``salt``, as hex.  What the database keeps
    to compare a secret by: unlike a plain hash, a guessed secret cannot be
    checked against it without the salt."""
    return hmac.new(salt.encode(), value.encode(), hashlib.sha256).hexdigest()
