"""The private journal: entries only their writer ever sees."""

from __future__ import annotations

import logging
import random
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from content import library, translations
from core import awaiting
from core.awaiting import Asked, Asks
from core.outcome import Outcome, say
from db.models import JournalEntry, User

if TYPE_CHECKING:
    from core.words import Words

log = logging.getLogger(__name__)

MAX_TEXT = 4000
LIST_SIZE = 10


def prompt_for(user: User, rng: random.Random, prefer: str | None = None) -> library.Item:
    """A reflection prompt that suits the person (from `prefer`'s section first: the stage
    their path is at)."""
    candidates = library.pool("journal", [user.role])
    preferred = [item for item in candidates if item.section == prefer]
    return rng.choice(preferred or candidates)


async def write(
    session: AsyncSession, user: User, text: str, now: datetime, prompt_id: str | None = None
) -> JournalEntry:
    """Save one entry."""
    entry = JournalEntry(user_id=user.id, created_at=now, text=text[:MAX_TEXT], prompt_id=prompt_id)
    session.add(entry)
    await session.flush()
    return entry


async def recent(session: AsyncSession, user_id: int) -> tuple[list[JournalEntry], int]:
    """The newest entries and how many there are in all."""
    rows = await session.execute(
        select(JournalEntry)
        .where(JournalEntry.user_id == user_id)
        .order_by(JournalEntry.created_at.desc(), JournalEntry.id.desc())
        .limit(LIST_SIZE)
    )
    total = await session.execute(
        select(func.count()).select_from(JournalEntry).where(JournalEntry.user_id == user_id)
    )
    return list(rows.scalars()), int(total.scalar_one())


# -- use cases (bot.handlers.journal words them) -----------------------------------------------

SAVED = "journal.saved"
ASK = "journal.ask"  # data: the library prompt, or None
LISTING = "journal.list"  # data: (entries, total, zone)
CANCELLED = "journal.cancelled"
NOTHING_TO_CANCEL = "journal.nothing_to_cancel"


async def take_entry(session: AsyncSession, user: User, words: Words) -> Outcome:
    """Save typed words as an entry (answering the open journal prompt, if any). Private to
    the writer whatever they say: nothing goes to the partner."""
    asked = awaiting.current(user)
    prompt_id = None
    if asked is not None and asked.what is Asks.JOURNAL:
        prompt_id = asked.tag
        awaiting.close(user)
    entry = await write(session, user, words.text, words.now, prompt_id)
    log.info("journal.saved user=%s entry=%s", user.id, entry.id)
    return say(SAVED, saved=("journal", entry.id))


def ask_entry(user: User, now: datetime, item: library.Item | None = None) -> Outcome:
    """`/journal` alone or "give me a prompt": the next message is the entry (the prompt, if
    any, in the person's language)."""
    awaiting.ask(user, Asked(Asks.JOURNAL, tag=item.id if item else None), now)
    return say(ASK, data=translations.localized(item, user.language) if item else None)


async def listing(session: AsyncSession, user: User) -> Outcome:
    """`/journal list`: the newest entries, for the writer's eyes."""
    entries, total = await recent(session, user.id)
    return say(LISTING, data=(entries, total, user.timezone))


def cancel(user: User) -> Outcome:
    """`/cancel`: stop waiting for words (the time zone question of setting up stays)."""
    asked = awaiting.current(user)
    if user.awaiting is None or (asked is not None and asked.what is Asks.TIMEZONE):
        return say(NOTHING_TO_CANCEL)
    awaiting.close(user)
    return say(CANCELLED)
