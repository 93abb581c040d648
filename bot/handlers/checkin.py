"""/checkin and its buttons: three ratings, the day's question, the reveal, "ask before showing".

Every rule lives in core.checkin_flow (who sees what, what is kept private); this module decodes
the update, runs one use case in one transaction and delivers the outcome after the commit.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import boundary_review_views as bv
from bot import checkin_texts as ct
from bot import checkin_views as views
from bot import delivery, texts
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import PRIVATE, answer, in_private_chat, query_of, sender_id, set_up_person
from bot.notify import where_help_is
from core import actions, checkin_flow, checkins, pairing, words
from core import checkin_outcomes as co
from core.awaiting import Asks
from core.outcome import Note, Outcome, Reply

PLAIN = {
    co.SOLO_DONE: ct.SOLO_DONE,
    co.SHARED_ANYWAY: ct.SHARED_ANYWAY,
    co.SHARED_ANYWAY_LATE: ct.SHARED_ANYWAY_LATE,
    co.REFUSED[checkins.Refusal.UNKNOWN]: ct.ROUND_UNKNOWN,
    co.REFUSED[checkins.Refusal.CLOSED]: ct.ROUND_CLOSED,
    co.REFUSED[checkins.Refusal.REVEALED]: ct.ALREADY_REVEALED,
}
STATUS = {co.SOLO_DONE: ct.SOLO_DONE, co.WAITING: ct.WAITING, co.SAVED_BOTH: ct.SAVED_BOTH}


def view(reply: Reply | Note) -> View:
    """The check-in's replies (and notes) in words."""
    key, ref, data = reply.say, reply.ref or 0, reply.data
    markup: InlineKeyboardMarkup | None = None
    if key == co.STEP:
        return views.step(data.round, data.answer, data.question, data.prompt, tidy=data.tidy)
    if key == co.RECAP:
        markup = views.edit_button(data.round_id) if data.round_id is not None else None
        text = views.recap(
            data.answer, str(STATUS[data.status]), edited=data.edited, tidy=data.tidy
        )
        return text, markup
    if key == co.REVEAL:
        return views.reveal(
            data.round, data.mine, data.theirs, data.prompt, can_appreciate=data.can_appreciate
        )
    if key == co.READY:
        return views.ready(ref)
    if key == co.REVIEW_STEP:
        return bv.review_step(
            data.round_id,
            data.boundary,
            n=data.n,
            total=data.total,
            mine=data.mine,
            current=data.current,
        )
    if key == co.REVIEW_BLOCK:
        return bv.review_block(*data), None
    if key == co.NOT_KEPT:
        return bv.not_kept_note(data), None
    if key == co.ALL_DONE:
        return str(ct.ALL_DONE), views.show_only(ref) if reply.ref is not None else None
    if key == co.ANSWERED_WAITING:
        return str(ct.ANSWERED_WAITING), views.edit_button(ref)
    if key == co.NOT_YET:
        return f"{ct.READY}\n\n{ct.NOT_YET_REPLY}", views.show_only(ref)
    if key == co.KEPT_PRIVATE:
        return str(ct.CRISIS_KEPT_PRIVATE), views.share_anyway(ref)
    return str(PLAIN[key]), None


def note_view(note: Note, name: str) -> View:
    """Notes: the reveal (or "ready") and review-day messages; words shared after all."""
    if note.say == co.SHARED_AFTER:
        text = ct.SHARED_AFTER.format(text=delivery.quoted(note))
        return text + where_help_is(note.words), None
    return view(note)


async def checkin_command(update: Update, context: TendContext) -> None:
    """Start, continue or look at today's check-in."""
    deps = context.deps
    now = deps.clock.now()
    async with deps.transaction() as session:
        user = await set_up_person(session, update)
        if user is None:
            return
        partner = await pairing.partner_of(session, user)
        round_ = await checkins.round_for(session, user, partner, now, deps.rng)
        outcome = await checkin_flow.entry(session, user, partner, round_, now)
    await delivery.deliver(update, context, outcome)


async def on_button(update: Update, context: TendContext) -> None:
    """Every `ci:` button: go, rate, private, skip, keep, edit, verdict, show, later, share."""
    query = query_of(update)
    pressed = actions.decode(query.data, "ci")
    if not in_private_chat(update) or pressed is None:
        await answer(query, str(texts.STALE_BUTTON))
        return
    deps = context.deps
    async with deps.transaction() as session:
        outcome = await checkin_flow.tap(session, sender_id(update), pressed, deps.clock.now())
    if outcome is None:  # nobody set up has this id (erased meanwhile)
        outcome = Outcome(toast=str(texts.STALE_BUTTON))
    await delivery.deliver(update, context, outcome)


def register(app: TendApp) -> None:
    """Wire /checkin and its buttons; typed answers come through core.words."""
    words.register(Asks.CHECKIN, checkins.MAX_TEXT, checkin_flow.take_answer)
    delivery.views("checkin", view, note_view)
    app.add_handler(CommandHandler("checkin", checkin_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^ci:"))
