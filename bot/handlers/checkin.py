"""/checkin and its buttons: three ratings, the day's question, the reveal, "ask before showing".

Every answer is committed before the bot says it is saved. Buttons carry the round id; a button
from another round, another couple or a closed round is answered kindly and changes nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime
from html import escape

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import boundary_views as bv
from bot import checkin_texts as ct
from bot import checkin_views as views
from bot import texts
from bot.context import TendApp, TendContext
from bot.handlers.common import (
    PRIVATE,
    answer,
    callback_parts,
    in_private_chat,
    message_of,
    query_of,
    replace_buttons,
    sender_id,
    set_up_person,
    tidy_up,
)
from bot.notify import tell, veil
from core import appreciations, boundaries, checkins, pairing, people, safety
from core.policy import quiet_now
from db.models import Boundary, CheckinAnswer, CheckinRound, User

log = logging.getLogger(__name__)

AWAITING_PREFIX = "ci:"


def _prompt(round_: CheckinRound, user: User, partner: User | None) -> str:
    roles = [user.role, partner.role if partner else user.role]
    return checkins.prompt_of(round_, roles).text


def _awaiting_round(awaiting: str | None) -> int | None:
    if awaiting is None or not awaiting.startswith(AWAITING_PREFIX):
        return None
    tail = awaiting.removeprefix(AWAITING_PREFIX)
    return int(tail) if tail.isdecimal() else None


def _show_step(
    user: User,
    round_: CheckinRound,
    answer: CheckinAnswer,
    question: str,
    prompt: str,
    now: datetime,
) -> tuple[str, InlineKeyboardMarkup]:
    """The view of one question; the text question also waits for the person's next message."""
    people.await_text(user, f"{AWAITING_PREFIX}{round_.id}" if question == "text" else None, now)
    return views.step(round_, answer, question, prompt, tidy=user.tidy_chat)


# -- /checkin ----------------------------------------------------------------------------------


async def checkin_command(update: Update, context: TendContext) -> None:
    """Start, continue or look at today's check-in."""
    deps, message = context.deps, message_of(update)
    now = deps.clock.now()
    async with deps.transaction() as session:
        user = await set_up_person(session, update)
        if user is None:
            return
        partner = await pairing.partner_of(session, user)
        round_ = await checkins.round_for(session, user, partner, now, deps.rng)
        text, markup = await _entry_view(session, user, partner, round_, now)
    await message.reply_text(text, reply_markup=markup)


async def _entry_view(
    session: AsyncSession,
    user: User,
    partner: User | None,
    round_: CheckinRound,
    now: datetime,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Where the person stands in a round: the next question, waiting, or done."""
    answer = await checkins.answer_of(session, round_.id, user.id)
    if round_.revealed_at is not None:
        assert answer is not None
        markup = None
        if answer.partner_seen_at is None:
            markup = views.show_only(round_.id)
        return ct.ALL_DONE, markup
    if answer is not None and answer.completed_at is not None:
        user.awaiting = None
        if round_.couple_id is None:
            return ct.SOLO_DONE, None
        return ct.ANSWERED_WAITING, views.edit_button(round_.id)
    answer = await checkins.start(session, user, round_, now)
    question = checkins.next_question(answer) or "text"
    log.info("checkin.opened user=%s round=%s", user.id, round_.id)
    return _show_step(user, round_, answer, question, _prompt(round_, user, partner), now)


# -- buttons -----------------------------------------------------------------------------------


async def on_button(update: Update, context: TendContext) -> None:
    """Every `ci:` button: go, rate, private, skip, keep, edit, show, later, share."""
    query = query_of(update)
    parts = callback_parts(query, "ci")
    if not in_private_chat(update) or len(parts) < 2 or not parts[1].isdecimal():
        await answer(query, texts.STALE_BUTTON)
        return
    action, round_id = parts[0], int(parts[1])
    deps = context.deps
    now = deps.clock.now()
    follow_up: list[tuple[int, str, InlineKeyboardMarkup | None, bool]] = []
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            await answer(query, texts.STALE_BUTTON)
            return
        reply: Reply | None
        if action in ("show", "later"):
            reply = await _show_or_later(session, user, round_id, action == "show", now, follow_up)
        elif action == "share":
            reply = await _share_anyway(session, user, round_id, follow_up)
        else:
            reply = await _answer_button(session, user, round_id, action, parts[2:], now, follow_up)
    await answer(query)
    if reply is not None and action == "go":
        # From a scheduled prompt: the flow starts below it, so the question stays in view.
        await message_of(update).reply_text(reply[0], reply_markup=reply[1])
    elif reply is not None:
        await _edit(query, *reply)
    for chat_id, text, markup, silent in follow_up:
        await tell(context.bot, chat_id, text, kind="checkin_reveal", markup=markup, silent=silent)


async def _edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
    await replace_buttons(query, text, markup)


Reply = tuple[str, InlineKeyboardMarkup | None]
FollowUp = list[tuple[int, str, InlineKeyboardMarkup | None, bool]]

REFUSALS = {
    checkins.Refusal.UNKNOWN: ct.ROUND_UNKNOWN,
    checkins.Refusal.CLOSED: ct.ROUND_CLOSED,
    checkins.Refusal.REVEALED: ct.ALREADY_REVEALED,
}


async def _answer_button(
    session: AsyncSession,
    user: User,
    round_id: int,
    action: str,
    args: list[str],
    now: datetime,
    follow_up: FollowUp,
) -> Reply | None:
    found = await checkins.answerable(session, user, round_id, now)
    if isinstance(found, checkins.Refusal):
        log.info("checkin.refused user=%s round=%s reason=%s", user.id, round_id, found.value)
        return REFUSALS[found], None
    round_ = found
    partner = await pairing.partner_of(session, user) if round_.couple_id else None
    prompt = _prompt(round_, user, partner)
    answer = await checkins.start(session, user, round_, now)
    if action == "go":
        if answer.completed_at is not None:
            return ct.ANSWERED_WAITING, views.edit_button(round_.id)
        return _show_step(
            user, round_, answer, checkins.next_question(answer) or "text", prompt, now
        )
    if action == "e":
        return _show_step(user, round_, answer, "safety", prompt, now)
    if action == "r" and len(args) == 2 and args[0] in checkins.RATINGS and args[1].isdecimal():
        value = int(args[1])
        if not 1 <= value <= 5:
            return None
        checkins.rate(answer, args[0], value, now)
        following = checkins.QUESTIONS[checkins.QUESTIONS.index(args[0]) + 1]
        return _show_step(user, round_, answer, following, prompt, now)
    if action == "p" and len(args) == 1 and args[0] in checkins.QUESTIONS:
        checkins.toggle_private(answer, args[0], now)
        return _show_step(user, round_, answer, args[0], prompt, now)
    if action in ("s", "k"):
        if any(getattr(answer, q) is None for q in checkins.RATINGS):
            question = checkins.next_question(answer) or "safety"
            return _show_step(user, round_, answer, question, prompt, now)
        if action == "s":
            checkins.write_text(answer, None, now)
        user.awaiting = None
        return await _review_or_finish(session, user, round_, answer, prompt, now, follow_up)
    if action == "v" and len(args) == 2 and args[0].isdecimal() and args[1] in bv.VERDICT_CODES:
        pending = checkins.next_question(answer)
        if pending is not None:
            # The review comes after the check-in's own questions (an old or forged button).
            return _show_step(user, round_, answer, pending, prompt, now)
        boundary_id = int(args[0])
        verdict = bv.VERDICT_CODES[args[1]]
        if not await boundaries.record_verdict(session, round_, boundary_id, user, verdict, now):
            log.info("checkin.review_refused user=%s round=%s", user.id, round_.id)
            return await _review_or_finish(session, user, round_, answer, prompt, now, follow_up)
        return await _review_or_finish(
            session, user, round_, answer, prompt, now, follow_up, after=boundary_id
        )
    return None


async def _review_or_finish(
    session: AsyncSession,
    user: User,
    round_: CheckinRound,
    answer: CheckinAnswer,
    prompt: str,
    now: datetime,
    follow_up: FollowUp,
    *,
    after: int | None = None,
) -> Reply:
    """On the review day, the boundary review comes before the answer is finished."""
    due = await boundaries.review_due(session, round_)
    if due:
        given = await boundaries.verdicts(session, round_.id)
        if after is None and answer.completed_at is not None:
            upcoming: Boundary | None = due[0]  # changing answers: walk through every one
        else:
            upcoming = boundaries.next_review(due, given, user.id, after)
        if upcoming is not None:
            user.awaiting = None
            return bv.review_step(
                round_.id,
                upcoming,
                n=due.index(upcoming) + 1,
                total=len(due),
                mine=upcoming.owner_id == user.id,
                current=given.get((upcoming.id, user.id)),
            )
    return await _finish(session, user, round_, answer, prompt, now, follow_up)


async def _finish(
    session: AsyncSession,
    user: User,
    round_: CheckinRound,
    answer: CheckinAnswer,
    prompt: str,
    now: datetime,
    follow_up: FollowUp,
) -> Reply:
    """Mark the answer done; at the second one, queue both reveals (sent after commit)."""
    done = await checkins.finish(session, user, round_, answer, now)
    log.info(
        "checkin.finished user=%s round=%s first=%s revealed=%s",
        user.id,
        round_.id,
        done.first_time,
        done.revealed,
    )
    if round_.couple_id is None:
        return views.recap(
            answer, ct.SOLO_DONE, edited=not done.first_time, tidy=user.tidy_chat
        ), None
    if not done.revealed:
        status = views.recap(answer, ct.WAITING, edited=not done.first_time, tidy=user.tidy_chat)
        return status, views.edit_button(round_.id)
    assert done.partner is not None and done.partner_answer is not None
    # The partner hears first (a message to them), then this person sees theirs in place.
    partner_view, partner_notes = await _reveal_for(
        session, done.partner, done.partner_answer, answer, round_, prompt, now
    )
    partner_silent = quiet_now(done.partner, now)
    follow_up.append((done.partner.id, *partner_view, partner_silent))
    follow_up.extend((done.partner.id, note, None, partner_silent) for note in partner_notes)
    mine, my_notes = await _reveal_for(
        session, user, answer, done.partner_answer, round_, prompt, now
    )
    follow_up.append((user.id, *mine, False))
    follow_up.extend((user.id, note, None, False) for note in my_notes)
    return views.recap(answer, ct.SAVED_BOTH, edited=not done.first_time, tidy=user.tidy_chat), None


async def _review_parts(
    session: AsyncSession, round_: CheckinRound, viewer: User, partner_id: int
) -> list[str]:
    """Messages that follow a reveal on a review day: both verdicts on each boundary, then the
    private not-kept notes for boundaries the viewer set. (Apart from the reveal, so that two
    long answers and a long review never make one message too long for Telegram.)"""
    reviewed, given = await boundaries.reviewed_in(session, round_.id)
    if not reviewed:
        return []
    notes = [
        bv.not_kept_note(b)
        for b in reviewed
        if b.owner_id == viewer.id
        and "not_kept" in (given.get((b.id, viewer.id)), given.get((b.id, partner_id)))
    ]
    return [bv.review_block(reviewed, given, viewer.id, partner_id), *notes]


async def _reveal_for(
    session: AsyncSession,
    viewer: User,
    mine: CheckinAnswer,
    theirs: CheckinAnswer,
    round_: CheckinRound,
    prompt: str,
    now: datetime,
) -> tuple[Reply, list[str]]:
    """The reveal as `viewer` gets it: at once, or a "ready" note if they asked to choose."""
    if viewer.ask_before_reveal and mine.partner_seen_at is None:
        return views.ready(round_.id), []
    mine.partner_seen_at = mine.partner_seen_at or now
    can_thank = not await appreciations.sent(session, round_.id, viewer.id)
    view = views.reveal(round_, mine, theirs, prompt, can_appreciate=can_thank)
    return view, await _review_parts(session, round_, viewer, theirs.user_id)


async def _show_or_later(
    session: AsyncSession, user: User, round_id: int, show: bool, now: datetime, follow_up: FollowUp
) -> Reply:
    pair = await checkins.revealed_pair(session, user, round_id)
    if pair is None:
        return ct.ROUND_UNKNOWN, None
    round_, mine, theirs = pair
    if not show:
        return f"{ct.READY}\n\n{ct.NOT_YET_REPLY}", views.show_only(round_.id)
    partner = await pairing.partner_of(session, user)
    first_look = mine.partner_seen_at is None
    mine.partner_seen_at = mine.partner_seen_at or now
    can_thank = not await appreciations.sent(session, round_.id, user.id)
    if first_look:
        review = await _review_parts(session, round_, user, theirs.user_id)
        follow_up.extend((user.id, text, None, False) for text in review)
    return views.reveal(
        round_, mine, theirs, _prompt(round_, user, partner), can_appreciate=can_thank
    )


async def _share_anyway(
    session: AsyncSession, user: User, round_id: int, follow_up: FollowUp
) -> Reply:
    """After a crisis reply: the person chose to let their partner read their words."""
    round_ = await session.get(CheckinRound, round_id)
    answer = await checkins.answer_of(session, round_id, user.id)
    if round_ is None or answer is None or not checkins.belongs(round_, user) or not answer.text:
        return ct.ROUND_UNKNOWN, None
    if checkins.is_private(answer, "text"):
        answer.private_mask &= ~checkins.PRIVATE_BIT["text"]
    if round_.revealed_at is None:
        return ct.SHARED_ANYWAY, None
    partner = await pairing.partner_of(session, user)
    if partner is not None:
        text = ct.SHARED_AFTER.format(text=veil(escape(answer.text), partner.discreet))
        follow_up.append((partner.id, text, None, False))
    return ct.SHARED_ANYWAY_LATE, None


# -- the open question, typed ------------------------------------------------------------------


def awaits_answer(awaiting: str | None) -> bool:
    """Whether the person's next message is their check-in answer."""
    return _awaiting_round(awaiting) is not None


async def on_answer_text(update: Update, context: TendContext) -> None:
    """The typed answer to the day's question. Saved (committed) before "saved" is said."""
    deps, message = context.deps, message_of(update)
    text = (message.text or "").strip()
    if len(text) > checkins.MAX_TEXT:
        await message.reply_text(ct.TOO_LONG.format(limit=checkins.MAX_TEXT))
        return
    now = deps.clock.now()
    follow_up: FollowUp = []
    unsafe = safety.looks_unsafe(text)
    try:
        async with deps.transaction() as session:
            user = await people.get(session, sender_id(update))
            if user is None:
                return
            round_id = _awaiting_round(user.awaiting)
            assert round_id is not None
            user.awaiting = None
            found = await checkins.answerable(session, user, round_id, now)
            if isinstance(found, checkins.Refusal):
                reply: Reply = (REFUSALS[found], None)
            else:
                partner = await pairing.partner_of(session, user) if found.couple_id else None
                answer = await checkins.start(session, user, found, now)
                checkins.write_text(answer, text, now)
                if unsafe and found.couple_id is not None:
                    answer.private_mask |= checkins.PRIVATE_BIT["text"]
                reply = await _review_or_finish(
                    session, user, found, answer, _prompt(found, user, partner), now, follow_up
                )
            tidy = user.tidy_chat and not isinstance(found, checkins.Refusal)
    except SQLAlchemyError:
        log.exception("checkin.save_failed user=%s", sender_id(update))
        await message.reply_text(ct.NOT_SAVED)
        return
    # The crisis reply went first (bot.handlers.crisis); the answer waits to be shared.
    paired_round = found is not None and not isinstance(found, checkins.Refusal) and found.couple_id
    if unsafe and paired_round:
        assert isinstance(found, CheckinRound)
        await message.reply_text(ct.CRISIS_KEPT_PRIVATE, reply_markup=views.share_anyway(found.id))
    await message.reply_text(reply[0], reply_markup=reply[1])
    await tidy_up(update, tidy)
    for chat_id, body, markup, silent in follow_up:
        await tell(context.bot, chat_id, body, kind="checkin_reveal", markup=markup, silent=silent)


def register(app: TendApp) -> None:
    """Wire /checkin and its buttons."""
    app.add_handler(CommandHandler("checkin", checkin_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^ci:"))
