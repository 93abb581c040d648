"""/export, /delete and /unlink: a person's data is theirs to take and to erase, and the pairing
theirs to end. Rules in core.rights_flow; this module decodes, runs one transaction, delivers."""

from __future__ import annotations

import json
import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import delivery, texts
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import PRIVATE, in_private_chat, message_of, query_of, sender_id
from content import i18n
from core import actions, languages
from core import rights_flow as rf
from core.export_markdown import to_markdown
from core.outcome import STALE, Outcome, Reply
from db.session import truncate_wal

log = logging.getLogger(__name__)

_WORDS = {
    rf.NOTHING_STORED: texts.EXPORT_NOTHING,
    rf.DELETE_KEPT: texts.DELETE_KEPT,
    rf.DELETED: texts.DELETE_DONE,
    rf.NOTHING_TO_DELETE: texts.DELETE_NOTHING,
    rf.NEEDS_CONSENT: texts.NEEDS_CONSENT,
    rf.NOT_PAIRED: texts.UNLINK_NOT_PAIRED,
    rf.UNLINK_KEPT: texts.UNLINK_KEPT,
    rf.UNLINKED: texts.UNLINK_DONE,
    rf.UNLINK_STALE: texts.UNLINK_STALE,
}


def _buttons(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in pairs]])


def view(reply: Reply) -> View:
    """The rights flows' replies in words (the confirmations carry their buttons)."""
    if reply.say == rf.DELETE_ASK:
        no, yes = actions.encode("delete", "no"), actions.encode("delete", "yes")
        yes_no = (str(texts.DELETE_YES), yes), (str(texts.DELETE_NO), no)
        return str(texts.DELETE_CONFIRM), _buttons(*yes_no)
    if reply.say == rf.UNLINK_ASK:
        yes = actions.encode("unlink", "yes", reply.data)
        no = actions.encode("unlink", "no")
        yes_no = (str(texts.UNLINK_YES), yes), (str(texts.UNLINK_NO), no)
        return str(texts.UNLINK_CONFIRM), _buttons(*yes_no)
    return str(_WORDS[reply.say]), None


async def export_command(update: Update, context: TendContext) -> None:
    """Send the person everything stored about them: a JSON file and a readable Markdown one."""
    deps = context.deps
    async with deps.transaction() as session:
        outcome = await rf.export(session, sender_id(update), deps.clock.now())
    if outcome.say != rf.EXPORTED:
        await delivery.deliver(update, context, outcome)
        return
    await _send_export(update, outcome.replies[0].data)


async def _send_export(update: Update, data: dict[str, Any]) -> None:
    message = message_of(update)
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    readable = to_markdown(data).encode("utf-8")
    caption = str(texts.EXPORT_CAPTION)
    if i18n.current() != languages.ENGLISH:  # the JSON's keys stay English: say so
        caption = f"{caption} {texts.EXPORT_KEYS_ENGLISH}"
    await message.reply_document(InputFile(payload, filename="tend-export.json"), caption=caption)
    await message.reply_document(
        InputFile(readable, filename="tend-export.md"), caption=str(texts.EXPORT_MARKDOWN_CAPTION)
    )
    log.info("rights.exported user=%s bytes=%d", sender_id(update), len(payload) + len(readable))


async def delete_command(update: Update, context: TendContext) -> None:
    """Ask before erasing everything."""
    await delivery.deliver(update, context, rf.ask_delete())


async def unlink_command(update: Update, context: TendContext) -> None:
    """Ask for confirmation before ending the pairing."""
    async with context.deps.transaction() as session:
        outcome = await rf.ask_unlink(session, sender_id(update))
    await delivery.deliver(update, context, outcome)


async def on_button(update: Update, context: TendContext) -> None:
    """`delete:` and `unlink:` presses: the presser's own data, or the couple they are in."""
    pressed = actions.decode(query_of(update).data)
    if not in_private_chat(update) or pressed is None or pressed.flow not in _PRESSES:
        await delivery.deliver(update, context, Outcome(toast=STALE))
        return
    deps, use_case = context.deps, _PRESSES[pressed.flow]
    async with deps.transaction() as session:
        outcome = await use_case(session, sender_id(update), pressed, deps.clock.now())
    if outcome.say == rf.DELETED:
        deps.visits.forget(sender_id(update))  # nothing about them kept here either
        if deps.engine is not None:
            await truncate_wal(deps.engine)  # no copy of the erased rows stays in the WAL file
    await delivery.deliver(update, context, outcome)


_PRESSES = {"delete": rf.press_delete, "unlink": rf.press_unlink}


def register(app: TendApp) -> None:
    """Wire /export, /delete, /unlink, their buttons and views."""
    delivery.views("rights", view)
    # The "pairing ended" notice is worded by bot.handlers.pairing's "notice" view.
    app.add_handler(CommandHandler("export", export_command, filters=PRIVATE))
    app.add_handler(CommandHandler("delete", delete_command, filters=PRIVATE))
    app.add_handler(CommandHandler("unlink", unlink_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^(delete|unlink):"))
