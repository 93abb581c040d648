"""How the weekly reviews went, in numbers (for the list and the summary)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    BoundaryReview,
    CheckinRound,
)


@dataclass(frozen=True)
class ReviewStats:
    """How the weekly reviews went: kept answers out of all answers, this week and overall."""

    week_kept: int
    week_total: int
    all_kept: int
    all_total: int
    weeks: int  # reviews held (revealed review days) so far

    def ratio(self, *, week: bool) -> float | None:
        """Kept share of the answers (None when there were none)."""
        kept, total = (self.week_kept, self.week_total) if week else (self.all_kept, self.all_total)
        return kept / total if total else None


async def review_stats(session: AsyncSession, couple_id: int, today: date) -> ReviewStats | None:
    """The couple's review numbers from revealed rounds only (None if no review was held)."""
    rows = await session.execute(
        select(
            CheckinRound.local_date,
            BoundaryReview.verdict,
            func.count(),
        )
        .join(CheckinRound, CheckinRound.id == BoundaryReview.round_id)
        .where(CheckinRound.couple_id == couple_id, CheckinRound.revealed_at.is_not(None))
        .group_by(CheckinRound.local_date, BoundaryReview.verdict)
    )
    week_start = today - timedelta(days=7)
    week_kept = week_total = all_kept = all_total = 0
    days: set[date] = set()
    for day, verdict, count in rows.all():
        days.add(day)
        all_total += count
        all_kept += count if verdict == "kept" else 0
        if day > week_start:
            week_total += count
            week_kept += count if verdict == "kept" else 0
    if not days:
        return None
    return ReviewStats(week_kept, week_total, all_kept, all_total, len(days))
