"""Receiver-side verification of a news-monitor webhook, stdlib only: the code the
README shows to people who write a receiver.  Kept here so that a test proves it
accepts what monitor.notify.signing produces and rejects tampering; keep the two in sync.
"""

import base64
import hashlib
import hmac
import time
from collections.abc import Mapping


def verify_webhook(
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    tolerance: int = 300,
    now: float | None = None,
) -> bool:
    """True when `body` (the raw request bytes) was signed by news-monitor with
    `secret` within the last `tolerance` seconds.  `headers`: the request headers."""
    h = {k.lower(): v for k, v in headers.items()}
    msg_id = h.get("webhook-id", "")
    ts = h.get("webhook-timestamp", "")
    now = time.time() if now is None else now
    if not msg_id or not (ts.isascii() and ts.isdigit()) or abs(now - int(ts)) > tolerance:
        return False
    if secret.startswith("whsec_"):
        key = base64.b64decode(secret[len("whsec_") :])
    else:
        key = secret.encode()
    mac = hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()
    expected = "v1," + base64.b64encode(mac).decode()
    signatures = h.get("webhook-signature", "").split()
    return any(hmac.compare_digest(expected.encode(), s.encode()) for s in signatures)
