"""Erasing a person's part of the path (/delete, retention): their steps go; a path walked
together stays with the former partner as their own: paused where it was when it was under way
(they may carry on alone), otherwise as it ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.path import LIVE
from db.models import Path, PathStep

ALONE = "path.n.alone"  # the note to the one who kept it; data: Kept


@dataclass(frozen=True)
class Kept:
    """A path under way that is now the former partner's alone, paused at `stage` (1-10)."""

    keeper_id: int
    stage: int


async def forget_person(
    session: AsyncSession, user_id: int, couple_id: int | None, now: datetime
) -> list[Kept]:
    """Erase a person's part of every path (/delete, retention). A path walked together stays
    with the former partner as their own, so their answers stay theirs (and the couple row can
    go): one under way is paused at its stage, for them to carry on alone or leave (returned,
    to tell them); one not yet begun ends. A path nobody else took a step on goes entirely."""
    touched = select(PathStep.path_id).where(PathStep.user_id == user_id)
    shared = await session.execute(
        select(Path).where(
            Path.couple_id.is_not(None),
            Path.id.in_(touched) | (Path.couple_id == (couple_id or -1)),
        )
    )
    paths = list(shared.scalars())
    await session.execute(delete(PathStep).where(PathStep.user_id == user_id))
    await session.execute(delete(Path).where(Path.solo_user_id == user_id))
    kept: list[Kept] = []
    for path in paths:
        others = await session.execute(
            select(PathStep.user_id).where(PathStep.path_id == path.id).limit(1)
        )
        keeper = others.scalar_one_or_none()
        if keeper is None:
            await session.delete(path)
            continue
        path.couple_id, path.solo_user_id, path.invited_by = None, keeper, None
        if path.status in ("active", "paused"):
            path.paused_at = path.paused_at if path.status == "paused" else now
            path.status = "paused"
            kept.append(Kept(keeper, path.stage))
        elif path.status in LIVE:
            path.status, path.ended_at = "left", now
    await session.execute(update(Path).where(Path.invited_by == user_id).values(invited_by=None))
    return kept
