"""The due-queue dispatcher: claim due reminders, decide, send through a Notifier, record.

Each batch is two transactions. The first claims rows (a lease, FOR UPDATE SKIP LOCKED on
PostgreSQL), decides for each, and writes a 'sending' delivery row per message; the second
records what Telegram said and moves each reminder to its next time. A unique delivery per
(reminder, occurrence, attempt) makes a message go out once across any number of processes.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from asyncio import FIRST_COMPLETED
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, bindparam, delete, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from content import library
from core import checkins, policy
from core.clock import Clock
from core.reminders import mark_blocked
from db.models import Delivery, Reminder, User
from scheduler.outbox import RESEND_IF_UNCERTAIN, Notifier, Outgoing, SendResult, SendStatus

log = logging.getLogger(__name__)

REMINDERS = cast(Table, Reminder.__table__)
DELIVERIES = cast(Table, Delivery.__table__)
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


@dataclass
class _Planned:
    reminder_id: int
    user_id: int
    kind: str
    due: datetime
    outgoing: Outgoing | None = None
    delivery: Delivery | None = None
    next_fire_at: datetime | None = None
    result: SendResult | None = None  # None: not sent (the lease was about to run out)
    lease_until: datetime | None = None  # this batch's lease: its end is also its fencing token


@dataclass
class DispatchStats:
    """Counters a benchmark or the logs can read."""

    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    deferred: int = 0
    failed: int = 0
    released: int = 0  # not sent because the batch's lease was about to run out
    lateness: list[float] = field(default_factory=list)
    db_seconds: float = 0.0
    skip_reasons: Counter[str] = field(default_factory=Counter)  # policy reason → count


class Dispatcher:
    """Claims and sends due reminders. Safe to run in many processes on one PostgreSQL."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        notifier: Notifier,
        clock: Clock,
        worker_id: str,
        *,
        batch_size: int = 200,
        lease: timedelta = timedelta(minutes=2),
        lease_margin: timedelta | None = None,
        concurrency: int = 64,
        pipeline: int = 2,
        rng: random.Random | None = None,
        keep_lateness: bool = False,
        on_result: Callable[[str, str], None] | None = None,
    ) -> None:
        self.sessions, self.notifier, self.clock = sessions, notifier, clock
        self.worker_id, self.batch_size, self.lease = worker_id, batch_size, lease
        # A send starts only while this much of the lease is left (default a quarter of it),
        # so a slow batch is released, not sent after another process may have taken it over.
        self.lease_margin = lease / 4 if lease_margin is None else lease_margin
        self._send_slots = asyncio.Semaphore(concurrency)
        self.pipeline = max(pipeline, 1)
        self.rng = rng or random.Random()  # noqa: S311 - choosing a gentle message, not a secret
        self.stats = DispatchStats()
        self._keep_lateness = keep_lateness
        self._stopping = False
        # Told (kind, result) for each message decided or sent: the bot's metrics.
        self._on_result = on_result

    def stop(self) -> None:
        """Claim nothing more; a batch in hand is still finished and recorded."""
        self._stopping = True

    async def run_once(self, budget_seconds: float = 0.8) -> int:
        """Work through due reminders in batches until none is due or the budget is spent.

        The next batch is claimed while the one before is still being sent (at most `pipeline`
        batches claimed and not yet recorded), so the database round trips of a claim overlap
        Telegram's round trips instead of adding to them. Returns how many were claimed; every
        batch claimed here is sent and recorded before it returns.
        """
        started = time.monotonic()
        handled = 0
        pending: set[asyncio.Task[None]] = set()
        failure: BaseException | None = None
        try:
            while not self._stopping:
                planned = await self._claim_timed()
                handled += len(planned)
                if planned:
                    pending.add(asyncio.create_task(self._send_and_record(planned)))
                if len(planned) < self.batch_size or time.monotonic() - started > budget_seconds:
                    break
                while len(pending) >= self.pipeline:
                    done, pending = await asyncio.wait(pending, return_when=FIRST_COMPLETED)
                    failure = failure or _first_error(done)
                if failure is not None:
                    break
        finally:
            if pending:
                await asyncio.wait(pending)
                failure = failure or _first_error(pending)
        if failure is not None:
            raise failure
        return handled

    async def run_batch(self) -> int:
        """Claim one batch, send what is due, record it. Returns how many were claimed."""
        planned = await self._claim_timed()
        if planned:
            await self._send_and_record(planned)
        return len(planned)

    async def _claim_timed(self) -> list[_Planned]:
        db_started = time.perf_counter()
        planned = await self._claim_and_plan()
        self.stats.db_seconds += time.perf_counter() - db_started
        return planned

    async def _send_and_record(self, planned: list[_Planned]) -> None:
        sends = [p for p in planned if p.outgoing is not None]
        await asyncio.gather(*(self._send(p) for p in sends))
        db_started = time.perf_counter()
        await self._record(sends)
        self.stats.db_seconds += time.perf_counter() - db_started

    async def _send(self, planned: _Planned) -> None:
        assert planned.outgoing is not None and planned.lease_until is not None
        async with self._send_slots:
            if self.clock.now() >= planned.lease_until - self.lease_margin:
                self.stats.released += 1  # recorded as released: claimed again, sent once
                return
            planned.result = await self.notifier.send_scheduled(planned.outgoing)
        if planned.result.status is SendStatus.SENT and self._keep_lateness:
            self.stats.lateness.append((self.clock.now() - planned.due).total_seconds())

    # -- phase 1: claim, decide, reserve -----------------------------------------------------
    async def _claim(self, session: AsyncSession, now: datetime) -> list[int]:
        due = (
            select(Reminder.id)
            .where(
                Reminder.next_fire_at <= now,
                or_(Reminder.lease_until.is_(None), Reminder.lease_until < now),
            )
            .order_by(Reminder.next_fire_at)
            .limit(self.batch_size)
        )
        if session.get_bind().dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        claimed = await session.execute(
            update(Reminder)
            .where(Reminder.id.in_(due.scalar_subquery()))
            .values(lease_owner=self.worker_id, lease_until=now + self.lease)
            .returning(Reminder.id)
            .execution_options(synchronize_session=False)
        )
        return [row[0] for row in claimed]

    async def _claim_and_plan(self) -> list[_Planned]:
        now = self.clock.now()
        async with self.sessions.begin() as session:
            ids = await self._claim(session, now)
            if not ids:
                return []
            # Planned in couple order: two processes opening check-in rounds for several couples
            # take the rounds' unique keys in one order (a wait, never a deadlock).
            rows = (
                await session.execute(
                    select(Reminder, User)
                    .join(User, User.id == Reminder.user_id)
                    .where(Reminder.id.in_(ids))
                    .order_by(User.couple_id, Reminder.id)
                )
            ).all()
            partners = await checkins.partners_of(
                session, [u for r, u in rows if r.kind == "checkin"]
            )
            in_flight = await self._in_flight(session, [r for r, _ in rows])
            planned = [
                await self._plan(session, reminder, user, partners.get(user.id), in_flight, now)
                for reminder, user in rows
            ]
            await self._write_plan(session, [r for r, _ in rows], planned)
        for item in planned:
            item.lease_until = now + self.lease
        self.stats.claimed += len(planned)
        return planned

    async def _write_plan(
        self, session: AsyncSession, reminders: list[Reminder], planned: list[_Planned]
    ) -> None:
        """Write the batch's reminder changes and new deliveries as two executemany statements
        (the ORM's per-object bookkeeping was most of the cost of a batch)."""
        columns = (
            "next_fire_at",
            "slot_at",
            "snoozes",
            "current_item",
            "seen_items",
            "lease_owner",
            "lease_until",
        )
        rows = [{"b_id": r.id, **{f"v_{c}": getattr(r, c) for c in columns}} for r in reminders]
        for reminder in reminders:
            session.expunge(reminder)
        await session.flush()  # the rare ORM changes: couples, rounds, users, old deliveries
        await session.execute(
            update(REMINDERS)
            .where(REMINDERS.c.id == bindparam("b_id"))
            .values({c: bindparam(f"v_{c}") for c in columns}),
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

    async def _in_flight(
        self, session: AsyncSession, reminders: list[Reminder]
    ) -> dict[tuple[int, datetime, int], Delivery]:
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

    async def _plan(
        self,
        session: AsyncSession,
        reminder: Reminder,
        user: User,
        partner: User | None,
        in_flight: dict[tuple[int, datetime, int], Delivery],
        now: datetime,
    ) -> _Planned:
        due = reminder.next_fire_at or now
        planned = _Planned(reminder.id, user.id, reminder.kind, due)
        decision = policy.decide(reminder, user, partner, now)
        if decision.action in (policy.Action.SKIP, policy.Action.DEFER):
            skip = decision.action is policy.Action.SKIP
            if self._on_result is not None:
                self._on_result(reminder.kind, "skipped" if skip else "deferred")
            if skip:
                self.stats.skipped += 1
                self.stats.skip_reasons[decision.reason] += 1
                reminder.slot_at = decision.next_fire_at
                reminder.snoozes, reminder.current_item = 0, None
            else:
                self.stats.deferred += 1
            reminder.next_fire_at = decision.next_fire_at
            reminder.lease_owner = reminder.lease_until = None
            return planned
        slot = reminder.slot_at or due
        reminder.slot_at = slot
        attempt = reminder.snoozes
        earlier = in_flight.get((reminder.id, slot, attempt))
        if earlier is not None and earlier.status != "sending":
            # Already recorded for this occurrence (only after manual edits): never send twice.
            planned.next_fire_at = policy.after_send(reminder, user, now)
            self._release(reminder, planned.next_fire_at)
            return planned
        if earlier is not None and not RESEND_IF_UNCERTAIN.get(reminder.kind, False):
            earlier.status = "uncertain"
            if self._on_result is not None:
                self._on_result(reminder.kind, "uncertain")
            log.warning(
                "dispatch.in_flight_dropped reminder=%s kind=%s", reminder.id, reminder.kind
            )
            self._release(reminder, policy.after_send(reminder, user, now))
            return planned
        if decision.action is policy.Action.NOTICE:
            user.checkin_pause_noted_at = now
            text, item_id, ref = "", "notice", None
            planned.next_fire_at = decision.next_fire_at
        else:
            text, item_id, ref = await self._content(session, reminder, user, partner, now)
            # Decided now, so recording needs no second read (a change by the person in
            # between releases the lease, and then this value is not written).
            planned.next_fire_at = policy.after_send(reminder, user, now)
        delivery = earlier or Delivery(
            reminder_id=reminder.id,
            user_id=user.id,
            kind=reminder.kind,
            slot_at=slot,
            attempt=attempt,
            item_id=item_id,
            status="sending",
            created_at=now,
        )
        planned.delivery = delivery  # written with the batch in _write_plan
        planned.outgoing = Outgoing(
            delivery_id=delivery.id or 0,
            user_id=user.id,
            kind=reminder.kind,
            text=text,
            attempt=attempt,
            discreet=user.discreet,
            notice=decision.action is policy.Action.NOTICE,
            can_snooze=reminder.kind == "selfcare" and attempt < policy.MAX_SNOOZES,
            ref=ref,
        )
        return planned

    @staticmethod
    def _release(reminder: Reminder, next_fire_at: datetime | None) -> None:
        reminder.next_fire_at = reminder.slot_at = next_fire_at
        reminder.snoozes, reminder.current_item = 0, None
        reminder.lease_owner = reminder.lease_until = None

    async def _content(
        self,
        session: AsyncSession,
        reminder: Reminder,
        user: User,
        partner: User | None,
        now: datetime,
    ) -> tuple[str, str, int | None]:
        """The item to send (and the round it opens or joins, for a check-in): the same one
        again for a snooze, else the next unseen one."""
        if reminder.current_item and reminder.snoozes:
            item = library.by_id().get(reminder.current_item)
            if item is not None:
                return item.text, item.id, None
        if reminder.kind == "checkin":
            round_, item = await checkins.todays_prompt(session, user, partner, now, self.rng)
            reminder.current_item = item.id
            return item.text, item.id, round_.id
        if reminder.kind == "summary":
            return "", "summary", None
        candidates = library.pool(reminder.kind, [user.role], allow_explicit=not user.discreet)
        item, reminder.seen_items = library.choose(candidates, reminder.seen_items, self.rng)
        reminder.current_item = item.id
        return item.text, item.id, None

    # -- phase 2: record ---------------------------------------------------------------------
    async def _record(self, sends: list[_Planned]) -> None:
        """Record a batch's outcomes, only for the reminders this batch still holds.

        Lock order is reminders (by id), then deliveries (by id), then people: a claim locks a
        reminder before touching its deliveries, so the two never wait on each other in a
        cycle. A reminder whose lease another claim took over (another process, or a later
        batch of this one: its lease_until differs) is left to that claim, delivery included;
        one released (by the person: a snooze, a schedule change; or by a takeover that has
        finished) is not moved, and only a delivery still 'sending' gets this outcome.
        """
        if not sends:
            return
        lease_until = sends[0].lease_until
        now = self.clock.now()
        for planned in sends:
            result = planned.result
            if result is None:
                continue
            if self._on_result is not None:
                self._on_result(planned.kind, result.status.value)
            if result.status is SendStatus.SENT:
                self.stats.sent += 1
            else:
                self.stats.failed += 1
        blocked = sorted(
            {p.user_id for p in sends if p.result and p.result.status is SendStatus.BLOCKED}
        )
        async with self.sessions.begin() as session:
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
                if owner == self.worker_id and until == lease_until:
                    held.add(reminder_id)
                elif owner is not None:
                    taken.add(reminder_id)  # another claim took it over: it records
            if taken:
                log.warning("dispatch.lease_lost count=%s", len(taken))
            mine = sorted(
                (p for p in sends if p.reminder_id not in taken), key=lambda p: p.reminder_id
            )
            await self._record_held(session, mine, held, now)
            for user_id in blocked:
                await mark_blocked(session, user_id)

    async def _record_held(
        self, session: AsyncSession, mine: list[_Planned], held: set[int], now: datetime
    ) -> None:
        """Write the outcomes of `mine` (not taken over); move and release the `held` reminders
        (the others the person released while the message was in flight)."""
        sent = [p for p in mine if p.result is not None]
        unsent = [p for p in mine if p.result is None]
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
            # Only deliveries still in flight: one a takeover already recorded (and released)
            # or marked uncertain keeps what it says.
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


def _first_error(tasks: set[asyncio.Task[None]]) -> BaseException | None:
    """The exception of the first failed task (every task's result is looked at)."""
    errors = [task.exception() for task in tasks if not task.cancelled()]
    return next((error for error in errors if error is not None), None)
