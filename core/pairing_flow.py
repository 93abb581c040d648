"""Pairing's use cases: an invite link opened, "that's my partner", the inviter's answer,
/invite. Who is told what, and whether their phone buzzes, is decided here
(bot.handlers.pairing words it; names are read from Telegram there, never stored).

The partner's notices (`core.notices`: a join request, "you're paired", "the pairing ended")
are caused by someone else, so they are silent in the reader's quiet hours.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core import notices, pairing, people
from core.outcome import Outcome, Reply, say
from db.models import User

log = logging.getLogger(__name__)

OFFER = "pairing.offer"  # ref: the inviter (their name is read from Telegram); data: the code
REFUSED = "pairing.refused"  # data: the RedeemRefusal
JOIN_DECLINED = "pairing.join_declined"
JOIN_ASKED = "pairing.join_asked"  # ref: the inviter, whose name the reply shows
JOIN_ASKED_SHORT = "pairing.join_asked_short"  # asked already, or the request was not delivered
REQUEST_CLOSED = "pairing.request_closed"
CONFIRMED = "pairing.confirmed"
PAIRED = "pairing.paired"  # to the inviter who just confirmed, below the button
TURNED_AWAY = "pairing.turned_away"
INVITE = "pairing.invite"  # data: (code, expires_at, zone or None); bot makes the code a link
ALREADY_PAIRED = "pairing.already_paired"
NOT_PAIRED = "pairing.not_paired"
NEEDS_CONSENT = "pairing.needs_consent"
# Replies whose view shows a person's name (the `ref`), read from Telegram by the handler.
NAMED = frozenset({OFFER, JOIN_ASKED})


async def offer(session: AsyncSession, user_id: int, code: str | None, now: datetime) -> Outcome:
    """Someone opened an invite link: whose it is, and "is this your partner?" (a new
    message). Nothing is stored or changed; a refusal gets its own reply."""
    seen = (
        await pairing.invitation(session, user_id, code, now)
        if code is not None
        else pairing.RedeemRefusal.UNKNOWN
    )
    if isinstance(seen, pairing.RedeemRefusal):
        log.info("pairing.refused user=%s reason=%s", user_id, seen.value)
        return say(REFUSED, data=seen, below=True)
    log.info("pairing.offered user=%s", user_id)
    return say(OFFER, ref=seen.inviter_id, data=code, below=True)


async def join(session: AsyncSession, user_id: int, code: str, now: datetime) -> Outcome:
    """ "Yes, pair us": hold the link for the opener and ask the inviter to confirm (once; a
    request that could not be delivered is said more shortly)."""
    if await people.get(session, user_id) is None or not pairing.looks_like_code(code):
        joined: pairing.Joined | pairing.RedeemRefusal = pairing.RedeemRefusal.UNKNOWN
    else:
        joined = await pairing.join(session, user_id, code, now)
    if isinstance(joined, pairing.RedeemRefusal):
        log.info("pairing.refused user=%s reason=%s", user_id, joined.value)
        return say(REFUSED, data=joined)
    if not joined.first_time:  # asked already: the inviter is not asked twice
        return say(JOIN_ASKED_SHORT)
    log.info("pairing.join_asked inviter=%s joiner=%s", joined.inviter_id, user_id)
    request = await notices.notice_for(
        session, joined.inviter_id, now, notices.JOIN_REQUEST, kind="join_request"
    )
    request = replace(request, ref=user_id, unsent=JOIN_ASKED_SHORT)
    return say(JOIN_ASKED, ref=joined.inviter_id).plus(request)


async def answer_request(
    session: AsyncSession, user_id: int, joiner_id: int, accept: bool, now: datetime
) -> Outcome:
    """The inviter's answer to a join request: pair, or turn the joiner away (they hear only
    that it ended). Only the inviter the request went to can answer it; anyone else, or a
    request already answered, is told it is closed."""
    if accept:
        paired = await pairing.confirm(session, user_id, joiner_id, now)
        if isinstance(paired, pairing.ConfirmRefusal):
            log.info("pairing.request_closed user=%s", user_id)
            return say(REQUEST_CLOSED)
        log.info(
            "pairing.created couple=%s inviter=%s invitee=%s",
            paired.couple_id,
            paired.inviter_id,
            paired.invitee_id,
        )
        told = await notices.notice_for(
            session, paired.invitee_id, now, notices.PAIRED, kind="paired"
        )
        return Outcome(replies=(Reply(CONFIRMED), Reply(PAIRED, below=True)), notes=(told,))
    if not await pairing.turn_away(session, user_id, joiner_id, now):
        log.info("pairing.request_closed user=%s", user_id)
        return say(REQUEST_CLOSED)
    log.info("pairing.turned_away inviter=%s joiner=%s", user_id, joiner_id)
    return say(TURNED_AWAY).plus(await notices.pairing_ended(session, joiner_id, now))


async def invite(session: AsyncSession, user: User, now: datetime) -> Outcome:
    """`/invite`: a one-time link for the partner (replacing any earlier one)."""
    people.touch(user, now)
    made = await pairing.create_invite(session, user, now)
    if isinstance(made, pairing.InviteRefusal):
        return say(ALREADY_PAIRED)
    log.info("pairing.invite_created user=%s", user.id)
    return say(INVITE, data=(made.code, made.expires_at, user.timezone))
