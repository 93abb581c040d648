"""Hard moments (/hard) as use cases: every `hd:` press and the words of a noted moment, each
returning an Outcome (bot.handlers.hard words the keys below).

The rules of the moment itself (the hourly limit, quiet hours, who may answer) are in
core.hard_moments; here is what each press shows, what goes to the partner (a notice naming
nothing the person wrote, silent by the quiet-hours rule, and always silent when sent anyway
into their rest) and the presser checks (a refusal is logged with ids only).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content.moments import hard_moments
from core import awaiting, pairing
from core import hard_moments as hm
from core.actions import Press
from core.awaiting import Asked, Asks
from core.languages import known
from core.outcome import STALE, Outcome, note_to, say, spoken
from db.models import HardMoment, User

if TYPE_CHECKING:
    from core.words import Words

log = logging.getLogger(__name__)

GROUNDING = "hard.grounding"  # data: Grounding
OKAY = "hard.okay"  # "I'm okay for now"
NOT_NOW = "hard.not_now"  # "not now" instead of sending into the partner's quiet hours
NEEDS_START = "hard.needs_start"  # pressed by someone tend does not know (or who erased it all)
INTENSITY = "hard.intensity"  # ref: the moment; data: whether they have a partner
TRIGGER = "hard.trigger"  # ref: the moment (what set it off? typed, or skip)
HELPED = "hard.helped"  # ref: the moment
SAVED = "hard.saved"  # ref: the moment; data: whether to offer "let my partner know"
GONE = "hard.gone"  # words for a moment that is no longer there
TOLD = "hard.told"  # data: Told
TELL_FAILED = "hard.tell_failed"
HELD_HOUR = "hard.held_hour"  # data: whether to offer "note it" (nothing noted yet)
PARTNER_QUIET = "hard.partner_quiet"  # ref: the moment (0: not noted yet)
UNPAIRED = "hard.unpaired"
NOTICE = "hard.notice"  # the note to the partner; ref: the moment
ANSWERED = "hard.answered"  # the partner's notice, answered; ref: the moment
ANSWER_FAILED = "hard.answer_failed"  # the same, when the answer could not be passed on
ANSWER = "hard.answer"  # the note back to the person; data: the preset's id
ANSWER_TOO_LATE = "hard.answer_too_late"  # a preset on a notice over a day old: nothing sent
ALREADY = "hard.already"  # toast: one answer per moment
TOLD_ALREADY = "hard.told_already"  # toast: this moment's "let my partner know" went already
NOTED_ALREADY = "hard.noted_already"  # toast: a late skip or pick on an answered question
TOO_LONG_AGO = "hard.too_long_ago"  # "let my partner know" on a moment noted long ago
KIND = "hard"
# The partner's notice says "right now": a button on a moment older than this tells nobody.
TELL_WITHIN = timedelta(hours=6)


@dataclass(frozen=True)
class Grounding:
    """The grounding message at `step` for a side; `paired`: offer "let my partner know"."""

    role: str | None
    step: int
    paired: bool


@dataclass(frozen=True)
class Told:
    """The partner was told (`silent`ly); `noted`: the moment, if it was noted before."""

    silent: bool
    moment_id: int
    noted: bool


def refused(user: User, moment_id: int, action: str) -> Outcome:
    """Someone else's moment, or none: the same kind "expired" as any stale button."""
    log.info("hard.refused user=%s moment=%s action=%s", user.id, moment_id, action)
    return Outcome(toast=STALE)


async def grounding(session: AsyncSession, user: User | None, step: int, **kw: bool) -> Outcome:
    """The grounding at `step`, for anyone at any hour (an answer, not a scheduled message), in
    the person's language (English for someone tend does not know)."""
    paired = user is not None and await pairing.partner_of(session, user) is not None
    role = user.role if user is not None else None
    shown = say(GROUNDING, data=Grounding(role, step, paired), **kw)
    return spoken(shown, user) if user is not None else shown


async def press(
    session: AsyncSession,
    user: User | None,
    pressed: Press,
    now: datetime,
    *,
    days_old: bool = False,
) -> Outcome:
    """Every `hd:` press (decoded by core.actions). Grounding works for anyone; everything
    that stores or tells needs a person tend knows (else: how to start, in the chat).
    `days_old`: the button sits on a message Telegram no longer shows the bot (over 48 h).
    Replies in the presser's language, the partner's notice and answer in their reader's."""
    done = await _press(session, user, pressed, now, days_old)
    return spoken(done, user) if user is not None else done


async def _press(
    session: AsyncSession, user: User | None, pressed: Press, now: datetime, days_old: bool
) -> Outcome:
    verb = pressed.verb
    if verb == "go":
        return await grounding(session, user, 0, below=True)
    if verb == "s":
        return await grounding(session, user, pressed.number())
    if verb in ("done", "wait"):
        return say(OKAY if verb == "done" else NOT_NOW)
    if user is None:
        log.info("hard.unknown_person action=%s", verb)
        return say(NEEDS_START, below=True)
    if verb in ("tell", "any"):
        if days_old and not pressed.number():  # a moment from days ago, never noted
            return say(TOO_LONG_AGO, below=True)
        return await tell(session, user, pressed.number(), now, anyway=verb == "any")
    if verb == "a":
        return await answer(session, user, pressed.number(), pressed.word(1), now)
    return await _log_step(session, user, pressed, now)


async def _log_step(session: AsyncSession, user: User, pressed: Press, now: datetime) -> Outcome:
    verb, moment_id = pressed.verb, pressed.number()
    if verb in ("ts", "h", "hs") and await _answered(session, user, moment_id, verb):
        return Outcome(toast=NOTED_ALREADY)  # an older message's button: nothing is overwritten
    moment: HardMoment | None = None
    shown = Outcome()
    if verb == "log":
        fresh = None if moment_id else await _fresh_empty(session, user, now)
        moment = fresh or await hm.start_log(session, user, moment_id, now)
        paired = await pairing.partner_of(session, user) is not None
        shown = say(INTENSITY, ref=moment.id if moment else None, data=paired)
    elif verb == "i":
        moment = await hm.set_intensity(session, user, moment_id, pressed.number(1))
        if moment is not None:
            awaiting.ask(user, Asked(Asks.HARD_TRIGGER, ref=moment.id), now)
        shown = say(TRIGGER, ref=moment_id)
    elif verb == "ts":
        moment = await hm.set_words(session, user, moment_id, "trigger", None)
        if moment is not None:
            awaiting.ask(user, Asked(Asks.HARD_HELPED, ref=moment.id), now)
        shown = say(HELPED, ref=moment_id)
    else:  # "h" (a suggestion, by its index) or "hs" (skip)
        helped = None
        if verb == "h":
            helped = _suggestion(pressed.number(1), user.language)
        if verb == "hs" or helped is not None:
            moment = await hm.set_words(session, user, moment_id, "helped", helped)
        if moment is not None:
            awaiting.close(user, Asked(Asks.HARD_HELPED, ref=moment.id))
            awaiting.close(user, Asked(Asks.HARD_TRIGGER, ref=moment.id))
            shown = await _saved(session, user, moment)
    if moment is None:
        return refused(user, moment_id, verb)
    log.info("hard.log user=%s moment=%s step=%s", user.id, moment.id, verb)
    return shown


async def _answered(session: AsyncSession, user: User, moment_id: int, verb: str) -> bool:
    """Whether the person's own moment already holds the words this press would set or skip
    ("ts": what set it off, or it was noted already; "h"/"hs": what helped)."""
    moment = await session.get(HardMoment, moment_id) if moment_id else None
    if moment is None or moment.user_id != user.id:
        return False  # refused as usual further on
    if verb == "ts":
        return moment.trigger is not None or moment.helped is not None
    return moment.helped is not None


async def _fresh_empty(session: AsyncSession, user: User, now: datetime) -> HardMoment | None:
    """The person's newest moment if it was begun within ANSWER_WITHIN and holds nothing yet:
    a second tap on "note it for me" opens that one (one moment, counted once)."""
    found = await session.execute(
        select(HardMoment)
        .where(HardMoment.user_id == user.id, HardMoment.created_at > now - awaiting.ANSWER_WITHIN)
        .order_by(HardMoment.id.desc())
        .limit(1)
    )
    moment = found.scalar_one_or_none()
    if moment is None or moment.told_at is not None:
        return None
    empty = moment.intensity is None and moment.trigger is None and moment.helped is None
    return moment if empty else None


def _suggestion(index: int, language: str | None) -> str | None:
    """The suggestion the person tapped, kept in the words they read it in."""
    suggestions = hard_moments(known(language)).log.helped_suggestions
    return suggestions[index] if index < len(suggestions) else None


async def _saved(session: AsyncSession, user: User, moment: HardMoment, **kw: object) -> Outcome:
    """Noted; "let my partner know" offered only when told nothing yet and there is a partner."""
    offer = moment.told_at is None and await pairing.partner_of(session, user) is not None
    return say(SAVED, ref=moment.id, data=offer, **kw)


async def take_trigger(session: AsyncSession, user: User, words: Words) -> Outcome:
    """Their own words for what set it off (encrypted, never shown to the partner); then what
    helped. Words that read like danger had the crisis reply first, in the guard."""
    moment = await hm.set_words(session, user, words.asked.ref or 0, "trigger", words.text)
    if moment is None:
        awaiting.close(user)
        return spoken(say(GONE), user)
    awaiting.ask(user, Asked(Asks.HARD_HELPED, ref=moment.id), words.now)
    return spoken(say(HELPED, ref=moment.id, saved=(KIND, moment.id)), user)


async def take_helped(session: AsyncSession, user: User, words: Words) -> Outcome:
    """Their own words for what helped; the moment is noted."""
    awaiting.close(user)
    moment = await hm.set_words(session, user, words.asked.ref or 0, "helped", words.text)
    if moment is None:
        return spoken(say(GONE), user)
    return spoken(await _saved(session, user, moment, saved=(KIND, moment.id)), user)


async def tell(
    session: AsyncSession, user: User, moment_id: int, now: datetime, *, anyway: bool
) -> Outcome:
    """ "Let my partner know" (moment 0: not noted yet). The notice goes after the commit, and
    silently when the person chose to send it into the partner's quiet hours or pause."""
    moment = await session.get(HardMoment, moment_id) if moment_id else None
    if moment is not None and moment.user_id == user.id:
        if moment.told_at is not None:
            return Outcome(toast=TOLD_ALREADY)  # a second tap: their partner knows already
        if now - moment.created_at > TELL_WITHIN:  # "right now" would no longer be true
            return say(TOO_LONG_AGO, below=True)
    told = await hm.tell_partner(session, user, moment_id, now, send_anyway=anyway)
    log.info("hard.tell user=%s moment=%s outcome=%s", user.id, moment_id, told.status)
    status = told.status
    if status is hm.TellStatus.REFUSED:
        return refused(user, moment_id, "tell")
    if status is hm.TellStatus.UNPAIRED:
        return say(UNPAIRED, below=True)
    if status is hm.TellStatus.HELD_WITHIN_HOUR:
        return say(HELD_HOUR, data=not moment_id, below=True)
    if status is hm.TellStatus.PARTNER_QUIET:
        return say(PARTNER_QUIET, ref=moment_id, below=True)
    partner = await pairing.partner_of(session, user)
    assert partner is not None and told.moment_id is not None
    notice = note_to(  # data: the reader's side, for how to be with it
        partner, now, NOTICE, kind=KIND, ref=told.moment_id, data=partner.role, unsent=TELL_FAILED
    )
    notice = replace(notice, silent=notice.silent or told.silent)
    shown = Told(notice.silent, told.moment_id, noted=bool(moment_id))
    return say(TOLD, data=shown, below=True).plus(notice)


async def untold(session: AsyncSession, user: User, moment_id: int) -> None:
    """The notice did not reach the partner: it does not count against the hourly limit."""
    await hm.untold(session, user, moment_id)


async def answer(
    session: AsyncSession, presser: User, moment_id: int, preset: str, now: datetime
) -> Outcome:
    """The partner's short preset answer goes back to the person (once per moment); anyone
    else's press, or a forged preset, is refused."""
    result = await hm.answer(session, presser, moment_id, preset, now)
    if result.status is hm.AnswerStatus.REFUSED:
        return refused(presser, moment_id, "answer")
    if result.status is hm.AnswerStatus.ALREADY:
        return Outcome(toast=ALREADY)
    if result.status is hm.AnswerStatus.TOO_LATE:
        return say(ANSWER_TOO_LATE, ref=moment_id, data=presser.role)
    owner = await session.get(User, result.to_user_id)
    assert owner is not None and result.preset is not None
    log.info("hard.answer user=%s moment=%s", presser.id, moment_id)
    back = note_to(owner, now, ANSWER, kind="hard_answer", data=result.preset, unsent=ANSWER_FAILED)
    return say(ANSWERED, ref=moment_id, data=presser.role).plus(back)
