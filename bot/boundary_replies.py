"""The boundary flow's replies and notes in words (core.boundary_act names them)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from telegram import InlineKeyboardMarkup

from bot import boundary_pages as pages
from bot import boundary_texts as bt
from bot import boundary_views as views
from bot.notify import veil, where_help_is
from core import boundary_act as ba
from core.boundary_act import Card
from core.outcome import Note, Reply

View = tuple[str, InlineKeyboardMarkup | None]


def card(shown: Card) -> View:
    """A boundary's card, with its notice above."""
    text, markup = views.card(
        shown.boundary, viewer_id=shown.viewer_id, paired=shown.paired, zone=shown.zone
    )
    notice = getattr(bt, shown.notice) if shown.notice else None
    return (f"{notice}\n\n{text}" if notice else text), markup


def _list_button() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[views.Button(str(bt.BUTTON_LIST), callback_data="bd:list")]])


def _review(key: str, day: int | None) -> str:
    if key == "boundary.review_usage":
        current = (
            bt.REVIEW_CURRENT.format(day=views.day_name(day))
            if day is not None
            else str(bt.REVIEW_CURRENT_OFF)
        )
        return bt.REVIEW_USAGE.format(current=current)
    return (
        bt.REVIEW_SET.format(day=views.day_name(day)) if day is not None else str(bt.REVIEW_SET_OFF)
    )


def reply_view(reply: Reply) -> View:
    """One reply of the boundary flow."""
    key, data = reply.say, reply.data
    special: dict[str, Callable[[], View]] = {
        ba.LISTING: lambda: views.listing(
            data.mine,
            data.theirs,
            paired=data.paired,
            review_day=data.review_day,
            stats=data.stats,
            retired=data.retired,
            guide=data.guide,
        ),
        ba.CATEGORIES: lambda: views.categories(data),
        ba.CARD: lambda: card(data),
        ba.GUIDE: lambda: pages.guide_step(reply.ref or 0, data),
        ba.RETIRED_LIST: lambda: views.retired_list(*data),
        ba.HISTORY: lambda: pages.history(*data),
        ba.CONFIRM_RETIRE: lambda: views.confirm_retire(data),
        ba.ASK_STATEMENT: lambda: (views.ask_statement(data), None),
        ba.AFTER_ADD: lambda: views.after_add(data[0], reframe=data[1]),
        ba.ASK_NOTE: lambda: views.ask_note(data),
        ba.SHARE_HELD: lambda: (str(bt.SHARE_HELD), views.share_anyway(data)),
        ba.NOTE_HELD: lambda: (str(bt.NOTE_HELD), views.send_anyway(data)),
        ba.RETIRED: lambda: (str(bt.RETIRED), _list_button()),
        ba.ASK_CONSEQUENCE: lambda: (str(bt.ASK_CONSEQUENCE), views.drop_consequence(data)),
    }
    if key in special:
        return special[key]()
    if key in ("boundary.review_usage", "boundary.review_set"):
        return _review(key, reply.ref), None
    if key == "boundary.ask_edit":
        return bt.ASK_EDIT.format(again=bt.ASK_EDIT_AGAIN if data["again"] else ""), None
    text = str(getattr(bt, key.removeprefix("boundary.").upper()))
    if isinstance(data, dict):
        text = text.format(**{k: escape(str(v)) for k, v in data.items()})
    return text, None


def note_view(note: Note, name: str) -> View:
    """One note to the partner (or the owner's card brought up to date)."""
    data = note.data
    if note.say == ba.FOR_PARTNER:
        return views.for_partner(data[0], name, updated=data[1], discreet=note.discreet)
    if note.say == ba.OWNER_CARD:
        return card(data)
    if note.say == ba.REVIEW_DAY:
        if data is None:
            return str(bt.PARTNER_REVIEW_OFF), None
        return bt.PARTNER_REVIEW_DAY.format(day=views.day_name(data)), None
    if note.say == ba.OWNER_NOTE:
        statement = veil(views.short(data[0], 120), note.discreet)
        words = veil(escape(data[1]), note.discreet)
        text = bt.OWNER_NOTE.format(name=name, statement=statement, note=words)
        return text + where_help_is(data[1]), None
    text_name, limit = data
    statement = veil(views.short(note.words or "", limit), note.discreet)
    return getattr(bt, text_name).format(name=name, statement=statement), None
