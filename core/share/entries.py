"""One share: started by the sharer, written part by part (any part may be skipped), sent once
to their partner, and read only by that partner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from core import pairing
from core.share.plan import own_plan
from db.models import ShareEntry, User

PARTS = ("feelings", "appreciation", "need", "responsibility", "care")
MAX_TEXT = 600  # per part: five parts and their titles stay well under Telegram's 4,096


async def start_entry(
    session: AsyncSession, user: User, plan_id: int | None, now: datetime
) -> ShareEntry | None:
    """A new, unsent share by the sharer (from their invitation, or /share any time). With a
    `plan_id` it must be their own plan: the receiver cannot start one. None when refused or
    unpaired."""
    if plan_id is not None and await own_plan(session, user, plan_id) is None:
        return None
    if user.couple_id is None:
        return None
    entry = ShareEntry(user_id=user.id, created_at=now)
    session.add(entry)
    await session.flush()
    return entry


async def own_draft(session: AsyncSession, user: User, entry_id: int) -> ShareEntry | None:
    """The sharer's own unsent share `entry_id` (None for anyone else's, or once sent)."""
    entry = await session.get(ShareEntry, entry_id)
    if entry is None or entry.user_id != user.id or entry.sent_at is not None:
        return None
    return entry


async def write_part(
    session: AsyncSession, user: User, entry_id: int, index: int, words: str | None
) -> ShareEntry | None:
    """Part `index` (0-4, PARTS order) of the sharer's unsent share; None skips it. None if the
    draft is not theirs or the index is out of range."""
    entry = await own_draft(session, user, entry_id)
    if entry is None or not 0 <= index < len(PARTS):
        return None
    setattr(entry, PARTS[index], words.strip() if words and words.strip() else None)
    return entry


def parts_of(entry: ShareEntry) -> list[tuple[str, str]]:
    """The written parts as (part id, words), in order; skipped ones left out."""
    return [(part, words) for part in PARTS if (words := getattr(entry, part))]


@dataclass(frozen=True)
class Sent:
    """A share went to `to_user_id`; `silent` during their quiet hours."""

    entry_id: int
    to_user_id: int
    silent: bool


class SendRefusal(StrEnum):
    """Why a share was not sent."""

    NOT_YOURS = "not_yours"  # or sent already, or no such share
    EMPTY = "empty"
    UNPAIRED = "unpaired"


async def send(
    session: AsyncSession, user: User, entry_id: int, now: datetime, *, quiet: bool
) -> Sent | SendRefusal:
    """The sharer confirms: the share goes to their current partner (silently if `quiet`,
    their quiet hours). Only the sharer can send it, once."""
    entry = await own_draft(session, user, entry_id)
    if entry is None:
        return SendRefusal.NOT_YOURS
    if not parts_of(entry):
        return SendRefusal.EMPTY
    partner = await pairing.partner_of(session, user)
    if partner is None:
        return SendRefusal.UNPAIRED
    entry.to_user_id, entry.sent_at = partner.id, now
    return Sent(entry.id, partner.id, quiet)


async def received(session: AsyncSession, reader: User, entry_id: int) -> ShareEntry | None:
    """A sent share that reached `reader` (their partner's words; None for anyone else)."""
    entry = await session.get(ShareEntry, entry_id)
    if entry is None or entry.sent_at is None or entry.to_user_id != reader.id:
        return None
    if reader.couple_id is None or (await pairing.partner_of(session, reader)) is None:
        return None
    return entry
