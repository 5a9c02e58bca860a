from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import settings

from tests.examples import QUICK, THOROUGH
from tests.httpserver import LoopbackServer

# Property tests that name no count of their own: Hypothesis's default in CI,
# QUICK locally (tests/examples.py).
settings.register_profile("quick", max_examples=QUICK)
if not THOROUGH:
    settings.load_profile("quick")


@pytest.fixture
def http_server() -> Iterator[LoopbackServer]:
    """A loopback HTTP server on 127.0.0.1:<ephemeral port>; see tests/httpserver.py."""
    with LoopbackServer() as server:
        yield server


# The notification fixtures: webhook_receiver, smtp_server, silent_smtp.
from tests.fixtures_notify import silent_smtp, smtp_server, webhook_receiver  # noqa: E402, F401
