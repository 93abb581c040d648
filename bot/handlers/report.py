"""/report: a PDF to take to a counsellor. The person picks the period and what goes in; a
couple report waits for the other partner's yes. Rules: core.report, core.report_consent;
drawing: core.report_pdf (in a worker thread); words: content.report_texts.

Nothing is written to disk: the PDF goes from memory to Telegram. Logs carry ids and sizes.
"""

from __future__ import annotations

import asyncio
import logging
import time

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import report_views as views
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
)
from bot.notify import tell
from content import report_texts as rt
from core import pairing, people, report, report_consent, report_pdf
from core.report import Choice

log = logging.getLogger(__name__)


async def report_command(update: Update, context: TendContext) -> None:
    """Start a report: ask for the period."""
    async with context.deps.transaction() as session:
        if await set_up_person(session, update) is None:
            return
    text, markup = views.periods()
    await message_of(update).reply_text(text, reply_markup=markup)


async def on_button(update: Update, context: TendContext) -> None:
    """Every `rp:` button: period, tick, make, couple, and the partner's yes or no."""
    query = query_of(update)
    parts = callback_parts(query, "rp")
    if not in_private_chat(update) or not parts:
        await answer(query, texts.STALE_BUTTON)
        return
    action, args, user_id = parts[0], parts[1:], sender_id(update)
    if action == "p" and len(args) == 1 and args[0] in report.PERIODS:
        await answer(query)
        paired = await _paired(context, user_id)
        await replace_buttons(
            query, *views.checklist(args[0], report.mask_of(report.DEFAULT), paired=paired)
        )
        return
    if action in ("ok", "no") and len(args) == 1 and args[0].isdecimal():
        await answer(query)
        await _partner_answer(update, context, int(args[0]), action == "ok")
        return
    choice = views.parse_choice(args)
    if choice is None:
        log.info("report.refused user=%s action=%s", user_id, action[:8])
        await answer(query, texts.STALE_BUTTON)
        return
    await answer(query)
    if action == "t":
        paired = await _paired(context, user_id)
        await replace_buttons(
            query, *views.checklist(choice.period, report.mask_of(choice.sections), paired=paired)
        )
    elif not choice.sections:
        paired = await _paired(context, user_id)
        await replace_buttons(
            query, rt.REPORT_NOTHING, views.checklist(choice.period, 0, paired=paired)[1]
        )
    elif action == "go":
        await replace_buttons(query, rt.REPORT_WORKING)
        sender = update.effective_user
        await _send(context, user_id, choice, (sender.first_name if sender else "")[:64])
    elif action == "cp":
        await _ask_partner(update, context, choice)


async def _paired(context: TendContext, user_id: int) -> bool:
    async with context.deps.transaction() as session:
        user = await people.get(session, user_id)
        return user is not None and user.couple_id is not None


async def _send(context: TendContext, chat_id: int, choice: Choice, name: str) -> bool:
    """Gather (one transaction), draw in a worker thread, send as a document. True if sent."""
    started = time.perf_counter()
    async with context.deps.transaction() as session:
        user = await people.get(session, chat_id)
        if user is None:
            return False
        partner = await pairing.partner_of(session, user)
        data = await report.gather(session, user, partner, choice, context.deps.clock.now(), name)
    try:
        pdf = await asyncio.to_thread(report_pdf.render, data)
    except Exception:
        log.exception("report.failed user=%s", chat_id)
        await tell(context.bot, chat_id, rt.REPORT_FAILED, kind="report")
        return False
    dates = {"start": report_pdf.short_date(data.start), "end": report_pdf.short_date(data.end)}
    caption = (rt.REPORT_CAPTION_COUPLE if choice.couple else rt.REPORT_CAPTION).format(**dates)
    filename = rt.REPORT_FILE.format(day=data.made.isoformat())
    try:
        await context.bot.send_document(chat_id, pdf, filename=filename, caption=caption)
    except TelegramError as error:
        log.warning("report.send_failed user=%s error=%s", chat_id, type(error).__name__)
        return False
    log.info(
        "report.sent user=%s period=%s sections=%s couple=%s bytes=%d ms=%.0f",
        chat_id,
        choice.period,
        report.mask_of(choice.included),
        choice.couple,
        len(pdf),
        (time.perf_counter() - started) * 1000,
    )
    return True


async def _ask_partner(update: Update, context: TendContext, choice: Choice) -> None:
    query, now = query_of(update), context.deps.clock.now()
    async with context.deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        partner = await pairing.partner_of(session, user) if user is not None else None
        asked = await report_consent.ask(session, user, partner, choice, now) if user else None
    if not isinstance(asked, report_consent.Asked):
        await replace_buttons(query, rt.COUPLE_NEEDS_PARTNER)
        return
    log.info("report.asked user=%s request=%s", sender_id(update), asked.request_id)
    await replace_buttons(query, rt.COUPLE_ASKED)
    text, markup = views.partner_question(asked.request_id, asked.choice)
    await tell(context.bot, asked.partner_id, text, kind="report_ask", markup=markup)


async def _partner_answer(update: Update, context: TendContext, request_id: int, yes: bool) -> None:
    query, user_id = query_of(update), sender_id(update)
    async with context.deps.transaction() as session:
        user = await people.get(session, user_id)
        outcome = (
            await report_consent.answer(session, user, request_id, yes, context.deps.clock.now())
            if user is not None
            else report_consent.Refusal.UNKNOWN
        )
    if isinstance(outcome, report_consent.Refusal):
        log.info("report.refused user=%s request=%s reason=%s", user_id, request_id, outcome.value)
        refused = (
            rt.COUPLE_ANSWERED if outcome is report_consent.Refusal.ANSWERED else rt.REPORT_REFUSED
        )
        await message_of(update).reply_text(refused)
        return
    if isinstance(outcome, report_consent.Declined):
        await replace_buttons(query, rt.COUPLE_NO_DONE)
        await tell(context.bot, outcome.requester_id, rt.COUPLE_NO_TOLD, kind="report")
        return
    await replace_buttons(query, rt.COUPLE_YES_DONE)
    for person in (outcome.requester_id, outcome.approver_id):
        await _send(context, person, outcome.choice, "")


def register(app: TendApp) -> None:
    """Wire /report and its buttons."""
    app.add_handler(CommandHandler("report", report_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^rp:"))
