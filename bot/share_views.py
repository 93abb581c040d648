"""What /share shows: texts with their buttons, built from content/share.toml and the rows.

Callback data (core.actions, `sh:`): new, r:<rhythm>, len:<plan>:<weeks>, go|skip:<plan>,
pause|resume|end|renew:<plan>, k:<entry>:<part>, edit|send|t|l:<entry>, ns|na:<reply>, no.
`view` and `note_view` word core.share_flow's keys.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from babel import Locale
from babel.lists import format_list
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import moment_texts as mt
from bot.notify import veil, where_help_is
from content import i18n
from content.i18n import Msg
from content.moments import Share
from content.moments import share as content_in
from core import actions, languages, timezones
from core import share as core
from core import share_flow as flow
from core.dates import long_day_text
from core.outcome import Note, Reply
from core.rules import format_hhmm
from db.models import ShareEntry, SharePlan

View = tuple[str, InlineKeyboardMarkup | None]


def _button(label: str | Msg, verb: str, *args: int | str) -> InlineKeyboardButton:
    return InlineKeyboardButton(str(label), callback_data=actions.encode("sh", verb, *args))


def day(moment: datetime, zone: str | None) -> str:
    """A date as the person reads it in their zone, month named in the current reader's
    language (content.i18n): '26 January 2027'."""
    local = moment.astimezone(timezones.zone(zone or "UTC"))
    return long_day_text(local.date(), i18n.current())


def share(language: str | None = None) -> Share:
    """The fuller check-in's words in `language` (None or one tend does not speak: English)."""
    return content_in(languages.known(language))


def rhythm_words(plan: SharePlan, zone: str | None, language: str | None = None) -> str:
    """The rhythm with its days, as the sharer reads it (plain text): "Every day", "Once a
    week, on Thursdays", "Every few days, on Thursdays and Sundays". The days are the ones
    core.share.sync schedules: counted from the weekday the plan was set up, in their zone."""
    label = share(language).rhythm(plan.rhythm).label
    offsets = sorted(set(core.RHYTHMS.get(plan.rhythm, ())))
    if len(offsets) in (0, 7):
        return label
    first = plan.created_at.astimezone(timezones.zone(zone or "UTC")).weekday()
    reader = i18n.current()
    wide = Locale.parse(reader).days["stand-alone"]["wide"]
    names = [str(wide[(first + offset) % 7]) for offset in offsets]
    if reader == languages.ENGLISH:  # "on Thursdays": English alone says it in the plural
        names = [f"{name}s" for name in names]
    return mt.RHYTHM_DAYS.format(rhythm=label, days=format_list(names, locale=reader))


def rhythms(language: str | None = None) -> View:
    """The intro and the three rhythms to choose from."""
    content = share(language)
    rows = [[_button(r.label, "r", r.id)] for r in content.setup.rhythms]
    return (
        f"{escape(content.intro)}\n\n{escape(content.setup.rhythm_prompt)}",
        InlineKeyboardMarkup(rows),
    )


def confirm(plan: SharePlan, zone: str | None, language: str | None = None) -> View:
    """Set up: rhythm, time, end date, and other lengths to choose."""
    setup = share(language).setup
    text = setup.confirm.format(
        rhythm=rhythm_words(plan, zone, language),
        time=format_hhmm(plan.minute_of_day),
        end=day(plan.ends_at, zone),
    )
    text += "\n\n" + setup.end_prompt.format(weeks=setup.default_weeks)
    row = [_button(mt.BUTTON_WEEKS.format(w), "len", plan.id, w) for w in core.LENGTHS]
    return escape(text), InlineKeyboardMarkup([row])


def status(plan: SharePlan, zone: str | None, now: datetime, language: str | None = None) -> View:
    """Where the sharer's plan stands, with what only they can do with it."""
    if plan.ended_at is not None or now >= plan.ends_at:
        return str(mt.SHARE_STATUS_ENDED), InlineKeyboardMarkup(
            [[_button(mt.BUTTON_CHANGE, "new")]]
        )
    text = mt.SHARE_STATUS.format(
        rhythm=escape(rhythm_words(plan, zone, language)),
        time=format_hhmm(plan.minute_of_day),
        end=day(plan.ends_at, zone),
        paused=mt.SHARE_STATUS_PAUSED if plan.paused_at else "",
    )
    toggle = (
        _button(mt.BUTTON_RESUME, "resume", plan.id)
        if plan.paused_at
        else _button(mt.BUTTON_PAUSE, "pause", plan.id)
    )
    rows = [
        [_button(mt.BUTTON_WRITE_NOW, "go", plan.id)],
        [toggle, _button(mt.BUTTON_END, "end", plan.id)],
        [_button(mt.BUTTON_CHANGE, "new")],
    ]
    return text, InlineKeyboardMarkup(rows)


def invitation(
    plan_id: int, renew: bool, language: str | None = None
) -> tuple[str, list[list[InlineKeyboardButton]]]:
    """The scheduled message: an invitation to write (skipping is fine), or the offer to renew
    once the end date is reached, in the reader's `language`. Its first line names nothing."""
    content = share(language)
    if renew:
        text = escape(content.setup.renew_offer.format(weeks=content.setup.default_weeks))
        row = [
            _button(content.setup.renew_button, "renew", plan_id),
            _button(content.setup.stop_button, "end", plan_id),
        ]
        return text, [row]
    invite = content.invite
    text = f"<b>{escape(invite.first_line)}</b>\n\n{escape(invite.text)}"
    row = [
        _button(invite.start_button, "go", plan_id),
        _button(invite.skip_button, "skip", plan_id),
    ]
    return text, [row]


def part_prompt(
    entry_id: int,
    index: int,
    again: bool = False,
    written: str | None = None,
    language: str | None = None,
    role: str | None = None,
) -> View:
    """Ask for part `index` (0-4), with an example and a skip (`again`: after a second "write
    it now", which found this share already open; `written`: what it says already, which the
    button keeps), worded for the sharer's side (`role`)."""
    part = share(language).parts[index]
    wording = share(language).wording(index, role)
    text = (mt.STILL_WRITING + "\n\n" if again else "") + mt.PART_PROMPT.format(
        number=index + 1,
        title=escape(part.title),
        prompt=escape(wording.prompt),
        example=escape(wording.example),
    )
    if written:
        text += "\n\n" + mt.PART_WRITTEN.format(words=escape(written))
    label = mt.KEEP_PART if written else mt.SKIP_PART
    return text, InlineKeyboardMarkup([[_button(label, "k", entry_id, index)]])


def _body(entry: ShareEntry, discreet: bool, language: str | None) -> str:
    titles = {p.id: p.title for p in share(language).parts}
    return "\n\n".join(
        f"<b>{escape(titles[part])}</b>\n{veil(escape(words), discreet)}"
        for part, words in core.parts_of(entry)
    )


def review(
    entry: ShareEntry, unsafe: bool, again: bool = False, language: str | None = None
) -> View:
    """The sharer's own words before sending; a gentle note first if any part reads like
    danger (then the button says "send it anyway")."""
    invite = share(language).invite
    head = f"{mt.HELD_NOTE}\n\n" if unsafe else ""
    head = (mt.STILL_WRITING + "\n\n" if again else "") + head
    text = f"{head}{escape(invite.review)}\n\n{_body(entry, False, language)}"
    send = mt.BUTTON_SEND_ANYWAY if unsafe else invite.send_button
    row = [_button(send, "send", entry.id), _button(invite.edit_button, "edit", entry.id)]
    return text, InlineKeyboardMarkup([row])


def received(entry: ShareEntry, discreet: bool, language: str | None = None) -> View:
    """What the receiver gets, in their `language`: a neutral first line, the framing, the
    parts as the sharer typed them (under a spoiler with discreet previews; the part titles in
    the receiver's language), and two optional answers."""
    receiver = share(language).receiver
    text = (
        f"<b>{escape(receiver.first_line)}</b>\n<i>{escape(receiver.framing)}</i>\n\n"
        f"{_body(entry, discreet, language)}"
    )
    text += where_help_is(*(words for _, words in core.parts_of(entry)))  # sent anyway
    row = [
        _button(receiver.thank_you_button, "t", entry.id),
        _button(receiver.talk_button, "l", entry.id),
    ]
    return text, InlineKeyboardMarkup([row])


def suggestion(language: str | None = None) -> View:
    """For the path's "establish trust" stage: the offer to set up a fuller check-in (to the
    partner who broke trust; see core.share.suggestion_for)."""
    content = share(language).suggestion
    text = f"<b>{escape(content.first_line)}</b>\n\n{escape(content.text)}"
    row = [_button(content.yes_button, "new"), _button(content.no_button, "no")]
    return text, InlineKeyboardMarkup([row])


def _plain(key: str, language: str) -> str:
    content = share(language)
    return escape(
        str(
            {
                flow.TIME: content.setup.time_prompt,
                flow.BAD_TIME: content.setup.bad_time,
                flow.NOT_TODAY: mt.NOT_TODAY,
                flow.EMPTY: mt.EMPTY,
                flow.SENT: content.invite.sent,
                flow.SEND_FAILED: mt.SEND_FAILED,
                flow.ANSWERED: content.receiver.answered,
                flow.ANSWER_FAILED: mt.ANSWER_FAILED,
                flow.ANSWERED_ALREADY: mt.ANSWERED_ALREADY,
                flow.GONE: mt.NOT_FOUND,
            }[key]
        )
    )


def _changed(verb: str, plan: SharePlan, zone: str | None, language: str) -> View:
    setup = share(language).setup
    said = {"pause": setup.paused, "resume": setup.resumed, "end": setup.ended}
    return escape(said.get(verb) or mt.LENGTH_SET.format(end=day(plan.ends_at, zone))), None


def view(reply: Reply) -> View:
    """/share's replies in words (the fuller check-in's own in the reader's language)."""
    key, data, language = reply.say, reply.data, reply.language
    if key == flow.RHYTHMS:
        return rhythms(language)
    if key == flow.STATUS:
        plan, zone, now = data
        return status(plan, zone, now, language)
    if key == flow.CONFIRM:
        plan, zone = data
        return confirm(plan, zone, language)
    if key == flow.CHANGED:
        verb, plan, zone = data
        return _changed(verb, plan, zone, language)
    if key == flow.PART:
        return part_prompt(
            reply.ref or 0, data.index, data.again, data.written, language, data.role
        )
    if key == flow.REVIEW:
        entry, unsafe, again = data
        return review(entry, unsafe, again, language)
    if key == flow.ASK_NOTE:
        skip = _button(mt.SKIP_NOTE, "ns", reply.ref or 0)
        return escape(share(language).receiver.talk_prompt), InlineKeyboardMarkup([[skip]])
    if key == flow.NOTE_HELD:
        anyway = _button(mt.BUTTON_SEND_ANYWAY, "na", reply.ref or 0)
        return str(mt.NOTE_HELD), InlineKeyboardMarkup([[anyway]])
    if key in (flow.UNPAIRED, flow.IN_QUIET):
        return str(mt.SHARE_UNPAIRED if key == flow.UNPAIRED else mt.SHARE_IN_QUIET), None
    return _plain(key, language), None


def note_view(note: Note, name: str) -> View:
    """The share as the receiver reads it, and their answer as the sharer reads it (each in
    the reader's language; the words as typed)."""
    if note.say == flow.RECEIVED:
        return received(note.data, note.discreet, note.language)
    said = share(note.language).reply
    if note.say == flow.THANKS:
        return escape(said.thank_you), None
    if note.words:
        text = f"{escape(said.talk_with_note)}\n\n{veil(escape(note.words), note.discreet)}"
        return text + where_help_is(note.words), None
    return escape(said.talk), None
