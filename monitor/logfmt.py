"""Structured logs: one line per event, as ``key=value`` pairs (logfmt) or as
JSON lines.

Events are logged with :func:`event`::

    event(log, "poll", feed="Amnesty UK", status=200, new=3, ms=120)

which prints ``ts=… level=info event=poll feed="Amnesty UK" status=200 new=3
ms=120``, or ``{"ts": …, "level": "info", "event": "poll", "feed": "Amnesty UK",
…}`` with ``--log-format json``.  A plain message that is already written as
``key=value`` pairs (``"event=tick polled=%d"``, ``"feed=%r outcome=%s"``) is
parsed into fields too; any other message becomes a ``msg`` field.  Values
with spaces, quotes or ``=`` are quoted, and newlines and other control
characters are escaped, so an event is always exactly one line.

Every URL in a line is redacted (:func:`monitor.net.redact.redact_text`): a feed's
``?api_key=`` or a redirect's ``user:pass@`` never reaches the log, whichever
field, message or traceback names it.
"""

from __future__ import annotations

import ast
import json
import logging
import re
import sys
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, TextIO

from monitor.net.redact import redact_text

FORMATS = ("kv", "json")
_FIELDS_ATTR = "monitor_fields"
_HANDLER_NAME = "monitor.logfmt"

_KEY = r"[A-Za-z_][\w.\-]*"
_VALUE = r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[^\s\"']*"
_PAIR = re.compile(rf"({_KEY})=({_VALUE})(?:\s+|$)", re.DOTALL)
_BAD_KEY = re.compile(r"[^\w.\-]")
_PLAIN = re.compile(r"[^\s\"=\\\x00-\x1f\x7f]+")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_INT = re.compile(r"-?\d{1,18}")


def event(logger: logging.Logger, name: str, level: int = logging.INFO, /, **fields: Any) -> None:
    """Log one event with its fields (see the module docstring)."""
    if not logger.isEnabledFor(level):
        return
    # Redacted here, not only by our formatters: the record's message reaches
    # every handler (pytest's capture, a handler a library adds).
    data = {"event": name, **{k: _redacted(v) for k, v in fields.items()}}
    logger.log(level, "%s", render_kv(data), extra={_FIELDS_ATTR: data})


def _redacted(value: Any) -> Any:
    return redact_text(value) if isinstance(value, str) else value


def quote(value: Any) -> str:
    """One value as logfmt writes it: bare when it is a plain token, else in
    double quotes with backslash escapes (``\\n``, ``\\"``, ``\\u0007``)."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        text = value.isoformat()
    elif isinstance(value, float):
        text = f"{value:.6g}" if abs(value) < 1e15 else repr(value)
    else:
        text = str(value)
    if _PLAIN.fullmatch(text):
        return text
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 32 or ord(ch) == 127 or ch in "\u2028\u2029\x85":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def render_kv(fields: Mapping[str, Any]) -> str:
    """``key=value`` pairs separated by spaces; ``None`` values are left out."""
    return " ".join(
        f"{_BAD_KEY.sub('_', str(k)) or '_'}={quote(v)}" for k, v in fields.items() if v is not None
    )


def parse_kv(message: str) -> dict[str, Any] | None:
    """The fields of a message written as ``key=value`` pairs (values bare,
    or quoted in the Python or logfmt way), or ``None`` when it is not one."""
    fields: dict[str, Any] = {}
    pos, text = 0, message.strip()
    if not text:
        return None
    while pos < len(text):
        match = _PAIR.match(text, pos)
        if match is None or match.end() == pos:
            return None
        key, raw = match.group(1), match.group(2)
        fields[key] = _value(raw)
        pos = match.end()
    return fields


def _value(raw: str) -> Any:
    if raw[:1] in ("'", '"'):
        try:
            return ast.literal_eval(raw)  # a string literal only: safe
        except (ValueError, SyntaxError):
            return raw[1:-1]
    if _INT.fullmatch(raw):
        return int(raw)
    if raw == "None":
        return None
    return raw


def _timestamp(record: logging.LogRecord) -> str:
    stamp = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
    return stamp.replace("+00:00", "Z")


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    """What the record says, as fields (without the time and level)."""
    given = getattr(record, _FIELDS_ATTR, None)
    if isinstance(given, dict):
        fields = dict(given)
    else:
        message = record.getMessage()
        parsed = parse_kv(message)
        fields = parsed if parsed is not None else {"logger": record.name, "msg": message}
    if record.exc_info and record.exc_info[0] is not None:
        fields["exc"] = logging.Formatter().formatException(record.exc_info)
    elif record.exc_text:
        fields["exc"] = record.exc_text
    return fields


def _line(record: logging.LogRecord) -> dict[str, Any]:
    line: dict[str, Any] = {"ts": _timestamp(record), "level": record.levelname.lower()}
    for key, value in _fields(record).items():
        line[key + "_" if key in ("ts", "level") else key] = _redacted(value)
    return line


class KeyValueFormatter(logging.Formatter):
    """``ts=2026-11-22T12:00:00.000Z level=info event=poll feed="Amnesty UK" …``"""

    def format(self, record: logging.LogRecord) -> str:
        return render_kv(_line(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ``{"ts": …, "level": …, "event": …, …}``."""

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(_line(record), ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def formatter(fmt: str) -> logging.Formatter:
    if fmt not in FORMATS:
        raise ValueError(f"unknown log format {fmt!r} (use {' or '.join(FORMATS)})")
    return JsonFormatter() if fmt == "json" else KeyValueFormatter()


def setup_logging(fmt: str, level: int, stream: TextIO | None = None) -> None:
    """Send every log record to ``stream`` (stderr) in ``fmt`` (``kv`` or
    ``json``), at ``level``.  Libraries' chatter (APScheduler's job runs,
    httpx's requests) is only shown at DEBUG."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter(fmt))
    handler.set_name(_HANDLER_NAME)
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)  # a second call replaces the first one's handler
    root.addHandler(handler)
    root.setLevel(level)
    quiet = logging.DEBUG if level <= logging.DEBUG else logging.WARNING
    for name in ("apscheduler", "httpx", "httpcore"):
        logging.getLogger(name).setLevel(quiet)
