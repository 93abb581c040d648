"""How check-in steps, recaps and reveals look: text plus buttons, from plain rows."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import checkin_texts as ct
from bot.notify import where_help_is
from core import checkins
from db.models import CheckinAnswer, CheckinRound

Button = InlineKeyboardButton


def _private_row(round_id: int, answer: CheckinAnswer, question: str) -> list[Button]:
    label = ct.BUTTON_PRIVATE_ON if checkins.is_private(answer, question) else ct.BUTTON_PRIVATE_OFF
    return [Button(str(label), callback_data=f"ci:p:{round_id}:{question}")]


def step(
    round_: CheckinRound, answer: CheckinAnswer, question: str, prompt: str, tidy: bool = False
) -> tuple[str, InlineKeyboardMarkup]:
    """One question of the flow, with its buttons."""
    paired = round_.couple_id is not None
    number = checkins.QUESTIONS.index(question) + 1
    lines = [ct.STEP.format(n=number), ""]
    rows: list[list[Button]] = []
    if question in checkins.RATINGS:
        wording = ct.QUESTION_TEXT if paired else ct.SOLO_QUESTION_TEXT
        lines += [str(wording[question]), str(ct.SCALE)]
        current = getattr(answer, question)
        if current is not None:
            lines += ["", ct.NOW_VALUE.format(value=current)]
        if number == 1 and paired:
            lines += ["", str(ct.PRIVATE_NOTE)]
        rows.append(
            [Button(str(v), callback_data=f"ci:r:{round_.id}:{question}:{v}") for v in range(1, 6)]
        )
    else:
        lines.append(ct.OPEN_QUESTION.format(prompt=escape(prompt)))
        if answer.text and tidy:
            lines.append(str(ct.OPEN_QUESTION_HAS_TIDIED))
        elif answer.text:
            lines.append(ct.OPEN_QUESTION_HAS.format(text=escape(answer.text)))
        row = [Button(str(ct.BUTTON_SKIP), callback_data=f"ci:s:{round_.id}")]
        if answer.text:
            row.insert(0, Button(str(ct.BUTTON_KEEP), callback_data=f"ci:k:{round_.id}"))
        rows.append(row)
    if paired:
        rows.append(_private_row(round_.id, answer, question))
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def _rating(answer: CheckinAnswer, question: str, *, own: bool) -> str:
    value = getattr(answer, question)
    private = checkins.is_private(answer, question)
    if private and not own:
        shown = f"<i>{ct.REVEAL_PRIVATE}</i>"
    elif value is None:
        shown = "–"
    else:
        shown = f"{value}/5" + (ct.RECAP_PRIVATE if private and own else "")
    return f"{ct.SHORT_NAMES[question]}: {shown}"


def _words(answer: CheckinAnswer, *, own: bool, quote: bool = True) -> str:
    private = checkins.is_private(answer, "text")
    if private and not own:
        return f"<i>{ct.REVEAL_PRIVATE}</i>"
    if not answer.text:
        return str(ct.RECAP_SKIPPED if own else ct.REVEAL_NO_TEXT)
    shown = f"“{escape(answer.text)}”" if quote else f"<i>{ct.RECAP_WORDS_TIDIED}</i>"
    return shown + (ct.RECAP_PRIVATE if private and own else "")


def answers_block(answer: CheckinAnswer, *, own: bool, quote: bool = True) -> str:
    """Ratings and words; the partner's view leaves out what was kept private. Without
    `quote`, the person's own words are not repeated (tidy chat has just deleted them)."""
    lines = [_rating(answer, q, own=own) for q in checkins.RATINGS]
    lines.append(_words(answer, own=own, quote=quote))
    return "\n".join(lines)


def recap(answer: CheckinAnswer, status: str, *, edited: bool = False, tidy: bool = False) -> str:
    """What the person sees after finishing: their own answers and what happens next (with
    tidy chat on, their words are not quoted back into the chat they were deleted from)."""
    head = ct.EDIT_DONE if edited else ct.SAVED
    legend = f"\n{ct.RECAP_LEGEND}" if answer.private_mask else ""
    block = answers_block(answer, own=True, quote=not tidy)
    return f"{head}\n\n{ct.RECAP_HEAD}{legend}\n{block}\n\n{status}"


def edit_button(round_id: int) -> InlineKeyboardMarkup:
    """Change my answers (until the reveal)."""
    return InlineKeyboardMarkup([[Button(str(ct.BUTTON_EDIT), callback_data=f"ci:e:{round_id}")]])


def reveal(
    round_: CheckinRound,
    mine: CheckinAnswer,
    theirs: CheckinAnswer,
    prompt: str,
    *,
    can_appreciate: bool,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Both answers side by side, as one partner sees them."""
    legend = f"\n{ct.RECAP_LEGEND}" if mine.private_mask else ""
    text = "\n\n".join(
        [
            str(ct.REVEAL_HEAD),
            ct.REVEAL_QUESTION.format(prompt=escape(prompt)),
            f"{ct.REVEAL_PARTNER}\n{answers_block(theirs, own=False)}",
            f"{ct.REVEAL_YOU}{legend}\n{answers_block(mine, own=True)}",
            str(ct.REVEAL_FOOT),
        ]
    )
    if not checkins.is_private(theirs, "text"):
        text += where_help_is(theirs.text)  # shared anyway: where help is
    if not can_appreciate:
        return text, None
    button = Button(str(ct.BUTTON_APPRECIATE), callback_data=f"ap:start:{round_.id}")
    return text, InlineKeyboardMarkup([[button]])


def ready(round_id: int) -> tuple[str, InlineKeyboardMarkup]:
    """ "Ask before showing": the answers are in; the person chooses the moment."""
    return str(ct.READY), InlineKeyboardMarkup(
        [
            [
                Button(str(ct.BUTTON_SHOW), callback_data=f"ci:show:{round_id}"),
                Button(str(ct.BUTTON_NOT_YET), callback_data=f"ci:later:{round_id}"),
            ]
        ]
    )


def show_only(round_id: int) -> InlineKeyboardMarkup:
    """Just the "Show me now" button."""
    return InlineKeyboardMarkup(
        [[Button(str(ct.BUTTON_SHOW), callback_data=f"ci:show:{round_id}")]]
    )


def share_anyway(round_id: int) -> InlineKeyboardMarkup:
    """After a crisis reply: the person may still choose to show their words."""
    button = Button(str(ct.BUTTON_SHARE_ANYWAY), callback_data=f"ci:share:{round_id}")
    return InlineKeyboardMarkup([[button]])
