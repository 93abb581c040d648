"""Notices one person's action causes for another (a pairing asked for, made or ended).

The quiet-hours rule is the one in core.outcome (`silent_for`): inside the reader's quiet hours
the notice arrives without a sound. It is read in the same transaction as the action, so the
handler (or the retention pass) needs no second one to find out.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core import people
from core.languages import ENGLISH
from core.outcome import Note, note_to

PAIRING_ENDED = "notice.pairing_ended"  # /unlink, /delete, a retention erasure, a turn-away
PAIRED = "notice.paired"
JOIN_REQUEST = "notice.join_request"


async def notice_for(
    session: AsyncSession, person_id: int, now: datetime, say: str, *, kind: str
) -> Note:
    """A notice for `person_id` caused by someone else: silent in their quiet hours (a person
    who is gone gets a plain note; sending to them fails quietly, as before)."""
    reader = await people.get(session, person_id)
    if reader is None:
        return Note(to=person_id, say=say, kind=kind, language=ENGLISH)  # nobody to ask
    return note_to(reader, now, say, kind=kind)


async def pairing_ended(session: AsyncSession, person_id: int, now: datetime) -> Note:
    """ "The pairing ended", in the words an ended pairing always uses."""
    return await notice_for(session, person_id, now, PAIRING_ENDED, kind="unlinked")
