"""Data rights: a copy of everything about a person, and erasing them for good."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from core import pairing
from core.reminders import reminders_of
from db.models import Invite, User
from scheduler.rules import format_days, format_hhmm

EXPORT_FORMAT = 1


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


async def export_person(session: AsyncSession, user: User, now: datetime) -> dict[str, Any]:
    """Everything stored about `user`, decrypted, and nothing of their partner's."""
    since = (
        await pairing.couple_since(session, user.couple_id) if user.couple_id is not None else None
    )
    invite = (
        await session.execute(select(Invite).where(Invite.inviter_id == user.id))
    ).scalar_one_or_none()
    return {
        "format": EXPORT_FORMAT,
        "exported_at": now.isoformat(),
        "profile": {
            "telegram_id": user.id,
            "created_at": _iso(user.created_at),
            "consent_at": _iso(user.consent_at),
            "consent_version": user.consent_version,
            "role": user.role,
            "timezone": user.timezone,
            "last_seen_at": _iso(user.last_seen_at),
        },
        "settings": {
            "quiet_hours": None
            if user.quiet_start is None or user.quiet_end is None
            else [format_hhmm(user.quiet_start), format_hhmm(user.quiet_end)],
            "paused_until": _iso(user.paused_until),
            "discreet_previews": user.discreet,
        },
        "reminders": [
            {
                "kind": r.kind,
                "time": format_hhmm(r.minute_of_day),
                "days": format_days(r.days),
                "on": r.enabled,
                "next": _iso(r.next_fire_at),
            }
            for r in await reminders_of(session, user.id)
        ],
        "pairing": {"paired": user.couple_id is not None, "since": _iso(since)},
        "invite": None
        if invite is None
        else {
            "created_at": _iso(invite.created_at),
            "expires_at": _iso(invite.expires_at),
            "used_at": _iso(invite.used_at),
        },
    }


@dataclass(frozen=True)
class Erased:
    """A person was erased; their former partner (if any) is told only that the pairing ended."""

    user_id: int
    former_partner_id: int | None


async def erase_person(session: AsyncSession, user_id: int) -> Erased | None:
    """Delete every row about a person (rows, not flags). None if nothing was stored."""
    user = await session.get(User, user_id)
    if user is None:
        return None
    partner_id = None
    if user.couple_id is not None:
        ended = await pairing.unlink(session, user, user.couple_id)
        partner_id = ended.partner_id if ended else None
    await session.execute(delete(Invite).where(Invite.inviter_id == user_id))
    await session.execute(delete(User).where(User.id == user_id))
    session.expunge(user)
    await session.flush()
    return Erased(user_id=user_id, former_partner_id=partner_id)
