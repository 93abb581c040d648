"""The sharer's plan: its rhythm, time and end date, pausing, ending and renewing it, the
"share" reminder that follows it, and the path's suggestion to set one up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core import timezones
from core.reminders import in_quiet_window, reschedule
from db.models import Reminder, SharePlan, User

KIND = "share"
DEFAULT_WEEKS = 8
LENGTHS = (4, 8, 12)  # the end dates one can choose, in weeks
# Every few days: on the day it was set up and three days later (gaps of three and four days).
RHYTHMS = {"daily": (0, 1, 2, 3, 4, 5, 6), "few_days": (0, 3), "weekly": (0,)}


def days_mask(rhythm: str, weekday: int) -> int:
    """The reminder's weekday bits for a rhythm starting on `weekday` (0 = Monday); KeyError
    for an unknown rhythm."""
    return sum(1 << ((weekday + offset) % 7) for offset in set(RHYTHMS[rhythm]))


def is_active(plan: SharePlan | None, now: datetime) -> bool:
    """Whether invitations come: set up, not paused, not ended, before its end date."""
    return (
        plan is not None and plan.paused_at is None and plan.ended_at is None and now < plan.ends_at
    )


async def plan_of(session: AsyncSession, user_id: int) -> SharePlan | None:
    """The person's plan (at most one; it may be paused or ended)."""
    found = await session.execute(select(SharePlan).where(SharePlan.user_id == user_id))
    return found.scalar_one_or_none()


async def own_plan(session: AsyncSession, user: User, plan_id: int) -> SharePlan | None:
    """Plan `plan_id` if it is the person's own (None for anyone else's: only the sharer acts)."""
    plan = await session.get(SharePlan, plan_id)
    return plan if plan is not None and plan.user_id == user.id else None


async def _reminder(session: AsyncSession, user: User) -> Reminder:
    found = await session.execute(
        select(Reminder).where(Reminder.user_id == user.id, Reminder.kind == KIND)
    )
    reminder = found.scalar_one_or_none()
    if reminder is None:
        reminder = Reminder(user_id=user.id, kind=KIND, snoozes=0, seen_items="")
        session.add(reminder)
    return reminder


async def sync(session: AsyncSession, user: User, plan: SharePlan, now: datetime) -> None:
    """Make the "share" reminder follow the plan: its time and days, on while it is active."""
    reminder = await _reminder(session, user)
    weekday = plan.created_at.astimezone(timezones.zone(user.timezone or "UTC")).weekday()
    reminder.minute_of_day = plan.minute_of_day
    reminder.days = days_mask(plan.rhythm, weekday)
    # Still on after the end date: the first invitation after it is the offer to renew.
    reminder.enabled = plan.paused_at is None and plan.ended_at is None
    reschedule(reminder, user, now)
    await session.flush()


class SetUpRefusal(StrEnum):
    """Why a plan was not set up."""

    UNPAIRED = "unpaired"
    IN_QUIET_HOURS = "in_quiet_hours"
    UNKNOWN_RHYTHM = "unknown_rhythm"


async def set_up(
    session: AsyncSession, user: User, rhythm: str, minute_of_day: int, now: datetime
) -> SharePlan | SetUpRefusal:
    """Set up (or set up anew) the person's own plan: rhythm, local time, DEFAULT_WEEKS to run.
    Refused when unpaired (nobody to share with), inside their quiet hours (it could never
    arrive) or for an unknown rhythm."""
    if rhythm not in RHYTHMS:
        return SetUpRefusal.UNKNOWN_RHYTHM
    if user.couple_id is None:
        return SetUpRefusal.UNPAIRED
    if in_quiet_window(user, minute_of_day):
        return SetUpRefusal.IN_QUIET_HOURS
    plan = await plan_of(session, user.id)
    if plan is None:
        plan = SharePlan(user_id=user.id)
        session.add(plan)
    plan.rhythm, plan.minute_of_day, plan.created_at = rhythm, minute_of_day, now
    plan.ends_at = now + timedelta(weeks=DEFAULT_WEEKS)
    plan.paused_at = plan.ended_at = None
    await session.flush()
    await sync(session, user, plan, now)
    return plan


class Change(StrEnum):
    """What the sharer can do with their plan."""

    PAUSE = "pause"
    RESUME = "resume"
    END = "end"
    RENEW = "renew"


async def change(
    session: AsyncSession, user: User, plan_id: int, what: Change, now: datetime, weeks: int = 0
) -> SharePlan | None:
    """Pause, resume, end or renew (for `weeks` from now, DEFAULT_WEEKS if 0; one of LENGTHS)
    the person's own plan. None if the plan is not theirs: the receiver can change nothing."""
    plan = await own_plan(session, user, plan_id)
    if plan is None or (weeks and weeks not in LENGTHS):
        return None
    if what is Change.PAUSE:
        plan.paused_at = plan.paused_at or now
    elif what is Change.RESUME:
        plan.paused_at = None
    elif what is Change.END:
        plan.ended_at = plan.ended_at or now
    else:
        plan.ends_at = max(now, plan.created_at) + timedelta(weeks=weeks or DEFAULT_WEEKS)
        plan.ended_at = plan.paused_at = None
    await sync(session, user, plan, now)
    return plan


@dataclass(frozen=True)
class Invitation:
    """What the scheduled "share" message is: an invitation to write, or the offer to renew
    (the plan reached its end date: nothing more comes until the sharer renews)."""

    renew: bool
    plan_id: int


async def due_invitation(
    session: AsyncSession, reminder: Reminder, user: User, now: datetime
) -> Invitation:
    """Called by the dispatcher for a due "share" reminder. At or after the end date the plan
    ends and the reminder switches off (this one message offers to renew)."""
    plan = await plan_of(session, user.id)
    if plan is None or not is_active(plan, now):
        reminder.enabled = False
        if plan is not None and plan.ended_at is None:
            plan.ended_at = now
        return Invitation(renew=True, plan_id=plan.id if plan else 0)
    return Invitation(renew=False, plan_id=plan.id)


@dataclass(frozen=True)
class Suggestion:
    """Offer the fuller check-in to this person (for the path's "establish trust" stage)."""

    user_id: int


async def suggestion_for(session: AsyncSession, user: User, now: datetime) -> Suggestion | None:
    """For the path: whether to suggest /share to `user` now. Yes for the partner who broke
    trust, paired, without an active plan; None otherwise (the path offers it once)."""
    if user.role != "broke" or user.couple_id is None:
        return None
    if is_active(await plan_of(session, user.id), now):
        return None
    return Suggestion(user.id)
