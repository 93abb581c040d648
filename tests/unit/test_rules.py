"""Time rules with fixed instants: DST both ways, days of week, quiet hours, parsing."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger

from core import rules
from core.reminders import parse_pause

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def fires(
    minute: int, zone: ZoneInfo, start: datetime, days: int = rules.EVERY_DAY, count: int = 4
) -> list[datetime]:
    out, after = [], start
    for _ in range(count):
        found = rules.next_fire(minute, days, zone, after)
        assert found is not None
        out.append(found)
        after = found
    return out


@pytest.mark.parametrize(
    ("zone", "change_day"),
    [
        (NY, datetime(2026, 3, 8, tzinfo=UTC)),
        (NY, datetime(2026, 11, 1, tzinfo=UTC)),
        (BERLIN, datetime(2026, 3, 29, tzinfo=UTC)),
        (BERLIN, datetime(2026, 10, 25, tzinfo=UTC)),
    ],
)
def test_nine_stays_nine_local_across_both_changes(zone: ZoneInfo, change_day: datetime):
    times = fires(9 * 60, zone, change_day - timedelta(days=2))
    assert [t.astimezone(zone).strftime("%H:%M") for t in times] == ["09:00"] * 4
    gaps = {b - a for a, b in itertools.pairwise(times)}
    assert timedelta(hours=23) in gaps or timedelta(hours=25) in gaps  # the change day


def test_missing_spring_forward_time_fires_once_right_after_the_gap():
    times = fires(2 * 60 + 30, NY, datetime(2026, 3, 7, 12, tzinfo=UTC), count=3)
    local = [t.astimezone(NY) for t in times]
    assert [(t.day, t.strftime("%H:%M")) for t in local] == [
        (8, "03:00"),
        (9, "02:30"),
        (10, "02:30"),
    ]


def test_repeated_fall_back_time_fires_once_at_its_first_occurrence():
    times = fires(90, NY, datetime(2026, 10, 31, 12, tzinfo=UTC), count=3)
    assert times[0] == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT, not EST too
    assert times[1] == datetime(2026, 11, 2, 6, 30, tzinfo=UTC)
    # Asking again from between the two 01:30s never yields the second one.
    between = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)
    assert rules.next_fire(90, rules.EVERY_DAY, NY, between) == times[1]


def test_apscheduler_crontrigger_alone_fires_the_repeated_time_twice():
    # The pitfall this module exists to avoid (measured in FACTS.md).
    trigger = CronTrigger(hour=1, minute=30, timezone=NY)
    first = trigger.get_next_fire_time(None, datetime(2026, 11, 1, 4, 0, tzinfo=UTC))
    second = trigger.get_next_fire_time(first, first + timedelta(seconds=1))
    assert first is not None and second is not None
    first, second = first.astimezone(UTC), second.astimezone(UTC)
    assert second - first == timedelta(hours=1)  # 01:30 EDT, then 01:30 EST
    ours = rules.next_fire(90, rules.EVERY_DAY, NY, first)
    assert ours is not None and ours - first > timedelta(hours=23)


def test_strictly_after_the_given_instant():
    slot = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # 09:00 Berlin
    assert rules.next_fire(9 * 60, rules.EVERY_DAY, BERLIN, slot) == slot + timedelta(days=1)
    assert rules.next_fire(9 * 60, rules.EVERY_DAY, BERLIN, slot - timedelta(seconds=1)) == slot


def test_days_of_week():
    monday = datetime(2026, 11, 23, 12, tzinfo=UTC)
    mask = rules.parse_days("mon,wed,fri")
    assert mask is not None
    got = [t.astimezone(BERLIN).strftime("%a") for t in fires(9 * 60, BERLIN, monday, mask, 4)]
    assert got == ["Wed", "Fri", "Mon", "Wed"]
    assert rules.next_fire(540, 0, BERLIN, monday) is None


@pytest.mark.parametrize(
    ("local", "inside"),
    [("21:59", False), ("22:00", True), ("03:00", True), ("07:59", True), ("08:00", False)],
)
def test_quiet_hours_wrap_midnight(local: str, inside: bool):
    hour, minute = map(int, local.split(":"))
    moment = datetime(2026, 11, 26, hour, minute, tzinfo=BERLIN)
    assert rules.in_quiet_hours(moment, BERLIN, 22 * 60, 8 * 60) is inside
    assert rules.in_quiet_hours(moment, BERLIN, None, None) is False


def test_quiet_end_after():
    moment = datetime(2026, 11, 26, 23, 0, tzinfo=BERLIN)
    assert rules.quiet_end_after(moment, BERLIN, 8 * 60) == datetime(
        2026, 11, 27, 8, 0, tzinfo=BERLIN
    )


@pytest.mark.parametrize(
    ("text", "minute"),
    [
        ("08:30", 510),
        ("8:30", 510),
        ("8.30", 510),
        ("830", 510),
        ("0830", 510),
        ("2130", 1290),
        ("23:59", 1439),
        ("00:00", 0),
        ("21:00", 1260),
        ("21", 1260),
        ("21h", 1260),
        ("21h30", 1290),
        ("9h", 540),
        ("9pm", 1260),
        ("9 pm", 1260),
        ("9 PM", 1260),
        ("9:15pm", 1275),
        ("9.15 p.m.", 1275),
        ("7am", 420),
        ("12am", 0),
        ("12pm", 720),
        ("12:30am", 30),
        ("noon", 720),
        ("Midnight", 0),
        ("  8:30  ", 510),
        # real nonsense stays refused
        ("25:00", None),
        ("24:00", None),
        ("08:5", None),
        ("", None),
        ("12:60", None),
        ("13pm", None),
        ("0am", None),
        ("9:75pm", None),
        ("2560", None),
        ("12345", None),
        ("soon", None),
        ("8:30 tomorrow", None),
        ("-1", None),
        ("9 30", None),
        ("8..30", None),
    ],
)
def test_parse_time(text: str, minute: int | None):
    assert rules.parse_time(text) == minute


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("23:00 07:30", [1380, 450]),
        ("11pm 7am", [1380, 420]),
        ("11 pm 7 am", [1380, 420]),
        ("11 p.m. to 7 a.m.", [1380, 420]),
        ("22h-6h30", [1320, 390]),
        ("22:00 – 06:00", [1320, 360]),
        ("23.00 until 7.30", [1380, 450]),
        ("23:00", [1380]),
        ("23:00 later", None),
        ("", None),
        ("to", None),
    ],
)
def test_parse_times(text: str, minutes: list[int] | None):
    assert rules.parse_times(text) == minutes


@pytest.mark.parametrize(
    ("text", "mask"),
    [
        ("mon,wed,fri", 0b10101),
        ("Mon, Tue", 0b11),
        ("weekdays", rules.WEEKDAYS),
        ("every day", rules.EVERY_DAY),
        ("funday", None),
        ("mon,funday", None),
        ("", None),
    ],
)
def test_parse_days(text: str, mask: int | None):
    assert rules.parse_days(text) == mask


def test_zoneinfo_arithmetic_matches_crontrigger_on_ordinary_days():
    rng_zones = ["Asia/Kolkata", "America/Los_Angeles", "Australia/Sydney", "Europe/London"]
    start = datetime(2026, 6, 10, 0, 0, tzinfo=UTC)
    for index, name in enumerate(rng_zones):
        zone = ZoneInfo(name)
        minute = (index * 137) % 1440
        trigger = CronTrigger(hour=minute // 60, minute=minute % 60, timezone=zone)
        expected = trigger.get_next_fire_time(None, start + timedelta(seconds=1))
        assert rules.next_fire(minute, rules.EVERY_DAY, zone, start) == expected


@pytest.mark.parametrize(
    ("typed", "length"),
    [
        ("", None),
        ("3d", timedelta(days=3)),
        ("3 days", timedelta(days=3)),
        ("1 Day", timedelta(days=1)),
        ("12h", timedelta(hours=12)),
        ("12 hours", timedelta(hours=12)),
        ("2 weeks", timedelta(weeks=2)),
        ("1w", timedelta(weeks=1)),
    ],
)
def test_pause_lengths_people_type(typed: str, length: timedelta | None):
    assert parse_pause(typed) == length


@pytest.mark.parametrize("typed", ["soon", "3", "days", "0d", "3 fortnights", "200d", "-1d", "²d"])
def test_pause_lengths_refused(typed: str):
    with pytest.raises(ValueError):
        parse_pause(typed)
