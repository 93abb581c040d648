"""/export, /delete and /unlink (use cases): a person's data is theirs to take and to erase,
and a pairing is theirs to end.

Each returns an `Outcome`. The former partner learns only that the pairing ended
(`core.notices.pairing_ended`: silent in their quiet hours, the same rule as a retention
erasure), and after a /delete that a path walked together is now theirs to carry on alone.
Buttons (`delete:`, `unlink:`) name nothing but the presser's own data, or the couple they are
in: an old unlink button never ends a later pairing.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core import notices, pairing, path_erase, people, rights
from core.actions import Press
from core.outcome import Note, Outcome, note_to, say
from db.models import User

log = logging.getLogger(__name__)

EXPORTED = "rights.exported"  # data: the export (a dict, as core.rights.export_person makes it)
NOTHING_STORED = "rights.nothing_stored"  # /export: nothing about this person is stored
DELETE_ASK = "rights.delete_ask"
DELETE_KEPT = "rights.delete_kept"
DELETED = "rights.deleted"
NOTHING_TO_DELETE = "rights.nothing_to_delete"
NEEDS_CONSENT = "rights.needs_consent"
NOT_PAIRED = "rights.not_paired"
UNLINK_ASK = "rights.unlink_ask"  # data: the couple id (on the yes button)
UNLINK_KEPT = "rights.unlink_kept"
UNLINKED = "rights.unlinked"
UNLINK_STALE = "rights.unlink_stale"  # the button names a pairing the presser is not in


async def export(session: AsyncSession, user_id: int, now: datetime) -> Outcome:
    """Everything stored about the person (their partner's data never), or NOTHING_STORED:
    never set up, or erased by /delete (nothing is kept to tell the two apart)."""
    user = await people.get(session, user_id)
    if user is None:
        return say(NOTHING_STORED)
    return say(EXPORTED, data=await rights.export_person(session, user, now))


def ask_delete() -> Outcome:
    """/delete: ask before erasing anything."""
    return say(DELETE_ASK)


async def press_delete(
    session: AsyncSession, user_id: int, pressed: Press, now: datetime
) -> Outcome:
    """`delete:yes` erases the presser (only ever themselves) and tells a former partner that
    the pairing ended; `delete:no` changes nothing."""
    if pressed.verb == "no":
        return say(DELETE_KEPT)
    erased = await rights.erase_person(session, user_id, now)
    if erased is None:
        return say(NOTHING_TO_DELETE)
    log.info("rights.erased user=%s", user_id)
    if erased.former_partner_id is None:
        return say(DELETED)
    told = say(DELETED).plus(await notices.pairing_ended(session, erased.former_partner_id, now))
    return told.plus(*await _paths_kept(session, erased, now))


async def _paths_kept(session: AsyncSession, erased: rights.Erased, now: datetime) -> list[Note]:
    """A path walked together is now the other's alone, paused where it was: they are told
    (gently; quiet hours as for any partner message) that they can carry on or leave it."""
    notes = []
    for kept in erased.paths_kept:
        keeper = await session.get(User, kept.keeper_id)
        if keeper is not None:
            notes.append(note_to(keeper, now, path_erase.ALONE, kind="path", data=kept))
    return notes


async def ask_unlink(session: AsyncSession, user_id: int) -> Outcome:
    """/unlink: ask before ending the pairing (the couple id goes on the yes button)."""
    user = await people.get(session, user_id)
    if user is None:
        return say(NEEDS_CONSENT)
    if user.couple_id is None:
        return say(NOT_PAIRED)
    return say(UNLINK_ASK, data=user.couple_id)


async def press_unlink(
    session: AsyncSession, user_id: int, pressed: Press, now: datetime
) -> Outcome:
    """`unlink:yes:<couple>` ends that pairing if the presser is still in it (the partner is
    told it ended, nothing more); an earlier pairing's button changes nothing."""
    if pressed.verb == "no":
        return say(UNLINK_KEPT)
    user = await people.get(session, user_id)
    ended = await pairing.unlink(session, user, pressed.number(), now) if user else None
    if ended is None:
        log.info("pairing.unlink_refused user=%s", user_id)
        return say(UNLINK_STALE)
    log.info("pairing.ended couple=%s by=%s", ended.couple_id, user_id)
    if ended.partner_id is None:
        return say(UNLINKED)
    return say(UNLINKED).plus(await notices.pairing_ended(session, ended.partner_id, now))
