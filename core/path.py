"""The path: ten weekly stages in the guide's order, walked by a couple together or by one
unpaired person alone (texts in content/path.toml, read by content.path).

A couple's path starts when one invites and the other agrees. A stage lasts a week by default;
its closing reflection is asked near the end of the week (core.path_reflection), and the couple
moves on only when both said they are ready (either may stay longer). The path can be paused
(the usual reminders carry on) or left. Every function takes plain inputs and returns a typed
outcome; none commits. Buttons name a path id and a stage: `owned` checks them against the
presser before anything else.

Reading the path (whose it is, each person's step, the running stage's section) is
core.path_queries; its names are re-exported here for the path's callers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core import pairing, path_schedule
from core.path_queries import LIVE as LIVE
from core.path_queries import STAGES as STAGES
from core.path_queries import current as current
from core.path_queries import lock as lock
from core.path_queries import named as named
from core.path_queries import owned as owned
from core.path_queries import partner_id_of as partner_id_of
from core.path_queries import section as section
from core.path_queries import section_of as section_of
from core.path_queries import sections_of as sections_of
from core.path_queries import step as step
from core.path_queries import steps_of as steps_of
from db.models import Couple, Path, PathStep, User

# The closing reflection is asked this long after a stage began (its week is nearly done).
REFLECT_AFTER = timedelta(days=6)


class Outcome(StrEnum):
    """What a path action did (the handler picks the words and who else hears)."""

    STARTED_SOLO = "started_solo"  # an unpaired person began alone: stage 1 is open
    INVITED = "invited"  # the partner was asked; nothing starts before they agree
    ALREADY_INVITED = "already_invited"  # asked before, still waiting for the partner
    STARTED = "started"  # the partner had asked, and this yes began stage 1 for both
    EXISTS = "exists"  # a path is already under way
    DECLINED = "declined"  # the invitation was put aside
    WAITING = "waiting"  # ready, the partner not yet
    MOVED = "moved"  # both ready: the next stage is open
    FINISHED = "finished"  # ready after the last stage: the path is done
    STAYING = "staying"  # staying longer with this stage
    PAUSED = "paused"
    RESUMED = "resumed"
    LEFT = "left"
    NOT_YET = "not_yet"  # ready before answering the reflection (the reflection comes first)
    STALE = "stale"  # no such path, not the presser's, or an earlier stage: nothing changed


@dataclass(frozen=True)
class Result:
    """An action's outcome: the path and stage it left, and the partner to tell (if any)."""

    outcome: Outcome
    path_id: int | None = None
    stage: int = 1
    partner_id: int | None = None


async def _open_stage(
    session: AsyncSession, path: Path, opener: User, partner: User | None, now: datetime
) -> None:
    """Begin the path's current stage: the opener sees it now; the partner's opening goes
    through the due queue (quiet hours and pause respected)."""
    path.stage_started_at = now
    (await step(session, path, opener.id, now)).opened_at = now
    await path_schedule.follow(session, opener, now, due_now=False)
    if partner is not None:
        await step(session, path, partner.id, now)
        await path_schedule.follow(session, partner, now, due_now=True)


async def start(session: AsyncSession, user: User, now: datetime) -> Result:
    """Begin alone (unpaired), invite the partner, or agree to the partner's invitation.

    The couple row is locked first (PostgreSQL): two partners pressing "start" at the same
    moment make one invitation, and the second press agrees to it."""
    if user.couple_id is not None:
        with session.no_autoflush:
            await session.execute(
                select(Couple.id).where(Couple.id == user.couple_id).with_for_update()
            )
    existing = await current(session, user)
    partner = await pairing.partner_of(session, user)
    if existing is not None and existing.status == "invited" and partner is not None:
        if existing.invited_by == user.id:
            return Result(Outcome.ALREADY_INVITED, existing.id)
        return await accept(session, user, existing.id, now)
    if existing is not None:
        return Result(Outcome.EXISTS, existing.id, existing.stage)
    if partner is None or user.couple_id is None:
        path = Path(solo_user_id=user.id, status="active", stage=1, created_at=now)
        session.add(path)
        await session.flush()
        await _open_stage(session, path, user, None, now)
        return Result(Outcome.STARTED_SOLO, path.id, 1)
    path = Path(couple_id=user.couple_id, invited_by=user.id, status="invited", created_at=now)
    session.add(path)
    await session.flush()
    return Result(Outcome.INVITED, path.id, 1, partner.id)


async def accept(session: AsyncSession, user: User, path_id: int, now: datetime) -> Result:
    """The invited partner agrees: stage 1 opens for both."""
    path = await owned(session, user, path_id, None, "accept")
    if path is None:
        return Result(Outcome.STALE)
    await lock(session, path)
    if path.status != "invited":
        return Result(Outcome.EXISTS, path.id, path.stage)
    if path.invited_by == user.id:
        return Result(Outcome.ALREADY_INVITED, path.id)
    partner = await pairing.partner_of(session, user)
    path.status = "active"
    await _open_stage(session, path, user, partner, now)
    return Result(Outcome.STARTED, path.id, 1, partner.id if partner else None)


async def decline(session: AsyncSession, user: User, path_id: int) -> Result:
    """The invited partner puts the invitation aside (nothing is kept of it); the partner who
    asked is the one to tell."""
    path = await owned(session, user, path_id, None, "decline")
    if path is None or path.status != "invited" or path.invited_by == user.id:
        return Result(Outcome.STALE)
    asked_by = path.invited_by
    await session.delete(path)
    return Result(Outcome.DECLINED, path_id, partner_id=asked_by)


async def ready(
    session: AsyncSession, user: User, path_id: int, stage: int, now: datetime
) -> Result:
    """Ready for the next stage (after answering the reflection). The stage moves on once
    both partners are ready; after stage 10 the path is done."""
    path = await owned(session, user, path_id, stage, "ready")
    if path is None or path.status != "active":
        return Result(Outcome.STALE)
    await lock(session, path)
    if path.stage != stage or path.status != "active":
        return Result(Outcome.STALE)
    mine = await step(session, path, user.id, now)
    if mine.answered_at is None:
        return Result(Outcome.NOT_YET, path.id, stage)
    again, mine.ready_at = mine.ready_at is not None, mine.ready_at or now
    partner = await pairing.partner_of(session, user) if path.couple_id is not None else None
    if partner is not None:
        theirs = await step(session, path, partner.id, now)
        await session.refresh(theirs, ["ready_at"])
        if theirs.ready_at is None:  # told once: a second tap does not nudge them again
            return Result(Outcome.WAITING, path.id, stage, None if again else partner.id)
    partner_id = partner.id if partner else None
    if stage >= STAGES:
        path.status, path.ended_at = "done", now
        await path_schedule.stop(session, user.id, partner_id)
        return Result(Outcome.FINISHED, path.id, stage, partner_id)
    path.stage = stage + 1
    await _open_stage(session, path, user, partner, now)
    return Result(Outcome.MOVED, path.id, path.stage, partner_id)


async def stay(session: AsyncSession, user: User, path_id: int, stage: int) -> Result:
    """Stay longer with this stage: this person is no longer marked ready."""
    path = await owned(session, user, path_id, stage, "stay")
    if path is None:
        return Result(Outcome.STALE)
    found = await session.execute(
        select(PathStep).where(
            PathStep.path_id == path.id, PathStep.stage == stage, PathStep.user_id == user.id
        )
    )
    mine = found.scalar_one_or_none()
    if mine is not None:
        mine.ready_at = None
    return Result(Outcome.STAYING, path.id, stage)


async def pause(session: AsyncSession, user: User, path_id: int, now: datetime) -> Result:
    """Pause the path for both (daily reminders carry on; nothing of the path arrives)."""
    path = await owned(session, user, path_id, None, "pause")
    if path is None or path.status != "active":
        return Result(Outcome.STALE)
    path.status, path.paused_at = "paused", now
    return Result(Outcome.PAUSED, path.id, path.stage, await partner_id_of(session, user, path))


async def resume(session: AsyncSession, user: User, path_id: int, now: datetime) -> Result:
    """Pick the path up again where it was; the stage's week goes on from where it stopped."""
    path = await owned(session, user, path_id, None, "resume")
    if path is None or path.status != "paused":
        return Result(Outcome.STALE)
    if path.paused_at is not None and path.stage_started_at is not None:
        path.stage_started_at += now - path.paused_at
    path.status, path.paused_at = "active", None
    return Result(Outcome.RESUMED, path.id, path.stage, await partner_id_of(session, user, path))


async def leave(session: AsyncSession, user: User, path_id: int, now: datetime) -> Result:
    """Leave the path (for both: it is walked together). Answers given stay in /export."""
    path = await owned(session, user, path_id, None, "leave")
    if path is None:
        return Result(Outcome.STALE)
    partner_id = await partner_id_of(session, user, path)
    path.status, path.ended_at = "left", now
    await path_schedule.stop(session, user.id, partner_id)
    return Result(Outcome.LEFT, path.id, path.stage, partner_id)
