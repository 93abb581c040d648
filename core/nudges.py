"""A person's answer to a self-care nudge: done, later (snooze), or not today."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from content import library, translations
from core import policy
from core.reminders import next_regular, release
from db.models import Delivery, Reminder, User

log = logging.getLogger(__name__)

SNOOZE_WINDOW = timedelta(hours=12)


class NudgeOutcome(StrEnum):
    """What pressing a nudge button did."""

    DONE = "done"
    LATER = "later"
    LATER_LIMIT = "later_limit"
    SKIPPED = "skipped"
    STALE = "stale"
    NOT_YOURS = "not_yours"


@dataclass(frozen=True)
class NudgeReply:
    """The outcome and, for a snooze, when the nudge comes back."""

    outcome: NudgeOutcome
    comes_back_at: datetime | None = None
    item_text: str | None = None  # the nudge's words, from the delivery (never the message)
    snoozed: bool = False  # the delivery was a snoozed nudge coming back


async def respond(
    session: AsyncSession, user_id: int, delivery_id: int, action: str, now: datetime
) -> NudgeReply:
    """Apply a button press to the presser's own delivery (anyone else's is refused)."""
    delivery = await session.get(Delivery, delivery_id)
    if delivery is None or delivery.kind != "selfcare":
        return NudgeReply(NudgeOutcome.STALE)
    if delivery.user_id != user_id:
        log.warning("nudge.forged delivery=%s presser=%s", delivery_id, user_id)
        return NudgeReply(NudgeOutcome.NOT_YOURS)
    reminder = await session.get(Reminder, delivery.reminder_id)
    user = await session.get(User, user_id)
    if reminder is None or user is None:
        return NudgeReply(NudgeOutcome.STALE)
    item = library.by_id().get(delivery.item_id or "")
    reply = await _apply(session, delivery, reminder, user, action, now)
    return NudgeReply(
        reply.outcome,
        reply.comes_back_at,
        item_text=translations.text(item, user.language) if item is not None else None,
        snoozed=delivery.attempt > 0,
    )


async def _apply(
    session: AsyncSession,
    delivery: Delivery,
    reminder: Reminder,
    user: User,
    action: str,
    now: datetime,
) -> NudgeReply:
    if action == "done":
        delivery.response = "done"
        return NudgeReply(NudgeOutcome.DONE)
    if action == "skip":
        delivery.response = "skip"
        if reminder.snoozes > delivery.attempt and reminder.slot_at == delivery.slot_at:
            reminder.next_fire_at = reminder.slot_at = next_regular(reminder, user, now)
            reminder.snoozes, reminder.current_item = 0, None
            release(reminder)
        return NudgeReply(NudgeOutcome.SKIPPED)
    if delivery.response == "later":
        return NudgeReply(NudgeOutcome.LATER, reminder.next_fire_at)
    if delivery.attempt >= policy.MAX_SNOOZES:
        return NudgeReply(NudgeOutcome.LATER_LIMIT)
    newer = await session.execute(
        select(
            exists().where(
                Delivery.reminder_id == delivery.reminder_id,
                or_(
                    Delivery.slot_at > delivery.slot_at,
                    (Delivery.slot_at == delivery.slot_at) & (Delivery.attempt > delivery.attempt),
                ),
            )
        )
    )
    if newer.scalar() or now - delivery.created_at > SNOOZE_WINDOW:
        return NudgeReply(NudgeOutcome.STALE)
    delivery.response = "later"
    reminder.slot_at = delivery.slot_at
    reminder.snoozes = delivery.attempt + 1
    reminder.current_item = delivery.item_id
    reminder.next_fire_at = policy.snooze_until(user, now)
    release(reminder)
    return NudgeReply(NudgeOutcome.LATER, reminder.next_fire_at)
