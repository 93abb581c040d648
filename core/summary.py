"""Gather a person's summary: the couple's shared week, their own private view, the chart data.

Shared numbers use only revealed rounds and leave out every answer kept private; a person's own
private view and the gentle support suggestions use all of their own answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core import boundaries, checkins, progress, timezones
from db.models import Appreciation, CheckinAnswer, CheckinRound, User

WEEKS = 8


@dataclass(frozen=True)
class Summary:
    """Everything one person's summary shows (as plain numbers)."""

    user_id: int
    partner_id: int | None
    today: date
    you: progress.PersonWeek
    partner: progress.PersonWeek | None
    rounds_both: int
    my_days: int
    partner_days: int
    sent: int
    got: int
    private_week: progress.Averages | None  # set only when private answers change the picture
    low_safety: bool
    low_connection: bool
    series: dict[int, dict[str, list[float | None]]]
    week_ends: list[date]
    # The boundary review's numbers, only when both partners chose to put them in the summary.
    review: boundaries.ReviewStats | None = None


# Only the numbers a summary shows: no ORM objects, and no answer's words decrypted for them.
_ANSWER_COLUMNS = (
    CheckinAnswer.user_id,
    CheckinAnswer.safety,
    CheckinAnswer.connection,
    CheckinAnswer.agreements,
    CheckinAnswer.private_mask,
    CheckinRound.local_date,
)


def _entry(answer: Any, *, shared: bool) -> progress.Entry:
    """`answer`: a row of _ANSWER_COLUMNS."""
    hidden = answer.private_mask if shared else 0
    values = {
        q: (None if hidden & checkins.PRIVATE_BIT[q] else getattr(answer, q))
        for q in checkins.RATINGS
    }
    return progress.Entry(person=answer.user_id, day=answer.local_date, **values)


async def gather(session: AsyncSession, user: User, partner: User | None, now: datetime) -> Summary:
    """Read what the summary needs with three queries over the last eight weeks."""
    today = now.astimezone(timezones.zone(user.timezone or "UTC")).date()
    start = today - timedelta(days=7 * WEEKS)
    own_rows = await session.execute(
        select(*_ANSWER_COLUMNS)
        .join(CheckinRound, CheckinRound.id == CheckinAnswer.round_id)
        .where(
            CheckinAnswer.user_id == user.id,
            CheckinAnswer.completed_at.is_not(None),
            CheckinRound.local_date >= start,
        )
    )
    own = [_entry(a, shared=False) for a in own_rows.all()]
    shared: list[progress.Entry] = []
    rounds_both = 0
    if partner is not None and user.couple_id is not None:
        shared_rows = await session.execute(
            select(*_ANSWER_COLUMNS)
            .join(CheckinRound, CheckinRound.id == CheckinAnswer.round_id)
            .where(
                CheckinRound.couple_id == user.couple_id,
                CheckinRound.revealed_at.is_not(None),
                CheckinRound.local_date >= start,
            )
        )
        shared = [_entry(a, shared=True) for a in shared_rows.all()]
        # Every revealed round holds both answers.
        rounds_both = progress.days_checked_in((e.day for e in shared), today, progress.WEEK_DAYS)
    since = now - timedelta(days=7)
    counts = await session.execute(
        select(
            func.count().filter(Appreciation.from_user_id == user.id),
            func.count().filter(Appreciation.to_user_id == user.id),
        ).where(
            and_(Appreciation.relayed_at.is_not(None), Appreciation.relayed_at >= since),
            (Appreciation.from_user_id == user.id) | (Appreciation.to_user_id == user.id),
        )
    )
    sent, got = counts.one()
    paired = partner is not None
    base = shared if paired else own
    you = progress.person_week(base, user.id, today)
    private_week = None
    if paired:
        whole = progress.person_week(own, user.id, today).this_week
        if whole != you.this_week and whole.count:
            private_week = whole
    series = {user.id: progress.weekly_series(base, user.id, today, WEEKS)}
    if partner is not None:
        series[partner.id] = progress.weekly_series(shared, partner.id, today, WEEKS)
    review = None
    both_share = user.share_review and partner is not None and partner.share_review
    if both_share and user.couple_id is not None:
        review = await boundaries.review_stats(session, user.couple_id, today)
    return Summary(
        review=review,
        user_id=user.id,
        partner_id=partner.id if partner else None,
        today=today,
        you=you,
        partner=progress.person_week(shared, partner.id, today) if partner else None,
        rounds_both=rounds_both,
        my_days=progress.days_checked_in((e.day for e in own), today, progress.RECENT_DAYS),
        partner_days=progress.days_checked_in(
            (e.day for e in shared if partner is not None and e.person == partner.id),
            today,
            progress.RECENT_DAYS,
        ),
        sent=int(sent),
        got=int(got),
        private_week=private_week,
        low_safety=progress.stays_low(own, user.id, "safety", today),
        low_connection=progress.stays_low(own, user.id, "connection", today),
        series=series,
        week_ends=[today - timedelta(days=7 * (WEEKS - 1 - i)) for i in range(WEEKS)],
    )
