"""The fuller check-in (/share) as use cases: every `sh:` press and the words it asks for, each
returning an Outcome (bot.handlers.share words the keys below; bot.share_views draws them).

The plan's and a share's own rules are in core.share. Here: only the sharer starts, pauses or
ends (a refusal is logged with ids only); one draft at a time (a second "write it now" opens the
same one); a share and the receiver's answer go to the other partner after the commit, silent
by the quiet-hours rule; a note that reads like danger is held until its writer sends it anyway.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core import awaiting, pairing, rules, safety
from core import share as core
from core.actions import Press
from core.awaiting import Asked, Asks
from core.outcome import STALE, Outcome, note_to, say, spoken
from db.models import ShareEntry, SharePlan, User

if TYPE_CHECKING:
    from core.words import Words

log = logging.getLogger(__name__)
Session = AsyncSession

RHYTHMS = "share.rhythms"  # the intro and the three rhythms
STATUS = "share.status"  # data: (plan, zone, now)
UNPAIRED = "share.unpaired"
NOT_TODAY = "share.not_today"
TIME = "share.time"  # at what time?
BAD_TIME = "share.bad_time"
IN_QUIET = "share.in_quiet"
CONFIRM = "share.confirm"  # data: (plan, zone)
CHANGED = "share.changed"  # data: (the change, plan, zone)
PART = "share.part"  # ref: the share; data: Part
EMPTY = "share.empty"
REVIEW = "share.review"  # data: (entry, unsafe)
SENT = "share.sent"
SEND_FAILED = "share.send_failed"
ASK_NOTE = "share.ask_note"  # ref: the reply (its "no note" button)
ANSWERED = "share.answered"
ANSWER_FAILED = "share.answer_failed"
ANSWERED_ALREADY = "share.answered_already"
NOTE_HELD = "share.note_held"  # ref: the reply (its "send it anyway" button)
GONE = "share.gone"  # words for something no longer there
RECEIVED = "share.received"  # the note to the receiver; data: the entry
THANKS = "share.thanks"  # the notes back to the sharer (TALK: words, the note if any)
TALK = "share.talk"
NOT_THEIRS = "share.not_theirs"  # toast: only the sharer acts on a plan
DONE_ALREADY = "share.done_already"  # toast: a second tap on "skip" or "send"
KIND = "share"
OWNER_ONLY = ("go", "pause", "resume", "end", "renew", "len")
CHANGES = {c.value: c for c in core.Change}


@dataclass(frozen=True)
class Part:
    """Ask for part `index` (0-4) of a share; `again`: a second tap found the open draft."""

    index: int
    again: bool = False
    written: str | None = None  # what the part says already (the sharer's own words)
    role: str | None = field(default=None, compare=False)  # the sharer's side, for the wording


def _refused(user: User, pressed: Press) -> Outcome:
    ref = pressed.args[0] if pressed.args else None
    log.info("share.refused user=%s ref=%s action=%s", user.id, ref, pressed.verb)
    return Outcome(toast=NOT_THEIRS if pressed.verb in OWNER_ONLY else STALE)


async def open_share(session: AsyncSession, user: User, now: datetime) -> Outcome:
    """/share: the person's own plan and what they can do with it, or how to set one up
    (in their language)."""
    plan = await core.plan_of(session, user.id)
    if user.couple_id is None:
        return spoken(say(UNPAIRED), user)
    if plan is None:
        return spoken(say(RHYTHMS), user)
    return spoken(say(STATUS, data=(plan, user.timezone, now)), user)


async def press(session: AsyncSession, user: User, pressed: Press, now: datetime) -> Outcome:
    """Every `sh:` press (decoded by core.actions); ids are checked against the presser.
    Replies in the presser's language, each note in its reader's."""
    return spoken(await _press(session, user, pressed, now), user)


async def _press(session: AsyncSession, user: User, pressed: Press, now: datetime) -> Outcome:
    verb = pressed.verb
    if verb == "no":
        return say(NOT_TODAY)
    if verb == "new":
        return say(RHYTHMS if user.couple_id else UNPAIRED, below=True)
    if verb == "r":
        if pressed.word(0) not in core.RHYTHMS:
            return _refused(user, pressed)
        awaiting.ask(user, Asked(Asks.SHARE_TIME, tag=pressed.word(0)), now)
        return say(TIME, below=True)
    outcome = await _on_row(session, user, pressed, now)
    return outcome if outcome is not None else _refused(user, pressed)


async def _on_row(
    session: AsyncSession, user: User, pressed: Press, now: datetime
) -> Outcome | None:
    verb, ref = pressed.verb, pressed.number()
    if verb == "len" or verb in CHANGES:
        weeks = pressed.number(1) if verb == "len" else 0
        plan = await core.change(
            session, user, ref, CHANGES.get(verb, core.Change.RENEW), now, weeks
        )
        return say(CHANGED, data=(verb, plan, user.timezone)) if plan is not None else None
    if verb == "skip":
        return say(NOT_TODAY) if await core.own_plan(session, user, ref) is not None else None
    if verb == "go":
        return await _write_now(session, user, ref, now)
    if verb == "edit":
        entry = await core.own_draft(session, user, ref)
        return _ask_part(user, entry, 0, now) if entry is not None else None
    if verb == "k":
        asked = awaiting.current(user)
        index = pressed.number(1)
        on_this = asked is not None and asked.what is Asks.SHARE_PART and asked.ref == ref
        if on_this and asked is not None and asked.tag != str(index):
            return Outcome(toast=DONE_ALREADY)  # a second tap, or an older part's: moved on
        return await next_part(session, user, ref, index, None, now)
    if verb == "send":
        return await _send(session, user, ref, now)
    if verb in ("t", "l"):
        return await _reply(session, user, ref, "thanks" if verb == "t" else "talk", now)
    return await _note(session, user, ref, None, now, verb == "na")


def _ask_part(
    user: User, entry: ShareEntry, index: int, now: datetime, again: bool = False
) -> Outcome:
    awaiting.ask(user, Asked(Asks.SHARE_PART, ref=entry.id, tag=str(index)), now)
    written = getattr(entry, core.PARTS[index])  # "change something": shown, kept by a skip
    return say(PART, ref=entry.id, data=Part(index, again, written, user.role), below=True)


async def _draft(session: AsyncSession, user: User, now: datetime) -> ShareEntry | None:
    """The person's newest unsent share begun within the last ANSWER_WITHIN, if any."""
    found = await session.execute(
        select(ShareEntry)
        .where(
            ShareEntry.user_id == user.id,
            ShareEntry.sent_at.is_(None),
            ShareEntry.created_at > now - awaiting.ANSWER_WITHIN,
        )
        .order_by(ShareEntry.id.desc())
        .limit(1)
    )
    return found.scalar_one_or_none()


async def _write_now(
    session: AsyncSession, user: User, plan_id: int, now: datetime
) -> Outcome | None:
    """ "Write it now": a new share, or the one already open (a double tap opens one draft)."""
    if await core.own_plan(session, user, plan_id) is None:
        return None
    if user.couple_id is None:  # their own invitation, after the pairing ended
        return say(UNPAIRED, below=True)
    draft = await _draft(session, user, now)
    if draft is not None:
        asked = awaiting.current(user)
        if asked is not None and asked.what is Asks.SHARE_PART and asked.ref == draft.id:
            return _ask_part(user, draft, int(asked.tag or 0), now, again=True)
        if core.parts_of(draft):
            return _review(draft, again=True)
        return _ask_part(user, draft, 0, now, again=True)
    entry = await core.start_entry(session, user, plan_id, now)
    return _ask_part(user, entry, 0, now) if entry is not None else None


def _review(entry: ShareEntry, again: bool = False) -> Outcome:
    unsafe = any(safety.looks_unsafe(words) for _, words in core.parts_of(entry))
    return say(REVIEW, ref=entry.id, data=(entry, unsafe, again), below=True)


async def next_part(
    session: Session, user: User, entry_id: int, index: int, words: str | None, now: datetime
) -> Outcome | None:
    """Keep part `index` (None: skipped, which keeps what it said) and ask the next, or show
    the review after the last. None when the draft is not the person's (or sent already)."""
    if words is None:
        entry = await core.own_draft(session, user, entry_id)
        entry = entry if entry is not None and 0 <= index < len(core.PARTS) else None
    else:
        entry = await core.write_part(session, user, entry_id, index, words)
    if entry is None:
        return None
    if index + 1 < len(core.PARTS):
        return _ask_part(user, entry, index + 1, now)
    awaiting.close(user)
    return _review(entry) if core.parts_of(entry) else say(EMPTY, below=True)


async def _send(session: AsyncSession, user: User, entry_id: int, now: datetime) -> Outcome | None:
    partner = await pairing.partner_of(session, user)
    quiet = partner is not None and note_to(partner, now, RECEIVED, kind=KIND).silent
    sent = await core.send(session, user, entry_id, now, quiet=quiet)
    if sent is core.SendRefusal.EMPTY:
        return say(EMPTY, below=True)
    if sent is core.SendRefusal.UNPAIRED:
        return say(UNPAIRED, below=True)
    if not isinstance(sent, core.Sent) or partner is None:
        entry = await session.get(ShareEntry, entry_id)
        mine = entry is not None and entry.user_id == user.id and entry.sent_at is not None
        return Outcome(toast=DONE_ALREADY) if mine else None  # a second tap on "send"
    entry = await core.received(session, partner, sent.entry_id)
    log.info("share.sent user=%s entry=%s", user.id, sent.entry_id)
    relay = note_to(partner, now, RECEIVED, kind=KIND, data=entry, unsent=SEND_FAILED)
    return say(SENT, below=True).plus(relay)


async def _reply(
    session: AsyncSession, user: User, entry_id: int, response: str, now: datetime
) -> Outcome | None:
    result = await core.reply(session, user, entry_id, response, now)
    if result.status is core.ReplyStatus.ALREADY:
        return say(ANSWERED_ALREADY, below=True)
    if result.status is core.ReplyStatus.ASK_NOTE and result.reply_id is not None:
        awaiting.ask(user, Asked(Asks.SHARE_NOTE, ref=result.reply_id), now)
        return say(ASK_NOTE, ref=result.reply_id, below=True)
    return await _relay(session, result, None, now)


async def _relay(
    session: AsyncSession, result: core.Replied, note: str | None, now: datetime
) -> Outcome | None:
    if result.status is not core.ReplyStatus.RELAY or result.to_user_id is None:
        return None
    sharer = await session.get(User, result.to_user_id)
    if sharer is None:
        return None
    key = THANKS if result.response == "thanks" else TALK
    back = note_to(sharer, now, key, kind=KIND, words=note, unsent=ANSWER_FAILED)
    return say(ANSWERED, below=True).plus(back)


async def _note(
    session: Session, user: User, reply_id: int, words: Words | None, now: datetime, anyway: bool
) -> Outcome | None:
    """The note after "let's talk" (None: "no note"), or "send it anyway" for a held one."""
    awaiting.close(user, Asked(Asks.SHARE_NOTE, ref=reply_id))
    text, unsafe = (words.text, words.unsafe) if words is not None else (None, False)
    result = await core.talk_note(
        session, user, reply_id, text, now, unsafe=unsafe, send_anyway=anyway
    )
    if result.status is core.ReplyStatus.ALREADY:
        return say(ANSWERED_ALREADY, below=True)
    if result.status is core.ReplyStatus.HELD:
        return say(NOTE_HELD, ref=reply_id, held_back=True, saved=(KIND, reply_id))
    row = await core.reply_row(session, reply_id)
    outcome = await _relay(session, result, row.note if row is not None else None, now)
    if outcome is not None and words is not None:
        return Outcome(outcome.replies, outcome.notes, saved=(KIND, reply_id))
    return outcome


async def take_time(session: AsyncSession, user: User, words: Words) -> Outcome:
    """The time for a new plan (its rhythm is in the question). Words that are no time keep
    the question open; after words of danger (the crisis reply came first) nothing is added."""
    return spoken(await _take_time(session, user, words), user)


async def _take_time(session: AsyncSession, user: User, words: Words) -> Outcome:
    minute = rules.parse_time(words.text)
    if minute is None:
        return Outcome() if words.unsafe else say(BAD_TIME)
    plan = await core.set_up(session, user, words.asked.tag or "", minute, words.now)
    if plan is core.SetUpRefusal.IN_QUIET_HOURS:
        return say(IN_QUIET)
    awaiting.close(user)
    if plan is core.SetUpRefusal.UNPAIRED:
        return say(UNPAIRED)
    if not isinstance(plan, SharePlan):
        return say(GONE)
    return say(CONFIRM, data=(plan, user.timezone))


async def take_part(session: AsyncSession, user: User, words: Words) -> Outcome:
    """One part of the share being written (encrypted; the sharer reviews it before sending)."""
    index = int(words.asked.tag or 0)
    entry_id = words.asked.ref or 0
    outcome = await next_part(session, user, entry_id, index, words.text, words.now)
    if outcome is None:
        awaiting.close(user)
        return spoken(say(GONE), user)
    return spoken(Outcome(outcome.replies, saved=(KIND, entry_id)), user)


async def take_note(session: AsyncSession, user: User, words: Words) -> Outcome:
    """The receiver's note after "let's talk": relayed, or held when it reads like danger."""
    outcome = await _note(session, user, words.asked.ref or 0, words, words.now, False)
    return spoken(outcome if outcome is not None else say(GONE), user)
