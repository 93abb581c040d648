"""A copy of everything stored about a person (/export), decrypted, and nothing of their
partner's: profile, settings, reminders, pairing, invite, monthly looks, the path, and (from
core.rights_writing) what they wrote."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core import hard_moments, measure, pairing, share_rights
from core.reminders import is_paused, reminders_of
from core.rights_writing import boundaries_of, iso, writing_of
from core.rules import DAY_NAMES, format_days, format_hhmm
from db.models import (
    Couple,
    Delivery,
    Invite,
    MonthlyCheck,
    Path,
    PathStep,
    ReportRequest,
    User,
)

EXPORT_FORMAT = 1


async def export_person(session: AsyncSession, user: User, now: datetime) -> dict[str, Any]:
    """Everything stored about `user`, decrypted, and nothing of their partner's."""
    schedule, paired = await _schedule(session, user), await _pairing(session, user)
    return {  # in the order the readable export shows them
        "format": EXPORT_FORMAT,
        "exported_at": now.isoformat(),
        "profile": _profile(user),
        "settings": _settings(user, now),
        "reminders": schedule["reminders"],
        "pairing": paired["pairing"],
        "erasure_warning": schedule["erasure_warning"],
        "reminder_answers": schedule["reminder_answers"],
        "invite": paired["invite"],
        **await writing_of(session, user),
        **await boundaries_of(session, user),
        "path": await _path(session, user),
        **await hard_moments.export(session, user),
        **await share_rights.export(session, user),
        **await _monthly(session, user),
    }


def _profile(user: User) -> dict[str, Any]:
    return {
        "telegram_id": user.id,
        "created_at": iso(user.created_at),
        "consent_at": iso(user.consent_at),
        "consent_version": user.consent_version,
        "role": user.role,
        "timezone": user.timezone,
        "language": user.language,
        "last_seen_at": iso(user.last_seen_at),
    }


def _settings(user: User, now: datetime) -> dict[str, Any]:
    return {
        "quiet_hours": None
        if user.quiet_start is None or user.quiet_end is None
        else [format_hhmm(user.quiet_start), format_hhmm(user.quiet_end)],
        "paused": is_paused(user, now),  # paused_since stays after a pause ends
        "paused_since": iso(user.paused_at),
        "paused_until": iso(user.paused_until),
        "discreet_previews": user.discreet,
        "ask_before_showing": user.ask_before_reveal,
        "boundary_review_in_summary": user.share_review,
        "tidy_chat": user.tidy_chat,
        "hard_moments_in_summary": user.hard_in_summary,
    }


async def _schedule(session: AsyncSession, user: User) -> dict[str, Any]:
    """Reminders, the answers given to them, and a pending erasure warning."""
    answered = await session.execute(
        select(Delivery)
        .where(Delivery.user_id == user.id, Delivery.response.is_not(None))
        .order_by(Delivery.slot_at, Delivery.id)
    )
    warned = user.erasure_warned_at
    return {
        "reminders": [
            {
                "kind": r.kind,
                "time": format_hhmm(r.minute_of_day),
                "days": format_days(r.days),
                "on": r.enabled,
                "next": iso(r.next_fire_at),
            }
            for r in await reminders_of(session, user.id)
        ],
        # Told that silence leads to erasure, and not heard from since (any message cancels it).
        "erasure_warning": None
        if warned is None or warned <= user.last_seen_at
        else {"warned_at": iso(warned), "cancelled_by_any_message": True},
        "reminder_answers": [
            {"kind": d.kind, "for": iso(d.slot_at), "sent_at": iso(d.sent_at), "answer": d.response}
            for d in answered.scalars()
        ],
    }


async def _pairing(session: AsyncSession, user: User) -> dict[str, Any]:
    """Whether and since when paired, the couple's review day, and an invite made."""
    couple_id = user.couple_id
    since = await pairing.couple_since(session, couple_id) if couple_id is not None else None
    couple = await session.get(Couple, couple_id) if couple_id is not None else None
    review_day = couple.review_day if couple is not None else None
    invite = (
        await session.execute(select(Invite).where(Invite.inviter_id == user.id))
    ).scalar_one_or_none()
    return {
        "pairing": {
            "paired": couple_id is not None,
            "since": iso(since),
            "boundary_review_day": None if review_day is None else DAY_NAMES[review_day],
        },
        "invite": None
        if invite is None
        else {
            "created_at": iso(invite.created_at),
            "expires_at": iso(invite.expires_at),
            "used_at": iso(invite.used_at),
        },
    }


async def _monthly(session: AsyncSession, user: User) -> dict[str, Any]:
    """The person's monthly looks (numbers) and couple-report requests they made or answered."""
    looks = await session.execute(
        select(MonthlyCheck).where(MonthlyCheck.user_id == user.id).order_by(MonthlyCheck.month)
    )
    requests = await session.execute(
        select(ReportRequest)
        .where((ReportRequest.requester_id == user.id) | (ReportRequest.approver_id == user.id))
        .order_by(ReportRequest.id)
    )
    return {
        "monthly_looks": [
            {
                "month": look.month.isoformat()[:7],
                **{q: getattr(look, q) for q in measure.QUESTIONS},
                "score": measure.score(look),
                "skipped": look.skipped,
                "shared_with_partner": look.shared,
            }
            for look in looks.scalars()
        ],
        "couple_report_requests": [
            {
                "asked_by": "me" if r.requester_id == user.id else "partner",
                "period": r.period,
                "asked_at": iso(r.created_at),
                "answer": r.answer,
            }
            for r in requests.scalars()
        ],
    }


async def _path(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """The person's steps on a path: stage, when things happened, their own reflection."""
    rows = await session.execute(
        select(PathStep, Path)
        .join(Path, Path.id == PathStep.path_id)
        .where(PathStep.user_id == user.id)
        .order_by(PathStep.path_id, PathStep.stage)
    )
    return [
        {
            "stage": step.stage,
            "together": walk.couple_id is not None,
            "path_status": walk.status,
            "opened_at": iso(step.opened_at),
            "ready_at": iso(step.ready_at),
            "what_helped": step.helped,
            "what_was_hard": step.hard,
            "kept_private": step.held,
            "answered_at": iso(step.answered_at),
            "shown_to_each_other": step.revealed_at is not None,
        }
        for step, walk in rows.all()
    ]
