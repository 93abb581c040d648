"""The per-reminder policy (core.policy) on plain rows and a fixed time: every way a due reminder
can go (send, skip, wait out quiet hours, the partner-paused notice) and when it is due next."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core import policy, rules
from core.policy import Action
from db.models import Reminder, User

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


def person(user_id: int = 1, **changes: object) -> User:
    values: dict[str, object] = {
        "id": user_id,
        "timezone": "Europe/Berlin",
        "active": True,
        "quiet_start": 22 * 60,
        "quiet_end": 8 * 60,
        "paused_at": None,
        "paused_until": None,
        "checkin_pause_noted_at": None,
    }
    values.update(changes)
    return User(**values)


def due_at(moment: datetime, kind: str = "selfcare", minute: int = 9 * 60, **changes) -> Reminder:
    """A reminder whose occurrence at `moment` is due (every day at `minute`, Berlin time)."""
    values: dict[str, object] = {
        "id": 1,
        "user_id": 1,
        "kind": kind,
        "minute_of_day": minute,
        "days": rules.EVERY_DAY,
        "enabled": True,
        "next_fire_at": moment,
        "slot_at": moment,
        "snoozes": 0,
    }
    values.update(changes)
    return Reminder(**values)


def test_a_reminder_due_now_is_sent_and_next_due_at_its_next_occurrence():
    now = berlin(26, 9)
    reminder, user = due_at(now), person()
    assert policy.decide(reminder, user, None, now) == policy.Decision(Action.SEND, None, "due")
    assert policy.after_send(reminder, user, now) == berlin(27, 9)


@pytest.mark.parametrize(
    ("user_changes", "reminder_changes"),
    [({"active": False}, {}), ({"timezone": None}, {}), ({}, {"enabled": False})],
)
def test_nobody_to_send_to_is_skipped_for_good(user_changes, reminder_changes):
    now = berlin(26, 9)
    decision = policy.decide(due_at(now, **reminder_changes), person(**user_changes), None, now)
    assert decision == policy.Decision(Action.SKIP, None, "inactive")


def test_after_downtime_old_occurrences_are_skipped_and_the_newest_is_due_now():
    # Down from Thursday 09:00 to Friday 10:00: Friday's 09:00 is only an hour late.
    now = berlin(27, 10)
    decision = policy.decide(due_at(berlin(26, 9)), person(), None, now)
    assert decision == policy.Decision(Action.SKIP, berlin(27, 9), "too_late")


def test_too_late_with_no_newer_occurrence_moves_to_the_next_one():
    now = berlin(26, 11, 30)  # 09:00 is 2.5 hours late and nothing newer is due yet
    decision = policy.decide(due_at(berlin(26, 9)), person(), None, now)
    assert decision == policy.Decision(Action.SKIP, berlin(27, 9), "too_late")


def test_within_the_grace_a_late_occurrence_is_still_sent():
    now = berlin(26, 9) + policy.MISFIRE_GRACE - timedelta(minutes=1)
    assert policy.decide(due_at(berlin(26, 9)), person(), None, now).action is Action.SEND


def test_a_pause_skips_to_the_first_occurrence_after_it():
    now = berlin(26, 9)
    user = person(paused_at=berlin(25, 12), paused_until=berlin(28, 12))
    decision = policy.decide(due_at(now), user, None, now)
    assert decision == policy.Decision(Action.SKIP, berlin(29, 9), "paused")


def test_quiet_hours_defer_the_same_occurrence_to_their_end():
    now = berlin(26, 23)
    reminder = due_at(now, minute=23 * 60)
    decision = policy.decide(reminder, person(), None, now)
    assert decision == policy.Decision(Action.DEFER, berlin(27, 8), "quiet_hours")
    assert policy.quiet_now(person(), now) and not policy.quiet_now(person(), berlin(27, 8))


def test_no_quiet_hours_means_never_quiet():
    now = berlin(26, 23)
    user = person(quiet_start=None, quiet_end=None)
    assert not policy.quiet_now(user, now)
    assert policy.after_quiet(user, now) == now
    assert policy.decide(due_at(now, minute=23 * 60), user, None, now).action is Action.SEND


def test_a_paused_partner_turns_the_check_in_into_one_notice_then_silence():
    now = berlin(26, 20, 30)
    reminder = due_at(now, kind="checkin", minute=20 * 60 + 30)
    partner = person(2, paused_at=berlin(26, 12), paused_until=berlin(30, 12))
    user = person()
    first = policy.decide(reminder, user, partner, now)
    assert first == policy.Decision(Action.NOTICE, berlin(27, 20, 30), "partner_paused")
    user.checkin_pause_noted_at = now  # the dispatcher notes the notice
    later = policy.decide(reminder, user, partner, now)
    assert later == policy.Decision(Action.SKIP, berlin(27, 20, 30), "partner_paused")
    partner.paused_at = berlin(26, 21)  # a new pause is told again
    assert policy.decide(reminder, user, partner, now).action is Action.NOTICE


def test_a_paused_partner_does_not_touch_other_kinds():
    now = berlin(26, 9)
    partner = person(2, paused_at=berlin(26, 8), paused_until=berlin(30, 12))
    assert policy.decide(due_at(now), person(), partner, now).action is Action.SEND


def test_a_snooze_is_an_hour_unless_that_lands_in_quiet_hours():
    user = person()
    assert policy.snooze_until(user, berlin(26, 9)) == berlin(26, 10)
    assert policy.snooze_until(user, berlin(26, 21, 30)) == berlin(27, 8)
