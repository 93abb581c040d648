"""Crisis detection: notice when something a person wrote suggests they may be in danger.

People write free text here (check-in answers, journal entries, appreciations, boundary notes).
When that text speaks of suicide, self-harm, violence or abuse, or the writer threatening to hurt
someone, the bot answers the writer at once and privately with crisis resources; nothing is
passed to the partner. This is a keyword screen, not an assessment: it errs toward firing on
direct statements and stays quiet on the ordinary language of emotional pain ("it hurt me when you
lied", "I felt unsafe with the lies", "this is killing me"), which is everyday talk in a couple
recovering from a betrayal.

The text itself is never logged or stored by this module; callers log only that a check fired.

The phrasings, and the borderline choices each is tested on, are in core/danger/: `en.py` for
English, one module per other language.
"""

from __future__ import annotations

import re
import unicodedata

from core.danger import en as danger_en
from core.danger import es as danger_es
from core.danger import pt as danger_pt
from core.danger import ru as danger_ru

_ENGLISH = re.compile(
    # The text is lower-cased first (`_normalise`), so no IGNORECASE: it made the scan slower.
    "|".join(f"(?:{p})" for p in danger_en.PATTERNS)
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'"})
_SPACES = re.compile(r"\s+")


def _normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces."""
    return _SPACES.sub(" ", text.translate(_APOSTROPHES).lower()).strip()


def _strip_marks(text: str) -> str:
    """`text` without accents: Unicode NFKD, then every combining mark dropped ("ã" -> "a",
    "ё" -> "е", "й" -> "и"). ASCII passes through untouched (the common case, and fast)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """How the other languages' patterns read a text: `str.casefold`, accents stripped, straight
    apostrophes, single spaces. "NÃO quero", "nao quero" and "Não  quero" fold alike."""
    return _strip_marks(_normalise(text).casefold())


def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of a language's patterns, accents stripped as the text's are."""
    return re.compile("|".join(f"(?:{_strip_marks(p)})" for p in patterns))


_OTHERS: dict[str, re.Pattern[str]] = {
    "es": _compile(danger_es.PATTERNS),
    "pt": _compile(danger_pt.PATTERNS),
    "ru": _compile(danger_ru.PATTERNS),
}
LANGUAGES: tuple[str, ...] = ("en", *_OTHERS)


def danger_language(text: str, first: str = "en") -> str | None:
    """The language in which `text` reads like danger (suicide, self-harm, violence, abuse or
    threats), trying `first` before the others in `LANGUAGES` order; None when it reads safe in
    every language tend speaks. Every language is checked whatever the writer's own is."""
    if not text:
        return None
    normalised = _normalise(text)
    folded: str | None = None
    for language in sorted(LANGUAGES, key=lambda name: name != first):
        if language == "en":
            if _ENGLISH.search(normalised):
                return language
            continue
        if folded is None:
            folded = _strip_marks(normalised.casefold())
        if _OTHERS[language].search(folded):
            return language
    return None


def looks_unsafe(text: str) -> bool:
    """Whether `text` shows signs of danger, in English, Spanish, Portuguese or Russian."""
    return danger_language(text) is not None
