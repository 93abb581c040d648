"""/hard: grounding at once (one message that moves along, one tap per step), then optionally a
private note and "let my partner know". Translates taps and words into core.hard_moments calls.

Callback data: hd:go (a new grounding message), hd:s:<step>, hd:done, hd:log:<moment>,
hd:i:<moment>:<1-5>, hd:ts:<moment>, hd:h:<moment>:<suggestion>, hd:hs:<moment>,
hd:tell:<moment>, hd:any:<moment>, hd:wait, hd:a:<moment>:<preset>. Moment 0: not noted yet.
"""

from __future__ import annotations

import logging
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import checkin_texts as ct
from bot import hard_moment as hm
from bot import moment_texts as mt
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
    tidy_up,
)
from bot.notify import tell
from content.moments import hard_moments
from core import hard_moments as core
from core import people
from core.hard_moments import AnswerStatus, TellStatus

log = logging.getLogger(__name__)
AWAITING = "hd:"


async def _role(context: TendContext, user_id: int) -> str | None:
    async with context.deps.reading() as session:
        user = await people.get(session, user_id)
        return user.role if user is not None else None


async def hard_command(update: Update, context: TendContext) -> None:
    """Grounding at once, for anyone, any hour (quiet hours and pauses are about what tend
    sends by itself; this is an answer)."""
    log.info("hard.start user=%s", sender_id(update))
    text, markup = hm.grounding_view(await _role(context, sender_id(update)), 0)
    await message_of(update).reply_text(text, reply_markup=markup)


async def _tell(update: Update, context: TendContext, moment_id: int, anyway: bool) -> None:
    query, deps = query_of(update), context.deps
    tell_texts, after = hard_moments().tell, hard_moments().after
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            outcome = None
        else:
            outcome = await core.tell_partner(
                session, user, moment_id, deps.clock.now(), send_anyway=anyway
            )
    log.info(
        "hard.tell user=%s moment=%s outcome=%s",
        sender_id(update),
        moment_id,
        outcome.status if outcome else "no_user",
    )
    if outcome is None or outcome.status is TellStatus.REFUSED:
        await answer(query, texts.STALE_BUTTON if outcome else mt.NEEDS_START)
        return
    await answer(query)
    reply, markup = tell_texts.unpaired, None
    if outcome.status is TellStatus.UNPAIRED:
        reply = tell_texts.unpaired
    elif outcome.status is TellStatus.HELD_WITHIN_HOUR:
        reply = tell_texts.held_within_hour
        if not moment_id:
            markup = InlineKeyboardMarkup([[hm.button(after.log_button, "hd:log:0")]])
    elif outcome.status is TellStatus.PARTNER_QUIET:
        reply = tell_texts.partner_quiet
        row = [
            hm.button(tell_texts.send_anyway_button, f"hd:any:{moment_id}"),
            hm.button(tell_texts.wait_button, "hd:wait"),
        ]
        markup = InlineKeyboardMarkup([row])
    else:
        assert outcome.partner_id is not None and outcome.moment_id is not None
        text, buttons = hm.notice_view(outcome.moment_id)
        sent = await tell(
            context.bot,
            outcome.partner_id,
            text,
            kind="hard",
            markup=buttons,
            silent=outcome.silent,
        )
        if sent is None:
            async with deps.transaction() as session:
                user = await people.get(session, sender_id(update))
                if user is not None:
                    await core.untold(session, user, outcome.moment_id)
            reply = mt.TELL_FAILED
        else:
            reply = tell_texts.sent + ("\n" + tell_texts.sent_silently if outcome.silent else "")
            if not moment_id:
                log_button = hm.button(after.log_button, f"hd:log:{outcome.moment_id}")
                markup = InlineKeyboardMarkup([[log_button]])
    await message_of(update).reply_text(escape(reply), reply_markup=markup)


async def _partner_answer(
    update: Update, context: TendContext, moment_id: int, preset: str
) -> None:
    query, deps = query_of(update), context.deps
    async with deps.transaction() as session:
        presser = await people.get(session, sender_id(update))
        if presser is None:
            result = core.Answered(AnswerStatus.REFUSED)
        else:
            result = await core.answer(session, presser, moment_id, preset, deps.clock.now())
    log.info(
        "hard.answer user=%s moment=%s outcome=%s", sender_id(update), moment_id, result.status
    )
    if result.status is AnswerStatus.REFUSED:
        await answer(query, texts.STALE_BUTTON)
        return
    if result.status is AnswerStatus.ALREADY:
        await answer(query, mt.ANSWER_ALREADY)
        return
    await answer(query)
    assert result.to_user_id is not None and result.preset is not None
    words = hard_moments().preset(result.preset).text
    sent = await tell(context.bot, result.to_user_id, escape(words), kind="hard_answer")
    done = hard_moments().tell.answer_sent if sent is not None else mt.ANSWER_FAILED
    text, _ = hm.notice_view(moment_id)
    await replace_buttons(query, f"{text}\n\n<i>{escape(done)}</i>")


async def on_button(update: Update, context: TendContext) -> None:
    """Every hd: button. Ids come from the data and are checked against the presser in core."""
    query = query_of(update)
    parts = callback_parts(query, "hd")
    if not in_private_chat(update) or not parts:
        await answer(query, texts.STALE_BUTTON)
        return
    action, args = parts[0], parts[1:]
    numbers = [int(a) for a in args if a.isdecimal()]
    user_id = sender_id(update)
    if action == "go" and not args:
        await answer(query)
        text, markup = hm.grounding_view(await _role(context, user_id), 0)
        await message_of(update).reply_text(text, reply_markup=markup)
    elif action == "s" and len(numbers) == 1 == len(args):
        await answer(query)
        text, markup = hm.grounding_view(await _role(context, user_id), numbers[0])
        await replace_buttons(query, text, markup)
    elif action == "done" and not args:
        await answer(query)
        await replace_buttons(query, escape(mt.OKAY_FOR_NOW))
    elif action == "wait" and not args:
        await answer(query)
        await replace_buttons(query, escape(mt.NOT_NOW))
    elif action in ("tell", "any") and len(numbers) == 1 == len(args):
        await _tell(update, context, numbers[0], anyway=action == "any")
    elif action == "a" and len(args) == 2 and len(numbers) == 1:
        await _partner_answer(update, context, numbers[0], args[1])
    elif action in ("log", "i", "ts", "h", "hs") and numbers and len(numbers) == len(args):
        await _log_step(update, context, action, numbers)
    else:
        await answer(query, texts.STALE_BUTTON)


async def _log_step(update: Update, context: TendContext, action: str, numbers: list[int]) -> None:
    query, deps = query_of(update), context.deps
    moment_id, value = numbers[0], (numbers[1] if len(numbers) > 1 else None)
    now = deps.clock.now()
    suggestions = hard_moments().log.helped_suggestions
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        moment = None
        if user is None:
            pass
        elif action == "log" and value is None:
            moment = await core.start_log(session, user, moment_id, now)
        elif action == "i" and value is not None:
            moment = await core.set_intensity(session, user, moment_id, value)
            if moment is not None:
                people.await_text(user, f"{AWAITING}t:{moment.id}", now)
        elif action == "ts" and value is None:
            moment = await core.set_words(session, user, moment_id, "trigger", None)
            if moment is not None:
                people.await_text(user, f"{AWAITING}h:{moment.id}", now)
        elif action == "h" and value is not None and value < len(suggestions):
            moment = await core.set_words(session, user, moment_id, "helped", suggestions[value])
        elif action == "hs" and value is None:
            moment = await core.set_words(session, user, moment_id, "helped", None)
        if moment is not None and action in ("h", "hs") and user is not None:
            people.await_text(user, None, now)
        told = moment is not None and moment.told_at is not None
        found = moment.id if moment is not None else None
    log.info(
        "hard.log user=%s moment=%s step=%s found=%s",
        sender_id(update),
        moment_id,
        action,
        found is not None,
    )
    if found is None:
        await answer(query, mt.NEEDS_START if user is None else texts.STALE_BUTTON)
        return
    await answer(query)
    if action == "log":
        await replace_buttons(query, *hm.intensity_view(found))
    elif action == "i":
        skip = hm.button(hard_moments().log.skip_button, f"hd:ts:{found}")
        await replace_buttons(
            query, escape(hard_moments().log.trigger_prompt), InlineKeyboardMarkup([[skip]])
        )
    elif action == "ts":
        await replace_buttons(query, *hm.helped_view(found))
    else:
        await replace_buttons(query, *hm.saved_view(found, told))


async def on_text(update: Update, context: TendContext) -> None:
    """Their own words for a noted moment (encrypted, never shown to the partner). Words of
    danger had the crisis reply first, in the guard."""
    deps, message = context.deps, message_of(update)
    words = (message.text or "").strip()
    if len(words) > core.MAX_TEXT:
        await message.reply_text(ct.TOO_LONG.format(limit=core.MAX_TEXT))
        return
    now = deps.clock.now()
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            return
        step, _, number = (user.awaiting or "").removeprefix(AWAITING).partition(":")
        field = {"t": "trigger", "h": "helped"}.get(step)
        people.await_text(user, None, now)
        moment = None
        if field is not None and number.isdecimal():
            moment = await core.set_words(session, user, int(number), field, words)
        if moment is not None and field == "trigger":
            people.await_text(user, f"{AWAITING}h:{moment.id}", now)
        told, tidy = moment is not None and moment.told_at is not None, user.tidy_chat
    log.info("hard.words user=%s step=%s saved=%s", sender_id(update), step, moment is not None)
    if moment is None:
        await message.reply_text(mt.MOMENT_GONE)
    elif field == "trigger":
        text, markup = hm.helped_view(moment.id)
        await message.reply_text(text, reply_markup=markup)
    else:
        text, saved_markup = hm.saved_view(moment.id, told)
        await message.reply_text(text, reply_markup=saved_markup)
    await tidy_up(update, tidy)


def register(app: TendApp) -> None:
    """Wire /hard and its buttons."""
    app.add_handler(CommandHandler("hard", hard_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^hd:"))
