"""What a person wrote, for their export: check-in answers, journal, held messages,
appreciations, and their boundaries (with the answers they got and gave).

Only the person's own words, and what their partner chose to send them; never the partner's
own answers or boundaries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content import library, translations
from core import boundaries, checkins
from db.models import (
    Appreciation,
    Boundary,
    BoundaryResponse,
    BoundaryReview,
    CheckinAnswer,
    CheckinRound,
    HeldMessage,
    JournalEntry,
    User,
)


def iso(moment: datetime | None) -> str | None:
    """An ISO 8601 timestamp, or None."""
    return moment.isoformat() if moment is not None else None


async def writing_of(session: AsyncSession, user: User) -> dict[str, Any]:
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
                # In the words the person read it in (their language; the id decides which).
                "question": translations.text(prompts[round_.prompt_id], user.language)
                if round_.prompt_id in prompts
                else None,
                **{q: getattr(a, q) for q in checkins.RATINGS},
                "answer": a.text,
                "kept_private": [q for q in checkins.QUESTIONS if checkins.is_private(a, q)],
                "finished_at": iso(a.completed_at),
                "shown_to_each_other": round_.revealed_at is not None,
            }
            for a, round_ in answers.all()
        ],
        "journal": [{"written_at": iso(e.created_at), "text": e.text} for e in journal.scalars()],
        # Written when nothing was asked; deleted within the hour unless kept (core.held).
        "held_messages": [
            {"written_at": iso(h.created_at), "text": h.text} for h in held.scalars()
        ],
        "appreciations": [
            {
                "direction": "sent" if n.from_user_id == user.id else "received",
                "written_at": iso(n.created_at),
                "text": n.text,
                "delivered": n.relayed_at is not None,
            }
            for n in notes.scalars()
            if n.from_user_id == user.id or n.relayed_at is not None
        ],
    }


async def boundaries_of(session: AsyncSession, user: User) -> dict[str, Any]:
    """The person's boundaries with every version and the answers they got; their own answers
    and review verdicts on their partner's boundaries (without the partner's words)."""
    mine = await _own_boundaries(session, user)
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
                "at": iso(r.created_at),
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


async def _own_boundaries(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Each of the person's boundaries, with its versions and the partner's answers to it."""
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
                "created_at": iso(boundary.created_at),
                "shared_at": iso(boundary.shared_at),
                "retired_at": iso(boundary.retired_at),
                "versions": [
                    {
                        "version": v.version,
                        "written_at": iso(v.created_at),
                        "statement": v.statement,
                        "consequence": v.consequence,
                    }
                    for v in versions
                ],
                "partner_answers": [
                    {
                        "version": r.version,
                        "answer": r.response,
                        "at": iso(r.created_at),
                        "note": r.note if r.relayed_at is not None else None,
                    }
                    for r in responses
                ],
            }
        )
    return mine
