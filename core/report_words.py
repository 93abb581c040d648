"""The report's boundary lines and the person's own words (check-in answers, journal).

Only the person's own words are ever read here; a partner's boundaries only as shared with the
person (`core.boundaries.active_of`). Review verdicts come from revealed rounds only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core import boundaries, checkins, timezones
from db.models import Boundary, BoundaryReview, CheckinAnswer, CheckinRound, JournalEntry, User

MAX_WORDS = 200  # entries per words section: a report stays a few pages


@dataclass(frozen=True)
class Words:
    """One dated piece of the person's own writing; `private`: kept from the partner."""

    day: date
    text: str
    private: bool = False


@dataclass(frozen=True)
class BoundaryLine:
    """One boundary as the report shows it; `kept`/`total` are review verdicts (None: the review
    is not shared by both)."""

    statement: str
    status: str
    kept: int | None
    total: int | None


def _status(boundary: Boundary) -> str:
    return "retired" if boundary.retired_at is not None else boundary.status


async def _verdicts(
    session: AsyncSession, couple_id: int, start: date
) -> list[tuple[date, int, str]]:
    rows = await session.execute(
        select(CheckinRound.local_date, BoundaryReview.boundary_id, BoundaryReview.verdict)
        .join(CheckinRound, CheckinRound.id == BoundaryReview.round_id)
        .where(
            CheckinRound.couple_id == couple_id,
            CheckinRound.revealed_at.is_not(None),
            CheckinRound.local_date >= start,
        )
    )
    return [(day, boundary_id, verdict) for day, boundary_id, verdict in rows.all()]


def _weekly_kept(
    verdicts: list[tuple[date, int, str]], end: date, weeks: int
) -> tuple[float | None, ...]:
    kept, total = [0] * weeks, [0] * weeks
    for day, _, verdict in verdicts:
        week = weeks - 1 - (end - day).days // 7
        if 0 <= week < weeks:
            total[week] += 1
            kept[week] += verdict == "kept"
    return tuple(k / t if t else None for k, t in zip(kept, total, strict=True))


async def boundary_lines(
    session: AsyncSession,
    user: User,
    start: date,
    end: date,
    weeks: int,
    *,
    review: bool,
    shared_only: bool,
) -> tuple[tuple[BoundaryLine, ...], tuple[BoundaryLine, ...], tuple[float | None, ...] | None]:
    """(own lines, the partner's lines as shared, the weekly kept share or None).

    Own boundaries: all of them (`shared_only`: only those shared with the couple), retired
    ones only if retired within the period. Review numbers only when `review` (both share it).
    """
    mine, theirs = await boundaries.active_of(session, user)
    retired = await boundaries.retired_of(session, user)
    first = datetime.combine(start, time(), tzinfo=UTC) - timedelta(days=1)
    mine += [b for b in retired if b.retired_at is not None and b.retired_at >= first]
    if shared_only:
        mine = [b for b in mine if b.couple_id is not None and b.couple_id == user.couple_id]
    verdicts = await _verdicts(session, user.couple_id, start) if review and user.couple_id else []
    counts: dict[int, list[int]] = {}
    for _, boundary_id, verdict in verdicts:
        tally = counts.setdefault(boundary_id, [0, 0])
        tally[0] += verdict == "kept"
        tally[1] += 1

    def line(boundary: Boundary) -> BoundaryLine:
        if not review:
            return BoundaryLine(boundary.statement, _status(boundary), None, None)
        kept, total = counts.get(boundary.id, [0, 0])
        return BoundaryLine(boundary.statement, _status(boundary), kept, total)

    weekly = _weekly_kept(verdicts, end, weeks) if review else None
    return tuple(line(b) for b in mine), tuple(line(b) for b in theirs), weekly


async def answers(session: AsyncSession, user: User, start: date) -> tuple[Words, ...]:
    """The person's own written check-in answers from `start` on, oldest first."""
    rows = await session.execute(
        select(CheckinAnswer, CheckinRound.local_date)
        .join(CheckinRound, CheckinRound.id == CheckinAnswer.round_id)
        .where(
            CheckinAnswer.user_id == user.id,
            CheckinRound.local_date >= start,
            CheckinAnswer.text.is_not(None),
        )
        .order_by(CheckinRound.local_date)
        .limit(MAX_WORDS)
    )
    return tuple(
        Words(day, a.text, checkins.is_private(a, "text")) for a, day in rows.all() if a.text
    )


async def journal(
    session: AsyncSession, user: User, start: date, now: datetime
) -> tuple[Words, ...]:
    """The person's own journal entries from `start` (their local day) on, oldest first."""
    zone = timezones.zone(user.timezone or "UTC")
    since = datetime.combine(start, time(), tzinfo=zone)
    rows = await session.execute(
        select(JournalEntry)
        .where(
            JournalEntry.user_id == user.id,
            JournalEntry.created_at >= since,
            JournalEntry.created_at <= now,
        )
        .order_by(JournalEntry.created_at)
        .limit(MAX_WORDS)
    )
    return tuple(Words(e.created_at.astimezone(zone).date(), e.text, True) for e in rows.scalars())
