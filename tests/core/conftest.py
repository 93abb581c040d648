"""Use-case tests: a real, migrated database (SQLite and PostgreSQL), a manual clock, no
Telegram. The bot's flow modules are imported once so their use cases are registered with the
free-text pipeline exactly as in the running bot."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import appreciations, checkins, journal, pairing, people, setup_flow, words
from core.appreciations import take_note
from core.awaiting import Asks
from core.checkin_flow import take_answer
from db import migrate
from db.models import CheckinRound, User
from db.session import create_engine, create_sessionmaker
from db.types import install_keyring
from tests.conftest import TEST_KEY

# 12:00 UTC: 13:00 in Berlin, outside the default quiet hours (22:00-08:00).
NOON = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
NIGHT = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)  # 00:30 in Berlin: quiet hours
ALICE, BOB = 1001, 1002

words.register(Asks.JOURNAL, journal.MAX_TEXT, journal.take_entry)
words.register(Asks.APPRECIATION, appreciations.MAX_TEXT, take_note)
words.register(Asks.CHECKIN, checkins.MAX_TEXT, take_answer)
words.register(Asks.TIMEZONE, setup_flow.MAX_ZONE_TEXT, setup_flow.take_zone)


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A freshly migrated database."""
    install_keyring([TEST_KEY])
    engine = create_engine(database_url)
    await migrate.upgrade(engine)
    yield create_sessionmaker(engine)
    await engine.dispose()


async def person(sessions: async_sessionmaker[AsyncSession], user_id: int) -> None:
    """A consented, set-up person in Berlin."""
    async with sessions.begin() as session:
        user, _ = await people.give_consent(session, user_id, NOON)
        people.set_role(user, people.Role.HURT)
        people.set_timezone(user, "Europe/Berlin")


@pytest.fixture
async def couple(sessions: async_sessionmaker[AsyncSession]) -> async_sessionmaker[AsyncSession]:
    """Alice and Bob, set up and paired."""
    await person(sessions, ALICE)
    await person(sessions, BOB)
    async with sessions.begin() as session:
        inviter = await session.get(User, ALICE)
        assert inviter is not None
        invite = await pairing.create_invite(session, inviter, NOON)
        assert isinstance(invite, pairing.NewInvite)
        assert isinstance(await pairing.join(session, BOB, invite.code, NOON), pairing.Joined)
        assert isinstance(await pairing.confirm(session, ALICE, BOB, NOON), pairing.Paired)
    return sessions


async def todays_round(sessions: async_sessionmaker[AsyncSession], user_id: int) -> int:
    """Open (or find) the person's round for today; its id."""
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        assert user is not None
        partner = await pairing.partner_of(session, user)
        round_: CheckinRound = await checkins.round_for(
            session, user, partner, NOON, random.Random(1)
        )
        return round_.id
