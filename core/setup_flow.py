"""Setting up: consent, the person's side, the time zone, and what to ask next.

Use cases over one transaction, returning an Outcome (bot.handlers.onboarding words it). Nothing
is stored before consent; an invite code opened before consent rides in the consent button.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from core import awaiting, languages, pairing, pairing_flow, people, reminders, timezones
from core.awaiting import Asked, Asks
from core.outcome import STALE, Outcome, Reply, say
from db.models import User

if TYPE_CHECKING:
    from core.words import Words

log = logging.getLogger(__name__)

WELCOME = "setup.welcome"  # data: the invite code to carry, or None
WELCOME_BACK = "setup.welcome_back"
DECLINED = "setup.declined"
CONSENTED = "setup.consented"  # data: when they agreed
NEEDS_CONSENT = "setup.needs_consent"
ASK_ROLE = "setup.ask_role"
ASK_TIMEZONE = "setup.ask_timezone"  # data: suggested zones, or None for the usual ones
TIMEZONE_SHOWN = "setup.timezone_shown"  # data: the current zone
TIMEZONE_FOLDED = "setup.timezone_folded"  # the question, its buttons folded away
TIMEZONE_SET = "setup.timezone_set"  # data: (zone, now)
TIMEZONE_UNKNOWN = "setup.timezone_unknown"  # data: (typed, suggestions)
ROLE_SAVED = "setup.role_saved"  # data: the Role
DONE = "setup.done"
DONE_PAIRED = "setup.done_paired"
DONE_WAITING = "setup.done_waiting"
# Typed time zone names go through core.words like any words; nothing longer is a zone.
MAX_ZONE_TEXT = 4096
# A second "Yes, I agree" this soon after the consent is the same tap twice (two taps at once,
# or a client sending it again): the first one's question is on screen, so nothing is sent.
SAME_TAP = timedelta(minutes=1)


async def next_step(session: AsyncSession, user: User, now: datetime) -> Reply:
    """The next setting-up question (as a new message), or the closing words once all is
    answered: paired, waiting for the inviter, or neither."""
    step = people.onboarding_step(user)
    if step is people.Step.ROLE:
        return Reply(ASK_ROLE, below=True)
    if step is people.Step.TIMEZONE:
        awaiting.ask(user, Asked(Asks.TIMEZONE), now)
        return Reply(ASK_TIMEZONE, below=True)
    if user.couple_id is not None:
        return Reply(DONE_PAIRED, below=True)
    if await pairing.asked_to_join(session, user.id):
        return Reply(DONE_WAITING, below=True)
    return Reply(DONE, below=True)


async def start(session: AsyncSession, user_id: int, payload: str | None, now: datetime) -> Outcome:
    """`/start [payload]`: welcome a new person (asking consent; nothing stored), or pick up
    where a known one left off. A payload is an invite link opened: whose it is comes first."""
    code = payload if payload and pairing.looks_like_code(payload) else None
    user = await people.get(session, user_id)
    if user is None:  # nothing is stored before consent; a code rides in the consent button
        log.info("onboarding.welcome user=%s with_code=%s", user_id, code is not None)
        return say(WELCOME, data=code)
    people.touch(user, now)
    replies: list[Reply] = []
    if payload is not None:
        replies.extend((await pairing_flow.offer(session, user_id, code, now)).replies)
    if people.onboarding_step(user) is not people.Step.DONE:
        replies.append(await next_step(session, user, now))
    elif payload is None:
        replies.append(Reply(WELCOME_BACK))
    return Outcome(replies=tuple(replies))


async def consent(
    session: AsyncSession,
    user_id: int,
    code: str | None,
    language_code: str | None,
    now: datetime,
) -> Outcome:
    """ "Yes, I agree": record consent (once), offer the invite that came with it, then the next
    question. `language_code` is Telegram's guess, kept so a later crisis reply fits."""
    user, is_new = await people.give_consent(session, user_id, now)
    if not is_new:
        if user.consent_at is not None and abs(now - user.consent_at) < SAME_TAP:
            return Outcome()  # the tap is answered; the first tap's question stands
        return Outcome(replies=(await next_step(session, user, now),))
    user.language = languages.pick(language_code)  # so a crisis reply can be in their language
    log.info("onboarding.consented user=%s", user_id)
    replies = [Reply(CONSENTED, data=(user.consent_at, user.language))]
    if code is not None and pairing.looks_like_code(code):
        replies.extend((await pairing_flow.offer(session, user_id, code, now)).replies)
    replies.append(await next_step(session, user, now))
    return Outcome(replies=tuple(replies))


async def decline(session: AsyncSession, user_id: int) -> Outcome:
    """ "Not now": nothing is stored (someone already known is simply welcomed back)."""
    known = await people.get(session, user_id) is not None
    return say(WELCOME_BACK if known else DECLINED)


async def choose_role(session: AsyncSession, user_id: int, role: str, now: datetime) -> Outcome:
    """Save which side the person is on (from setting up or /settings)."""
    if role not in {r.value for r in people.Role}:
        return Outcome(toast=STALE)
    user = await people.get(session, user_id)
    if user is None:
        return say(NEEDS_CONSENT, below=True)
    setting_up = people.onboarding_step(user) is not people.Step.DONE
    people.set_role(user, people.Role(role))
    people.touch(user, now)
    replies = [Reply(ROLE_SAVED, data=people.Role(role))]
    if setting_up:
        replies.append(await next_step(session, user, now))
    return Outcome(replies=tuple(replies))


async def set_zone(session: AsyncSession, user: User, typed: str, now: datetime) -> Outcome:
    """Set the zone `typed` names, or the one zone of the city it names (reminders follow it;
    setting up ends with it), or answer with suggestions and change nothing."""
    zone_name = timezones.resolve(typed) or timezones.place(typed)
    if zone_name is None:
        return say(TIMEZONE_UNKNOWN, data=(typed, timezones.suggest(typed)))
    setting_up = people.onboarding_step(user) is not people.Step.DONE
    people.set_timezone(user, zone_name)  # closes the time zone question
    people.touch(user, now)
    if people.onboarding_step(user) is people.Step.DONE:
        await reminders.ensure_defaults(session, user, now)  # once, when setting up ends
    await reminders.reschedule_all(session, user, now)  # local times follow the new zone
    replies = [Reply(TIMEZONE_SET, data=(zone_name, now), below=True)]
    if setting_up:
        replies.append(await next_step(session, user, now))
    return Outcome(replies=tuple(replies))


async def take_zone(session: AsyncSession, user: User, words: Words) -> Outcome:
    """Typed words while the time zone question is open (the core.words use case)."""
    return await set_zone(session, user, words.text, words.now)


async def press_zone(session: AsyncSession, user_id: int, zone: str, now: datetime) -> Outcome:
    """A tapped zone: the question stays, its buttons fold away, then it is set like a typed
    one."""
    if timezones.resolve(zone) is None:
        return Outcome(toast=STALE)
    user = await people.get(session, user_id)
    if user is None:
        return Outcome(replies=(Reply(TIMEZONE_FOLDED), Reply(NEEDS_CONSENT, below=True)))
    outcome = await set_zone(session, user, zone, now)
    return replace(outcome, replies=(Reply(TIMEZONE_FOLDED), *outcome.replies))


def ask_zone(user: User, now: datetime, *, show_current: bool = True) -> Outcome:
    """`/timezone` alone (the zone it is now, when set), or "change time zone" in /settings:
    the next message names a new one."""
    awaiting.ask(user, Asked(Asks.TIMEZONE), now)
    if user.timezone and show_current:
        return say(TIMEZONE_SHOWN, data=user.timezone, below=True)
    return say(ASK_TIMEZONE, below=True)
