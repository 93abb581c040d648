"""Reading boundaries: a person's active and retired ones, one they own or may see, history."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.boundaries.status import Status
from db.models import (
    Boundary,
    BoundaryResponse,
    BoundaryVersion,
    User,
)


async def active_of(session: AsyncSession, user: User) -> tuple[list[Boundary], list[Boundary]]:
    """The person's own boundaries and the ones their partner shared with them (not retired)."""
    mine = await session.execute(
        select(Boundary)
        .where(Boundary.owner_id == user.id, Boundary.retired_at.is_(None))
        .order_by(Boundary.id)
    )
    theirs: Sequence[Boundary] = []
    if user.couple_id is not None:
        theirs = (
            (
                await session.execute(
                    select(Boundary)
                    .where(
                        Boundary.couple_id == user.couple_id,
                        Boundary.owner_id != user.id,
                        Boundary.retired_at.is_(None),
                    )
                    .order_by(Boundary.id)
                )
            )
            .scalars()
            .all()
        )
    return list(mine.scalars()), list(theirs)


async def retired_of(session: AsyncSession, user: User) -> list[Boundary]:
    """The person's own retired boundaries, newest first."""
    result = await session.execute(
        select(Boundary)
        .where(Boundary.owner_id == user.id, Boundary.retired_at.is_not(None))
        .order_by(Boundary.retired_at.desc(), Boundary.id.desc())
    )
    return list(result.scalars())


async def count_of(session: AsyncSession, user: User, *, retired: bool = False) -> int:
    """How many boundaries the person has that are not retired (or, `retired=True`, that are)."""
    state = Boundary.retired_at.is_not(None) if retired else Boundary.retired_at.is_(None)
    result = await session.execute(
        select(func.count()).select_from(Boundary).where(Boundary.owner_id == user.id, state)
    )
    return int(result.scalar_one())


async def owned(session: AsyncSession, user: User, boundary_id: int) -> Boundary | None:
    """The boundary if this person owns it."""
    boundary = await session.get(Boundary, boundary_id)
    return boundary if boundary is not None and boundary.owner_id == user.id else None


async def visible(session: AsyncSession, user: User, boundary_id: int) -> Boundary | None:
    """The boundary if this person may see it: theirs, or shared with their current couple."""
    boundary = await session.get(Boundary, boundary_id)
    if boundary is None:
        return None
    if boundary.owner_id == user.id:
        return boundary
    shared_here = boundary.couple_id is not None and boundary.couple_id == user.couple_id
    return boundary if shared_here and boundary.status != Status.PRIVATE else None


async def history(
    session: AsyncSession, boundary: Boundary, viewer_id: int | None = None
) -> tuple[list[BoundaryVersion], list[BoundaryResponse]]:
    """Every version with its date, and the partner's answers to them.

    The owner (or `viewer_id=None`) sees every version; a partner only those since the
    boundary was shared with them (a later partner never sees wording from before).
    """
    versions = await session.execute(
        select(BoundaryVersion)
        .where(BoundaryVersion.boundary_id == boundary.id)
        .order_by(BoundaryVersion.version)
    )
    responses = await session.execute(
        select(BoundaryResponse)
        .where(BoundaryResponse.boundary_id == boundary.id)
        .order_by(BoundaryResponse.created_at, BoundaryResponse.id)
    )
    shown = list(versions.scalars())
    if viewer_id is not None and viewer_id != boundary.owner_id:
        shown = [v for v in shown if v.version >= (boundary.shared_version or 1)]
    return shown, list(responses.scalars())
