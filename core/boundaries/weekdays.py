"""A weekday typed by a person (the review day)."""

from __future__ import annotations

from core import local_words
from core.rules import DAY_WORDS


def parse_weekday(text: str) -> int | None:
    """'sunday' or 'Sun' → 6 (or 'domingo', 'воскресенье', in any language tend speaks);
    None if it is not one day."""
    return DAY_WORDS.get(text.strip().lower(), local_words.weekday(text))
