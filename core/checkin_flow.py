"""The check-in's use cases: /checkin, its buttons and the typed answer, as typed outcomes.

Who sees what is decided here and in core.checkin_answers: a couple's answers are revealed at
the second finished answer (to the partner as a note, silent in their quiet hours; to the person
in place, or as a "ready" note when they chose to be asked first); words that read like danger
are kept private in a couple's round until the writer taps "share anyway".
bot.handlers.checkin only decodes and delivers; bot.checkin_views words the replies.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from core import appreciations, awaiting, checkins, pairing, people
from core import checkin_outcomes as co
from core.actions import Press
from core.checkin_answers import answer_button, review_or_finish
from core.checkin_outcomes import prompt_text, show_step
from core.outcome import Outcome, Reply, below, note_to, say
from db.models import CheckinAnswer, CheckinRound, User

if TYPE_CHECKING:
    from core.words import Words

log = logging.getLogger(__name__)

# Buttons about a reveal (or words held back), not a question: they read what they need.
_ABOUT_A_REVEAL = ("show", "later", "share")


# -- /checkin ----------------------------------------------------------------------------------


async def entry(
    session: AsyncSession, user: User, partner: User | None, round_: CheckinRound, now: datetime
) -> Outcome:
    """Where the person stands in a round: the next question, waiting, or done."""
    answer = await checkins.answer_of(session, round_.id, user.id)
    if round_.revealed_at is not None:
        assert answer is not None
        return say(co.ALL_DONE, ref=round_.id if answer.partner_seen_at is None else None)
    if answer is not None and answer.completed_at is not None:
        awaiting.close(user)
        if round_.couple_id is None:
            return say(co.SOLO_DONE)
        return say(co.ANSWERED_WAITING, ref=round_.id)
    answer = await checkins.start(session, user, round_, now)
    question = checkins.next_question(answer) or "text"
    log.info("checkin.opened user=%s round=%s", user.id, round_.id)
    step = show_step(user, round_, answer, question, prompt_text(round_, user, partner), now)
    return Outcome(replies=(step,))


# -- buttons -----------------------------------------------------------------------------------


async def tap(session: AsyncSession, user_id: int, pressed: Press, now: datetime) -> Outcome | None:
    """Any check-in button, pressed by the person with this Telegram id (None: no such person),
    checked against the presser (their couple's or solo round). A tap on a question reads the
    person, the round and their answer in one statement."""
    if pressed.verb not in _ABOUT_A_REVEAL:
        found = await checkins.in_round(session, user_id, pressed.number())
        return None if found is None else await _on_question(session, *found, pressed, now)
    user = await people.get(session, user_id)
    if user is None:
        return None
    if pressed.verb == "share":
        return await share_anyway(session, user, pressed.number(), now)
    return await show_or_later(session, user, pressed.number(), pressed.verb == "show", now)


async def _on_question(
    session: AsyncSession,
    user: User,
    round_: CheckinRound | None,
    started: CheckinAnswer | None,
    pressed: Press,
    now: datetime,
) -> Outcome:
    found = checkins.may_answer(round_, user, now)
    if isinstance(found, checkins.Refusal):
        log.info(
            "checkin.refused user=%s round=%s reason=%s", user.id, pressed.number(), found.value
        )
        outcome = say(co.REFUSED[found])
    else:
        outcome = await answer_button(session, user, found, pressed, now, started=started)
    # From a scheduled prompt: the flow starts below it, so the question stays in view.
    return below(outcome) if pressed.verb == "go" else outcome


async def show_or_later(
    session: AsyncSession, user: User, round_id: int, show: bool, now: datetime
) -> Outcome:
    """ "Show me now" or "not yet" on a reveal the person chose to be asked about."""
    pair = await checkins.revealed_pair(session, user, round_id)
    if pair is None:
        return say(co.UNKNOWN)
    round_, mine, theirs = pair
    if not show:
        return say(co.NOT_YET, ref=round_.id)
    partner = await pairing.partner_of(session, user)
    first_look = mine.partner_seen_at is None
    mine.partner_seen_at = mine.partner_seen_at or now
    can_thank = not await appreciations.sent(session, round_.id, user.id)
    prompt = prompt_text(round_, user, partner)
    shown = say(co.REVEAL, data=co.Reveal(round_, mine, theirs, prompt, can_thank))
    if first_look:
        return shown.plus(
            *await co.review_notes(session, round_, user, theirs.user_id, silent=False)
        )
    return shown


async def share_anyway(session: AsyncSession, user: User, round_id: int, now: datetime) -> Outcome:
    """After words that read like danger were kept private: the writer lets their partner read
    them (at the reveal, or at once when it has happened already)."""
    round_ = await session.get(CheckinRound, round_id)
    answer = await checkins.answer_of(session, round_id, user.id)
    if round_ is None or answer is None or not checkins.belongs(round_, user) or not answer.text:
        return say(co.UNKNOWN)
    if checkins.is_private(answer, "text"):
        answer.private_mask &= ~checkins.PRIVATE_BIT["text"]
    if round_.revealed_at is None:
        return say(co.SHARED_ANYWAY)
    partner = await pairing.partner_of(session, user)
    outcome = say(co.SHARED_ANYWAY_LATE)
    if partner is not None:
        return outcome.plus(note_to(partner, now, co.SHARED_AFTER, kind=co.KIND, words=answer.text))
    return outcome


# -- the open question, typed ------------------------------------------------------------------


async def take_answer(session: AsyncSession, user: User, words: Words) -> Outcome:
    """The typed answer to the day's question. In a couple's round, words that read like
    danger are kept private (the writer is offered "share anyway")."""
    awaiting.close(user)
    round_id = words.asked.ref or 0
    found = await checkins.answerable(session, user, round_id, words.now)
    if isinstance(found, checkins.Refusal):
        return say(co.REFUSED[found])
    await checkins.lock_round(session, found)  # the words can finish it: lock before writing
    prompt = await co.prompt_for(session, found, user)
    answer = await checkins.start(session, user, found, words.now)
    checkins.write_text(answer, words.text, words.now)
    held_back = words.unsafe and found.couple_id is not None
    if held_back:
        answer.private_mask |= checkins.PRIVATE_BIT["text"]
    done = await review_or_finish(session, user, found, answer, prompt, words.now)
    kept = (Reply(co.KEPT_PRIVATE, ref=found.id),) if held_back else ()
    return Outcome(
        replies=kept + done.replies,
        notes=done.notes,
        held_back=held_back,
        saved=("checkin", answer.id),
    )
