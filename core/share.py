"""The fuller check-in offered freely (/share): a sharer's plan, each share and its answer.

Given, never demanded: only the sharer starts, pauses, renews or ends their plan; the receiver
sees a share only once it is sent, can answer it, and never sees a skipped one (nothing is
stored for a skip, and there are no streaks). Rules only, no Telegram: typed outcomes out.
The schedule is a reminder of kind "share" (core.reminders, scheduler.dispatch).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core import pairing, timezones
from core.reminders import in_quiet_window, reschedule
from db.models import Reminder, ShareEntry, SharePlan, ShareReply, User

KIND = "share"
PARTS = ("feelings", "appreciation", "need", "responsibility", "care")
DEFAULT_WEEKS = 8
LENGTHS = (4, 8, 12)  # the end dates one can choose, in weeks
MAX_TEXT = 600  # per part: five parts and their titles stay well under Telegram's 4,096
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


async def start_entry(
    session: AsyncSession, user: User, plan_id: int | None, now: datetime
) -> ShareEntry | None:
    """A new, unsent share by the sharer (from their invitation, or /share any time). With a
    `plan_id` it must be their own plan: the receiver cannot start one. None when refused or
    unpaired."""
    if plan_id is not None and await own_plan(session, user, plan_id) is None:
        return None
    if user.couple_id is None:
        return None
    entry = ShareEntry(user_id=user.id, created_at=now)
    session.add(entry)
    await session.flush()
    return entry


async def own_draft(session: AsyncSession, user: User, entry_id: int) -> ShareEntry | None:
    """The sharer's own unsent share `entry_id` (None for anyone else's, or once sent)."""
    entry = await session.get(ShareEntry, entry_id)
    if entry is None or entry.user_id != user.id or entry.sent_at is not None:
        return None
    return entry


async def write_part(
    session: AsyncSession, user: User, entry_id: int, index: int, words: str | None
) -> ShareEntry | None:
    """Part `index` (0-4, PARTS order) of the sharer's unsent share; None skips it. None if the
    draft is not theirs or the index is out of range."""
    entry = await own_draft(session, user, entry_id)
    if entry is None or not 0 <= index < len(PARTS):
        return None
    setattr(entry, PARTS[index], words.strip() if words and words.strip() else None)
    return entry


def parts_of(entry: ShareEntry) -> list[tuple[str, str]]:
    """The written parts as (part id, words), in order; skipped ones left out."""
    return [(part, words) for part in PARTS if (words := getattr(entry, part))]


@dataclass(frozen=True)
class Sent:
    """A share went to `to_user_id`; `silent` during their quiet hours."""

    entry_id: int
    to_user_id: int
    silent: bool


class SendRefusal(StrEnum):
    """Why a share was not sent."""

    NOT_YOURS = "not_yours"  # or sent already, or no such share
    EMPTY = "empty"
    UNPAIRED = "unpaired"


async def send(
    session: AsyncSession, user: User, entry_id: int, now: datetime, *, quiet: bool
) -> Sent | SendRefusal:
    """The sharer confirms: the share goes to their current partner (silently if `quiet`,
    their quiet hours). Only the sharer can send it, once."""
    entry = await own_draft(session, user, entry_id)
    if entry is None:
        return SendRefusal.NOT_YOURS
    if not parts_of(entry):
        return SendRefusal.EMPTY
    partner = await pairing.partner_of(session, user)
    if partner is None:
        return SendRefusal.UNPAIRED
    entry.to_user_id, entry.sent_at = partner.id, now
    return Sent(entry.id, partner.id, quiet)


async def received(session: AsyncSession, reader: User, entry_id: int) -> ShareEntry | None:
    """A sent share that reached `reader` (their partner's words; None for anyone else)."""
    entry = await session.get(ShareEntry, entry_id)
    if entry is None or entry.sent_at is None or entry.to_user_id != reader.id:
        return None
    if reader.couple_id is None or (await pairing.partner_of(session, reader)) is None:
        return None
    return entry


class ReplyStatus(StrEnum):
    """What became of the receiver's answer."""

    RELAY = "relay"  # tell the sharer now
    HELD = "held"  # the note read like danger: held until the writer taps "send anyway"
    ASK_NOTE = "ask_note"  # "let's talk": a note may follow (or skip)
    ALREADY = "already"
    REFUSED = "refused"


@dataclass(frozen=True)
class Replied:
    """The receiver's answer: which, to whom, and the reply row (for "send anyway")."""

    status: ReplyStatus
    response: str | None = None
    to_user_id: int | None = None
    reply_id: int | None = None


async def reply(
    session: AsyncSession, reader: User, entry_id: int, response: str, now: datetime
) -> Replied:
    """ "thanks" (relayed at once) or "talk" (recorded; the note comes next, or a skip). Once
    per share; only its receiver may answer."""
    entry = await received(session, reader, entry_id)
    if entry is None or response not in ("thanks", "talk"):
        return Replied(ReplyStatus.REFUSED)
    found = await session.execute(
        select(ShareReply).where(ShareReply.entry_id == entry.id, ShareReply.user_id == reader.id)
    )
    if found.scalar_one_or_none() is not None:
        return Replied(ReplyStatus.ALREADY)
    row = ShareReply(entry_id=entry.id, user_id=reader.id, response=response, created_at=now)
    session.add(row)
    await session.flush()
    if response == "thanks":
        row.relayed_at = now
        return Replied(ReplyStatus.RELAY, response, entry.user_id, row.id)
    return Replied(ReplyStatus.ASK_NOTE, response, entry.user_id, row.id)


async def talk_note(
    session: AsyncSession,
    reader: User,
    reply_id: int,
    note: str | None,
    now: datetime,
    *,
    unsafe: bool = False,
    send_anyway: bool = False,
) -> Replied:
    """The note after "let's talk" (None: skipped). Relayed with the note, unless it reads like
    danger (`unsafe`) and the writer has not chosen `send_anyway`: then HELD. Only once, and
    only by the reply's writer while still paired with the sharer."""
    row = await session.get(ShareReply, reply_id)
    if row is None or row.user_id != reader.id or row.response != "talk":
        return Replied(ReplyStatus.REFUSED)
    entry = await received(session, reader, row.entry_id)
    if entry is None:
        return Replied(ReplyStatus.REFUSED)
    if row.relayed_at is not None:
        return Replied(ReplyStatus.ALREADY)
    if not send_anyway:
        row.note = note.strip() if note and note.strip() else None
    if unsafe and not send_anyway:
        return Replied(ReplyStatus.HELD, "talk", entry.user_id, row.id)
    row.relayed_at = now
    return Replied(ReplyStatus.RELAY, "talk", entry.user_id, row.id)


async def reply_row(session: AsyncSession, reply_id: int) -> ShareReply | None:
    """One answer row by id (for the words of a note being relayed)."""
    return await session.get(ShareReply, reply_id)


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
