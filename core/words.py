"""The one free-text pipeline: every plain message a person types goes through `take`.

In order: one transaction; the open question (core.awaiting) is read and its expiry applied;
the flow's length cap (too long: said, nothing saved, the question stays open); the safety
check (once, here: a flow gets `Words.unsafe` and decides what to hold back from the partner);
the flow's use case; "not saved" when the database fails. The tidy-up ("tidy chat") is decided
here from what the use case saved; replies and relays go out after the commit (bot.delivery).

A flow that accepts words registers one use case: `register(Asks.X, limit, use_case)`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from core import awaiting, held, people, safety
from core.awaiting import Asked, Asks
from core.outcome import Outcome, say
from db.models import User

log = logging.getLogger(__name__)

# Replies the pipeline itself gives (the `words.` view in bot/ words them).
NEEDS_CONSENT = "words.needs_consent"
NOT_SAVED = "words.not_saved"
TOO_LONG = "words.too_long"  # ref: the limit; data: the flow
EXPIRED = "words.expired"  # data: the flow whose question expired
UNPROMPTED = "words.unprompted"  # ref: the hold's id; data: the flow of an expired question
JOINED = "words.joined"  # ref: the hold the words joined (its offer is on screen already)
WAITS_FOR_A_TAP = "words.waits_for_a_tap"
NOT_TEXT = "words.not_text"  # data: the flow whose question waits ("timezone"…), or None


@dataclass(frozen=True)
class Words:
    """A typed message on its way to a flow: the text (stripped), whether it reads like danger,
    the question it answers, and when it came."""

    text: str
    unsafe: bool
    asked: Asked
    now: datetime


UseCase = Callable[[AsyncSession, User, Words], Awaitable[Outcome]]


@dataclass(frozen=True)
class Flow:
    """A flow that takes words: the longest text it keeps, and its use case."""

    limit: int
    take: UseCase


FLOWS: dict[Asks, Flow] = {}
# Expired questions whose words were clearly meant for the flow: held, so one tap keeps them.
OFFER_AGAIN = frozenset({Asks.JOURNAL})
Transaction = Callable[[], AbstractAsyncContextManager[AsyncSession]]
Busy = Callable[[AsyncSession, User, datetime], Awaitable[bool]]


def register(what: Asks, limit: int, use_case: UseCase) -> None:
    """Let `use_case` take the words whenever the open question is `what`."""
    FLOWS[what] = Flow(limit, use_case)


async def take(
    transaction: Transaction, user_id: int, text: str, now: datetime, busy: Busy | None = None
) -> Outcome:
    """Run one typed message through the pipeline (one transaction) and say what it led to.
    `busy(session, user, now)`: whether the person is part-way through buttons (then words
    without an open question get a pointer to them instead of the unprompted choice)."""

    async def body(session: AsyncSession, user: User, unsafe: bool) -> Outcome:
        return await _route(session, user, text, unsafe, now, busy)

    return await _run(transaction, user_id, text, body)


async def take_as(
    transaction: Transaction, user_id: int, asked: Asked, text: str, now: datetime
) -> Outcome:
    """The pipeline for words that say themselves what they answer (`/journal <words>`): the
    flow of `asked` takes them whatever question is open."""
    flow = FLOWS[asked.what]
    words = text.strip()
    if len(words) > flow.limit:
        return say(TOO_LONG, ref=flow.limit, data=asked.what.flow)

    async def body(session: AsyncSession, user: User, unsafe: bool) -> Outcome:
        return await flow.take(session, user, Words(words, unsafe, asked, now))

    return await _run(transaction, user_id, text, body)


Body = Callable[[AsyncSession, User, bool], Awaitable[Outcome]]


async def _run(transaction: Transaction, user_id: int, text: str, body: Body) -> Outcome:
    """The safety check, one transaction, the tidy-up decision, "not saved" on failure."""
    unsafe = safety.looks_unsafe(text.strip())
    try:
        async with transaction() as session:
            user = await people.get(session, user_id)
            if user is None:
                return say(NEEDS_CONSENT)
            outcome = await body(session, user, unsafe)
            if outcome.saved is not None and user.tidy_chat:
                outcome = replace(outcome, tidy=True)
    except SQLAlchemyError:
        log.exception("words.save_failed user=%s", user_id)
        return say(NOT_SAVED)
    return replace(outcome, crisis=unsafe)


async def _route(
    session: AsyncSession, user: User, raw: str, unsafe: bool, now: datetime, busy: Busy | None
) -> Outcome:
    """Which flow takes the words (held as written when none asked for them)."""
    text = raw.strip()
    arrival = awaiting.arrived(user, now)
    asked = arrival.asked
    if arrival.expired is not None:
        late = arrival.expired.what.flow
        log.info("text.question_expired user=%s flow=%s", user.id, late)
        if arrival.expired.what in OFFER_AGAIN:
            return await unprompted(session, user, raw, now, late)
        return say(EXPIRED, data=late)
    if asked is None:
        # Danger words are held like any others, in every language: the crisis reply came
        # first (the guard), and the offer below it is in the person's language.
        if not unsafe and busy is not None and await busy(session, user, now):
            return say(WAITS_FOR_A_TAP)
        return await unprompted(session, user, raw, now)
    flow = FLOWS.get(asked.what)
    if flow is None:  # a flow that is not loaded (cannot happen in a running bot)
        awaiting.close(user)
        return await unprompted(session, user, raw, now)
    if len(text) > flow.limit:
        # Said, nothing saved; the question stays open for a shorter answer.
        return say(TOO_LONG, ref=flow.limit, data=asked.what.flow)
    return await flow.take(session, user, Words(text, unsafe, asked, now))


async def not_text(transaction: Transaction, user_id: int, now: datetime) -> Outcome:
    """A sticker, photo, voice message or the like: not read, not stored, nothing changed. The
    reply names what the open question waits for (the question stays open)."""
    async with transaction() as session:
        user = await people.get(session, user_id)
        asked = awaiting.waiting(user, now) if user is not None else None
    return say(NOT_TEXT, data=asked.what.flow if asked is not None else None)


async def unprompted(
    session: AsyncSession, user: User, text: str, now: datetime, expired: str | None = None
) -> Outcome:
    """Words nobody asked for: held briefly (core.held), so one tap can keep them. Words that
    follow an unanswered offer within minutes join its hold instead (no second offer)."""
    if expired is None:
        joined = await held.join(session, user, text, now)
        if joined is not None:
            log.info("unprompted.joined user=%s held=%s", user.id, joined.id)
            return say(JOINED, ref=joined.id)
    kept = await held.hold(session, user, text, now)
    log.info("unprompted.held user=%s held=%s", user.id, kept.id)
    return say(UNPROMPTED, ref=kept.id, data=expired)
