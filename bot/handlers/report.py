"""/report: a PDF to take to a counsellor. The person picks the period and what goes in; a
couple report waits for the other partner's yes. Rules: core.report_flow (and core.report,
core.report_consent); drawing: core.report_pdf, in a worker thread after the commit; words:
content.report_texts.

Nothing is written to disk: the PDF goes from memory to Telegram. Logs carry ids and sizes.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import replace

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import delivery
from bot import report_views as views
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import (
    PRIVATE,
    in_private_chat,
    query_of,
    sender_id,
    set_up_person,
)
from bot.notify import tell
from content import i18n
from content import report_texts as rt
from core import actions, people, report, report_flow, report_pdf
from core.outcome import STALE, Note, Outcome, Reply
from core.report import ReportData

log = logging.getLogger(__name__)

_WORDS = {
    report_flow.WORKING: rt.REPORT_WORKING,
    report_flow.NEEDS_PARTNER: rt.COUPLE_NEEDS_PARTNER,
    report_flow.ASKED: rt.COUPLE_ASKED,
    report_flow.YES_DONE: rt.COUPLE_YES_DONE,
    report_flow.NO_DONE: rt.COUPLE_NO_DONE,
    report_flow.REFUSED: rt.REPORT_REFUSED,
    report_flow.NO_TOLD: rt.COUPLE_NO_TOLD,
}


def view(reply: Reply | Note) -> View:
    """/report's replies and notes in words."""
    if reply.say == report_flow.PERIODS:
        return views.periods()
    if reply.say in (report_flow.CHECKLIST, report_flow.NOTHING):
        shown = reply.data
        text, markup = views.checklist(shown.period, shown.mask, paired=shown.paired)
        return (str(rt.REPORT_NOTHING) if reply.say == report_flow.NOTHING else text), markup
    if reply.say == report_flow.ASK:
        return views.partner_question(reply.data.request_id, reply.data.choice)
    return str(_WORDS[reply.say]), None


def note_view(note: Note, name: str) -> View:
    """Notes: the partner's question, and their no."""
    return view(note)


async def report_command(update: Update, context: TendContext) -> None:
    """Start a report: ask for the period."""
    async with context.deps.transaction() as session:
        if await set_up_person(session, update) is None:
            return
    await delivery.deliver(update, context, report_flow.start())


async def on_button(update: Update, context: TendContext) -> None:
    """Every `rp:` button: period, tick, make, couple, and the partner's yes or no."""
    pressed = actions.decode(query_of(update).data, "rp")
    if not in_private_chat(update) or pressed is None:
        await delivery.deliver(update, context, Outcome(toast=STALE))
        return
    deps, sender = context.deps, update.effective_user
    name = (sender.first_name if sender else "")[:64]  # for the cover; never logged
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        outcome = await report_flow.press(session, user, pressed, deps.clock.now(), name)
    copies = [n for n in outcome.notes if n.say == report_flow.COPY]
    rest = tuple(n for n in outcome.notes if n.say != report_flow.COPY)
    await delivery.deliver(update, context, replace(outcome, notes=rest))
    for copy in copies:
        await _send(context, copy)


async def _send(context: TendContext, copy: Note) -> bool:
    """Draw one copy in a worker thread and send it as a document. True if sent."""
    started, data = time.perf_counter(), copy.data
    assert isinstance(data, ReportData)
    with i18n.speaking(copy.language):  # the copy's reader's, not the presser's
        failed, caption = str(rt.REPORT_FAILED), views.caption(data)
    try:
        pdf = await asyncio.to_thread(report_pdf.render, data, copy.language)
    except Exception:
        log.exception("report.failed user=%s", copy.to)
        await tell(context.bot, copy.to, failed, kind="report")
        return False
    try:
        await context.bot.send_document(
            copy.to,
            pdf,
            filename=views.file_name(data),
            caption=caption,
            disable_notification=copy.silent,
        )
    except TelegramError as error:
        log.warning("report.send_failed user=%s error=%s", copy.to, type(error).__name__)
        return False
    log.info(
        "report.sent user=%s period=%s sections=%s couple=%s bytes=%d ms=%.0f",
        copy.to,
        data.choice.period,
        report.mask_of(data.choice.included),
        data.choice.couple,
        len(pdf),
        (time.perf_counter() - started) * 1000,
    )
    return True


def register(app: TendApp) -> None:
    """Wire /report, its buttons and its view."""
    toasts = {
        report_flow.ON_ITS_WAY: rt.COUPLE_ON_ITS_WAY,
        report_flow.ANSWERED: rt.COUPLE_ANSWERED,
    }
    delivery.views("report", view, note_view, toasts=toasts)
    app.add_handler(CommandHandler("report", report_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^rp:"))
