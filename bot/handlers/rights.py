"""/export and /delete: a person's data is theirs to take and to erase."""

from __future__ import annotations

import json
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

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
)
from bot.notify import tell
from core import notices, people, rights
from core.export_markdown import to_markdown
from db.session import truncate_wal

log = logging.getLogger(__name__)


async def export_command(update: Update, context: TendContext) -> None:
    """Send the person everything stored about them: a JSON file and a readable Markdown one."""
    deps = context.deps
    message = message_of(update)
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            await message.reply_text(texts.EXPORT_NOTHING)
            return
        data = await rights.export_person(session, user, deps.clock.now())
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    readable = to_markdown(data).encode("utf-8")
    await message.reply_document(
        InputFile(payload, filename="tend-export.json"), caption=texts.EXPORT_CAPTION
    )
    await message.reply_document(
        InputFile(readable, filename="tend-export.md"), caption=texts.EXPORT_MARKDOWN_CAPTION
    )
    log.info("rights.exported user=%s bytes=%d", user.id, len(payload) + len(readable))


async def delete_command(update: Update, context: TendContext) -> None:
    """Ask before erasing everything."""
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.DELETE_YES, callback_data="delete:yes"),
                InlineKeyboardButton(texts.DELETE_NO, callback_data="delete:no"),
            ]
        ]
    )
    await message_of(update).reply_text(texts.DELETE_CONFIRM, reply_markup=markup)


async def on_delete(update: Update, context: TendContext) -> None:
    """Erase the presser's data (only ever their own)."""
    query = query_of(update)
    parts = callback_parts(query, "delete")
    if not in_private_chat(update) or parts not in (["yes"], ["no"]):
        await answer(query, texts.STALE_BUTTON)
        return
    await answer(query)
    if parts == ["no"]:
        await replace_buttons(query, texts.DELETE_KEPT)
        return
    uid = sender_id(update)
    now = context.deps.clock.now()
    async with context.deps.transaction() as session:
        erased = await rights.erase_person(session, uid, now)
        notice = (
            await notices.pairing_ended(session, erased.former_partner_id, now)
            if erased is not None and erased.former_partner_id is not None
            else None
        )
    if erased is None:
        await replace_buttons(query, texts.DELETE_NOTHING)
        return
    if context.deps.engine is not None:
        await truncate_wal(context.deps.engine)
    log.info("rights.erased user=%s", uid)
    await replace_buttons(query, texts.DELETE_DONE)
    if notice is not None:
        await tell(
            context.bot, notice.to, texts.PARTNER_UNLINKED, kind=notice.kind, silent=notice.silent
        )


def register(app: TendApp) -> None:
    """Wire this flow."""
    app.add_handler(CommandHandler("export", export_command, filters=PRIVATE))
    app.add_handler(CommandHandler("delete", delete_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_delete, pattern=r"^delete:"))
