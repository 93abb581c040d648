"""The bot's sentences in the reader's language: gettext catalogues read with Babel.

A sentence is written in English where it is defined, as a `Msg` (or a `Plural` where a number
changes the words), and translated when it is used, into the language of whoever will read it:
`speaking(language)` sets that for a block (an update's replies, one scheduled message, one note
to a partner), and `str(msg)`, `msg.format(...)` and f-strings read it from a context variable,
so concurrent updates for people of different languages never mix.

Catalogues live in `content/locales/<lang>/LC_MESSAGES/tend.po` (the translators' files) and are
compiled to `tend.mo` beside them; `scripts/i18n` extracts, updates and compiles them with
Babel's own commands (`pybabel`). A language without a catalogue, or a sentence missing from
one, reads in English: gettext's fallback, never an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations

from content import languages

DOMAIN = "tend"
LOCALES = Path(__file__).with_name("locales")

_reader: ContextVar[str] = ContextVar("tend_reader_language", default=languages.ENGLISH)
# Telegram's language_code of the person whose update this is ("pt-BR"): its region picks which
# time zones are offered as buttons (core.timezones.offered). Never stored.
_tag: ContextVar[str | None] = ContextVar("tend_reader_tag", default=None)


@cache
def catalogue(language: str) -> NullTranslations:
    """The compiled catalogue of `language` (a code of `content.languages.SUPPORTED`), read once.

    English, and any language without a compiled `tend.mo`, is a `NullTranslations`: every
    sentence stays as written."""
    if language == languages.ENGLISH:
        return NullTranslations()
    return Translations.load(LOCALES, [language], DOMAIN)


def current() -> str:
    """The language sentences are being rendered in now ("en" outside any `speaking`)."""
    return _reader.get()


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Render every `Msg` used inside the block in `language` (an unknown or missing code reads
    as English: `content.languages.known`). Blocks nest; each restores the language before it.
    Yields the language actually used."""
    chosen = languages.known(language)
    token = _reader.set(chosen)
    try:
        yield chosen
    finally:
        _reader.reset(token)


def read_in(language: str | None, tag: str | None = None) -> str:
    """Render every `Msg` in `language` from here to the end of the current task: one update's
    handling (PTB runs each update in a task of its own, so no other update sees it). Set at the
    start of an update (bot.handlers.activity), with Telegram's `tag` for the person (`region`);
    `speaking` blocks inside still take precedence. Returns the language used."""
    chosen = languages.known(language)
    _reader.set(chosen)
    _tag.set(tag)
    return chosen


def region() -> str | None:
    """Telegram's language_code of the person this update is from ("pt-BR"), if it sent one."""
    return _tag.get()


def gettext(message: str) -> str:
    """`message` (an English msgid) in the current reader's language."""
    language = _reader.get()
    if language == languages.ENGLISH:
        return message
    return catalogue(language).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for `count` in the current reader's language, by the catalogue's own plural rule
    (its Plural-Forms header, from CLDR through Babel: Russian has three forms, English two)."""
    language = _reader.get()
    if language == languages.ENGLISH:
        return singular if count == 1 else plural
    return catalogue(language).ngettext(singular, plural, count)


class Msg:
    """One sentence the bot says, in English, translated each time it is used.

    `str(msg)`, `f"{msg}"`, `msg.format(name=...)` and `msg + "..."` give a `str` in the
    current reader's language. It is deliberately not a `str`: mypy then finds every place a
    sentence would be sent without being rendered. Named placeholders (`{name}`) only: a
    translation may order them differently. `pybabel extract -k Msg` finds every one."""

    __slots__ = ("msgid",)

    def __init__(self, msgid: str) -> None:
        self.msgid = msgid

    def __str__(self) -> str:
        return gettext(self.msgid)

    def __repr__(self) -> str:
        return f"Msg({self.msgid!r})"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def format(self, **values: object) -> str:
        """The sentence in the reader's language with its `{placeholders}` filled in."""
        return str(self).format(**values)

    def __add__(self, other: str | Msg) -> str:
        return str(self) + str(other)

    def __radd__(self, other: str) -> str:
        return other + str(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Msg):
            return self.msgid == other.msgid
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.msgid)


class Plural:
    """A sentence whose words change with a number (`{count}` in it), in English singular and
    plural; each language's catalogue holds as many forms as its grammar needs."""

    __slots__ = ("plural", "singular")

    def __init__(self, singular: str, plural: str) -> None:
        self.singular = singular
        self.plural = plural

    def __repr__(self) -> str:
        return f"Plural({self.singular!r}, {self.plural!r})"

    def format(self, count: int, **values: object) -> str:
        """The form for `count` in the reader's language, `{count}` and the rest filled in."""
        return ngettext(self.singular, self.plural, count).format(count=count, **values)
