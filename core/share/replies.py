"""The receiver's answer to a share: "thanks" (relayed at once) or "let's talk" with a note,
held back while it reads like danger until the writer chooses to send it anyway."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.share.entries import received
from db.models import ShareReply, User


class ReplyStatus(StrEnum):
    """What became of the receiver's answer."""

    RELAY = "relay"  # tell the sharer now
    HELD = "held"  # the note read like danger: held until the writer taps "send anyway"
    ASK_NOTE = "ask_note"  # "let's talk": a note may follow (or skip)
    ALREADY = "already"
    REFUSED = "refused"


@dataclass(frozen=True)
class Replied:
    """The receiver's answer: which, to whom, and the reply row (for "send anyway")."""

    status: ReplyStatus
    response: str | None = None
    to_user_id: int | None = None
    reply_id: int | None = None


async def reply(
    session: AsyncSession, reader: User, entry_id: int, response: str, now: datetime
) -> Replied:
    """ "thanks" (relayed at once) or "talk" (recorded; the note comes next, or a skip). Once
    per share; only its receiver may answer."""
    entry = await received(session, reader, entry_id)
    if entry is None or response not in ("thanks", "talk"):
        return Replied(ReplyStatus.REFUSED)
    found = await session.execute(
        select(ShareReply).where(ShareReply.entry_id == entry.id, ShareReply.user_id == reader.id)
    )
    if found.scalar_one_or_none() is not None:
        return Replied(ReplyStatus.ALREADY)
    row = ShareReply(entry_id=entry.id, user_id=reader.id, response=response, created_at=now)
    session.add(row)
    await session.flush()
    if response == "thanks":
        row.relayed_at = now
        return Replied(ReplyStatus.RELAY, response, entry.user_id, row.id)
    return Replied(ReplyStatus.ASK_NOTE, response, entry.user_id, row.id)


async def talk_note(
    session: AsyncSession,
    reader: User,
    reply_id: int,
    note: str | None,
    now: datetime,
    *,
    unsafe: bool = False,
    send_anyway: bool = False,
) -> Replied:
    """The note after "let's talk" (None: skipped). Relayed with the note, unless it reads like
    danger (`unsafe`) and the writer has not chosen `send_anyway`: then HELD. Only once, and
    only by the reply's writer while still paired with the sharer."""
    row = await session.get(ShareReply, reply_id)
    if row is None or row.user_id != reader.id or row.response != "talk":
        return Replied(ReplyStatus.REFUSED)
    entry = await received(session, reader, row.entry_id)
    if entry is None:
        return Replied(ReplyStatus.REFUSED)
    if row.relayed_at is not None:
        return Replied(ReplyStatus.ALREADY)
    if not send_anyway:
        row.note = note.strip() if note and note.strip() else None
    if unsafe and not send_anyway:
        return Replied(ReplyStatus.HELD, "talk", entry.user_id, row.id)
    row.relayed_at = now
    return Replied(ReplyStatus.RELAY, "talk", entry.user_id, row.id)


async def reply_row(session: AsyncSession, reply_id: int) -> ShareReply | None:
    """One answer row by id (for the words of a note being relayed)."""
    return await session.get(ShareReply, reply_id)
