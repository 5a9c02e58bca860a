from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.httpserver import LoopbackServer


@pytest.fixture
def http_server() -> Iterator[LoopbackServer]:
    """A loopback HTTP server on 127.0.0.1:<ephemeral port>; see tests/httpserver.py."""
    with LoopbackServer() as server:
        yield server


# The notification fixtures: webhook_receiver, smtp_server, silent_smtp.
from tests.fixtures_notify import silent_smtp, smtp_server, webhook_receiver  # noqa: E402, F401
