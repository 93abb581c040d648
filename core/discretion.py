"""Discretion: what a locked phone may show of a message the bot sends on its own."""

from __future__ import annotations

import re

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


# The same, in the other languages tend speaks, as word-start patterns. Deliberately strict: a
# root that is also an everyday word (Russian "измен-" is both "change" and "affair", Portuguese
# "caso" both "case" and "affair") is kept out of what a locked screen shows rather than allowed.
SENSITIVE_IN: dict[str, re.Pattern[str]] = {
    language: re.compile(rf"(?<!\w)(?:{pattern})")
    for language, pattern in {
        "es": r"sex|ínti|inti|infiel|infidel|engañ|traic|traici|aventura|amante|adulter|porno"
        r"|desnud|trauma|abus|suicid|matar",
        "pt": r"sex|ínti|inti|infiel|infidel|trai[çr]|traíd|caso\b|amante|adulter|porn|nud"
        r"|trauma|abus|suicid|suicíd|matar",
        "ru": r"секс|интим|измен|предат|предал|любовни|порн|обнаж|переспа|травм|насили|суицид"
        r"|самоуб|убить|убий",
    }.items()
}


def sensitive_words(text: str, language: str = "en") -> list[str]:
    """The sensitive fragments in `text` (case-insensitive): the English list always (an English
    word in a translation is just as visible), and the `language`'s own where tend has one."""
    lowered = text.lower()
    found = [word for word in SENSITIVE if word in lowered]
    pattern = SENSITIVE_IN.get(language)
    return found + (pattern.findall(lowered) if pattern is not None else [])


def preview_is_discreet(text: str, language: str = "en") -> bool:
    """Whether the part of `text` a lock screen shows (`PREVIEW_CHARS`) names nothing
    sensitive, in English or in `language` ("es", "pt", "ru")."""
    return not sensitive_words(text[:PREVIEW_CHARS], language)
