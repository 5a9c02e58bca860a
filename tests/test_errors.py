"""The one exception tree crosses processes whole (monitor/errors.py)."""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

from monitor import errors
from monitor.errors import (
    CaptureError,
    ConfigError,
    DeliveryError,
    HTTPStatusError,
    MonitorError,
    NotAFeed,
    ParseError,
    QueryError,
    TLSFailed,
    UnexpectedContentType,
)
from monitor.ingest.parsepool import error_kind, parse_job

SAMPLES: list[MonitorError] = [
    MonitorError("plain", hint="do this"),
    ConfigError("monitor.toml", ["feeds[0].url: no scheme", "topics[1]: bad"]),
    HTTPStatusError("https://news.example/feed", 503, retry_after=120.0),
    TLSFailed("https://news.example/", "certificate verify failed"),
    UnexpectedContentType("https://news.example/a.pdf", "application/pdf"),
    NotAFeed("text/html"),
    ParseError("malformed feed, nothing recovered"),
    QueryError("dangling 'OR'", 8),
    CaptureError("only page chrome", ["Share", "Menu"]),
    DeliveryError("team", "HTTP 429", status=429, retry_after=30.0, permanent=False),
]


def _fields(error: BaseException) -> tuple[object, ...]:
    return (type(error), error.args, str(error), vars(error), getattr(error, "hint", None))


@pytest.mark.parametrize("error", SAMPLES, ids=lambda e: type(e).__name__)
def test_every_error_pickles_with_its_class_and_fields(error: MonitorError) -> None:
    back = pickle.loads(pickle.dumps(error))
    assert _fields(back) == _fields(error)


def test_every_error_class_is_in_errors_py() -> None:
    import monitor

    defined = {
        cls.__module__
        for cls in _all_subclasses(MonitorError)
        if cls.__module__.startswith(monitor.__name__)
    }
    assert defined == {errors.__name__}


def _all_subclasses(cls: type) -> set[type]:
    out = set(cls.__subclasses__())
    for sub in list(out):
        out |= _all_subclasses(sub)
    return out


def _raise(error: MonitorError) -> None:
    raise error


def test_an_error_raised_in_a_parse_worker_arrives_as_the_same_class_and_fields() -> None:
    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        html = pool.submit(
            parse_job, b"<html><body>hi</body></html>", {"content-type": "text/html"}, "http://x/"
        )
        with pytest.raises(NotAFeed) as got:
            html.result(timeout=60)
        assert got.value.content_type == "text/html" and error_kind(got.value) == "not-a-feed"
        for error in SAMPLES:
            with pytest.raises(type(error)) as raised:
                pool.submit(_raise, error).result(timeout=60)
            assert _fields(raised.value) == _fields(error)
    assert error_kind(SAMPLES[2]) == "http-503" and error_kind(SAMPLES[3]) == "TLS-failure"
