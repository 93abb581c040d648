"""The report's hard moments (/hard) and path stage (/path).

Who sees which hard moments (issue 18), all decided here:
- a person's own report: their own moments only, as a tally (how many, the average strength,
  what helped most often); what set each one off (and what helped, each time) only when they
  tick their own words (`words`). The partner's moments are never read for it;
- a couple report: for each partner only what the weekly summary shares, the count and the
  average strength, and only when that partner turned `hard_in_summary` on; nobody's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from content.path import path as path_content
from core import hard_moments, path, timezones
from db.models import HardMoment, User

MAX_NOTED = 200  # moments with words in one report: a report stays a few pages


@dataclass(frozen=True)
class Tally:
    """Hard moments over the period: how many, the mean strength (1 to 5) of those rated (None:
    none rated) and what helped most often (the person's own words; None in a couple report)."""

    count: int
    average: float | None
    helped_most: str | None = None


@dataclass(frozen=True)
class Noted:
    """One of the person's own moments with their words (only when they ticked them)."""

    day: date
    intensity: int | None
    trigger: str | None
    helped: str | None


@dataclass(frozen=True)
class Hard:
    """The hard moments a report holds: the reader's tally, the partner's (couple report only,
    when shared) and the reader's own moments with words (ticked only)."""

    mine: Tally | None = None
    partner: Tally | None = None
    noted: tuple[Noted, ...] = ()


@dataclass(frozen=True)
class PathStage:
    """Where the person (or couple) is on the path: stage `stage` of `of`, its title."""

    stage: int
    of: int
    title: str
    paused: bool


def _zone(user: User) -> ZoneInfo:
    return timezones.zone(user.timezone or "UTC")


def _within(
    user_id: int, start: date, zone: ZoneInfo, now: datetime
) -> tuple[ColumnElement[bool], ...]:
    since = datetime.combine(start, time(), tzinfo=zone)
    return (
        HardMoment.user_id == user_id,
        HardMoment.created_at >= since,
        HardMoment.created_at <= now,
    )


async def own(session: AsyncSession, user: User, start: date, now: datetime) -> Tally:
    """The person's own moments from `start` (their local day) to `now`, as a tally."""
    found = await session.execute(
        select(HardMoment)
        .where(*_within(user.id, start, _zone(user), now))
        .order_by(HardMoment.created_at.desc(), HardMoment.id.desc())
    )
    moments = list(found.scalars())
    rated = [m.intensity for m in moments if m.intensity is not None]
    average = sum(rated) / len(rated) if rated else None
    return Tally(len(moments), average, hard_moments.helped_most(moments))


async def shared(
    session: AsyncSession, person: User, start: date, zone: ZoneInfo, now: datetime
) -> Tally | None:
    """`person`'s count and average strength for a couple report, None unless they share hard
    moments in the summary. Numbers only: no words are read (or decrypted)."""
    if not person.hard_in_summary:
        return None
    found = await session.execute(
        select(func.count(HardMoment.id), func.avg(HardMoment.intensity)).where(
            *_within(person.id, start, zone, now)
        )
    )
    count, average = found.one()
    return Tally(int(count), None if average is None else float(average))


async def noted(session: AsyncSession, user: User, start: date, now: datetime) -> tuple[Noted, ...]:
    """The person's own moments with any words from `start` on, oldest first (MAX_NOTED)."""
    zone = _zone(user)
    found = await session.execute(
        select(HardMoment)
        .where(*_within(user.id, start, zone, now))
        .order_by(HardMoment.created_at, HardMoment.id)
    )
    moments = [m for m in found.scalars() if m.trigger or m.helped][:MAX_NOTED]
    return tuple(
        Noted(m.created_at.astimezone(zone).date(), m.intensity, m.trigger, m.helped)
        for m in moments
    )


async def gather(
    session: AsyncSession,
    user: User,
    partner: User | None,
    period: tuple[date, datetime],
    *,
    tally: bool,
    words: bool,
    couple: bool,
) -> Hard:
    """The hard moments `user`'s report holds from the period's first local day to its end
    (see the module doc): the tally if `tally`, their own words if `words` (they ticked them;
    never in a couple report)."""
    start, now = period
    if couple:
        if not tally:
            return Hard()
        zone = _zone(user)
        theirs = await shared(session, partner, start, zone, now) if partner is not None else None
        return Hard(await shared(session, user, start, zone, now), theirs)
    mine = await own(session, user, start, now) if tally else None
    return Hard(mine, None, await noted(session, user, start, now) if words else ())


async def stage_of(session: AsyncSession, user: User) -> PathStage | None:
    """The stage of the path the person is walking (alone or as a couple), None if none is
    under way (not started, only invited, left or finished)."""
    walking = await path.current(session, user)
    if walking is None or walking.status not in ("active", "paused"):
        return None
    title = path_content().stages[walking.stage - 1].title
    return PathStage(walking.stage, path.STAGES, title, walking.status == "paused")
