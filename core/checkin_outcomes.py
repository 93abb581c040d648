"""The check-in's outcome vocabulary: reply keys, what each carries, and small shared steps.

bot.checkin_views words every key; core.checkin_flow and core.checkin_answers decide which.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from content import translations
from core import awaiting, boundaries, checkins, pairing
from core.awaiting import Asked, Asks
from core.languages import known
from core.outcome import Note, Reply
from db.models import Boundary, CheckinAnswer, CheckinRound, User

STEP = "checkin.step"  # data: Step
RECAP = "checkin.recap"  # data: Recap
ALL_DONE = "checkin.all_done"  # ref: the round while the reveal is still unseen
ANSWERED_WAITING = "checkin.answered_waiting"  # ref: the round (an "edit" button)
SOLO_DONE = "checkin.solo_done"
WAITING = "checkin.waiting"  # a recap's status: the partner has not answered yet
SAVED_BOTH = "checkin.saved_both"  # a recap's status: both answered, revealed
READY = "checkin.ready"  # ref: the round ("show me now" / "not yet")
NOT_YET = "checkin.not_yet"  # ref: the round
REVEAL = "checkin.reveal"  # data: Reveal
REVIEW_STEP = "checkin.review_step"  # data: ReviewStep
REVIEW_BLOCK = "checkin.review_block"  # data: (reviewed, given, viewer_id, partner_id)
NOT_KEPT = "checkin.not_kept"  # data: the boundary
KEPT_PRIVATE = "checkin.kept_private"  # ref: the round ("share anyway")
SHARED_ANYWAY = "checkin.shared_anyway"
SHARED_ANYWAY_LATE = "checkin.shared_anyway_late"
SHARED_AFTER = "checkin.shared_after"  # the note to the partner; words: the answer
REFUSED = {
    checkins.Refusal.UNKNOWN: "checkin.round_unknown",
    checkins.Refusal.CLOSED: "checkin.round_closed",
    checkins.Refusal.REVEALED: "checkin.already_revealed",
}
UNKNOWN = REFUSED[checkins.Refusal.UNKNOWN]
KIND = "checkin_reveal"


@dataclass(frozen=True)
class Step:
    """One question of the check-in on screen."""

    round: CheckinRound
    answer: CheckinAnswer
    question: str
    prompt: str
    tidy: bool


@dataclass(frozen=True)
class Recap:
    """The person's finished answer with where things stand (`status`: a reply key)."""

    answer: CheckinAnswer
    status: str
    edited: bool
    tidy: bool
    round_id: int | None = None  # an "edit" button (waiting for the partner)


@dataclass(frozen=True)
class Reveal:
    """Both answers side by side."""

    round: CheckinRound
    mine: CheckinAnswer
    theirs: CheckinAnswer
    prompt: str
    can_appreciate: bool


@dataclass(frozen=True)
class ReviewStep:
    """One boundary of the review day's walk-through."""

    round_id: int
    boundary: Boundary
    n: int
    total: int
    mine: bool
    current: str | None


def prompt_text(round_: CheckinRound, user: User, partner: User | None) -> str:
    """The round's question as this person reads it (in their language: the same question id
    for both partners, each in their own words)."""
    item = checkins.prompt_of(round_, [user.role, partner.role if partner else user.role])
    return translations.text(item, user.language)


async def prompt_for(session: AsyncSession, round_: CheckinRound, user: User) -> str:
    """`prompt_text` for a person whose partner is not at hand: the partner is read only when
    the round's question has left the library (a fitting one then depends on both sides)."""
    partner = None
    if round_.couple_id is not None and not checkins.prompt_in_library(round_):
        partner = await pairing.partner_of(session, user)
    return prompt_text(round_, user, partner)


def show_step(
    user: User,
    round_: CheckinRound,
    answer: CheckinAnswer,
    question: str,
    prompt: str,
    now: datetime,
) -> Reply:
    """One question; the open question also waits for the person's next message."""
    asked = Asked(Asks.CHECKIN, ref=round_.id) if question == "text" else None
    awaiting.ask(user, asked, now)
    return Reply(STEP, data=Step(round_, answer, question, prompt, user.tidy_chat))


async def review_notes(
    session: AsyncSession, round_: CheckinRound, viewer: User, partner_id: int, *, silent: bool
) -> tuple[Note, ...]:
    """Messages that follow a reveal on a review day: both verdicts on each boundary, then the
    private not-kept notes for boundaries the viewer set. (Apart from the reveal, so that two
    long answers and a long review never make one message too long for Telegram.)"""
    reviewed, given = await boundaries.reviewed_in(session, round_.id)
    if not reviewed:
        return ()
    language = known(viewer.language)
    block = Note(
        viewer.id,
        REVIEW_BLOCK,
        KIND,
        silent=silent,
        data=(reviewed, given, viewer.id, partner_id),
        language=language,
    )
    notes = [
        Note(viewer.id, NOT_KEPT, KIND, silent=silent, data=b, language=language)
        for b in reviewed
        if b.owner_id == viewer.id
        and "not_kept" in (given.get((b.id, viewer.id)), given.get((b.id, partner_id)))
    ]
    return (block, *notes)
