"""A stage's closing reflection: two questions both partners answer, shown to each other only
once both have answered (never one-sided), like the daily check-in's reveal.

Words are encrypted (PathStep.helped, .hard). Words that read like danger are held back from
the partner until their writer chooses to share them. The path row is locked before the
second answer is read, so two partners finishing at the same moment reveal once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core import path as path_core
from db.models import Path, PathStep, User

QUESTIONS = ("helped", "hard")
# Four answers at the limit, with the reveal's headings, fit one Telegram message (4,096).
MAX_TEXT = 800


class Refusal(StrEnum):
    """Why a reflection answer was not taken."""

    STALE = "stale"  # no such path or stage, not the person's, or the path is not running
    REVEALED = "revealed"  # already shown to both: answers are final


@dataclass(frozen=True)
class Words:
    """One person's reflection as a reader may see it (None: skipped, or held back)."""

    helped: str | None
    hard: str | None
    held: bool


@dataclass(frozen=True)
class Reflected:
    """What finishing a reflection led to."""

    first_time: bool  # False: finished before (an old button pressed again)
    revealed: bool  # this answer was the second: both see both now
    partner_id: int | None
    mine: Words
    theirs: Words | None  # the partner's as this person may see them, only when revealed
    mine_shared: Words | None = None  # this person's as the partner may see them (revealed)
    theirs_own: Words | None = None  # the partner's own full view of their words (revealed)


def words(step: PathStep, *, for_partner: bool) -> Words:
    """A step's answers; the partner never sees words held back."""
    hidden = for_partner and step.held
    return Words(
        None if hidden else step.helped, None if hidden else step.hard, step.held and for_partner
    )


async def answerable(
    session: AsyncSession, user: User, path_id: int, stage: int, now: datetime
) -> tuple[Path, PathStep] | Refusal:
    """The path and the person's step if they may answer this stage's reflection now."""
    path = await path_core.owned(session, user, path_id, stage, "reflect")
    if path is None or path.status != "active":
        return Refusal.STALE
    step = await path_core.step(session, path, user.id, now)
    if step.revealed_at is not None:
        return Refusal.REVEALED
    return path, step


def write(step: PathStep, question: str, text: str | None, unsafe: bool) -> None:
    """Record one answer (None: skipped). Danger words hold the whole reflection back."""
    if question not in QUESTIONS:
        raise ValueError("no such reflection question")
    setattr(step, question, text[:MAX_TEXT] if text else None)
    if unsafe:
        step.held = True


async def finish(
    session: AsyncSession, user: User, path: Path, step: PathStep, now: datetime
) -> Reflected:
    """Mark the person's reflection done; at the second one of a couple, reveal both."""
    first_time = step.answered_at is None
    step.answered_at = step.answered_at or now
    mine = words(step, for_partner=False)
    if path.couple_id is None:
        return Reflected(first_time, False, None, mine, None)
    await path_core.lock(session, path)
    other = (
        await session.execute(
            select(PathStep)
            .where(
                PathStep.path_id == path.id,
                PathStep.stage == step.stage,
                PathStep.user_id != user.id,
            )
            .execution_options(populate_existing=True)
        )
    ).scalar_one_or_none()
    if other is None or other.answered_at is None:
        return Reflected(first_time, False, other.user_id if other else None, mine, None)
    await session.refresh(step, ["revealed_at"])
    if step.revealed_at is not None or other.revealed_at is not None:
        return Reflected(first_time, False, other.user_id, mine, None)
    step.revealed_at = other.revealed_at = now
    return Reflected(
        first_time,
        True,
        other.user_id,
        mine,
        words(other, for_partner=True),
        mine_shared=words(step, for_partner=True),
        theirs_own=words(other, for_partner=False),
    )


async def revealed_pair(
    session: AsyncSession, user: User, path_id: int, stage: int
) -> tuple[Words, Words] | None:
    """Both reflections of a revealed stage, as this person may see them (mine, theirs)."""
    path = await session.get(Path, path_id)
    if path is None or path.couple_id is None or path.couple_id != user.couple_id:
        return None
    steps = (
        await session.execute(
            select(PathStep).where(PathStep.path_id == path_id, PathStep.stage == stage)
        )
    ).scalars()
    mine = theirs = None
    for found in steps:
        if found.user_id == user.id:
            mine = found
        else:
            theirs = found
    if mine is None or theirs is None or mine.revealed_at is None:
        return None
    return words(mine, for_partner=False), words(theirs, for_partner=True)


@dataclass(frozen=True)
class Shared:
    """After "share it anyway": whether it was taken, and words to pass on now (when the
    reveal already happened; otherwise they simply go with the reveal)."""

    taken: bool
    relay: Words | None = None
    partner_id: int | None = None


async def share_held(session: AsyncSession, user: User, path_id: int, stage: int) -> Shared:
    """The writer chose to let their partner read their held-back reflection."""
    path = await path_core.owned(session, user, path_id, None, "share")
    if path is None or path.couple_id is None:
        return Shared(False)
    found = await session.execute(
        select(PathStep).where(
            PathStep.path_id == path_id, PathStep.stage == stage, PathStep.user_id == user.id
        )
    )
    mine = found.scalar_one_or_none()
    if mine is None or not mine.held:
        return Shared(False)
    mine.held = False
    partner_id = await path_core.partner_id_of(session, user, path)
    if mine.revealed_at is None or partner_id is None:
        return Shared(True)
    return Shared(True, words(mine, for_partner=True), partner_id)
