"""Help for a hard moment: the views /hard shows (grounding that moves along one tap at a time,
the private note, the partner's notice). Also what the unprompted "I'm having a hard time"
button sends. Texts come from content/hard_moments.toml and bot/moment_texts.py.
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from content.moments import hard_moments


def hard_moment_help(role: str | None) -> tuple[str, InlineKeyboardMarkup]:
    """What to send someone who says they're having a hard time: the first grounding step for
    their side (`role`: hurt, broke, unsaid or None), text (HTML) and buttons."""
    return grounding_view(role, 0)


def button(label: str, data: str) -> InlineKeyboardButton:
    """An inline button with callback data."""
    return InlineKeyboardButton(label, callback_data=data)


def grounding_view(role: str | None, step: int) -> tuple[str, InlineKeyboardMarkup]:
    """The grounding message at `step` (0-based); past the last step, the closing line and what
    may come next. The role decides the words (read afresh at every tap)."""
    content = hard_moments()
    grounding = content.grounding.for_role(role)
    if step < len(grounding.steps):
        current = grounding.steps[step]
        text = f"{escape(grounding.opening)}\n\n<b>{escape(current.text)}</b>"
        return text, InlineKeyboardMarkup([[button(current.button, f"hd:s:{step + 1}")]])
    after = content.after
    text = f"{escape(grounding.closing)}\n\n{escape(after.text)}"
    rows = [
        [button(after.log_button, "hd:log:0"), button(after.tell_button, "hd:tell:0")],
        [button(after.again_button, "hd:s:0"), button(after.done_button, "hd:done")],
    ]
    return text, InlineKeyboardMarkup(rows)


def intensity_view(moment_id: int) -> tuple[str, InlineKeyboardMarkup]:
    """How strong was it: 1 to 5, one tap."""
    log_texts = hard_moments().log
    row = [button(label, f"hd:i:{moment_id}:{label}") for label in log_texts.intensity_labels]
    text = f"{escape(log_texts.intro)}\n\n{escape(log_texts.intensity_prompt)}"
    return text, InlineKeyboardMarkup([row])


def helped_view(moment_id: int) -> tuple[str, InlineKeyboardMarkup]:
    """What helped: a few suggestions, their own words, or skip."""
    log_texts = hard_moments().log
    suggestions = [
        button(label, f"hd:h:{moment_id}:{i}")
        for i, label in enumerate(log_texts.helped_suggestions)
    ]
    rows = [suggestions[i : i + 2] for i in range(0, len(suggestions), 2)]
    rows.append([button(log_texts.skip_button, f"hd:hs:{moment_id}")])
    return escape(log_texts.helped_prompt), InlineKeyboardMarkup(rows)


def saved_view(moment_id: int, told: bool) -> tuple[str, InlineKeyboardMarkup | None]:
    """Noted; "let my partner know" still offered unless they were told already."""
    content = hard_moments()
    if told:
        return escape(content.log.saved), None
    tell = button(content.after.tell_button, f"hd:tell:{moment_id}")
    return escape(content.log.saved), InlineKeyboardMarkup([[tell]])


def notice_view(moment_id: int) -> tuple[str, InlineKeyboardMarkup]:
    """What the partner gets: a first line naming nothing, how to be with it, preset answers.
    Nothing the person wrote is in it."""
    content = hard_moments()
    notice = content.notice
    lines = "\n".join(f"• {escape(line)}" for line in notice.how_to_be)
    text = f"<b>{escape(notice.first_line)}</b>\n\n{lines}\n\n{escape(notice.answer_prompt)}"
    row = [button(p.label, f"hd:a:{moment_id}:{p.id}") for p in content.presets]
    return text, InlineKeyboardMarkup([row])
