"""Settings and reminder buttons: /settings and its switches, a pause, a nudge's answer.

Use cases over one transaction, returning an Outcome (bot.handlers.info and
bot.handlers.reminders word it). Each acts on the presser's own row only: a nudge's delivery
that is not theirs is answered exactly like one that does not exist.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core import nudges, pairing, people, reminders, setup_flow
from core.actions import Press
from core.outcome import STALE, Outcome, say
from core.policy import SNOOZE

log = logging.getLogger(__name__)

OVERVIEW = "settings.overview"  # data: (the person's row, paired since or None, now)
SWITCHED = "settings.switched"  # data: (which switch, now on?)
NEEDS_CONSENT = "settings.needs_consent"
PAUSE_BAD = "reminders.pause_bad"  # data: what was typed
PAUSED = "reminders.paused"  # data: (until, zone); until is reminders.FOREVER when open-ended
NUDGE_DONE = "reminders.nudge_done"  # data for the three: (the nudge's words, snoozed?)
NUDGE_LATER = "reminders.nudge_later"  # ref: 1 when it comes back only after quiet hours
NUDGE_NOT_TODAY = "reminders.nudge_not_today"
NUDGE_STALE = "reminders.nudge_stale"  # toasts
NUDGE_LATER_LIMIT = "reminders.nudge_later_limit"

# The /settings switches: button verb → the person's column.
SWITCHES = {
    "discreet": "discreet",
    "askfirst": "ask_before_reveal",
    "review": "share_review",
    "tidy": "tidy_chat",
    "hard": "hard_in_summary",
}


async def overview(session: AsyncSession, user_id: int, now: datetime) -> Outcome:
    """`/settings`: the person's choices, with buttons to change them."""
    user = await people.get(session, user_id)
    if user is None:
        return say(NEEDS_CONSENT)
    since = None
    if user.couple_id is not None:
        since = await pairing.couple_since(session, user.couple_id)
    return say(OVERVIEW, data=(user, since, now))


async def press(session: AsyncSession, user_id: int, verb: str, now: datetime) -> Outcome:
    """A /settings button: flip a switch (said below), or ask for a new time zone or side."""
    user = await people.get(session, user_id)
    if user is None:
        return say(NEEDS_CONSENT, below=True)
    if verb == "tz":
        return setup_flow.ask_zone(user, now, show_current=False)
    if verb == "role":
        return say(setup_flow.ASK_ROLE, below=True)
    column = SWITCHES.get(verb)
    if column is None:
        return Outcome(toast=STALE)
    turned_on = not getattr(user, column)
    setattr(user, column, turned_on)
    log.info("settings.switched user=%s switch=%s on=%s", user_id, verb, turned_on)
    return say(SWITCHED, data=(verb, turned_on), below=True)


async def pause(session: AsyncSession, user_id: int, typed: str, now: datetime) -> Outcome:
    """`/pause [3d|12h|…]` or "Pause reminders" (24 h): nothing scheduled until then (open
    ended: until /resume). Unreadable lengths change nothing."""
    try:
        length = reminders.parse_pause(typed)
    except ValueError:
        return say(PAUSE_BAD, data=typed, below=True)
    user = await people.get(session, user_id)
    if user is None:
        return say(NEEDS_CONSENT, below=True)
    paused = reminders.pause(user, now, length)
    log.info("reminders.paused user=%s open_ended=%s", user_id, length is None)
    return say(PAUSED, data=(paused.until, user.timezone), below=True)


async def answer_nudge(
    session: AsyncSession, user_id: int, pressed: Press, now: datetime
) -> Outcome:
    """Done / Later / Not today on a self-care nudge (only the presser's own). The nudge stays
    readable with its buttons folded into the answer; its words come from the delivery."""
    reply = await nudges.respond(session, user_id, pressed.number(), pressed.verb, now)
    outcome = reply.outcome
    if outcome in (nudges.NudgeOutcome.STALE, nudges.NudgeOutcome.NOT_YOURS):
        return Outcome(toast=NUDGE_STALE)  # one answer: a delivery id cannot be probed
    if outcome is nudges.NudgeOutcome.LATER_LIMIT:
        return Outcome(toast=NUDGE_LATER_LIMIT)
    shown = (reply.item_text, reply.snoozed)
    if outcome is nudges.NudgeOutcome.LATER:
        back = reply.comes_back_at
        after_quiet = back is not None and back - now > SNOOZE
        return say(NUDGE_LATER, ref=int(after_quiet), data=shown)
    return say(NUDGE_DONE if outcome is nudges.NudgeOutcome.DONE else NUDGE_NOT_TODAY, data=shown)
