"""Discretion: what a locked phone may show of a message the bot sends on its own."""

from __future__ import annotations

# A lock screen shows roughly the first 120 characters; they must name nothing sensitive.
PREVIEW_CHARS = 120
SENSITIVE = (
    "betray",
    "affair",
    "sexual",
    "sex",
    "cheat",
    "infidel",
    "unfaithful",
    "adulter",
    "porn",
    "intimac",
    "intimate",
    "nude",
    "lover",
    "hookup",
    "slept with",
    "trauma",
    "abuse",
    "suicide",
    "kill",
)


def sensitive_words(text: str) -> list[str]:
    """The sensitive fragments in `text` (case-insensitive)."""
    lowered = text.lower()
    return [word for word in SENSITIVE if word in lowered]


def preview_is_discreet(text: str) -> bool:
    """Whether the part of `text` a lock screen shows names nothing sensitive."""
    return not sensitive_words(text[:PREVIEW_CHARS])
