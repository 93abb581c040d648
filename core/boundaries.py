"""Boundaries: what a person needs and what they will do, shared, acknowledged and reviewed.

A boundary starts private. Its owner may share it with their couple; the partner acknowledges it
or asks to talk. Every edit is a new version (kept as history) and needs a new answer. On the
couple's review day each partner says, inside that day's check-in, whether each acknowledged
boundary was kept; the verdicts are revealed with the check-in answers.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache
from importlib.resources import files

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core import safety
from core.rules import DAY_WORDS
from db.models import (
    Boundary,
    BoundaryResponse,
    BoundaryReview,
    BoundaryVersion,
    CheckinRound,
    Couple,
    User,
)

MAX_STATEMENT = 600
MAX_CONSEQUENCE = 600
MAX_NOTE = 1000
# A handful is easier to live by (and a list of both partners' still fits one message).
MAX_ACTIVE = 12
VERDICTS = ("kept", "not_kept", "unsure")


class Status(StrEnum):
    """Where a boundary stands between its owner and the partner."""

    PRIVATE = "private"  # only the owner sees it
    SHARED = "shared"  # the partner sees it and has not answered this version yet
    ACKNOWLEDGED = "acknowledged"
    TALK = "talk"  # the partner asked to talk about this version


# -- content -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Category:
    """One area a boundary can be about, with the guide's question and examples."""

    id: str
    label: str
    emoji: str
    question: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    """The framing text and the categories, in order."""

    intro: str
    categories: tuple[Category, ...]

    def category(self, category_id: str) -> Category | None:
        """The category with this id (None for an unknown one)."""
        return next((c for c in self.categories if c.id == category_id), None)


@cache
def guide() -> Guide:
    """The boundary words from content/boundaries.toml, read once."""
    raw = tomllib.loads(files("content").joinpath("boundaries.toml").read_text(encoding="utf-8"))
    categories = tuple(
        Category(
            id=str(entry["id"]),
            label=str(entry["label"]),
            emoji=str(entry["emoji"]),
            question=str(entry["question"]).strip(),
            examples=tuple(str(e).strip() for e in entry["examples"]),
        )
        for entry in raw["category"]
    )
    return Guide(intro=" ".join(str(raw["intro"]).split()), categories=categories)


_CONTROLLING = re.compile(
    r"^\s*(you\s+(must|have\s+to|need\s+to|will|shall|should|can'?t|cannot|may\s+not|"
    r"are\s+not\s+allowed|aren'?t\s+allowed|won'?t|never)|you'?re\s+not\s+allowed|"
    r"don'?t|do\s+not|never|no\s+more)\b",
    re.IGNORECASE,
)


def sounds_controlling(statement: str) -> bool:
    """Whether a statement reads as a rule for the partner ("You must…") rather than a need."""
    text = statement.replace("’", "'")
    return bool(_CONTROLLING.search(text))


# Ending contact with the other person is the most common boundary after a betrayal, and a
# legitimate one however it is worded: "You must never text her again" needs no reframing.
_CONTACT_WORD = re.compile(
    r"\b(contact|text|texting|texts|message|messages|messaging|call|calls|calling|see|seeing|"
    r"meet|meeting|talk\s+to|talking\s+to|speak\s+to|speaking\s+to|write\s+to|dm|email|"
    r"follow|following|block|unfollow|in\s+touch)\b",
    re.IGNORECASE,
)
_SOMEONE_ELSE = re.compile(
    r"\b(her|him|them|she|he|they|anyone|anybody|someone|that\s+person|the\s+other|"
    r"other\s+(women|men|people)|your\s+ex|the\s+affair)\b",
    re.IGNORECASE,
)


def is_no_contact(statement: str, category: str) -> bool:
    """Whether a boundary is about contact with someone else: the "contact" area, or a word
    such as text, call, see or meet together with someone other than the two of them."""
    text = statement.replace("’", "'")
    return category == "contact" or bool(_CONTACT_WORD.search(text) and _SOMEONE_ELSE.search(text))


def offer_reframing(statement: str, category: str) -> bool:
    """Whether to offer, gently and once, the "what I need / what I'll do" way of wording a
    boundary: only when it reads as a rule for the partner and is not about ending contact."""
    return sounds_controlling(statement) and not is_no_contact(statement, category)


# -- reading -----------------------------------------------------------------------------------


async def active_of(session: AsyncSession, user: User) -> tuple[list[Boundary], list[Boundary]]:
    """The person's own boundaries and the ones their partner shared with them (not retired)."""
    mine = await session.execute(
        select(Boundary)
        .where(Boundary.owner_id == user.id, Boundary.retired_at.is_(None))
        .order_by(Boundary.id)
    )
    theirs: Sequence[Boundary] = []
    if user.couple_id is not None:
        theirs = (
            (
                await session.execute(
                    select(Boundary)
                    .where(
                        Boundary.couple_id == user.couple_id,
                        Boundary.owner_id != user.id,
                        Boundary.retired_at.is_(None),
                    )
                    .order_by(Boundary.id)
                )
            )
            .scalars()
            .all()
        )
    return list(mine.scalars()), list(theirs)


async def retired_of(session: AsyncSession, user: User) -> list[Boundary]:
    """The person's own retired boundaries, newest first."""
    result = await session.execute(
        select(Boundary)
        .where(Boundary.owner_id == user.id, Boundary.retired_at.is_not(None))
        .order_by(Boundary.retired_at.desc(), Boundary.id.desc())
    )
    return list(result.scalars())


async def count_of(session: AsyncSession, user: User, *, retired: bool = False) -> int:
    """How many boundaries the person has that are not retired (or, `retired=True`, that are)."""
    state = Boundary.retired_at.is_not(None) if retired else Boundary.retired_at.is_(None)
    result = await session.execute(
        select(func.count()).select_from(Boundary).where(Boundary.owner_id == user.id, state)
    )
    return int(result.scalar_one())


async def owned(session: AsyncSession, user: User, boundary_id: int) -> Boundary | None:
    """The boundary if this person owns it."""
    boundary = await session.get(Boundary, boundary_id)
    return boundary if boundary is not None and boundary.owner_id == user.id else None


async def visible(session: AsyncSession, user: User, boundary_id: int) -> Boundary | None:
    """The boundary if this person may see it: theirs, or shared with their current couple."""
    boundary = await session.get(Boundary, boundary_id)
    if boundary is None:
        return None
    if boundary.owner_id == user.id:
        return boundary
    shared_here = boundary.couple_id is not None and boundary.couple_id == user.couple_id
    return boundary if shared_here and boundary.status != Status.PRIVATE else None


async def history(
    session: AsyncSession, boundary: Boundary, viewer_id: int | None = None
) -> tuple[list[BoundaryVersion], list[BoundaryResponse]]:
    """Every version with its date, and the partner's answers to them.

    The owner (or `viewer_id=None`) sees every version; a partner only those since the
    boundary was shared with them (a later partner never sees wording from before).
    """
    versions = await session.execute(
        select(BoundaryVersion)
        .where(BoundaryVersion.boundary_id == boundary.id)
        .order_by(BoundaryVersion.version)
    )
    responses = await session.execute(
        select(BoundaryResponse)
        .where(BoundaryResponse.boundary_id == boundary.id)
        .order_by(BoundaryResponse.created_at, BoundaryResponse.id)
    )
    shown = list(versions.scalars())
    if viewer_id is not None and viewer_id != boundary.owner_id:
        shown = [v for v in shown if v.version >= (boundary.shared_version or 1)]
    return shown, list(responses.scalars())


# -- changing ----------------------------------------------------------------------------------


def _version_of(boundary: Boundary, now: datetime) -> BoundaryVersion:
    return BoundaryVersion(
        boundary_id=boundary.id,
        version=boundary.version,
        category=boundary.category,
        statement=boundary.statement,
        consequence=boundary.consequence,
        created_at=now,
    )


async def add(
    session: AsyncSession, owner: User, category: str, statement: str, now: datetime
) -> Boundary:
    """A new private boundary (version 1)."""
    if guide().category(category) is None:
        raise ValueError("unknown category")
    boundary = Boundary(
        owner_id=owner.id,
        category=category,
        statement=statement[:MAX_STATEMENT],
        version=1,
        status=Status.PRIVATE,
        created_at=now,
        updated_at=now,
    )
    session.add(boundary)
    await session.flush()
    session.add(_version_of(boundary, now))
    return boundary


async def revise(
    session: AsyncSession,
    boundary: Boundary,
    now: datetime,
    *,
    statement: str | None = None,
    consequence: str | None = None,
    drop_consequence: bool = False,
) -> bool:
    """A new version of the wording or the consequence. True if the partner must answer anew.

    A draft that was never shared is still being written: it changes in place (version 1).
    """
    if boundary.shared_at is None and boundary.version == 1:
        version = (
            await session.execute(
                select(BoundaryVersion).where(
                    BoundaryVersion.boundary_id == boundary.id, BoundaryVersion.version == 1
                )
            )
        ).scalar_one()
        _apply(boundary, statement, consequence, drop_consequence)
        version.statement, version.consequence = boundary.statement, boundary.consequence
        boundary.updated_at = now
        return False
    _apply(boundary, statement, consequence, drop_consequence)
    boundary.version += 1
    boundary.updated_at = now
    session.add(_version_of(boundary, now))
    if boundary.couple_id is None:
        return False
    boundary.status = Status.SHARED
    boundary.answered_at = None
    return True


def _apply(
    boundary: Boundary, statement: str | None, consequence: str | None, drop_consequence: bool
) -> None:
    if statement is not None:
        boundary.statement = statement[:MAX_STATEMENT]
    if consequence is not None:
        boundary.consequence = consequence[:MAX_CONSEQUENCE]
    elif drop_consequence:
        boundary.consequence = None


def share(boundary: Boundary, owner: User, now: datetime) -> bool:
    """Show the boundary to the owner's partner. False if there is nobody to share it with."""
    if owner.couple_id is None or boundary.retired_at is not None:
        return False
    if boundary.couple_id == owner.couple_id and boundary.status != Status.PRIVATE:
        return True  # already shared
    boundary.couple_id = owner.couple_id
    boundary.status = Status.SHARED
    boundary.shared_at = now
    boundary.shared_version = boundary.version
    boundary.answered_at = None
    return True


def reads_unsafe(boundary: Boundary) -> bool:
    """Whether the wording or the consequence reads like danger (then it is not sent to the
    partner without the owner's second, deliberate tap)."""
    return safety.looks_unsafe(boundary.statement) or safety.looks_unsafe(
        boundary.consequence or ""
    )


def hold_back(boundary: Boundary) -> None:
    """A shared boundary's new words read like danger: it goes back to private. The partner no
    longer sees it and is not told; sharing it again is the owner's choice."""
    boundary.couple_id = None
    boundary.status = Status.PRIVATE
    boundary.answered_at = None


def retire(boundary: Boundary, now: datetime) -> bool:
    """Retire it (kept in history, out of lists and reviews). False if it was already."""
    if boundary.retired_at is not None:
        return False
    boundary.retired_at = now
    boundary.updated_at = now
    return True


class Answered(StrEnum):
    """What came of a partner's answer."""

    DONE = "done"
    ALREADY = "already"  # the same answer to this version was given before
    CHANGED = "changed"  # the boundary was edited since the button was sent
    UNKNOWN = "unknown"  # not shared with this person (or retired)


async def respond(
    session: AsyncSession,
    boundary: Boundary,
    responder: User,
    version: int,
    response: Status,
    now: datetime,
) -> tuple[Answered, BoundaryResponse | None]:
    """The partner acknowledges a version, or asks to talk about it."""
    if (
        boundary.owner_id == responder.id
        or boundary.couple_id is None
        or boundary.couple_id != responder.couple_id
        or boundary.status == Status.PRIVATE
        or boundary.retired_at is not None
    ):
        return Answered.UNKNOWN, None
    if version != boundary.version:
        return Answered.CHANGED, None
    if boundary.status == response:
        return Answered.ALREADY, None
    answer = BoundaryResponse(
        boundary_id=boundary.id,
        version=version,
        user_id=responder.id,
        response=str(response),
        created_at=now,
    )
    session.add(answer)
    boundary.status = response
    boundary.answered_at = now
    await session.flush()
    return Answered.DONE, answer


async def talk_response(
    session: AsyncSession, boundary: Boundary, responder: User
) -> BoundaryResponse | None:
    """The responder's latest "let's talk" on the current version (to attach a note to)."""
    result = await session.execute(
        select(BoundaryResponse)
        .where(
            BoundaryResponse.boundary_id == boundary.id,
            BoundaryResponse.user_id == responder.id,
            BoundaryResponse.version == boundary.version,
            BoundaryResponse.response == Status.TALK,
        )
        .order_by(BoundaryResponse.id.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def end_sharing(session: AsyncSession, couple_id: int) -> None:
    """A pairing ended: boundaries shared in it go back to private and its answers are dropped.

    A later partner never sees anything of the old couple.
    """
    shared = select(Boundary.id).where(Boundary.couple_id == couple_id)
    await session.execute(delete(BoundaryResponse).where(BoundaryResponse.boundary_id.in_(shared)))
    await session.execute(
        update(Boundary)
        .where(Boundary.couple_id == couple_id)
        .values(couple_id=None, status=Status.PRIVATE, answered_at=None)
    )


# -- the weekly review -------------------------------------------------------------------------


async def review_due(session: AsyncSession, round_: CheckinRound) -> list[Boundary]:
    """The boundaries this round reviews: on the couple's review day, each acknowledged one."""
    if round_.couple_id is None:
        return []
    couple = await session.get(Couple, round_.couple_id)
    if couple is None or couple.review_day is None:
        return []
    if round_.local_date.weekday() != couple.review_day:
        return []
    result = await session.execute(
        select(Boundary)
        .where(
            Boundary.couple_id == round_.couple_id,
            Boundary.status == Status.ACKNOWLEDGED,
            Boundary.retired_at.is_(None),
        )
        .order_by(Boundary.id)
    )
    return list(result.scalars())


async def verdicts(session: AsyncSession, round_id: int) -> dict[tuple[int, int], str]:
    """(boundary id, person id) → verdict for one round."""
    result = await session.execute(
        select(BoundaryReview.boundary_id, BoundaryReview.user_id, BoundaryReview.verdict).where(
            BoundaryReview.round_id == round_id
        )
    )
    return {(b, u): v for b, u, v in result.all()}


async def record_verdict(
    session: AsyncSession,
    round_: CheckinRound,
    boundary_id: int,
    user: User,
    verdict: str,
    now: datetime,
) -> bool:
    """Save one verdict (replacing an earlier one). False if the boundary is not under review."""
    if verdict not in VERDICTS:
        return False
    due = {b.id for b in await review_due(session, round_)}
    if boundary_id not in due:
        return False
    existing = (
        await session.execute(
            select(BoundaryReview).where(
                BoundaryReview.round_id == round_.id,
                BoundaryReview.boundary_id == boundary_id,
                BoundaryReview.user_id == user.id,
            )
        )
    ).scalar_one_or_none()
    if existing is None:
        session.add(
            BoundaryReview(
                round_id=round_.id,
                boundary_id=boundary_id,
                user_id=user.id,
                verdict=verdict,
                answered_at=now,
            )
        )
    else:
        existing.verdict, existing.answered_at = verdict, now
    await session.flush()
    return True


def next_review(
    due: list[Boundary], given: dict[tuple[int, int], str], user_id: int, after: int | None
) -> Boundary | None:
    """The review question to show next: the one after `after`, else the first unanswered."""
    if after is not None:
        later = [b for b in due if b.id > after]
        if later:
            return later[0]
    return next((b for b in due if (b.id, user_id) not in given), None)


@dataclass(frozen=True)
class ReviewStats:
    """How the weekly reviews went: kept answers out of all answers, this week and overall."""

    week_kept: int
    week_total: int
    all_kept: int
    all_total: int
    weeks: int  # reviews held (revealed review days) so far

    def ratio(self, *, week: bool) -> float | None:
        """Kept share of the answers (None when there were none)."""
        kept, total = (self.week_kept, self.week_total) if week else (self.all_kept, self.all_total)
        return kept / total if total else None


async def review_stats(session: AsyncSession, couple_id: int, today: date) -> ReviewStats | None:
    """The couple's review numbers from revealed rounds only (None if no review was held)."""
    rows = await session.execute(
        select(
            CheckinRound.local_date,
            BoundaryReview.verdict,
            func.count(),
        )
        .join(CheckinRound, CheckinRound.id == BoundaryReview.round_id)
        .where(CheckinRound.couple_id == couple_id, CheckinRound.revealed_at.is_not(None))
        .group_by(CheckinRound.local_date, BoundaryReview.verdict)
    )
    week_start = today - timedelta(days=7)
    week_kept = week_total = all_kept = all_total = 0
    days: set[date] = set()
    for day, verdict, count in rows.all():
        days.add(day)
        all_total += count
        all_kept += count if verdict == "kept" else 0
        if day > week_start:
            week_total += count
            week_kept += count if verdict == "kept" else 0
    if not days:
        return None
    return ReviewStats(week_kept, week_total, all_kept, all_total, len(days))


def parse_weekday(text: str) -> int | None:
    """'sunday' or 'Sun' → 6; None if it is not one day."""
    return DAY_WORDS.get(text.strip().lower())


async def reviewed_in(
    session: AsyncSession, round_id: int
) -> tuple[list[Boundary], dict[tuple[int, int], str]]:
    """The boundaries someone reviewed in a round, and the verdicts given."""
    given = await verdicts(session, round_id)
    if not given:
        return [], given
    ids = sorted({boundary_id for boundary_id, _ in given})
    rows = await session.execute(select(Boundary).where(Boundary.id.in_(ids)).order_by(Boundary.id))
    return list(rows.scalars()), given
