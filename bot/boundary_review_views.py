"""The weekly boundary review inside the check-in: each step, the reveal's review part, and
the owner's note when a boundary was not kept."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import boundary_texts as bt
from bot.boundary_views import short
from db.models import Boundary

Button = InlineKeyboardButton
View = tuple[str, InlineKeyboardMarkup | None]


def review_step(
    round_id: int, boundary: Boundary, *, n: int, total: int, mine: bool, current: str | None
) -> View:
    """One boundary of the weekly review, with kept / not kept / not sure."""
    lines = [
        bt.REVIEW_STEP.format(n=n, total=total),
        "",
        str(bt.REVIEW_OF_MINE if mine else bt.REVIEW_OF_THEIRS),
        f"“{escape(boundary.statement)}”",
        "",
        str(bt.REVIEW_QUESTION),
    ]
    if current is not None:
        lines += ["", bt.REVIEW_NOW.format(verdict=bt.VERDICT[current])]
    if n == 1:
        lines += ["", str(bt.REVIEW_NOTE)]
    ref = f"ci:v:{round_id}:{boundary.id}"
    row = [
        Button(str(bt.BUTTON_KEPT), callback_data=f"{ref}:k"),
        Button(str(bt.BUTTON_NOT_KEPT), callback_data=f"{ref}:n"),
        Button(str(bt.BUTTON_UNSURE), callback_data=f"{ref}:u"),
    ]
    return "\n".join(lines), InlineKeyboardMarkup([row])


def review_block(
    reviewed: list[Boundary], given: dict[tuple[int, int], str], viewer_id: int, partner_id: int
) -> str:
    """The review part of a reveal: each boundary with both answers, no judgement."""
    lines = [str(bt.REVEAL_REVIEW_HEAD)]
    for boundary in reviewed:
        mine = given.get((boundary.id, viewer_id))
        theirs = given.get((boundary.id, partner_id))
        lines.append(
            bt.REVEAL_REVIEW_ITEM.format(
                statement=short(boundary.statement, 60),
                whose=bt.WHOSE_MINE if boundary.owner_id == viewer_id else bt.WHOSE_THEIRS,
                theirs=bt.VERDICT.get(theirs or "", "–"),
                mine=bt.VERDICT.get(mine or "", "–"),
            )
        )
    return "\n".join(lines)


def not_kept_note(boundary: Boundary) -> str:
    """Only for the owner: the consequence they set, and a kind next step."""
    consequence = (
        bt.NOT_KEPT_CONSEQUENCE.format(consequence=escape(boundary.consequence))
        if boundary.consequence
        else bt.NOT_KEPT_NO_CONSEQUENCE
    )
    return bt.NOT_KEPT_OWNER.format(statement=short(boundary.statement), consequence=consequence)
