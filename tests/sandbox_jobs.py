"""Top-level job functions for tests/test_sandbox.py (workers import them by name)."""

from __future__ import annotations

import os
import time
from typing import Any


def square(x: int) -> int:
    return x * x


def pid() -> int:
    return os.getpid()


def sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def spin() -> None:
    while True:
        pass


def allocate(n_bytes: int) -> int:
    return len(bytearray(n_bytes))


def exit_hard(code: int) -> None:
    os._exit(code)


def signal_self(signum: int) -> None:
    os.kill(os.getpid(), signum)


def fail(message: str) -> None:
    raise ValueError(message)


class TwoArgError(Exception):
    """Pickles, but cannot be unpickled: Exception.__reduce__ passes only ``args``."""

    def __init__(self, a: str, b: str) -> None:
        super().__init__(f"{a}/{b}")


def fail_unpicklable() -> None:
    raise TwoArgError("a", "b")


def return_lambda() -> Any:
    return lambda: None


def nested_divs(depth: int) -> int:
    """lxml.html on ``depth`` nested <div>s; the number of elements parsed."""
    import lxml.html

    html = "<html><body>" + "<div>" * depth + "x" + "</div>" * depth + "</body></html>"
    return sum(1 for _ in lxml.html.fromstring(html).iter())


def huge_page(megabytes: int) -> int:
    """trafilatura.bare_extraction on a page of ``megabytes`` MB of paragraphs,
    nested tags and a huge colspan; the length of the extracted text (0 if none)."""
    import trafilatura

    block = (
        "<table><tr><td colspan='100000'>cell</td></tr></table>"
        + "<p>Some <b>bold <i>text</i></b> in a paragraph of an article.</p>" * 20
        + "<div>" * 200
        + "deep"
        + "</div>" * 200
    )
    body = block * (megabytes * 2**20 // len(block) + 1)
    doc = trafilatura.bare_extraction(f"<html><body><article>{body}</article></body></html>")
    if doc is None:
        return 0
    text = doc.text if hasattr(doc, "text") else doc.get("text")
    return len(text or "")
