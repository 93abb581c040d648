"""The dispatcher's plan for one claimed reminder (scheduler.plan), on a real database with a
fixed time and no Telegram: what is sent, what is reserved, and how the row moves on."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core import policy
from db.models import Delivery, Reminder, User
from scheduler.plan import InFlight, plan
from tests.integration.conftest import make_couple, make_person

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


async def rows(session, user_id: int, kind: str) -> tuple[Reminder, User]:
    found = await session.execute(
        select(Reminder, User)
        .join(User, User.id == Reminder.user_id)
        .where(Reminder.user_id == user_id, Reminder.kind == kind)
    )
    reminder, user = found.one()
    return reminder, user


def delivery(reminder: Reminder, status: str, now: datetime) -> Delivery:
    assert reminder.slot_at is not None
    return Delivery(
        id=77,
        reminder_id=reminder.id,
        user_id=reminder.user_id,
        kind=reminder.kind,
        slot_at=reminder.slot_at,
        attempt=reminder.snoozes,
        item_id="earlier",
        status=status,
        created_at=now,
    )


def occurrence(reminder: Reminder, earlier: Delivery) -> InFlight:
    return {(reminder.id, earlier.slot_at, earlier.attempt): earlier}


async def test_a_due_nudge_gets_a_new_item_a_reserved_delivery_and_its_next_time(sessions):
    now = berlin(26, 9)
    await make_person(sessions, 1, "Europe/Berlin", now - timedelta(hours=3))
    async with sessions() as session:
        reminder, user = await rows(session, 1, "selfcare")
        planned = await plan(session, reminder, user, None, {}, now, random.Random(1))
    message, reserved = planned.outgoing, planned.delivery
    assert message is not None and reserved is not None
    assert (message.kind, message.attempt, message.can_snooze, message.notice) == (
        "selfcare",
        0,
        True,
        False,
    )
    assert message.text and reminder.current_item == reserved.item_id
    assert reminder.current_item is not None and reminder.current_item in reminder.seen_items
    assert (reserved.status, reserved.slot_at) == ("sending", now)
    assert not reserved.id  # a new row, written with the batch
    assert planned.next_fire_at == berlin(27, 9) and planned.outcome == ""


async def test_a_snoozed_repeat_is_the_same_item_and_the_last_cannot_be_snoozed(sessions):
    now = berlin(26, 9)
    await make_person(sessions, 1, "Europe/Berlin", now - timedelta(hours=3))
    async with sessions() as session:
        reminder, user = await rows(session, 1, "selfcare")
        first = await plan(session, reminder, user, None, {}, now, random.Random(1))
        assert first.outgoing is not None
        item = reminder.current_item
        for attempt in range(1, policy.MAX_SNOOZES + 1):
            reminder.snoozes = attempt
            again = await plan(session, reminder, user, None, {}, now, random.Random(2))
            assert again.outgoing is not None
            assert (again.outgoing.text, again.outgoing.attempt) == (first.outgoing.text, attempt)
            assert again.outgoing.can_snooze is (attempt < policy.MAX_SNOOZES)
            assert reminder.current_item == item


async def test_an_occurrence_already_recorded_is_never_sent_twice(sessions):
    now = berlin(26, 9)
    await make_person(sessions, 1, "Europe/Berlin", now - timedelta(hours=3))
    async with sessions() as session:
        reminder, user = await rows(session, 1, "selfcare")
        earlier = delivery(reminder, "sent", now)
        planned = await plan(
            session, reminder, user, None, occurrence(reminder, earlier), now, random.Random(1)
        )
    assert planned.outgoing is None and earlier.status == "sent"
    assert planned.next_fire_at == reminder.next_fire_at == reminder.slot_at == berlin(27, 9)
    assert reminder.lease_owner is None


async def test_a_nudge_left_in_flight_by_a_crash_is_given_up_as_uncertain(sessions):
    now = berlin(26, 9, 5)
    await make_person(sessions, 1, "Europe/Berlin", now - timedelta(hours=3))
    async with sessions() as session:
        reminder, user = await rows(session, 1, "selfcare")
        earlier = delivery(reminder, "sending", now)
        planned = await plan(
            session, reminder, user, None, occurrence(reminder, earlier), now, random.Random(1)
        )
    assert planned.outgoing is None and planned.outcome == "uncertain"
    assert earlier.status == "uncertain"
    assert reminder.next_fire_at == berlin(27, 9)


async def test_a_check_in_left_in_flight_is_sent_again_on_the_same_delivery(sessions):
    now = berlin(26, 20, 35)
    await make_person(sessions, 1, "Europe/Berlin", now - timedelta(hours=12))
    await make_person(sessions, 2, "Europe/Berlin", now - timedelta(hours=12), role="broke")
    await make_couple(sessions, 1, 2, now - timedelta(hours=12))
    async with sessions() as session:
        reminder, user = await rows(session, 1, "checkin")
        _, partner = await rows(session, 2, "checkin")
        earlier = delivery(reminder, "sending", now)
        planned = await plan(
            session, reminder, user, partner, occurrence(reminder, earlier), now, random.Random(1)
        )
    assert planned.delivery is earlier and earlier.status == "sending"
    assert planned.outgoing is not None and planned.outgoing.delivery_id == 77
    assert planned.outgoing.ref is not None  # the round it opened
    assert not planned.outgoing.can_snooze


async def test_quiet_hours_defer_without_touching_the_occurrence(sessions):
    now = berlin(26, 23)
    await make_person(sessions, 1, "Europe/Berlin", now - timedelta(hours=3))
    async with sessions() as session:
        reminder, user = await rows(session, 1, "selfcare")
        reminder.next_fire_at = reminder.slot_at = now
        reminder.lease_owner, reminder.lease_until = "w1", now + timedelta(minutes=2)
        planned = await plan(session, reminder, user, None, {}, now, random.Random(1))
    assert (planned.outgoing, planned.outcome) == (None, "deferred")
    assert (reminder.next_fire_at, reminder.slot_at) == (berlin(27, 8), now)
    assert reminder.lease_owner is None and reminder.lease_until is None


async def test_a_skip_moves_to_the_next_occurrence_and_forgets_snoozes(sessions):
    now = berlin(26, 9)
    await make_person(sessions, 1, "Europe/Berlin", now - timedelta(hours=3))
    async with sessions() as session:
        reminder, user = await rows(session, 1, "selfcare")
        reminder.snoozes, reminder.current_item = 1, "whatever"
        user.paused_at, user.paused_until = now - timedelta(hours=1), berlin(28, 12)
        planned = await plan(session, reminder, user, None, {}, now, random.Random(1))
    assert (planned.outgoing, planned.outcome, planned.reason) == (None, "skipped", "paused")
    assert reminder.next_fire_at == reminder.slot_at == berlin(29, 9)
    assert reminder.snoozes == 0 and reminder.current_item is None


async def test_a_paused_partner_means_one_notice_noted_on_the_person(sessions):
    now = berlin(26, 20, 30)
    await make_person(sessions, 1, "Europe/Berlin", now - timedelta(hours=12))
    await make_person(sessions, 2, "Europe/Berlin", now - timedelta(hours=12), role="broke")
    await make_couple(sessions, 1, 2, now - timedelta(hours=12))
    async with sessions() as session:
        reminder, user = await rows(session, 1, "checkin")
        _, partner = await rows(session, 2, "checkin")
        partner.paused_at, partner.paused_until = now - timedelta(hours=1), berlin(30, 12)
        planned = await plan(session, reminder, user, partner, {}, now, random.Random(1))
    assert planned.outgoing is not None and planned.outgoing.notice
    assert planned.outgoing.text == ""
    assert planned.delivery is not None and planned.delivery.item_id == "notice"
    assert user.checkin_pause_noted_at == now
    assert planned.next_fire_at == berlin(27, 20, 30)
