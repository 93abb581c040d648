"""A migrated database and a recording Notifier for dispatcher tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import pairing, people, reminders
from db import migrate
from db.models import User
from db.session import create_engine, create_sessionmaker
from db.types import install_keyring
from scheduler.outbox import Outgoing, SendResult, SendStatus
from tests.conftest import TEST_KEY


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A freshly migrated database."""
    install_keyring([TEST_KEY])
    engine = create_engine(database_url)
    await migrate.upgrade(engine)
    yield create_sessionmaker(engine)
    await engine.dispose()


@dataclass
class RecordingNotifier:
    """Records what would be sent; outcomes can be set per person."""

    sent: list[Outgoing] = field(default_factory=list)
    outcome: dict[int, SendStatus] = field(default_factory=dict)
    delay: float = 0.0
    next_id: int = 1

    async def send_scheduled(self, message: Outgoing) -> SendResult:
        if self.delay:
            await asyncio.sleep(self.delay)
        status = self.outcome.get(message.user_id, SendStatus.SENT)
        self.sent.append(message)
        self.next_id += 1
        return SendResult(status, self.next_id if status is SendStatus.SENT else None)

    def to(self, user_id: int) -> list[Outgoing]:
        return [m for m in self.sent if m.user_id == user_id]


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


async def make_person(
    sessions: async_sessionmaker[AsyncSession], user_id: int, zone: str, now, role: str = "hurt"
) -> None:
    """A consented, onboarded person with the default reminders."""
    async with sessions.begin() as session:
        user, _ = await people.give_consent(session, user_id, now)
        people.set_role(user, people.Role(role))
        people.set_timezone(user, zone)
        await reminders.ensure_defaults(session, user, now)


async def make_couple(sessions, first: int, second: int, now) -> None:
    """Pair two onboarded people."""
    async with sessions.begin() as session:
        inviter = await session.get(User, first)
        assert inviter is not None
        invite = await pairing.create_invite(session, inviter, now)
        assert isinstance(invite, pairing.NewInvite)
        assert isinstance(await pairing.join(session, second, invite.code, now), pairing.Joined)
        assert isinstance(await pairing.confirm(session, first, second, now), pairing.Paired)
