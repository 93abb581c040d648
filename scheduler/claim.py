"""The claim's database work: take due reminders under a lease, load them, write the plan.

The first of a batch's two transactions (scheduler/dispatch.py). A claim is a lease
(FOR UPDATE SKIP LOCKED on PostgreSQL), so processes sharing a database never claim one row at
once; the plan is written as two executemany statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Row, Table, bindparam, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db import envelope
from db.models import Delivery, Reminder, User
from scheduler.plan import InFlight, Planned

REMINDERS = cast(Table, Reminder.__table__)
DELIVERY_COLUMNS = (
    "reminder_id",
    "user_id",
    "kind",
    "slot_at",
    "attempt",
    "item_id",
    "status",
    "created_at",
)
# What planning may change on a claimed reminder (written back in one statement).
PLANNED_COLUMNS = (
    "enabled",  # a share's plan that reached its end date switches its reminder off
    "next_fire_at",
    "slot_at",
    "snoozes",
    "current_item",
    "seen_items",
    "lease_owner",
    "lease_until",
)


async def claim(
    session: AsyncSession, now: datetime, worker_id: str, lease: timedelta, batch_size: int
) -> list[int]:
    """Lease up to `batch_size` due reminders (earliest first) to `worker_id` until
    `now + lease`; returns their ids. Rows another process holds are skipped, not waited for."""
    due = (
        select(Reminder.id)
        .where(
            Reminder.next_fire_at <= now,
            or_(Reminder.lease_until.is_(None), Reminder.lease_until < now),
        )
        .order_by(Reminder.next_fire_at)
        .limit(batch_size)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    claimed = await session.execute(
        update(Reminder)
        .where(Reminder.id.in_(due.scalar_subquery()))
        .values(lease_owner=worker_id, lease_until=now + lease)
        .returning(Reminder.id)
        .execution_options(synchronize_session=False)
    )
    return [row[0] for row in claimed]


async def claimed_rows(session: AsyncSession, ids: list[int]) -> Sequence[Row[Reminder, User]]:
    """The claimed reminders with their people, in couple order: two processes opening
    check-in rounds for several couples take the rounds' unique keys in one order (a wait,
    never a deadlock)."""
    await _data_keys(session, ids)
    found = await session.execute(
        select(Reminder, User)
        .join(User, User.id == Reminder.user_id)
        .where(Reminder.id.in_(ids))
        .order_by(User.couple_id, Reminder.id)
    )
    return found.all()


async def _data_keys(session: AsyncSession, ids: list[int]) -> None:
    """The claimed people's data keys into the transaction's key cache, in one query: loading a
    person opens their sealed role, which otherwise reads their key alone (a query each)."""
    keys = await session.execute(
        select(User.id, User.data_key)
        .join(Reminder, Reminder.user_id == User.id)
        .where(Reminder.id.in_(ids), User.data_key.is_not(None))
    )
    cache = envelope.cache_of(session.sync_session)
    for user_id, wrapped in keys:
        if wrapped is not None and user_id not in cache:
            cache[user_id] = envelope.unwrap(wrapped)


async def in_flight(session: AsyncSession, reminders: list[Reminder]) -> InFlight:
    """Deliveries a crashed process left 'sending' for the occurrences claimed now."""
    slots = {r.slot_at for r in reminders if r.slot_at is not None}
    if not slots:
        return {}
    found = await session.execute(
        select(Delivery).where(
            Delivery.reminder_id.in_([r.id for r in reminders]), Delivery.slot_at.in_(slots)
        )
    )
    return {(d.reminder_id, d.slot_at, d.attempt): d for d in found.scalars()}


async def write_plan(
    session: AsyncSession, reminders: list[Reminder], planned: list[Planned]
) -> None:
    """Write the batch's reminder changes and new deliveries as two executemany statements
    (the ORM's per-object bookkeeping was most of the cost of a batch), and give each message
    its delivery's id."""
    rows = [{"b_id": r.id, **{f"v_{c}": getattr(r, c) for c in PLANNED_COLUMNS}} for r in reminders]
    for reminder in reminders:
        session.expunge(reminder)
    await session.flush()  # the rare ORM changes: couples, rounds, users, old deliveries
    await session.execute(
        update(REMINDERS)
        .where(REMINDERS.c.id == bindparam("b_id"))
        .values({c: bindparam(f"v_{c}") for c in PLANNED_COLUMNS}),
        rows,
    )
    fresh = [p for p in planned if p.delivery is not None and p.delivery.id is None]
    if fresh:
        values = [{c: getattr(p.delivery, c) for c in DELIVERY_COLUMNS} for p in fresh]
        ids = await session.execute(
            insert(Delivery).returning(Delivery.id, sort_by_parameter_order=True), values
        )
        for item, (delivery_id,) in zip(fresh, ids.all(), strict=True):
            assert item.delivery is not None
            item.delivery.id = delivery_id
    for item in planned:
        if item.outgoing is not None and item.delivery is not None:
            item.outgoing = replace(item.outgoing, delivery_id=item.delivery.id)
