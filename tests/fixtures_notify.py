"""Fixtures for notification tests: a webhook receiver and two SMTP servers.

Not imported by tests/conftest.py yet; until then a test module re-exports the
ones it uses (``webhook_receiver = fixtures_notify.webhook_receiver``).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest

from tests.smtpserver import SilentServer, SMTPServer
from tests.webhookserver import WebhookReceiver

# The secret the ``webhook_receiver`` fixture checks signatures with.
WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"news-monitor test webhook key").decode()


@pytest.fixture
def webhook_receiver() -> Iterator[WebhookReceiver]:
    """A loopback webhook receiver checking signatures with WEBHOOK_SECRET;
    see tests/webhookserver.py."""
    with WebhookReceiver(secret=WEBHOOK_SECRET) as receiver:
        yield receiver


@pytest.fixture
def smtp_server() -> Iterator[SMTPServer]:
    """A real SMTP server (aiosmtpd) on loopback; see tests/smtpserver.py."""
    with SMTPServer() as server:
        yield server


@pytest.fixture
def silent_smtp() -> Iterator[SilentServer]:
    """A TCP server on loopback that accepts and never sends the SMTP greeting."""
    with SilentServer() as server:
        yield server
