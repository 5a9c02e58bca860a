"""Config sections of the background service and its notifications:
``[service]``, ``[[webhooks]]``, ``[email]``, ``[[digests]]`` and ``[[notify]]``.
Part of :class:`monitor.config.load.Config`; the same strictness (unknown keys are
errors, every problem reported with its dotted path).

Secrets never appear in the config: ``secret_env`` and ``password_env`` name
environment variables, read when a message is sent."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from monitor.config.units import Duration

if TYPE_CHECKING:
    from monitor.notify.digest.plan import DigestPlan

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CHANNEL_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _env_name(value: str | None) -> str | None:
    if value is not None and not _ENV_NAME.fullmatch(value):
        raise ValueError(
            f"{value!r} is not an environment variable name; give the variable's name,"
            " never the secret itself"
        )
    return value


def _channel_name(value: str) -> str:
    if not _CHANNEL_NAME.fullmatch(value):
        raise ValueError(f"{value!r}: use lower-case letters, digits, '.', '_' and '-'")
    return value


def _http_url(url: str) -> str:
    parts = urlsplit(url)
    if url != url.strip() or any(c.isspace() for c in url):
        raise ValueError("the URL contains spaces")
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// URL with a host")
    if parts.username is not None or parts.password is not None:
        raise ValueError("contains credentials; sign with secret_env instead")
    return url


class ServiceConfig(_Strict):
    # `monitor status --check` fails when the worker's last heartbeat is older.
    heartbeat_stale: Duration = Field(300.0, ge=60, le=86400)
    # Operators are told once when a feed has failed for this long, and again
    # when it recovers.
    unhealthy_after: Duration = Field(86400.0, ge=600, le=30 * 86400)
    # Where people browse the archive; digests and webhooks link to it.
    browse_url: str = "http://127.0.0.1:8001/monitor"


class WebhookConfig(_Strict):
    # Stable identifier: shown in the outbox and the logs.
    name: str
    url: str
    # Topic names this endpoint gets matches of (default: all topics).
    topics: tuple[str, ...] = ()
    # Name of the environment variable holding the signing secret
    # (Standard Webhooks: "whsec_<base64>" or any string).
    secret_env: str | None = None
    # Whole-request timeout: a hanging receiver costs at most this per attempt.
    timeout: Duration = Field(10.0, gt=0, le=120)
    # Also receive operator notices (a feed failing for a day, recovering).
    operator: bool = True

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        return _channel_name(value)

    @field_validator("url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        return _http_url(value)

    @field_validator("secret_env")
    @classmethod
    def _check_secret_env(cls, value: str | None) -> str | None:
        return _env_name(value)


class EmailConfig(_Strict):
    # SMTP server; with no host, digests are written as .eml files to
    # storage/outbox/ (the default, which works offline).
    host: str | None = None
    port: int = Field(587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: str | None = None
    password_env: str | None = None
    sender: str = Field("news-monitor <monitor@localhost>", alias="from")
    # Every SMTP call (connect, greeting, each command) times out after this.
    timeout: Duration = Field(30.0, gt=0, le=300)
    # Address that gets operator notices by email (feeds failing, recovering).
    operator: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("password_env")
    @classmethod
    def _check_password_env(cls, value: str | None) -> str | None:
        return _env_name(value)

    @field_validator("operator")
    @classmethod
    def _check_operator(cls, value: str | None) -> str | None:
        if value is not None and not _ADDRESS.fullmatch(value):
            raise ValueError(f"{value!r} is not an email address")
        return value


class DigestConfig(_Strict):
    name: str
    # Recipient addresses.
    to: tuple[str, ...] = Field(min_length=1)
    # Topic names covered (default: all topics).
    topics: tuple[str, ...] = ()
    # "daily 08:00", "weekly mon 08:00", or a 5-field cron expression.
    schedule: str = "daily 08:00"
    # IANA time zone the schedule is read in.
    timezone: str = "UTC"
    # Entries listed in one email; the rest are counted with a link to browse.
    max_items: int = Field(50, ge=1, le=1000)

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        return _channel_name(value)

    @field_validator("to")
    @classmethod
    def _check_to(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [a for a in value if not _ADDRESS.fullmatch(a)]
        if bad:
            raise ValueError(f"not email addresses: {', '.join(map(repr, bad))}")
        return value

    @field_validator("timezone")
    @classmethod
    def _check_zone(cls, value: str) -> str:
        from monitor.notify.digest.plan import DigestPlan

        DigestPlan("daily 08:00", value)  # ValueError names the zone
        return value

    def plan(self) -> DigestPlan:
        from monitor.notify.digest.plan import DigestPlan

        return DigestPlan(self.schedule, self.timezone)

    @field_validator("schedule")
    @classmethod
    def _check_schedule(cls, value: str) -> str:
        from monitor.notify.digest.plan import DigestPlan

        DigestPlan(value, "UTC")  # ValueError names the bad field
        return value


class NotifyConfig(_Strict):
    name: str
    # An Apprise URL (tgram://…, slack://…, mailto://…, json://…): one of the
    # 100+ services Apprise supports; needs the `apprise` extra installed.
    apprise: str
    topics: tuple[str, ...] = ()
    operator: bool = True

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        return _channel_name(value)
