"""The monthly look inside the check-in (use cases): the question to show before the review day
or the finish, its buttons (`mm:`), and the partner's shared score beside a reveal.

Rules of the look itself (once a month, scoring, sharing) are in core.measure; bot.measure_views
words the keys below.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core import awaiting, checkin_answers, checkins, measure
from core import checkin_outcomes as co
from core.actions import Press
from core.languages import known
from core.outcome import Note, Outcome, Reply, say
from db.models import CheckinRound, MonthlyCheck, User

log = logging.getLogger(__name__)

STEP = "measure.step"  # data: Step
AFTER = "measure.after"  # data: After (the note after the look, then the check-in goes on)
PARTNER = "measure.partner"  # data: the partner's shared score (a note beside the reveal)


@dataclass(frozen=True)
class Step:
    """One of the four questions on screen."""

    round_id: int
    check: MonthlyCheck
    question: str
    paired: bool


@dataclass(frozen=True)
class After:
    """The look is done (`total`, None when skipped; `before`: last month's score) and `then`
    is the check-in's next reply, shown in the same message."""

    total: int | None
    before: int | None
    then: Reply


def _step(round_: CheckinRound, check: MonthlyCheck, question: str) -> Outcome:
    return say(STEP, data=Step(round_.id, check, question, round_.couple_id is not None))


async def step_if_due(
    session: AsyncSession, user: User, round_: CheckinRound, now: datetime
) -> Outcome | None:
    """The monthly question to show now in this round, or None (not due, done or skipped)."""
    check = await measure.pending(session, user, round_, now)
    question = measure.next_question(check) if check is not None else None
    if check is None or question is None:
        return None
    awaiting.close(user)
    return _step(round_, check, question)


async def partner_notes(
    session: AsyncSession, round_: CheckinRound, viewer: User, partner_id: int, *, silent: bool
) -> tuple[Note, ...]:
    """After a reveal: the partner's monthly score, when they shared it in this round."""
    total = await measure.shared_in_round(session, round_.id, partner_id)
    if total is None:
        return ()
    language = known(viewer.language)
    return (Note(viewer.id, PARTNER, co.KIND, silent=silent, data=total, language=language),)


async def press(session: AsyncSession, user: User, pressed: Press, now: datetime) -> Outcome:
    """a(nswer) question value, p(rivate/shared) question, x (skip), in a round the person may
    still answer; then the check-in carries on. Another couple's round is refused like a
    check-in button; an argument out of range changes nothing (an empty outcome)."""
    found = await checkins.answerable(session, user, pressed.number(), now)
    if isinstance(found, checkins.Refusal):
        log.info("measure.refused user=%s round=%s reason=%s", user.id, pressed.number(), found)
        return say(co.REFUSED[found])
    await checkins.lock_round(session, found)  # the check-in can finish after this
    check = await measure.pending(session, user, found, now)
    if check is None:  # done, skipped or not offered: the check-in carries on
        return await checkin_answers.resume(session, user, found, now)
    verb = pressed.verb
    if verb == "a":
        question, value = pressed.word(1), pressed.number(2)
        if question not in measure.TOP or value > measure.TOP[question]:
            return Outcome()
        total = measure.answer(check, question, value, now)
        following = measure.next_question(check)
        if following is not None:
            return _step(found, check, following)
        before = (await measure.trend(session, user.id, found.local_date)).last_month
        log.info("measure.answered user=%s round=%s", user.id, found.id)
        return await _then_checkin(session, user, found, now, total, before)
    if verb == "p" and pressed.word(1) in measure.TOP and found.couple_id is not None:
        measure.toggle_shared(check, now)
        return _step(found, check, pressed.word(1))
    if verb == "x":
        measure.skip(check, now)
        log.info("measure.skipped user=%s round=%s", user.id, found.id)
        return await _then_checkin(session, user, found, now, None, None)
    return Outcome()


async def _then_checkin(
    session: AsyncSession,
    user: User,
    round_: CheckinRound,
    now: datetime,
    total: int | None,
    before: int | None,
) -> Outcome:
    going_on = await checkin_answers.resume(session, user, round_, now)
    if not going_on.replies:
        return going_on
    first, *rest = going_on.replies
    shown = Reply(AFTER, data=After(total, before, first))
    return Outcome(replies=(shown, *rest), notes=going_on.notes)
