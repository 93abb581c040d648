"""Many people's summaries read together: the same `Summary` as `core.summary.gather` gives
each, with one query per kind of row for the whole group instead of about ten per person.

At the Sunday peak every summary of a zone is due in the same second; read one by one, the
statements' building and the driver's round trips were most of the event loop's work per
summary. The numbers are composed by the same functions `gather` uses (`_compose`,
`hard_moments.pattern_of`, `measure.trend_of`), so the two cannot drift apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from core import boundaries, hard_moments, measure, path, progress, summary, timezones
from db.models import Appreciation, CheckinAnswer, CheckinRound, HardMoment, MonthlyCheck, User
from db.models import Path as PathRow


@dataclass(frozen=True)
class _Rows:
    """What one group's queries found, by person or couple."""

    own: dict[int, list[progress.Entry]]
    shared: dict[int, list[progress.Entry]]
    appreciations: list[tuple[int, int]]  # (from, to) relayed since a week before now
    hard: dict[int, list[HardMoment]]  # newest first
    monthly: dict[int, list[MonthlyCheck]]
    paths: dict[tuple[str, int], PathRow]  # ("couple" | "solo", id) -> newest path under way


async def gather_many(
    session: AsyncSession, user_ids: Sequence[int], now: datetime
) -> dict[int, summary.Summary]:
    """Each person's summary as `core.summary.gather` reads it (people not set up, or without a
    time zone, are left out). About nine queries for the group, whatever its size."""
    # A person's role is the one sealed column of theirs: not shown, so neither read nor opened
    # (opening it costs a query for the person's data key).
    found = await session.execute(
        select(User).where(User.id.in_(set(user_ids))).options(defer(User.role))
    )
    people = [u for u in found.scalars() if u.timezone is not None]
    couples = {u.couple_id for u in people if u.couple_id is not None}
    partners: dict[int, User] = {}
    if couples:
        members = await session.execute(
            select(User).where(User.couple_id.in_(couples)).options(defer(User.role))
        )
        for member in members.scalars():
            for person in people:
                if person.couple_id == member.couple_id and person.id != member.id:
                    partners[person.id] = member
    if not people:
        return {}
    today = {u.id: _today(u, now) for u in people}
    start = min(today.values()) - timedelta(days=7 * summary.WEEKS)
    rows = await _read(session, people, partners, start, now)
    result = {}
    for user in people:
        result[user.id] = await _one(
            session, user, partners.get(user.id), today[user.id], rows, now
        )
    return result


def _today(user: User, now: datetime) -> date:
    return now.astimezone(timezones.zone(user.timezone or "UTC")).date()


async def _read(
    session: AsyncSession,
    people: list[User],
    partners: dict[int, User],
    start: date,
    now: datetime,
) -> _Rows:
    ids = [u.id for u in people]
    couples = sorted({u.couple_id for u in people if u.couple_id is not None and u.id in partners})
    own = await session.execute(
        select(*summary._ANSWER_COLUMNS)
        .join(CheckinRound, CheckinRound.id == CheckinAnswer.round_id)
        .where(
            CheckinAnswer.user_id.in_(ids),
            CheckinAnswer.completed_at.is_not(None),
            CheckinRound.local_date >= start,
        )
    )
    shared = await _shared(session, couples, start)
    since = now - timedelta(days=7)
    thanks = await session.execute(
        select(Appreciation.from_user_id, Appreciation.to_user_id).where(
            Appreciation.relayed_at.is_not(None),
            Appreciation.relayed_at >= since,
            Appreciation.from_user_id.in_(ids) | Appreciation.to_user_id.in_(ids),
        )
    )
    sharing = [p.id for p in partners.values() if p.hard_in_summary]
    return _Rows(
        own=_by_person(summary._entry(a, shared=False) for a in own.all()),
        shared=shared,
        appreciations=[(int(a), int(b)) for a, b in thanks.all()],
        hard=await _hard(session, sorted({*ids, *sharing}), now),
        monthly=await _monthly(session, ids, now, people),
        paths=await _paths(
            session,
            sorted({u.couple_id for u in people if u.couple_id is not None}),
            [u.id for u in people if u.couple_id is None],
        ),
    )


async def _one(
    session: AsyncSession,
    user: User,
    partner: User | None,
    today: date,
    rows: _Rows,
    now: datetime,
) -> summary.Summary:
    """`core.summary.gather`'s summary from the group's rows (the review's numbers, when both
    partners share them, are still read per couple: a rare choice)."""
    start = today - timedelta(days=7 * summary.WEEKS)
    own = [e for e in rows.own.get(user.id, []) if e.day >= start]
    shared: list[progress.Entry] = []
    if partner is not None and user.couple_id is not None:
        shared = [e for e in rows.shared.get(user.couple_id, []) if e.day >= start]
    sent = sum(1 for giver, _ in rows.appreciations if giver == user.id)
    got = sum(1 for _, taker in rows.appreciations if taker == user.id)
    review = None
    both_share = user.share_review and partner is not None and partner.share_review
    if both_share and user.couple_id is not None:
        review = await boundaries.review_stats(session, user.couple_id, today)
    composed = summary._compose(user, partner, today, own, shared, (sent, got), review)
    partner_hard = None
    if partner is not None and partner.hard_in_summary:
        partner_hard = hard_moments.pattern_of(rows.hard.get(partner.id, []), now)
    owner = ("couple", user.couple_id) if user.couple_id is not None else ("solo", user.id)
    walking = rows.paths.get(owner)
    on_path = walking is not None and walking.status in ("active", "paused")
    trend = measure.trend_of(rows.monthly.get(user.id, []), today)
    return replace(
        composed,
        hard=hard_moments.pattern_of(rows.hard.get(user.id, []), now),
        partner_hard=partner_hard,
        monthly=None if trend == measure.Trend(None, None) else trend,
        path_stage=walking.stage if walking is not None and on_path else None,
        path_paused=on_path and walking is not None and walking.status == "paused",
    )


def _by_person(entries: Iterable[progress.Entry]) -> dict[int, list[progress.Entry]]:
    grouped: dict[int, list[progress.Entry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.person].append(entry)
    return grouped


async def _shared(
    session: AsyncSession, couples: list[int], start: date
) -> dict[int, list[progress.Entry]]:
    """Couple -> both partners' answers of revealed rounds since `start`, private parts out."""
    if not couples:
        return {}
    rows = await session.execute(
        select(CheckinRound.couple_id, *summary._ANSWER_COLUMNS)
        .join(CheckinRound, CheckinRound.id == CheckinAnswer.round_id)
        .where(
            CheckinRound.couple_id.in_(couples),
            CheckinRound.revealed_at.is_not(None),
            CheckinRound.local_date >= start,
        )
    )
    grouped: dict[int, list[progress.Entry]] = defaultdict(list)
    for row in rows.all():
        grouped[row.couple_id].append(summary._entry(row, shared=True))
    return grouped


async def _hard(
    session: AsyncSession, ids: list[int], now: datetime
) -> dict[int, list[HardMoment]]:
    found = await session.execute(
        select(HardMoment)
        .options(defer(HardMoment.trigger))  # words the summary never shows stay sealed
        .where(HardMoment.user_id.in_(ids), HardMoment.created_at > now - timedelta(days=14))
        .order_by(HardMoment.created_at.desc(), HardMoment.id.desc())
    )
    grouped: dict[int, list[HardMoment]] = defaultdict(list)
    for moment in found.scalars():
        grouped[moment.user_id].append(moment)
    return grouped


async def _monthly(
    session: AsyncSession, ids: list[int], now: datetime, people: list[User]
) -> dict[int, list[MonthlyCheck]]:
    months: set[date] = set()
    for user in people:
        month = measure.month_of(_today(user, now))
        months |= {month, measure.previous_month(month)}
    found = await session.execute(
        select(MonthlyCheck).where(MonthlyCheck.user_id.in_(ids), MonthlyCheck.month.in_(months))
    )
    grouped: dict[int, list[MonthlyCheck]] = defaultdict(list)
    for check in found.scalars():
        grouped[check.user_id].append(check)
    return grouped


async def _paths(
    session: AsyncSession, couples: list[int], solos: list[int]
) -> dict[tuple[str, int], PathRow]:
    """The newest path under way (`core.path.current`) of each couple and person alone."""
    owners = []
    if couples:
        owners.append(PathRow.couple_id.in_(couples))
    if solos:
        owners.append(PathRow.solo_user_id.in_(solos))
    if not owners:
        return {}
    owner = owners[0] if len(owners) == 1 else owners[0] | owners[1]
    found = await session.execute(
        select(PathRow).where(owner, PathRow.status.in_(path.LIVE)).order_by(PathRow.id.desc())
    )
    newest: dict[tuple[str, int], PathRow] = {}
    for row in found.scalars():
        key = ("couple", row.couple_id) if row.couple_id is not None else ("solo", row.solo_user_id)
        newest.setdefault(key, row)  # type: ignore[arg-type]
    return newest
