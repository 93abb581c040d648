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
    Telegram's guess for someone not set up yet). A person read less than a few seconds ago is
    not read again (`bot.visits`)."""
    user = update.effective_user
    if user is None or not in_private_chat(update):
        # Nothing stored is read here; a task that handles several updates in turn (one
        # worker) must not keep the previous person's language.
        code = user.language_code if user is not None else None
        i18n.read_in(languages.pick(code), code)
        return
    deps = context.deps
    now = deps.clock.now()
    recent = deps.visits.recent(user.id, now)
    if recent is not None:  # read a few seconds ago: nothing to write yet (bot.visits)
        i18n.read_in(recent or languages.pick(user.language_code), user.language_code)
        return
    visit = await deps.visit(user.id)  # read with others' at the same moment (bot.batching)
    i18n.read_in(visit.language or languages.pick(user.language_code), user.language_code)
    if not visit.found:
        return  # not set up yet: read again next time (consent makes the row)
    if not visit.needs_writing:
        deps.visits.remember(user.id, visit.language, now)
        return
    async with deps.transaction() as session:
        welcome_back = await people.seen(session, user.id, now)
        if await reminders.reactivate(session, user.id, now):
            log.info("reminders.reactivated user=%s", user.id)
    deps.visits.remember(user.id, visit.language, now)
    if welcome_back:
        log.info("retention.cancelled user=%s", user.id)
        await tell(context.bot, user.id, str(texts.ERASURE_CANCELLED), kind="erasure_cancelled")


def register(app: TendApp) -> None:
    """Runs in group -1, before every other handler."""
    app.add_handler(TypeHandler(Update, reactivate), group=-1)
