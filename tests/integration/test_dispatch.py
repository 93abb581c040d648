"""The dispatcher on a real database with a manual clock: on time, once, never at the wrong time."""

from __future__ import annotations

import asyncio
import random
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot import reminder_texts as rt
from bot import scheduled
from core import nudges, reminders
from core.clock import ManualClock
from db.models import CheckinRound, Delivery, Reminder, User
from db.session import create_engine, create_sessionmaker
from scheduler.dispatch import Dispatcher
from scheduler.outbox import SendStatus
from tests.helpers import wait_until
from tests.integration.conftest import RecordingNotifier, make_couple, make_person

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def at(zone: ZoneInfo, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=zone).astimezone(UTC)


def dispatcher(sessions, notifier, clock, name: str = "w1", **kw) -> Dispatcher:
    return Dispatcher(sessions, notifier, clock, name, rng=random.Random(1), **kw)


async def reminder(sessions, user_id: int, kind: str) -> Reminder:
    async with sessions() as session:
        row: Reminder = (
            await session.execute(
                select(Reminder).where(Reminder.user_id == user_id, Reminder.kind == kind)
            )
        ).scalar_one()
        return row


async def test_a_nudge_goes_out_at_local_time_once(sessions, notifier: RecordingNotifier):
    clock = ManualClock(at(BERLIN, 26, 6))
    await make_person(sessions, 1, "Europe/Berlin", clock.now())
    work = dispatcher(sessions, notifier, clock)
    clock.set(at(BERLIN, 26, 8, 59))
    assert await work.run_once() == 0
    clock.set(at(BERLIN, 26, 9, 0))
    await work.run_once()
    await work.run_once()
    assert [(m.kind, m.attempt) for m in notifier.sent] == [("selfcare", 0)]
    assert notifier.sent[0].can_snooze
    row = await reminder(sessions, 1, "selfcare")
    assert row.next_fire_at == at(BERLIN, 27, 9) and row.lease_owner is None
    async with sessions() as session:
        delivery = (await session.execute(select(Delivery))).scalar_one()
    assert (delivery.status, delivery.telegram_message_id) == ("sent", 2)


async def test_late_after_downtime_sent_once_if_under_two_hours(sessions, notifier):
    clock = ManualClock(at(BERLIN, 26, 6))
    await make_person(sessions, 1, "Europe/Berlin", clock.now())
    clock.set(at(BERLIN, 26, 10, 59))  # self-care due 09:00: 1 h 59 late
    await dispatcher(sessions, notifier, clock).run_once()
    assert [m.kind for m in notifier.sent] == ["selfcare"]
    clock.set(at(BERLIN, 26, 15, 1))  # affirmation due 13:00: 2 h 01 late → skipped
    await dispatcher(sessions, notifier, clock).run_once()
    assert [m.kind for m in notifier.sent] == ["selfcare"]
    assert (await reminder(sessions, 1, "affirmation")).next_fire_at == at(BERLIN, 27, 13)


async def test_nothing_while_paused_and_no_backlog_after_resume(sessions, notifier):
    clock = ManualClock(at(BERLIN, 26, 6))
    await make_person(sessions, 1, "Europe/Berlin", clock.now())
    async with sessions.begin() as session:
        user = await session.get(User, 1)
        assert user is not None
        reminders.pause(user, clock.now(), None)
    work = dispatcher(sessions, notifier, clock)
    for hour in range(7, 24):
        clock.set(at(BERLIN, 26, hour))
        await work.run_once()
    assert notifier.sent == []
    clock.set(at(BERLIN, 27, 10))
    async with sessions.begin() as session:
        user = await session.get(User, 1)
        assert user is not None
        assert await reminders.resume(session, user, clock.now())
    await work.run_once()
    assert notifier.sent == []  # 09:00 today passed while paused: not sent late
    clock.set(at(BERLIN, 27, 13))
    await work.run_once()
    assert [m.kind for m in notifier.sent] == ["affirmation"]


async def test_timed_pause_ends_by_itself(sessions, notifier):
    clock = ManualClock(at(BERLIN, 26, 8))
    await make_person(sessions, 1, "Europe/Berlin", clock.now())
    async with sessions.begin() as session:
        user = await session.get(User, 1)
        assert user is not None
        reminders.pause(user, clock.now(), timedelta(hours=24))
    work = dispatcher(sessions, notifier, clock)
    for moment in (at(BERLIN, 26, 9), at(BERLIN, 26, 13), at(BERLIN, 26, 20, 30)):
        clock.set(moment)
        await work.run_once()
    assert notifier.sent == []
    clock.set(at(BERLIN, 27, 9))
    await work.run_once()
    assert [m.kind for m in notifier.sent] == ["selfcare"]


async def test_quiet_hours_hold_a_message_until_they_end(sessions, notifier):
    clock = ManualClock(at(BERLIN, 26, 6))
    await make_person(sessions, 1, "Europe/Berlin", clock.now())
    async with sessions.begin() as session:
        user = await session.get(User, 1)
        assert user is not None
        reminders.set_quiet(user, 20 * 60, 9 * 60 + 30)  # now 09:00 falls inside
    work = dispatcher(sessions, notifier, clock)
    clock.set(at(BERLIN, 26, 9))
    await work.run_once()
    assert notifier.sent == []
    assert (await reminder(sessions, 1, "selfcare")).next_fire_at == at(BERLIN, 26, 9, 30)
    clock.set(at(BERLIN, 26, 9, 30))
    await work.run_once()
    assert [m.kind for m in notifier.sent] == ["selfcare"]


async def test_joint_checkin_same_prompt_for_both_at_their_own_time(sessions, notifier):
    clock = ManualClock(at(BERLIN, 26, 6))
    await make_person(sessions, 1, "Europe/Berlin", clock.now(), role="hurt")
    await make_person(sessions, 2, "America/New_York", clock.now(), role="broke")
    await make_couple(sessions, 1, 2, clock.now())
    work = dispatcher(sessions, notifier, clock)
    clock.set(at(BERLIN, 26, 20, 30))
    await work.run_once()
    clock.set(at(NEW_YORK, 26, 20, 30))
    await work.run_once()
    checkins = [m for m in notifier.sent if m.kind == "checkin"]
    assert [m.user_id for m in checkins] == [1, 2]
    assert checkins[0].text == checkins[1].text
    async with sessions() as session:
        rounds = (await session.execute(select(CheckinRound))).scalars().all()
    assert len(rounds) == 1 and rounds[0].local_date.isoformat() == "2026-11-26"
    # The next day brings a different prompt (no repeats until the pool runs out).
    clock.set(at(BERLIN, 27, 20, 30))
    await work.run_once()
    assert [m.text for m in notifier.sent if m.kind == "checkin"][-1] != checkins[0].text


async def test_a_checkin_prompt_knows_whether_the_person_has_a_partner(sessions, notifier):
    """Someone on their own once read "You both get this question today" under every prompt."""
    clock = ManualClock(at(BERLIN, 26, 6))
    for person in (1, 2, 3):
        await make_person(sessions, person, "Europe/Berlin", clock.now())
    await make_couple(sessions, 1, 2, clock.now())
    work = dispatcher(sessions, notifier, clock)
    clock.set(at(BERLIN, 26, 20, 30))
    await work.run_once()
    checkins = {m.user_id: m for m in notifier.sent if m.kind == "checkin"}
    assert {who: m.paired for who, m in checkins.items()} == {1: True, 2: True, 3: False}
    alone, _ = scheduled.render(checkins[3])
    together, _ = scheduled.render(checkins[1])
    assert str(rt.CHECKIN_SOLO_FOOTER) in alone and str(rt.CHECKIN_FOOTER) not in alone
    assert str(rt.CHECKIN_FOOTER) in together


async def test_partner_pause_skips_checkin_and_tells_once(sessions, notifier):
    clock = ManualClock(at(BERLIN, 26, 6))
    await make_person(sessions, 1, "Europe/Berlin", clock.now())
    await make_person(sessions, 2, "Europe/Berlin", clock.now())
    await make_couple(sessions, 1, 2, clock.now())
    async with sessions.begin() as session:
        partner = await session.get(User, 2)
        assert partner is not None
        reminders.pause(partner, clock.now(), timedelta(days=3))
    work = dispatcher(sessions, notifier, clock)
    for day in (26, 27):
        clock.set(at(BERLIN, day, 20, 30))
        await work.run_once()
    to_one = [m for m in notifier.to(1) if m.kind == "checkin"]
    assert [(m.notice, m.text) for m in to_one] == [(True, "")]
    assert notifier.to(2) == []


async def test_blocked_person_stops_getting_reminders(sessions, notifier):
    clock = ManualClock(at(BERLIN, 26, 6))
    await make_person(sessions, 1, "Europe/Berlin", clock.now())
    notifier.outcome[1] = SendStatus.BLOCKED
    clock.set(at(BERLIN, 26, 9))
    await dispatcher(sessions, notifier, clock).run_once()
    async with sessions() as session:
        user = await session.get(User, 1)
        assert user is not None and user.active is False
        due = (
            await session.execute(
                select(func.count()).select_from(Reminder).where(Reminder.next_fire_at.is_not(None))
            )
        ).scalar_one()
    assert due == 0
    async with sessions.begin() as session:
        assert await reminders.reactivate(session, 1, clock.now())
    assert (await reminder(sessions, 1, "affirmation")).next_fire_at == at(BERLIN, 26, 13)


async def test_in_flight_at_a_crash_nudge_lost_checkin_resent(sessions, notifier):
    clock = ManualClock(at(BERLIN, 26, 6))
    await make_person(sessions, 1, "Europe/Berlin", clock.now())
    async with sessions.begin() as session:
        for row in (await session.execute(select(Reminder))).scalars():
            row.minute_of_day = 9 * 60
            reminders.reschedule(row, (await session.get(User, 1)), clock.now())
    clock.set(at(BERLIN, 26, 9))
    crashed = dispatcher(sessions, notifier, clock, lease=timedelta(seconds=30))
    assert len(await crashed._claim_and_plan()) == 3  # claimed and reserved, then "killed"
    clock.advance(timedelta(seconds=10))
    assert await dispatcher(sessions, notifier, clock, "w2").run_once() == 0  # lease still held
    clock.advance(timedelta(seconds=30))
    await dispatcher(sessions, notifier, clock, "w2").run_once()
    assert [m.kind for m in notifier.sent] == ["checkin"]
    async with sessions() as session:
        statuses = dict((await session.execute(select(Delivery.kind, Delivery.status))).all())
    assert statuses == {"selfcare": "uncertain", "affirmation": "uncertain", "checkin": "sent"}


async def test_two_dispatchers_send_each_message_exactly_once(database_url, sessions):
    clock = ManualClock(at(BERLIN, 26, 6))
    for user_id in range(1, 61):
        await make_person(sessions, user_id, "Europe/Berlin", clock.now())
    clock.set(at(BERLIN, 26, 9))
    notifier = RecordingNotifier(delay=0.002)
    engines = [create_engine(database_url) for _ in range(2)]
    try:
        workers = [
            Dispatcher(create_sessionmaker(e), notifier, clock, f"w{i}", batch_size=7)
            for i, e in enumerate(engines)
        ]
        await asyncio.gather(*(w.run_once(budget_seconds=30) for w in workers))
    finally:
        for engine in engines:
            await engine.dispose()
    assert sorted(m.user_id for m in notifier.sent) == list(range(1, 61))
    assert all(w.stats.sent for w in workers) or database_url.startswith("sqlite")


async def test_snooze_brings_the_same_nudge_back_twice_at_most(sessions, notifier):
    clock = ManualClock(at(BERLIN, 26, 6))
    await make_person(sessions, 1, "Europe/Berlin", clock.now())
    work = dispatcher(sessions, notifier, clock)
    clock.set(at(BERLIN, 26, 9))
    await work.run_once()
    for expected_attempt in (1, 2):
        clock.advance(timedelta(minutes=5))
        async with sessions.begin() as session:
            reply = await nudges.respond(
                session, 1, notifier.sent[-1].delivery_id, "later", clock.now()
            )
        assert reply.outcome is nudges.NudgeOutcome.LATER
        assert reply.comes_back_at == clock.now() + timedelta(hours=1)
        clock.advance(timedelta(hours=1))
        await work.run_once()
        assert notifier.sent[-1].attempt == expected_attempt
        assert notifier.sent[-1].text == notifier.sent[0].text
    assert not notifier.sent[-1].can_snooze
    async with sessions.begin() as session:
        reply = await nudges.respond(
            session, 1, notifier.sent[-1].delivery_id, "later", clock.now()
        )
    assert reply.outcome is nudges.NudgeOutcome.LATER_LIMIT
    assert (await reminder(sessions, 1, "selfcare")).next_fire_at == at(BERLIN, 27, 9)


async def test_snooze_into_quiet_hours_waits_for_their_end(sessions, notifier):
    clock = ManualClock(at(BERLIN, 26, 6))
    await make_person(sessions, 1, "Europe/Berlin", clock.now())
    async with sessions.begin() as session:
        user = await session.get(User, 1)
        assert user is not None
        assert not isinstance(
            await reminders.set_time(
                session, user, reminders.Kind.SELFCARE, 21 * 60 + 30, clock.now()
            ),
            reminders.ScheduleRefusal,
        )
    clock.set(at(BERLIN, 26, 21, 30))
    work = dispatcher(sessions, notifier, clock)
    await work.run_once()
    async with sessions.begin() as session:
        reply = await nudges.respond(
            session,
            1,
            next(m for m in notifier.sent if m.kind == "selfcare").delivery_id,
            "later",
            clock.now(),
        )
    assert reply.comes_back_at == at(BERLIN, 27, 8)


async def test_someone_elses_nudge_cannot_be_touched(sessions, notifier):
    clock = ManualClock(at(BERLIN, 26, 6))
    await make_person(sessions, 1, "Europe/Berlin", clock.now())
    await make_person(sessions, 2, "Europe/Berlin", clock.now())
    clock.set(at(BERLIN, 26, 9))
    await dispatcher(sessions, notifier, clock).run_once()
    mine = notifier.to(1)[0].delivery_id
    for action in ("done", "later", "skip"):
        async with sessions.begin() as session:
            reply = await nudges.respond(session, 2, mine, action, clock.now())
        assert reply.outcome is nudges.NudgeOutcome.NOT_YOURS
    async with sessions() as session:
        delivery = await session.get(Delivery, mine)
        assert delivery is not None and delivery.response is None


class GatedNotifier(RecordingNotifier):
    """Holds each send until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.entered, self.gate = asyncio.Event(), asyncio.Event()

    async def send_scheduled(self, message):
        self.entered.set()
        await self.gate.wait()
        return await super().send_scheduled(message)


async def test_stopping_lets_the_batch_in_hand_finish_and_record(sessions):
    from scheduler.service import DispatchService

    clock = ManualClock(at(BERLIN, 26, 8, 59))
    await make_person(sessions, 1, "Europe/Berlin", clock.now())
    clock.set(at(BERLIN, 26, 9))
    notifier = GatedNotifier()
    service = DispatchService(
        dispatcher(sessions, notifier, clock), sessions, None, clock, total_rate=30, interval=0.05
    )
    await service.start()
    await asyncio.wait_for(notifier.entered.wait(), 5)
    stopping = asyncio.create_task(service.stop())
    # Stop has begun (the dispatcher claims nothing more) and waits for the gated batch.
    await wait_until(lambda: service.dispatcher._stopping, what="stop to begin")
    assert not stopping.done()
    notifier.gate.set()
    await asyncio.wait_for(stopping, 5)
    assert [m.kind for m in notifier.sent] == ["selfcare"]
    async with sessions() as session:
        delivery = (await session.execute(select(Delivery))).scalar_one()
        assert delivery.status == "sent"
        assert (await reminder(sessions, 1, "selfcare")).lease_owner is None
    assert [t for t in asyncio.all_tasks() if t is not asyncio.current_task()] == []


class InFlightNotifier(RecordingNotifier):
    """Holds every send until `wanted` are in flight at once (or lets them go when told)."""

    def __init__(self, wanted: int) -> None:
        super().__init__()
        self.wanted, self.in_flight, self.most = wanted, 0, 0
        self.gate = asyncio.Event()

    async def send_scheduled(self, message):
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        if self.in_flight >= self.wanted:
            self.gate.set()
        await self.gate.wait()
        self.in_flight -= 1
        return await super().send_scheduled(message)


async def test_the_next_batch_is_claimed_while_one_is_sent_and_each_goes_once(sessions):
    clock = ManualClock(at(BERLIN, 26, 6))
    for user_id in range(1, 21):
        await make_person(sessions, user_id, "Europe/Berlin", clock.now())
    clock.set(at(BERLIN, 26, 9))
    # Two batches of 5 in flight at once only happens if the second is claimed while the first
    # is still being sent; one at a time would wait for ever at the gate.
    notifier = InFlightNotifier(wanted=10)
    work = dispatcher(sessions, notifier, clock, batch_size=5, concurrency=10)
    async with asyncio.timeout(20):
        assert await work.run_once(budget_seconds=30) == 20
    assert notifier.most == 10
    assert sorted(m.user_id for m in notifier.sent) == list(range(1, 21))
    async with sessions() as session:
        statuses = (await session.execute(select(Delivery.status))).scalars().all()
        leased = await session.scalar(
            select(func.count()).select_from(Reminder).where(Reminder.lease_owner.is_not(None))
        )
    assert statuses == ["sent"] * 20 and leased == 0  # every batch recorded before returning


async def test_one_batch_at_a_time_keeps_no_more_than_a_batch_in_flight(sessions):
    clock = ManualClock(at(BERLIN, 26, 6))
    for user_id in range(1, 11):
        await make_person(sessions, user_id, "Europe/Berlin", clock.now())
    clock.set(at(BERLIN, 26, 9))
    notifier = InFlightNotifier(wanted=5)
    work = dispatcher(sessions, notifier, clock, batch_size=5, concurrency=10, pipeline=1)
    async with asyncio.timeout(20):
        assert await work.run_once(budget_seconds=30) == 10
    assert notifier.most == 5 and len(notifier.sent) == 10


async def test_ticks_fall_on_whole_multiples_of_the_interval(sessions):
    from scheduler.service import DispatchService

    clock = ManualClock(at(BERLIN, 26, 6))
    ticks: list[float] = []
    four = asyncio.Event()

    class Counting(Dispatcher):
        async def run_once(self, budget_seconds: float = 0.8) -> int:
            ticks.append(time.time())
            if len(ticks) >= 4:
                four.set()
            return 0

    work = Counting(sessions, RecordingNotifier(), clock, "w1")
    service = DispatchService(work, sessions, None, clock, total_rate=30, interval=0.5)
    await service.start()
    try:
        await asyncio.wait_for(four.wait(), 10)
    finally:
        await service.stop()
    # The first tick comes at once; the next ones just after whole multiples of 0.5 s (a tick at
    # the process's own phase would land anywhere in the half second).
    offsets = [round(t % 0.5, 3) for t in ticks[1:4]]
    assert all(offset < 0.2 for offset in offsets), offsets
