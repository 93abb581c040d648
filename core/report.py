"""What goes in a /report: the person's choice, and the numbers and words they may see.

The visibility rules (issue 18), all decided here:
- own ratings: every one of the person's own answers (a couple report: only what they shared,
  in revealed rounds, as their partner sees it);
- the partner's ratings: only revealed rounds of the current couple, never a rating kept private;
- monthly scores: `core.measure.visible_scores` (a partner's only when shared and revealed);
- days checked in: a plain count of days, never a streak;
- boundaries: the person's own with status (a couple report: only those shared), the partner's
  only as shared with them; per-boundary and weekly review numbers only when both partners
  turned on sharing the review;
- words (check-in answers, journal, what set off a hard moment): the person's own, only when
  ticked, never in a couple report; nothing the partner wrote, ever;
- hard moments and the path stage: `core.report_hard` (the partner's hard moments never in a
  person's own report; in a couple report only the count and average each partner shares).

`gather` returns plain frozen data (`ReportData`), which `core.report_pdf.render` draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core import checkins, measure, progress, report_hard, timezones
from core import report_words as words
from db.models import CheckinAnswer, CheckinRound, User

PERIODS: Final = {"4w": 4, "8w": 8, "12w": 12, "all": None}
SECTIONS: Final = (
    "mine",
    "partner",
    "monthly",
    "days",
    "bounds",
    "hard",
    "path",
    "answers",
    "journal",
    "hard_words",
)
WORDS: Final = frozenset({"answers", "journal", "hard_words"})
"""Sections with the person's own words: off unless ticked, never in a couple report."""
DEFAULT: Final = frozenset(SECTIONS) - WORDS
MAX_WEEKS: Final = 520


def mask_of(sections: frozenset[str]) -> int:
    """The sections as a bit mask (bit i = SECTIONS[i]) for button data."""
    return sum(1 << i for i, name in enumerate(SECTIONS) if name in sections)


def sections_of(mask: int) -> frozenset[str]:
    """The sections a bit mask names (unknown bits are ignored)."""
    return frozenset(name for i, name in enumerate(SECTIONS) if mask >> i & 1)


@dataclass(frozen=True)
class Choice:
    """What the person asked for: a period key of PERIODS and the sections to include."""

    period: str
    sections: frozenset[str]
    couple: bool = False

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise ValueError(f"unknown period {self.period!r}")
        if not self.sections <= set(SECTIONS):
            raise ValueError("unknown section")

    @property
    def included(self) -> frozenset[str]:
        """The sections that go in (a couple report leaves out everyone's own words)."""
        return self.sections - WORDS if self.couple else self.sections


@dataclass(frozen=True)
class Ratings:
    """One person's ratings over the period: weekly averages per dimension, the period's
    averages, and how many days had an answer."""

    weekly: dict[str, list[float | None]]
    averages: progress.Averages
    days: int


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows, as plain values (dates are the reader's local dates)."""

    choice: Choice
    name: str
    start: date
    end: date
    made: date
    week_ends: tuple[date, ...]
    me: Ratings | None
    partner: Ratings | None
    paired: bool
    monthly_mine: dict[date, int]
    monthly_partner: dict[date, int]
    my_bounds: tuple[words.BoundaryLine, ...]
    partner_bounds: tuple[words.BoundaryLine, ...]
    review_weekly: tuple[float | None, ...] | None
    answers: tuple[words.Words, ...]
    journal: tuple[words.Words, ...]
    hard: report_hard.Hard
    path: report_hard.PathStage | None

    @property
    def days(self) -> int:
        """How many days the period covers."""
        return (self.end - self.start).days + 1


def period_of(choice: Choice, user: User, today: date) -> tuple[date, int]:
    """The first day and the number of weeks (the last week ends today)."""
    weeks = PERIODS[choice.period]
    if weeks is None:
        zone = timezones.zone(user.timezone or "UTC")
        began = user.created_at.astimezone(zone).date()
        weeks = min(MAX_WEEKS, max(1, -(-((today - began).days + 1) // 7)))
    return today - timedelta(days=7 * weeks - 1), weeks


async def _entries(
    session: AsyncSession, user: User, start: date, *, couple: int | None
) -> list[tuple[progress.Entry, int]]:
    """Ratings as (entry, private mask): the person's own answers (couple None), or every
    answer of the couple's revealed rounds. Numbers only: no text is read (or decrypted)."""
    query = (
        select(
            CheckinAnswer.user_id,
            CheckinRound.local_date,
            CheckinAnswer.safety,
            CheckinAnswer.connection,
            CheckinAnswer.agreements,
            CheckinAnswer.private_mask,
        )
        .join(CheckinRound, CheckinRound.id == CheckinAnswer.round_id)
        .where(CheckinRound.local_date >= start, CheckinAnswer.completed_at.is_not(None))
    )
    if couple is None:
        query = query.where(CheckinAnswer.user_id == user.id)
    else:
        query = query.where(CheckinRound.couple_id == couple, CheckinRound.revealed_at.is_not(None))
    found = []
    for person, day, safety, connection, agreements, mask in (await session.execute(query)).all():
        entry = progress.Entry(person, day, safety, connection, agreements)
        found.append((entry, int(mask)))
    return found


def _shared(entry: progress.Entry, mask: int) -> progress.Entry:
    hidden = {q: None for q in checkins.RATINGS if mask & checkins.PRIVATE_BIT[q]}
    if not hidden:
        return entry
    values = {q: hidden.get(q, getattr(entry, q)) for q in checkins.RATINGS}
    return progress.Entry(entry.person, entry.day, **values)


def _ratings(entries: list[progress.Entry], person: int, end: date, weeks: int) -> Ratings:
    mine = [e for e in entries if e.person == person]
    weekly = progress.weekly_series(mine, person, end, weeks)
    totals: dict[str, list[int]] = {q: [] for q in checkins.RATINGS}
    for entry in mine:
        for q in checkins.RATINGS:
            value = getattr(entry, q)
            if value is not None:
                totals[q].append(value)
    means = {q: (sum(v) / len(v) if v else None) for q, v in totals.items()}
    averages = progress.Averages(**means, count=len(mine))
    return Ratings(weekly, averages, len({e.day for e in mine}))


async def _both_ratings(
    session: AsyncSession,
    user: User,
    partner: User | None,
    choice: Choice,
    start: date,
    today: date,
    weeks: int,
) -> tuple[Ratings | None, Ratings | None]:
    """The person's ratings and their partner's shared ones, as far as the choice includes."""
    included = choice.included
    couple = user.couple_id if partner is not None else None
    shared = await _entries(session, user, start, couple=couple) if couple is not None else []
    shared_entries = [_shared(e, mask) for e, mask in shared]
    if choice.couple:
        own = [e for e in shared_entries if e.person == user.id]
    else:
        own = [e for e, _ in await _entries(session, user, start, couple=None)]
    me = _ratings(own, user.id, today, weeks) if {"mine", "days"} & included else None
    theirs = None
    if partner is not None and {"partner", "days"} & included:
        theirs = _ratings(shared_entries, partner.id, today, weeks)
    return me, theirs


async def _monthly(
    session: AsyncSession,
    user: User,
    partner: User | None,
    choice: Choice,
    start: date,
    today: date,
) -> tuple[dict[date, int], dict[date, int]]:
    """The monthly measure's scores each reader may see (empty when not included)."""
    monthly_mine: dict[date, int] = {}
    monthly_partner: dict[date, int] = {}
    if "monthly" in choice.included:
        viewer = partner if choice.couple and partner is not None else user
        monthly_mine = await measure.visible_scores(session, viewer, user.id, start, today)
        if partner is not None:
            monthly_partner = await measure.visible_scores(session, user, partner.id, start, today)
    return monthly_mine, monthly_partner


async def gather(
    session: AsyncSession,
    user: User,
    partner: User | None,
    choice: Choice,
    now: datetime,
    name: str = "",
) -> ReportData:
    """Read one report's data as `user` may see it (see the module doc for the rules)."""
    today = now.astimezone(timezones.zone(user.timezone or "UTC")).date()
    start, weeks = period_of(choice, user, today)
    included = choice.included
    me, theirs = await _both_ratings(session, user, partner, choice, start, today, weeks)
    monthly_mine, monthly_partner = await _monthly(session, user, partner, choice, start, today)
    my_bounds: tuple[words.BoundaryLine, ...] = ()
    partner_bounds: tuple[words.BoundaryLine, ...] = ()
    review = None
    if "bounds" in included:
        both_share = partner is not None and user.share_review and partner.share_review
        my_bounds, partner_bounds, review = await words.boundary_lines(
            session, user, start, today, weeks, review=both_share, shared_only=choice.couple
        )
    answers = await words.answers(session, user, start) if "answers" in included else ()
    journal = await words.journal(session, user, start, now) if "journal" in included else ()
    hard = await report_hard.gather(
        session,
        user,
        partner,
        (start, now),
        tally="hard" in included,
        words="hard_words" in included,
        couple=choice.couple,
    )
    stage = await report_hard.stage_of(session, user) if "path" in included else None
    return ReportData(
        choice=choice,
        name=name,
        start=start,
        end=today,
        made=today,
        week_ends=tuple(today - timedelta(days=7 * (weeks - 1 - i)) for i in range(weeks)),
        me=me,
        partner=theirs,
        paired=partner is not None,
        monthly_mine=monthly_mine,
        monthly_partner=monthly_partner,
        my_bounds=my_bounds,
        partner_bounds=partner_bounds,
        review_weekly=review,
        answers=answers,
        journal=journal,
        hard=hard,
        path=stage,
    )
