"""What one boundary button or message is doing, and the outcome it is building.

Reply keys are "boundary.<name>": for a plain text, <name> is the lower-case name of its text
in bot.boundary_texts (with `data` as format arguments, a dict), otherwise one of the views
named below. Notes to the partner go through the partner-notice gate, silent in their quiet
hours; the partner's words are veiled by the view when the reader chose discreet previews.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core import pairing
from core.outcome import Note, Outcome, Reply, note_to
from db.models import Boundary, User

log = logging.getLogger(__name__)

# Views with data (the rest are plain texts, see the module docstring).
LISTING = "boundary.listing"  # data: Listing
CATEGORIES = "boundary.categories"
CARD = "boundary.card"  # data: Card
GUIDE = "boundary.guide"  # ref: the step
RETIRED_LIST = "boundary.retired_list"  # data: (boundaries, zone)
HISTORY = "boundary.history"  # data: (boundary, versions, responses, zone)
CONFIRM_RETIRE = "boundary.confirm_retire"  # data: the boundary
ASK_STATEMENT = "boundary.ask_statement"  # data: the guide's area
AFTER_ADD = "boundary.after_add"  # data: (boundary, reframe)
ASK_NOTE = "boundary.ask_note"  # data: the boundary
SHARE_HELD = "boundary.share_held"  # data: the boundary ("share it anyway")
NOTE_HELD = "boundary.note_held"  # data: the response ("send it anyway")
RETIRED = "boundary.retired"  # a list button
ASK_CONSEQUENCE = "boundary.ask_consequence"  # data: the boundary ("remove it")
UNKNOWN = "boundary.unknown"
# Notes.
FOR_PARTNER = "boundary.for_partner"  # data: (boundary, updated)
OWNER_CARD = "boundary.owner_card"  # data: Card; edits the owner's earlier card
NOTICE = "boundary.notice"  # data: (text name, statement limit); words: the statement
OWNER_NOTE = "boundary.owner_note"  # data: (statement, note)
REVIEW_DAY = "boundary.review_day"  # ref: the day, or None for off
KIND = "boundary"


@dataclass(frozen=True)
class Card:
    """A boundary's card as `viewer` sees it, with an optional notice (a text name) above."""

    boundary: Boundary
    viewer_id: int
    paired: bool
    zone: str | None
    notice: str | None = None


@dataclass
class Act:
    """One button press or message being handled: who, when, and what it is leading to."""

    session: AsyncSession
    user: User
    now: datetime
    replies: list[Reply] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    saved: tuple[str, int] | None = None
    toast: str | None = None

    def show(
        self, say: str, *, data: Any = None, ref: int | None = None, below: bool = False
    ) -> None:
        """Reply with this (the first reply edits a pressed message unless `below`)."""
        self.replies.append(Reply(say, ref, data, below))

    def card(self, boundary: Boundary, notice: str | None = None, *, below: bool = False) -> None:
        """Reply with the boundary's card; the owner's is remembered (`Reply.ref`), so a later
        answer from the partner can update its status in place."""
        user = self.user
        card = Card(boundary, user.id, user.couple_id is not None, user.timezone, notice)
        mine = boundary.owner_id == user.id and boundary.retired_at is None
        self.replies.append(Reply(CARD, boundary.id if mine else None, card, below))

    def refuse(self, boundary_id: int, action: str) -> None:
        """ "That boundary isn't available", the same for not-yours and no-such."""
        log.info(
            "boundary.refused user=%s boundary=%s action=%s", self.user.id, boundary_id, action
        )
        self.show(UNKNOWN)

    async def tell_partner(
        self,
        say: str,
        *,
        words: str | None = None,
        data: Any = None,
        merge: bool = False,
        kind: str = KIND,
    ) -> None:
        """Queue a note for the person's partner (sent after the commit, through the gate)."""
        partner = await pairing.partner_of(self.session, self.user)
        if partner is not None:
            note = note_to(partner, self.now, say, kind=kind, words=words, gated=True, data=data)
            self.notes.append(replace(note, merge=merge))

    async def send_to_partner(self, boundary: Boundary, *, updated: bool) -> None:
        """The partner's copy of a shared (or changed) boundary, with their answer buttons."""
        await self.tell_partner(FOR_PARTNER, data=(boundary, updated))

    def outcome(self) -> Outcome:
        """What the act led to."""
        return Outcome(
            replies=tuple(self.replies), notes=tuple(self.notes), saved=self.saved, toast=self.toast
        )
