"""Gather a person's summary: the couple's shared week, their own private view, the chart data.

Shared numbers use only revealed rounds and leave out every answer kept private; a person's own
private view and the gentle support suggestions use all of their own answers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core import boundaries, checkins, hard_moments, measure, path, progress, timezones
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
    # The stage the person's path is at (1-10), and whether it is paused; None: no path.
    path_stage: int | None = None
    path_paused: bool = False
    # The person's own hard moments (only they see these); the partner's counts and average
    # only when the partner chose to put them in the shared summary.
    hard: hard_moments.Pattern | None = None
    partner_hard: hard_moments.Pattern | None = None
    # The monthly look's "this month vs last" (issue 18): the person's own scores.
    monthly: measure.Trend | None = None


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


async def _monthly(session: AsyncSession, user_id: int, today: date) -> measure.Trend | None:
    """The monthly look's two latest scores; None before the first one."""
    trend = await measure.trend(session, user_id, today)
    return None if trend == measure.Trend(None, None) else trend


async def gather(session: AsyncSession, user: User, partner: User | None, now: datetime) -> Summary:
    """Read what the summary needs with three queries over the last eight weeks (a fourth for
    the boundary review's numbers when both partners share them)."""
    today = now.astimezone(timezones.zone(user.timezone or "UTC")).date()
    start = today - timedelta(days=7 * WEEKS)
    own = await _own_entries(session, user, start)
    shared: list[progress.Entry] = []
    if partner is not None and user.couple_id is not None:
        shared = await _shared_entries(session, user.couple_id, start)
    sent, got = await _appreciations(session, user, since=now - timedelta(days=7))
    review = None
    both_share = user.share_review and partner is not None and partner.share_review
    if both_share and user.couple_id is not None:
        review = await boundaries.review_stats(session, user.couple_id, today)
    summary = _compose(user, partner, today, own, shared, (sent, got), review)
    return await _extras(session, summary, user, partner, now)


async def _extras(
    session: AsyncSession, summary: Summary, user: User, partner: User | None, now: datetime
) -> Summary:
    """What the summary adds beyond the check-ins: hard moments (the partner's only if they
    chose to share them), the monthly look and the path's stage."""
    partner_hard = None
    if partner is not None and partner.hard_in_summary:
        partner_hard = await hard_moments.pattern(session, partner.id, now)
    walking = await path.current(session, user)
    on_path = walking is not None and walking.status in ("active", "paused")
    return replace(
        summary,
        hard=await hard_moments.pattern(session, user.id, now),
        partner_hard=partner_hard,
        monthly=await _monthly(session, user.id, summary.today),
        path_stage=walking.stage if walking is not None and on_path else None,
        path_paused=on_path and walking is not None and walking.status == "paused",
    )


async def _own_entries(session: AsyncSession, user: User, start: date) -> list[progress.Entry]:
    """Every finished answer of the person's since `start`, private parts included."""
    rows = await session.execute(
        select(*_ANSWER_COLUMNS)
        .join(CheckinRound, CheckinRound.id == CheckinAnswer.round_id)
        .where(
            CheckinAnswer.user_id == user.id,
            CheckinAnswer.completed_at.is_not(None),
            CheckinRound.local_date >= start,
        )
    )
    return [_entry(a, shared=False) for a in rows.all()]


async def _shared_entries(
    session: AsyncSession, couple_id: int, start: date
) -> list[progress.Entry]:
    """Both partners' answers of revealed rounds since `start`, private parts left out."""
    rows = await session.execute(
        select(*_ANSWER_COLUMNS)
        .join(CheckinRound, CheckinRound.id == CheckinAnswer.round_id)
        .where(
            CheckinRound.couple_id == couple_id,
            CheckinRound.revealed_at.is_not(None),
            CheckinRound.local_date >= start,
        )
    )
    return [_entry(a, shared=True) for a in rows.all()]


async def _appreciations(session: AsyncSession, user: User, since: datetime) -> tuple[int, int]:
    """How many appreciations the person sent and got that were relayed since `since`."""
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
    return int(sent), int(got)


def _compose(
    user: User,
    partner: User | None,
    today: date,
    own: list[progress.Entry],
    shared: list[progress.Entry],
    appreciations: tuple[int, int],
    review: boundaries.ReviewStats | None,
) -> Summary:
    """The summary's numbers from the entries read: shared ones for what the couple sees, the
    person's own (private parts too) for their private view and the support suggestions."""
    base = shared if partner is not None else own
    you = progress.person_week(base, user.id, today)
    private_week = None
    if partner is not None:
        whole = progress.person_week(own, user.id, today).this_week
        if whole != you.this_week and whole.count:
            private_week = whole
    series = {user.id: progress.weekly_series(base, user.id, today, WEEKS)}
    if partner is not None:
        series[partner.id] = progress.weekly_series(shared, partner.id, today, WEEKS)
    partner_days = (e.day for e in shared if partner is not None and e.person == partner.id)
    return Summary(
        review=review,
        user_id=user.id,
        partner_id=partner.id if partner else None,
        today=today,
        you=you,
        partner=progress.person_week(shared, partner.id, today) if partner else None,
        # Every revealed round holds both answers.
        rounds_both=progress.days_checked_in((e.day for e in shared), today, progress.WEEK_DAYS),
        my_days=progress.days_checked_in((e.day for e in own), today, progress.RECENT_DAYS),
        partner_days=progress.days_checked_in(partner_days, today, progress.RECENT_DAYS),
        sent=appreciations[0],
        got=appreciations[1],
        private_week=private_week,
        low_safety=progress.stays_low(own, user.id, "safety", today),
        low_connection=progress.stays_low(own, user.id, "connection", today),
        series=series,
        week_ends=[today - timedelta(days=7 * (WEEKS - 1 - i)) for i in range(WEEKS)],
    )
