"""/journal: private reflections, never shown to the partner; /cancel for any open question."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import checkin_texts as ct
from bot import delivery, texts
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import (
    PRIVATE,
    answer,
    consented_person,
    in_private_chat,
    message_of,
    query_of,
    sender_id,
)
from bot.handlers.reminders import local_text
from core import actions, journal, path, people, words
from core.awaiting import Asked, Asks
from core.outcome import Outcome, Reply
from db.models import JournalEntry

PREVIEW = 160


def _prompt_button() -> InlineKeyboardMarkup:
    data = actions.encode("jr", "prompt")
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(str(ct.BUTTON_JOURNAL_PROMPT), callback_data=data)]]
    )


def view(reply: Reply) -> View:
    """The journal's replies in words."""
    if reply.say == journal.ASK:
        item = reply.data
        prompt = ct.JOURNAL_PROMPT.format(prompt=escape(item.text)) if item is not None else ""
        return ct.JOURNAL_ASK + prompt, _prompt_button()
    if reply.say == journal.LISTING:
        return _listing(*reply.data), None
    said = {
        journal.SAVED: ct.JOURNAL_SAVED,
        journal.CANCELLED: ct.CANCELLED,
        journal.NOTHING_TO_CANCEL: ct.NOTHING_TO_CANCEL,
    }[reply.say]
    return str(said), None


def _listing(entries: list[JournalEntry], total: int, zone: str | None) -> str:
    if not entries:
        return str(ct.JOURNAL_EMPTY)
    lines = [str(ct.JOURNAL_LIST_HEAD), ""]
    for entry in entries:
        words = entry.text if len(entry.text) <= PREVIEW else entry.text[:PREVIEW].rstrip() + "…"
        lines.append(f"<b>{local_text(entry.created_at, zone)}</b>\n{escape(words)}\n")
    if total > len(entries):
        lines.append(ct.JOURNAL_LIST_MORE.format(count=total - len(entries)))
    return "\n".join(lines).rstrip()


async def journal_command(update: Update, context: TendContext) -> None:
    """`/journal` waits for the next message; `/journal <text>` saves at once; `list` lists."""
    deps = context.deps
    typed = (message_of(update).text or "").partition(" ")[2].strip()
    if typed and typed.lower() != "list":
        outcome = await words.take_as(
            deps.transaction, sender_id(update), Asked(Asks.JOURNAL), typed, deps.clock.now()
        )
        await delivery.deliver(update, context, outcome)
        return
    async with deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        if typed:
            outcome = await journal.listing(session, user)
        else:
            outcome = journal.ask_entry(user, deps.clock.now())
    await delivery.deliver(update, context, outcome)


async def on_prompt_button(update: Update, context: TendContext) -> None:
    """ "Give me a prompt": a reflection question; the next message is still the entry."""
    query = query_of(update)
    if not in_private_chat(update) or actions.decode(query.data, "jr") is None:
        await answer(query, str(texts.STALE_BUTTON))
        return
    deps = context.deps
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            outcome = Outcome(toast=str(texts.STALE_BUTTON))
        else:
            stage = await path.section_of(session, user)  # the path's stage comes first
            item = journal.prompt_for(user, deps.rng, stage)
            outcome = journal.ask_entry(user, deps.clock.now(), item)
    # The prompt comes below the button, so the earlier question stays in view.
    await delivery.deliver(update, context, outcome, below=True)


async def cancel_command(update: Update, context: TendContext) -> None:
    """Stop waiting for an answer (journal, appreciation, check-in question)."""
    async with context.deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        outcome = journal.cancel(user)
    await delivery.deliver(update, context, outcome)


def register(app: TendApp) -> None:
    """Wire /journal, its prompt button and /cancel; typed entries come through core.words."""
    words.register(Asks.JOURNAL, journal.MAX_TEXT, journal.take_entry)
    delivery.views("journal", view)
    app.add_handler(CommandHandler("journal", journal_command, filters=PRIVATE))
    app.add_handler(CommandHandler("cancel", cancel_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_prompt_button, pattern=r"^jr:"))
