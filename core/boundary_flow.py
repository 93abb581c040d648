"""/boundaries and its buttons as use cases: add, share, acknowledge, talk, edit, retire,
history, the guide, the review day.

Every button names a boundary id; the owner alone may change a boundary, and only the partner it
was shared with may answer it. Anything else is refused kindly and logged with ids only.
Danger words reach the partner only on a second, deliberate tap.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from core import awaiting, boundaries, pairing, timezones
from core import boundary_act as ba
from core.actions import Press
from core.awaiting import Asked, Asks
from core.boundaries import ReviewStats
from core.boundary_act import Act
from core.boundary_answers import respond
from core.boundary_owner import owner_action
from core.outcome import STALE
from db.models import Boundary, BoundaryResponse, Couple

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Listing:
    """Both lists, the review day and its numbers."""

    mine: list[Boundary]
    theirs: list[Boundary]
    paired: bool
    review_day: int | None
    stats: ReviewStats | None
    retired: int
    guide: boundaries.Guide | None = None  # the guide's words in the reader's language


async def listing(act: Act) -> None:
    """/boundaries: the person's and their partner's boundaries."""
    session, user = act.session, act.user
    mine, theirs = await boundaries.active_of(session, user)
    retired = await boundaries.count_of(session, user, retired=True)
    review_day = stats = None
    if user.couple_id is not None:
        couple = await session.get(Couple, user.couple_id)
        review_day = couple.review_day if couple is not None else None
        today = act.now.astimezone(timezones.zone(user.timezone or "UTC")).date()
        stats = await boundaries.review_stats(session, user.couple_id, today)
    paired = user.couple_id is not None
    words = boundaries.guide(user.language)
    act.show(ba.LISTING, data=Listing(mine, theirs, paired, review_day, stats, retired, words))


async def categories(act: Act, *, below: bool = False) -> None:
    """The area picker, unless the person already holds as many as the list can show."""
    count = await boundaries.count_of(act.session, act.user)
    if count >= boundaries.MAX_ACTIVE:
        act.show("boundary.too_many", data={"count": count}, below=below)
    else:
        act.show(ba.CATEGORIES, data=boundaries.guide(act.user.language), below=below)


async def review_day(act: Act, args: list[str]) -> None:
    """`/boundaries review [<day>|off]`: show or set the couple's review day (the partner hears
    of a change; a second change soon after updates that notice in place)."""
    user = act.user
    couple = await act.session.get(Couple, user.couple_id) if user.couple_id is not None else None
    if couple is None:
        act.show("boundary.review_solo")
        return
    if not args:
        act.show("boundary.review_usage", ref=couple.review_day)
        return
    typed = " ".join(args)
    if typed.lower() == "off":
        couple.review_day = None
    else:
        day = boundaries.parse_weekday(typed) if len(args) == 1 else None
        if day is None:
            act.show("boundary.review_bad_day", data={"text": typed[:40]})
            return
        couple.review_day = day
    log.info("boundary.review_day user=%s couple=%s day=%s", user.id, couple.id, couple.review_day)
    act.show("boundary.review_set", ref=couple.review_day)
    partner = await pairing.partner_of(act.session, user)
    if partner is not None:
        day = couple.review_day
        await act.tell_partner(ba.REVIEW_DAY, data=day, merge=True, kind="boundary_review_day")


async def command(act: Act, args: list[str]) -> None:
    """The list, or `add`, `guide`, `review <day>`."""
    word = args[0].lower() if args else ""
    if not args or word == "list":
        await listing(act)
    elif word == "add" and len(args) == 1:
        await categories(act)
    elif word == "guide" and len(args) == 1:
        act.show(ba.GUIDE, ref=0, data=boundaries.guide(act.user.language))
    elif word == "review":
        await review_day(act, args[1:])
    else:
        act.show("boundary.usage")


async def press(act: Act, pressed: Press) -> None:
    """Do what one `bd:` button asks (the codec has checked its shape)."""
    session, user, verb = act.session, act.user, pressed.verb
    if verb == "list":
        await listing(act)
    elif verb == "new":
        await categories(act)
    elif verb == "cat":
        await _pick_area(act, pressed.word(0))
    elif verb == "guide":
        act.show(ba.GUIDE, ref=pressed.number(), data=boundaries.guide(user.language))
    elif verb == "old":
        retired = await boundaries.retired_of(session, user)
        act.show(ba.RETIRED_LIST, data=(retired, user.timezone))
    elif verb in ("ack", "talk"):
        await respond(act, pressed.number(0), pressed.number(1), verb)
    elif verb in ("nonote", "sendnote"):
        await _note_button(act, verb, pressed.number())
    elif verb in ("open", "hist"):
        await _open(act, verb, pressed.number())
    else:
        await owner_action(act, verb, pressed.number())


async def _pick_area(act: Act, area: str) -> None:
    category = boundaries.guide().category(area)
    if category is None:  # no button of ours names an area the guide lacks
        act.toast = STALE
    elif await boundaries.count_of(act.session, act.user) >= boundaries.MAX_ACTIVE:
        await categories(act)
    else:
        awaiting.ask(act.user, Asked(Asks.BOUNDARY_NEW, tag=category.id), act.now)
        words = boundaries.guide(act.user.language).category(area) or category
        act.show(ba.ASK_STATEMENT, data=words, below=True)


async def _open(act: Act, verb: str, boundary_id: int) -> None:
    boundary = await boundaries.visible(act.session, act.user, boundary_id)
    if boundary is None:
        act.refuse(boundary_id, verb)
    elif verb == "open":
        act.card(boundary)
    else:
        versions, responses = await boundaries.history(act.session, boundary, act.user.id)
        act.show(ba.HISTORY, data=(boundary, versions, responses, act.user.timezone))


async def _note_button(act: Act, verb: str, number: int) -> None:
    """ "No note" after "let's talk", or "Send it anyway" for a note that was held back."""
    session, user = act.session, act.user
    if verb == "nonote":
        awaiting.close(user, Asked(Asks.BOUNDARY_NOTE, ref=number))
        act.show("boundary.talk_sent")
        return
    response = await session.get(BoundaryResponse, number)
    boundary = await session.get(Boundary, response.boundary_id) if response else None
    if (
        response is None
        or boundary is None
        or response.user_id != user.id
        or not response.note
        or boundary.couple_id is None
        or boundary.couple_id != user.couple_id
    ):
        act.refuse(number, verb)
        return
    act.show("boundary.note_sent")
    if response.relayed_at is None:
        response.relayed_at = act.now
        await act.tell_partner(ba.OWNER_NOTE, data=(boundary.statement, response.note))
