"""The check-in's answer buttons, the review day's walk-through and the reveal (use cases)."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core import appreciations, awaiting, boundaries, checkins, measure_flow
from core import checkin_outcomes as co
from core.actions import Press
from core.awaiting import Asked, Asks
from core.languages import known
from core.outcome import STALE, Note, Outcome, say, silent_for
from db.models import Boundary, CheckinAnswer, CheckinRound, User

log = logging.getLogger(__name__)

VERDICT_CODES = {"k": "kept", "n": "not_kept", "u": "unsure"}


async def answer_button(
    session: AsyncSession,
    user: User,
    round_: CheckinRound,
    pressed: Press,
    now: datetime,
    *,
    started: CheckinAnswer | None = None,
) -> Outcome:
    """go, e(dit), r(ate), p(rivate), s(kip), k(eep), v(erdict) in a round the person may
    still answer (`started`: their answer, when already read with the round). An argument out
    of range changes nothing (an empty outcome)."""
    prompt = await co.prompt_for(session, round_, user)
    answer = started if started is not None else await checkins.start(session, user, round_, now)
    verb, args = pressed.verb, pressed.args
    open_question = Asked(Asks.CHECKIN, ref=round_.id)

    def step(question: str) -> Outcome:
        return Outcome(replies=(co.show_step(user, round_, answer, question, prompt, now),))

    if verb == "go":
        if answer.completed_at is not None:
            return say(co.ANSWERED_WAITING, ref=round_.id)
        return step(checkins.next_question(answer) or "text")
    if verb == "e":
        return step("safety")
    if verb == "r" and args[1] in checkins.RATINGS:
        if not 1 <= pressed.number(2) <= 5:
            return Outcome()
        checkins.rate(answer, str(args[1]), pressed.number(2), now)
        return step(checkins.QUESTIONS[checkins.QUESTIONS.index(str(args[1])) + 1])
    if verb == "p" and args[1] in checkins.QUESTIONS:
        checkins.toggle_private(answer, str(args[1]), now)
        return step(str(args[1]))
    if verb in ("s", "k", "v"):
        await checkins.lock_round(session, round_)  # these can finish: lock before writing
    if verb in ("s", "k"):
        if any(getattr(answer, q) is None for q in checkins.RATINGS):
            return step(checkins.next_question(answer) or "safety")
        if verb == "s":
            if answer.text is not None and awaiting.current(user) != open_question:
                # A "skip" left on an earlier question message after the words were saved:
                # never erase what the person wrote ("change my answers" reopens the question).
                log.info("checkin.old_skip_refused user=%s round=%s", user.id, round_.id)
                return Outcome(toast=STALE)
            checkins.write_text(answer, None, now)
        awaiting.close(user)
        return await review_or_finish(session, user, round_, answer, prompt, now)
    if verb == "v" and args[2] in VERDICT_CODES:
        pending = checkins.next_question(answer)
        if pending is not None:  # the review comes after the check-in's own questions
            return step(pending)
        boundary_id = pressed.number(1)
        if not await boundaries.record_verdict(
            session, round_, boundary_id, user, VERDICT_CODES[str(args[2])], now
        ):
            log.info("checkin.review_refused user=%s round=%s", user.id, round_.id)
            return await review_or_finish(session, user, round_, answer, prompt, now)
        return await review_or_finish(session, user, round_, answer, prompt, now, after=boundary_id)
    return Outcome()


async def review_or_finish(
    session: AsyncSession,
    user: User,
    round_: CheckinRound,
    answer: CheckinAnswer,
    prompt: str,
    now: datetime,
    *,
    after: int | None = None,
) -> Outcome:
    """The monthly look (first check-in of the month) and, on the review day, the boundary
    review come before the answer is finished."""
    monthly = await measure_flow.step_if_due(session, user, round_, now)
    if monthly is not None:
        return monthly
    due = await boundaries.review_due(session, round_)
    if due:
        given = await boundaries.verdicts(session, round_.id)
        if after is None and answer.completed_at is not None:
            upcoming: Boundary | None = due[0]  # changing answers: walk through every one
        else:
            upcoming = boundaries.next_review(due, given, user.id, after)
        if upcoming is not None:
            awaiting.close(user)
            step = co.ReviewStep(
                round_.id,
                upcoming,
                n=due.index(upcoming) + 1,
                total=len(due),
                mine=upcoming.owner_id == user.id,
                current=given.get((upcoming.id, user.id)),
            )
            return say(co.REVIEW_STEP, data=step)
    return await finish(session, user, round_, answer, prompt, now)


async def resume(session: AsyncSession, user: User, round_: CheckinRound, now: datetime) -> Outcome:
    """Carry on with the check-in after the monthly look: the day's own questions first (an old
    or forged button), then the review day or the finish."""
    await checkins.lock_round(session, round_)  # it can finish: lock before writing
    prompt = await co.prompt_for(session, round_, user)
    answer = await checkins.start(session, user, round_, now)
    pending = checkins.next_question(answer)
    if pending is not None:
        return Outcome(replies=(co.show_step(user, round_, answer, pending, prompt, now),))
    return await review_or_finish(session, user, round_, answer, prompt, now)


async def finish(
    session: AsyncSession,
    user: User,
    round_: CheckinRound,
    answer: CheckinAnswer,
    prompt: str,
    now: datetime,
) -> Outcome:
    """Mark the answer done; at the second one, both reveals go out (after the commit): the
    partner's first, silent in their quiet hours, then the person's own."""
    done = await checkins.finish(session, user, round_, answer, now)
    log.info(
        "checkin.finished user=%s round=%s first=%s revealed=%s",
        user.id,
        round_.id,
        done.first_time,
        done.revealed,
    )
    edited, tidy = not done.first_time, user.tidy_chat
    if round_.couple_id is None:
        return say(co.RECAP, data=co.Recap(answer, co.SOLO_DONE, edited, tidy))
    if not done.revealed:
        return say(co.RECAP, data=co.Recap(answer, co.WAITING, edited, tidy, round_.id))
    assert done.partner is not None and done.partner_answer is not None
    theirs = await reveal_for(
        session,
        done.partner,
        done.partner_answer,
        answer,
        round_,
        co.prompt_text(round_, done.partner, user),  # the question in the partner's language
        now,
        silent=silent_for(done.partner, now),
    )
    mine = await reveal_for(
        session, user, answer, done.partner_answer, round_, prompt, now, silent=False
    )
    recap = say(co.RECAP, data=co.Recap(answer, co.SAVED_BOTH, edited, tidy))
    return recap.plus(*theirs, *mine)


async def reveal_for(
    session: AsyncSession,
    viewer: User,
    mine: CheckinAnswer,
    theirs: CheckinAnswer,
    round_: CheckinRound,
    prompt: str,
    now: datetime,
    *,
    silent: bool,
) -> tuple[Note, ...]:
    """The reveal as `viewer` gets it: at once (with the review day's notes), or a "ready" note
    if they chose to be asked first."""
    if viewer.ask_before_reveal and mine.partner_seen_at is None:
        language = known(viewer.language)  # the viewer may be the partner or the one who acted
        return (
            Note(viewer.id, co.READY, co.KIND, silent=silent, ref=round_.id, language=language),
        )
    mine.partner_seen_at = mine.partner_seen_at or now
    can_thank = not await appreciations.sent(session, round_.id, viewer.id)
    shown = co.Reveal(round_, mine, theirs, prompt, can_thank)
    reveal = Note(
        viewer.id, co.REVEAL, co.KIND, silent=silent, data=shown, language=known(viewer.language)
    )
    review = await co.review_notes(session, round_, viewer, theirs.user_id, silent=silent)
    monthly = await measure_flow.partner_notes(
        session, round_, viewer, theirs.user_id, silent=silent
    )
    return (reveal, *review, *monthly)
