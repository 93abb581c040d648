"""The record: write what Telegram said for a batch and move each reminder on.

The second of a batch's two transactions (scheduler/dispatch.py). It records only for the
reminders the batch still holds: a lease another claim took over is left to that claim.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import cast

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.reminders import mark_blocked
from db.models import Delivery, Reminder
from scheduler.outbox import SendStatus
from scheduler.plan import Planned

log = logging.getLogger(__name__)

REMINDERS = cast(Table, Reminder.__table__)
DELIVERIES = cast(Table, Delivery.__table__)


async def record(
    sessions: async_sessionmaker[AsyncSession], sends: list[Planned], worker_id: str, now: datetime
) -> None:
    """Record a batch's outcomes (`sends`: one batch, all under one lease), in one transaction.

    Lock order is reminders (by id), then deliveries (by id), then people: a claim locks a
    reminder before touching its deliveries, so the two never wait on each other in a
    cycle. A reminder whose lease another claim took over (another process, or a later
    batch of this one: its lease_until differs) is left to that claim, delivery included;
    one released (by the person: a snooze, a schedule change; or by a takeover that has
    finished) is not moved, and only a delivery still 'sending' gets this outcome.
    """
    if not sends:
        return
    blocked = sorted(
        {p.user_id for p in sends if p.result and p.result.status is SendStatus.BLOCKED}
    )
    async with sessions.begin() as session:
        held, taken = await _leases(session, sends, worker_id)
        mine = sorted((p for p in sends if p.reminder_id not in taken), key=lambda p: p.reminder_id)
        await _record_held(session, mine, held, now)
        for user_id in blocked:
            await mark_blocked(session, user_id)


async def _leases(
    session: AsyncSession, sends: list[Planned], worker_id: str
) -> tuple[set[int], set[int]]:
    """Lock the batch's reminders and sort them: (still held by this batch, taken over)."""
    lease_until = sends[0].lease_until
    ids = sorted(p.reminder_id for p in sends)
    if session.get_bind().dialect.name == "sqlite":
        # Take SQLite's write lock before reading (a read first can fail as busy).
        await session.execute(
            update(REMINDERS)
            .where(REMINDERS.c.id.in_(ids))
            .values(lease_owner=REMINDERS.c.lease_owner)
        )
    leases = await session.execute(
        select(REMINDERS.c.id, REMINDERS.c.lease_owner, REMINDERS.c.lease_until)
        .where(REMINDERS.c.id.in_(ids))
        .order_by(REMINDERS.c.id)
        .with_for_update()
    )
    held: set[int] = set()
    taken: set[int] = set()
    for reminder_id, owner, until in leases:
        if owner == worker_id and until == lease_until:
            held.add(reminder_id)
        elif owner is not None:
            taken.add(reminder_id)  # another claim took it over: it records
    if taken:
        log.warning("dispatch.lease_lost count=%s", len(taken))
    return held, taken


async def _record_held(
    session: AsyncSession, mine: list[Planned], held: set[int], now: datetime
) -> None:
    """Write the outcomes of `mine` (not taken over); move and release the `held` reminders
    (the others the person released while the message was in flight)."""
    sent = [p for p in mine if p.result is not None]
    moved = [
        p
        for p in sent
        if p.reminder_id in held and p.result and p.result.status is not SendStatus.BLOCKED
    ]
    if moved:
        await session.execute(
            update(REMINDERS)
            .where(REMINDERS.c.id == bindparam("b_id"))
            .values(
                next_fire_at=bindparam("next_fire_at"),
                slot_at=bindparam("next_fire_at"),
                snoozes=0,
                current_item=None,
            ),
            [{"b_id": p.reminder_id, "next_fire_at": p.next_fire_at} for p in moved],
        )
    await session.execute(
        update(REMINDERS)
        .where(REMINDERS.c.id.in_(sorted(held)))
        .values(lease_owner=None, lease_until=None)
    )
    await _record_deliveries(session, sent, now)
    unsent = [p for p in mine if p.result is None]
    if unsent:
        # Never sent: the occurrence is due again at once and is planned afresh (not taken
        # for a message in flight, which a nudge would be dropped as).
        await session.execute(
            delete(Delivery).where(
                Delivery.id.in_(sorted(p.outgoing.delivery_id for p in unsent if p.outgoing)),
                Delivery.status == "sending",
            )
        )
        log.info("dispatch.released_near_lease_end count=%s", len(unsent))


async def _record_deliveries(session: AsyncSession, sent: list[Planned], now: datetime) -> None:
    """Each sent message's outcome on its delivery, only where the delivery is still in flight:
    one a takeover already recorded (and released) or marked uncertain keeps what it says."""
    delivery_rows = [
        {
            "b_id": p.outgoing.delivery_id,
            "status": p.result.status.value,
            "sent_at": now if p.result.status is SendStatus.SENT else None,
            "telegram_message_id": p.result.message_id,
        }
        for p in sorted(sent, key=lambda p: p.outgoing.delivery_id if p.outgoing else 0)
        if p.outgoing is not None and p.result is not None
    ]
    if delivery_rows:
        await session.execute(
            update(DELIVERIES)
            .where(DELIVERIES.c.id == bindparam("b_id"), DELIVERIES.c.status == "sending")
            .values(
                status=bindparam("status"),
                sent_at=bindparam("sent_at"),
                telegram_message_id=bindparam("telegram_message_id"),
            ),
            delivery_rows,
        )
