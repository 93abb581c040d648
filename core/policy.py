"""What to do with one due reminder: send it, wait out quiet hours, or skip to the next time.

Pure rules over plain values, so every case is testable with a fake clock and no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from core import rules, timezones
from core.reminders import is_paused, next_regular
from db.models import Reminder, User

# Due while the bot was down: sent if less late than this, otherwise skipped to the next time.
MISFIRE_GRACE = timedelta(hours=2)
SNOOZE = timedelta(hours=1)
MAX_SNOOZES = 2


class Action(StrEnum):
    """The outcome of a decision."""

    SEND = "send"
    DEFER = "defer"  # quiet hours: same occurrence, later
    SKIP = "skip"  # this occurrence is not sent; the next regular one is scheduled
    NOTICE = "notice"  # joint check-in skipped, and the person is told once why (no detail)


@dataclass(frozen=True)
class Decision:
    """What happens now and when the reminder is due next."""

    action: Action
    next_fire_at: datetime | None
    reason: str = ""


def quiet_now(user: User, now: datetime) -> bool:
    """Whether now is inside the person's quiet hours."""
    if user.timezone is None:
        return False
    return rules.in_quiet_hours(
        now, timezones.zone(user.timezone), user.quiet_start, user.quiet_end
    )


def after_quiet(user: User, moment: datetime) -> datetime:
    """`moment`, or the end of quiet hours if it falls inside them."""
    if user.timezone is None or user.quiet_end is None:
        return moment
    zone = timezones.zone(user.timezone)
    if not rules.in_quiet_hours(moment, zone, user.quiet_start, user.quiet_end):
        return moment
    return rules.quiet_end_after(moment, zone, user.quiet_end)


def _skip(
    reminder: Reminder, user: User, now: datetime, reason: str, not_before: datetime | None = None
) -> Decision:
    base = reminder.slot_at or now
    after = max(base, now, not_before or base)
    return Decision(Action.SKIP, next_regular(reminder, user, after), reason)


def decide(reminder: Reminder, user: User, partner: User | None, now: datetime) -> Decision:
    """Decide for one claimed, due reminder."""
    due = reminder.next_fire_at or now
    if not user.active or user.timezone is None or not reminder.enabled:
        return Decision(Action.SKIP, None, "inactive")
    if now - due > MISFIRE_GRACE:
        # However long the bot was down, the newest occurrence may be only minutes late: the
        # old ones are skipped and that one becomes due now (sent at the next pass, once).
        recent = next_regular(reminder, user, now - MISFIRE_GRACE)
        if recent is not None and due < recent <= now:
            return Decision(Action.SKIP, recent, "too_late")
        return _skip(reminder, user, now, "too_late")
    if is_paused(user, now):
        until = user.paused_until
        return _skip(reminder, user, now, "paused", not_before=until)
    if quiet_now(user, now):
        return Decision(Action.DEFER, after_quiet(user, now), "quiet_hours")
    if reminder.kind == "checkin" and partner is not None and is_paused(partner, now):
        told = user.checkin_pause_noted_at
        partner_paused_at = partner.paused_at or now
        action = Action.NOTICE if told is None or told < partner_paused_at else Action.SKIP
        return Decision(
            action,
            next_regular(reminder, user, max(reminder.slot_at or now, now)),
            "partner_paused",
        )
    return Decision(Action.SEND, None, "due")


def after_send(reminder: Reminder, user: User, now: datetime) -> datetime | None:
    """When a reminder is due after it was sent: its next regular occurrence."""
    return next_regular(reminder, user, max(reminder.slot_at or now, now))


def snooze_until(user: User, now: datetime) -> datetime:
    """An hour from now, moved to the end of quiet hours if it would land inside them."""
    return after_quiet(user, now + SNOOZE)
