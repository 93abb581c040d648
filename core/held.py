"""Words written when no question was open: held briefly, so one tap can keep them.

Someone in pain may write to the bot at any moment. Nothing is asked of them then, so their
words are held (encrypted, keyed to them, never logged) for HOLD_FOR, long enough to tap "keep
it in my journal"; once they choose, or after HOLD_FOR, the words are gone (the hourly retention
pass deletes the rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core import journal
from db.models import HeldMessage, JournalEntry, User

HOLD_FOR = timedelta(hours=1)
# A handful of recent messages per person is plenty to choose from; older ones go first.
MAX_HELD = 10
# Words that come this soon after an offer the person has not answered join its hold: someone
# writing several lines in a row gets one offer, and one "keep" keeps them all.
JOIN_WITHIN = timedelta(minutes=5)


async def hold(session: AsyncSession, user: User, text: str, now: datetime) -> HeldMessage:
    """Hold `text` for `user` until `now + HOLD_FOR` (cut to the journal's limit). Returns the
    new hold (its id goes on the buttons); the person's oldest holds beyond MAX_HELD go."""
    held = HeldMessage(user_id=user.id, created_at=now, text=text[: journal.MAX_TEXT])
    session.add(held)
    await session.flush()
    newest = (
        select(HeldMessage.id)
        .where(HeldMessage.user_id == user.id)
        .order_by(HeldMessage.id.desc())
        .limit(MAX_HELD)
    )
    await session.execute(
        delete(HeldMessage).where(
            HeldMessage.user_id == user.id, HeldMessage.id.not_in(newest.scalar_subquery())
        )
    )
    return held


class Outcome(StrEnum):
    """What became of a tap on a hold's button."""

    KEPT = "kept"  # saved to the journal
    LET_GO = "let_go"  # forgotten, as asked
    HANDLED = "handled"  # another tap already kept it or let it go
    EXPIRED = "expired"  # held too long ago (or never this person's): nothing left


@dataclass(frozen=True)
class Taken:
    """The result of `keep` or `let_go`: the outcome and, when kept, the journal entry."""

    outcome: Outcome
    entry: JournalEntry | None = None


def _fresh(user_id: int, held_id: int, now: datetime) -> ColumnElement[bool]:
    return and_(
        HeldMessage.id == held_id,
        HeldMessage.user_id == user_id,
        HeldMessage.created_at > now - HOLD_FOR,
    )


async def _take(session: AsyncSession, user_id: int, held_id: int, now: datetime) -> str | Outcome:
    """Claim the held words (clearing them) if they are this person's and fresh. The claim is a
    conditional UPDATE, so of two taps at once exactly one gets the words."""
    # An ORM load, so the words are opened with the person's data key (db.envelope).
    found = (
        await session.execute(select(HeldMessage).where(_fresh(user_id, held_id, now)))
    ).scalar_one_or_none()
    if found is None:
        return Outcome.EXPIRED
    if found.text is None:
        return Outcome.HANDLED
    text = str(found.text)
    claimed = await session.execute(
        update(HeldMessage)
        .where(_fresh(user_id, held_id, now), HeldMessage.text.is_not(None))
        .values(text=None)
        .returning(HeldMessage.id)
    )
    if claimed.scalar_one_or_none() is None:
        return Outcome.HANDLED
    return text


async def keep(session: AsyncSession, user: User, held_id: int, now: datetime) -> Taken:
    """Move the held words into the person's journal, dated now (within HOLD_FOR of writing).
    HANDLED or EXPIRED when there is nothing to keep any more."""
    text = await _take(session, user.id, held_id, now)
    if isinstance(text, Outcome):
        return Taken(text)
    return Taken(Outcome.KEPT, await journal.write(session, user, text, now))


async def let_go(session: AsyncSession, user: User, held_id: int, now: datetime) -> Taken:
    """Forget the held words now, as the person asked."""
    text = await _take(session, user.id, held_id, now)
    return Taken(text if isinstance(text, Outcome) else Outcome.LET_GO)


async def join(session: AsyncSession, user: User, text: str, now: datetime) -> HeldMessage | None:
    """Add `text` (on a new paragraph) to the person's newest hold, if it was made less than
    JOIN_WITHIN ago, still waits for their choice, and has room for it (the journal's limit).
    Returns that hold, or None: then `hold` the words on their own."""
    # An ORM load, so the words are opened and sealed again with the person's data key.
    newest = (
        await session.execute(
            select(HeldMessage)
            .where(
                HeldMessage.user_id == user.id,
                HeldMessage.created_at > now - JOIN_WITHIN,
                HeldMessage.text.is_not(None),
            )
            .order_by(HeldMessage.id.desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    if newest is None or newest.text is None:
        return None
    joined = f"{newest.text}\n\n{text}"
    if len(joined) > journal.MAX_TEXT:
        return None
    newest.text = joined
    return newest


async def is_held(session: AsyncSession, user: User, held_id: int, now: datetime) -> bool:
    """Whether this hold still has words waiting for the person's choice."""
    found = await session.execute(
        select(HeldMessage.id).where(_fresh(user.id, held_id, now), HeldMessage.text.is_not(None))
    )
    return found.scalar_one_or_none() is not None


async def prune(session: AsyncSession, now: datetime) -> int:
    """Delete every hold older than HOLD_FOR; returns how many went (for the retention pass)."""
    found = await session.execute(
        delete(HeldMessage)
        .where(HeldMessage.created_at <= now - HOLD_FOR)
        .returning(HeldMessage.id)
    )
    return len(found.all())
