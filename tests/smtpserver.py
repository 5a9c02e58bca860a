"""Loopback SMTP servers for tests: a real one (aiosmtpd) that records what it
receives, and a silent one that accepts connections and never greets.

Use the ``smtp_server`` and ``silent_smtp`` fixtures (tests/fixtures_notify.py)::

    smtp_server.reject_recipients.add("bounce@example.org")   # RCPT TO answered 550
    smtp_server.defer_recipients.add("later@example.org")     # RCPT TO answered 451
    smtp_server.data_reply = "554 5.7.1 Message rejected"      # DATA answered 554
    smtp_server.data_delay = 30.0      # the message is taken, the final reply never comes
    ...send to smtp_server.host, smtp_server.port...
    (mail,) = smtp_server.wait_for(1)
    mail.message["Subject"], mail.rcpt_tos, mail.message.get_content()

Both bind 127.0.0.1 on an ephemeral port and never talk to anything else.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass(frozen=True)
class ReceivedMail:
    """One message accepted by :class:`SMTPServer`."""

    mail_from: str
    rcpt_tos: tuple[str, ...]  # the accepted recipients only
    data: bytes  # the message as sent (after dot-unstuffing)
    message: EmailMessage  # ``data`` parsed with email.policy.default
    peer: tuple[str, int]
    received_at: float  # time.time()


class _Handler:
    """aiosmtpd handler hooks; runs on the server's event loop thread."""

    def __init__(self, owner: SMTPServer) -> None:
        self.owner = owner

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        owner = self.owner
        with owner._changed:
            owner.rcpt_attempts.append(address)
            rejected = address.lower() in {a.lower() for a in owner.reject_recipients}
            deferred = address.lower() in {a.lower() for a in owner.defer_recipients}
        if rejected:
            return f"550 5.1.1 <{address}>: Recipient address rejected"
        if deferred:
            return f"451 4.7.1 <{address}>: Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        owner = self.owner
        data = envelope.original_content or b""
        with owner._changed:
            owner.data_attempts.append(data)
            reply, delay = owner.data_reply, owner.data_delay
        if reply is not None:
            return reply
        message = email.message_from_bytes(data, policy=email.policy.default)
        mail = ReceivedMail(
            mail_from=envelope.mail_from or "",
            rcpt_tos=tuple(envelope.rcpt_tos),
            data=data,
            message=message,
            peer=(str(session.peer[0]), int(session.peer[1])) if session.peer else ("", 0),
            received_at=time.time(),
        )
        owner._record(mail)
        if delay:
            # Like a server that queued the message and hung before saying so.
            # aiosmtpd cancels this when the client hangs up.
            await asyncio.sleep(delay)
        return "250 OK"


class _Controller(Controller):
    """aiosmtpd's Controller on a socket we bind ourselves.

    Controller would bind ``port`` itself and then connect to that same number
    to check that the server answers, which fails for port 0.  Binding first
    gives an ephemeral port with no race, and the check connects to it.
    """

    def __init__(self, handler: _Handler, sock: socket.socket, **kwargs: Any) -> None:
        super().__init__(handler, hostname="127.0.0.1", port=sock.getsockname()[1], **kwargs)
        self._sock = sock
        self.sessions: set[SMTP] = set()

    def factory(self) -> SMTP:
        smtp: SMTP = super().factory()  # type: ignore[no-untyped-call]
        self.sessions.add(smtp)
        return smtp

    def _create_server(self) -> Any:
        return self.loop.create_server(self._factory_invoker, sock=self._sock)

    def close_sessions(self) -> None:
        """Close every client connection still open (on the loop's thread), so
        that stopping leaves no transport to be garbage-collected unclosed."""

        def close() -> None:
            for smtp in self.sessions:
                transport = smtp.transport
                if transport is not None and not transport.is_closing():
                    transport.close()

        done = threading.Event()

        def close_and_signal() -> None:
            close()
            done.set()

        self.loop.call_soon_threadsafe(close_and_signal)
        done.wait(5)


class SMTPServer:
    """A real SMTP server (aiosmtpd) on 127.0.0.1:<ephemeral port> that records
    every accepted message in ``messages``.

    ``reject_recipients``: addresses whose RCPT TO is answered ``550``;
    ``defer_recipients``: ``451`` (greylisting).
    ``data_reply``: when set (e.g. ``"554 5.7.1 Message rejected"``), the end
    of the message data is answered with it and nothing is recorded.
    ``data_delay``: seconds between recording a message and answering ``250``
    (a stall after DATA).  All of them may change at any time.
    """

    def __init__(self) -> None:
        self.messages: list[ReceivedMail] = []
        self.rcpt_attempts: list[str] = []  # every RCPT TO address, accepted or not
        self.data_attempts: list[bytes] = []  # every message data received, taken or not
        self.reject_recipients: set[str] = set()
        self.defer_recipients: set[str] = set()
        self.data_reply: str | None = None
        self.data_delay: float = 0.0
        self._changed = threading.Condition()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        sock.setblocking(False)
        self.host = "127.0.0.1"
        self.port: int = sock.getsockname()[1]
        self._controller = _Controller(_Handler(self), sock, ready_timeout=5.0)

    @property
    def host_port(self) -> str:
        return f"{self.host}:{self.port}"

    def wait_for(self, count: int, timeout: float = 5.0) -> list[ReceivedMail]:
        """Block until ``count`` messages arrived (all of them are returned);
        AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"expected {count} messages within {timeout}s, got {len(self.messages)}"
                    )
                self._changed.wait(left)
            return list(self.messages)

    def _record(self, mail: ReceivedMail) -> None:
        with self._changed:
            self.messages.append(mail)
            self._changed.notify_all()

    def start(self) -> SMTPServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.close_sessions()
        self._controller.stop()

    def __enter__(self) -> SMTPServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class SilentServer:
    """Accepts TCP connections on 127.0.0.1:<ephemeral port> and never sends a
    byte (no SMTP 220 greeting): a client must time out.  ``connections``
    counts the connections accepted."""

    def __init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.settimeout(0.05)
        self.host = "127.0.0.1"
        self.port: int = self._listener.getsockname()[1]
        self.connections = 0
        self._held: list[socket.socket] = []
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    @property
    def host_port(self) -> str:
        return f"{self.host}:{self.port}"

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._held.append(conn)  # held open, never written to
            self.connections += 1

    def start(self) -> SilentServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        for conn in self._held:
            with contextlib.suppress(OSError):
                conn.close()
        self._listener.close()

    def __enter__(self) -> SilentServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
