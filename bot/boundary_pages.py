"""Longer boundary pages: a boundary's history (every version and the answers it got) and the
guided walk through the areas."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import boundary_texts as bt
from bot.boundary_views import examples, local_date
from content import i18n
from core import boundaries
from db.models import Boundary, BoundaryResponse, BoundaryVersion

Button = InlineKeyboardButton
View = tuple[str, InlineKeyboardMarkup | None]
# Room for history in one message (Telegram allows 4,096 characters; markup is not counted).
HISTORY_BUDGET = 3600


def history(
    boundary: Boundary,
    versions: list[BoundaryVersion],
    responses: list[BoundaryResponse],
    zone: str | None,
) -> View:
    """Every version with its date and the answers it got, newest first (as many as fit)."""
    chunks = []
    for version in reversed(versions):
        consequence = (
            bt.HISTORY_CONSEQUENCE.format(consequence=escape(version.consequence))
            if version.consequence
            else ""
        )
        lines = [
            bt.HISTORY_VERSION.format(
                version=version.version,
                date=local_date(version.created_at, zone),
                statement=escape(version.statement),
                consequence=consequence,
            )
        ]
        for response in responses:
            if response.version != version.version:
                continue
            line = bt.HISTORY_RESPONSE[response.response].format(
                date=local_date(response.created_at, zone)
            )
            if response.note and response.relayed_at is not None:
                line += bt.HISTORY_NOTE.format(note=escape(response.note))
            lines.append(line)
        chunks.append("\n".join(lines))
    head = [str(bt.HISTORY_HEAD)]
    if boundary.retired_at is not None:
        head.append(bt.CARD_RETIRED.format(date=local_date(boundary.retired_at, zone)))
    text = "\n".join(head)
    for shown, chunk in enumerate(chunks):
        if len(text) + len(chunk) > HISTORY_BUDGET:
            text += "\n\n" + bt.HISTORY_MORE.format(count=len(chunks) - shown)
            break
        text += "\n\n" + chunk
    rows = [
        [
            Button(str(bt.BUTTON_BACK), callback_data=f"bd:open:{boundary.id}"),
            Button(str(bt.BUTTON_LIST), callback_data="bd:list"),
        ]
    ]
    return text, InlineKeyboardMarkup(rows)


def guide_step(index: int, guide: boundaries.Guide | None = None) -> View:
    """One area of the guided flow (index 0 starts with the framing), in `guide`'s words."""
    guide = guide or boundaries.guide(i18n.current())
    areas = [c for c in guide.categories if c.id != "other"]
    if index >= len(areas):
        return str(bt.GUIDE_DONE), InlineKeyboardMarkup(
            [[Button(str(bt.BUTTON_LIST), callback_data="bd:list")]]
        )
    area = areas[index]
    lines = [bt.GUIDE_HEAD.format(n=index + 1, total=len(areas)), ""]
    if index == 0:
        lines += [bt.GUIDE_INTRO.format(intro=escape(guide.intro)), ""]
    lines.append(
        bt.GUIDE_AREA.format(
            emoji=area.emoji,
            label=escape(area.label),
            question=escape(area.question),
            examples=examples(area),
        )
    )
    rows = [
        [Button(str(bt.BUTTON_WRITE_HERE), callback_data=f"bd:cat:{area.id}")],
        [
            Button(str(bt.BUTTON_NEXT_AREA), callback_data=f"bd:guide:{index + 1}"),
            Button(str(bt.BUTTON_GUIDE_DONE), callback_data="bd:list"),
        ],
    ]
    return "\n".join(lines), InlineKeyboardMarkup(rows)
