"""Local-time schedule rules → the next UTC instant. Plain zoneinfo arithmetic, DST-correct.

- A local time that does not exist (spring forward) fires once, at the end of the gap.
- A local time that occurs twice (fall back) fires once, at its first occurrence.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core import local_words

EVERY_DAY = 0b1111111  # bit 0 = Monday … bit 6 = Sunday (datetime.weekday())
WEEKDAYS = 0b0011111
WEEKENDS = 0b1100000
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60


def wall_to_utc(day: date, minute_of_day: int, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall time; gaps resolve to the gap's end, folds to the first."""
    wall = datetime.combine(day, time(minute_of_day // 60, minute_of_day % 60))
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first  # exists (for a repeated time, fold=0 is the first occurrence)
    # In a gap: fold=0 used the offset before the change, landing after the gap by its length.
    # The gap ends at the first instant whose wall time is not before `wall`; search minutes.
    low, high = first - timedelta(hours=3), first
    while high - low > timedelta(minutes=1):
        middle = low + (high - low) / 2
        middle = middle.replace(second=0, microsecond=0)
        if middle <= low:
            break
        if middle.astimezone(zone).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return high


def next_fire(minute_of_day: int, days: int, zone: ZoneInfo, after: datetime) -> datetime | None:
    """The first instant strictly after `after` at the local time on one of `days` (or None)."""
    if not days & EVERY_DAY:
        return None
    local_day = after.astimezone(zone).date() - timedelta(days=1)  # a gap may pull a slot back
    for offset in range(9):
        day = local_day + timedelta(days=offset)
        if not days >> day.weekday() & 1:
            continue
        candidate = wall_to_utc(day, minute_of_day, zone)
        if candidate > after:
            return candidate
    raise AssertionError("unreachable: a week always holds a chosen day")


def local_minute(moment: datetime, zone: ZoneInfo) -> int:
    """Minutes since local midnight."""
    local = moment.astimezone(zone)
    return local.hour * 60 + local.minute


def minute_in_window(minute: int, start: int | None, end: int | None) -> bool:
    """Whether a minute of the day lies in the daily window [start, end) (may wrap midnight)."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end


def in_quiet_hours(moment: datetime, zone: ZoneInfo, start: int | None, end: int | None) -> bool:
    """Whether `moment` falls inside the daily quiet window [start, end) (may wrap midnight)."""
    return minute_in_window(local_minute(moment, zone), start, end)


def quiet_end_after(moment: datetime, zone: ZoneInfo, end: int) -> datetime:
    """The next end of quiet hours after `moment` (when a deferred message may go out)."""
    found = next_fire(end, EVERY_DAY, zone, moment)
    if found is None:  # pragma: no cover - EVERY_DAY always has a day
        raise AssertionError
    return found


_CLOCK = re.compile(r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))?\s*(?P<suffix>[ap]\.?m\.?|h)?")
_DIGITS = re.compile(r"(?P<hour>\d{1,2})(?P<minute>\d{2})")
_NAMED = {"noon": 12 * 60, "midday": 12 * 60, "midnight": 0}


def parse_time(text: str) -> int | None:
    """A typed time of day as minutes after midnight; None for anything else.

    Reads the ways people write a time: '08:30', '8.30', '830', '21h', '21h30', '9pm', '9 pm',
    '9:15pm', '9.15 p.m.', '21' (24-hour), 'noon', 'midnight'. '12am' is 0 and '12pm' is 720.
    Refuses impossible times ('25:00', '12:60', '13pm', '0am') and anything with other words."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in _NAMED:
        return _NAMED[cleaned]
    found = _CLOCK.fullmatch(cleaned) or _DIGITS.fullmatch(cleaned)
    if found is None:
        return None
    hour = int(found["hour"])
    minute = int(found["minute"] or 0)
    suffix = (found.groupdict().get("suffix") or "").replace(".", "")
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute


_GLUE = re.compile(r"\s+(?=[ap]\.?m\.?(?:\s|$))")
_BETWEEN = re.compile(r"\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b)\s*")


def parse_times(text: str) -> list[int] | None:
    """Several typed times in a row ('23:00 07:30', '11 pm to 7 am', '22h-6h30') as minutes
    after midnight, in order; None if any part is not a time (see `parse_time`)."""
    cleaned = _GLUE.sub("", " ".join(text.strip().lower().split()))
    parts = [p for p in _BETWEEN.sub(" ", cleaned).split(" ") if p]
    found = [parse_time(part) for part in parts]
    if not found or any(minute is None for minute in found):
        return None
    return [minute for minute in found if minute is not None]


def format_hhmm(minute_of_day: int) -> str:
    """510 → '08:30'."""
    return f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


DAY_WORDS = {
    **{name: i for i, name in enumerate(DAY_NAMES)},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
DAY_GROUPS = {
    "daily": EVERY_DAY,
    "every day": EVERY_DAY,
    "everyday": EVERY_DAY,
    "all": EVERY_DAY,
    "weekdays": WEEKDAYS,
    "weekends": WEEKENDS,
}


def parse_days(text: str) -> int | None:
    """'mon,wed,fri' / 'weekdays' / 'every day' → a day mask; None if any part is not a day.

    Weekday names and the three groups are read in every language tend speaks, without accents
    ('lunes y miércoles', 'seg, qua', 'пн, ср', 'dias úteis'; core.local_words)."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in DAY_GROUPS:
        return DAY_GROUPS[cleaned]
    group = local_words.day_groups().get(local_words.fold(cleaned))
    if group is not None:  # "todos los días", "по будням"
        return DAY_GROUPS[group]
    mask = 0
    for part in cleaned.replace(",", " ").split():
        day = DAY_WORDS.get(part, local_words.weekday(part))
        if day is None:
            if local_words.fold(part) in local_words.list_joiners():
                continue
            return None
        mask |= 1 << day
    return mask or None


def format_days(mask: int) -> str:
    """A day mask in words: 'every day', 'weekdays', 'Mon, Wed, Fri'."""
    if mask & EVERY_DAY == EVERY_DAY:
        return "every day"
    if mask == WEEKDAYS:
        return "weekdays"
    if mask == WEEKENDS:
        return "weekends"
    return ", ".join(name.capitalize() for i, name in enumerate(DAY_NAMES) if mask >> i & 1)
