"""Before any flow: note that the person was here (retention counts from their last visit), and
bring reminders back for someone who had blocked the bot and writes again."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import TypeHandler

from bot import texts
from bot.context import TendApp, TendContext
from bot.handlers.common import in_private_chat
from bot.notify import tell
from content import i18n
from core import languages, people, reminders

log = logging.getLogger(__name__)


async def reactivate(update: Update, context: TendContext) -> None:
    """One read by primary key; a write transaction only when the visit changes something (last
    visit over 12 hours ago, or the person was marked inactive). The same read says which
    language the rest of this update is written in (`content.i18n.read_in`: the stored one, else
    Telegram's guess for someone not set up yet)."""
    user = update.effective_user
    if user is None or not in_private_chat(update):
        # Nothing stored is read here; a task that handles several updates in turn (one
        # worker) must not keep the previous person's language.
        i18n.read_in(languages.pick(user.language_code) if user is not None else None)
        return
    deps = context.deps
    async with deps.reading() as session:
        visit = await people.visit(session, user.id, deps.clock.now())
    i18n.read_in(visit.language or languages.pick(user.language_code))
    if not visit.needs_writing:
        return
    async with deps.transaction() as session:
        welcome_back = await people.seen(session, user.id, deps.clock.now())
        if await reminders.reactivate(session, user.id, deps.clock.now()):
            log.info("reminders.reactivated user=%s", user.id)
    if welcome_back:
        log.info("retention.cancelled user=%s", user.id)
        await tell(context.bot, user.id, str(texts.ERASURE_CANCELLED), kind="erasure_cancelled")


def register(app: TendApp) -> None:
    """Runs in group -1, before every other handler."""
    app.add_handler(TypeHandler(Update, reactivate), group=-1)
