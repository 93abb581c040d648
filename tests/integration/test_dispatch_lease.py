"""A batch that outlives its lease: another claim takes over and the old holder stands back.

Sends are held open with events and time moves on a manual clock, so each interleaving is
exact: no sleeps.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text, update

from core.clock import ManualClock
from db.models import CheckinRound, Delivery, Reminder
from db.session import create_engine
from scheduler.dispatch import Dispatcher
from scheduler.outbox import Outgoing, SendResult, SendStatus
from tests.conftest import BACKENDS
from tests.integration.conftest import make_couple, make_person

NOON = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)


@dataclass
class GatedNotifier:
    """Records sends; the n-th send (counting from 1) waits for its gate, if it has one."""

    gates: dict[int, asyncio.Event] = field(default_factory=dict)
    started: dict[int, asyncio.Event] = field(default_factory=dict)
    sent: list[Outgoing] = field(default_factory=list)
    calls: int = 0

    def gate(self, nth: int) -> tuple[asyncio.Event, asyncio.Event]:
        self.gates[nth], self.started[nth] = asyncio.Event(), asyncio.Event()
        return self.started[nth], self.gates[nth]

    async def send_scheduled(self, message: Outgoing) -> SendResult:
        self.calls += 1
        nth = self.calls
        if nth in self.gates:
            self.started[nth].set()
            await self.gates[nth].wait()
        self.sent.append(message)
        return SendResult(SendStatus.SENT, 1000 + nth)

    def to(self, user_id: int) -> list[Outgoing]:
        return [m for m in self.sent if m.user_id == user_id]


def worker(sessions, notifier, clock, name: str, **kw) -> Dispatcher:
    return Dispatcher(sessions, notifier, clock, name, lease=LEASE, rng=random.Random(1), **kw)


async def only_checkins_due(sessions, *user_ids: int) -> None:
    """Each person's check-in falls due at noon; nothing else is due."""
    for user_id in user_ids:
        await make_person(sessions, user_id, "UTC", NOON - timedelta(days=1))
    async with sessions.begin() as session:
        await session.execute(update(Reminder).values(next_fire_at=None, slot_at=None))
        await session.execute(
            update(Reminder).where(Reminder.kind == "checkin").values(next_fire_at=NOON)
        )


async def reminder_of(sessions, user_id: int) -> Reminder:
    async with sessions() as session:
        row: Reminder = (
            await session.execute(
                select(Reminder).where(Reminder.user_id == user_id, Reminder.kind == "checkin")
            )
        ).scalar_one()
        return row


def released_and_moved_on(row: Reminder, clock: ManualClock) -> bool:
    return (
        row.lease_owner is None and row.next_fire_at is not None and row.next_fire_at > clock.now()
    )


async def deliveries(sessions) -> list[tuple[int, str, int | None]]:
    async with sessions() as session:
        rows = (await session.execute(select(Delivery).order_by(Delivery.user_id))).scalars()
        return [(d.user_id, d.status, d.telegram_message_id) for d in rows]


async def test_a_batch_near_its_lease_end_is_released_not_sent_after_a_takeover(sessions):
    clock = ManualClock(NOON)
    await only_checkins_due(sessions, 1, 2)
    notifier = GatedNotifier()
    started, gate = notifier.gate(1)
    slow = worker(sessions, notifier, clock, "w1", concurrency=1)
    first = asyncio.create_task(slow.run_batch())
    await started.wait()  # person 1's prompt is in flight; person 2's waits for a send slot
    clock.advance(LEASE + timedelta(seconds=1))
    # The lease ran out: another process claims both and sends both (a check-in whose send
    # may have happened is sent again, by design: RESEND_IF_UNCERTAIN).
    assert await worker(sessions, notifier, clock, "w2").run_batch() == 2
    gate.set()
    assert await first == 2
    assert len(notifier.to(1)) == 2  # in flight across the lease's end: the known limit
    assert len(notifier.to(2)) == 1  # the old holder did not send it after the takeover
    assert slow.stats.released == 1
    # The takeover's record stands: the old holder wrote nothing over it.
    assert await deliveries(sessions) == [(1, "sent", 1002), (2, "sent", 1003)]
    for user_id in (1, 2):
        row = await reminder_of(sessions, user_id)
        assert released_and_moved_on(row, clock)


async def test_a_batch_near_its_lease_end_releases_the_rest_to_be_sent_once(sessions):
    clock = ManualClock(NOON)
    await only_checkins_due(sessions, 1, 2)
    notifier = GatedNotifier()
    started, gate = notifier.gate(1)
    work = worker(sessions, notifier, clock, "w1", concurrency=1)
    first = asyncio.create_task(work.run_batch())
    await started.wait()
    clock.advance(LEASE - work.lease_margin)  # not expired, but too close to start a send
    gate.set()
    await first
    assert [m.user_id for m in notifier.sent] == [1]
    row = await reminder_of(sessions, 2)
    assert row.lease_owner is None and row.next_fire_at == NOON  # due again at once
    assert await worker(sessions, notifier, clock, "w2").run_batch() == 1
    assert [m.user_id for m in notifier.sent] == [1, 2]
    assert await deliveries(sessions) == [(1, "sent", 1001), (2, "sent", 1002)]


async def test_a_later_batch_of_the_same_process_keeps_its_lease(sessions):
    """The lease's end is its fencing token: the worker id alone cannot tell two batches apart."""
    clock = ManualClock(NOON)
    await only_checkins_due(sessions, 1)
    notifier = GatedNotifier()
    started_a, gate_a = notifier.gate(1)
    started_b, gate_b = notifier.gate(2)
    work = worker(sessions, notifier, clock, "w1")
    batch_a = asyncio.create_task(work.run_batch())
    await started_a.wait()
    clock.advance(LEASE + timedelta(seconds=1))
    batch_b = asyncio.create_task(work.run_batch())
    await started_b.wait()
    gate_a.set()
    await batch_a
    row = await reminder_of(sessions, 1)
    assert (row.lease_owner, row.lease_until) == ("w1", clock.now() + LEASE)
    assert row.next_fire_at == NOON  # batch A did not move it under batch B's feet
    gate_b.set()
    await batch_b
    row = await reminder_of(sessions, 1)
    assert released_and_moved_on(row, clock)
    assert await deliveries(sessions) == [(1, "sent", 1002)]


async def test_partners_claimed_by_two_dispatchers_at_once_get_one_round(sessions):
    clock = ManualClock(NOON)
    await only_checkins_due(sessions, 1, 2)
    await make_couple(sessions, 1, 2, NOON - timedelta(days=1))
    async with sessions.begin() as session:
        await session.execute(update(Reminder).values(next_fire_at=None, slot_at=None))
        await session.execute(
            update(Reminder).where(Reminder.kind == "checkin").values(next_fire_at=NOON)
        )
    notifier = GatedNotifier()
    workers = [worker(sessions, notifier, clock, f"w{i}", batch_size=1) for i in (1, 2)]
    assert await asyncio.gather(*(w.run_batch() for w in workers)) == [1, 1]
    for w in workers:
        assert await w.run_batch() == 0
    assert sorted(m.user_id for m in notifier.sent) == [1, 2]
    assert len({m.ref for m in notifier.sent}) == 1 and len({m.text for m in notifier.sent}) == 1
    async with sessions() as session:
        assert len((await session.execute(select(CheckinRound))).scalars().all()) == 1


# Row locks between processes are PostgreSQL's (SQLite has one writer at a time).
@pytest.mark.parametrize("backend", [b for b in BACKENDS if b == "postgresql"], indirect=True)
async def test_record_and_a_takeover_claim_lock_in_one_order(sessions, database_url):
    """A claim holds the reminder and then touches its delivery; the old holder's record must
    not hold the delivery while it waits for the reminder (that was a deadlock)."""
    clock = ManualClock(NOON)
    await only_checkins_due(sessions, 1)
    notifier = GatedNotifier()
    started, gate = notifier.gate(1)
    work = worker(sessions, notifier, clock, "w1", lease_margin=timedelta(0))
    batch = asyncio.create_task(work.run_batch())
    await started.wait()
    reminder_id = (await reminder_of(sessions, 1)).id
    engine = create_engine(database_url)
    try:
        async with engine.connect() as claim:
            # What another process's claim does once the lease ran out: lock the reminder...
            await claim.execute(
                text("UPDATE reminders SET lease_owner = 'w2' WHERE id = :id"),
                {"id": reminder_id},
            )
            gate.set()
            await wait_for_lock_wait(claim)  # the old holder's record now waits for that row
            # ...then mark the delivery in flight, which the record must not be holding.
            await claim.execute(text("UPDATE deliveries SET status = 'uncertain'"))
            await claim.commit()
    finally:
        await engine.dispose()
    await batch
    assert await deliveries(sessions) == [(1, "uncertain", None)]
    assert (await reminder_of(sessions, 1)).lease_owner == "w2"


async def wait_for_lock_wait(connection) -> None:
    """Until some other session waits for a row lock (polling, bounded)."""
    for _ in range(500):
        await connection.execute(text("SELECT pg_stat_clear_snapshot()"))
        waiting = await connection.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND pid <> pg_backend_pid() AND datname = current_database()"
            )
        )
        if waiting.scalar_one():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the record never waited for the reminder's lock")
