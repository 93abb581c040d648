"""A person's reminders: defaults, times, days, on/off, pause and quiet hours.

Every change recomputes the stored next fire time (UTC): the database is the schedule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import inspect, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from core import local_words, rules, timezones
from db.models import Reminder, User

# Far enough to mean "until /resume", near enough for every database's timestamp type.
FOREVER = datetime.fromisoformat("9999-01-01T00:00:00+00:00")
MAX_PAUSE = timedelta(days=90)


class Kind(StrEnum):
    """The scheduled message kinds a person can set."""

    SELFCARE = "selfcare"
    AFFIRMATION = "affirmation"
    CHECKIN = "checkin"
    SUMMARY = "summary"


DEFAULT_TIMES = {
    Kind.SELFCARE: 9 * 60,
    Kind.AFFIRMATION: 13 * 60,
    Kind.CHECKIN: 20 * 60 + 30,
    Kind.SUMMARY: 19 * 60,
}
SUNDAY = 1 << 6
DEFAULT_DAYS = {Kind.SUMMARY: SUNDAY}


def is_paused(user: User, now: datetime) -> bool:
    """Whether nothing scheduled may reach this person now."""
    return user.paused_until is not None and user.paused_until > now


def next_regular(reminder: Reminder, user: User, after: datetime) -> datetime | None:
    """The next regular occurrence of a reminder strictly after `after` (None: never)."""
    if not reminder.enabled or not user.active or user.timezone is None:
        return None
    return rules.next_fire(
        reminder.minute_of_day, reminder.days, timezones.zone(user.timezone), after
    )


def reschedule(reminder: Reminder, user: User, now: datetime) -> None:
    """Put the reminder at its next regular occurrence after now; forget snoozes."""
    reminder.next_fire_at = next_regular(reminder, user, now)
    reminder.slot_at = reminder.next_fire_at
    reminder.snoozes = 0
    reminder.current_item = None
    release(reminder)


SCHEDULE_STATE = (
    "next_fire_at",
    "slot_at",
    "snoozes",
    "current_item",
    "lease_owner",
    "lease_until",
)


def release(reminder: Reminder) -> None:
    """Take the row back from a dispatcher holding it: a change made by the person wins over
    what that dispatcher would record when its message is done.

    Every schedule column is written, even one whose value looks unchanged: the dispatcher may
    have recorded its send between our read and our write, and a partial write would mix them.
    """
    reminder.lease_owner = reminder.lease_until = None
    if inspect(reminder).persistent:
        for name in SCHEDULE_STATE:
            flag_modified(reminder, name)


async def reminders_of(session: AsyncSession, user_id: int) -> list[Reminder]:
    """The person's reminders, in a stable order."""
    result = await session.execute(
        select(Reminder).where(Reminder.user_id == user_id).order_by(Reminder.id)
    )
    return list(result.scalars())


async def ensure_defaults(session: AsyncSession, user: User, now: datetime) -> list[Reminder]:
    """Switch on the default reminders once: self-care 09:00, affirmation 13:00, check-in
    20:30 every day, and the weekly summary on Sundays at 19:00."""
    existing = {r.kind: r for r in await reminders_of(session, user.id)}
    for kind in Kind:
        if kind.value not in existing:
            reminder = Reminder(
                user_id=user.id,
                kind=kind.value,
                minute_of_day=DEFAULT_TIMES[kind],
                days=DEFAULT_DAYS.get(kind, rules.EVERY_DAY),
                enabled=True,
                snoozes=0,
                seen_items="",
            )
            reschedule(reminder, user, now)
            session.add(reminder)
            existing[kind.value] = reminder
    await session.flush()
    return [existing[kind.value] for kind in Kind]


async def add_missing_defaults(session: AsyncSession, now: datetime, limit: int = 1000) -> int:
    """Give people set up before a new kind existed its default reminder (run at start-up)."""
    missing = await session.execute(
        select(User)
        .where(
            User.timezone.is_not(None),
            ~select(Reminder.id)
            .where(Reminder.user_id == User.id, Reminder.kind == Kind.SUMMARY.value)
            .exists(),
        )
        .limit(limit)
    )
    people = list(missing.scalars())
    for user in people:
        try:
            async with session.begin_nested():
                await ensure_defaults(session, user, now)
        except IntegrityError:  # another process starting at the same time did it
            continue
    return len(people)


async def reschedule_all(session: AsyncSession, user: User, now: datetime) -> None:
    """Recompute every reminder of a person (after a time zone change, resume, reactivation)."""
    for reminder in await reminders_of(session, user.id):
        reschedule(reminder, user, now)


async def reminder_of(session: AsyncSession, user: User, kind: Kind, now: datetime) -> Reminder:
    """The person's reminder of one kind (made with defaults if missing)."""
    for reminder in await ensure_defaults(session, user, now):
        if reminder.kind == kind.value:
            return reminder
    raise AssertionError("ensure_defaults makes every kind")


class ScheduleRefusal(StrEnum):
    """Why a schedule change was not made."""

    IN_QUIET_HOURS = "in_quiet_hours"


def in_quiet_window(user: User, minute_of_day: int) -> bool:
    """Whether a local time lies inside the person's quiet hours."""
    return rules.minute_in_window(minute_of_day, user.quiet_start, user.quiet_end)


async def set_time(
    session: AsyncSession, user: User, kind: Kind, minute_of_day: int, now: datetime
) -> Reminder | ScheduleRefusal:
    """Set a reminder's local time (refused inside quiet hours, where it could never arrive)."""
    if in_quiet_window(user, minute_of_day):
        return ScheduleRefusal.IN_QUIET_HOURS
    reminder = await reminder_of(session, user, kind, now)
    reminder.minute_of_day = minute_of_day
    reminder.enabled = True
    reschedule(reminder, user, now)
    return reminder


async def set_enabled(
    session: AsyncSession, user: User, kind: Kind, enabled: bool, now: datetime
) -> Reminder:
    """Switch a reminder on or off."""
    reminder = await reminder_of(session, user, kind, now)
    reminder.enabled = enabled
    reschedule(reminder, user, now)
    return reminder


async def set_days(
    session: AsyncSession, user: User, kind: Kind, days: int, now: datetime
) -> Reminder:
    """Choose the days of the week a reminder comes on."""
    reminder = await reminder_of(session, user, kind, now)
    reminder.days = days
    reschedule(reminder, user, now)
    return reminder


def set_quiet(user: User, start: int | None, end: int | None) -> None:
    """Set quiet hours (None, None: off). Due messages inside them wait for their end."""
    user.quiet_start, user.quiet_end = start, end


@dataclass(frozen=True)
class Paused:
    """A pause that just began."""

    until: datetime  # FOREVER when open-ended


def pause(user: User, now: datetime, length: timedelta | None) -> Paused:
    """Pause everything scheduled for `length` (None: until /resume)."""
    user.paused_at = now
    user.paused_until = FOREVER if length is None else now + min(length, MAX_PAUSE)
    return Paused(until=user.paused_until)


async def resume(session: AsyncSession, user: User, now: datetime) -> bool:
    """End a pause; reminders continue from their next due time, with no backlog."""
    was_paused = is_paused(user, now)
    user.paused_until = None
    await reschedule_all(session, user, now)
    return was_paused


async def mark_blocked(session: AsyncSession, user_id: int) -> None:
    """Telegram said the person blocked the bot: stop their reminders until they write again."""
    await session.execute(update(User).where(User.id == user_id).values(active=False))
    await session.execute(
        update(Reminder).where(Reminder.user_id == user_id).values(next_fire_at=None)
    )


async def reactivate(session: AsyncSession, user_id: int, now: datetime) -> bool:
    """The person wrote again after blocking: bring their reminders back. True if they were off."""
    result = await session.execute(
        update(User)
        .where(User.id == user_id, User.active.is_(False))
        .values(active=True)
        .returning(User.id)
    )
    if result.first() is None:
        return False
    user = await session.get(User, user_id)
    if user is not None:
        await session.refresh(user)
        await reschedule_all(session, user, now)
    return True


_PAUSE_UNITS = {
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), timedelta(hours=1)),
    **dict.fromkeys(("d", "day", "days"), timedelta(days=1)),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), timedelta(weeks=1)),
}
_PAUSE_LENGTH = re.compile(r"(\d{1,5})\s*([^\W\d_]+\.?)")


def _unit(word: str) -> timedelta | None:
    folded = local_words.fold(word)
    return (
        _PAUSE_UNITS.get(folded)
        or local_words.duration_units().get(folded)
        or local_words.extra_units().get(folded)
    )


def _count_and_unit(text: str) -> tuple[int | None, timedelta | None]:
    """'3d', '3 days', 'two weeks', 'неделю' (one) -> the count and the unit's length."""
    found = _PAUSE_LENGTH.fullmatch(text)
    if found is not None:
        return int(found.group(1)), _unit(found.group(2))
    words = text.split()
    if len(words) == 1:  # "неделю", "сутки": one of it, where the language says it so
        return 1, local_words.extra_units().get(local_words.fold(words[0]))
    if len(words) == 2:
        return local_words.number_words().get(local_words.fold(words[0])), _unit(words[1])
    return None, None


def parse_pause(text: str) -> timedelta | None:
    """'' → None (until resumed), '3d' or '3 days' → 3 days, '12h' or '12 hours' → 12 hours,
    '2w' or '2 weeks' → 2 weeks, 'a week' or 'for two weeks', and the same in every language
    tend speaks ('3 días', 'una semana', 'por duas semanas', 'на неделю', 'две недели';
    core.local_words); ValueError if unreadable or longer than MAX_PAUSE."""
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    words = cleaned.split()
    if len(words) > 1 and local_words.fold(words[0]) in local_words.lead_words():
        cleaned = " ".join(words[1:])  # "for a week", "на неделю"
    count, unit = _count_and_unit(cleaned)
    if count is None or unit is None or count == 0:
        raise ValueError("not a pause length")
    length = count * unit
    if length > MAX_PAUSE:
        raise ValueError("pause too long")
    return length
