"""The fuller check-in in /export and /delete: each partner gets only what they are entitled to
(the sharer their own words and the answers they got; the receiver their own answers, never the
sharer's words)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core import rules
from core.share import PARTS, plan_of
from db.models import ShareEntry, SharePlan, ShareReply, User


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


async def export(session: AsyncSession, user: User) -> dict[str, Any]:
    """The person's plan and the shares they wrote (with the answers they got, without the
    receiver's note words); the answers they gave to shares they received (their own words
    only, never the sharer's)."""
    plan = await plan_of(session, user.id)
    written = await session.execute(
        select(ShareEntry).where(ShareEntry.user_id == user.id).order_by(ShareEntry.id)
    )
    entries = list(written.scalars())
    got = await session.execute(
        select(ShareReply).where(ShareReply.entry_id.in_([e.id for e in entries]))
    )
    answers = {r.entry_id: r for r in got.scalars()}
    given = await session.execute(
        select(ShareReply).where(ShareReply.user_id == user.id).order_by(ShareReply.id)
    )
    return {
        "share_plan": None
        if plan is None
        else {
            "rhythm": plan.rhythm,
            "time": rules.format_hhmm(plan.minute_of_day),
            "since": _iso(plan.created_at),
            "ends_at": _iso(plan.ends_at),
            "paused": plan.paused_at is not None,
            "ended_at": _iso(plan.ended_at),
        },
        "shares_written": [
            {
                "written_at": _iso(e.created_at),
                "sent_at": _iso(e.sent_at),
                **{part: getattr(e, part) for part in PARTS},
                "partner_answer": answers[e.id].response
                if e.id in answers and answers[e.id].relayed_at
                else None,
            }
            for e in entries
        ],
        "share_answers_given": [
            {
                "at": _iso(r.created_at),
                "answer": r.response,
                "note": r.note,
                "delivered": r.relayed_at is not None,
            }
            for r in given.scalars()
        ],
    }


async def erase(session: AsyncSession, user_id: int) -> None:
    """Delete the person's plan, their shares (with the answers to them) and their answers;
    shares they received keep the sharer's words (the sharer's) but no longer name them."""
    mine = select(ShareEntry.id).where(ShareEntry.user_id == user_id)
    await session.execute(delete(ShareReply).where(ShareReply.entry_id.in_(mine)))
    await session.execute(delete(ShareReply).where(ShareReply.user_id == user_id))
    await session.execute(delete(ShareEntry).where(ShareEntry.user_id == user_id))
    await session.execute(delete(SharePlan).where(SharePlan.user_id == user_id))
    await session.execute(
        update(ShareEntry).where(ShareEntry.to_user_id == user_id).values(to_user_id=None)
    )
