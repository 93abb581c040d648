"""How the path looks: /path, a stage's opening, the closing questions, the reveal."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import path_texts as pt
from bot import share_views
from bot.notify import veil, where_help_is
from content.path import path as content
from core import path_messages
from core.actions import encode
from core.languages import known
from core.path_messages import Where
from core.path_reflection import Words
from scheduler.outbox import Outgoing

Button = InlineKeyboardButton
View = tuple[str, InlineKeyboardMarkup | None]


def _extras(path_id: int, stage: int) -> list[list[Button]]:
    """The boundaries stage opens the boundary guide; the last one, how to find a counsellor."""
    section = content().stages[stage - 1].id
    if section == "boundaries":
        return [[Button(str(pt.BUTTON_GUIDE), callback_data=encode("bd", "guide", 0))]]
    if section == "professional":
        return [[Button(str(pt.BUTTON_COUNSELLOR), callback_data=encode("path", "help", path_id))]]
    return []


def opening(
    path_id: int,
    stage: int,
    role: str | None,
    solo: bool,
    offer_share: bool = False,
    language: str | None = None,
) -> View:
    """A stage's opening as the person who just started or moved on sees it (its content in
    their `language`; None: English)."""
    text = escape(path_messages.opening(stage, role, solo, language))
    return _with_offer(text, path_id, stage, offer_share, language)


def _with_offer(
    text: str, path_id: int, stage: int, offer_share: bool, language: str | None
) -> View:
    """An opening's text and buttons; with the fuller check-in offered below it, once."""
    rows = [
        [Button(str(pt.BUTTON_OPEN), callback_data=encode("path", "show", path_id))],
        *_extras(path_id, stage),
    ]
    if offer_share:
        # Only its "set it up": its "not now" would edit this opening away (passing it by is
        # "not now" enough).
        offer, markup = share_views.suggestion(language)
        text = f"{text}\n\n{offer}"
        found = markup.inline_keyboard if markup else ()
        rows += [[b for row in found for b in row if b.callback_data == "sh:new"]]
    return text, InlineKeyboardMarkup(rows)


def scheduled(message: Outgoing) -> tuple[str, InlineKeyboardMarkup]:
    """A path message from the due queue: an opening, or the closing reflection's call (its
    text in the reader's language already; the fuller check-in's offer in `message.language`)."""
    stage = _stage_of(message)
    path_id = message.ref or 0
    parts = _parts(message)
    if parts[1:2] == ["reflect"]:
        return escape(message.text), answer_button(path_id, stage)
    offer = parts[3:] == ["share"]
    text, markup = _with_offer(escape(message.text), path_id, stage, offer, message.language)
    assert markup is not None
    return text, markup


def _parts(message: Outgoing) -> list[str]:
    """`path:<kind>:<stage>[:share]` (core.path_messages.PathMessage.item_id)."""
    return (message.item_id or "").split(":")


def _stage_of(message: Outgoing) -> int:
    parts = _parts(message)
    return int(parts[2]) if len(parts) >= 3 and parts[2].isdecimal() else 1


def start(paired: bool) -> View:
    """/path before any path: what it is, and the button to begin."""
    tail = pt.NO_PATH_PAIRED if paired else pt.NO_PATH_SOLO
    button = Button(str(pt.BUTTON_START), callback_data=encode("path", "go", 0))
    return f"{pt.NO_PATH}\n\n{tail}", InlineKeyboardMarkup([[button]])


def invitation(path_id: int, language: str | None = None) -> View:
    """What the invited partner gets (a discreet first line), in their `language`."""
    rows = [
        [
            Button(str(pt.BUTTON_YES), callback_data=encode("path", "yes", path_id)),
            Button(str(pt.BUTTON_NOT_NOW), callback_data=encode("path", "no", path_id)),
        ]
    ]
    words = content(known(language)).notices.partner_invites
    return f"🧭 {escape(words)}", InlineKeyboardMarkup(rows)


def status(where: Where, role: str | None, language: str | None = None) -> View:
    """/path: stage n of 10, the week's practices, what comes next, in one message (the
    path's own words in `language`; None: English)."""
    if where.path_id is None:
        return start(where.paired)
    if where.status == "invited":
        if where.invited_by_me:
            return f"{pt.NO_PATH}\n\n{pt.INVITE_WAITING}", None
        return invitation(where.path_id, language)
    words = content(known(language))
    stage = words.stages[where.stage - 1]
    following = words.after(stage.id)
    paused = where.status == "paused"
    lines = [
        pt.HEAD.format(n=where.stage),
        escape((pt.PAUSED if paused else pt.DAY).format(title=stage.title, day=where.day)),
        "",
        escape(path_messages.practices(where.stage, role, where.solo, language)),
        "",
        escape(pt.NEXT.format(title=following.title) if following else str(pt.LAST)),
    ]
    rows: list[list[Button]] = []
    pid, n = where.path_id, where.stage
    if not paused:
        lines += ["", *_progress_lines(where)]
        rows += _progress_rows(where)
    rows += _extras(pid, n)
    toggle = (pt.BUTTON_RESUME, "resume") if paused else (pt.BUTTON_PAUSE, "pause")
    rows.append(
        [
            Button(str(toggle[0]), callback_data=encode("path", toggle[1], pid)),
            Button(str(pt.BUTTON_LEAVE), callback_data=encode("path", "leave", pid)),
        ]
    )
    return "\n".join(line for line in lines).rstrip(), InlineKeyboardMarkup(rows)


def _progress_lines(where: Where) -> list[str]:
    lines = []
    if where.reflection_open and not where.answered:
        lines.append(str(pt.REFLECT_OPEN))
    elif where.answered and not where.revealed and not where.solo:
        lines.append(str(pt.REFLECT_DONE_WAITING))
    if where.ready and not where.solo:
        lines.append(str(pt.READY_WAITING))
    elif where.partner_ready:
        lines.append(str(pt.PARTNER_READY))
    return lines


def _progress_rows(where: Where) -> list[list[Button]]:
    pid, n = where.path_id or 0, where.stage
    if where.reflection_open and not where.answered:
        return [[Button(str(pt.BUTTON_REFLECT), callback_data=encode("path", "rf", pid, n))]]
    if where.answered and where.ready:
        return [[Button(str(pt.BUTTON_STAY), callback_data=encode("path", "stay", pid, n))]]
    if where.answered:
        return [ready_row(pid or 0, n)]
    return []


def ready_row(path_id: int, stage: int) -> list[Button]:
    """Move on, or stay a while."""
    return [
        Button(str(pt.BUTTON_READY), callback_data=encode("path", "rdy", path_id, stage)),
        Button(str(pt.BUTTON_STAY), callback_data=encode("path", "stay", path_id, stage)),
    ]


def open_button(path_id: int) -> InlineKeyboardButton:
    """Show where the path is."""
    return Button(str(pt.BUTTON_OPEN), callback_data=encode("path", "show", path_id))


def answer_button(path_id: int, stage: int) -> InlineKeyboardMarkup:
    """Open this stage's closing questions."""
    button = Button(str(pt.BUTTON_ANSWER), callback_data=encode("path", "rf", path_id, stage))
    return InlineKeyboardMarkup([[button]])


def share_button(path_id: int, stage: int) -> InlineKeyboardMarkup:
    """After words that read like danger: let the partner read them after all."""
    button = Button(str(pt.BUTTON_SHARE), callback_data=encode("path", "share", path_id, stage))
    return InlineKeyboardMarkup([[button]])


def question(path_id: int, stage: int, number: int, language: str | None = None) -> View:
    """One of the two closing questions (in `language`), waiting for the person's next
    message."""
    name = ("helped", "hard")[number - 1]
    wording = path_messages.reflection_questions(stage, language)[number - 1]
    text = pt.QUESTION.format(n=number, question=escape(wording))
    skip = Button(str(pt.BUTTON_SKIP), callback_data=encode("path", "rs", path_id, stage, name))
    return text, InlineKeyboardMarkup([[skip]])


def _answer(text: str | None, kept: bool, reader_discreet: bool | None) -> str:
    if kept:
        return str(pt.REVEAL_KEPT)
    if not text:
        return str(pt.REVEAL_SKIPPED)
    words = escape(text)
    return words if reader_discreet is None else veil(words, reader_discreet)


def reveal(
    stage: int, mine: Words, theirs: Words, discreet: bool, language: str | None = None
) -> str:
    """Both reflections, for one reader: their own words, then their partner's (the questions
    in the reader's `language`, the words as typed)."""
    helped, hard = path_messages.reflection_questions(stage, language)
    lines = [str(pt.REVEAL_HEAD)]
    for wording, name in ((helped, "helped"), (hard, "hard")):
        own = _answer(getattr(mine, name), False, None)
        other = _answer(getattr(theirs, name), theirs.held, discreet)
        lines += [
            "",
            f"<b>{escape(wording)}</b>",
            pt.REVEAL_YOU.format(text=own),
            pt.REVEAL_PARTNER.format(text=other),
        ]
    shown = "\n".join(lines)
    return shown if theirs.held else shown + where_help_is(theirs.helped, theirs.hard)


def addition(words: Words, discreet: bool) -> str:
    """Held words the writer chose to share after the reveal."""
    parts = [str(pt.ADDITION)]
    for name in ("helped", "hard"):
        text = getattr(words, name)
        if text:
            parts += ["", veil(escape(text), discreet)]
    return "\n".join(parts) + where_help_is(words.helped, words.hard)


def counsellor(language: str | None = None) -> str:
    """How to find a counsellor who fits (its first line discreet), in `language`."""
    guide = content(known(language)).counsellor
    steps = "\n".join(f"• {escape(step)}" for step in guide.steps)
    return (
        f"🧭 <b>{escape(guide.title)}</b>\n\n{escape(guide.intro)}\n\n{steps}\n\n"
        f"<i>{escape(guide.note)}</i>{pt.REPORT_LINE}"
    )


def leave_confirm(path_id: int) -> View:
    """Leaving is asked once more."""
    row = [
        Button(str(pt.BUTTON_LEAVE_SURE), callback_data=encode("path", "left", path_id)),
        Button(str(pt.BUTTON_KEEP_GOING), callback_data=encode("path", "show", path_id)),
    ]
    return str(pt.LEAVE_SURE), InlineKeyboardMarkup([row])
