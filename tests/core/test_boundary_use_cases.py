"""Boundary use cases: only the owner changes a boundary, danger words are held back from the
partner until a second tap, notes to the partner follow the quiet-hours rule."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import actions, boundaries, boundary_flow, words
from core import boundary_act as ba
from core.awaiting import Asks
from core.boundary_act import Act
from core.boundary_answers import take_words
from core.outcome import Outcome
from db.models import User
from tests.core.conftest import ALICE, BOB, NIGHT, NOON

Sessions = async_sessionmaker[AsyncSession]
DANGER = "If you do that again I will kill myself"

# As bot.handlers.boundaries.register does in the running bot.
words.register(Asks.BOUNDARY_NEW, boundaries.MAX_STATEMENT, take_words)
words.register(Asks.BOUNDARY_EDIT, boundaries.MAX_STATEMENT, take_words)
words.register(Asks.BOUNDARY_NOTE, boundaries.MAX_NOTE, take_words)


async def tap(sessions: Sessions, user_id: int, data: str, at: datetime = NOON) -> Outcome:
    pressed = actions.decode(data, "bd")
    assert pressed is not None
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        assert user is not None
        act = Act(session, user, at)
        await boundary_flow.press(act, pressed)
        return act.outcome()


async def write(sessions: Sessions, user_id: int, text: str, at: datetime = NOON) -> Outcome:
    return await words.take(sessions.begin, user_id, text, at)


async def new_boundary(sessions: Sessions, text: str) -> int:
    area = boundaries.guide().categories[0].id
    await tap(sessions, ALICE, f"bd:cat:{area}")
    added = await write(sessions, ALICE, text)
    assert added.saved is not None and added.say == ba.AFTER_ADD
    return added.saved[1]


async def test_only_the_owner_may_change_a_boundary(couple: Sessions) -> None:
    boundary_id = await new_boundary(couple, "I need us to talk before big purchases")
    for verb in ("share", "edit", "retire", "rtok"):
        refused = await tap(couple, BOB, f"bd:{verb}:{boundary_id}")
        assert refused.say == ba.UNKNOWN and not refused.notes


async def test_sharing_tells_the_partner_silently_at_night(couple: Sessions) -> None:
    boundary_id = await new_boundary(couple, "I need us to talk before big purchases")
    shared = await tap(couple, ALICE, f"bd:share:{boundary_id}", at=NIGHT)
    (note,) = shared.notes
    assert (note.to, note.say, note.silent, note.gated) == (BOB, ba.FOR_PARTNER, True, True)


async def test_danger_words_are_shared_only_on_a_second_tap(couple: Sessions) -> None:
    boundary_id = await new_boundary(couple, DANGER)
    held = await tap(couple, ALICE, f"bd:share:{boundary_id}")
    assert held.say == ba.SHARE_HELD and not held.notes
    anyway = await tap(couple, ALICE, f"bd:shareany:{boundary_id}")
    assert [n.to for n in anyway.notes] == [BOB]


async def test_an_unknown_area_is_answered_like_a_stale_button(couple: Sessions) -> None:
    outcome = await tap(couple, ALICE, "bd:cat:nonsense")
    assert outcome.toast == "stale" and not outcome.replies
