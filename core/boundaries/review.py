"""The weekly review: which boundaries are due in a round, the verdicts, who is next."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.boundaries.status import VERDICTS, Status
from db.models import (
    Boundary,
    BoundaryReview,
    CheckinRound,
    Couple,
    User,
)


async def review_due(session: AsyncSession, round_: CheckinRound) -> list[Boundary]:
    """The boundaries this round reviews: on the couple's review day, each acknowledged one."""
    if round_.couple_id is None:
        return []
    couple = await session.get(Couple, round_.couple_id)
    if couple is None or couple.review_day is None:
        return []
    if round_.local_date.weekday() != couple.review_day:
        return []
    result = await session.execute(
        select(Boundary)
        .where(
            Boundary.couple_id == round_.couple_id,
            Boundary.status == Status.ACKNOWLEDGED,
            Boundary.retired_at.is_(None),
        )
        .order_by(Boundary.id)
    )
    return list(result.scalars())


async def verdicts(session: AsyncSession, round_id: int) -> dict[tuple[int, int], str]:
    """(boundary id, person id) → verdict for one round."""
    result = await session.execute(
        select(BoundaryReview.boundary_id, BoundaryReview.user_id, BoundaryReview.verdict).where(
            BoundaryReview.round_id == round_id
        )
    )
    return {(b, u): v for b, u, v in result.all()}


async def record_verdict(
    session: AsyncSession,
    round_: CheckinRound,
    boundary_id: int,
    user: User,
    verdict: str,
    now: datetime,
) -> bool:
    """Save one verdict (replacing an earlier one). False if the boundary is not under review."""
    if verdict not in VERDICTS:
        return False
    due = {b.id for b in await review_due(session, round_)}
    if boundary_id not in due:
        return False
    existing = (
        await session.execute(
            select(BoundaryReview).where(
                BoundaryReview.round_id == round_.id,
                BoundaryReview.boundary_id == boundary_id,
                BoundaryReview.user_id == user.id,
            )
        )
    ).scalar_one_or_none()
    if existing is None:
        session.add(
            BoundaryReview(
                round_id=round_.id,
                boundary_id=boundary_id,
                user_id=user.id,
                verdict=verdict,
                answered_at=now,
            )
        )
    else:
        existing.verdict, existing.answered_at = verdict, now
    await session.flush()
    return True


def next_review(
    due: list[Boundary], given: dict[tuple[int, int], str], user_id: int, after: int | None
) -> Boundary | None:
    """The review question to show next: the one after `after`, else the first unanswered."""
    if after is not None:
        later = [b for b in due if b.id > after]
        if later:
            return later[0]
    return next((b for b in due if (b.id, user_id) not in given), None)


async def reviewed_in(
    session: AsyncSession, round_id: int
) -> tuple[list[Boundary], dict[tuple[int, int], str]]:
    """The boundaries someone reviewed in a round, and the verdicts given."""
    given = await verdicts(session, round_id)
    if not given:
        return [], given
    ids = sorted({boundary_id for boundary_id, _ in given})
    rows = await session.execute(select(Boundary).where(Boundary.id.in_(ids)).order_by(Boundary.id))
    return list(rows.scalars()), given
