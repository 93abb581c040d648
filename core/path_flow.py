"""The path's use cases: a press of a `path:` button or a typed reflection answer, in, and a
`core.outcome.Outcome` out (bot.handlers.path delivers it; bot.path_flow_views words it).

Who hears what is decided here: the partner's notes go through `note_to` (silent in their quiet
hours); a reflection whose words read like danger is held back from the partner until its
writer taps "share it anyway". The rules themselves are in core.path and core.path_reflection.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from core import awaiting, pairing, path_messages, path_reflection, people
from core import path as path_core
from core.actions import Press
from core.awaiting import Asked, Asks
from core.outcome import Note, Outcome, Reply, below, note_to, say, spoken
from core.path import Outcome as Did
from core.path import Result
from db.models import Path, PathStep, User

if TYPE_CHECKING:
    from core.words import Words

log = logging.getLogger(__name__)

DOUBLE_TAP = timedelta(seconds=3)  # "answer now" again this soon asks nothing twice

# Replies (ref: the path id where one is shown).
STATUS = "path.status"  # data: (Where, role)
OPENING = "path.opening"  # data: Opening
INVITED, ALREADY_INVITED = "path.invited", "path.already_invited"
DECLINED = "path.declined"
UNDER_WAY = "path.under_way"  # start or an invitation pressed again once the path began
JOINED = "path.joined"  # "start" pressed while the partner's invitation waited: it was a yes
STALE = "path.stale"  # an earlier step's button, or not the presser's: nothing changed
MOVED_ON = "path.moved_on"  # words for a question whose stage moved on (or was left): not saved
QUESTION = "path.question"  # data: (stage, number, not_yet)
SAVED_SOLO, SAVED_WAITING = "path.saved_solo", "path.saved_waiting"  # data: stage
REVEAL = "path.reveal"  # data: (stage, mine, theirs, discreet)
KEPT_PRIVATE = "path.kept_private"  # data: stage
SHARED, SHARED_LATE = "path.shared", "path.shared_late"
MOVED_WAITING, STAYING, FINISHED = "path.moved_waiting", "path.staying", "path.finished"
PAUSED, RESUMED, LEFT = "path.paused", "path.resumed", "path.left"
LEAVE_SURE, COUNSELLOR = "path.leave_sure", "path.counsellor"
# Notes for the partner (ref: the path id).
N_INVITE, N_READY, N_DECLINED = "path.n.invite", "path.n.ready", "path.n.declined"
N_WAITING = "path.n.waiting"  # data: stage (their reflection is still open)
N_REVEAL = "path.n.reveal"  # data: (stage, theirs, mine)
N_ADDITION = "path.n.addition"  # data: Words
N_FINISHED, N_PAUSED, N_RESUMED, N_LEFT = (f"path.n.{w}" for w in ("fin", "pause", "on", "left"))


@dataclass(frozen=True)
class Opening:
    """A stage's opening for one reader: their side, alone or together, and whether the
    fuller check-in is offered in it (the "establish trust" stage, core.share)."""

    stage: int
    role: str | None
    solo: bool
    offer_share: bool = False


def asked_for(path_id: int, stage: int, question: str) -> Asked:
    """The open question "closing question `question` of stage `stage` of path `path_id`"."""
    return Asked(Asks.PATH, ref=path_id, tag=f"{stage}.{question}")


async def _partner(session: AsyncSession, partner_id: int | None) -> User | None:
    return await people.get(session, partner_id) if partner_id is not None else None


async def _tell(
    session: AsyncSession,
    partner_id: int | None,
    now: datetime,
    key: str,
    ref: int | None,
    data: object = None,
) -> tuple[Note, ...]:
    """A note for the partner (none when there is no partner any more)."""
    partner = await _partner(session, partner_id)
    return (note_to(partner, now, key, kind="path", ref=ref, data=data),) if partner else ()


async def status(session: AsyncSession, user: User, now: datetime) -> Outcome:
    """/path: where the person is, in one message (in their language)."""
    paired = await pairing.partner_of(session, user) is not None
    found = await path_messages.where(session, user, paired, now)
    return spoken(say(STATUS, data=(found, user.role)), user)


async def _opening(
    session: AsyncSession, user: User, path_id: int, stage: int, solo: bool, now: datetime
) -> Outcome:
    offer = await path_messages.offers_share(session, user, stage, now)
    return say(OPENING, ref=path_id, data=Opening(stage, user.role, solo, offer))


async def press(session: AsyncSession, user: User, tap: Press, now: datetime) -> Outcome:
    """Do what one `path:` button asks. A path or stage that is not the presser's (or no
    longer current) changes nothing and gets STALE, below the press. The replies are in the
    presser's language, each note in its reader's."""
    return spoken(await _press(session, user, tap, now), user)


async def _press(session: AsyncSession, user: User, tap: Press, now: datetime) -> Outcome:
    if tap.verb == "go":
        done = await path_core.start(session, user, now)
        started = await _started(session, user, done, now)
        if done.outcome is Did.STARTED:  # both pressed "start": the second press agreed
            return Outcome((*started.replies, Reply(JOINED, below=True)), started.notes)
        return started
    path_id, stage = tap.number(0), (tap.number(1) if len(tap.args) > 1 else 0)
    if tap.verb == "yes":
        done = await path_core.accept(session, user, path_id, now)
        return await _started(session, user, done, now)
    if tap.verb == "no":
        return await _declined(session, user, path_id, now)
    if tap.verb == "show":  # any of the person's paths, even ended: where they are now
        if not await path_core.named(session, user, path_id, "show"):
            return say(STALE, below=True)
        return below(await status(session, user, now))  # the week's opening stays to reread
    if tap.verb in ("rf", "rs"):
        return await _reflect(session, user, tap, now)
    if tap.verb == "share":
        return await _share(session, user, path_id, stage, now)
    if tap.verb in ("leave", "help"):
        if await path_core.owned(session, user, path_id, None, tap.verb) is None:
            return say(STALE, below=True)
        return say(COUNSELLOR, below=True) if tap.verb == "help" else say(LEAVE_SURE, path_id)
    return await _change(session, user, tap.verb, path_id, stage, now)


async def _started(session: AsyncSession, user: User, done: Result, now: datetime) -> Outcome:
    if done.outcome in (Did.STARTED_SOLO, Did.STARTED):
        assert done.path_id is not None
        solo = done.outcome is Did.STARTED_SOLO
        return await _opening(session, user, done.path_id, 1, solo, now)
    if done.outcome is Did.INVITED:
        notes = await _tell(session, done.partner_id, now, N_INVITE, ref=done.path_id)
        return say(INVITED).plus(*notes)
    if done.outcome is Did.ALREADY_INVITED:
        return say(ALREADY_INVITED)
    if done.outcome is Did.EXISTS:  # a double tap, or an invitation from before the start
        return say(UNDER_WAY, done.path_id, below=True)
    return say(STALE, below=True)


async def _declined(session: AsyncSession, user: User, path_id: int, now: datetime) -> Outcome:
    """ "Not now" on an invitation; on one whose path has begun since (a double tap on "yes",
    or this person's own "start" counted as the yes), a kind word and nothing declined."""
    done = await path_core.decline(session, user, path_id)
    if done.outcome is Did.DECLINED:  # the one who asked hears it, or their "I've asked" lies
        return say(DECLINED).plus(*await _tell(session, done.partner_id, now, N_DECLINED, None))
    path = await path_core.current(session, user)
    if path is not None and path.id == path_id and path.status != "invited":
        return say(UNDER_WAY, path_id, below=True)
    return say(STALE, below=True)


async def _change(
    session: AsyncSession, user: User, verb: str, path_id: int, stage: int, now: datetime
) -> Outcome:
    """Ready, stay, pause, resume, leave: the path's state changes."""
    if verb == "rdy":
        done = await path_core.ready(session, user, path_id, stage, now)
    elif verb == "stay":
        done = await path_core.stay(session, user, path_id, stage)
    else:
        change = {"pause": path_core.pause, "resume": path_core.resume, "left": path_core.leave}
        done = await change[verb](session, user, path_id, now)
    if done.outcome is Did.MOVED:
        return await _opening(session, user, path_id, done.stage, done.partner_id is None, now)
    if done.outcome is Did.NOT_YET:
        return _ask(user, path_id, stage, 1, now, not_yet=True)
    if done.outcome is Did.STAYING:
        return say(STAYING)
    mine, theirs = {
        Did.WAITING: (MOVED_WAITING, N_READY),
        Did.FINISHED: (FINISHED, N_FINISHED),
        Did.PAUSED: (PAUSED, N_PAUSED),
        Did.RESUMED: (RESUMED, N_RESUMED),
        Did.LEFT: (LEFT, N_LEFT),
    }.get(done.outcome, (STALE, ""))
    if not theirs:
        return say(STALE, below=True)
    return say(mine).plus(*await _tell(session, done.partner_id, now, theirs, ref=path_id))


def _ask(user: User, path_id: int, stage: int, number: int, now: datetime, **kw: bool) -> Outcome:
    """Ask one closing question; the person's next message answers it (core.words)."""
    awaiting.ask(user, asked_for(path_id, stage, path_reflection.QUESTIONS[number - 1]), now)
    data = (stage, number, bool(kw.get("not_yet")))
    return say(QUESTION, path_id, data, below=bool(kw.get("below")))


async def _reflect(session: AsyncSession, user: User, tap: Press, now: datetime) -> Outcome:
    """ "Answer now" opens the questions (below the press); "Skip" passes one."""
    path_id, stage = tap.number(0), tap.number(1)
    found = await path_reflection.answerable(session, user, path_id, stage, now)
    if isinstance(found, path_reflection.Refusal):
        return say(STALE, below=True)
    if tap.verb == "rf":
        first = asked_for(path_id, stage, path_reflection.QUESTIONS[0])
        since = user.awaiting_since
        if awaiting.current(user) == first and since is not None and now - since < DOUBLE_TAP:
            return Outcome()  # a double tap: the question is on screen already
        return _ask(user, path_id, stage, 1, now, below=True)
    question = tap.word(2)
    if question not in path_reflection.QUESTIONS:
        return say(STALE, below=True)
    path, step = found
    if step.answered_at is not None:  # a Skip left on an earlier question
        return say(SAVED_SOLO if path.couple_id is None else SAVED_WAITING, path_id, stage)
    return await _answer(session, user, found, question, None, False, now)


async def take_answer(session: AsyncSession, user: User, words: Words) -> Outcome:
    """A typed answer to the open closing question (encrypted; held back from the partner
    when it reads like danger). Replies in the writer's language, the reveal note in the
    partner's."""
    return spoken(await _take_answer(session, user, words), user)


async def _take_answer(session: AsyncSession, user: User, words: Words) -> Outcome:
    asked = words.asked
    stage, _, question = (asked.tag or "").partition(".")
    awaiting.close(user)
    if asked.ref is None or not stage.isdecimal() or question not in path_reflection.QUESTIONS:
        return say(MOVED_ON)
    path_id = asked.ref
    found = await path_reflection.answerable(session, user, path_id, int(stage), words.now)
    if isinstance(found, path_reflection.Refusal):
        return say(MOVED_ON)
    return await _answer(session, user, found, question, words.text, words.unsafe, words.now)


async def _answer(
    session: AsyncSession,
    user: User,
    found: tuple[Path, PathStep],
    question: str,
    text: str | None,
    unsafe: bool,
    now: datetime,
) -> Outcome:
    path, step = found
    path_reflection.write(step, question, text, unsafe)
    if question == "helped":
        return _ask(user, path.id, step.stage, 2, now)
    awaiting.close(user)
    done = await path_reflection.finish(session, user, path, step, now)
    log.info("path.reflected user=%s path=%s stage=%s", user.id, path.id, step.stage)
    held = step.held and path.couple_id is not None
    first = (Reply(KEPT_PRIVATE, path.id, step.stage),) if held else ()
    outcome = Outcome(saved=("path", step.id), held_back=held)
    if path.couple_id is None:
        main = Reply(SAVED_SOLO, path.id, step.stage)
    elif not done.revealed:
        main = Reply(SAVED_WAITING, path.id, step.stage)
        if done.first_time:
            outcome = outcome.plus(
                *await _tell(session, done.partner_id, now, N_WAITING, ref=path.id, data=step.stage)
            )
    else:
        main = Reply(REVEAL, path.id, (step.stage, done.mine, done.theirs, user.discreet))
        shown = (step.stage, done.theirs_own, done.mine_shared)
        outcome = outcome.plus(
            *await _tell(session, done.partner_id, now, N_REVEAL, ref=path.id, data=shown)
        )
    return Outcome((*first, main), outcome.notes, saved=outcome.saved, held_back=held)


async def _share(
    session: AsyncSession, user: User, path_id: int, stage: int, now: datetime
) -> Outcome:
    """ "Share it anyway" under held-back words: with the reveal, or now if it happened."""
    shared = await path_reflection.share_held(session, user, path_id, stage)
    if not shared.taken:
        return say(STALE, below=True)
    if shared.relay is None:
        return say(SHARED)
    notes = await _tell(session, shared.partner_id, now, N_ADDITION, ref=path_id, data=shared.relay)
    return say(SHARED_LATE).plus(*notes)
