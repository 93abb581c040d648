"""A boundary's life: added, revised (a new version), shared, held back, retired, answered."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core import safety
from core.boundaries.guide import guide
from core.boundaries.status import MAX_CONSEQUENCE, MAX_STATEMENT, Status
from db.models import (
    Boundary,
    BoundaryResponse,
    BoundaryVersion,
    User,
)


def _version_of(boundary: Boundary, now: datetime) -> BoundaryVersion:
    return BoundaryVersion(
        boundary_id=boundary.id,
        version=boundary.version,
        category=boundary.category,
        statement=boundary.statement,
        consequence=boundary.consequence,
        created_at=now,
    )


async def add(
    session: AsyncSession, owner: User, category: str, statement: str, now: datetime
) -> Boundary:
    """A new private boundary (version 1)."""
    if guide().category(category) is None:
        raise ValueError("unknown category")
    boundary = Boundary(
        owner_id=owner.id,
        category=category,
        statement=statement[:MAX_STATEMENT],
        version=1,
        status=Status.PRIVATE,
        created_at=now,
        updated_at=now,
    )
    session.add(boundary)
    await session.flush()
    session.add(_version_of(boundary, now))
    return boundary


async def revise(
    session: AsyncSession,
    boundary: Boundary,
    now: datetime,
    *,
    statement: str | None = None,
    consequence: str | None = None,
    drop_consequence: bool = False,
) -> bool:
    """A new version of the wording or the consequence. True if the partner must answer anew.

    A draft that was never shared is still being written: it changes in place (version 1).
    """
    if boundary.shared_at is None and boundary.version == 1:
        version = (
            await session.execute(
                select(BoundaryVersion).where(
                    BoundaryVersion.boundary_id == boundary.id, BoundaryVersion.version == 1
                )
            )
        ).scalar_one()
        _apply(boundary, statement, consequence, drop_consequence)
        version.statement, version.consequence = boundary.statement, boundary.consequence
        boundary.updated_at = now
        return False
    _apply(boundary, statement, consequence, drop_consequence)
    boundary.version += 1
    boundary.updated_at = now
    session.add(_version_of(boundary, now))
    if boundary.couple_id is None:
        return False
    boundary.status = Status.SHARED
    boundary.answered_at = None
    return True


def _apply(
    boundary: Boundary, statement: str | None, consequence: str | None, drop_consequence: bool
) -> None:
    if statement is not None:
        boundary.statement = statement[:MAX_STATEMENT]
    if consequence is not None:
        boundary.consequence = consequence[:MAX_CONSEQUENCE]
    elif drop_consequence:
        boundary.consequence = None


def share(boundary: Boundary, owner: User, now: datetime) -> bool:
    """Show the boundary to the owner's partner. False if there is nobody to share it with."""
    if owner.couple_id is None or boundary.retired_at is not None:
        return False
    if boundary.couple_id == owner.couple_id and boundary.status != Status.PRIVATE:
        return True  # already shared
    boundary.couple_id = owner.couple_id
    boundary.status = Status.SHARED
    boundary.shared_at = now
    boundary.shared_version = boundary.version
    boundary.answered_at = None
    return True


def reads_unsafe(boundary: Boundary) -> bool:
    """Whether the wording or the consequence reads like danger (then it is not sent to the
    partner without the owner's second, deliberate tap)."""
    return safety.looks_unsafe(boundary.statement) or safety.looks_unsafe(
        boundary.consequence or ""
    )


def hold_back(boundary: Boundary) -> None:
    """A shared boundary's new words read like danger: it goes back to private. The partner no
    longer sees it and is not told; sharing it again is the owner's choice."""
    boundary.couple_id = None
    boundary.status = Status.PRIVATE
    boundary.answered_at = None


def retire(boundary: Boundary, now: datetime) -> bool:
    """Retire it (kept in history, out of lists and reviews). False if it was already."""
    if boundary.retired_at is not None:
        return False
    boundary.retired_at = now
    boundary.updated_at = now
    return True


class Answered(StrEnum):
    """What came of a partner's answer."""

    DONE = "done"
    ALREADY = "already"  # the same answer to this version was given before
    CHANGED = "changed"  # the boundary was edited since the button was sent
    UNKNOWN = "unknown"  # not shared with this person (or retired)


async def respond(
    session: AsyncSession,
    boundary: Boundary,
    responder: User,
    version: int,
    response: Status,
    now: datetime,
) -> tuple[Answered, BoundaryResponse | None]:
    """The partner acknowledges a version, or asks to talk about it."""
    if (
        boundary.owner_id == responder.id
        or boundary.couple_id is None
        or boundary.couple_id != responder.couple_id
        or boundary.status == Status.PRIVATE
        or boundary.retired_at is not None
    ):
        return Answered.UNKNOWN, None
    if version != boundary.version:
        return Answered.CHANGED, None
    if boundary.status == response:
        return Answered.ALREADY, None
    answer = BoundaryResponse(
        boundary_id=boundary.id,
        version=version,
        user_id=responder.id,
        response=str(response),
        created_at=now,
    )
    session.add(answer)
    boundary.status = response
    boundary.answered_at = now
    await session.flush()
    return Answered.DONE, answer


async def talk_response(
    session: AsyncSession, boundary: Boundary, responder: User
) -> BoundaryResponse | None:
    """The responder's latest "let's talk" on the current version (to attach a note to)."""
    result = await session.execute(
        select(BoundaryResponse)
        .where(
            BoundaryResponse.boundary_id == boundary.id,
            BoundaryResponse.user_id == responder.id,
            BoundaryResponse.version == boundary.version,
            BoundaryResponse.response == Status.TALK,
        )
        .order_by(BoundaryResponse.id.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def end_sharing(session: AsyncSession, couple_id: int) -> None:
    """A pairing ended: boundaries shared in it go back to private and its answers are dropped.

    A later partner never sees anything of the old couple.
    """
    shared = select(Boundary.id).where(Boundary.couple_id == couple_id)
    await session.execute(delete(BoundaryResponse).where(BoundaryResponse.boundary_id.in_(shared)))
    await session.execute(
        update(Boundary)
        .where(Boundary.couple_id == couple_id)
        .values(couple_id=None, status=Status.PRIVATE, answered_at=None)
    )
