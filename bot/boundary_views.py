"""How boundary lists and cards look, and the buttons on a held-back draft or note: text plus
buttons. History and the guide: bot.boundary_pages; the weekly review: bot.boundary_review_views."""

from __future__ import annotations

from datetime import datetime
from html import escape

from babel.dates import get_day_names
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import boundary_texts as bt
from bot.notify import where_help_is
from bot.texts import date_text
from content import i18n
from core import boundaries, timezones
from core.boundaries import ReviewStats, Status
from db.models import Boundary, BoundaryResponse

Button = InlineKeyboardButton
View = tuple[str, InlineKeyboardMarkup | None]
SHORT = 70


def short(text: str, limit: int = SHORT) -> str:
    """A statement cut for lists (escaped)."""
    cut = text if len(text) <= limit else text[:limit].rstrip() + "…"
    return escape(cut)


def _guide() -> boundaries.Guide:
    """The boundary words in the language being rendered (the reader's)."""
    return boundaries.guide(i18n.current())


def _category(boundary: Boundary) -> boundaries.Category:
    found = _guide().category(boundary.category)
    return found if found is not None else _guide().categories[-1]


def local_date(moment: datetime, zone: str | None) -> str:
    """A moment as a date in the person's zone (UTC when unset)."""
    return date_text(moment.astimezone(timezones.zone(zone or "UTC")))


def day_name(day: int) -> str:
    """0 → Monday, in the reader's language (Babel's wide weekday name)."""
    return str(get_day_names("wide", locale=i18n.current())[day])


def listing(
    mine: list[Boundary],
    theirs: list[Boundary],
    *,
    paired: bool,
    review_day: int | None,
    stats: ReviewStats | None,
    retired: int,
    guide: boundaries.Guide | None = None,
) -> View:
    """/boundaries: both lists with numbered buttons, and the review line (the guide's intro in
    `guide`'s words: the reader's language)."""
    if not mine and not theirs:
        text = bt.EMPTY.format(intro=escape((guide or _guide()).intro))
        rows = [[Button(str(bt.BUTTON_ADD), callback_data="bd:new")]]
        rows.append([Button(str(bt.BUTTON_GUIDE), callback_data="bd:guide:0")])
        if retired:
            rows.append([Button(bt.BUTTON_RETIRED.format(count=retired), callback_data="bd:old")])
        return f"{bt.HEAD}\n\n{text}", InlineKeyboardMarkup(rows)
    lines = [str(bt.HEAD), "", str(bt.YOURS)]
    numbered: list[Boundary] = []
    for boundary in mine:
        numbered.append(boundary)
        lines.append(_item(len(numbered), boundary, str(bt.STATUS_MINE[boundary.status])))
    if not mine:
        lines.append(str(bt.NONE_YET))
    if theirs:
        lines += ["", str(bt.THEIRS)]
        for boundary in theirs:
            numbered.append(boundary)
            lines.append(_item(len(numbered), boundary, str(bt.STATUS_THEIRS[boundary.status])))
    lines.append("")
    lines += _review_lines(paired, review_day, stats)
    lines += ["", str(bt.PICK_ONE)]
    rows = [
        [
            Button(str(i + 1), callback_data=f"bd:open:{b.id}")
            for i, b in enumerate(numbered[start : start + 5], start=start)
        ]
        for start in range(0, len(numbered), 5)
    ]
    rows.append(
        [
            Button(str(bt.BUTTON_ADD), callback_data="bd:new"),
            Button(str(bt.BUTTON_GUIDE), callback_data="bd:guide:0"),
        ]
    )
    if retired:
        rows.append([Button(bt.BUTTON_RETIRED.format(count=retired), callback_data="bd:old")])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def _review_lines(paired: bool, review_day: int | None, stats: ReviewStats | None) -> list[str]:
    """The list's last lines: the review day and how it went, or the line for someone alone."""
    lines: list[str] = []
    if paired:
        lines.append(
            bt.REVIEW_LINE.format(day=day_name(review_day))
            if review_day is not None
            else str(bt.REVIEW_OFF_LINE)
        )
        if stats is not None and stats.all_total:
            week = (
                bt.REVIEW_WEEK.format(kept=stats.week_kept, total=stats.week_total)
                if stats.week_total
                else bt.REVIEW_WEEK_NONE
            )
            percent = round(100 * stats.all_kept / stats.all_total)
            lines.append(
                bt.REVIEW_STATS.format(
                    kept=stats.all_kept, total=stats.all_total, percent=percent, week=week
                )
            )
    else:
        lines.append(str(bt.SOLO_LINE))
    return lines


def _item(number: int, boundary: Boundary, status: str) -> str:
    return bt.ITEM.format(
        n=number,
        emoji=_category(boundary).emoji,
        statement=short(boundary.statement),
        status=status,
    )


def categories(guide: boundaries.Guide | None = None) -> View:
    """Which area a new boundary is about (labels in `guide`'s words: the reader's language)."""
    rows = [
        [Button(f"{c.emoji} {c.label}", callback_data=f"bd:cat:{c.id}")]
        for c in (guide or _guide()).categories
    ]
    rows.append([Button(str(bt.BUTTON_LIST), callback_data="bd:list")])
    return str(bt.CHOOSE_CATEGORY), InlineKeyboardMarkup(rows)


def examples(category: boundaries.Category) -> str:
    """An area's example statements, as the guide and the add step show them."""
    return "\n".join(bt.EXAMPLE.format(text=escape(e)) for e in category.examples)


def ask_statement(category: boundaries.Category) -> str:
    """The prompt for a new boundary in one area, with examples."""
    return bt.ASK_STATEMENT.format(
        emoji=category.emoji,
        label=escape(category.label),
        question=escape(category.question),
        examples=examples(category),
    )


def after_add(boundary: Boundary, *, reframe: bool) -> View:
    """Saved: perhaps a gentle offer about wording, then the consequence question right above
    its buttons."""
    parts = [str(bt.SAVED_PRIVATE)]
    if reframe:
        parts.append(str(bt.REFRAME_OFFER))
    parts.append(str(bt.ASK_ADD_CONSEQUENCE))
    text = "\n\n".join(parts)
    rows = [
        [Button(str(bt.BUTTON_ADD_CONSEQUENCE), callback_data=f"bd:cons:{boundary.id}")],
        [Button(str(bt.BUTTON_NOT_NOW), callback_data=f"bd:open:{boundary.id}")],
    ]
    return text, InlineKeyboardMarkup(rows)


def card(boundary: Boundary, *, viewer_id: int, paired: bool, zone: str | None) -> View:
    """One boundary as its owner or the partner sees it, with what each may do."""
    mine = boundary.owner_id == viewer_id
    category = _category(boundary)
    head = bt.CARD_MINE if mine else bt.CARD_THEIRS
    lines = [
        head.format(emoji=category.emoji, label=escape(category.label)),
        "",
        bt.CARD_STATEMENT.format(statement=escape(boundary.statement)),
    ]
    if boundary.consequence:
        wording = bt.CARD_CONSEQUENCE_MINE if mine else bt.CARD_CONSEQUENCE_THEIRS
        lines.append(wording.format(consequence=escape(boundary.consequence)))
    elif mine:
        lines.append(str(bt.CARD_NO_CONSEQUENCE))
    lines.append("")
    rows: list[list[Button]] = []
    if boundary.retired_at is not None:
        lines.append(bt.CARD_RETIRED.format(date=local_date(boundary.retired_at, zone)))
        rows.append([Button(str(bt.BUTTON_HISTORY), callback_data=f"bd:hist:{boundary.id}")])
    elif mine:
        lines.append(bt.CARD_STATUS.format(status=str(bt.STATUS_MINE[boundary.status])))
        if boundary.status == Status.PRIVATE:
            if paired:
                rows.append([Button(str(bt.BUTTON_SHARE), callback_data=f"bd:share:{boundary.id}")])
            else:
                lines.append(str(bt.CARD_UNPAIRED))
        consequence_label = str(
            bt.BUTTON_CHANGE_CONSEQUENCE if boundary.consequence else bt.BUTTON_ADD_CONSEQUENCE
        )
        rows.append([Button(str(bt.BUTTON_EDIT), callback_data=f"bd:edit:{boundary.id}")])
        rows.append([Button(consequence_label, callback_data=f"bd:cons:{boundary.id}")])
        rows.append(
            [
                Button(str(bt.BUTTON_HISTORY), callback_data=f"bd:hist:{boundary.id}"),
                Button(str(bt.BUTTON_RETIRE), callback_data=f"bd:retire:{boundary.id}"),
            ]
        )
    else:
        lines.append(bt.CARD_STATUS.format(status=str(bt.STATUS_THEIRS[boundary.status])))
        answer_row = answer_buttons(boundary)
        if answer_row:
            rows.append(answer_row)
        rows.append([Button(str(bt.BUTTON_HISTORY), callback_data=f"bd:hist:{boundary.id}")])
    rows.append([Button(str(bt.BUTTON_LIST), callback_data="bd:list")])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def answer_buttons(boundary: Boundary) -> list[Button]:
    """The partner's choices for the current version (none once acknowledged)."""
    ref = f"{boundary.id}:{boundary.version}"
    row = []
    if boundary.status in (Status.SHARED, Status.TALK):
        row.append(Button(str(bt.BUTTON_ACK), callback_data=f"bd:ack:{ref}"))
    if boundary.status == Status.SHARED:
        row.append(Button(str(bt.BUTTON_TALK), callback_data=f"bd:talk:{ref}"))
    return row


def for_partner(boundary: Boundary, name: str, *, updated: bool, discreet: bool = False) -> View:
    """What the partner receives when a boundary is shared with them (or changed); with
    discreet previews on, the words sit under a spoiler below the neutral first line."""
    intro = (bt.PARTNER_UPDATED if updated else bt.PARTNER_NEW).format(name=name)
    text, _ = card(boundary, viewer_id=-1, paired=True, zone=None)
    body = text.split("\n", 2)[2]  # the statement and consequence, without the card's heading
    if discreet:
        body = f"<tg-spoiler>{body}</tg-spoiler>"
    body += where_help_is(boundary.statement, boundary.consequence)  # shared anyway
    return f"{intro}\n\n{body}", InlineKeyboardMarkup([answer_buttons(boundary)])


def confirm_retire(boundary: Boundary) -> View:
    """Are you sure?"""
    rows = [
        [
            Button(str(bt.BUTTON_RETIRE_YES), callback_data=f"bd:rtok:{boundary.id}"),
            Button(str(bt.BUTTON_RETIRE_NO), callback_data=f"bd:open:{boundary.id}"),
        ]
    ]
    text = f"{bt.CONFIRM_RETIRE}\n\n“{short(boundary.statement)}”"
    return text, InlineKeyboardMarkup(rows)


def retired_list(items: list[Boundary], zone: str | None) -> View:
    """The person's retired boundaries, each with its history."""
    if not items:
        return str(bt.RETIRED_NONE), InlineKeyboardMarkup(
            [[Button(str(bt.BUTTON_LIST), callback_data="bd:list")]]
        )
    lines = [str(bt.RETIRED_HEAD), ""]
    rows = []
    for number, boundary in enumerate(items, start=1):
        assert boundary.retired_at is not None
        lines.append(f"{number}. “{short(boundary.statement)}”")
        lines.append(f"    <i>{local_date(boundary.retired_at, zone)}</i>")
        rows.append(Button(str(number), callback_data=f"bd:hist:{boundary.id}"))
    keyboard = [rows[i : i + 5] for i in range(0, len(rows), 5)]
    keyboard.append([Button(str(bt.BUTTON_LIST), callback_data="bd:list")])
    return "\n".join(lines), InlineKeyboardMarkup(keyboard)


def ask_note(boundary: Boundary) -> View:
    """After "let's talk": an optional note."""
    button = Button(str(bt.BUTTON_NO_NOTE), callback_data=f"bd:nonote:{boundary.id}")
    return str(bt.ASK_NOTE), InlineKeyboardMarkup([[button]])


def share_anyway(boundary: Boundary) -> InlineKeyboardMarkup:
    """A draft held back because its words read like danger: the owner may still share it."""
    button = Button(str(bt.BUTTON_SHARE_ANYWAY), callback_data=f"bd:shareany:{boundary.id}")
    return InlineKeyboardMarkup([[button]])


def send_anyway(response: BoundaryResponse) -> InlineKeyboardMarkup:
    """A note held back after a crisis reply: the writer may still send it."""
    button = Button(str(bt.BUTTON_SEND_ANYWAY), callback_data=f"bd:sendnote:{response.id}")
    return InlineKeyboardMarkup([[button]])


def drop_consequence(boundary: Boundary) -> InlineKeyboardMarkup | None:
    """ "Remove it", when there is a consequence to remove."""
    if not boundary.consequence:
        return None
    button = Button(str(bt.BUTTON_DROP_CONSEQUENCE), callback_data=f"bd:nocons:{boundary.id}")
    return InlineKeyboardMarkup([[button]])
