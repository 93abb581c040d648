"""Help for a hard moment: a few grounding steps and where to find more.

Kept small on purpose: one function that returns what to send, so fuller hard-moment help can
grow here (more steps, a choice of exercises) without touching the flows that offer it.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

GROUNDING = (
    "That sounds really hard. Let's slow down together for a minute.\n\n"
    "• Press your feet into the floor and notice it holding you.\n"
    "• Breathe in for a count of four, and out for a count of six. Three times is enough.\n"
    "• Look around and name five things you can see, then one sound you can hear.\n\n"
    "The wave you're in is real, and it will ease, even if it doesn't feel that way yet. "
    "You don't have to decide anything right now.\n\n"
    "If you might not be safe, /safety shows who you can reach straight away."
)


def hard_moment_help(zone: str | None) -> tuple[str, InlineKeyboardMarkup | None]:
    """What to send someone who says they're having a hard time: text (HTML) and buttons.
    `zone` is their IANA time zone or None (for help that depends on where they are)."""
    del zone  # the grounding steps are the same everywhere; /safety names local numbers
    return GROUNDING, None
