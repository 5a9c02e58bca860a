"""Digest schedules (monitor/notify/digest/plan.py): parsing, next run, DST, catch-up."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.notify.digest.plan import DigestPlan, Due, due
from tests.examples import examples

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def runs(plan: DigestPlan, start: datetime, end: datetime) -> list[datetime]:
    out = []
    t = plan.next_after(start)
    while t <= end:
        out.append(t)
        t = plan.next_after(t)
    return out


def per_local_day(plan: DigestPlan, start: datetime, end: datetime) -> Counter[date]:
    zone = ZoneInfo(plan.timezone)
    return Counter(r.astimezone(zone).date() for r in runs(plan, start, end))


# -- the three forms -------------------------------------------------------------


def test_daily() -> None:
    plan = DigestPlan("daily 08:00", "UTC")
    assert plan.cron == "0 8 * * *"
    assert plan.next_after(utc(2024, 5, 1, 7, 59)) == utc(2024, 5, 1, 8, 0)
    assert plan.next_after(utc(2024, 5, 1, 8, 1)) == utc(2024, 5, 2, 8, 0)


def test_next_after_is_strictly_after() -> None:
    plan = DigestPlan("daily 08:00", "UTC")
    assert plan.next_after(utc(2024, 5, 1, 8, 0)) == utc(2024, 5, 2, 8, 0)
    just_before = utc(2024, 5, 1, 8, 0) - timedelta(microseconds=1)
    assert plan.next_after(just_before) == utc(2024, 5, 1, 8, 0)


def test_result_is_aware_utc_whatever_the_input_zone() -> None:
    plan = DigestPlan("daily 08:00", "Asia/Tokyo")
    t = datetime(2024, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=-7)))
    got = plan.next_after(t)
    assert got.tzinfo is UTC
    assert got == datetime(2024, 5, 2, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_daily_in_a_zone() -> None:
    plan = DigestPlan("daily 08:00", "Europe/London")
    assert plan.next_after(utc(2024, 1, 10)) == utc(2024, 1, 10, 8)  # GMT
    assert plan.next_after(utc(2024, 7, 10)) == utc(2024, 7, 10, 7)  # BST


def test_weekly() -> None:
    plan = DigestPlan("weekly mon 08:00", "UTC")
    assert plan.cron == "0 8 * * mon"
    # 2024-05-01 is a Wednesday.
    assert plan.next_after(utc(2024, 5, 1)) == utc(2024, 5, 6, 8)
    assert plan.next_after(utc(2024, 5, 6, 8)) == utc(2024, 5, 13, 8)


@pytest.mark.parametrize(
    ("day", "expected"),
    [("mon", 6), ("tue", 7), ("wed", 1), ("thu", 2), ("fri", 3), ("sat", 4), ("sun", 5)],
)
def test_weekly_every_day_name(day: str, expected: int) -> None:
    plan = DigestPlan(f"weekly {day} 09:30", "UTC")
    assert plan.next_after(utc(2024, 5, 1, 0)) == utc(2024, 5, expected, 9, 30)


def test_weekly_across_dst_keeps_local_time() -> None:
    plan = DigestPlan("weekly mon 08:00", "Europe/London")
    got = runs(plan, utc(2024, 3, 20), utc(2024, 4, 9))
    assert got == [utc(2024, 3, 25, 8), utc(2024, 4, 1, 7), utc(2024, 4, 8, 7)]
    assert {r.astimezone(LONDON).hour for r in got} == {8}


def test_keywords_and_whitespace_are_forgiving() -> None:
    plan = DigestPlan("  Weekly   MON  8:05 ", " UTC ")
    assert plan.schedule == "Weekly MON 8:05" and plan.timezone == "UTC"
    assert plan.cron == "5 8 * * mon"
    assert DigestPlan("DAILY 00:00", "UTC").cron == "0 0 * * *"


def test_cron() -> None:
    plan = DigestPlan("15 6,18 * * *", "UTC")
    assert runs(plan, utc(2024, 5, 1), utc(2024, 5, 2)) == [
        utc(2024, 5, 1, 6, 15),
        utc(2024, 5, 1, 18, 15),
    ]


def test_cron_weekday_numbers_are_crontabs() -> None:
    # crontab: 1-5 is Monday to Friday (APScheduler 3 alone would read Tue-Sat).
    plan = DigestPlan("0 9 * * 1-5", "UTC")
    got = runs(plan, utc(2024, 4, 28), utc(2024, 5, 5, 23))  # Sun 28 Apr .. Sun 5 May
    assert [r.strftime("%a") for r in got] == ["Mon", "Tue", "Wed", "Thu", "Fri"]


@pytest.mark.parametrize(
    ("field", "days"),
    [
        ("0", ["Sun"]),
        ("7", ["Sun"]),
        ("1", ["Mon"]),
        ("6", ["Sat"]),
        ("sun", ["Sun"]),
        ("SAT,sun", ["Sat", "Sun"]),
        ("5-7", ["Fri", "Sat", "Sun"]),
        ("fri-sun", ["Fri", "Sat", "Sun"]),
        ("mon-fri", ["Mon", "Tue", "Wed", "Thu", "Fri"]),
        ("*/2", ["Sun", "Tue", "Thu", "Sat"]),
        ("1-5/2", ["Mon", "Wed", "Fri"]),
        ("1/3", ["Mon", "Thu"]),
        ("0,3", ["Sun", "Wed"]),
        ("0-6", ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]),
        ("*", ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]),
    ],
)
def test_cron_day_of_week_forms(field: str, days: list[str]) -> None:
    plan = DigestPlan(f"0 12 * * {field}", "UTC")
    got = runs(plan, utc(2024, 5, 4, 13), utc(2024, 5, 11, 13))  # Sat 13:00 .. next Sat 13:00
    assert sorted(r.strftime("%a") for r in got) == sorted(days)


def test_cron_day_of_month_or_day_of_week() -> None:
    # Vixie cron: with both restricted, either one matching fires.
    plan = DigestPlan("0 8 1 * mon", "UTC")
    got = runs(plan, utc(2024, 4, 25), utc(2024, 5, 21))
    assert [r.day for r in got] == [29, 1, 6, 13, 20]


def test_cron_star_day_field_means_and() -> None:
    # As in Vixie cron, a field starting with "*" is not "restricted".
    plan = DigestPlan("0 8 */2 * mon", "UTC")
    got = runs(plan, utc(2024, 5, 1), utc(2024, 6, 30))
    assert all(r.strftime("%a") == "Mon" and r.day % 2 == 1 for r in got)
    assert [r.date() for r in got] == [date(2024, 5, d) for d in (13, 27)] + [
        date(2024, 6, d) for d in (3, 17)
    ]


def test_cron_month_names_and_last_day() -> None:
    plan = DigestPlan("0 0 1 jan,jul *", "UTC")
    assert runs(plan, utc(2024, 1, 2), utc(2025, 1, 2)) == [utc(2024, 7, 1), utc(2025, 1, 1)]


def test_cron_leap_day() -> None:
    plan = DigestPlan("0 0 29 2 *", "UTC")
    assert plan.next_after(utc(2024, 3, 1)) == utc(2028, 2, 29)


def test_cron_every_minute() -> None:
    plan = DigestPlan("* * * * *", "UTC")
    assert plan.next_after(utc(2024, 5, 1, 10, 0, 30)) == utc(2024, 5, 1, 10, 1)


# -- daylight saving time ----------------------------------------------------------


def test_london_spring_forward_0130_fires_once_that_day() -> None:
    # 2024-03-31: 01:00 GMT jumps to 02:00 BST, so 01:30 does not exist.
    plan = DigestPlan("daily 01:30", "Europe/London")
    counts = per_local_day(plan, utc(2024, 3, 28), utc(2024, 4, 3))
    assert set(counts.values()) == {1} and len(counts) == 6
    assert plan.next_after(utc(2024, 3, 30, 12)) == utc(2024, 3, 31, 1, 30)  # 02:30 BST
    assert plan.next_after(utc(2024, 3, 31, 1, 30)) == utc(2024, 4, 1, 0, 30)  # 01:30 BST


def test_london_fall_back_0130_fires_once_that_day() -> None:
    # 2024-10-27: 02:00 BST goes back to 01:00 GMT, so 01:30 happens twice.
    plan = DigestPlan("daily 01:30", "Europe/London")
    counts = per_local_day(plan, utc(2024, 10, 24), utc(2024, 10, 30))
    assert set(counts.values()) == {1} and len(counts) == 6
    first = plan.next_after(utc(2024, 10, 26, 12))
    assert first == utc(2024, 10, 27, 0, 30)  # the first 01:30 (BST)
    assert plan.next_after(first) == utc(2024, 10, 28, 1, 30)  # not the second 01:30 (GMT)


def test_starting_inside_the_repeated_hour_does_not_refire() -> None:
    plan = DigestPlan("daily 01:30", "Europe/London")
    between = utc(2024, 10, 27, 1, 10)  # 01:10 GMT, the second pass
    assert plan.next_after(between) == utc(2024, 10, 28, 1, 30)


def test_new_york_spring_forward_0130_and_0230() -> None:
    # 2024-03-10: 02:00 EST jumps to 03:00 EDT.  01:30 exists; 02:30 does not.
    plan = DigestPlan("daily 01:30", "America/New_York")
    counts = per_local_day(plan, utc(2024, 3, 7), utc(2024, 3, 13))
    assert set(counts.values()) == {1} and len(counts) == 6
    assert plan.next_after(utc(2024, 3, 9, 12)) == utc(2024, 3, 10, 6, 30)  # 01:30 EST

    gap = DigestPlan("daily 02:30", "America/New_York")
    counts = per_local_day(gap, utc(2024, 3, 7), utc(2024, 3, 13))
    assert set(counts.values()) == {1} and len(counts) == 6
    assert gap.next_after(utc(2024, 3, 9, 12)) == utc(2024, 3, 10, 7, 30)  # 03:30 EDT


def test_new_york_fall_back_0130_fires_once_that_day() -> None:
    # 2024-11-03: 02:00 EDT goes back to 01:00 EST, so 01:30 happens twice.
    plan = DigestPlan("daily 01:30", "America/New_York")
    counts = per_local_day(plan, utc(2024, 10, 31), utc(2024, 11, 6))
    assert set(counts.values()) == {1} and len(counts) == 6
    assert plan.next_after(utc(2024, 11, 2, 12)) == utc(2024, 11, 3, 5, 30)  # 01:30 EDT
    assert plan.next_after(utc(2024, 11, 3, 5, 30)) == utc(2024, 11, 4, 6, 30)


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        ("Europe/London", date(2024, 3, 31), 46),  # a 23-hour day
        ("Europe/London", date(2024, 10, 27), 48),  # 25 hours, the repeated one skipped
        ("America/New_York", date(2024, 3, 10), 46),
        ("America/New_York", date(2024, 11, 3), 48),
        ("America/New_York", date(2024, 7, 1), 48),
    ],
)
def test_half_hourly_cron_on_dst_days(zone: str, day: date, expected: int) -> None:
    plan = DigestPlan("*/30 * * * *", zone)
    tz = ZoneInfo(zone)
    start = datetime(day.year, day.month, day.day, tzinfo=tz) - timedelta(microseconds=1)
    end = datetime(day.year, day.month, day.day, 23, 59, tzinfo=tz)
    got = runs(plan, start, end)
    assert len(got) == expected == len(set(got))
    assert got == sorted(got)


def test_every_wall_clock_minute_of_the_repeated_hour_fires_once() -> None:
    plan = DigestPlan("* 1 * * *", "Europe/London")
    got = runs(plan, utc(2024, 10, 26, 23), utc(2024, 10, 27, 3))
    walls = [r.astimezone(LONDON).strftime("%H:%M") for r in got]
    assert len(walls) == 60 == len(set(walls))
    assert all(r < utc(2024, 10, 27, 1) for r in got)  # all on the first (BST) pass


# -- bad input -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ("daily 25:00", "hour 25 is out of range 0-23"),
        ("daily 24:00", "hour 24"),
        ("daily 08:60", "minute 60 is out of range 0-59"),
        ("daily 8", "time '8' is not HH:MM"),
        ("daily 08:00:00", "not HH:MM"),
        ("daily 8h", "not HH:MM"),
        ("daily", "expected 'daily HH:MM'"),
        ("daily 08:00 09:00", "expected 'daily HH:MM'"),
        ("weekly xyz 08:00", "weekday 'xyz' is not one of mon, tue"),
        ("weekly monday 08:00", "weekday 'monday'"),
        ("weekly mon", "expected 'weekly DAY HH:MM'"),
        ("weekly mon 26:00", "hour 26"),
        ("every day", "is not understood"),
        ("", "is not understood"),
        ("hourly", "is not understood"),
        ("@daily", "is not understood"),
        ("* * * *", "5 fields"),
        ("0 0 * * * *", "5 fields"),
        ("61 * * * *", "minute field '61'"),
        ("x * * * *", "minute field 'x'"),
        ("0 24 * * *", "hour field '24'"),
        ("0 0 0 * *", "day-of-month field '0'"),
        ("0 0 32 * *", "day-of-month field '32'"),
        ("0 0 * 13 *", "month field '13'"),
        ("0 0 * foo *", "month field 'foo'"),
        ("0 0 * * 8", "day-of-week field '8'"),
        ("0 0 * * xyz", "day-of-week field 'xyz'"),
        ("0 0 * * 5-1", "runs backwards"),
        ("0 0 * * mon-", "day-of-week field 'mon-'"),
        ("0 0 * * */0", "step 0"),
        ("*/0 * * * *", "minute field '*/0'"),
        ("0 0 31 4 *", "never fires"),
        ("0 0 30 2 *", "never fires"),
    ],
)
def test_bad_schedules(schedule: str, message: str) -> None:
    with pytest.raises(ValueError, match="schedule") as info:
        DigestPlan(schedule, "UTC")
    assert message in str(info.value)


@pytest.mark.parametrize(
    "zone", ["Mars/Olympus_Mons", "Europe/Londn", "", "America", "../etc/passwd", "localtime"]
)
def test_unknown_timezones(zone: str) -> None:
    with pytest.raises(ValueError, match="timezone"):
        DigestPlan("daily 08:00", zone)


def test_never_firing_variant_is_dropped_when_the_other_fires() -> None:
    plan = DigestPlan("0 8 31 4 mon", "UTC")  # April 31st OR Mondays: Mondays in April
    assert [r.day for r in runs(plan, utc(2024, 4, 1), utc(2024, 4, 30))] == [1, 8, 15, 22, 29]


def test_naive_datetimes_are_rejected() -> None:
    plan = DigestPlan("daily 08:00", "UTC")
    with pytest.raises(ValueError, match="aware"):
        plan.next_after(datetime(2024, 5, 1))
    with pytest.raises(ValueError, match="aware"):
        due(None, datetime(2024, 5, 1), plan)
    with pytest.raises(ValueError, match="aware"):
        due(datetime(2024, 5, 1), utc(2024, 5, 1), plan)


def test_plan_is_frozen_comparable_and_hashable() -> None:
    plan = DigestPlan("daily 08:00", "UTC")
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.schedule = "daily 09:00"  # type: ignore[misc]
    assert plan == DigestPlan("daily  08:00", "UTC")
    assert plan != DigestPlan("daily 08:00", "Europe/London")
    assert len({plan, DigestPlan("daily 08:00", "UTC")}) == 1
    moved = dataclasses.replace(plan, timezone="Asia/Tokyo")
    assert moved.next_after(utc(2024, 5, 1)) == utc(2024, 5, 1, 23)


# -- due(): what to send after a restart or a clock jump ---------------------------


DAILY = DigestPlan("daily 08:00", "UTC")


def test_nothing_due_before_the_next_run() -> None:
    got = due(utc(2024, 5, 1, 8), utc(2024, 5, 1, 20), DAILY)
    assert got == Due(run=None, missed=False, next_run=utc(2024, 5, 2, 8))


def test_due_on_time() -> None:
    got = due(utc(2024, 5, 1, 8), utc(2024, 5, 2, 8), DAILY)
    assert got == Due(run=utc(2024, 5, 2, 8), missed=False, next_run=utc(2024, 5, 3, 8))


def test_due_a_little_late() -> None:
    got = due(utc(2024, 5, 1, 8), utc(2024, 5, 2, 9, 30), DAILY)
    assert got == Due(run=utc(2024, 5, 2, 8), missed=False, next_run=utc(2024, 5, 3, 8))


def test_long_downtime_sends_one_digest_not_many() -> None:
    got = due(utc(2024, 5, 1, 8), utc(2024, 5, 10, 12), DAILY)
    assert got == Due(run=utc(2024, 5, 10, 8), missed=True, next_run=utc(2024, 5, 11, 8))
    # Once sent (run stored as last_sent), nothing more is due that day.
    assert due(got.run, utc(2024, 5, 10, 12, 1), DAILY).run is None


def test_sending_then_asking_again_is_idempotent() -> None:
    first = due(utc(2024, 5, 1, 8), utc(2024, 5, 2, 8, 5), DAILY)
    again = due(first.run, utc(2024, 5, 2, 8, 6), DAILY)
    assert again == Due(run=None, missed=False, next_run=utc(2024, 5, 3, 8))


def test_no_baseline_means_wait_for_the_next_run() -> None:
    got = due(None, utc(2024, 5, 1, 9), DAILY)
    assert got == Due(run=None, missed=False, next_run=utc(2024, 5, 2, 8))


def test_setup_time_as_baseline_catches_a_run_missed_right_after_setup() -> None:
    created = utc(2024, 5, 1, 7, 50)
    got = due(created, utc(2024, 5, 1, 9), DAILY)  # down over 08:00
    assert got == Due(run=utc(2024, 5, 1, 8), missed=False, next_run=utc(2024, 5, 2, 8))


def test_clock_jumped_back_does_not_resend() -> None:
    sent = utc(2024, 5, 2, 8)
    got = due(sent, utc(2024, 5, 1, 9), DAILY)  # the clock now reads a day earlier
    assert got == Due(run=None, missed=False, next_run=utc(2024, 5, 3, 8))
    assert due(sent, sent, DAILY).run is None


def test_clock_jumped_forward_sends_one() -> None:
    got = due(utc(2024, 5, 1, 8), utc(2025, 5, 1, 8, 0, 1), DAILY)
    assert got == Due(run=utc(2025, 5, 1, 8), missed=True, next_run=utc(2025, 5, 2, 8))


def test_due_with_a_busy_cron_after_months_is_quick() -> None:
    plan = DigestPlan("* * * * *", "UTC")
    got = due(utc(2024, 1, 1), utc(2024, 6, 1, 0, 0, 30), plan)
    assert got == Due(run=utc(2024, 6, 1), missed=True, next_run=utc(2024, 6, 1, 0, 1))


def test_due_across_fall_back_sends_the_first_pass_once() -> None:
    plan = DigestPlan("daily 01:30", "Europe/London")
    first = due(utc(2024, 10, 26, 0, 30), utc(2024, 10, 27, 0, 31), plan)
    assert first.run == utc(2024, 10, 27, 0, 30)
    second = due(first.run, utc(2024, 10, 27, 1, 31), plan)  # the second 01:30
    assert second.run is None and second.next_run == utc(2024, 10, 28, 1, 30)


# -- properties ------------------------------------------------------------------

PLANS = [
    DigestPlan("daily 01:30", "Europe/London"),
    DigestPlan("daily 02:30", "America/New_York"),
    DigestPlan("weekly sun 01:15", "America/New_York"),
    DigestPlan("*/30 * * * *", "Europe/London"),
    DigestPlan("0 8 1 * mon", "Australia/Lord_Howe"),  # a half-hour DST shift
    DigestPlan("45 2 * * 0", "Europe/London"),
]
instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)


@settings(max_examples=examples(200), deadline=None)
@given(plan=st.sampled_from(PLANS), t=instants, fraction=st.floats(0, 1, exclude_max=True))
def test_next_after_has_no_run_in_between(plan: DigestPlan, t: datetime, fraction: float) -> None:
    run = plan.next_after(t)
    assert run > t and run.tzinfo is UTC
    middle = t + (run - t) * fraction
    if middle < run:
        assert plan.next_after(middle) == run


@settings(max_examples=examples(100), deadline=None)
@given(
    plan=st.sampled_from(PLANS),
    last=instants,
    gap=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=60)),
)
def test_due_picks_the_latest_run(plan: DigestPlan, last: datetime, gap: timedelta) -> None:
    now = last + gap
    got = due(last, now, plan)
    assert got.next_run > now
    if got.run is None:
        assert plan.next_after(last) > now
    else:
        assert last < got.run <= now
        assert plan.next_after(got.run) > now
        assert got.missed == (plan.next_after(last) < got.run)
