"""The path's outcomes in words: each `path.*` reply and note key of core.path_flow as text and
buttons (the pieces are in bot.path_views, the sentences in bot.path_texts)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot import path_texts as pt
from bot import path_views as views
from bot.delivery import View
from content.path import path as content
from core import path_erase
from core import path_flow as flow
from core.outcome import Note, Reply

_PLAIN = {
    flow.INVITED: pt.INVITED,
    flow.ALREADY_INVITED: pt.ALREADY_INVITED,
    flow.DECLINED: pt.DECLINED,
    flow.JOINED: pt.JOINED,
    flow.STALE: pt.STALE,
    flow.MOVED_ON: pt.MOVED_ON,
    flow.SHARED: pt.SHARED,
    flow.SHARED_LATE: pt.SHARED_LATE,
    flow.MOVED_WAITING: pt.MOVED_WAITING,
    flow.STAYING: pt.STAYING,
    flow.RESUMED: pt.RESUMED,
    flow.LEFT: pt.LEFT,
}


def view(reply: Reply) -> View:
    """One reply of the path to the person who acted (the path's words in their language)."""
    if reply.say in _PLAIN:
        return str(_PLAIN[reply.say]), None
    path_id, language = reply.ref or 0, reply.language
    if reply.say == flow.STATUS:
        where, role = reply.data
        return views.status(where, role, language)
    if reply.say == flow.OPENING:
        o: flow.Opening = reply.data
        return views.opening(path_id, o.stage, o.role, o.solo, o.offer_share, language)
    if reply.say == flow.QUESTION:
        stage, number, not_yet = reply.data
        text, markup = views.question(path_id, stage, number, language)
        return (f"{pt.NOT_YET}\n\n{text}" if not_yet else text), markup
    if reply.say == flow.UNDER_WAY:
        return str(pt.UNDER_WAY), InlineKeyboardMarkup([[views.open_button(path_id)]])
    if reply.say in (flow.SAVED_SOLO, flow.SAVED_WAITING):
        solo = reply.say == flow.SAVED_SOLO
        again = InlineKeyboardMarkup([views.ready_row(path_id, reply.data)]) if solo else None
        return str(pt.SAVED_SOLO if solo else pt.SAVED_WAITING), again
    if reply.say == flow.REVEAL:
        stage, mine, theirs, discreet = reply.data
        again = InlineKeyboardMarkup([views.ready_row(path_id, stage)])
        return views.reveal(stage, mine, theirs, discreet, language), again
    if reply.say == flow.KEPT_PRIVATE:
        return str(pt.KEPT_PRIVATE), views.share_button(path_id, reply.data)
    if reply.say == flow.LEAVE_SURE:
        return views.leave_confirm(path_id)
    if reply.say == flow.COUNSELLOR:
        return views.counsellor(language), None
    notices = content(language).notices
    return (
        f"🧭 {notices.path_finished if reply.say == flow.FINISHED else notices.path_paused}",
        None,
    )


def note_view(note: Note, name: str) -> View:
    """A path note for the partner, in the partner's language (first lines discreet; words
    only in a reveal, as typed)."""
    path_id = note.ref or 0
    notices = content(note.language).notices
    if note.say == flow.N_INVITE:
        return views.invitation(path_id, note.language)
    if note.say == flow.N_READY:
        return str(pt.PARTNER_READY), InlineKeyboardMarkup([[views.open_button(path_id)]])
    if note.say == flow.N_WAITING:
        return f"🧭 {escape(notices.reflection_waiting)}", views.answer_button(path_id, note.data)
    if note.say == flow.N_REVEAL:
        stage, theirs, mine = note.data
        again = InlineKeyboardMarkup([views.ready_row(path_id, stage)])
        return views.reveal(stage, theirs, mine, note.discreet, note.language), again
    if note.say == path_erase.ALONE:
        return pt.ALONE.format(n=note.data.stage), None
    if note.say == flow.N_ADDITION:
        return views.addition(note.data, note.discreet), None
    if note.say == flow.N_FINISHED:
        return f"🧭 {notices.path_finished}", None
    return str(
        {
            flow.N_PAUSED: pt.PARTNER_PAUSED,
            flow.N_DECLINED: pt.PARTNER_NOT_NOW,
            flow.N_RESUMED: pt.PARTNER_RESUMED,
            flow.N_LEFT: pt.PARTNER_LEFT,
        }[note.say]
    ), None
