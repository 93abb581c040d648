"""The couple report: one partner asks, the other says yes or no by button, every time.

A request holds only the choice (period and sections) and who must answer. Only the partner it
was sent to may answer, once, within `ANSWER_WITHIN`, and only while the two are still the same
couple; any other press is refused like a forged button. On yes, the report is made for both
from what they share with each other (`core.report.Choice.couple`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from core.report import WORDS, Choice, mask_of, sections_of
from db.models import ReportRequest, User

ANSWER_WITHIN: Final = timedelta(hours=48)


class Refusal(StrEnum):
    """Why a couple-report step was not taken."""

    UNKNOWN = "unknown"  # no such request, not the presser's to answer, expired, couple changed
    ANSWERED = "answered"  # answered already
    NO_PARTNER = "no_partner"  # the person asking is not paired


@dataclass(frozen=True)
class Asked:
    """A request was stored; the partner is to be asked (`request_id` goes on their buttons)."""

    request_id: int
    partner_id: int
    choice: Choice


@dataclass(frozen=True)
class Approved:
    """The partner said yes: make the couple report for both."""

    requester_id: int
    approver_id: int
    choice: Choice


@dataclass(frozen=True)
class Declined:
    """The partner said no: nothing is made; the person who asked is told."""

    requester_id: int


async def ask(
    session: AsyncSession, user: User, partner: User | None, choice: Choice, now: datetime
) -> Asked | Refusal:
    """Store a couple-report request from `user` for their current partner."""
    if partner is None or user.couple_id is None or partner.couple_id != user.couple_id:
        return Refusal.NO_PARTNER
    sections = choice.sections - WORDS
    request = ReportRequest(
        requester_id=user.id,
        approver_id=partner.id,
        couple_id=user.couple_id,
        period=choice.period,
        sections=mask_of(sections),
        created_at=now,
    )
    session.add(request)
    await session.flush()
    return Asked(request.id, partner.id, Choice(choice.period, sections, couple=True))


async def answer(
    session: AsyncSession, user: User, request_id: int, yes: bool, now: datetime
) -> Approved | Declined | Refusal:
    """The partner's answer. Refused unless `user` is the one asked, the request is open and
    under ANSWER_WITHIN old, and both are still that couple."""
    request = await session.get(ReportRequest, request_id, with_for_update=True)
    if request is None or request.approver_id != user.id:
        return Refusal.UNKNOWN
    if request.answered_at is not None:
        return Refusal.ANSWERED
    requester = await session.get(User, request.requester_id)
    same_couple = (
        requester is not None
        and user.couple_id == request.couple_id
        and requester.couple_id == request.couple_id
    )
    if not same_couple or now - request.created_at > ANSWER_WITHIN:
        return Refusal.UNKNOWN
    request.answered_at, request.answer = now, "yes" if yes else "no"
    if not yes:
        return Declined(request.requester_id)
    choice = Choice(request.period, sections_of(request.sections), couple=True)
    return Approved(request.requester_id, user.id, choice)
