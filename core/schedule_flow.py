"""/schedule, /quiet and /resume as use cases: read what was typed, change the person's own
reminders or quiet hours, say what happened. Bad input changes nothing and is said kindly
(bot.handlers.reminders words every key)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core import local_words, people, reminders, rules
from core.outcome import Outcome, say
from core.settings_flow import NEEDS_CONSENT
from db.models import User

NEEDS_ZONE = "reminders.needs_zone"
OVERVIEW = "reminders.overview"  # data: (the person, their reminders, now)
CHANGED = "reminders.changed"  # data: (the reminder, how: time, on, off or days)
BAD_KIND = "reminders.bad_kind"  # data: what was typed
BAD_FORM = "reminders.bad_form"
BAD_DAYS = "reminders.bad_days"  # data: (what was typed, the kind)
BAD_SUMMARY = "reminders.bad_summary"  # data: what was typed
BAD_TIME = "reminders.bad_time"  # data: (what was typed, the kind)
IN_QUIET = "reminders.in_quiet"  # data: (the minute asked for, quiet start, quiet end)
QUIET_BAD = "reminders.quiet_bad"
QUIET_SAME = "reminders.quiet_same"
QUIET_OFF = "reminders.quiet_off"
QUIET_SET = "reminders.quiet_set"  # data: (start, end, the reminders inside them)
RESUMED = "reminders.resumed"
NOT_PAUSED = "reminders.not_paused"


async def schedule(session: AsyncSession, user: User, args: list[str], now: datetime) -> Outcome:
    """`/schedule` lists the reminders; `/schedule <kind> <time | on | off | days …>` changes
    one (a time inside quiet hours is refused). The words may be the person's language's
    ("/schedule resumen desactivar", "/schedule забота 9:00"; core.local_words)."""
    if user.timezone is None:
        return say(NEEDS_ZONE)
    if not args:
        return say(OVERVIEW, data=(user, await reminders.ensure_defaults(session, user, now), now))
    kind = read_kind(args[0])
    if kind is None:
        return say(BAD_KIND, data=args[0])
    if len(args) == 1:
        return say(BAD_FORM)
    word, rest = local_words.command(args[1]), " ".join(args[1:])
    if word in (local_words.OFF, local_words.ON) and len(args) == 2:
        changed = await reminders.set_enabled(session, user, kind, word == local_words.ON, now)
        return say(CHANGED, data=(changed, word))
    if word == local_words.DAYS:
        days = rules.parse_days(" ".join(args[2:]))
        if days is None:
            return say(BAD_DAYS, data=(" ".join(args[2:]), kind.value))
        return say(CHANGED, data=(await reminders.set_days(session, user, kind, days, now), "days"))
    if kind is reminders.Kind.SUMMARY and len(args) >= 3 and rules.parse_days(args[1]):
        # "/schedule summary sun 19:00" (or "sun 7 pm"): one day and a time.
        days, minute = rules.parse_days(args[1]), rules.parse_time(" ".join(args[2:]))
        if days is None or minute is None:
            return say(BAD_SUMMARY, data=rest)
        moved = await reminders.set_time(session, user, kind, minute, now)
        if isinstance(moved, reminders.ScheduleRefusal):
            return _in_quiet(user, minute)
        return say(CHANGED, data=(await reminders.set_days(session, user, kind, days, now), "time"))
    minute = rules.parse_time(rest)
    if minute is None:
        return say(BAD_TIME, data=(rest, kind.value))
    moved = await reminders.set_time(session, user, kind, minute, now)
    if isinstance(moved, reminders.ScheduleRefusal):
        return _in_quiet(user, minute)
    return say(CHANGED, data=(moved, "time"))


def read_kind(word: str) -> reminders.Kind | None:
    """The reminder kind a typed word names, in any language ("checkin", "resumen", "забота")."""
    meaning = local_words.command(word)
    return reminders.Kind(meaning) if meaning in set(reminders.Kind) else None


def _in_quiet(user: User, minute: int) -> Outcome:
    return say(IN_QUIET, data=(minute, user.quiet_start, user.quiet_end))


def read_quiet(args: list[str]) -> tuple[int, int] | str | None:
    """The quiet hours `/quiet` names: (start, end) in minutes, None for "off", or the reply
    key saying why they cannot be read."""
    if len(args) == 1 and local_words.command(args[0]) == local_words.OFF:
        return None
    times = rules.parse_times(" ".join(args))
    if times is None or len(times) != 2:
        return QUIET_BAD
    start, end = times
    return QUIET_SAME if start == end else (start, end)


async def quiet(session: AsyncSession, user_id: int, args: list[str]) -> Outcome:
    """`/quiet 23:00 07:30`, `/quiet off`, or `/quiet` to see them; with the reminders that
    now fall inside them (they wait until the quiet hours end). Unreadable times change
    nothing."""
    wanted = read_quiet(args) if args else None
    if isinstance(wanted, str):
        return say(wanted)
    user = await people.get(session, user_id)
    if user is None:
        return say(NEEDS_CONSENT)
    if args:
        reminders.set_quiet(user, *(wanted or (None, None)))
    start, end = user.quiet_start, user.quiet_end
    if start is None or end is None:
        return say(QUIET_OFF)
    inside = [
        r
        for r in await reminders.reminders_of(session, user.id)
        if r.enabled and reminders.in_quiet_window(user, r.minute_of_day)
    ]
    return say(QUIET_SET, data=(start, end, inside))


async def resume(session: AsyncSession, user: User, now: datetime) -> Outcome:
    """End a pause; reminders carry on from their next usual time, no backlog."""
    return say(RESUMED if await reminders.resume(session, user, now) else NOT_PAUSED)
