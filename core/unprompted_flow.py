"""The buttons under words nobody asked for: keep them, a hard time, or let them go.

The words are held briefly (core.held); each button acts on the presser's own hold only, and
two taps at once see one act and the other told it is done (bot.handlers.unprompted words it).
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core import held, people
from core.actions import Press
from core.outcome import STALE, Outcome, Reply, say, spoken

log = logging.getLogger(__name__)

KEPT = "unprompted.kept"
LET_GO = "unprompted.let_go"
EXPIRED = "unprompted.expired"
STILL_HELD = "unprompted.still_held"  # ref: the hold; the choice to keep stays (no "hard")
HARD_HELP = "unprompted.hard_help"  # data: the person's side; grounding steps, below
DONE_ALREADY = "unprompted.done_already"  # a toast


async def press(session: AsyncSession, user_id: int, pressed: Press, now: datetime) -> Outcome:
    """`un:keep|hard|drop:<hold>`: keep the words in the journal, show grounding steps (the
    words stay held while they can), or let them go at once."""
    user = await people.get(session, user_id)
    if user is None:
        return Outcome(toast=STALE)
    held_id = pressed.number()
    if pressed.verb == "hard":
        still_held = await held.is_held(session, user, held_id, now)
        log.info("unprompted.hard_time user=%s held=%s held_still=%s", user_id, held_id, still_held)
        shown = Reply(STILL_HELD, ref=held_id) if still_held else Reply(EXPIRED)
        return spoken(Outcome(replies=(shown, Reply(HARD_HELP, data=user.role, below=True))), user)
    act = held.keep if pressed.verb == "keep" else held.let_go
    taken = await act(session, user, held_id, now)
    log.info(
        "unprompted.button user=%s held=%s action=%s outcome=%s",
        user_id,
        held_id,
        pressed.verb,
        taken.outcome,
    )
    if taken.outcome is held.Outcome.HANDLED:
        return Outcome(toast=DONE_ALREADY)
    return say(
        {held.Outcome.KEPT: KEPT, held.Outcome.LET_GO: LET_GO}.get(taken.outcome, EXPIRED),
        saved=("journal", taken.entry.id) if taken.entry is not None else None,
    )
