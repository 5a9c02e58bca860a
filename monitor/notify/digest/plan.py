"""When digests go out.  Pure: no I/O, no clock; callers pass ``now``.

A plan is a ``schedule`` string and an IANA ``timezone`` name::

    DigestPlan("daily 08:00", "Europe/London")
    DigestPlan("weekly mon 08:00", "America/New_York")
    DigestPlan("0 8 * * 1-5", "Asia/Tokyo")        # 5-field cron: weekdays at 08:00

Cron expressions follow Vixie cron, the one people know from crontab(5):
day-of-week 0 and 7 are Sunday (APScheduler 3 counts 0 as Monday, so the field
is translated to names before it gets there), and when both day-of-month and
day-of-week are restricted a day matching *either* fires (APScheduler alone
would need both).  As in Vixie cron, a field starting with ``*`` counts as
unrestricted for that rule.  The arithmetic itself is APScheduler's CronTrigger.

Daylight saving time, decided once here so that every digest behaves alike:

* a wall-clock time that happens twice (the autumn repeated hour) fires once,
  at its first occurrence;
* a wall-clock time that does not exist (the spring gap) fires once, shifted
  by the jump: a daily 01:30 in London fires at 02:30 BST on that day.

So a daily digest fires exactly once per calendar day in its time zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

__all__ = ["WEEKDAYS", "DigestPlan", "Due", "due"]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # APScheduler's order: mon = 0
_CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # crontab's order: sun = 0
_FIELDS = ("minute", "hour", "day", "month", "day_of_week")
_LABELS = {
    "minute": "minute",
    "hour": "hour",
    "day": "day-of-month",
    "month": "month",
    "day_of_week": "day-of-week",
}
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_FORMS = "'daily HH:MM', 'weekly DAY HH:MM' (DAY: mon..sun) or a 5-field cron expression"
_EPSILON = timedelta(microseconds=1)
# A search that skips more candidates than this is a bug, not a schedule: the
# most a real plan skips is one repeated hour of every-minute runs (60).
_MAX_SKIPS = 10_000
_PROBE_FROM = datetime(2000, 1, 1, tzinfo=UTC)  # any year with Feb 29 on every weekday


@dataclass(frozen=True)
class DigestPlan:
    """A validated digest schedule.  Constructing one parses and checks it:
    ValueError with a message naming the bad part (field, weekday, time zone).

    ``schedule`` and ``timezone`` are kept as given (whitespace normalized);
    ``cron`` is the equivalent 5-field crontab expression, for display.
    """

    schedule: str
    timezone: str
    cron: str = field(init=False, compare=False)
    _zone: ZoneInfo = field(init=False, repr=False, compare=False)
    # One trigger, or two for the day-of-month OR day-of-week rule.  Untyped:
    # APScheduler ships no type information.
    _triggers: tuple[Any, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        schedule = " ".join(str(self.schedule).split())
        zone_name = str(self.timezone).strip()
        object.__setattr__(self, "schedule", schedule)
        object.__setattr__(self, "timezone", zone_name)
        zone = _zone(zone_name)
        fields = _fields(schedule)
        object.__setattr__(self, "cron", " ".join(fields))
        object.__setattr__(self, "_zone", zone)
        object.__setattr__(self, "_triggers", _triggers(schedule, fields, zone))

    def next_after(self, t: datetime) -> datetime:
        """The first scheduled run strictly after ``t`` (aware, any zone), as an
        aware UTC datetime.  ValueError for a naive ``t``."""
        start = _utc(t, "t")
        for _ in range(_MAX_SKIPS):
            found = [_candidate(trigger, start, self._zone) for trigger in self._triggers]
            candidates = [c for c in found if c is not None]
            if not candidates:  # only past year 9999, where APScheduler stops
                raise ValueError(f"schedule {self.schedule!r} has no run after {t.isoformat()}")
            instant, fires = min(candidates, key=lambda c: (c[0], not c[1]))
            if fires and instant > start:
                return instant
            # The second pass of a repeated wall-clock time: look on from there.
            start = max(instant, start + _EPSILON)
        raise RuntimeError(f"no run found after {t.isoformat()} for {self!r}")


@dataclass(frozen=True)
class Due:
    """What :func:`due` decided.

    ``run``: the scheduled run to send a digest for now, None when none is due.
    Store it as the next call's ``last_sent``.  ``missed``: earlier scheduled
    runs since ``last_sent`` were folded into this one (downtime, clock jump).
    ``next_run``: the next scheduled run after ``now``, when to look again.
    """

    run: datetime | None
    missed: bool
    next_run: datetime


def due(last_sent: datetime | None, now: datetime, plan: DigestPlan) -> Due:
    """Which scheduled run, if any, a digest is due for at ``now``.

    ``last_sent`` is the ``run`` of the last digest sent (or, before the first
    one, when the digest was set up, so that a run missed right after setup is
    still sent); None means no baseline: nothing is due before the next run.

    At most one run is due however many passed since ``last_sent``: after a
    long downtime one digest goes out, not one per missed run.  It is the
    latest run in ``(last_sent, now]``; the digest covers everything matched
    since the previous digest (the caller selects by match id, not by time).
    If the clock went back behind ``last_sent`` nothing is due until the run
    after ``last_sent``, so a run is never sent twice.
    """
    now = _utc(now, "now")
    if last_sent is None:
        return Due(None, False, plan.next_after(now))
    since = _utc(last_sent, "last_sent")
    if since >= now:
        return Due(None, False, plan.next_after(since))
    first = plan.next_after(since)
    if first > now:
        return Due(None, False, first)
    latest = _latest_run(plan, first, now)
    return Due(latest, first < latest, plan.next_after(now))


def _latest_run(plan: DigestPlan, run: datetime, now: datetime) -> datetime:
    """The last run at or before ``now``, given ``run``, a run at or before ``now``.

    A bisection over time rather than a walk from run to run: after a month of
    downtime an every-minute plan would otherwise take 40,000 steps.
    """
    low, high = run, now  # invariant: low is a run <= now, no run in (high, now]
    while True:
        following = plan.next_after(low)
        if following > high:
            return low
        low = following
        middle = low + (high - low) / 2
        probe = plan.next_after(middle)
        if probe <= high:
            low = probe
        else:
            high = middle


def _utc(t: datetime, name: str) -> datetime:
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got {t!r}")
    return t.astimezone(UTC)


def _zone(name: str) -> ZoneInfo:
    if name == "localtime":  # a file in the zoneinfo tree: the machine's zone, not a name
        raise ValueError("timezone 'localtime' is not an IANA time zone name (e.g. Europe/London)")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as e:  # OSError: a directory name
        raise ValueError(
            f"unknown timezone {name!r}: expected an IANA name such as Europe/London or UTC"
        ) from e


def _fields(schedule: str) -> tuple[str, str, str, str, str]:
    """The five crontab fields of ``schedule`` (day-of-week still in crontab numbering)."""
    tokens = schedule.split()
    keyword = tokens[0].lower() if tokens else ""
    if keyword == "daily":
        if len(tokens) != 2:
            raise ValueError(f"schedule {schedule!r}: expected 'daily HH:MM'")
        hour, minute = _clock(tokens[1], schedule)
        return (str(minute), str(hour), "*", "*", "*")
    if keyword == "weekly":
        if len(tokens) != 3:
            raise ValueError(f"schedule {schedule!r}: expected 'weekly DAY HH:MM' (DAY: mon..sun)")
        day = tokens[1].lower()
        if day not in WEEKDAYS:
            raise ValueError(
                f"schedule {schedule!r}: weekday {tokens[1]!r} is not one of {', '.join(WEEKDAYS)}"
            )
        hour, minute = _clock(tokens[2], schedule)
        return (str(minute), str(hour), "*", "*", day)
    if len(tokens) == 5:
        return (tokens[0], tokens[1], tokens[2], tokens[3], tokens[4])
    if len(tokens) in (4, 6, 7) and not tokens[0].isalpha():
        raise ValueError(
            f"schedule {schedule!r}: a cron expression has 5 fields "
            f"(minute hour day-of-month month day-of-week), got {len(tokens)}"
        )
    raise ValueError(f"schedule {schedule!r} is not understood: expected {_FORMS}")


def _clock(text: str, schedule: str) -> tuple[int, int]:
    match = _TIME.fullmatch(text)
    if match is None:
        raise ValueError(f"schedule {schedule!r}: time {text!r} is not HH:MM")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23:
        raise ValueError(f"schedule {schedule!r}: hour {hour} is out of range 0-23")
    if minute > 59:
        raise ValueError(f"schedule {schedule!r}: minute {minute} is out of range 0-59")
    return hour, minute


def _triggers(schedule: str, fields: tuple[str, ...], zone: ZoneInfo) -> tuple[Any, ...]:
    values = dict(zip(_FIELDS, fields, strict=True))
    for name in ("minute", "hour", "day", "month"):
        _check_field(schedule, name, values[name], zone)
    values["day_of_week"] = _weekdays(schedule, values["day_of_week"])
    _check_field(schedule, "day_of_week", values["day_of_week"], zone)
    if fields[2].startswith("*") or fields[4].startswith("*"):
        variants = [values]
    else:  # Vixie cron: restricted day-of-month OR restricted day-of-week
        variants = [{**values, "day_of_week": "*"}, {**values, "day": "*"}]
    triggers = [CronTrigger(timezone=zone, **variant) for variant in variants]
    # A variant that can never fire ("31 4": April 31st) would cost a search to
    # year 9999 on every call; drop it, and refuse a plan with nothing left.
    probe = _PROBE_FROM.astimezone(zone)
    alive = tuple(t for t in triggers if t.get_next_fire_time(None, probe) is not None)
    if not alive:
        raise ValueError(f"schedule {schedule!r} never fires (no such date)")
    return alive


def _check_field(schedule: str, name: str, value: str, zone: ZoneInfo) -> None:
    # One field at a time, so that the message names the field: APScheduler's
    # own messages name the value only.
    try:
        CronTrigger(timezone=zone, **{name: value})
    except ValueError as e:
        raise ValueError(f"schedule {schedule!r}: {_LABELS[name]} field {value!r}: {e}") from e


def _weekdays(schedule: str, text: str) -> str:
    """A crontab day-of-week field (0 or 7 = Sunday, names, ranges, steps) as
    APScheduler's list of names."""
    if text == "*":
        return "*"
    days: set[int] = set()
    for item in text.split(","):
        body, slash, step_text = item.partition("/")
        step = _number(step_text, schedule, text) if slash else 1
        if step < 1:
            raise ValueError(f"schedule {schedule!r}: day-of-week field {text!r}: step 0")
        if body == "*":
            low, high = 0, 6
        elif "-" in body:
            first, _, last = body.partition("-")
            low, high = _day(first, schedule, text), _day(last, schedule, text, end=True)
            if low > high:
                raise ValueError(
                    f"schedule {schedule!r}: day-of-week field {text!r}: range {body!r} runs "
                    f"backwards"
                )
        else:
            low = _day(body, schedule, text)
            high = 6 if slash else low  # "1/2": from Monday to the end of the week
        days.update(day % 7 for day in range(low, high + 1, step))
    # Monday first, as APScheduler counts; crontab's 0 is Sunday.
    return ",".join(WEEKDAYS[(day - 1) % 7] for day in sorted(days, key=lambda d: (d - 1) % 7))


def _day(token: str, schedule: str, text: str, *, end: bool = False) -> int:
    name = token.lower()
    if name in _CRON_DAYS:
        # "fri-sun": Sunday closing a range is 7, as in "5-7".
        return 7 if end and name == "sun" else _CRON_DAYS.index(name)
    number = _number(token, schedule, text)
    if number > 7:
        raise ValueError(
            f"schedule {schedule!r}: day-of-week field {text!r}: {number} is out of range "
            f"0-7 (0 and 7 are Sunday)"
        )
    return number


def _number(token: str, schedule: str, text: str) -> int:
    if not (token.isascii() and token.isdigit()):
        raise ValueError(
            f"schedule {schedule!r}: day-of-week field {text!r}: {token!r} is not a "
            f"day (0-7 or sun..sat)"
        )
    return int(token)


def _candidate(trigger: Any, start: datetime, zone: ZoneInfo) -> tuple[datetime, bool] | None:
    """The trigger's first wall-clock match after ``start`` (UTC) as ``(instant, fires)``:
    ``fires`` is False for the second pass of a repeated wall-clock time, which the
    caller skips.  Decided from the wall time alone, whatever fold APScheduler set."""
    fired = trigger.get_next_fire_time(None, (start + _EPSILON).astimezone(zone))
    if fired is None:
        return None
    wall = fired.replace(tzinfo=None)
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    second = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    if first == second:
        return first, True
    if first.astimezone(zone).replace(tzinfo=None) != wall:
        # In the spring gap: fold=0 reads the wall time with the offset from
        # before the jump, so the run lands after the gap, shifted by it.
        return first, True
    if first > start:
        return first, True  # a repeated wall-clock time fires on its first pass only
    return second, False
