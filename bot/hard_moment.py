"""Help for a hard moment: the views /hard shows (grounding that moves along one tap at a time,
the private note, the partner's notice). Also what the unprompted "I'm having a hard time"
button sends. Texts come from content/hard_moments.toml and bot/moment_texts.py.
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import moment_texts as mt
from content.moments import HardMoments
from content.moments import hard_moments as content_in
from core import actions, languages


def hard_moments(language: str | None = None) -> HardMoments:
    """What /hard says, in `language` (None or one tend does not speak: English)."""
    return content_in(languages.known(language))


def hard_moment_help(
    role: str | None, language: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    """What to send someone who says they're having a hard time: the first grounding step for
    their side (`role`: hurt, broke, unsaid or None) in their `language`, text (HTML) and
    buttons."""
    return grounding_view(role, 0, language=language)


def button(label: str, verb: str, *args: int | str) -> InlineKeyboardButton:
    """An inline button for the `hd:` press `verb` (core.actions draws its data)."""
    return InlineKeyboardButton(label, callback_data=actions.encode("hd", verb, *args))


def grounding_view(
    role: str | None, step: int, paired: bool = True, language: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    """The grounding message at `step` (0-based); past the last step, the closing line and what
    may come next ("let my partner know" only when `paired`). The role and `language` decide
    the words (read afresh at every tap)."""
    content = hard_moments(language)
    grounding = content.grounding.for_role(role)
    if step < len(grounding.steps):
        current = grounding.steps[step]
        text = f"{escape(grounding.opening)}\n\n<b>{escape(current.text)}</b>"
        return text, InlineKeyboardMarkup([[button(current.button, "s", step + 1)]])
    after = content.after
    offer = after.text if paired else str(mt.AFTER_ALONE)
    text = f"{escape(grounding.closing)}\n\n{escape(offer)}"
    first = [button(after.log_button, "log", 0)]
    if paired:
        first.append(button(after.tell_button, "tell", 0))
    rows = [first, [button(after.again_button, "s", 0), button(after.done_button, "done")]]
    return text, InlineKeyboardMarkup(rows)


def intensity_view(
    moment_id: int, language: str | None = None, paired: bool = True
) -> tuple[str, InlineKeyboardMarkup]:
    """How strong was it: 1 to 5, one tap (`paired`: the private note names the partner)."""
    log_texts = hard_moments(language).log
    row = [button(label, "i", moment_id, int(label)) for label in log_texts.intensity_labels]
    intro = log_texts.intro if paired else str(mt.LOG_INTRO_ALONE)
    text = f"{escape(intro)}\n\n{escape(log_texts.intensity_prompt)}"
    return text, InlineKeyboardMarkup([row])


def helped_view(moment_id: int, language: str | None = None) -> tuple[str, InlineKeyboardMarkup]:
    """What helped: a few suggestions, their own words, or skip."""
    log_texts = hard_moments(language).log
    suggestions = [
        button(label, "h", moment_id, i) for i, label in enumerate(log_texts.helped_suggestions)
    ]
    rows = [suggestions[i : i + 2] for i in range(0, len(suggestions), 2)]
    rows.append([button(log_texts.skip_button, "hs", moment_id)])
    return escape(log_texts.helped_prompt), InlineKeyboardMarkup(rows)


def saved_view(
    moment_id: int, offer: bool, language: str | None = None
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Noted; "let my partner know" offered when `offer` (not told yet, and paired)."""
    content = hard_moments(language)
    if not offer:
        return escape(content.log.saved), None
    tell = button(content.after.tell_button, "tell", moment_id)
    return escape(content.log.saved), InlineKeyboardMarkup([[tell]])


def notice_view(
    moment_id: int, language: str | None = None, role: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    """What the partner gets, in the partner's `language`: a first line naming nothing, how to
    be with it (for the reader's side, `role`), preset answers. Nothing the person wrote is in
    it."""
    content = hard_moments(language)
    notice = content.notice
    lines = "\n".join(f"• {escape(line)}" for line in notice.guidance(role))
    text = f"<b>{escape(notice.first_line)}</b>\n\n{lines}\n\n{escape(notice.answer_prompt)}"
    row = [button(p.label, "a", moment_id, p.id) for p in content.presets]
    return text, InlineKeyboardMarkup([row])
