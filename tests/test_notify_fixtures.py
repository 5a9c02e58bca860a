"""The notification test servers themselves: tests/webhookserver.py and tests/smtpserver.py."""

from __future__ import annotations

import gc
import smtplib
import socket
import threading
import time
from email.message import EmailMessage
from email.utils import parseaddr

import httpx
import pytest

from monitor.notify.signing import headers as webhook_headers
from tests.fixtures_notify import WEBHOOK_SECRET
from tests.smtpserver import SilentServer, SMTPServer
from tests.webhookserver import Reply, WebhookReceiver

BODY = b'{"type": "match.created", "data": {"topic": "rail strikes"}}'


def post(
    receiver: WebhookReceiver,
    body: bytes = BODY,
    *,
    secret: str | None = WEBHOOK_SECRET,
    msg_id: str = "msg_1",
    timeout: float = 5.0,
) -> httpx.Response:
    hdrs = webhook_headers(secret, msg_id, int(time.time()), body)
    hdrs["content-type"] = "application/json"
    return httpx.post(receiver.url, content=body, headers=hdrs, timeout=timeout)


def threads_now() -> set[threading.Thread]:
    return set(threading.enumerate())


# -- webhook receiver ----------------------------------------------------------


def test_receiver_records_a_signed_delivery(webhook_receiver: WebhookReceiver) -> None:
    response = post(webhook_receiver)
    assert response.status_code == 200
    (delivery,) = webhook_receiver.wait_for(1)
    assert delivery.method == "POST" and delivery.path == "/hook"
    assert delivery.body == BODY
    assert delivery.json()["data"]["topic"] == "rail strikes"
    assert delivery.headers["webhook-id"] == "msg_1"
    assert delivery.headers["content-type"] == "application/json"
    assert delivery.verified is True
    assert delivery.reply == Reply()
    assert abs(delivery.received_at - time.time()) < 5


def test_receiver_flags_bad_signatures(webhook_receiver: WebhookReceiver) -> None:
    post(webhook_receiver, secret="whsec_" + "QUFBQQ==")  # another key
    post(webhook_receiver, secret=None)  # unsigned
    hdrs = webhook_headers(WEBHOOK_SECRET, "msg_3", int(time.time()), BODY)
    httpx.post(webhook_receiver.url, content=BODY + b" ", headers=hdrs)  # tampered
    stale = webhook_headers(WEBHOOK_SECRET, "msg_4", int(time.time()) - 3600, BODY)
    httpx.post(webhook_receiver.url, content=BODY, headers=stale)
    assert [d.verified for d in webhook_receiver.wait_for(4)] == [False] * 4


def test_receiver_without_a_secret_does_not_check() -> None:
    with WebhookReceiver() as receiver:
        post(receiver, secret=None)
        assert receiver.wait_for(1)[0].verified is None


def test_scripted_replies_in_order_then_default(webhook_receiver: WebhookReceiver) -> None:
    target = webhook_receiver.url_for("/moved")
    webhook_receiver.script(
        Reply.error(500),
        Reply.gone(),
        Reply.too_many(retry_after="30"),
        Reply.redirect(target, status=307),
        Reply.ok(204),
    )
    assert webhook_receiver.pending() == 5
    with httpx.Client(follow_redirects=False) as client:
        hdrs = webhook_headers(WEBHOOK_SECRET, "msg_1", int(time.time()), BODY)
        answers = [client.post(webhook_receiver.url, content=BODY, headers=hdrs) for _ in range(6)]
    assert [a.status_code for a in answers] == [500, 410, 429, 307, 204, 200]
    assert answers[2].headers["retry-after"] == "30"
    assert answers[3].headers["location"] == target
    assert webhook_receiver.pending() == 0
    deliveries = webhook_receiver.wait_for(6)
    assert [d.reply.status for d in deliveries] == [500, 410, 429, 307, 204, 200]
    assert all(d.verified for d in deliveries)


def test_redirect_defaults_to_302(webhook_receiver: WebhookReceiver) -> None:
    webhook_receiver.script(Reply.redirect("http://example.invalid/"))
    response = post(webhook_receiver)
    assert response.status_code == 302
    assert response.headers["location"] == "http://example.invalid/"


def test_default_reply_can_change(webhook_receiver: WebhookReceiver) -> None:
    webhook_receiver.default = Reply.error(503)
    assert post(webhook_receiver).status_code == 503
    assert post(webhook_receiver).status_code == 503


def test_hanging_reply_makes_the_client_time_out() -> None:
    receiver = WebhookReceiver(secret=WEBHOOK_SECRET).start()
    try:
        receiver.script(Reply.hanging())
        started = time.monotonic()
        with pytest.raises(httpx.ReadTimeout):
            post(receiver, timeout=0.3)
        assert time.monotonic() - started < 2
        (delivery,) = receiver.wait_for(1)
        assert delivery.reply.hang and delivery.verified
        assert post(receiver).status_code == 200  # the next request is answered
    finally:
        started = time.monotonic()
        receiver.stop()
        assert time.monotonic() - started < 2  # the hung handler was released


def test_hanging_connection_held_until_the_server_stops() -> None:
    receiver = WebhookReceiver().start()
    receiver.script(Reply.hanging())
    with socket.create_connection(("127.0.0.1", receiver.port), timeout=5) as sock:
        sock.sendall(b"POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
        receiver.wait_for(1)
        sock.settimeout(0.2)
        with pytest.raises(TimeoutError):
            sock.recv(1)  # nothing comes while the server runs
        receiver.stop()
        sock.settimeout(5)
        assert sock.recv(1) == b""  # closed without an answer


def test_chunked_request_body_is_read(webhook_receiver: WebhookReceiver) -> None:
    def pieces() -> list[bytes]:
        return [BODY[:10], BODY[10:]]

    response = httpx.post(webhook_receiver.url, content=iter(pieces()))
    assert response.status_code == 200
    assert webhook_receiver.wait_for(1)[0].body == BODY


def test_wait_for_times_out_with_a_message(webhook_receiver: WebhookReceiver) -> None:
    with pytest.raises(AssertionError, match="expected 1 deliveries"):
        webhook_receiver.wait_for(1, timeout=0.1)


def test_receiver_urls(webhook_receiver: WebhookReceiver) -> None:
    assert webhook_receiver.url == f"http://127.0.0.1:{webhook_receiver.port}/hook"
    assert webhook_receiver.host_port == f"127.0.0.1:{webhook_receiver.port}"
    assert webhook_receiver.port > 0


def test_receiver_stops_quickly_with_an_idle_keepalive_client() -> None:
    before = threads_now()
    receiver = WebhookReceiver().start()
    client = httpx.Client()
    try:
        assert client.post(receiver.url, content=b"{}").status_code == 200
        started = time.monotonic()
        receiver.stop()  # the client's connection is still open
        assert time.monotonic() - started < 2
    finally:
        client.close()
    assert threads_now() <= before  # every handler thread was joined
    assert receiver.errors == []


# -- SMTP server ---------------------------------------------------------------


def message(
    subject: str = "3 new matches: rail strikes", to: str = "ann@example.org"
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "News Monitor <monitor@example.org>"
    msg["To"] = to
    msg["Subject"] = subject
    msg["X-Digest-Id"] = "digest-42"
    msg.set_content("First line\n.a line starting with a dot\nÜmlaut\n")
    return msg


def test_smtp_server_receives_a_message(smtp_server: SMTPServer) -> None:
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=5) as client:
        client.send_message(message("Grève: 3 new matches ✓"))
    (mail,) = smtp_server.wait_for(1)
    assert mail.mail_from == "monitor@example.org"
    assert mail.rcpt_tos == ("ann@example.org",)
    assert mail.message["Subject"] == "Grève: 3 new matches ✓"
    assert parseaddr(mail.message["From"]) == ("News Monitor", "monitor@example.org")
    assert mail.message["X-Digest-Id"] == "digest-42"
    content = mail.message.get_content()
    assert ".a line starting with a dot" in content and "Ümlaut" in content
    assert mail.peer[0] == "127.0.0.1"
    assert mail.data.startswith(b"From: ")


def test_smtp_server_several_messages_on_one_connection(smtp_server: SMTPServer) -> None:
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=5) as client:
        client.ehlo()
        for n in range(3):
            client.send_message(message(f"digest {n}"))
    assert [m.message["Subject"] for m in smtp_server.wait_for(3)] == [
        "digest 0",
        "digest 1",
        "digest 2",
    ]


def test_smtp_server_rejects_some_recipients(smtp_server: SMTPServer) -> None:
    smtp_server.reject_recipients.add("Bounce@Example.org")
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=5) as client:
        refused = client.sendmail(
            "monitor@example.org",
            ["ann@example.org", "bounce@example.org"],
            message().as_bytes(),
        )
    assert set(refused) == {"bounce@example.org"}
    assert refused["bounce@example.org"][0] == 550
    (mail,) = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ("ann@example.org",)
    assert smtp_server.rcpt_attempts == ["ann@example.org", "bounce@example.org"]


def test_smtp_server_rejects_every_recipient(smtp_server: SMTPServer) -> None:
    smtp_server.reject_recipients.add("ann@example.org")
    with (
        smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=5) as client,
        pytest.raises(smtplib.SMTPRecipientsRefused),
    ):
        client.send_message(message())
    assert smtp_server.messages == []


def test_smtp_server_rejects_data(smtp_server: SMTPServer) -> None:
    smtp_server.data_reply = "554 5.7.1 Message rejected as spam"
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=5) as client:
        with pytest.raises(smtplib.SMTPDataError) as info:
            client.send_message(message())
        assert info.value.smtp_code == 554
        smtp_server.data_reply = None  # accepted again on the same connection
        client.send_message(message("second try"))
    assert [m.message["Subject"] for m in smtp_server.wait_for(1)] == ["second try"]


def test_smtp_wait_for_times_out(smtp_server: SMTPServer) -> None:
    with pytest.raises(AssertionError, match="expected 1 messages"):
        smtp_server.wait_for(1, timeout=0.1)


def test_smtp_server_stops_cleanly_with_a_client_still_connected() -> None:
    before = threads_now()
    server = SMTPServer().start()
    client = smtplib.SMTP(server.host, server.port, timeout=5)
    try:
        client.ehlo()
        started = time.monotonic()
        server.stop()  # no QUIT: the server closes the session itself
        assert time.monotonic() - started < 2
    finally:
        client.close()
    gc.collect()  # an unclosed transport or loop would warn now (an error under -W error)
    assert threads_now() <= before


def test_smtp_servers_get_distinct_ephemeral_ports() -> None:
    with SMTPServer() as one, SMTPServer() as two:
        assert one.port != two.port and one.port > 0
        assert one.host_port == f"127.0.0.1:{one.port}"


# -- silent SMTP server --------------------------------------------------------


def test_silent_server_makes_smtplib_time_out(silent_smtp: SilentServer) -> None:
    started = time.monotonic()
    with pytest.raises((smtplib.SMTPServerDisconnected, TimeoutError), match="timed out"):
        smtplib.SMTP(silent_smtp.host, silent_smtp.port, timeout=0.3)
    elapsed = time.monotonic() - started
    assert 0.25 < elapsed < 2
    assert silent_smtp.connections == 1


def test_silent_server_never_sends_a_byte(silent_smtp: SilentServer) -> None:
    address = (silent_smtp.host, silent_smtp.port)
    with socket.create_connection(address, timeout=0.2) as sock, pytest.raises(TimeoutError):
        sock.recv(1)


def test_silent_server_stops_cleanly() -> None:
    before = threads_now()
    server = SilentServer().start()
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        deadline = time.monotonic() + 5
        while server.connections < 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.stop()
        assert sock.recv(1) == b""  # closed by the server
    assert threads_now() <= before
