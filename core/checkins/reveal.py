"""Finishing an answer, and the reveal: a couple's answers are shown to each other only at the
second finished answer (the round row locked, so it happens once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.checkins.rounds import belongs
from db.models import CheckinAnswer, CheckinRound, User

# The partner who has not answered yet hears once, gently, this long after the first answer.
REMIND_AFTER = timedelta(hours=3)


@dataclass(frozen=True)
class Finished:
    """What finishing an answer led to."""

    first_time: bool  # False: an edit of an answer already finished
    revealed: bool  # this answer was the second: both are shown now
    partner: User | None
    partner_answer: CheckinAnswer | None


LOCKED_ROUNDS = "tend.locked_rounds"  # session.info key: rounds this transaction has locked


async def lock_round(session: AsyncSession, round_: CheckinRound) -> None:
    """Lock a couple's round row (PostgreSQL: `SELECT … FOR UPDATE`) until the transaction ends,
    before anything this transaction changed is flushed; nothing for a solo round, and nothing
    again for a round this transaction already locked.

    Call it before the first write of a step that can finish the answer (skip, keep, a review
    verdict, the typed words, the monthly look): the partner's finishing transaction writes to
    this person's answer (when they saw it), so a transaction holding its own answer row while
    it waits for the round deadlocks against it (found by trying: both partners tapping "Skip"
    twice at once)."""
    if round_.couple_id is None:
        return
    # Per transaction: a session that commits and goes on holds the lock no longer.
    transaction = session.sync_session.get_transaction()
    locked: dict[int, object] = session.info.setdefault(LOCKED_ROUNDS, {})
    if transaction is not None and locked.get(round_.id) is transaction:
        return
    with session.no_autoflush:
        await session.execute(
            select(CheckinRound.id).where(CheckinRound.id == round_.id).with_for_update()
        )
    locked[round_.id] = session.sync_session.get_transaction()


async def finish(
    session: AsyncSession, user: User, round_: CheckinRound, answer: CheckinAnswer, now: datetime
) -> Finished:
    """Mark the answer done; at the second finished answer of a couple's round, reveal it.

    The round row is locked first (PostgreSQL), so two partners finishing at the same moment
    reveal once: the later transaction sees the earlier one's finished answer.
    """
    first_time = answer.completed_at is None
    if first_time:
        answer.completed_at = now
    if round_.couple_id is None:
        return Finished(first_time, False, None, None)
    # The lock comes before this transaction's pending writes are flushed: two partners
    # finishing at once then queue here, instead of each holding rows the other waits for
    # (PostgreSQL found that deadlock). Callers that wrote earlier took it before (lock_round).
    await lock_round(session, round_)
    await session.flush()
    partner = (
        await session.execute(
            select(User).where(User.couple_id == round_.couple_id, User.id != user.id)
        )
    ).scalar_one_or_none()
    other = None
    if partner is not None:
        # Read again under the lock: an answer this session loaded earlier may have been
        # finished since by the partner's own transaction (populate_existing refreshes it).
        other = (
            await session.execute(
                select(CheckinAnswer)
                .where(CheckinAnswer.round_id == round_.id, CheckinAnswer.user_id == partner.id)
                .execution_options(populate_existing=True)
            )
        ).scalar_one_or_none()
    if other is not None and other.completed_at is not None:
        await session.refresh(round_, ["revealed_at"])
        if round_.revealed_at is None:
            round_.revealed_at = now
            round_.remind_at = None
            return Finished(first_time, True, partner, other)
        return Finished(first_time, False, partner, other)
    if round_.remind_at is None and round_.reminded_at is None:
        round_.remind_at = now + REMIND_AFTER
    return Finished(first_time, False, partner, other)


async def revealed_pair(
    session: AsyncSession, user: User, round_id: int
) -> tuple[CheckinRound, CheckinAnswer, CheckinAnswer] | None:
    """A revealed round of this person's couple with both answers (for "Show me now")."""
    round_ = await session.get(CheckinRound, round_id)
    if round_ is None or not belongs(round_, user) or round_.revealed_at is None:
        return None
    answers = (
        await session.execute(select(CheckinAnswer).where(CheckinAnswer.round_id == round_id))
    ).scalars()
    mine = theirs = None
    for answer in answers:
        if answer.user_id == user.id:
            mine = answer
        else:
            theirs = answer
    if mine is None or theirs is None:
        return None
    return round_, mine, theirs
