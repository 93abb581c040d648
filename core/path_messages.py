"""What the path says in the messages it starts: a stage's opening and its closing reflection,
composed from content/path.toml for the reader's side and in the reader's language (read at the
moment of sending, so a role or language changed since counts from the next message). Every
first line stays discreet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from content.path import path as content
from core import path as path_core
from core import share
from core.languages import known
from db.models import User


@dataclass(frozen=True)
class PathMessage:
    """One scheduled path message: "open" (a stage begins) or "reflect" (its week is done)."""

    kind: str
    path_id: int
    stage: int
    text: str  # plain text; the first line is discreet
    offer_share: bool = False  # the fuller check-in is offered below the opening

    @property
    def item_id(self) -> str:
        """What the delivery records (no words): `path:open:3` (`path:open:3:share` when the
        fuller check-in is offered with it)."""
        return f"path:{self.kind}:{self.stage}" + (":share" if self.offer_share else "")


async def offers_share(session: AsyncSession, user: User, stage: int, now: datetime) -> bool:
    """Whether a stage's opening for `user` offers the fuller check-in (/share): in the
    "establish trust" stage, to the partner who broke trust, paired, with no plan running
    (core.share.suggestion_for). Openings reach each person once, so it is offered once."""
    if path_core.section(stage) != "trust":
        return False
    return await share.suggestion_for(session, user, now) is not None


def practices(stage: int, role: str | None, solo: bool, language: str | None = None) -> str:
    """The week's shared practice and the personal one for this side, as plain text in
    `language` (None: English)."""
    words = content(known(language))
    found = words.stages[stage - 1]
    shared = (
        f"{words.notices.on_your_own}:\n{found.shared.alone}"
        if solo
        else f"{words.notices.together}: {found.shared.title}\n{found.shared.how}"
    )
    return f"{shared}\n\n{words.notices.just_you}: {found.personal.for_role(role)}"


def opening(stage: int, role: str | None, solo: bool, language: str | None = None) -> str:
    """A stage's opening in `language` (None: English): discreet first line, why it matters
    for this side, the practices."""
    words = content(known(language))
    found = words.stages[stage - 1]
    head = words.notices.week_begins.format(n=stage, title=found.title)
    shown = practices(stage, role, solo, language)
    return f"{head}\n\n{found.opening.for_role(role)}\n\n{shown}"


def reflection_questions(stage: int, language: str | None = None) -> tuple[str, str]:
    """The stage's two closing questions in `language` (None: English): what helped, what
    was hard."""
    found = content(known(language)).stages[stage - 1].reflection
    return found.helped, found.hard


async def due(session: AsyncSession, user: User, now: datetime) -> PathMessage | None:
    """The path message waiting for this person now, marked as sent (None: nothing waits).

    Waiting: the opening of a stage that began without them in the chat (the partner agreed
    or moved on), then the closing reflection once the stage has run REFLECT_AFTER.
    """
    path = await path_core.current(session, user)
    if path is None or path.status != "active":
        return None
    step = await path_core.step(session, path, user.id, now)
    if step.opened_at is None:
        step.opened_at = now
        text = opening(path.stage, user.role, path.couple_id is None, user.language)
        offer = await offers_share(session, user, path.stage, now)
        return PathMessage("open", path.id, path.stage, text, offer)
    started = path.stage_started_at
    if started is None or now < started + path_core.REFLECT_AFTER:
        return None
    if step.asked_at is not None or step.answered_at is not None:
        return None
    step.asked_at = now
    due_text = content(known(user.language)).notices.reflection_due
    return PathMessage("reflect", path.id, path.stage, due_text)


@dataclass(frozen=True)
class Where:
    """Where a person is on their path, for /path (no words of anyone's)."""

    path_id: int | None  # None: no path under way
    status: str = ""  # invited | active | paused
    stage: int = 1
    solo: bool = True
    paired: bool = False  # has a partner now (a path would be walked together)
    invited_by_me: bool = False
    day: int = 1  # day of the current stage, from 1
    reflection_open: bool = False  # its week is nearly done: the two questions are open
    answered: bool = False
    revealed: bool = False
    ready: bool = False
    partner_ready: bool = False


async def where(session: AsyncSession, user: User, paired: bool, now: datetime) -> Where:
    """The person's place on the path now."""
    path = await path_core.current(session, user)
    if path is None:
        return Where(None, paired=paired)
    base = Where(
        path.id,
        path.status,
        path.stage,
        solo=path.couple_id is None,
        paired=paired,
        invited_by_me=path.invited_by == user.id,
    )
    if path.status == "invited" or path.stage_started_at is None:
        return base
    until = path.paused_at if path.status == "paused" and path.paused_at else now
    ran = until - path.stage_started_at
    steps = {s.user_id: s for s in await path_core.steps_of(session, path)}
    mine = steps.get(user.id)
    others = [s for uid, s in steps.items() if uid != user.id]
    return Where(
        path.id,
        path.status,
        path.stage,
        solo=base.solo,
        paired=paired,
        day=ran.days + 1,
        reflection_open=ran >= path_core.REFLECT_AFTER or bool(mine and mine.asked_at),
        answered=bool(mine and mine.answered_at),
        revealed=bool(mine and mine.revealed_at),
        ready=bool(mine and mine.ready_at),
        partner_ready=any(s.ready_at is not None for s in others),
    )
