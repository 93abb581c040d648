"""Hard moments (/hard): a private log, "let my partner know" and the partner's short answer.

Rules only (no Telegram): plain inputs in, typed outcomes out. Grounding itself needs nothing
stored; a row is made only when the person chooses to note the moment or tell their partner.
The person's words (what set it off, what helped) are never part of any outcome for the partner.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core import pairing, safety
from core.policy import quiet_now
from core.reminders import is_paused
from db.models import HardMoment, User

# "Let my partner know" goes out at most once in this long (the hourly limit).
TELL_EVERY = timedelta(hours=1)
# The partner's notice says "right now": a preset answer this long after it would land out of
# the blue, so it is not sent.
ANSWER_WITHIN = timedelta(hours=24)
MAX_TEXT = 500
INTENSITIES = range(1, 6)
PRESETS = ("here", "talk", "space")


class TellStatus(StrEnum):
    """What became of one "let my partner know"."""

    SENT = "sent"
    HELD_WITHIN_HOUR = "held_within_hour"  # told less than TELL_EVERY ago: kindly not again
    PARTNER_QUIET = "partner_quiet"  # their quiet hours or pause: ask "send anyway?"
    UNPAIRED = "unpaired"
    REFUSED = "refused"  # the moment named is not the presser's


@dataclass(frozen=True)
class Tell:
    """The outcome: whom to tell (`partner_id`), whether silently, and the moment it belongs to
    (its id goes on the partner's answer buttons). Nothing the person wrote is in here."""

    status: TellStatus
    moment_id: int | None = None
    partner_id: int | None = None
    silent: bool = False


async def _own(session: AsyncSession, user: User, moment_id: int) -> HardMoment | None:
    moment = await session.get(HardMoment, moment_id)
    return moment if moment is not None and moment.user_id == user.id else None


async def _moment(
    session: AsyncSession, user: User, moment_id: int | None, now: datetime
) -> HardMoment | None:
    """The person's moment `moment_id`, a new one when None, or None if it is not theirs."""
    if moment_id:
        return await _own(session, user, moment_id)
    moment = HardMoment(user_id=user.id, created_at=now, told_silently=False)
    session.add(moment)
    await session.flush()
    return moment


async def last_told(session: AsyncSession, user_id: int) -> datetime | None:
    """When this person last let their partner know (None: never)."""
    found = await session.execute(
        select(func.max(HardMoment.told_at)).where(HardMoment.user_id == user_id)
    )
    value: datetime | None = found.scalar_one_or_none()
    return value


async def tell_partner(
    session: AsyncSession,
    user: User,
    moment_id: int | None,
    now: datetime,
    *,
    send_anyway: bool = False,
) -> Tell:
    """Decide and record "let my partner know" (0 or None: a moment not noted yet).

    At most once per TELL_EVERY (a second ask is held, kindly, and makes no row); during the
    partner's quiet hours or pause only with `send_anyway`, and then silently. A moment id that
    is not the person's is REFUSED. The caller sends after the commit.
    """
    if moment_id and await _own(session, user, moment_id) is None:
        return Tell(TellStatus.REFUSED)
    partner = await pairing.partner_of(session, user)
    if partner is None:
        return Tell(TellStatus.UNPAIRED, moment_id or None)
    told = await last_told(session, user.id)
    if told is not None and now - told < TELL_EVERY:
        return Tell(TellStatus.HELD_WITHIN_HOUR, moment_id or None)
    resting = quiet_now(partner, now) or is_paused(partner, now)
    if resting and not send_anyway:
        return Tell(TellStatus.PARTNER_QUIET, moment_id or None)
    moment = await _moment(session, user, moment_id, now)
    assert moment is not None  # checked above
    moment.told_user_id, moment.told_at, moment.told_silently = partner.id, now, resting
    return Tell(TellStatus.SENT, moment.id, partner.id, silent=resting)


async def untold(session: AsyncSession, user: User, moment_id: int) -> None:
    """Telegram did not deliver the notice: it does not count against the hourly limit."""
    moment = await _own(session, user, moment_id)
    if moment is not None:
        moment.told_at = moment.told_user_id = None


async def start_log(
    session: AsyncSession, user: User, moment_id: int | None, now: datetime
) -> HardMoment | None:
    """The moment to note (a new one for 0 or None); None if the id is not the person's."""
    return await _moment(session, user, moment_id, now)


async def set_intensity(
    session: AsyncSession, user: User, moment_id: int, value: int
) -> HardMoment | None:
    """Note how strong it was (1-5); None if the moment is not theirs or the value is not 1-5."""
    moment = await _own(session, user, moment_id)
    if moment is None or value not in INTENSITIES:
        return None
    moment.intensity = value
    return moment


async def set_words(
    session: AsyncSession, user: User, moment_id: int, field: str, words: str | None
) -> HardMoment | None:
    """Note what set it off (`field` "trigger") or what helped ("helped"), encrypted; None
    (skip) keeps nothing. Returns None if the moment is not theirs. Words over MAX_TEXT are
    the caller's to refuse."""
    if field not in ("trigger", "helped"):
        raise ValueError(field)
    moment = await _own(session, user, moment_id)
    if moment is not None:
        setattr(moment, field, words.strip() if words else None)
    return moment


class AnswerStatus(StrEnum):
    """What became of the partner's preset answer."""

    SENT = "sent"
    ALREADY = "already"  # one answer per moment
    TOO_LATE = "too_late"  # the notice came over ANSWER_WITHIN ago: nothing is sent
    REFUSED = "refused"  # not told about this moment, or no longer paired with its owner


@dataclass(frozen=True)
class Answered:
    """The partner's answer: to whom it goes back (`to_user_id`) and which preset."""

    status: AnswerStatus
    to_user_id: int | None = None
    preset: str | None = None


async def answer(
    session: AsyncSession, presser: User, moment_id: int, preset: str, now: datetime
) -> Answered:
    """The partner who was told taps a preset ("here", "talk", "space"): recorded once, and
    sent back to the person. Anyone else (or a forged id or preset) is REFUSED; an answer over
    ANSWER_WITHIN after the notice is TOO_LATE (not recorded, not sent)."""
    moment = await session.get(HardMoment, moment_id)
    if moment is None or preset not in PRESETS or moment.told_user_id != presser.id:
        return Answered(AnswerStatus.REFUSED)
    owner = await session.get(User, moment.user_id)
    if owner is None or owner.couple_id is None or owner.couple_id != presser.couple_id:
        return Answered(AnswerStatus.REFUSED)
    if moment.answer is not None:
        return Answered(AnswerStatus.ALREADY, owner.id, moment.answer)
    if moment.told_at is None or now - moment.told_at > ANSWER_WITHIN:
        return Answered(AnswerStatus.TOO_LATE, owner.id)
    moment.answer, moment.answered_at = preset, now
    return Answered(AnswerStatus.SENT, owner.id, preset)


@dataclass(frozen=True)
class Pattern:
    """A person's hard moments over the last two weeks (rolling 7-day windows)."""

    this_week: int
    last_week: int
    average: float | None  # mean intensity of this week's noted ones; None if none noted
    helped_most: str | None  # the most frequent "what helped" of the two weeks (private)

    @property
    def empty(self) -> bool:
        """Nothing in either week."""
        return self.this_week == 0 and self.last_week == 0


async def pattern(session: AsyncSession, user_id: int, now: datetime) -> Pattern:
    """Count this week's and last week's moments, this week's average intensity and what helped
    most often (ties: the most recent). Only for the person's own eyes, except the counts and
    the average when they chose to put them in the shared summary."""
    week = timedelta(days=7)
    found = await session.execute(
        select(HardMoment)
        .where(HardMoment.user_id == user_id, HardMoment.created_at > now - 2 * week)
        .order_by(HardMoment.created_at.desc(), HardMoment.id.desc())
    )
    return pattern_of(list(found.scalars()), now)


def pattern_of(moments: list[HardMoment], now: datetime) -> Pattern:
    """`pattern` from the person's moments of the two weeks before `now`, newest first."""
    recent = [m for m in moments if m.created_at > now - timedelta(days=7)]
    rated = [m.intensity for m in recent if m.intensity is not None]
    return Pattern(
        this_week=len(recent),
        last_week=len(moments) - len(recent),
        average=sum(rated) / len(rated) if rated else None,
        helped_most=helped_most(moments),
    )


def helped_most(moments: list[HardMoment]) -> str | None:
    """The most frequent "what helped" of `moments` (newest first; case and spaces ignored;
    ties: the most recent), as the person wrote it; None if none was noted. Words that read
    like danger ("nothing helps, I want to end it all") are kept but never named as what
    helped."""
    kept = [m for m in moments if m.helped and not safety.looks_unsafe(m.helped)]
    helped = Counter((m.helped or "").strip().lower() for m in kept)
    if not helped:
        return None
    most = max(helped.values())
    return next(m.helped for m in kept if helped[(m.helped or "").strip().lower()] == most)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


async def export(session: AsyncSession, user: User) -> dict[str, Any]:
    """The person's hard moments with their words and the answers they got; the answers they
    gave to their partner's (without anything of the partner's)."""
    own = await session.execute(
        select(HardMoment).where(HardMoment.user_id == user.id).order_by(HardMoment.id)
    )
    given = await session.execute(
        select(HardMoment)
        .where(HardMoment.told_user_id == user.id, HardMoment.answer.is_not(None))
        .order_by(HardMoment.id)
    )
    return {
        "hard_moments": [
            {
                "at": _iso(m.created_at),
                "intensity": m.intensity,
                "set_off_by": m.trigger,
                "helped": m.helped,
                "partner_told_at": _iso(m.told_at),
                "told_silently": m.told_silently if m.told_at else None,
                "partner_answer": m.answer,
            }
            for m in own.scalars()
        ],
        "hard_moment_answers_given": [
            {"at": _iso(m.answered_at), "answer": m.answer} for m in given.scalars()
        ],
    }


async def erase(session: AsyncSession, user_id: int) -> None:
    """Delete the person's moments; forget them as the partner told of someone else's."""
    await session.execute(delete(HardMoment).where(HardMoment.user_id == user_id))
    await session.execute(
        update(HardMoment)
        .where(HardMoment.told_user_id == user_id)
        .values(told_user_id=None, answer=None, answered_at=None)
    )
