"""/journal: private reflections, never shown to the partner; /cancel for any open question."""

from __future__ import annotations

import logging
from html import escape

from sqlalchemy.exc import SQLAlchemyError
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import checkin_texts as ct
from bot import texts
from bot.context import TendApp, TendContext
from bot.handlers.common import (
    PRIVATE,
    answer,
    callback_parts,
    consented_person,
    in_private_chat,
    message_of,
    query_of,
    sender_id,
    tidy_up,
)
from bot.handlers.reminders import local_text
from content import library
from core import journal, path, people
from db.models import JournalEntry

log = logging.getLogger(__name__)

AWAITING = "journal"
PREVIEW = 160


def awaits_entry(awaiting: str | None) -> bool:
    """Whether the person's next message is a journal entry."""
    return awaiting is not None and (awaiting == AWAITING or awaiting.startswith(AWAITING + ":"))


def _prompt_button() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(ct.BUTTON_JOURNAL_PROMPT, callback_data="jr:prompt")]]
    )


async def journal_command(update: Update, context: TendContext) -> None:
    """`/journal` waits for the next message; `/journal <text>` saves at once; `list` lists."""
    deps, message = context.deps, message_of(update)
    typed = (message.text or "").partition(" ")[2].strip()
    async with deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        if typed.lower() == "list":
            entries, total = await journal.recent(session, user.id)
            zone = user.timezone
        elif not typed:
            people.await_text(user, AWAITING, deps.clock.now())
    if typed.lower() == "list":
        await message.reply_text(_listing(entries, total, zone))
    elif not typed:
        await message.reply_text(ct.JOURNAL_ASK, reply_markup=_prompt_button())
    else:
        await save_entry(update, context, typed)


def _listing(entries: list[JournalEntry], total: int, zone: str | None) -> str:
    if not entries:
        return ct.JOURNAL_EMPTY
    lines = [ct.JOURNAL_LIST_HEAD, ""]
    for entry in entries:
        words = entry.text if len(entry.text) <= PREVIEW else entry.text[:PREVIEW].rstrip() + "…"
        lines.append(f"<b>{local_text(entry.created_at, zone)}</b>\n{escape(words)}\n")
    if total > len(entries):
        lines.append(ct.JOURNAL_LIST_MORE.format(count=total - len(entries)))
    return "\n".join(lines).rstrip()


async def save_entry(update: Update, context: TendContext, text: str) -> None:
    """Store one entry (committed before "saved"); signs of danger get the crisis reply too."""
    deps, message = context.deps, message_of(update)
    if len(text) > journal.MAX_TEXT:
        await message.reply_text(ct.TOO_LONG.format(limit=journal.MAX_TEXT))
        return
    try:
        async with deps.transaction() as session:
            user = await people.get(session, sender_id(update))
            if user is None:
                return
            prompt_id = None
            if user.awaiting and user.awaiting.startswith(AWAITING + ":"):
                prompt_id = user.awaiting.partition(":")[2] or None
            if awaits_entry(user.awaiting):
                user.awaiting = None
            entry = await journal.write(session, user, text, deps.clock.now(), prompt_id)
            tidy = user.tidy_chat
    except SQLAlchemyError:
        log.exception("journal.save_failed user=%s", sender_id(update))
        await message.reply_text(ct.NOT_SAVED)
        return
    log.info("journal.saved user=%s entry=%s", sender_id(update), entry.id)
    await message.reply_text(ct.JOURNAL_SAVED)
    await tidy_up(update, tidy)


async def on_prompt_button(update: Update, context: TendContext) -> None:
    """ "Give me a prompt": a reflection question; the next message is still the entry."""
    query = query_of(update)
    if not in_private_chat(update) or callback_parts(query, "jr") != ["prompt"]:
        await answer(query, texts.STALE_BUTTON)
        return
    async with context.deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            await answer(query, texts.STALE_BUTTON)
            return
        stage = await path.section_of(session, user)  # the path's stage comes first
        item: library.Item = journal.prompt_for(user, context.deps.rng, stage)
        people.await_text(user, f"{AWAITING}:{item.id}", context.deps.clock.now())
    await answer(query)
    await message_of(update).reply_text(
        ct.JOURNAL_ASK + ct.JOURNAL_PROMPT.format(prompt=escape(item.text)),
        reply_markup=_prompt_button(),
    )


async def cancel_command(update: Update, context: TendContext) -> None:
    """Stop waiting for an answer (journal, appreciation, check-in question)."""
    async with context.deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        had = user.awaiting is not None and user.awaiting != people.Awaiting.TIMEZONE
        if had:
            user.awaiting = None
    await message_of(update).reply_text(ct.CANCELLED if had else ct.NOTHING_TO_CANCEL)


def register(app: TendApp) -> None:
    """Wire /journal, its prompt button and /cancel."""
    app.add_handler(CommandHandler("journal", journal_command, filters=PRIVATE))
    app.add_handler(CommandHandler("cancel", cancel_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_prompt_button, pattern=r"^jr:"))
