"""Lines written one after another with no question open: one offer, one hold, one "keep"."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import actions, held, journal, unprompted_flow, words
from core.outcome import Outcome
from db.models import JournalEntry
from tests.core.conftest import ALICE, NOON, person

Sessions = async_sessionmaker[AsyncSession]


async def type_(sessions: Sessions, text: str, at=NOON) -> Outcome:
    return await words.take(sessions.begin, ALICE, text, at)


async def tap(sessions: Sessions, verb: str, held_id: int | None, at=NOON) -> Outcome:
    pressed = actions.decode(f"un:{verb}:{held_id}", "un")
    assert pressed is not None
    async with sessions.begin() as session:
        return await unprompted_flow.press(session, ALICE, pressed, at)


async def test_lines_in_a_row_join_one_offer_and_one_keep_keeps_them_all(sessions: Sessions):
    await person(sessions, ALICE)
    first = await type_(sessions, "I found the messages again today")
    second = await type_(sessions, "I can't stop shaking", NOON + timedelta(minutes=1))
    third = await type_(sessions, "It's late", NOON + timedelta(minutes=4))
    assert first.say == words.UNPROMPTED
    assert (second.say, third.say) == (words.JOINED, words.JOINED)
    held_id = first.replies[0].ref
    assert second.replies[0].ref == third.replies[0].ref == held_id
    kept = await tap(sessions, "keep", held_id, NOON + timedelta(minutes=5))
    assert kept.say == unprompted_flow.KEPT
    async with sessions() as session:
        entry = (await session.execute(select(JournalEntry))).scalar_one()
        assert entry.text == (
            "I found the messages again today\n\nI can't stop shaking\n\nIt's late"
        )
    after = await type_(sessions, "Thank you", NOON + timedelta(minutes=6))
    assert after.say == words.UNPROMPTED  # the offer was answered: a new one
    assert after.replies[0].ref != held_id


async def test_a_new_offer_after_a_pause_a_let_go_or_a_full_hold(sessions: Sessions):
    await person(sessions, ALICE)
    first = await type_(sessions, "one")
    late = NOON + held.JOIN_WITHIN + timedelta(seconds=1)
    again = await type_(sessions, "two", late)
    assert again.say == words.UNPROMPTED and again.replies[0].ref != first.replies[0].ref
    dropped = await tap(sessions, "drop", again.replies[0].ref, late)
    assert dropped.say == unprompted_flow.LET_GO
    after_drop = await type_(sessions, "three", late)
    assert after_drop.say == words.UNPROMPTED
    full = await type_(sessions, "x" * (journal.MAX_TEXT - 3), late)  # no room left beside it
    assert full.say == words.UNPROMPTED and full.replies[0].ref != after_drop.replies[0].ref
