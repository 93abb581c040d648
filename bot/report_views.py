"""How /report's steps look: the period, the checklist, the partner's question. Words are in
content.report_texts; button data (core.actions, `rp:`) carries the whole choice (period and a
section mask), so no step is kept in memory."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from content import i18n
from content import report_texts as rt
from core import report
from core.actions import encode
from core.dates import day_text
from core.report import Choice, ReportData

Button = InlineKeyboardButton
Reply = tuple[str, InlineKeyboardMarkup | None]
PERIODS = tuple(rt.PERIODS.items())


def periods() -> Reply:
    """The first step: which stretch of time."""
    rows = [[Button(str(label), callback_data=encode("rp", "p", key))] for key, label in PERIODS]
    return str(rt.REPORT_PERIOD), InlineKeyboardMarkup(rows)


def checklist(period: str, mask: int, *, paired: bool) -> Reply:
    """The second step: tick what goes in, then make it (or ask the partner for a couple one)."""
    chosen = report.sections_of(mask)
    rows = []
    for i, name in enumerate(report.SECTIONS):
        if name == "partner" and not paired:
            continue
        tick = rt.TICK_ON if name in chosen else rt.TICK_OFF
        flipped = mask ^ (1 << i)
        label = tick + rt.SECTION_NAMES[name]
        rows.append([Button(label, callback_data=encode("rp", "t", period, flipped))])
    rows.append([Button(str(rt.BUTTON_MAKE), callback_data=encode("rp", "go", period, mask))])
    if paired:
        rows.append([Button(str(rt.BUTTON_COUPLE), callback_data=encode("rp", "cp", period, mask))])
    return rt.REPORT_CHOOSE.format(period=rt.PERIODS[period]), InlineKeyboardMarkup(rows)


def partner_question(request_id: int, choice: Choice) -> Reply:
    """What the other partner is asked: the period and exactly what would go in."""
    items = "\n".join(
        rt.COUPLE_ITEM.format(name=rt.COUPLE_NAMES[name])
        for name in report.SECTIONS
        if name in choice.included
    )
    text = rt.COUPLE_ASK.format(period=str(rt.PERIODS[choice.period]).lower(), items=items)
    buttons = [
        Button(str(rt.BUTTON_YES), callback_data=encode("rp", "ok", request_id)),
        Button(str(rt.BUTTON_NO), callback_data=encode("rp", "no", request_id)),
    ]
    return text, InlineKeyboardMarkup([buttons])


def caption(data: ReportData) -> str:
    """The words under the PDF: its period, in the one date style of every message, in the
    language being spoken (`content.i18n.current`)."""
    locale = i18n.current()
    dates = {"start": day_text(data.start, locale), "end": day_text(data.end, locale)}
    return (rt.REPORT_CAPTION_COUPLE if data.choice.couple else rt.REPORT_CAPTION).format(**dates)


def file_name(data: ReportData) -> str:
    """The PDF's file name (a discreet one: a date, no subject)."""
    return rt.REPORT_FILE.format(day=data.made.isoformat())
