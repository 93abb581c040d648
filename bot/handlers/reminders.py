"""/schedule, /quiet, /pause, /resume and the buttons on scheduled messages."""

from __future__ import annotations

import logging
from datetime import datetime
from html import escape

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import delivery, texts
from bot import reminder_texts as rt
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import (
    PRIVATE,
    answer,
    consented_person,
    in_private_chat,
    message_of,
    query_of,
    sender_id,
)
from bot.scheduled import nudge_text
from core import actions, reminders, rules, settings_flow, timezones
from core.outcome import Reply
from db.models import Reminder, User

log = logging.getLogger(__name__)


def local_text(moment: datetime, zone_name: str | None) -> str:
    """A moment in the person's local time: 'Fri 27 Nov, 14:05'."""
    local = moment.astimezone(timezones.zone(zone_name or "UTC"))
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"


def reminder_line(reminder: Reminder) -> str:
    """One line of /schedule."""
    name = rt.KIND_NAMES[reminder.kind]
    if not reminder.enabled:
        return rt.SCHEDULE_LINE_OFF.format(name=name)
    return rt.SCHEDULE_LINE.format(
        name=name,
        time=rules.format_hhmm(reminder.minute_of_day),
        days=rules.format_days(reminder.days),
    )


def schedule_overview(user: User, items: list[Reminder], now: datetime) -> str:
    """The whole /schedule answer."""
    lines = [rt.SCHEDULE_HEAD.format(zone=escape(user.timezone or "UTC"))]
    lines += [reminder_line(r) for r in items]
    if user.quiet_start is None or user.quiet_end is None:
        lines.append(rt.SCHEDULE_QUIET_OFF)
    else:
        lines.append(
            rt.SCHEDULE_QUIET.format(
                start=rules.format_hhmm(user.quiet_start), end=rules.format_hhmm(user.quiet_end)
            )
        )
    if reminders.is_paused(user, now):
        assert user.paused_until is not None
        lines.append(
            rt.SCHEDULE_PAUSED_OPEN
            if user.paused_until >= reminders.FOREVER
            else rt.SCHEDULE_PAUSED.format(until=local_text(user.paused_until, user.timezone))
        )
    return "\n".join(lines) + "\n\n" + rt.SCHEDULE_HOW


def _change_reply(reminder: Reminder, how: str) -> str:
    name = rt.KIND_NAMES[reminder.kind]
    values = {
        "name": name,
        "time": rules.format_hhmm(reminder.minute_of_day),
        "days": rules.format_days(reminder.days),
        "kind": reminder.kind,
    }
    template = {
        "time": rt.SCHEDULE_SET_TIME,
        "off": rt.SCHEDULE_SET_OFF,
        "on": rt.SCHEDULE_SET_ON,
        "days": rt.SCHEDULE_SET_DAYS,
    }[how]
    return template.format(**values)


async def schedule_command(update: Update, context: TendContext) -> None:
    """List reminders, or change one: time, on/off, days. Bad input changes nothing."""
    deps, message = context.deps, message_of(update)
    args = [a.strip() for a in context.args or [] if a.strip()]
    now = deps.clock.now()
    async with deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        if user.timezone is None:
            await message.reply_text(rt.SCHEDULE_NEEDS_ZONE)
            return
        if not args:
            items = await reminders.ensure_defaults(session, user, now)
            reply = schedule_overview(user, items, now)
        else:
            reply = await _change(session, user, args, now)
    await message.reply_text(reply)


async def _change(session: AsyncSession, user: User, args: list[str], now: datetime) -> str:
    kind = reminders.KIND_ALIASES.get(args[0].lower())
    if kind is None:
        return rt.SCHEDULE_BAD_KIND.format(text=escape(args[0][:40]))
    if len(args) == 1:
        return rt.SCHEDULE_BAD_FORM
    word = args[1].lower()
    if word in ("off", "on") and len(args) == 2:
        changed = await reminders.set_enabled(session, user, kind, word == "on", now)
        return _change_reply(changed, word)
    if word == "days":
        typed = " ".join(args[2:])
        days = rules.parse_days(typed)
        if days is None:
            return rt.SCHEDULE_BAD_DAYS.format(text=escape(typed[:40]), kind=kind.value)
        return _change_reply(await reminders.set_days(session, user, kind, days, now), "days")
    if kind is reminders.Kind.SUMMARY and len(args) >= 3 and rules.parse_days(args[1]):
        # "/schedule summary sun 19:00" (or "sun 7 pm"): one day and a time.
        days, minute = rules.parse_days(args[1]), rules.parse_time(" ".join(args[2:]))
        if days is None or minute is None:
            return rt.SCHEDULE_BAD_SUMMARY.format(text=escape(" ".join(args[1:])[:40]))
        moved = await reminders.set_time(session, user, kind, minute, now)
        if isinstance(moved, reminders.ScheduleRefusal):
            return _quiet_refusal(user, minute)
        return _change_reply(await reminders.set_days(session, user, kind, days, now), "time")
    minute = rules.parse_time(" ".join(args[1:]))
    if minute is None:
        return rt.SCHEDULE_BAD_TIME.format(text=escape(" ".join(args[1:])[:40]), kind=kind.value)
    result = await reminders.set_time(session, user, kind, minute, now)
    if isinstance(result, reminders.ScheduleRefusal):
        return _quiet_refusal(user, minute)
    return _change_reply(result, "time")


def _quiet_refusal(user: User, minute: int) -> str:
    assert user.quiet_start is not None and user.quiet_end is not None
    return rt.SCHEDULE_IN_QUIET.format(
        time=rules.format_hhmm(minute),
        start=rules.format_hhmm(user.quiet_start),
        end=rules.format_hhmm(user.quiet_end),
    )


async def quiet_command(update: Update, context: TendContext) -> None:
    """`/quiet 23:00 07:30`, `/quiet off`, or `/quiet` to see them."""
    deps, message = context.deps, message_of(update)
    args = [a for a in context.args or [] if a.strip()]
    start = end = None
    if args and not (len(args) == 1 and args[0].lower() == "off"):
        times = rules.parse_times(" ".join(args))
        if times is None or len(times) != 2:
            await message.reply_text(rt.QUIET_BAD)
            return
        start, end = times
        if start == end:
            await message.reply_text(rt.QUIET_SAME)
            return
    async with deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        if args:
            reminders.set_quiet(user, start, end)
        start, end = user.quiet_start, user.quiet_end
        inside = [
            r
            for r in await reminders.reminders_of(session, user.id)
            if r.enabled and reminders.in_quiet_window(user, r.minute_of_day)
        ]
    if start is None or end is None:
        await message.reply_text(rt.QUIET_OFF)
        return
    reply = rt.QUIET_SET.format(start=rules.format_hhmm(start), end=rules.format_hhmm(end))
    for reminder in inside:
        reply += "\n" + rt.QUIET_COVERS.format(
            name=rt.KIND_NAMES[reminder.kind].lower(),
            time=rules.format_hhmm(reminder.minute_of_day),
            end=rules.format_hhmm(end),
            kind=reminder.kind,
        )
    await message.reply_text(reply)


def view(reply: Reply) -> View:
    """The pause's and the nudge buttons' replies in words."""
    if reply.say == settings_flow.PAUSE_BAD:
        return rt.PAUSE_BAD.format(text=escape(reply.data[:40])), None
    if reply.say == settings_flow.PAUSED:
        until, zone = reply.data
        if until >= reminders.FOREVER:
            return rt.PAUSED_OPEN, None
        return rt.PAUSED_FOR.format(until=local_text(until, zone)), None
    if reply.say == settings_flow.NUDGE_LATER:
        note = rt.NUDGE_LATER.format(quiet=rt.NUDGE_LATER_QUIET if reply.ref else "")
    elif reply.say == settings_flow.NUDGE_DONE:
        note = rt.NUDGE_DONE
    else:
        note = rt.NUDGE_NOT_TODAY
    # The nudge stays readable, its buttons folded into the answer; its words come from the
    # delivery (a press on an old message carries no text at all).
    item_text, snoozed = reply.data
    return f"{nudge_text(item_text, snoozed)}\n\n<i>{note}</i>", None


async def _pause(update: Update, context: TendContext, typed: str) -> None:
    deps = context.deps
    async with deps.transaction() as session:
        outcome = await settings_flow.pause(session, sender_id(update), typed, deps.clock.now())
    await delivery.deliver(update, context, outcome)


async def pause_command(update: Update, context: TendContext) -> None:
    """`/pause` (until /resume), `/pause 3d`, `/pause 12h`."""
    await _pause(update, context, " ".join(context.args or []))


async def resume_command(update: Update, context: TendContext) -> None:
    """End a pause; carry on from the next usual time, no backlog."""
    deps, message = context.deps, message_of(update)
    async with deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        was_paused = await reminders.resume(session, user, deps.clock.now())
    await message.reply_text(rt.RESUMED if was_paused else rt.RESUMED_NOT_PAUSED)


async def on_pause_button(update: Update, context: TendContext) -> None:
    """'Pause reminders' on a scheduled message: a 24-hour break."""
    query = query_of(update)
    if not in_private_chat(update) or actions.decode(query.data, "pause") is None:
        await answer(query, texts.STALE_BUTTON)
        return
    await _pause(update, context, "24h")


async def on_nudge_button(update: Update, context: TendContext) -> None:
    """Done / Later / Not today on a self-care nudge (only the person's own)."""
    query, deps = query_of(update), context.deps
    pressed = actions.decode(query.data, "nudge")
    if not in_private_chat(update) or pressed is None:
        await answer(query, texts.STALE_BUTTON)
        return
    async with deps.transaction() as session:
        outcome = await settings_flow.answer_nudge(
            session, sender_id(update), pressed, deps.clock.now()
        )
    await delivery.deliver(update, context, outcome)


def register(app: TendApp) -> None:
    """Wire this flow."""
    delivery.views(
        "reminders",
        view,
        toasts={
            settings_flow.NUDGE_STALE: rt.NUDGE_STALE,
            settings_flow.NUDGE_LATER_LIMIT: rt.NUDGE_LATER_LIMIT,
        },
    )
    app.add_handler(CommandHandler("schedule", schedule_command, filters=PRIVATE))
    app.add_handler(CommandHandler("quiet", quiet_command, filters=PRIVATE))
    app.add_handler(CommandHandler("pause", pause_command, filters=PRIVATE))
    app.add_handler(CommandHandler("resume", resume_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_pause_button, pattern=r"^pause:"))
    app.add_handler(CallbackQueryHandler(on_nudge_button, pattern=r"^nudge:"))
