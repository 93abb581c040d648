"""Data rights: a copy of everything about a person, and erasing them for good."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from content import library
from core import boundaries, checkins, hard_moments, measure, pairing, path_erase, share_rights
from core.reminders import reminders_of
from core.rules import DAY_NAMES, format_days, format_hhmm
from db.envelope import cache_of
from db.models import (
    Appreciation,
    Boundary,
    BoundaryResponse,
    BoundaryReview,
    BoundaryVersion,
    CheckinAnswer,
    CheckinRound,
    Couple,
    Delivery,
    HeldMessage,
    Invite,
    JournalEntry,
    MonthlyCheck,
    Path,
    PathStep,
    Reminder,
    ReportRequest,
    User,
)

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
    couple = await session.get(Couple, user.couple_id) if user.couple_id is not None else None
    review_day = couple.review_day if couple is not None else None
    warned = user.erasure_warned_at
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
            "language": user.language,
            "last_seen_at": _iso(user.last_seen_at),
        },
        "settings": {
            "quiet_hours": None
            if user.quiet_start is None or user.quiet_end is None
            else [format_hhmm(user.quiet_start), format_hhmm(user.quiet_end)],
            "paused": user.paused_at is not None,
            "paused_since": _iso(user.paused_at),
            "paused_until": _iso(user.paused_until),
            "discreet_previews": user.discreet,
            "ask_before_showing": user.ask_before_reveal,
            "boundary_review_in_summary": user.share_review,
            "tidy_chat": user.tidy_chat,
            "hard_moments_in_summary": user.hard_in_summary,
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
        "pairing": {
            "paired": user.couple_id is not None,
            "since": _iso(since),
            "boundary_review_day": None if review_day is None else DAY_NAMES[review_day],
        },
        # Told that silence leads to erasure, and not heard from since (any message cancels it).
        "erasure_warning": None
        if warned is None or warned <= user.last_seen_at
        else {"warned_at": _iso(warned), "cancelled_by_any_message": True},
        "reminder_answers": [
            {
                "kind": d.kind,
                "for": _iso(d.slot_at),
                "sent_at": _iso(d.sent_at),
                "answer": d.response,
            }
            for d in (
                await session.execute(
                    select(Delivery)
                    .where(Delivery.user_id == user.id, Delivery.response.is_not(None))
                    .order_by(Delivery.slot_at, Delivery.id)
                )
            ).scalars()
        ],
        "invite": None
        if invite is None
        else {
            "created_at": _iso(invite.created_at),
            "expires_at": _iso(invite.expires_at),
            "used_at": _iso(invite.used_at),
        },
        **await _writing(session, user),
        **await _boundaries(session, user),
        "path": await _path(session, user),
        **await hard_moments.export(session, user),
        **await share_rights.export(session, user),
        **await _monthly(session, user),
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
                "asked_at": _iso(r.created_at),
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
            "opened_at": _iso(step.opened_at),
            "ready_at": _iso(step.ready_at),
            "what_helped": step.helped,
            "what_was_hard": step.hard,
            "kept_private": step.held,
            "answered_at": _iso(step.answered_at),
            "shown_to_each_other": step.revealed_at is not None,
        }
        for step, walk in rows.all()
    ]


async def _boundaries(session: AsyncSession, user: User) -> dict[str, Any]:
    """The person's boundaries with every version and the answers they got; their own answers
    and review verdicts on their partner's boundaries (without the partner's words)."""
    owned = (
        (
            await session.execute(
                select(Boundary).where(Boundary.owner_id == user.id).order_by(Boundary.id)
            )
        )
        .scalars()
        .all()
    )
    mine = []
    for boundary in owned:
        versions, responses = await boundaries.history(session, boundary)
        mine.append(
            {
                "id": boundary.id,
                "category": boundary.category,
                "statement": boundary.statement,
                "consequence": boundary.consequence,
                "status": boundary.status,
                "created_at": _iso(boundary.created_at),
                "shared_at": _iso(boundary.shared_at),
                "retired_at": _iso(boundary.retired_at),
                "versions": [
                    {
                        "version": v.version,
                        "written_at": _iso(v.created_at),
                        "statement": v.statement,
                        "consequence": v.consequence,
                    }
                    for v in versions
                ],
                "partner_answers": [
                    {
                        "version": r.version,
                        "answer": r.response,
                        "at": _iso(r.created_at),
                        "note": r.note if r.relayed_at is not None else None,
                    }
                    for r in responses
                ],
            }
        )
    given = await session.execute(
        select(BoundaryResponse)
        .where(BoundaryResponse.user_id == user.id)
        .order_by(BoundaryResponse.created_at, BoundaryResponse.id)
    )
    reviews = await session.execute(
        select(BoundaryReview, CheckinRound.local_date, Boundary.owner_id)
        .join(CheckinRound, CheckinRound.id == BoundaryReview.round_id)
        .join(Boundary, Boundary.id == BoundaryReview.boundary_id)
        .where(BoundaryReview.user_id == user.id)
        .order_by(CheckinRound.local_date, BoundaryReview.id)
    )
    return {
        "boundaries": mine,
        "answers_to_partner_boundaries": [
            {
                "version": r.version,
                "answer": r.response,
                "at": _iso(r.created_at),
                "note": r.note,
                "note_delivered": r.relayed_at is not None,
            }
            for r in given.scalars()
        ],
        "boundary_reviews": [
            {
                "date": day.isoformat(),
                "boundary": review.boundary_id if owner == user.id else None,
                "whose": "mine" if owner == user.id else "partner's",
                "verdict": review.verdict,
            }
            for review, day, owner in reviews.all()
        ],
    }


async def _writing(session: AsyncSession, user: User) -> dict[str, Any]:
    """The person's own check-in answers, journal and appreciations (sent and received)."""
    answers = await session.execute(
        select(CheckinAnswer, CheckinRound)
        .join(CheckinRound, CheckinRound.id == CheckinAnswer.round_id)
        .where(CheckinAnswer.user_id == user.id)
        .order_by(CheckinRound.local_date, CheckinAnswer.id)
    )
    journal = await session.execute(
        select(JournalEntry)
        .where(JournalEntry.user_id == user.id)
        .order_by(JournalEntry.created_at, JournalEntry.id)
    )
    notes = await session.execute(
        select(Appreciation)
        .where((Appreciation.from_user_id == user.id) | (Appreciation.to_user_id == user.id))
        .order_by(Appreciation.created_at, Appreciation.id)
    )
    held = await session.execute(
        select(HeldMessage)
        .where(HeldMessage.user_id == user.id, HeldMessage.text.is_not(None))
        .order_by(HeldMessage.id)
    )
    prompts = library.by_id()
    return {
        "checkins": [
            {
                "date": round_.local_date.isoformat(),
                "with_partner": round_.couple_id is not None,
                "question": prompts[round_.prompt_id].text if round_.prompt_id in prompts else None,
                **{q: getattr(a, q) for q in checkins.RATINGS},
                "answer": a.text,
                "kept_private": [q for q in checkins.QUESTIONS if checkins.is_private(a, q)],
                "finished_at": _iso(a.completed_at),
                "shown_to_each_other": round_.revealed_at is not None,
            }
            for a, round_ in answers.all()
        ],
        "journal": [{"written_at": _iso(e.created_at), "text": e.text} for e in journal.scalars()],
        # Written when nothing was asked; deleted within the hour unless kept (core.held).
        "held_messages": [
            {"written_at": _iso(h.created_at), "text": h.text} for h in held.scalars()
        ],
        "appreciations": [
            {
                "direction": "sent" if n.from_user_id == user.id else "received",
                "written_at": _iso(n.created_at),
                "text": n.text,
                "delivered": n.relayed_at is not None,
            }
            for n in notes.scalars()
            if n.from_user_id == user.id or n.relayed_at is not None
        ],
    }


@dataclass(frozen=True)
class Erased:
    """A person was erased; their former partner (if any) is told only that the pairing ended."""

    user_id: int
    former_partner_id: int | None


async def erase_person(session: AsyncSession, user_id: int, now: datetime) -> Erased | None:
    """Delete every row about a person (rows, not flags). None if nothing was stored.

    Their answers in shared rounds go too; the former partner's own answers stay theirs.
    """
    user = await session.get(User, user_id)
    if user is None:
        return None
    partner_id = None
    # A path walked together stays the former partner's (their answers are theirs).
    await path_erase.forget_person(session, user_id, user.couple_id, now)
    if user.couple_id is not None:
        ended = await pairing.unlink(session, user, user.couple_id, now)
        partner_id = ended.partner_id if ended else None
    couples = set(
        (
            await session.execute(
                select(CheckinRound.couple_id)
                .join(CheckinAnswer, CheckinAnswer.round_id == CheckinRound.id)
                .where(CheckinAnswer.user_id == user_id, CheckinRound.couple_id.is_not(None))
                .distinct()
            )
        ).scalars()
    )
    await session.execute(delete(Invite).where(Invite.inviter_id == user_id))
    await hard_moments.erase(session, user_id)
    await share_rights.erase(session, user_id)
    await session.execute(delete(MonthlyCheck).where(MonthlyCheck.user_id == user_id))
    await session.execute(
        delete(ReportRequest).where(
            (ReportRequest.requester_id == user_id) | (ReportRequest.approver_id == user_id)
        )
    )
    # Foreign keys cascade too; explicit deletes keep it true on any database setting.
    owned = select(Boundary.id).where(Boundary.owner_id == user_id)
    for child, parent in (
        (BoundaryReview, BoundaryReview.boundary_id),
        (BoundaryResponse, BoundaryResponse.boundary_id),
        (BoundaryVersion, BoundaryVersion.boundary_id),
    ):
        await session.execute(delete(child).where(parent.in_(owned)))
    for table, column in (
        (BoundaryReview, BoundaryReview.user_id),
        (BoundaryResponse, BoundaryResponse.user_id),
        (Boundary, Boundary.owner_id),
        (Appreciation, Appreciation.from_user_id),
        (Appreciation, Appreciation.to_user_id),
        (JournalEntry, JournalEntry.user_id),
        (HeldMessage, HeldMessage.user_id),
        (CheckinAnswer, CheckinAnswer.user_id),
        (CheckinRound, CheckinRound.solo_user_id),
        (Delivery, Delivery.user_id),
        (Reminder, Reminder.user_id),
    ):
        await session.execute(delete(table).where(column == user_id))
    for couple_id in couples:
        if couple_id is not None:
            await pairing.forget_empty_rounds(session, couple_id)
    # The row holds the person's data key: with it goes every copy of their words anywhere.
    await session.execute(delete(User).where(User.id == user_id))
    cache_of(session.sync_session).pop(user_id, None)
    session.expunge(user)
    await session.flush()
    return Erased(user_id=user_id, former_partner_id=partner_id)
