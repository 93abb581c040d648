"""Check-in rounds: one a day per couple (the same prompt for both) or per unpaired person.

A person answers three ratings and the day's open question; any answer can be kept private.
A couple's answers are revealed to each other only at the second finished answer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from content import library
from core import path, timezones
from db.models import CheckinAnswer, CheckinRound, Couple, User

ROUND_LIFETIME = timedelta(hours=24)
# The partner who has not answered yet hears once, gently, this long after the first answer.
REMIND_AFTER = timedelta(hours=3)
RATINGS = ("safety", "connection", "agreements")
QUESTIONS = (*RATINGS, "text")
PRIVATE_BIT = {"safety": 1, "connection": 2, "agreements": 4, "text": 8}
# Two answers at the limit, with the rest of the reveal, fit one Telegram message (4,096).
MAX_TEXT = 1500


async def partners_of(session: AsyncSession, users: list[User]) -> dict[int, User]:
    """Each paired person's partner, in one query."""
    couple_ids = {u.couple_id for u in users if u.couple_id is not None}
    if not couple_ids:
        return {}
    members = await session.execute(select(User).where(User.couple_id.in_(couple_ids)))
    by_couple: dict[int, list[User]] = {}
    for member in members.scalars():
        assert member.couple_id is not None
        by_couple.setdefault(member.couple_id, []).append(member)
    partners: dict[int, User] = {}
    for user in users:
        for other in by_couple.get(user.couple_id or -1, []):
            if other.id != user.id:
                partners[user.id] = other
    return partners


async def open_round(session: AsyncSession, user: User, now: datetime) -> CheckinRound | None:
    """The person's round (their couple's, or their own when unpaired) still open now."""
    owner = (
        CheckinRound.couple_id == user.couple_id
        if user.couple_id is not None
        else CheckinRound.solo_user_id == user.id
    )
    result = await session.execute(
        select(CheckinRound)
        .where(owner, CheckinRound.closes_at > now)
        .order_by(CheckinRound.opened_at.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def started_unfinished(session: AsyncSession, user: User, now: datetime) -> bool:
    """Whether the person is part-way through the open round's questions (a button is awaited)."""
    round_ = await open_round(session, user, now)
    if round_ is None or round_.revealed_at is not None:
        return False
    answer = await answer_of(session, round_.id, user.id)
    return answer is not None and answer.completed_at is None


def belongs(round_: CheckinRound, user: User) -> bool:
    """Whether this round is the person's (their current couple's, or their solo one)."""
    if round_.couple_id is not None:
        return round_.couple_id == user.couple_id
    return round_.solo_user_id == user.id


def prompt_of(round_: CheckinRound, roles: list[str | None]) -> library.Item:
    """The round's open question (a fitting one if it has left the library since)."""
    item = library.by_id().get(round_.prompt_id)
    return item if item is not None else library.pool("checkin", roles)[0]


async def round_for(
    session: AsyncSession, user: User, partner: User | None, now: datetime, rng: random.Random
) -> CheckinRound:
    """The open round of the person's couple (or their own), opening one if there is none.

    Opening takes the couple row's lock first and looks again under it: two partners whose
    dates differ at that moment (a /checkin in Berlin after midnight, the scheduled prompt in
    New York that evening) would otherwise open two rounds under two dates, with two questions.
    One person alone has one date at a time, so the (owner, date) unique constraint suffices."""
    current = await open_round(session, user, now)
    if current is None and user.couple_id is not None:
        # Lock first, then write (docs/conventions.md). NO KEY UPDATE: inserts that only
        # refer to the couple (its rounds, boundaries) are not held up.
        lock = select(Couple.id).where(Couple.id == user.couple_id).with_for_update(key_share=True)
        with session.no_autoflush:
            await session.execute(lock)
        current = await open_round(session, user, now)  # afresh, under the lock
    if current is None:
        current = await _open(session, user, partner, now, rng)
    return current


async def todays_prompt(
    session: AsyncSession, user: User, partner: User | None, now: datetime, rng: random.Random
) -> tuple[CheckinRound, library.Item]:
    """The open round and its prompt; the first prompt of a day opens the round."""
    round_ = await round_for(session, user, partner, now, rng)
    return round_, prompt_of(round_, [user.role, partner.role if partner else user.role])


async def _open(
    session: AsyncSession, user: User, partner: User | None, now: datetime, rng: random.Random
) -> CheckinRound:
    local_date = now.astimezone(timezones.zone(user.timezone or "UTC")).date()
    discreet = user.discreet or (partner is not None and partner.discreet)
    roles = [user.role, partner.role] if partner is not None else [user.role]
    candidates = library.pool("checkin", roles, allow_explicit=not discreet)
    couple = await session.get(Couple, user.couple_id) if user.couple_id is not None else None
    prefer = await path.section_of(session, user)  # the path's stage comes first
    if couple is not None and partner is not None:
        item, seen = library.choose(candidates, couple.seen_prompts, rng, prefer)
        round_ = CheckinRound(couple_id=couple.id, local_date=local_date)
        owner = CheckinRound.couple_id == couple.id
    else:
        # Unpaired: a private round. Recent solo prompts are not repeated either.
        recent = await session.execute(
            select(CheckinRound.prompt_id)
            .where(CheckinRound.solo_user_id == user.id)
            .order_by(CheckinRound.opened_at.desc())
            .limit(max(len(candidates) - 1, 0))
        )
        item, seen = library.choose(candidates, ",".join(recent.scalars()), rng, prefer)
        round_ = CheckinRound(solo_user_id=user.id, local_date=local_date)
        owner = CheckinRound.solo_user_id == user.id
    round_.prompt_id, round_.opened_at, round_.closes_at = item.id, now, now + ROUND_LIFETIME
    try:
        async with session.begin_nested():
            session.add(round_)
        if couple is not None and partner is not None:
            couple.seen_prompts = seen
        return round_
    except IntegrityError:
        # Another process opened it a moment ago (same owner, same date): join that one.
        existing = await session.execute(
            select(CheckinRound).where(owner, CheckinRound.local_date == local_date)
        )
        return existing.scalar_one()


# -- answering ---------------------------------------------------------------------------------


class Refusal(StrEnum):
    """Why an answer was not taken."""

    UNKNOWN = "unknown"  # no such round, or not this person's
    CLOSED = "closed"  # the round's 24 hours are over
    REVEALED = "revealed"  # already shown to both: answers are final


async def answerable(
    session: AsyncSession, user: User, round_id: int, now: datetime
) -> CheckinRound | Refusal:
    """The round if this person may still answer in it now."""
    round_ = await session.get(CheckinRound, round_id)
    if round_ is None or not belongs(round_, user):
        return Refusal.UNKNOWN
    if round_.revealed_at is not None:
        return Refusal.REVEALED
    if round_.closes_at <= now:
        return Refusal.CLOSED
    return round_


async def answer_of(session: AsyncSession, round_id: int, user_id: int) -> CheckinAnswer | None:
    """One person's answer row in a round."""
    result = await session.execute(
        select(CheckinAnswer).where(
            CheckinAnswer.round_id == round_id, CheckinAnswer.user_id == user_id
        )
    )
    return result.scalar_one_or_none()


async def start(
    session: AsyncSession, user: User, round_: CheckinRound, now: datetime
) -> CheckinAnswer:
    """The person's answer in the round, created empty on first use (never twice)."""
    existing = await answer_of(session, round_.id, user.id)
    if existing is not None:
        return existing
    answer = CheckinAnswer(
        round_id=round_.id,
        user_id=user.id,
        text_skipped=False,
        private_mask=0,
        started_at=now,
        updated_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(answer)
    except IntegrityError:  # a double press raced this one
        found = await answer_of(session, round_.id, user.id)
        assert found is not None
        return found
    return answer


def next_question(answer: CheckinAnswer) -> str | None:
    """The first question still open, or None when everything is answered."""
    for name in RATINGS:
        if getattr(answer, name) is None:
            return name
    if answer.text is None and not answer.text_skipped:
        return "text"
    return None


def is_private(answer: CheckinAnswer, question: str) -> bool:
    """Whether the person kept this answer to themselves."""
    return bool(answer.private_mask & PRIVATE_BIT[question])


def toggle_private(answer: CheckinAnswer, question: str, now: datetime) -> bool:
    """Flip "keep private" for one answer; returns the new state."""
    answer.private_mask ^= PRIVATE_BIT[question]
    answer.updated_at = now
    return is_private(answer, question)


def shared_value(answer: CheckinAnswer, question: str) -> int | str | None:
    """What the partner may see of one answer (None: private, skipped or not given)."""
    if is_private(answer, question):
        return None
    value: int | str | None = getattr(answer, question)
    return value


def rate(answer: CheckinAnswer, question: str, value: int, now: datetime) -> None:
    """Record one rating (1–5)."""
    if question not in RATINGS or not 1 <= value <= 5:
        raise ValueError("rating out of range")
    setattr(answer, question, value)
    answer.updated_at = now


def write_text(answer: CheckinAnswer, text: str | None, now: datetime) -> None:
    """Record the open answer, or that it was skipped (None)."""
    answer.text = text[:MAX_TEXT] if text else None
    answer.text_skipped = text is None
    answer.updated_at = now


@dataclass(frozen=True)
class Finished:
    """What finishing an answer led to."""

    first_time: bool  # False: an edit of an answer already finished
    revealed: bool  # this answer was the second: both are shown now
    partner: User | None
    partner_answer: CheckinAnswer | None


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
    # (PostgreSQL found that deadlock).
    with session.no_autoflush:
        await session.execute(
            select(CheckinRound.id).where(CheckinRound.id == round_.id).with_for_update()
        )
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
