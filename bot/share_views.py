"""What /share shows: texts with their buttons, built from content/share.toml and the rows.

Callback data (bot/handlers/share.py): sh:new, sh:r:<rhythm>, sh:len:<plan>:<weeks>,
sh:go:<plan>, sh:skip:<plan>, sh:pause|resume|end|renew:<plan>, sh:k:<entry>:<part>,
sh:edit:<entry>, sh:send:<entry>, sh:t:<entry>, sh:l:<entry>, sh:ns:<reply>, sh:na:<reply>,
sh:no.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import moment_texts as mt
from bot.notify import veil
from content.moments import share
from core import share as core
from core import timezones
from core.rules import format_hhmm
from db.models import ShareEntry, SharePlan

View = tuple[str, InlineKeyboardMarkup | None]
NOT_FOUND = escape(mt.NOT_FOUND)


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def day(moment: datetime, zone: str | None) -> str:
    """A date as the person reads it in their zone: '26 January 2027'."""
    local = moment.astimezone(timezones.zone(zone or "UTC"))
    return f"{local.day} {local:%B %Y}"


def rhythms() -> View:
    """The intro and the three rhythms to choose from."""
    content = share()
    rows = [[_button(r.label, f"sh:r:{r.id}")] for r in content.setup.rhythms]
    return (
        f"{escape(content.intro)}\n\n{escape(content.setup.rhythm_prompt)}",
        InlineKeyboardMarkup(rows),
    )


def confirm(plan: SharePlan, zone: str | None) -> View:
    """Set up: rhythm, time, end date, and other lengths to choose."""
    setup = share().setup
    text = setup.confirm.format(
        rhythm=share().rhythm(plan.rhythm).label,
        time=format_hhmm(plan.minute_of_day),
        end=day(plan.ends_at, zone),
    )
    text += "\n\n" + setup.end_prompt.format(weeks=setup.default_weeks)
    row = [_button(mt.BUTTON_WEEKS.format(weeks=w), f"sh:len:{plan.id}:{w}") for w in core.LENGTHS]
    return escape(text), InlineKeyboardMarkup([row])


def status(plan: SharePlan, zone: str | None, now: datetime) -> View:
    """Where the sharer's plan stands, with what only they can do with it."""
    if plan.ended_at is not None or now >= plan.ends_at:
        return mt.SHARE_STATUS_ENDED, InlineKeyboardMarkup([[_button(mt.BUTTON_CHANGE, "sh:new")]])
    text = mt.SHARE_STATUS.format(
        rhythm=escape(share().rhythm(plan.rhythm).label),
        time=format_hhmm(plan.minute_of_day),
        end=day(plan.ends_at, zone),
        paused=mt.SHARE_STATUS_PAUSED if plan.paused_at else "",
    )
    toggle = (
        _button(mt.BUTTON_RESUME, f"sh:resume:{plan.id}")
        if plan.paused_at
        else _button(mt.BUTTON_PAUSE, f"sh:pause:{plan.id}")
    )
    rows = [
        [_button(mt.BUTTON_WRITE_NOW, f"sh:go:{plan.id}")],
        [toggle, _button(mt.BUTTON_END, f"sh:end:{plan.id}")],
        [_button(mt.BUTTON_CHANGE, "sh:new")],
    ]
    return text, InlineKeyboardMarkup(rows)


def invitation(plan_id: int, renew: bool) -> tuple[str, list[list[InlineKeyboardButton]]]:
    """The scheduled message: an invitation to write (skipping is fine), or the offer to renew
    once the end date is reached. Its first line names nothing."""
    content = share()
    if renew:
        text = escape(content.setup.renew_offer.format(weeks=content.setup.default_weeks))
        row = [
            _button(content.setup.renew_button, f"sh:renew:{plan_id}"),
            _button(content.setup.stop_button, f"sh:end:{plan_id}"),
        ]
        return text, [row]
    invite = content.invite
    text = f"<b>{escape(invite.first_line)}</b>\n\n{escape(invite.text)}"
    row = [
        _button(invite.start_button, f"sh:go:{plan_id}"),
        _button(invite.skip_button, f"sh:skip:{plan_id}"),
    ]
    return text, [row]


def part_prompt(entry_id: int, index: int) -> View:
    """Ask for part `index` (0-4), with an example and a skip."""
    part = share().parts[index]
    text = mt.PART_PROMPT.format(
        number=index + 1,
        title=escape(part.title),
        prompt=escape(part.prompt),
        example=escape(part.example),
    )
    return text, InlineKeyboardMarkup([[_button(mt.SKIP_PART, f"sh:k:{entry_id}:{index}")]])


def _body(entry: ShareEntry, discreet: bool) -> str:
    titles = {p.id: p.title for p in share().parts}
    return "\n\n".join(
        f"<b>{escape(titles[part])}</b>\n{veil(escape(words), discreet)}"
        for part, words in core.parts_of(entry)
    )


def review(entry: ShareEntry, unsafe: bool) -> View:
    """The sharer's own words before sending; a gentle note first if any part reads like
    danger (then the button says "send it anyway")."""
    invite = share().invite
    head = f"{mt.HELD_NOTE}\n\n" if unsafe else ""
    text = f"{head}{escape(invite.review)}\n\n{_body(entry, discreet=False)}"
    send = mt.BUTTON_SEND_ANYWAY if unsafe else invite.send_button
    row = [_button(send, f"sh:send:{entry.id}"), _button(invite.edit_button, f"sh:edit:{entry.id}")]
    return text, InlineKeyboardMarkup([row])


def received(entry: ShareEntry, discreet: bool) -> View:
    """What the receiver gets: a neutral first line, the framing, the parts (under a spoiler
    with discreet previews), and two optional answers."""
    receiver = share().receiver
    text = (
        f"<b>{escape(receiver.first_line)}</b>\n<i>{escape(receiver.framing)}</i>\n\n"
        f"{_body(entry, discreet)}"
    )
    row = [
        _button(receiver.thank_you_button, f"sh:t:{entry.id}"),
        _button(receiver.talk_button, f"sh:l:{entry.id}"),
    ]
    return text, InlineKeyboardMarkup([row])


def suggestion() -> View:
    """For the path's "establish trust" stage: the offer to set up a fuller check-in (to the
    partner who broke trust; see core.share.suggestion_for)."""
    content = share().suggestion
    text = f"<b>{escape(content.first_line)}</b>\n\n{escape(content.text)}"
    row = [_button(content.yes_button, "sh:new"), _button(content.no_button, "sh:no")]
    return text, InlineKeyboardMarkup([row])
