"""/language: which language a person is written to in (each partner their own).

The first language is picked at consent from Telegram's language_code (core.languages.pick);
this changes it at any time. Only the language changes: rotation and history are kept by
content id, so what comes next is the same, in the new words.
"""

from __future__ import annotations

import logging

from core import languages
from core.outcome import STALE, Outcome, say
from db.models import User

log = logging.getLogger(__name__)

CHOOSE = "language.choose"  # data: the person's language now
CHOSEN = "language.chosen"  # data: the language just chosen


def show(user: User) -> Outcome:
    """The choice, with the language the person is written to in now."""
    return say(CHOOSE, data=languages.known(user.language))


def choose(user: User, language: str) -> Outcome:
    """Write to the person in `language` from now on; a language tend does not speak (a forged
    or stale button) changes nothing and is answered as a stale button."""
    if language not in languages.SUPPORTED:
        return Outcome(toast=STALE)
    user.language = language
    log.info("language.chosen user=%s language=%s", user.id, language)
    return say(CHOSEN, data=language)
