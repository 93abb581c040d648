"""Appreciations: after a reveal, each partner may send the other one note, relayed by name."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from core import awaiting, pairing
from core.awaiting import Asked, Asks
from core.outcome import Outcome, note_to, say
from db.models import Appreciation, CheckinRound, User

if TYPE_CHECKING:
    from core.words import Words

log = logging.getLogger(__name__)

MAX_TEXT = 1000


async def sent(session: AsyncSession, round_id: int, user_id: int) -> bool:
    """Whether this person already sent (or wrote and held back) one for this round."""
    found = await session.execute(
        select(Appreciation.id).where(
            Appreciation.round_id == round_id, Appreciation.from_user_id == user_id
        )
    )
    return found.first() is not None


async def may_send(session: AsyncSession, user: User, round_id: int) -> CheckinRound | None:
    """The round if it is this couple's, revealed, and the person has not sent one yet."""
    round_ = await session.get(CheckinRound, round_id)
    if (
        round_ is None
        or round_.couple_id is None
        or round_.couple_id != user.couple_id
        or round_.revealed_at is None
    ):
        return None
    return round_


async def record(
    session: AsyncSession, round_id: int, sender: User, recipient: User, text: str, now: datetime
) -> Appreciation | None:
    """Store it (None if one was already stored for this round: a double send)."""
    note = Appreciation(
        round_id=round_id,
        from_user_id=sender.id,
        to_user_id=recipient.id,
        created_at=now,
        text=text[:MAX_TEXT],
    )
    try:
        async with session.begin_nested():
            session.add(note)
    except IntegrityError:
        return None
    return note


async def held(session: AsyncSession, note_id: int, user: User) -> Appreciation | None:
    """One of this person's notes that was held back (not relayed yet)."""
    note = await session.get(Appreciation, note_id)
    if note is None or note.from_user_id != user.id or note.relayed_at is not None:
        return None
    return note


# -- use cases (bot.handlers.appreciate words them) --------------------------------------------

NOT_NOW = "appreciation.not_now"
ONCE = "appreciation.once"
ASK = "appreciation.ask"
HELD = "appreciation.held"  # ref: the note, for "send it anyway"
SENT = "appreciation.sent"
FAILED = "appreciation.failed"
UNKNOWN = "appreciation.unknown"
RELAY = "appreciation.relay"  # the note to the partner; words: the appreciation


async def start(session: AsyncSession, user: User, round_id: int, now: datetime) -> Outcome:
    """ "Send an appreciation" under a reveal: ask for the words (once per round)."""
    if await may_send(session, user, round_id) is None:
        return say(NOT_NOW)
    if await sent(session, round_id, user.id):
        return say(ONCE)
    awaiting.ask(user, Asked(Asks.APPRECIATION, ref=round_id), now)
    return say(ASK)


async def take_note(session: AsyncSession, user: User, words: Words) -> Outcome:
    """The typed appreciation: stored, then relayed after the commit, or held back when it
    reads like danger (the writer may send it anyway)."""
    awaiting.close(user)
    round_ = await may_send(session, user, words.asked.ref or 0)
    partner = await pairing.partner_of(session, user)
    if round_ is None or partner is None:
        return say(NOT_NOW)
    note = await record(session, round_.id, user, partner, words.text, words.now)
    if note is None:
        return say(ONCE)
    if words.unsafe:
        return say(HELD, ref=note.id, saved=("appreciation", note.id), held_back=True)
    note.relayed_at = words.now
    log.info("appreciation.relayed user=%s note=%s", user.id, note.id)
    relay = note_to(partner, words.now, RELAY, kind="appreciation", words=note.text, unsent=FAILED)
    return say(SENT, saved=("appreciation", note.id)).plus(relay)


async def send_anyway(session: AsyncSession, user: User, note_id: int, now: datetime) -> Outcome:
    """ "Send it anyway" for a held-back appreciation: only the writer's own, only once."""
    note = await held(session, note_id, user)
    partner = await pairing.partner_of(session, user)
    if note is None or partner is None or partner.id != note.to_user_id:
        return say(UNKNOWN)
    note.relayed_at = now
    relay = note_to(partner, now, RELAY, kind="appreciation", words=note.text, unsent=FAILED)
    return say(SENT).plus(relay)
