"""The partner's side of a boundary: acknowledge, ask to talk, a note; and the owner's typed
words (a new boundary, new wording, a consequence) as use cases."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from core import awaiting, boundaries
from core import boundary_act as ba
from core.awaiting import Asked, Asks
from core.boundaries import Answered, Status
from core.boundary_act import Act, Card
from core.languages import known
from core.outcome import Note, Outcome
from db.models import Boundary, User

if TYPE_CHECKING:
    from core.words import Words

log = logging.getLogger(__name__)


async def respond(act: Act, boundary_id: int, version: int, verb: str) -> None:
    """The partner's "I acknowledge it" or "Let's talk about it" (on the version they saw)."""
    session, user = act.session, act.user
    boundary = await session.get(Boundary, boundary_id)
    if boundary is None:
        act.refuse(boundary_id, verb)
        return
    wanted = Status.ACKNOWLEDGED if verb == "ack" else Status.TALK
    result, _ = await boundaries.respond(session, boundary, user, version, wanted, act.now)
    if result == Answered.UNKNOWN:
        act.refuse(boundary_id, verb)
    elif result == Answered.CHANGED:
        act.card(boundary, "VERSION_CHANGED", below=True)
    elif result == Answered.ALREADY:
        act.card(boundary, "ALREADY_ACKNOWLEDGED" if verb == "ack" else "ALREADY_TALK")
    else:
        log.info("boundary.answered user=%s boundary=%s response=%s", user.id, boundary.id, wanted)
        owner_card = await _owner_card(session, boundary)
        if verb == "ack":
            awaiting.close(user, Asked(Asks.BOUNDARY_NOTE, ref=boundary.id))
            act.card(boundary, "ACKNOWLEDGED")
            notice = ("OWNER_ACKNOWLEDGED", 200)
        else:
            awaiting.ask(user, Asked(Asks.BOUNDARY_NOTE, ref=boundary.id), act.now)
            act.card(boundary)
            act.show(ba.ASK_NOTE, data=boundary, below=True)
            notice = ("OWNER_TALK", 200)
        await act.tell_partner(ba.NOTICE, words=boundary.statement, data=notice)
        if owner_card is not None:  # after the news, the card above catches up quietly
            act.notes.append(owner_card)


async def _owner_card(session: AsyncSession, boundary: Boundary) -> Note | None:
    """An update of the owner's last card of this boundary to its new status."""
    owner = await session.get(User, boundary.owner_id)
    if owner is None or boundary.owner_card_message_id is None:
        return None
    card = Card(boundary, owner.id, owner.couple_id is not None, owner.timezone)
    return Note(
        owner.id,
        ba.OWNER_CARD,
        "boundary_card",
        data=card,
        edits=boundary.owner_card_message_id,
        language=known(owner.language),
    )


async def take_words(session: AsyncSession, user: User, words: Words) -> Outcome:
    """A boundary's wording, its consequence, or a note for the partner (held back when it
    reads like danger; the writer may send it anyway)."""
    awaiting.close(user)
    act = Act(session, user, words.now)
    asked = words.asked
    if asked.what is Asks.BOUNDARY_NEW:
        await _add(act, asked.tag or "", words.text)
    elif asked.what is Asks.BOUNDARY_NOTE:
        await _note(act, asked.ref or 0, words)
    else:
        await _revise(act, asked, words)
    return act.outcome()


async def _add(act: Act, area: str, text: str) -> None:
    count = await boundaries.count_of(act.session, act.user)
    if count >= boundaries.MAX_ACTIVE:
        act.show("boundary.too_many", data={"count": count})
    elif boundaries.guide().category(area) is None:
        act.show(ba.UNKNOWN)
    else:
        added = await boundaries.add(act.session, act.user, area, text, act.now)
        act.saved = ("boundary", added.id)
        log.info("boundary.added user=%s boundary=%s", act.user.id, added.id)
        act.show(ba.AFTER_ADD, data=(added, boundaries.offer_reframing(text, area)))


async def _note(act: Act, boundary_id: int, words: Words) -> None:
    theirs = await boundaries.visible(act.session, act.user, boundary_id)
    response = await boundaries.talk_response(act.session, theirs, act.user) if theirs else None
    if theirs is None or response is None:
        act.show(ba.UNKNOWN)
        return
    response.note = words.text[: boundaries.MAX_NOTE]
    act.saved = ("boundary_note", response.id)
    if words.unsafe:
        act.show(ba.NOTE_HELD, data=response)
        return
    response.relayed_at = act.now
    act.show("boundary.note_sent")
    await act.tell_partner(ba.OWNER_NOTE, data=(theirs.statement, response.note))


async def _revise(act: Act, asked: Asked, words: Words) -> None:
    boundary = await boundaries.owned(act.session, act.user, asked.ref or 0)
    if boundary is None or boundary.retired_at is not None:
        act.show(ba.UNKNOWN)
        return
    act.saved = ("boundary", boundary.id)
    if asked.what is Asks.BOUNDARY_EDIT:
        ask = await boundaries.revise(act.session, boundary, act.now, statement=words.text)
    else:
        ask = await boundaries.revise(act.session, boundary, act.now, consequence=words.text)
    log.info(
        "boundary.revised user=%s boundary=%s v=%s", act.user.id, boundary.id, boundary.version
    )
    if ask and words.unsafe:
        # Not sent, and no longer shown to the partner: sharing it again is the owner's choice.
        boundaries.hold_back(boundary)
        log.info("boundary.change_held user=%s boundary=%s", act.user.id, boundary.id)
        act.card(boundary, "CHANGE_HELD")
        return
    act.card(boundary, "CHANGED_ASKED" if ask else "CHANGED")
    if ask:
        await act.send_to_partner(boundary, updated=True)
