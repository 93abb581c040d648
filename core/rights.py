"""Data rights: a copy of everything about a person (core.rights_export), and erasing them
for good (here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from core import hard_moments, pairing, path_erase, share_rights
from core.rights_export import EXPORT_FORMAT as EXPORT_FORMAT
from core.rights_export import export_person as export_person
from db.envelope import cache_of
from db.models import (
    Appreciation,
    Boundary,
    BoundaryResponse,
    BoundaryReview,
    BoundaryVersion,
    CheckinAnswer,
    CheckinRound,
    Delivery,
    HeldMessage,
    Invite,
    JournalEntry,
    MonthlyCheck,
    Reminder,
    ReportRequest,
    User,
)


@dataclass(frozen=True)
class Erased:
    """A person was erased; their former partner (if any) is told that the pairing ended, and
    of each path they walked together that is now theirs alone (`paths_kept`), nothing more."""

    user_id: int
    former_partner_id: int | None
    paths_kept: tuple[path_erase.Kept, ...] = ()


async def erase_person(session: AsyncSession, user_id: int, now: datetime) -> Erased | None:
    """Delete every row about a person (rows, not flags). None if nothing was stored.

    Their answers in shared rounds go too; the former partner's own answers stay theirs.
    """
    user = await session.get(User, user_id)
    if user is None:
        return None
    partner_id = None
    # Reminders first (their deliveries go with them): the dispatcher locks a reminder before
    # the couple when it opens a check-in round, so this erasure takes them in the same order.
    await session.execute(delete(Reminder).where(Reminder.user_id == user_id))
    # A path walked together stays the former partner's (their answers are theirs).
    kept = await path_erase.forget_person(session, user_id, user.couple_id, now)
    if user.couple_id is not None:
        ended = await pairing.unlink(session, user, user.couple_id, now)
        partner_id = ended.partner_id if ended else None
    couples = await _couples_answered_in(session, user_id)
    await session.execute(delete(Invite).where(Invite.inviter_id == user_id))
    await hard_moments.erase(session, user_id)
    await share_rights.erase(session, user_id)
    await session.execute(delete(MonthlyCheck).where(MonthlyCheck.user_id == user_id))
    await session.execute(
        delete(ReportRequest).where(
            (ReportRequest.requester_id == user_id) | (ReportRequest.approver_id == user_id)
        )
    )
    await _delete_rows(session, user_id)
    for couple_id in couples:
        if couple_id is not None:
            await pairing.forget_empty_rounds(session, couple_id)
    # The row holds the person's data key: with it goes every copy of their words anywhere.
    await session.execute(delete(User).where(User.id == user_id))
    cache_of(session.sync_session).pop(user_id, None)
    session.expunge(user)
    await session.flush()
    return Erased(user_id=user_id, former_partner_id=partner_id, paths_kept=tuple(kept))


async def _couples_answered_in(session: AsyncSession, user_id: int) -> set[int | None]:
    """The couples whose rounds hold an answer of this person (emptied rounds go after)."""
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
    return couples


async def _delete_rows(session: AsyncSession, user_id: int) -> None:
    """The person's boundaries (children first), words, answers, deliveries and reminders."""
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
