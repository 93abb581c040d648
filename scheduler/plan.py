"""Deciding one claimed reminder: skip it, wait out quiet hours, a notice, or which message.

The rule itself is `core.policy.decide`; this applies it to the claimed rows (the reminder's
schedule columns, a delivery reserved for the message) inside the claim's transaction, and
handles an occurrence a crashed process left in flight. Nothing here commits or sends.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from content import library, translations
from core import checkins, languages, path_messages, path_schedule, policy, share
from db.models import Delivery, Reminder, User
from scheduler.outbox import RESEND_IF_UNCERTAIN, Outgoing, SendResult

log = logging.getLogger(__name__)

# Deliveries already reserved for the occurrences claimed now, by (reminder, slot, attempt).
InFlight = dict[tuple[int, datetime, int], Delivery]


@dataclass
class Planned:
    """One claimed reminder: what was decided, and (once sent) how the send ended."""

    reminder_id: int
    user_id: int
    kind: str
    due: datetime
    outgoing: Outgoing | None = None  # None: nothing to send for this claim
    delivery: Delivery | None = None
    next_fire_at: datetime | None = None
    result: SendResult | None = None  # None: not sent (the lease was about to run out)
    lease_until: datetime | None = None  # this batch's lease: its end is also its fencing token
    outcome: str = ""  # decided without a send: "skipped", "deferred" or "uncertain"
    reason: str = ""  # the policy's reason for a skip


async def plan(
    session: AsyncSession,
    reminder: Reminder,
    user: User,
    partner: User | None,
    in_flight: InFlight,
    now: datetime,
    rng: random.Random,
    section: str | None = None,
) -> Planned:
    """Decide for a claimed, due reminder and change its row to match (not flushed).

    A message to send gets a 'sending' delivery (a new object, or the one left in flight by a
    crashed process for a kind that is resent) and an `Outgoing`; a skip, a deferral or an
    occurrence given up ends with `outgoing` None and the lease released. `section`: the
    guide section the person's path is at (its items come first in the rotation).
    """
    due = reminder.next_fire_at or now
    planned = Planned(reminder.id, user.id, reminder.kind, due)
    decision = policy.decide(reminder, user, partner, now)
    if decision.action in (policy.Action.SKIP, policy.Action.DEFER):
        _hold(reminder, decision, planned)
        return planned
    slot = reminder.slot_at or due
    reminder.slot_at = slot
    earlier = in_flight.get((reminder.id, slot, reminder.snoozes))
    if earlier is not None and _settled_earlier(reminder, user, earlier, planned, now):
        return planned
    path_message = None
    if reminder.kind == path_schedule.KIND and decision.action is policy.Action.SEND:
        path_message = await path_messages.due(session, user, now)
        if path_message is None:  # nothing of the path waits today
            release(reminder, policy.after_send(reminder, user, now))
            return planned
    notice = decision.action is policy.Action.NOTICE
    message: tuple[str, str, int | None]
    if path_message is not None:
        message = (path_message.text, path_message.item_id, path_message.path_id)
        planned.next_fire_at = policy.after_send(reminder, user, now)
    elif notice:
        user.checkin_pause_noted_at = now
        message = ("", "notice", None)
        planned.next_fire_at = decision.next_fire_at
    else:
        message = await content(session, reminder, user, partner, now, rng, section)
        # Decided now, so recording needs no second read (a change by the person in between
        # releases the lease, and then this value is not written).
        planned.next_fire_at = policy.after_send(reminder, user, now)
    _reserve(planned, reminder, user, earlier, message, notice, now, paired=partner is not None)
    return planned


def release(reminder: Reminder, next_fire_at: datetime | None) -> None:
    """Move the reminder to `next_fire_at` as a fresh occurrence and give up the lease."""
    reminder.next_fire_at = reminder.slot_at = next_fire_at
    reminder.snoozes, reminder.current_item = 0, None
    reminder.lease_owner = reminder.lease_until = None


async def content(
    session: AsyncSession,
    reminder: Reminder,
    user: User,
    partner: User | None,
    now: datetime,
    rng: random.Random,
    section: str | None = None,
) -> tuple[str, str, int | None]:
    """The item to send as (text, item id, check-in round id or None): the same one again for
    a snooze, else the next unseen one; a check-in prompt opens or joins today's round. The
    text is in the reader's language (the choice and the rotation are by id, whatever it is)."""
    if reminder.current_item and reminder.snoozes:
        item = library.by_id().get(reminder.current_item)
        if item is not None:
            return translations.text(item, user.language), item.id, None
    if reminder.kind == "checkin":
        round_, item = await checkins.todays_prompt(session, user, partner, now, rng)
        reminder.current_item = item.id
        return translations.text(item, user.language), item.id, round_.id
    if reminder.kind == "summary":
        return "", "summary", None
    if reminder.kind == share.KIND:
        invitation = await share.due_invitation(session, reminder, user, now)
        return "", "renew" if invitation.renew else "invite", invitation.plan_id
    candidates = library.pool(reminder.kind, [user.role], allow_explicit=not user.discreet)
    item, reminder.seen_items = library.choose(candidates, reminder.seen_items, rng, section)
    reminder.current_item = item.id
    return translations.text(item, user.language), item.id, None


def _hold(reminder: Reminder, decision: policy.Decision, planned: Planned) -> None:
    """Not sent now: a skip moves to the next occurrence, a deferral keeps this one."""
    skip = decision.action is policy.Action.SKIP
    planned.outcome = "skipped" if skip else "deferred"
    if skip:
        planned.reason = decision.reason
        reminder.slot_at = decision.next_fire_at
        reminder.snoozes, reminder.current_item = 0, None
    reminder.next_fire_at = decision.next_fire_at
    reminder.lease_owner = reminder.lease_until = None


def _settled_earlier(
    reminder: Reminder, user: User, earlier: Delivery, planned: Planned, now: datetime
) -> bool:
    """Whether a delivery already made for this occurrence settles it (nothing is sent).

    One recorded (only after manual edits) is never sent twice; one a crashed process left
    'sending' is given up as uncertain, unless its kind is resent (RESEND_IF_UNCERTAIN)."""
    if earlier.status != "sending":
        planned.next_fire_at = policy.after_send(reminder, user, now)
        release(reminder, planned.next_fire_at)
        return True
    if RESEND_IF_UNCERTAIN.get(reminder.kind, False):
        return False
    earlier.status = "uncertain"
    planned.outcome = "uncertain"
    log.warning("dispatch.in_flight_dropped reminder=%s kind=%s", reminder.id, reminder.kind)
    release(reminder, policy.after_send(reminder, user, now))
    return True


def _reserve(
    planned: Planned,
    reminder: Reminder,
    user: User,
    earlier: Delivery | None,
    message: tuple[str, str, int | None],
    notice: bool,
    now: datetime,
    *,
    paired: bool,
) -> None:
    """The delivery row (written with the batch) and the message to hand to the Notifier."""
    text, item_id, ref = message
    attempt = reminder.snoozes
    delivery = earlier or Delivery(
        reminder_id=reminder.id,
        user_id=user.id,
        kind=reminder.kind,
        slot_at=reminder.slot_at,
        attempt=attempt,
        item_id=item_id,
        status="sending",
        created_at=now,
    )
    planned.delivery = delivery
    planned.outgoing = Outgoing(
        delivery_id=delivery.id or 0,
        user_id=user.id,
        kind=reminder.kind,
        text=text,
        attempt=attempt,
        discreet=user.discreet,
        notice=notice,
        can_snooze=reminder.kind == "selfcare" and attempt < policy.MAX_SNOOZES,
        ref=ref,
        item_id=item_id,
        language=languages.known(user.language),
        paired=paired,
    )
