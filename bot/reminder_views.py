"""What /schedule, /quiet, /pause, /resume and the nudge buttons say (core.schedule_flow and
core.settings_flow decide; this words their keys)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from babel.dates import format_datetime, get_day_names

from bot import reminder_texts as rt
from bot.delivery import View
from bot.scheduled import nudge_text
from content import i18n
from core import local_words, reminders, rules, schedule_flow, settings_flow, timezones
from core.outcome import Reply
from db.models import Reminder, User


def local_text(moment: datetime, zone_name: str | None) -> str:
    """A moment in the person's local time: 'Fri 27 Nov, 14:05'."""
    local = moment.astimezone(timezones.zone(zone_name or "UTC"))
    return format_datetime(local, "EEE d MMM, HH:mm", locale=i18n.current())


def days_text(mask: int) -> str:
    """A day mask in the reader's words: 'every day', 'weekdays', 'Mon, Wed, Fri' (day names
    from Babel)."""
    if mask & rules.EVERY_DAY == rules.EVERY_DAY:
        return str(rt.EVERY_DAY)
    if mask == rules.WEEKDAYS:
        return str(rt.WEEKDAYS)
    if mask == rules.WEEKENDS:
        return str(rt.WEEKENDS)
    names = get_day_names("abbreviated", locale=i18n.current())
    return ", ".join(str(names[day]) for day in range(7) if mask >> day & 1)


def kind_word(kind: str) -> str:
    """A reminder kind as the reader types it to /schedule ("checkin", "resumen", "забота")."""
    return local_words.shown(kind, i18n.current())


def reminder_line(reminder: Reminder) -> str:
    """One line of /schedule."""
    name = str(rt.KIND_NAMES[reminder.kind])
    if not reminder.enabled:
        return rt.SCHEDULE_LINE_OFF.format(name=name)
    return rt.SCHEDULE_LINE.format(
        name=name,
        time=rules.format_hhmm(reminder.minute_of_day),
        days=days_text(reminder.days),
    )


def schedule_overview(user: User, items: list[Reminder], now: datetime) -> str:
    """The whole /schedule answer."""
    lines = [rt.SCHEDULE_HEAD.format(zone=escape(user.timezone or "UTC"))]
    lines += [reminder_line(r) for r in items]
    if user.quiet_start is None or user.quiet_end is None:
        lines.append(str(rt.SCHEDULE_QUIET_OFF))
    else:
        lines.append(
            rt.SCHEDULE_QUIET.format(
                start=rules.format_hhmm(user.quiet_start), end=rules.format_hhmm(user.quiet_end)
            )
        )
    if reminders.is_paused(user, now):
        assert user.paused_until is not None
        lines.append(
            str(rt.SCHEDULE_PAUSED_OPEN)
            if user.paused_until >= reminders.FOREVER
            else rt.SCHEDULE_PAUSED.format(until=local_text(user.paused_until, user.timezone))
        )
    return "\n".join(lines) + "\n\n" + rt.SCHEDULE_HOW


def _change_reply(reminder: Reminder, how: str) -> str:
    name = str(rt.KIND_NAMES[reminder.kind])
    values = {
        "name": name,
        "time": rules.format_hhmm(reminder.minute_of_day),
        "days": days_text(reminder.days),
        "kind": kind_word(reminder.kind),
    }
    template = {
        "time": rt.SCHEDULE_SET_TIME,
        "off": rt.SCHEDULE_SET_OFF,
        "on": rt.SCHEDULE_SET_ON,
        "days": rt.SCHEDULE_SET_DAYS,
    }[how]
    return template.format(**values)


# The pause's and the nudge buttons' keys (core.settings_flow); the rest are core.schedule_flow's.
_PAUSE_AND_NUDGE = frozenset(
    {
        settings_flow.PAUSE_BAD,
        settings_flow.PAUSED,
        settings_flow.NUDGE_DONE,
        settings_flow.NUDGE_LATER,
        settings_flow.NUDGE_NOT_TODAY,
    }
)


def _quiet_set(start: int, end: int, inside: list[Reminder]) -> str:
    reply = rt.QUIET_SET.format(start=rules.format_hhmm(start), end=rules.format_hhmm(end))
    for reminder in inside:
        reply += "\n" + rt.QUIET_COVERS.format(
            name=str(rt.KIND_NAMES[reminder.kind]).lower(),
            time=rules.format_hhmm(reminder.minute_of_day),
            end=rules.format_hhmm(end),
            kind=kind_word(reminder.kind),
        )
    return reply


def _schedule_view(reply: Reply) -> str:
    key, data = reply.say, reply.data
    if key == schedule_flow.OVERVIEW:
        return schedule_overview(*data)
    if key == schedule_flow.CHANGED:
        return _change_reply(*data)
    if key == schedule_flow.BAD_KIND:
        return rt.SCHEDULE_BAD_KIND.format(text=escape(data[:40]))
    if key in (schedule_flow.BAD_DAYS, schedule_flow.BAD_TIME):
        typed, kind = data
        template = rt.SCHEDULE_BAD_DAYS if key == schedule_flow.BAD_DAYS else rt.SCHEDULE_BAD_TIME
        return template.format(text=escape(typed[:40]), kind=kind_word(kind))
    if key == schedule_flow.BAD_SUMMARY:
        return rt.SCHEDULE_BAD_SUMMARY.format(text=escape(data[:40]))
    if key == schedule_flow.IN_QUIET:
        minute, start, end = (rules.format_hhmm(m) for m in data)
        return rt.SCHEDULE_IN_QUIET.format(time=minute, start=start, end=end)
    if key == schedule_flow.QUIET_SET:
        return _quiet_set(*data)
    return str(
        {
            schedule_flow.NEEDS_ZONE: rt.SCHEDULE_NEEDS_ZONE,
            schedule_flow.BAD_FORM: rt.SCHEDULE_BAD_FORM,
            schedule_flow.QUIET_BAD: rt.QUIET_BAD,
            schedule_flow.QUIET_SAME: rt.QUIET_SAME,
            schedule_flow.QUIET_OFF: rt.QUIET_OFF,
            schedule_flow.RESUMED: rt.RESUMED,
            schedule_flow.NOT_PAUSED: rt.RESUMED_NOT_PAUSED,
        }[key]
    )


def view(reply: Reply) -> View:
    """The reminders' replies in words: /schedule, /quiet, /resume, a pause, a nudge's answer."""
    if reply.say not in _PAUSE_AND_NUDGE:
        return _schedule_view(reply), None
    if reply.say == settings_flow.PAUSE_BAD:
        return rt.PAUSE_BAD.format(text=escape(reply.data[:40])), None
    if reply.say == settings_flow.PAUSED:
        until, zone = reply.data
        if until >= reminders.FOREVER:
            return str(rt.PAUSED_OPEN), None
        return rt.PAUSED_FOR.format(until=local_text(until, zone)), None
    if reply.say == settings_flow.NUDGE_LATER:
        note = rt.NUDGE_LATER.format(quiet=rt.NUDGE_LATER_QUIET if reply.ref else "")
    elif reply.say == settings_flow.NUDGE_DONE:
        note = str(rt.NUDGE_DONE)
    else:
        note = str(rt.NUDGE_NOT_TODAY)
    # The nudge stays readable, its buttons folded into the answer; its words come from the
    # delivery (a press on an old message carries no text at all).
    item_text, snoozed = reply.data
    return f"{nudge_text(item_text, snoozed)}\n\n<i>{note}</i>", None
