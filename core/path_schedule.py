"""The path's place in the due queue: one reminder of kind "path" per walker.

It comes once a day at PATH_MINUTE (local time) while a path is under way, and is set due at
once when something new waits (the partner agreed, both moved on). The dispatcher asks
core.path_messages.due what, if anything, is waiting; quiet hours and /pause are the queue's
own rules (core.policy), so a stage's opening or its closing reflection never arrives
inside them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core import rules
from core.reminders import next_regular, release
from db.models import Reminder, User

KIND = "path"
PATH_MINUTE = 18 * 60


async def follow(session: AsyncSession, user: User, now: datetime, *, due_now: bool) -> Reminder:
    """Make sure the person's path reminder runs; `due_now` puts it in the queue at once."""
    found = await session.execute(
        select(Reminder).where(Reminder.user_id == user.id, Reminder.kind == KIND)
    )
    reminder = found.scalar_one_or_none()
    if reminder is None:
        reminder = Reminder(
            user_id=user.id,
            kind=KIND,
            minute_of_day=PATH_MINUTE,
            days=rules.EVERY_DAY,
            enabled=True,
            snoozes=0,
            seen_items="",
        )
        session.add(reminder)
    reminder.enabled = True
    reminder.next_fire_at = now if due_now else next_regular(reminder, user, now)
    reminder.slot_at = reminder.next_fire_at
    reminder.snoozes, reminder.current_item = 0, None
    release(reminder)
    await session.flush()
    return reminder


async def stop(session: AsyncSession, *user_ids: int | None) -> None:
    """No more path messages for these people (the path was left or finished)."""
    ids = [user_id for user_id in user_ids if user_id is not None]
    await session.execute(
        update(Reminder)
        .where(Reminder.user_id.in_(ids), Reminder.kind == KIND)
        .values(enabled=False, next_fire_at=None, lease_owner=None, lease_until=None)
    )
