"""Reading the path: which path is a person's (under way or not), whether a button's path and
stage are the presser's, each person's step in the current stage, and the guide section a
running stage draws check-in prompts from. Nothing here changes the path (core.path does)."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from content.path import STAGE_IDS
from core import pairing
from db.models import Path, PathStep, User

log = logging.getLogger(__name__)

STAGES = len(STAGE_IDS)
LIVE = ("invited", "active", "paused")


def section(stage: int) -> str:
    """The guide section (and content id) of stage 1..10."""
    return STAGE_IDS[stage - 1]


async def current(session: AsyncSession, user: User) -> Path | None:
    """The person's path still under way: their couple's, or their own when unpaired."""
    owner = (
        Path.couple_id == user.couple_id
        if user.couple_id is not None
        else Path.solo_user_id == user.id
    )
    found = await session.execute(
        select(Path).where(owner, Path.status.in_(LIVE)).order_by(Path.id.desc()).limit(1)
    )
    return found.scalar_one_or_none()


def _belongs(path: Path, user: User) -> bool:
    return (path.couple_id is not None and path.couple_id == user.couple_id) or (
        path.couple_id is None and path.solo_user_id == user.id
    )


async def named(session: AsyncSession, user: User, path_id: int, action: str) -> bool:
    """Whether a button's path is the presser's (under way or not); a path of someone else's
    is logged with ids only, as `owned` does, and one that no longer exists is simply False."""
    path = await session.get(Path, path_id)
    if path is not None and not _belongs(path, user):
        log.warning("path.refused user=%s path=%s action=%s", user.id, path_id, action)
    return path is not None and _belongs(path, user)


async def owned(
    session: AsyncSession, user: User, path_id: int, stage: int | None, action: str
) -> Path | None:
    """The path a button names, if it is the presser's path under way now (and, when `stage`
    is given, still at that stage). Anything else is logged with ids only and refused."""
    path = await session.get(Path, path_id)
    if path is None or not _belongs(path, user) or path.status not in LIVE:
        log.warning("path.refused user=%s path=%s action=%s", user.id, path_id, action)
        return None
    if stage is not None and path.stage != stage:
        log.info("path.stale user=%s path=%s action=%s", user.id, path_id, action)
        return None
    return path


async def lock(session: AsyncSession, path: Path) -> None:
    """Row-lock the path (PostgreSQL) before this transaction's writes are flushed, and read
    its state afresh: two partners pressing at once then take turns (core.checkins.finish)."""
    with session.no_autoflush:
        await session.execute(select(Path.id).where(Path.id == path.id).with_for_update())
    await session.flush()
    await session.refresh(path)


async def step(session: AsyncSession, path: Path, user_id: int, now: datetime) -> PathStep:
    """This person's step in the path's current stage (made on first use, never twice)."""
    query = select(PathStep).where(
        PathStep.path_id == path.id, PathStep.stage == path.stage, PathStep.user_id == user_id
    )
    found = (await session.execute(query)).scalar_one_or_none()
    if found is not None:
        return found
    made = PathStep(path_id=path.id, stage=path.stage, user_id=user_id, created_at=now, held=False)
    try:
        async with session.begin_nested():
            session.add(made)
    except IntegrityError:  # the partner's transaction made it a moment ago
        return (await session.execute(query)).scalar_one()
    return made


async def partner_id_of(session: AsyncSession, user: User, path: Path) -> int | None:
    """The partner walking a couple's path with `user`: None on a path walked alone, or when
    nobody is paired with them now."""
    if path.couple_id is None:
        return None
    partner = await pairing.partner_of(session, user)
    return partner.id if partner else None


async def sections_of(session: AsyncSession, users: list[User]) -> dict[int, str]:
    """The guide section of each person's running stage (people without one are left out),
    in one query: the rotation draws from it first."""
    couples = {u.couple_id for u in users if u.couple_id is not None}
    solo = {u.id for u in users if u.couple_id is None}
    if not couples and not solo:
        return {}
    rows = await session.execute(
        select(Path.couple_id, Path.solo_user_id, Path.stage).where(
            Path.status == "active",
            Path.couple_id.in_(couples) | Path.solo_user_id.in_(solo),
        )
    )
    by_couple, by_solo = {}, {}
    for couple_id, solo_id, stage in rows.all():
        if couple_id is not None:
            by_couple[couple_id] = section(stage)
        else:
            by_solo[solo_id] = section(stage)
    found = {}
    for user in users:
        name = by_couple.get(user.couple_id) if user.couple_id else by_solo.get(user.id)
        if name is not None:
            found[user.id] = name
    return found


async def section_of(session: AsyncSession, user: User) -> str | None:
    """The guide section of the person's running stage, or None (no path, or paused)."""
    return (await sections_of(session, [user])).get(user.id)


async def steps_of(session: AsyncSession, path: Path) -> list[PathStep]:
    """Every person's step in the path's current stage."""
    found = await session.execute(
        select(PathStep).where(PathStep.path_id == path.id, PathStep.stage == path.stage)
    )
    return list(found.scalars())
