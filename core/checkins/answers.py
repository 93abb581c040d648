"""One person's answer in a round: three ratings and the day's open question, each of which can
be kept private, and whether the answer may still be given."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from core.checkins.rounds import belongs, open_round
from db.models import CheckinAnswer, CheckinRound, User

RATINGS = ("safety", "connection", "agreements")
QUESTIONS = (*RATINGS, "text")
PRIVATE_BIT = {"safety": 1, "connection": 2, "agreements": 4, "text": 8}
# Two answers at the limit, with the rest of the reveal, fit one Telegram message (4,096).
MAX_TEXT = 1500


class Refusal(StrEnum):
    """Why an answer was not taken."""

    UNKNOWN = "unknown"  # no such round, or not this person's
    CLOSED = "closed"  # the round's 24 hours are over
    REVEALED = "revealed"  # already shown to both: answers are final


async def answerable(
    session: AsyncSession, user: User, round_id: int, now: datetime
) -> CheckinRound | Refusal:
    """The round if this person may still answer in it now."""
    return may_answer(await session.get(CheckinRound, round_id), user, now)


# Built once (composing a statement anew for every tap cost more CPU than running it).
_IN_ROUND = (
    select(User, CheckinRound, CheckinAnswer)
    .select_from(User)
    .outerjoin(CheckinRound, CheckinRound.id == bindparam("round_id"))
    .outerjoin(
        CheckinAnswer,
        (CheckinAnswer.round_id == CheckinRound.id) & (CheckinAnswer.user_id == User.id),
    )
    .where(User.id == bindparam("user_id"))
)


async def in_round(
    session: AsyncSession, user_id: int, round_id: int
) -> tuple[User, CheckinRound | None, CheckinAnswer | None] | None:
    """The person, the round with this id (anyone's: check it with `may_answer`) and the
    person's answer in it so far, in one read: a tap on a question needs all three. None: no
    such person; the round or the answer is None when there is none."""
    found = (await session.execute(_IN_ROUND, {"user_id": user_id, "round_id": round_id})).first()
    return None if found is None else (found[0], found[1], found[2])


def may_answer(round_: CheckinRound | None, user: User, now: datetime) -> CheckinRound | Refusal:
    """The round if this person may still answer in it now, else why not."""
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


async def started_unfinished(session: AsyncSession, user: User, now: datetime) -> bool:
    """Whether the person is part-way through the open round's questions (a button is awaited)."""
    round_ = await open_round(session, user, now)
    if round_ is None or round_.revealed_at is not None:
        return False
    answer = await answer_of(session, round_.id, user.id)
    return answer is not None and answer.completed_at is None
