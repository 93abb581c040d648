"""/boundaries: add, share, acknowledge, talk, edit, retire, history, the guide, the review day.

Every button names a boundary id; the owner alone may change a boundary, and only the partner it
was shared with may answer it. Anything else is refused kindly and logged with ids only.
Messages to the partner are queued in the transaction and sent after the commit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from sqlalchemy import update as sql_update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import boundary_texts as bt
from bot import boundary_views as views
from bot import checkin_texts as ct
from bot import texts
from bot.context import TendApp, TendContext
from bot.handlers.common import (
    PRIVATE,
    answer,
    callback_parts,
    first_name,
    in_private_chat,
    message_of,
    query_of,
    replace_buttons,
    sender_id,
    set_up_person,
    tidy_up,
)
from bot.notify import veil
from bot.partner_notices import tell_partner
from core import boundaries, pairing, people, safety, timezones
from core.boundaries import Answered, Status
from core.policy import quiet_now
from db.models import Boundary, BoundaryResponse, Couple, User

log = logging.getLogger(__name__)

AWAITING_PREFIX = "bd:"
View = tuple[str, InlineKeyboardMarkup | None]


@dataclass
class Outcome:
    """What a button or message led to: the reply, and messages for the partner after commit."""

    view: View | None = None
    new_message: bool = False  # reply below instead of editing the pressed message in place
    extra: list[View] = field(default_factory=list)  # further replies to the person
    to_partner: list[tuple[int, str, InlineKeyboardMarkup | None, bool]] = field(
        default_factory=list
    )
    saved: bool = False  # typed words were stored (so "tidy chat" may remove the message)
    card_of: int | None = None  # the view is the owner's card of this boundary: remember it
    # The owner's earlier card to bring up to date after the partner's answer: chat, message.
    owner_card: tuple[int, int, View] | None = None


def awaits_input(awaiting: str | None) -> bool:
    """Whether the person's next message belongs to a boundary flow."""
    return awaiting is not None and awaiting.startswith(AWAITING_PREFIX)


def _refused(user: User, boundary_id: int, action: str) -> View:
    log.info("boundary.refused user=%s boundary=%s action=%s", user.id, boundary_id, action)
    return bt.UNKNOWN, None


async def _listing(session: AsyncSession, user: User, now: datetime) -> View:
    mine, theirs = await boundaries.active_of(session, user)
    retired = await boundaries.count_of(session, user, retired=True)
    review_day = None
    stats = None
    if user.couple_id is not None:
        couple = await session.get(Couple, user.couple_id)
        review_day = couple.review_day if couple is not None else None
        today = now.astimezone(timezones.zone(user.timezone or "UTC")).date()
        stats = await boundaries.review_stats(session, user.couple_id, today)
    return views.listing(
        mine,
        theirs,
        paired=user.couple_id is not None,
        review_day=review_day,
        stats=stats,
        retired=retired,
    )


async def _categories(session: AsyncSession, user: User) -> View:
    """The area picker, unless the person already holds as many as the list can show."""
    count = await boundaries.count_of(session, user)
    if count >= boundaries.MAX_ACTIVE:
        return bt.TOO_MANY.format(count=count), None
    return views.categories()


def _card(boundary: Boundary, user: User, notice: str | None = None) -> View:
    text, markup = views.card(
        boundary, viewer_id=user.id, paired=user.couple_id is not None, zone=user.timezone
    )
    return (f"{notice}\n\n{text}" if notice else text), markup


def _show_card(act: Act, boundary: Boundary, notice: str | None = None) -> None:
    """Reply with the boundary's card; the owner's is remembered, so a later answer from the
    partner can update its status in place."""
    act.outcome.view = _card(boundary, act.user, notice)
    if boundary.owner_id == act.user.id and boundary.retired_at is None:
        act.outcome.card_of = boundary.id


# -- /boundaries -------------------------------------------------------------------------------


async def boundaries_command(update: Update, context: TendContext) -> None:
    """The list, or `add`, `guide`, `review <day>`."""
    deps, message = context.deps, message_of(update)
    args = (message.text or "").split()[1:]
    word = args[0].lower() if args else ""
    now = deps.clock.now()
    partner_note: tuple[int, str] | None = None
    async with deps.transaction() as session:
        user = await set_up_person(session, update)
        if user is None:
            return
        if not args or word == "list":
            view: View = await _listing(session, user, now)
        elif word == "add" and len(args) == 1:
            view = await _categories(session, user)
        elif word == "guide" and len(args) == 1:
            view = views.guide_step(0)
        elif word == "review":
            view, partner_note = await _review_day(session, user, args[1:])
        else:
            view = bt.USAGE, None
    await message.reply_text(view[0], reply_markup=view[1])
    if partner_note is not None:
        await tell_partner(
            context.bot,
            context.deps.partner_notices,
            sender_id(update),
            partner_note[0],
            partner_note[1],
            kind="boundary_review_day",
            merge=True,  # changed again: the partner's earlier notice is updated in place
        )


async def _review_day(
    session: AsyncSession, user: User, args: list[str]
) -> tuple[View, tuple[int, str] | None]:
    """`/boundaries review [<day>|off]`: show or set the couple's review day."""
    couple = await session.get(Couple, user.couple_id) if user.couple_id is not None else None
    if couple is None:
        return (bt.REVIEW_SOLO, None), None
    if not args:
        current = (
            bt.REVIEW_CURRENT.format(day=views.day_name(couple.review_day))
            if couple.review_day is not None
            else bt.REVIEW_CURRENT_OFF
        )
        return (bt.REVIEW_USAGE.format(current=current), None), None
    typed = " ".join(args)
    partner = await pairing.partner_of(session, user)
    if typed.lower() == "off":
        couple.review_day = None
        note = bt.PARTNER_REVIEW_OFF
        reply = bt.REVIEW_SET_OFF
    else:
        day = boundaries.parse_weekday(typed) if len(args) == 1 else None
        if day is None:
            return (bt.REVIEW_BAD_DAY.format(text=escape(typed[:40])), None), None
        couple.review_day = day
        note = bt.PARTNER_REVIEW_DAY.format(day=views.day_name(day))
        reply = bt.REVIEW_SET.format(day=views.day_name(day))
    log.info("boundary.review_day user=%s couple=%s day=%s", user.id, couple.id, couple.review_day)
    return (reply, None), (partner.id, note) if partner is not None else None


# -- buttons -----------------------------------------------------------------------------------

OWNER_ACTIONS = frozenset({"share", "shareany", "edit", "cons", "nocons", "retire", "rtok"})
NEEDS_ID = OWNER_ACTIONS | {"open", "hist", "ack", "talk", "nonote", "sendnote"}


@dataclass
class Act:
    """One button press or message being handled: who, when, and what it led to."""

    session: AsyncSession
    user: User
    now: datetime
    name: str  # the person's first name (escaped), for messages to the partner
    outcome: Outcome = field(default_factory=Outcome)

    async def veiled(self, words_html: str) -> str:
        """Words for the partner, veiled if they chose discreet previews."""
        partner = await pairing.partner_of(self.session, self.user)
        return veil(words_html, partner is not None and partner.discreet)

    async def tell_partner(self, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
        """Queue a message for the person's partner (sent after the commit)."""
        partner = await pairing.partner_of(self.session, self.user)
        if partner is not None:
            silent = quiet_now(partner, self.now)
            self.outcome.to_partner.append((partner.id, text, markup, silent))

    async def send_to_partner(self, boundary: Boundary, *, updated: bool) -> None:
        """The partner's copy of a shared (or changed) boundary, with their answer buttons."""
        partner = await pairing.partner_of(self.session, self.user)
        discreet = partner is not None and partner.discreet
        await self.tell_partner(
            *views.for_partner(boundary, self.name, updated=updated, discreet=discreet)
        )


async def on_button(update: Update, context: TendContext) -> None:
    """Every `bd:` button."""
    query = query_of(update)
    parts = callback_parts(query, "bd")
    if not in_private_chat(update) or not parts:
        await answer(query, texts.STALE_BUTTON)
        return
    action, args = parts[0], parts[1:]
    if action in NEEDS_ID and (not args or not all(a.isdecimal() for a in args)):
        await answer(query, texts.STALE_BUTTON)
        return
    deps = context.deps
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            await answer(query, texts.STALE_BUTTON)
            return
        act = Act(session, user, deps.clock.now(), first_name(update))
        if not await _press(act, action, args):
            await answer(query, texts.STALE_BUTTON)
            return
    await answer(query)
    await _deliver(update, context, act.outcome)


async def _press(act: Act, action: str, args: list[str]) -> bool:
    """Do what one button asks (inside the transaction). False: not a button we know."""
    session, user, outcome = act.session, act.user, act.outcome
    ids = [int(a) for a in args if a.isdecimal()]
    if action == "list":
        outcome.view = await _listing(session, user, act.now)
    elif action == "new":
        outcome.view = await _categories(session, user)
    elif action == "cat" and len(args) == 1:
        category = boundaries.guide().category(args[0])
        if category is None:
            return False
        if await boundaries.count_of(session, user) >= boundaries.MAX_ACTIVE:
            outcome.view = await _categories(session, user)
            return True
        people.await_text(user, f"{AWAITING_PREFIX}new:{category.id}", act.now)
        outcome.view, outcome.new_message = (views.ask_statement(category), None), True
    elif action == "guide" and len(ids) == 1:
        outcome.view = views.guide_step(ids[0])
    elif action == "old":
        outcome.view = views.retired_list(await boundaries.retired_of(session, user), user.timezone)
    elif action in ("ack", "talk") and len(ids) == 2:
        await _respond(act, ids[0], ids[1], action)
    elif action in ("nonote", "sendnote") and len(ids) == 1:
        await _note_button(act, action, ids[0])
    elif action in ("open", "hist") and len(ids) == 1:
        boundary = await boundaries.visible(session, user, ids[0])
        if boundary is None:
            outcome.view = _refused(user, ids[0], action)
        elif action == "open":
            _show_card(act, boundary)
        else:
            versions, responses = await boundaries.history(session, boundary, user.id)
            outcome.view = views.history(boundary, versions, responses, user.timezone)
    elif action in OWNER_ACTIONS and len(ids) == 1:
        await _owner_action(act, action, ids[0])
    else:
        return False
    return True


async def _owner_action(act: Act, action: str, boundary_id: int) -> None:
    """Share, edit, consequence, retire: the owner's own boundary only."""
    session, user, outcome, now = act.session, act.user, act.outcome, act.now
    boundary = await boundaries.owned(session, user, boundary_id)
    if boundary is None:
        exists = await session.get(Boundary, boundary_id) is not None
        log.info(
            "boundary.refused user=%s boundary=%s action=%s reason=%s",
            user.id,
            boundary_id,
            action,
            "not_owner" if exists else "unknown",
        )
        outcome.view = (bt.UNKNOWN, None)  # the same either way: ids can't be probed
        return
    if boundary.retired_at is not None:
        _show_card(act, boundary)
    elif action in ("share", "shareany"):
        if user.couple_id is None:
            _show_card(act, boundary, bt.NOT_PAIRED)
        elif boundary.status != Status.PRIVATE:
            _show_card(act, boundary, bt.ALREADY_SHARED)
        elif action == "share" and boundaries.reads_unsafe(boundary):
            # Held like a note: danger words reach the partner only on a second, deliberate tap.
            log.info("boundary.share_held user=%s boundary=%s", user.id, boundary.id)
            outcome.view = (bt.SHARE_HELD, views.share_anyway(boundary))
        else:
            boundaries.share(boundary, user, now)
            log.info("boundary.shared user=%s boundary=%s", user.id, boundary.id)
            _show_card(act, boundary, bt.SHARED_WITH)
            await act.send_to_partner(boundary, updated=False)
    elif action == "edit":
        people.await_text(user, f"{AWAITING_PREFIX}edit:{boundary.id}", act.now)
        again = bt.ASK_EDIT_AGAIN if boundary.status != Status.PRIVATE else ""
        outcome.view, outcome.new_message = (bt.ASK_EDIT.format(again=again), None), True
    elif action == "cons":
        people.await_text(user, f"{AWAITING_PREFIX}cons:{boundary.id}", act.now)
        outcome.view = (bt.ASK_CONSEQUENCE, views.drop_consequence(boundary))
        outcome.new_message = True
    elif action == "nocons":
        if user.awaiting == f"{AWAITING_PREFIX}cons:{boundary.id}":
            user.awaiting = None
        if boundary.consequence:
            ask = await boundaries.revise(session, boundary, now, drop_consequence=True)
            _show_card(act, boundary, bt.CHANGED_ASKED if ask else bt.CONSEQUENCE_REMOVED)
            if ask:
                await act.send_to_partner(boundary, updated=True)
        else:
            _show_card(act, boundary)
    elif action == "retire":
        outcome.view = views.confirm_retire(boundary)
    elif action == "rtok":
        was_shared = boundary.couple_id is not None and boundary.status != Status.PRIVATE
        boundaries.retire(boundary, now)
        log.info("boundary.retired user=%s boundary=%s", user.id, boundary.id)
        outcome.view = (bt.RETIRED, _list_button())
        if was_shared:
            statement = views.short(boundary.statement, 200)
            statement = await act.veiled(statement)
            await act.tell_partner(bt.PARTNER_RETIRED.format(name=act.name, statement=statement))


def _list_button() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[views.Button(bt.BUTTON_LIST, callback_data="bd:list")]])


async def _respond(act: Act, boundary_id: int, version: int, action: str) -> None:
    """The partner's "I acknowledge it" or "Let's talk about it"."""
    session, user, outcome = act.session, act.user, act.outcome
    boundary = await session.get(Boundary, boundary_id)
    if boundary is None:
        outcome.view = _refused(user, boundary_id, action)
        return
    wanted = Status.ACKNOWLEDGED if action == "ack" else Status.TALK
    result, _ = await boundaries.respond(session, boundary, user, version, wanted, act.now)
    if result == Answered.UNKNOWN:
        outcome.view = _refused(user, boundary_id, action)
    elif result == Answered.CHANGED:
        outcome.view, outcome.new_message = _card(boundary, user, bt.VERSION_CHANGED), True
    elif result == Answered.ALREADY:
        already = bt.ALREADY_ACKNOWLEDGED if action == "ack" else bt.ALREADY_TALK
        _show_card(act, boundary, already)
    else:
        log.info("boundary.answered user=%s boundary=%s response=%s", user.id, boundary.id, wanted)
        statement = views.short(boundary.statement, 200)
        await _refresh_owner_card(act, boundary)
        if action == "ack":
            if user.awaiting == f"{AWAITING_PREFIX}note:{boundary.id}":
                user.awaiting = None
            _show_card(act, boundary, bt.ACKNOWLEDGED)
            statement = await act.veiled(statement)
            await act.tell_partner(bt.OWNER_ACKNOWLEDGED.format(name=act.name, statement=statement))
        else:
            people.await_text(user, f"{AWAITING_PREFIX}note:{boundary.id}", act.now)
            _show_card(act, boundary)
            outcome.extra.append(views.ask_note(boundary))
            statement = await act.veiled(statement)
            await act.tell_partner(bt.OWNER_TALK.format(name=act.name, statement=statement))


async def _refresh_owner_card(act: Act, boundary: Boundary) -> None:
    """Queue an update of the owner's last card of this boundary to its new status."""
    owner = await act.session.get(User, boundary.owner_id)
    if owner is None or boundary.owner_card_message_id is None:
        return
    view = views.card(
        boundary, viewer_id=owner.id, paired=owner.couple_id is not None, zone=owner.timezone
    )
    act.outcome.owner_card = (owner.id, boundary.owner_card_message_id, view)


async def _note_button(act: Act, action: str, number: int) -> None:
    """ "No note" after "let's talk", or "Send it anyway" for a note that was held back."""
    session, user, outcome = act.session, act.user, act.outcome
    if action == "nonote":
        if user.awaiting == f"{AWAITING_PREFIX}note:{number}":
            user.awaiting = None
        outcome.view = (bt.TALK_SENT, None)
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
        outcome.view = _refused(user, number, action)
        return
    outcome.view = (bt.NOTE_SENT, None)
    if response.relayed_at is None:
        response.relayed_at = act.now
        await act.tell_partner(await _note_relay(act, boundary, response.note))


async def _note_relay(act: Act, boundary: Boundary, note: str) -> str:
    statement = await act.veiled(views.short(boundary.statement, 120))
    return bt.OWNER_NOTE.format(
        name=act.name, statement=statement, note=await act.veiled(escape(note))
    )


# -- typed answers -----------------------------------------------------------------------------

LIMITS = {
    "new": boundaries.MAX_STATEMENT,
    "edit": boundaries.MAX_STATEMENT,
    "cons": boundaries.MAX_CONSEQUENCE,
    "note": boundaries.MAX_NOTE,
}


async def on_text(update: Update, context: TendContext) -> None:
    """A boundary's wording, its consequence, or a note for the partner. Saved before "saved"."""
    deps, message = context.deps, message_of(update)
    text = (message.text or "").strip()
    unsafe = safety.looks_unsafe(text)
    try:
        async with deps.transaction() as session:
            user = await people.get(session, sender_id(update))
            if user is None or not awaits_input(user.awaiting):
                return
            kind, _, target = (user.awaiting or "").removeprefix(AWAITING_PREFIX).partition(":")
            limit = LIMITS.get(kind)
            if limit is not None and len(text) > limit:
                await message.reply_text(bt.TOO_LONG.format(limit=limit))
                return  # still waiting: they can send a shorter one
            user.awaiting = None
            act = Act(session, user, deps.clock.now(), first_name(update))
            await _typed(act, kind, target, text, unsafe)
    except SQLAlchemyError:
        log.exception("boundary.save_failed user=%s", sender_id(update))
        await message.reply_text(ct.NOT_SAVED)
        return
    act.outcome.new_message = True
    await _deliver(update, context, act.outcome)
    await tidy_up(update, act.outcome.saved and act.user.tidy_chat)


async def _typed(act: Act, kind: str, target: str, text: str, unsafe: bool) -> None:
    session, user, outcome, now = act.session, act.user, act.outcome, act.now
    if kind == "new":
        count = await boundaries.count_of(session, user)
        if count >= boundaries.MAX_ACTIVE:
            outcome.view = (bt.TOO_MANY.format(count=count), None)
            return
        if boundaries.guide().category(target) is None:
            outcome.view = (bt.UNKNOWN, None)
            return
        added = await boundaries.add(session, user, target, text, now)
        outcome.saved = True
        log.info("boundary.added user=%s boundary=%s", user.id, added.id)
        outcome.view = views.after_add(added, reframe=boundaries.offer_reframing(text, target))
        return
    if not target.isdecimal():
        outcome.view = (bt.UNKNOWN, None)
        return
    if kind == "note":
        theirs = await boundaries.visible(session, user, int(target))
        response = await boundaries.talk_response(session, theirs, user) if theirs else None
        if theirs is None or response is None:
            outcome.view = (bt.UNKNOWN, None)
            return
        response.note = text[: boundaries.MAX_NOTE]
        outcome.saved = True
        if unsafe:
            outcome.view = (bt.NOTE_HELD, views.send_anyway(response))
            return
        response.relayed_at = now
        outcome.view = (bt.NOTE_SENT, None)
        await act.tell_partner(await _note_relay(act, theirs, response.note))
        return
    boundary = await boundaries.owned(session, user, int(target))
    if boundary is None or boundary.retired_at is not None:
        outcome.view = (bt.UNKNOWN, None)
        return
    outcome.saved = True
    if kind == "edit":
        ask = await boundaries.revise(session, boundary, now, statement=text)
    else:
        ask = await boundaries.revise(session, boundary, now, consequence=text)
    log.info("boundary.revised user=%s boundary=%s v=%s", user.id, boundary.id, boundary.version)
    if ask and unsafe:
        # Not sent, and no longer shown to the partner: sharing it again is the owner's choice.
        boundaries.hold_back(boundary)
        log.info("boundary.change_held user=%s boundary=%s", user.id, boundary.id)
        _show_card(act, boundary, bt.CHANGE_HELD)
        return
    _show_card(act, boundary, bt.CHANGED_ASKED if ask else bt.CHANGED)
    if ask:
        await act.send_to_partner(boundary, updated=True)


async def _deliver(update: Update, context: TendContext, outcome: Outcome) -> None:
    """Reply (edit in place or below), then tell the partner."""
    shown: int | None = None
    if outcome.view is not None:
        if outcome.new_message or update.callback_query is None:
            sent = await message_of(update).reply_text(
                outcome.view[0], reply_markup=outcome.view[1]
            )
            shown = sent.message_id
        else:
            await replace_buttons(update.callback_query, *outcome.view)
            shown = message_of(update).message_id
    if outcome.card_of is not None and shown is not None:
        await _remember_card(context, sender_id(update), outcome.card_of, shown)
    for text, markup in outcome.extra:
        await message_of(update).reply_text(text, reply_markup=markup)
    for chat_id, text, markup, silent in outcome.to_partner:
        await tell_partner(
            context.bot,
            context.deps.partner_notices,
            sender_id(update),
            chat_id,
            text,
            kind="boundary",
            markup=markup,
            silent=silent,
        )
    if outcome.owner_card is not None:  # after the news, the card above catches up quietly
        await _update_card(context, *outcome.owner_card)


async def _remember_card(context: TendContext, owner_id: int, boundary_id: int, shown: int) -> None:
    """Note which message is the owner's card now (a later answer updates that one)."""
    try:
        async with context.deps.transaction() as session:
            await session.execute(
                sql_update(Boundary)
                .where(Boundary.id == boundary_id, Boundary.owner_id == owner_id)
                .values(owner_card_message_id=shown)
            )
    except SQLAlchemyError:  # only a convenience: the card itself was shown
        log.warning("boundary.card_not_noted user=%s boundary=%s", owner_id, boundary_id)


async def _update_card(context: TendContext, chat_id: int, message_id: int, view: View) -> None:
    """Edit the owner's card in place; gone, unchanged or refused is fine (logged by id)."""
    try:
        await context.bot.edit_message_text(
            view[0], chat_id=chat_id, message_id=message_id, reply_markup=view[1]
        )
    except TelegramError as exc:
        log.info("boundary.card_not_updated chat=%s error=%s", chat_id, type(exc).__name__)


def register(app: TendApp) -> None:
    """Wire /boundaries and its buttons."""
    app.add_handler(CommandHandler("boundaries", boundaries_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^bd:"))
