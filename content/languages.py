"""The person's language: one of the languages tend speaks, picked from Telegram's language_code.

Telegram sends an IETF tag ("es", "pt-br", "ru", "en-GB"), or nothing. Babel's negotiation picks
the supported language: an exact match first, then the tag's language part ("pt-br" -> "pt"),
and anything else falls back to English. It lives in content (the lowest layer) so the gettext
machinery (content.i18n) and the content translations can use it; core.languages re-exports it.
"""

from __future__ import annotations

from babel.core import negotiate_locale

ENGLISH = "en"
# Every language tend has words for (the crisis reply, /safety and the crisis check).
SUPPORTED: tuple[str, ...] = ("en", "es", "pt", "ru")
# Each language by its own name, as /language's buttons show it (never translated: a person
# looks for the name of their own language).
NAMES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "pt": "Português (Brasil)",
    "ru": "Русский",
}


def pick(language_code: str | None) -> str:
    """The supported language for a Telegram `language_code` ("pt-BR" -> "pt", "de" -> "en").

    Uses `babel.core.negotiate_locale` with "-" as the separator (Telegram's tags are IETF);
    an underscore ("pt_BR") is read the same way. Never raises."""
    if not language_code:
        return ENGLISH
    tag = language_code.strip().replace("_", "-")
    chosen = negotiate_locale([tag], SUPPORTED, sep="-", aliases={})
    return chosen.lower() if chosen else ENGLISH


def known(language: str | None) -> str:
    """A stored language if tend still speaks it, else English (a column may hold an old value)."""
    return language if language in SUPPORTED else ENGLISH


def own_name(language: str | None) -> str:
    """A language by its own name ("Español", "Русский"); "English" for one tend does not speak."""
    return NAMES[known(language)]
