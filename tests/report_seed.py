"""A couple's weeks of check-in rounds, seeded straight through the models (fast), with marker
words that must or must not reach a report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from core import measure
from db.models import CheckinAnswer, CheckinRound, HardMoment, MonthlyCheck

MY_PRIVATE = "MYPRIVATEWORDS"
MY_SHARED = "my shared words"
PARTNER_PRIVATE = "PARTNERPRIVATEWORDS"
PARTNER_SHARED = "PARTNERSHAREDWORDS"
UNREVEALED = "UNREVEALEDWORDS"
ME_RATINGS = (4, 3, 5)
PARTNER_RATINGS = (2, 3, 4)  # shared averages 2.0, 3.0, 4.0


def _answer(
    round_id: int, user_id: int, ratings: tuple[int, ...], text: str, mask: int, at: datetime
) -> CheckinAnswer:
    return CheckinAnswer(
        round_id=round_id,
        user_id=user_id,
        safety=ratings[0],
        connection=ratings[1],
        agreements=ratings[2],
        text=text,
        text_skipped=False,
        private_mask=mask,
        started_at=at,
        updated_at=at,
        completed_at=at,
    )


async def seed(
    session: AsyncSession, couple_id: int, me: int, partner: int, end: date, days: int
) -> None:
    """`days` rounds ending on `end`. All but the last are revealed: me 4,3,5 (on the 4th day
    back my words are private), partner 2,3,4 (on the 6th day back a private safety 5 and
    private words). The last round is unrevealed: only the partner answered, 5,5,5.
    Monthly looks: mine 12 (October) and 14 (November), private; the partner's 9 in October
    (not shared) and 17 in November (shared, in a revealed round)."""
    first_of: dict[date, int] = {}
    for back in range(days - 1, -1, -1):
        day = end - timedelta(days=back)
        opened = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
        revealed = back > 0
        round_ = CheckinRound(
            couple_id=couple_id,
            local_date=day,
            prompt_id="ci-001",
            opened_at=opened,
            closes_at=opened + timedelta(days=1),
            revealed_at=opened + timedelta(hours=2) if revealed else None,
        )
        session.add(round_)
        await session.flush()
        first_of.setdefault(measure.month_of(day), round_.id)
        if not revealed:
            session.add(_answer(round_.id, partner, (5, 5, 5), UNREVEALED, 0, opened))
            continue
        session.add(
            _answer(
                round_.id,
                me,
                ME_RATINGS,
                MY_PRIVATE if back == 3 else MY_SHARED,
                8 if back == 3 else 0,
                opened,
            )
        )
        if back == 5:
            session.add(_answer(round_.id, partner, (5, 3, 4), PARTNER_PRIVATE, 1 | 8, opened))
        else:
            session.add(_answer(round_.id, partner, PARTNER_RATINGS, PARTNER_SHARED, 0, opened))
    at = datetime(end.year, end.month, end.day, tzinfo=UTC)
    for (month, round_id), mine, theirs in zip(
        sorted(first_of.items()),
        ((3, 3, 3, 3), (4, 4, 3, 3)),
        (((3, 2, 2, 2), False), ((5, 4, 4, 4), True)),
        strict=False,
    ):
        for user_id, values, shared in ((me, mine, False), (partner, *theirs)):
            happy, warm, rewarding, satisfied = values
            session.add(
                MonthlyCheck(
                    user_id=user_id,
                    month=month,
                    round_id=round_id,
                    happy=happy,
                    warm=warm,
                    rewarding=rewarding,
                    satisfied=satisfied,
                    shared=shared,
                    created_at=at,
                    updated_at=at,
                    completed_at=at,
                )
            )
    await session.flush()


async def seed_days(
    session: AsyncSession, couple_id: int, people: tuple[int, int], days: list[date]
) -> None:
    """A revealed round on each day, both answering 3, 3, 3 (no words)."""
    for day in days:
        opened = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
        round_ = CheckinRound(
            couple_id=couple_id,
            local_date=day,
            prompt_id="ci-001",
            opened_at=opened,
            closes_at=opened + timedelta(days=1),
            revealed_at=opened + timedelta(hours=1),
        )
        session.add(round_)
        await session.flush()
        for person in people:
            session.add(_answer(round_.id, person, (3, 3, 3), "", 0, opened))
    await session.flush()


AT = datetime(2026, 9, 1, tzinfo=UTC)  # before the seeded weeks
MY_TRIGGER = "MYTRIGGERWORDS"
MY_HELPED = "a slow walk"
PARTNER_TRIGGER = "PARTNERTRIGGERWORDS"
PARTNER_HELPED = "PARTNERHELPEDWORDS"


async def seed_hard(session: AsyncSession, me: int, partner: int, end: date) -> None:
    """Hard moments: mine within the period (strengths 2 and 4 and one unrated; "a slow walk"
    helped twice, my trigger words once) and one long before it; the partner's two (strength 5,
    their own words). My tally over 8 weeks: 3 noted, average 3.0."""
    at = datetime(end.year, end.month, end.day, 9, tzinfo=UTC)
    for user_id, back, strength, trigger, helped in (
        (me, 1, 2, MY_TRIGGER, MY_HELPED),
        (me, 10, 4, None, MY_HELPED),
        (me, 20, None, None, "tea"),
        (me, 200, 1, "LONGAGOWORDS", "LONGAGOWORDS"),
        (partner, 2, 5, PARTNER_TRIGGER, PARTNER_HELPED),
        (partner, 3, 5, PARTNER_TRIGGER, PARTNER_HELPED),
    ):
        session.add(
            HardMoment(
                user_id=user_id,
                created_at=at - timedelta(days=back),
                intensity=strength,
                trigger=trigger,
                helped=helped,
                told_silently=False,
            )
        )
    await session.flush()
