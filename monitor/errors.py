"""The one exception tree of news-monitor.

Every error our code raises derives from :class:`MonitorError`.  Third-party
exceptions (httpx, feedparser, sqlite3, pydantic) are translated into these at
the module that talks to the library, with ``raise ... from e`` so that the
original stays visible in tracebacks.  Each error carries ``hint``: one line
telling an operator what to do about it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar


def _rebuild(cls: type[MonitorError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class MonitorError(Exception):
    """Root of every error raised by news-monitor.

    Picklable with every field, whatever a subclass's ``__init__`` takes, so
    that a worker process can raise one and the main process receives the
    same class with the same fields (``url``, ``status``, ``position`` …)."""

    hint: str = ""
    # A short label for ``feeds.last_error_kind``; "" means the class name.
    kind: ClassVar[str] = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own pickling calls cls(*args), which a subclass with
        # other arguments (FetchError(url, detail), QueryError(message,
        # position)) cannot take; rebuild from the fields instead.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


class ConfigError(MonitorError):
    """The configuration file is missing or invalid.

    ``problems`` holds every problem found, each as ``"dotted.path: reason"``,
    so that a user fixes them all in one pass.
    """

    hint = "fix the listed entries in the config file and run `monitor check`"

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{path}: {len(self.problems)} problem(s)\n{lines}")


class FetchError(MonitorError):
    """A request failed.  ``reason`` is a short machine-friendly label that is
    stored on the feed row (``feeds.last_error_kind``)."""

    reason = "fetch failed"
    kind = "fetch-failed"

    def __init__(self, url: str, detail: str = "", *, hint: str | None = None) -> None:
        self.url = url
        self.detail = detail
        text = self.reason if not detail else f"{self.reason}: {detail}"
        super().__init__(text, hint=hint)


class BlockedAddress(FetchError):
    kind = "blocked"
    reason = "blocked: non-public address"
    hint = "add the host:port or CIDR to [http] allow_private if this is intended"


class TooManyRedirects(FetchError):
    kind = "too-many-redirects"
    reason = "too many redirects"


class ResponseTooLarge(FetchError):
    kind = "response-too-large"
    reason = "response too large"
    hint = "raise [http] max_bytes if the feed is really this large"


class FetchTimeout(FetchError):
    kind = "timeout"
    reason = "timeout"


class ConnectFailed(FetchError):
    """Connection refused or reset, DNS failure."""

    reason = "connection failed"
    kind = "connection-failed"


class TLSFailed(FetchError):
    kind = "TLS-failure"
    reason = "TLS failure"
    hint = "the server's certificate did not verify; verification is never turned off"


class ProtocolFailed(FetchError):
    kind = "protocol-error"
    reason = "protocol error"


class UnexpectedContentType(FetchError):
    """A 200 answer whose Content-Type the caller said it does not want (for
    example a PDF where an article page was expected).  Raised before the body
    is read."""

    reason = "unexpected content type"
    kind = "unexpected-content-type"

    def __init__(self, url: str, content_type: str) -> None:
        self.content_type = content_type or "unknown"
        super().__init__(url, self.content_type)


class HTTPStatusError(FetchError):
    """A final response with a status we do not accept (4xx, 5xx)."""

    reason = "http error"

    def __init__(self, url: str, status: int, retry_after: float | None = None) -> None:
        self.status = status
        self.retry_after = retry_after
        super().__init__(url, f"HTTP {status}")


class NotAFeed(MonitorError):
    """A 200 answer whose body is not a feed (an HTML page, ``{}``, empty)."""

    kind = "not-a-feed"

    def __init__(self, content_type: str) -> None:
        self.content_type = content_type or "unknown"
        super().__init__(f"not a feed ({self.content_type})")


class ParseError(MonitorError):
    """A feed body from which nothing could be recovered."""

    kind = "parse"


class StoreError(MonitorError):
    """The database could not be opened or written."""


class LockHeld(MonitorError):
    """Another worker holds the database lock."""

    hint = "another `monitor` process is running on this database; stop it first"


class SandboxError(MonitorError):
    """A job run in a sandboxed worker process failed (monitor.text.sandbox).
    Also carries a job's own exception that could not be pickled back, as its
    repr."""


class SandboxTimeout(SandboxError):
    """The job ran longer than the sandbox's timeout; its worker was killed."""

    hint = "the input is pathological, or the timeout is too small for this machine"


class SandboxMemory(SandboxError):
    """The job exceeded the sandbox's memory limit (a MemoryError in the worker)."""

    hint = "the input is pathological, or memory_mb is too small"


class SandboxCrashed(SandboxError):
    """The worker process died while running the job (signal, os._exit, killed
    by the kernel), or the sandbox was closed under it."""


class QueryError(MonitorError):
    """A topic query is invalid; ``position`` is the 1-based character index."""

    hint = "fix the topic's query; `monitor topics sql NAME` shows its FTS5 form"

    def __init__(self, message: str, position: int) -> None:
        self.position = position
        super().__init__(f"{message} at position {position}")


class OPMLError(MonitorError):
    """An OPML file could not be read."""

    hint = "export the subscriptions again from your reader (OPML 1.0 or 2.0)"


class CaptureError(MonitorError):
    """A capture yielded no record: it is empty, or nothing but page chrome.

    ``removed`` keeps the chrome lines that were dropped, for the audit trail.
    """

    hint = "check that the file is a text capture of an article or a rendered feed"

    def __init__(self, message: str, removed: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.removed = tuple(removed)


class DeliveryError(MonitorError):
    """A notification could not be delivered (webhook, SMTP, Apprise, .eml).

    ``status`` is the receiver's HTTP status or SMTP reply code when it gave
    one; ``retry_after`` (seconds) its request to wait; ``permanent`` means
    retrying cannot help (a 410 Gone, a rejected recipient, a bad secret), so
    the channel or message is given up on with this error recorded."""

    hint = "see outbox.last_error; the message is retried on the Standard Webhooks schedule"

    def __init__(
        self,
        channel: str,
        detail: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        permanent: bool = False,
    ) -> None:
        super().__init__(f"{channel}: {detail}")
        self.channel = channel
        self.detail = detail
        self.status = status
        self.retry_after = retry_after
        self.permanent = permanent
