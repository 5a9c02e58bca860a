"""Sending an email: the I/O adapter of the digests (and, later, of operator
notices by email).

With ``[email] host`` set, the message goes over SMTP (smtplib), with
``email.timeout`` on every call: the connection, the greeting, and each
command after it.  Without a host, it is written as an ``.eml`` file to the
outbox folder, so the default setup works offline.

Every smtplib, socket and ssl error is translated into
:class:`monitor.errors.DeliveryError`, carrying the SMTP reply code when the
server gave one; a timeout names the step that got no answer.  ``permanent``
is set only when retrying cannot help: every recipient rejected with a 5xx
code, a 5xx authentication failure, or a password variable that is not set.
The caller keeps the message in the outbox either way; ``permanent`` only
tells the delivery loop to stop trying.

Recipients: a 5xx for some of them fails only those (the others get the
message, and the detail lists the refused ones).  A 4xx for any of them
sends the message to nobody this time (RSET before DATA), so that the retry
reaches everyone exactly once.  A retry sends the stored message unchanged:
same Message-ID, same bytes.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import smtplib
import ssl
import tempfile
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr
from pathlib import Path

from monitor.config.notify import EmailConfig
from monitor.errors import DeliveryError

__all__ = ["eml_path", "send_email"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def eml_path(outbox_dir: Path, msg_id: str) -> Path:
    """Where the message ``msg_id`` is written without SMTP: one file per
    outbox message, so a retry overwrites it instead of adding another."""
    stem = _UNSAFE.sub("_", msg_id).strip("._") or "message"
    return outbox_dir / f"{stem}.eml"


def send_email(
    message: bytes | EmailMessage,
    email_config: EmailConfig,
    outbox_dir: Path,
    msg_id: str,
    *,
    channel: str = "email",
) -> str:
    """Deliver ``message`` (an RFC 822 message, or an EmailMessage) and say
    how, briefly: ``"smtp 250 OK"`` or ``"written storage/outbox/<file>.eml"``.
    Recipients and sender come from the message's own headers.  Raises
    DeliveryError (``channel`` names what was being delivered)."""
    if email_config.host is None:
        return _write_eml(_as_bytes(message), outbox_dir, msg_id, channel)
    parsed = message if isinstance(message, EmailMessage) else _parse(message)
    return _send_smtp(parsed, email_config, channel)


def _as_bytes(message: bytes | EmailMessage) -> bytes:
    return message if isinstance(message, bytes) else message.as_bytes(policy=policy.default)


def _parse(data: bytes) -> EmailMessage:
    parsed = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(parsed, EmailMessage)  # policy.default's message factory
    return parsed


def _write_eml(data: bytes, outbox_dir: Path, msg_id: str, channel: str) -> str:
    target = eml_path(outbox_dir, msg_id)
    try:
        outbox_dir.mkdir(parents=True, exist_ok=True)
        # A temporary file renamed over the target: a crash leaves either the
        # whole message or none of it, never half an .eml.
        fd, temp = tempfile.mkstemp(dir=outbox_dir, prefix=".tmp-", suffix=".eml")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise DeliveryError(channel, f"cannot write {target}: {e.strerror or e}") from e
    return f"written {target}"


class _Step:
    """The step of the SMTP conversation under way, named in a timeout."""

    def __init__(self) -> None:
        self.name = "while connecting"


# The server got the whole message and then said nothing: it may have queued
# it.  The retry resends it, identical, and mail clients show it once.
_AFTER_DATA = (
    "after the message data (the server may have it: the retry sends it again"
    " with the same Message-ID)"
)


class _Deferred(smtplib.SMTPRecipientsRefused):
    """Some recipient got a 4xx: nothing was sent, try again later."""


def _send_smtp(message: EmailMessage, config: EmailConfig, channel: str) -> str:
    host, port, timeout = config.host or "", config.port, config.timeout
    password = _password(config, channel)
    where = f"{host}:{port}"
    step = _Step()
    try:
        context = ssl.create_default_context() if config.security != "none" else None
        smtp: smtplib.SMTP
        # The timeout is the socket's: it bounds the connection, the TLS
        # handshake, the greeting and every reply after them.
        if config.security == "ssl":
            smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
        else:
            smtp = smtplib.SMTP(host, port, timeout=timeout)
        with smtp:
            if config.security == "starttls":
                step.name = "during STARTTLS"
                smtp.starttls(context=context)
            if config.username is not None:
                step.name = "during login"
                smtp.login(config.username, password)
            code, reply, refused = _transaction(smtp, message, step)
    except _Deferred as e:
        detail = "; ".join(f"{a}: {c} {_text(r)}" for a, (c, r) in sorted(e.recipients.items()))
        raise DeliveryError(
            channel,
            f"{where} deferred {detail} (sent to nobody; tried again later)",
            status=next(c for c, _ in e.recipients.values() if 400 <= c < 500),
        ) from e
    except smtplib.SMTPRecipientsRefused as e:
        if not e.recipients:
            raise DeliveryError(channel, "the message has no recipients", permanent=True) from e
        codes = [c for c, _ in e.recipients.values()]
        detail = "; ".join(f"{a}: {c} {_text(r)}" for a, (c, r) in e.recipients.items())
        raise DeliveryError(
            channel,
            f"every recipient was refused by {where}: {detail}",
            status=codes[0] if codes else None,
            permanent=bool(codes) and all(500 <= c < 600 for c in codes),
        ) from e
    except smtplib.SMTPAuthenticationError as e:
        raise DeliveryError(
            channel,
            f"login as {config.username!r} refused by {where}: {e.smtp_code} {_text(e.smtp_error)}",
            status=e.smtp_code,
            permanent=500 <= e.smtp_code < 600,
        ) from e
    except smtplib.SMTPResponseException as e:  # sender, DATA and other rejections
        raise DeliveryError(
            channel,
            f"{where} answered {e.smtp_code} {_text(e.smtp_error)}",
            status=e.smtp_code,
        ) from e
    except smtplib.SMTPNotSupportedError as e:
        raise DeliveryError(channel, f"{where}: {e} (check email.security)") from e
    except TimeoutError as e:  # socket.timeout is TimeoutError; smtplib lets it out on connect
        raise DeliveryError(channel, f"{where}: no answer within {timeout:g}s {step.name}") from e
    except ssl.SSLError as e:  # verification is never turned off: fix the server or the CA
        reason = getattr(e, "verify_message", None) or e.reason or str(e)
        raise DeliveryError(channel, f"{where}: TLS failure: {reason}") from e
    except smtplib.SMTPServerDisconnected as e:
        if isinstance(e.__context__, TimeoutError):  # smtplib reports a timeout as a close
            # Connected, then silent: the constructor was reading the greeting.
            wait = "for the greeting" if step.name == "while connecting" else step.name
            raise DeliveryError(channel, f"{where}: no answer within {timeout:g}s {wait}") from e
        raise DeliveryError(channel, f"{where} closed the connection: {e}") from e
    except smtplib.SMTPException as e:
        raise DeliveryError(channel, f"{where}: {e}") from e
    except ConnectionRefusedError as e:
        raise DeliveryError(channel, f"{where}: connection refused") from e
    except OSError as e:  # DNS failure, reset, unreachable
        raise DeliveryError(channel, f"{where}: connection failed: {e.strerror or e}") from e
    if refused:
        # Some recipients took it: retrying would send them a second copy.
        others = ", ".join(f"{a} ({c})" for a, (c, _) in sorted(refused.items()))
        return f"smtp {code} {_text(reply)}; refused: {others}"
    return f"smtp {code} {_text(reply)}"


def _transaction(
    smtp: smtplib.SMTP, message: EmailMessage, step: _Step
) -> tuple[int, bytes, dict[str, tuple[int, bytes]]]:
    """MAIL, RCPT and DATA, as smtplib's send_message does them, keeping the
    server's reply to DATA (its queue id) for the record, and ``step`` up to
    date.  Raises smtplib's own exceptions, like sendmail(), and _Deferred
    when a recipient got a 4xx (before DATA: nobody has the message yet)."""
    sender = parseaddr(str(message.get("Sender") or message.get("From") or ""))[1]
    fields = [str(v) for key in ("To", "Cc", "Bcc") for v in message.get_all(key, [])]
    recipients = [address for _, address in getaddresses(fields) if address]
    if not recipients:
        raise smtplib.SMTPRecipientsRefused({})
    outgoing = copy.copy(message)
    del outgoing["Bcc"]
    data = outgoing.as_bytes(policy=policy.SMTP)  # CRLF line ends, as DATA wants
    step.name = "to EHLO"
    smtp.ehlo_or_helo_if_needed()
    step.name = "to MAIL FROM"
    code, reply = smtp.mail(sender)
    if code != 250:
        _reset(smtp)
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    refused: dict[str, tuple[int, bytes]] = {}
    step.name = "to RCPT TO"
    for address in recipients:
        code, reply = smtp.rcpt(address)
        if code not in (250, 251):
            refused[address] = (code, reply)
    if any(400 <= c < 500 for c, _ in refused.values()):
        # Sending now would leave the deferred ones to a retry that sends the
        # others a second copy: send to nobody, and everyone gets the retry.
        _reset(smtp)
        raise _Deferred(refused)
    if len(refused) == len(recipients):
        _reset(smtp)
        raise smtplib.SMTPRecipientsRefused(refused)
    # smtp.data(), in two steps, so that a timeout says which one stalled.
    step.name = "to DATA"
    smtp.putcmd("data")
    code, reply = smtp.getreply()
    if code != 354:
        _reset(smtp)
        raise smtplib.SMTPDataError(code, reply)
    step.name = _AFTER_DATA
    smtp.send(_dot_stuffed(data))
    code, reply = smtp.getreply()
    if code != 250:
        _reset(smtp)
        raise smtplib.SMTPDataError(code, reply)
    return code, reply, refused


def _dot_stuffed(data: bytes) -> bytes:
    """``data`` (CRLF line ends) as DATA sends it: a leading "." doubled on
    every line, and the "." line that ends it."""
    body = re.sub(rb"(?m)^\.", b"..", data)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return body + b".\r\n"


def _reset(smtp: smtplib.SMTP) -> None:
    # As sendmail() does: leave the session clean before the error goes up.
    with contextlib.suppress(smtplib.SMTPException, OSError):
        smtp.rset()


def _password(config: EmailConfig, channel: str) -> str:
    if config.username is None:
        return ""
    if config.password_env is None:
        raise DeliveryError(
            channel, "email.username is set but email.password_env is not", permanent=True
        )
    password = os.environ.get(config.password_env)
    if password is None:
        raise DeliveryError(
            channel,
            f"the environment variable {config.password_env} (email.password_env) is not set",
            permanent=True,
        )
    return password


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())[:300]
