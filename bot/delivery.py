"""Deliver a core Outcome after the commit: the one place replies and relays go out.

Each flow registers its view once (`views("journal", reply_view, note_view)`); a reply's `say`
key ("journal.saved") names the flow whose view words it. A button's press is answered first
(its toast, if any); the first reply edits the pressed message unless it asks to go `below`;
further replies, and every reply to a typed message, are new messages. Then the person's
message is tidied away if the outcome says so, then notes go to their chats (silent as the
outcome decided, through the partner-notice gate when `gated`). Notes whose failure changes
the reply (`unsent`) go before the replies.

Each view runs inside `i18n.speaking` of its reader (a reply's and the toast's: the person who
acted; a note's: its recipient), so the bot's own sentences (`content.i18n.Msg`) come out in the
language of whoever reads them, the same as the content a view picks by `language`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot import texts
from bot.context import TendContext
from bot.handlers.common import answer, first_name, message_of, replace_buttons, tidy_up
from bot.notify import tell, veil
from bot.partner_notices import tell_partner
from content import i18n
from content.i18n import Msg
from core.outcome import STALE, Note, Outcome, Reply

log = logging.getLogger(__name__)

View = tuple[str, InlineKeyboardMarkup | None]
ReplyView = Callable[[Reply], View]
NoteView = Callable[[Note, str], View]  # the note and the sender's first name (escaped)

# After the first reply went out: (context, person, the reply, its message id), for a flow that
# notes which message shows a row (the owner's boundary card).
Shown = Callable[[TendContext, int, Reply, int], Awaitable[None]]

_REPLY_VIEWS: dict[str, ReplyView] = {}
_NOTE_VIEWS: dict[str, NoteView] = {}
_SHOWN: dict[str, Shown] = {}
_TOASTS: dict[str, str | Msg] = {}  # a toast key ("settings.nudge_stale") → its words
# After a note with `unsent` failed to go out: (update, context, the note), for a flow whose
# record should not count a message that never arrived (/hard's hourly limit).
Unsent = Callable[[Update, TendContext, Note], Awaitable[None]]
_UNSENT: dict[str, Unsent] = {}


def when_unsent(flow: str, hook: Unsent) -> None:
    """Run `hook` after one of `flow`'s notes with `unsent` could not be delivered."""
    _UNSENT[flow] = hook


def views(
    flow: str,
    reply_view: ReplyView,
    note_view: NoteView | None = None,
    shown: Shown | None = None,
    toasts: Mapping[str, str | Msg] | None = None,
) -> None:
    """Register how `flow`'s replies (and notes, and toast keys) are worded, and what to note
    once its first reply is on screen (`shown`). A toast that is no key is shown as it is."""
    _REPLY_VIEWS[flow] = reply_view
    _TOASTS.update(toasts or {})
    if note_view is not None:
        _NOTE_VIEWS[flow] = note_view
    if shown is not None:
        _SHOWN[flow] = shown


def _flow(key: str) -> str:
    return key.partition(".")[0]


def render(reply: Reply) -> View:
    """The words and buttons of one reply, in its reader's language (`reply.language`, or the
    update's when the use case left it to the update: `i18n.read_in`)."""
    if not reply.language:
        reply = replace(reply, language=i18n.current())
    with i18n.speaking(reply.language):
        return _REPLY_VIEWS[_flow(reply.say)](reply)


def render_note(note: Note, name: str) -> View:
    """The words and buttons of one note, in its recipient's language (`note.language`); a
    sender without a first name is "your partner" in that language."""
    with i18n.speaking(note.language):
        return _NOTE_VIEWS[_flow(note.say)](note, name or escape(str(texts.NAMELESS_PARTNER)))


def toast_words(outcome: Outcome) -> str | None:
    """The words of the outcome's toast (a registered key's, or the toast as it is), in the
    language of the person who pressed (`outcome.language`); None: no toast."""
    if outcome.toast is None:
        return None
    with i18n.speaking(outcome.language or i18n.current()):
        if outcome.toast == STALE:
            return str(texts.STALE_BUTTON)
        return str(_TOASTS.get(outcome.toast, outcome.toast))


def quoted(note: Note) -> str:
    """The note's words, escaped, and veiled when the reader chose discreet previews."""
    return veil(escape(note.words or ""), note.discreet)


async def deliver(
    update: Update, context: TendContext, outcome: Outcome, *, below: bool = False
) -> None:
    """Send everything `outcome` says, in order (see the module docstring); `below`: every
    reply to a button is a new message. Never raises for a refusal from Telegram (each send
    logs and carries on)."""
    query = update.callback_query
    if query is not None:
        await answer(query, toast_words(outcome))
    name = first_name(update)
    replies = list(outcome.replies)
    first = [n for n in outcome.notes if n.unsent is not None]
    for note in first:
        if await send_note(update, context, note, name) is not None:
            continue
        if replies:
            assert note.unsent is not None
            replies[0] = replace(replies[0], say=note.unsent)
        if (unsent := _UNSENT.get(_flow(note.say))) is not None:
            await unsent(update, context, note)
    for index, reply in enumerate(replies):
        text, markup = render(reply)
        if query is not None and index == 0 and not (reply.below or below):
            await replace_buttons(query, text, markup)
            shown_as = message_of(update).message_id
        else:
            shown_as = (await message_of(update).reply_text(text, reply_markup=markup)).message_id
        hook = _SHOWN.get(_flow(reply.say))
        if index == 0 and hook is not None and update.effective_user is not None:
            await hook(context, update.effective_user.id, reply, shown_as)
    if outcome.tidy:
        await tidy_up(update, True)
    for note in outcome.notes:
        if note.unsent is None:
            await send_note(update, context, note, name)


async def send_note(update: Update, context: TendContext, note: Note, name: str) -> int | None:
    """Send one note; its message id, or None if Telegram refused it (logged by id)."""
    text, markup = render_note(note, name)
    if note.edits is not None:
        try:
            await context.bot.edit_message_text(
                text, chat_id=note.to, message_id=note.edits, reply_markup=markup
            )
        except TelegramError as exc:  # gone, unchanged or refused: fine
            log.info(
                "notify.edit_failed chat=%s kind=%s error=%s",
                note.to,
                note.kind,
                type(exc).__name__,
            )
            return None
        return note.edits
    if note.gated and update.effective_user is not None:
        return await tell_partner(
            context.bot,
            context.deps.partner_notices,
            update.effective_user.id,
            note.to,
            text,
            kind=note.kind,
            markup=markup,
            silent=note.silent,
            merge=note.merge,
        )
    return await tell(context.bot, note.to, text, kind=note.kind, markup=markup, silent=note.silent)
