"""Words that read like danger are answered first, whatever else is true of the message.

Runs from the guard for every private message, edited message and forwarded message, before any
flow: too long, a question that expired, no question open, no consent yet, a photo's caption,
an edit the bot will not read. The crisis resources go to the writer alone; flows that would
pass words on to the partner hold them back on their own (they never send this reply again).
"""

from __future__ import annotations

import itertools
import logging

from telegram import Message, Update
from telegram.error import TelegramError

from bot.context import Deps, TendContext
from bot.safety_texts import crisis_reply, safety_resources
from core import languages, people, safety

log = logging.getLogger(__name__)
# Crisis replies are logged only as a count since start: no person, no flow, no time pattern
# that could tie someone to a crisis.
_crisis_replies = itertools.count(1)


def words_of(update: Update) -> str:
    """The words a person sent in this update: text or a caption, new or edited."""
    message: Message | None = update.message or update.edited_message
    if message is None:
        return ""
    return message.text or message.caption or ""


async def answer_danger_first(update: Update, context: TendContext) -> bool:
    """Send the crisis resources if the update's words read like danger; whether it did."""
    return await answer_danger(update, context.deps)


async def answer_danger(update: Update, deps: Deps) -> bool:
    """`answer_danger_first` with the bot's resources (also for updates that flood control
    keeps out of line, which never reach a handler)."""
    words = words_of(update)
    message = update.message or update.edited_message
    if not words or message is None:
        return False
    code = update.effective_user.language_code if update.effective_user else None
    if safety.danger_language(words, first=languages.pick(code)) is None:
        return False
    zone, language = await _zone_and_language(update, deps)
    # Words in another language tend speaks are answered in that language.
    language = safety.danger_language(words, first=language) or language
    log.info("safety.crisis_replies total=%d", next(_crisis_replies))
    try:
        await message.reply_text(crisis_reply(zone, language, _hint(code, language)))
    except TelegramError as exc:
        log.warning("safety.crisis_reply_failed error=%s", type(exc).__name__)
    return True


async def safety_text(update: Update, deps: Deps) -> str:
    """/safety's words for the sender: their language, help for their country."""
    zone, language = await _zone_and_language(update, deps)
    code = update.effective_user.language_code if update.effective_user else None
    return safety_resources(zone, language, _hint(code, language))


def _hint(code: str | None, language: str) -> str:
    """What names the country when the time zone cannot: Telegram's code when it is in the
    language of the reply ("pt-br" names Brazil), else the reply's language itself."""
    return code if code and languages.pick(code) == language else language


async def _zone_and_language(update: Update, deps: Deps) -> tuple[str | None, str]:
    """The sender's time zone (None before onboarding) and language: the one kept at consent,
    else the one their Telegram language code names (people who consented before it was kept,
    and people who have not consented)."""
    sender = update.effective_user
    if sender is None:
        return None, languages.ENGLISH
    async with deps.transaction() as session:
        user = await people.get(session, sender.id)
        zone = user.timezone if user is not None else None
        kept = user.language if user is not None else None
    return zone, languages.known(kept) if kept else languages.pick(sender.language_code)
