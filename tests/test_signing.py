"""Standard Webhooks signing (monitor/notify/signing.py) and the README's receiver snippet."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.notify import signing
from monitor.notify.signing import headers, secret_key, sign, verify
from tests.webhook_verify_snippet import verify_webhook

# The test vector of the Standard Webhooks spec and its reference libraries.
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
TIMESTAMP = 1614265330
BODY = b'{"test": 2432232314}'
EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

ids = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1)
stamps = st.integers(min_value=0, max_value=2**40)


def signed(secret: str | bytes = SECRET, body: bytes = BODY) -> dict[str, str]:
    return headers(secret, MSG_ID, TIMESTAMP, body)


# -- the official vector -------------------------------------------------------


def test_official_vector_signature() -> None:
    assert sign(SECRET, MSG_ID, TIMESTAMP, BODY) == EXPECTED


def test_official_vector_verifies() -> None:
    assert verify(SECRET, signed(), BODY, now=TIMESTAMP)
    hdrs = {
        "webhook-id": MSG_ID,
        "webhook-timestamp": str(TIMESTAMP),
        "webhook-signature": EXPECTED,
    }
    assert verify(SECRET, hdrs, BODY, now=TIMESTAMP)


def test_official_vector_with_the_snippet() -> None:
    assert verify_webhook(SECRET, signed(), BODY, now=TIMESTAMP)


def test_signed_content_is_id_dot_timestamp_dot_body() -> None:
    key = base64.b64decode(SECRET.removeprefix("whsec_"))
    mac = hmac.new(key, f"{MSG_ID}.{TIMESTAMP}.".encode() + BODY, hashlib.sha256).digest()
    assert "v1," + base64.b64encode(mac).decode() == EXPECTED


# -- secrets -------------------------------------------------------------------


def test_whsec_secret_is_base64_decoded() -> None:
    assert secret_key("whsec_" + base64.b64encode(b"k3y").decode()) == b"k3y"


def test_raw_string_secret_is_its_utf8_bytes() -> None:
    assert secret_key("pässwörd") == "pässwörd".encode()
    mac = hmac.new("pässwörd".encode(), f"{MSG_ID}.{TIMESTAMP}.".encode() + BODY, hashlib.sha256)
    assert sign("pässwörd", MSG_ID, TIMESTAMP, BODY) == "v1," + base64.b64encode(
        mac.digest()
    ).decode("ascii")


def test_bytes_secret_is_the_key() -> None:
    key = base64.b64decode(SECRET.removeprefix("whsec_"))
    assert sign(key, MSG_ID, TIMESTAMP, BODY) == EXPECTED


@pytest.mark.parametrize("bad", ["", b"", "whsec_", "whsec_not*base64!", "whsec_abc"])
def test_bad_secrets_are_rejected(bad: str | bytes) -> None:
    with pytest.raises(ValueError):
        sign(bad, MSG_ID, TIMESTAMP, BODY)


def test_secret_error_does_not_echo_the_secret() -> None:
    with pytest.raises(ValueError) as info:
        secret_key("whsec_s3cr3t!!")
    assert "s3cr3t" not in str(info.value)


# -- arguments -----------------------------------------------------------------


@pytest.mark.parametrize("bad", ["", "msg 1", "msg\r\nX-Evil: 1", "msg_é", "msg\t1"])
def test_bad_message_ids_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError, match="message id"):
        sign(SECRET, bad, TIMESTAMP, BODY)
    with pytest.raises(ValueError, match="message id"):
        headers(None, bad, TIMESTAMP, BODY)


@pytest.mark.parametrize("bad", [-1, True, 1.5, "1614265330"])
def test_bad_timestamps_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError, match="timestamp"):
        sign(SECRET, MSG_ID, bad, BODY)  # type: ignore[arg-type]


# -- headers() -----------------------------------------------------------------


def test_headers_with_a_secret() -> None:
    assert signed() == {
        "webhook-id": MSG_ID,
        "webhook-timestamp": "1614265330",
        "webhook-signature": EXPECTED,
    }


def test_headers_without_a_secret_have_no_signature() -> None:
    assert headers(None, MSG_ID, TIMESTAMP, BODY) == {
        "webhook-id": MSG_ID,
        "webhook-timestamp": "1614265330",
    }


def test_header_names_are_the_module_constants() -> None:
    assert set(signed()) == {
        signing.ID_HEADER,
        signing.TIMESTAMP_HEADER,
        signing.SIGNATURE_HEADER,
    }


# -- verify() ------------------------------------------------------------------


def test_tampered_body_fails() -> None:
    assert not verify(SECRET, signed(), BODY + b" ", now=TIMESTAMP)
    assert not verify(SECRET, signed(), b'{"test": 2432232315}', now=TIMESTAMP)


def test_tampered_id_fails() -> None:
    hdrs = {**signed(), "webhook-id": MSG_ID + "x"}
    assert not verify(SECRET, hdrs, BODY, now=TIMESTAMP)


def test_tampered_timestamp_fails() -> None:
    hdrs = {**signed(), "webhook-timestamp": str(TIMESTAMP + 1)}
    assert not verify(SECRET, hdrs, BODY, now=TIMESTAMP)


def test_wrong_secret_fails() -> None:
    other = "whsec_" + base64.b64encode(b"another key").decode()
    assert not verify(other, signed(), BODY, now=TIMESTAMP)


def test_unsigned_headers_fail() -> None:
    assert not verify(SECRET, headers(None, MSG_ID, TIMESTAMP, BODY), BODY, now=TIMESTAMP)


@pytest.mark.parametrize("missing", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_missing_header_fails(missing: str) -> None:
    hdrs = signed()
    del hdrs[missing]
    assert not verify(SECRET, hdrs, BODY, now=TIMESTAMP)


def test_timestamp_tolerance_both_ways() -> None:
    hdrs = signed()
    assert verify(SECRET, hdrs, BODY, now=TIMESTAMP + 300)
    assert verify(SECRET, hdrs, BODY, now=TIMESTAMP - 300)
    assert not verify(SECRET, hdrs, BODY, now=TIMESTAMP + 301)  # stale: maybe a replay
    assert not verify(SECRET, hdrs, BODY, now=TIMESTAMP - 301)  # from the future
    assert verify(SECRET, hdrs, BODY, now=TIMESTAMP + 3600, tolerance=3600)
    assert verify(SECRET, hdrs, BODY, now=TIMESTAMP, tolerance=0)
    assert not verify(SECRET, hdrs, BODY, now=TIMESTAMP + 1, tolerance=0)


def test_negative_tolerance_is_a_caller_bug() -> None:
    with pytest.raises(ValueError, match="tolerance"):
        verify(SECRET, signed(), BODY, now=TIMESTAMP, tolerance=-1)


@pytest.mark.parametrize("stamp", ["", "abc", "1614265330.0", "-1614265330", "1e9", "１２", "²"])
def test_malformed_timestamps_fail_quietly(stamp: str) -> None:
    hdrs = {**signed(), "webhook-timestamp": stamp}
    assert not verify(SECRET, hdrs, BODY, now=TIMESTAMP)


def test_header_names_are_case_insensitive() -> None:
    hdrs = {k.title(): v for k, v in signed().items()}
    assert "Webhook-Signature" in hdrs
    assert verify(SECRET, hdrs, BODY, now=TIMESTAMP)


def test_timestamp_with_surrounding_whitespace_is_accepted() -> None:
    hdrs = {**signed(), "webhook-timestamp": f" {TIMESTAMP} "}
    assert verify(SECRET, hdrs, BODY, now=TIMESTAMP)


def test_any_of_several_signatures_may_match() -> None:
    # Key rotation: a sender signs with the old and the new key for a while.
    old = sign("whsec_" + base64.b64encode(b"old").decode(), MSG_ID, TIMESTAMP, BODY)
    hdrs = {**signed(), "webhook-signature": f"{old} {EXPECTED}"}
    assert verify(SECRET, hdrs, BODY, now=TIMESTAMP)
    hdrs = {**signed(), "webhook-signature": f"{EXPECTED}  {old}"}
    assert verify(SECRET, hdrs, BODY, now=TIMESTAMP)
    hdrs = {**signed(), "webhook-signature": old}
    assert not verify(SECRET, hdrs, BODY, now=TIMESTAMP)


@pytest.mark.parametrize(
    "value",
    [
        EXPECTED.replace("v1,", "v1a,"),  # the asymmetric scheme: not ours
        EXPECTED.replace("v1,", "v2,"),
        EXPECTED.removeprefix("v1,"),
        "v1," + EXPECTED,
        "v1,",
        ",",
        "v1,ünïcödé",
        "v1,\udcff",
        EXPECTED[:-1],
    ],
)
def test_other_versions_and_garbage_do_not_match(value: str) -> None:
    hdrs = {**signed(), "webhook-signature": value}
    assert not verify(SECRET, hdrs, BODY, now=TIMESTAMP)
    if "\udcff" not in value:  # real HTTP stacks decode headers as latin-1: no surrogates
        assert not verify_webhook(SECRET, hdrs, BODY, now=TIMESTAMP)


def test_raw_secret_round_trip() -> None:
    hdrs = headers("plain secret", MSG_ID, TIMESTAMP, BODY)
    assert verify("plain secret", hdrs, BODY, now=TIMESTAMP)
    assert not verify("plain secreT", hdrs, BODY, now=TIMESTAMP)


def test_body_bytes_need_not_be_utf8() -> None:
    body = b"\xff\xfe\x00binary"
    assert verify(SECRET, headers(SECRET, MSG_ID, TIMESTAMP, body), body, now=TIMESTAMP)


@given(body=st.binary(max_size=2000), msg_id=ids, stamp=stamps, key=st.binary(min_size=1))
def test_round_trip_property(body: bytes, msg_id: str, stamp: int, key: bytes) -> None:
    secret = "whsec_" + base64.b64encode(key).decode()
    hdrs = headers(secret, msg_id, stamp, body)
    assert verify(secret, hdrs, body, now=stamp)
    assert verify_webhook(secret, hdrs, body, now=stamp)
    assert not verify(secret, hdrs, body + b"x", now=stamp)
    assert not verify_webhook(secret, hdrs, body + b"x", now=stamp)


# -- the README snippet ----------------------------------------------------------


def test_snippet_accepts_a_fresh_delivery_with_its_own_clock() -> None:
    now = int(time.time())
    body = b'{"type": "match.created"}'
    assert verify_webhook(SECRET, headers(SECRET, "msg_1", now, body), body)


def test_snippet_accepts_raw_string_secrets() -> None:
    hdrs = headers("plain secret", MSG_ID, TIMESTAMP, BODY)
    assert verify_webhook("plain secret", hdrs, BODY, now=TIMESTAMP)


def test_snippet_rejects_tampering() -> None:
    hdrs = signed()
    assert not verify_webhook(SECRET, hdrs, BODY + b" ", now=TIMESTAMP)
    assert not verify_webhook(SECRET, {**hdrs, "webhook-id": "msg_x"}, BODY, now=TIMESTAMP)
    stamp = str(TIMESTAMP + 1)
    assert not verify_webhook(SECRET, {**hdrs, "webhook-timestamp": stamp}, BODY, now=TIMESTAMP)
    assert not verify_webhook("whsec_" + "A" * 32, hdrs, BODY, now=TIMESTAMP)
    assert not verify_webhook(SECRET, headers(None, MSG_ID, TIMESTAMP, BODY), BODY, now=TIMESTAMP)


def test_snippet_rejects_stale_and_future_messages() -> None:
    hdrs = signed()
    assert verify_webhook(SECRET, hdrs, BODY, now=TIMESTAMP + 300)
    assert not verify_webhook(SECRET, hdrs, BODY, now=TIMESTAMP + 301)
    assert not verify_webhook(SECRET, hdrs, BODY, now=TIMESTAMP - 301)
    assert not verify_webhook(SECRET, hdrs, BODY)  # the real clock: 2021 is long gone


@pytest.mark.parametrize("stamp", ["", "abc", "1e9", "²", "-5"])
def test_snippet_rejects_malformed_timestamps(stamp: str) -> None:
    hdrs = {**signed(), "webhook-timestamp": stamp}
    assert not verify_webhook(SECRET, hdrs, BODY, now=TIMESTAMP)


def test_snippet_header_names_are_case_insensitive() -> None:
    hdrs = {k.upper(): v for k, v in signed().items()}
    assert verify_webhook(SECRET, hdrs, BODY, now=TIMESTAMP)
