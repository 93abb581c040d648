"""The monthly look at the whole relationship: four ratings, once a month, inside a check-in.

Four questions in tend's own words (overall happiness, warmth and ease, how rewarding it feels,
overall contentment), the first on 0–6 and the others on 0–5, summed to 0–21: the shape of the
short relationship-satisfaction scales clinicians use, not any one of them, and never a
diagnosis. Offered in the first check-in of the person's local month once they have checked in
on `MIN_DAYS` earlier days (day one is full enough), and at most once a month: a skip counts.

Private to its owner by default. When shared, the partner sees the score once the check-in round
it was answered in is revealed, exactly as with a check-in answer (`visible_scores`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import CheckinAnswer, CheckinRound, MonthlyCheck, User

QUESTIONS: Final = ("happy", "warm", "rewarding", "satisfied")
TOP: Final = {"happy": 6, "warm": 5, "rewarding": 5, "satisfied": 5}
MAX_SCORE: Final = 21
LOW_SCORE: Final = 13
"""At or below this, the person gets a kind note pointing to a counsellor (never a label). Short
satisfaction scores of this shape are commonly read as "struggling" somewhere below 14."""
MIN_DAYS: Final = 7
"""Earlier days with a finished check-in before the monthly look is first offered."""


def month_of(day: date) -> date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def previous_month(month: date) -> date:
    """The first day of the month before `month` (a first of the month)."""
    return (month.replace(day=1) - timedelta(days=1)).replace(day=1)


def score(check: MonthlyCheck) -> int | None:
    """The 0–21 total, None unless all four were answered (a skipped month has none)."""
    values = [getattr(check, q) for q in QUESTIONS]
    if check.skipped or any(v is None for v in values):
        return None
    return int(sum(values))


def next_question(check: MonthlyCheck) -> str | None:
    """The first unanswered question, None when all four have an answer."""
    return next((q for q in QUESTIONS if getattr(check, q) is None), None)


def is_low(total: int | None) -> bool:
    """Whether a score is low enough for the kind counsellor note."""
    return total is not None and total <= LOW_SCORE


async def of_month(session: AsyncSession, user_id: int, month: date) -> MonthlyCheck | None:
    """The person's row for one month (answered, skipped or in progress)."""
    found = await session.execute(
        select(MonthlyCheck).where(MonthlyCheck.user_id == user_id, MonthlyCheck.month == month)
    )
    return found.scalar_one_or_none()


async def pending(
    session: AsyncSession, user: User, round_: CheckinRound, now: datetime
) -> MonthlyCheck | None:
    """The monthly look to ask now in this round (created on first use), or None.

    None when this month's look is finished or skipped, or when the person has checked in on
    fewer than `MIN_DAYS` earlier days. An unfinished look continues in a later round.
    """
    month = month_of(round_.local_date)
    check = await of_month(session, user.id, month)
    if check is not None:
        if check.skipped or check.completed_at is not None:
            return None
        check.round_id = round_.id
        return check
    earlier = await session.execute(
        select(func.count(func.distinct(CheckinRound.local_date)))
        .join(CheckinAnswer, CheckinAnswer.round_id == CheckinRound.id)
        .where(
            CheckinAnswer.user_id == user.id,
            CheckinAnswer.completed_at.is_not(None),
            CheckinRound.local_date < round_.local_date,
        )
    )
    if int(earlier.scalar_one()) < MIN_DAYS:
        return None
    check = MonthlyCheck(
        user_id=user.id, month=month, round_id=round_.id, created_at=now, updated_at=now
    )
    try:
        async with session.begin_nested():
            session.add(check)
    except IntegrityError:  # a double press made it a moment ago
        return await of_month(session, user.id, month)
    return check


def answer(check: MonthlyCheck, question: str, value: int, now: datetime) -> int | None:
    """Record one answer; returns the score when this completed the look (else None).

    Raises ValueError for an unknown question or a value outside 0..TOP[question].
    """
    if question not in TOP or not 0 <= value <= TOP[question]:
        raise ValueError("monthly answer out of range")
    setattr(check, question, value)
    check.updated_at = now
    if next_question(check) is None and check.completed_at is None:
        check.completed_at = now
        return score(check)
    return None


def skip(check: MonthlyCheck, now: datetime) -> None:
    """Skip this month's look: nothing is kept but the fact, and it is not asked again."""
    for question in QUESTIONS:
        setattr(check, question, None)
    check.skipped, check.updated_at = True, now


def toggle_shared(check: MonthlyCheck, now: datetime) -> bool:
    """Flip whether the partner may see the score (after the round's reveal); the new state."""
    check.shared = not check.shared
    check.updated_at = now
    return check.shared


@dataclass(frozen=True)
class Trend:
    """This month's score and last month's (None where there is none)."""

    this_month: int | None
    last_month: int | None


async def trend(session: AsyncSession, user_id: int, today: date) -> Trend:
    """The person's own scores for the month of `today` and the month before."""
    month = month_of(today)
    before = previous_month(month)
    rows = await session.execute(
        select(MonthlyCheck).where(
            MonthlyCheck.user_id == user_id, MonthlyCheck.month.in_([month, before])
        )
    )
    return trend_of(list(rows.scalars()), today)


def trend_of(checks: list[MonthlyCheck], today: date) -> Trend:
    """`trend` from the person's looks (others than the two months are left out)."""
    month = month_of(today)
    before = previous_month(month)
    scores = {check.month: score(check) for check in checks if check.month in (month, before)}
    return Trend(scores.get(month), scores.get(before))


async def visible_scores(
    session: AsyncSession, viewer: User, owner_id: int, start: date, end: date
) -> dict[date, int]:
    """Month -> score of `owner_id`'s finished looks in months touching [start, end] that
    `viewer` may see: all of their own; a partner's only when shared and answered in a revealed
    round of the viewer's current couple."""
    query = (
        select(MonthlyCheck)
        .where(
            MonthlyCheck.user_id == owner_id,
            MonthlyCheck.month >= month_of(start),
            MonthlyCheck.month <= end,
            MonthlyCheck.completed_at.is_not(None),
        )
        .order_by(MonthlyCheck.month)
    )
    if owner_id != viewer.id:
        if viewer.couple_id is None:
            return {}
        query = query.join(CheckinRound, CheckinRound.id == MonthlyCheck.round_id).where(
            MonthlyCheck.shared.is_(True),
            CheckinRound.couple_id == viewer.couple_id,
            CheckinRound.revealed_at.is_not(None),
        )
    rows = await session.execute(query)
    found = {check.month: score(check) for check in rows.scalars()}
    return {month: total for month, total in found.items() if total is not None}


async def shared_in_round(session: AsyncSession, round_id: int, user_id: int) -> int | None:
    """The score `user_id` shared in this round (for the partner's reveal), else None."""
    found = await session.execute(
        select(MonthlyCheck).where(
            MonthlyCheck.round_id == round_id,
            MonthlyCheck.user_id == user_id,
            MonthlyCheck.shared.is_(True),
            MonthlyCheck.completed_at.is_not(None),
        )
    )
    check = found.scalar_one_or_none()
    return score(check) if check is not None else None
