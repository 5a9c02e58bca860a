"""Standard Webhooks signatures (https://www.standardwebhooks.com).  Pure: no I/O,
no clock; :func:`verify` takes ``now``.

A delivery carries three headers::

    webhook-id: msg_2b9...                  (unique per message, the same on every retry)
    webhook-timestamp: 1614265330           (integer seconds since the epoch, UTC)
    webhook-signature: v1,g0hM9SsE+OTP...=  (space-separated; several during key rotation)

The signature is ``"v1," + base64(HMAC-SHA256(key, f"{id}.{timestamp}.".encode() + body))``.
``body`` is the exact bytes sent: the signature covers bytes, never a re-serialized object.

A secret is either ``"whsec_" + base64(key)`` (the spec's form, what we generate) or any
other string, whose UTF-8 bytes are the key (what some receivers hand out).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Mapping

PREFIX = "whsec_"
VERSION = "v1"
TOLERANCE = 300  # seconds: the spec's default window against replays
ID_HEADER = "webhook-id"
TIMESTAMP_HEADER = "webhook-timestamp"
SIGNATURE_HEADER = "webhook-signature"

__all__ = [
    "ID_HEADER",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "TOLERANCE",
    "headers",
    "secret_key",
    "sign",
    "verify",
]


def secret_key(secret: str | bytes) -> bytes:
    """The HMAC key for ``secret``: base64-decoded after ``whsec_``, else its UTF-8 bytes
    (bytes are used as they are).  ValueError for an empty secret or bad base64."""
    if isinstance(secret, bytes):
        key = secret
    elif secret.startswith(PREFIX):
        try:
            key = base64.b64decode(secret[len(PREFIX) :], validate=True)
        except (binascii.Error, ValueError) as e:
            # Not a silent fallback to the raw string: a mangled whsec_ secret
            # would then sign with a key the receiver does not have.
            raise ValueError(f"secret starts with {PREFIX!r} but is not valid base64") from e
    else:
        key = secret.encode("utf-8")
    if not key:
        raise ValueError("the webhook secret is empty")
    return key


def _check_id(msg_id: str) -> None:
    # The id goes into a header and into the signed content: printable ASCII
    # without spaces keeps both unambiguous (no header injection, no CR/LF).
    if not msg_id or not all("!" <= c <= "~" for c in msg_id):
        raise ValueError(f"message id must be non-empty printable ASCII without spaces: {msg_id!r}")


def _check_timestamp(timestamp: int) -> None:
    if isinstance(timestamp, bool) or not isinstance(timestamp, int) or timestamp < 0:
        raise ValueError(f"timestamp must be a non-negative int (seconds): {timestamp!r}")


def _digest(key: bytes, msg_id: str, timestamp: int, body: bytes) -> str:
    content = f"{msg_id}.{timestamp}.".encode() + body
    mac = hmac.new(key, content, hashlib.sha256).digest()
    return base64.b64encode(mac).decode("ascii")


def sign(secret: str | bytes, msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value for one message: ``"v1,<base64 HMAC-SHA256>"``.

    ``timestamp`` is integer seconds since the epoch; ``body`` the exact bytes sent.
    ValueError for an empty or malformed secret, id or timestamp.
    """
    _check_id(msg_id)
    _check_timestamp(timestamp)
    return f"{VERSION},{_digest(secret_key(secret), msg_id, timestamp, body)}"


def headers(secret: str | bytes | None, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The Standard Webhooks headers for one delivery.  Without a secret: id and
    timestamp only (receivers still get idempotency and ordering), no signature."""
    _check_id(msg_id)
    _check_timestamp(timestamp)
    out = {ID_HEADER: msg_id, TIMESTAMP_HEADER: str(timestamp)}
    if secret is not None:
        out[SIGNATURE_HEADER] = sign(secret, msg_id, timestamp, body)
    return out


def verify(
    secret: str | bytes,
    headers: Mapping[str, str],
    body: bytes,
    now: int,
    tolerance: int = TOLERANCE,
) -> bool:
    """True when ``headers`` carry a valid ``v1`` signature of ``body`` under ``secret``
    and a timestamp within ``tolerance`` seconds of ``now`` (either side: a stale
    message may be a replay, one from the future a wrong clock or a forgery).

    Header names match case-insensitively.  Anything missing or malformed is False,
    never an exception: the input is untrusted.  ValueError only for a bad ``secret``
    or a negative ``tolerance`` (the caller's own mistakes).
    """
    if tolerance < 0:
        raise ValueError(f"tolerance must be >= 0 seconds: {tolerance!r}")
    key = secret_key(secret)
    fields = {name.lower(): value for name, value in headers.items()}
    msg_id = fields.get(ID_HEADER, "")
    stamp = fields.get(TIMESTAMP_HEADER, "").strip()
    # isascii: str.isdigit() is also true for "²" and other digits int() rejects.
    if not msg_id or not (stamp.isascii() and stamp.isdigit()):
        return False
    timestamp = int(stamp)
    if abs(now - timestamp) > tolerance:
        return False
    expected = _digest(key, msg_id, timestamp, body).encode("ascii")
    found = False
    for item in fields.get(SIGNATURE_HEADER, "").split():
        version, _, signature = item.partition(",")
        # Every candidate is compared (no early exit) so the time taken does not
        # tell which of several signatures matched.  Bytes, not str:
        # compare_digest raises TypeError on non-ASCII str.
        if version == VERSION and hmac.compare_digest(
            expected, signature.encode("utf-8", "replace")
        ):
            found = True
    return found
