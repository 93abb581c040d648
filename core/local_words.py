"""Weekday names, pause lengths and /schedule's own words as people type them, in every language
tend speaks.

The words come from Babel's CLDR data (weekday names wide and abbreviated, the "and" of a list,
the units of a duration in every length and plural form), never from hand-written lists, so a
language added to core.languages.SUPPORTED is understood here too. Matching ignores case and
accents ("miercoles" is "miércoles"), and a trailing full stop ("seg.").
A word that names two different days in two languages would be dropped (none does today).
What CLDR does not have (the command words "checkin", "días", "off"; numbers written as words,
"dos semanas"; the Russian "неделю") is data, one table per language: content/typed_words.toml.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from datetime import timedelta
from functools import cache
from importlib.resources import files
from typing import Any

from babel import Locale
from babel.units import format_unit

from content.i18n import Msg, speaking
from core.languages import SUPPORTED

# The day groups /schedule shows ("every day · 20:30") and reads back in every language
# ("/schedule checkin days dias úteis"); bot.reminder_views shows them.
EVERY_DAY = Msg("every day")
WEEKDAYS = Msg("weekdays")
WEEKENDS = Msg("weekends")

_UNITS = {
    "duration-hour": timedelta(hours=1),
    "duration-day": timedelta(days=1),
    "duration-week": timedelta(weeks=1),
}
_UNIT_NAMES = {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(weeks=1)}
# What /schedule's words mean: a reminder kind, or one of these.
DAYS, ON, OFF = "days", "on", "off"
# Counts that between them reach every plural form of the supported languages (one, few, many).
_COUNTS = (1, 2, 5, 21)


def fold(text: str) -> str:
    """Lower case without accents or a trailing full stop: 'Miércoles.' -> 'miercoles'."""
    decomposed = unicodedata.normalize("NFD", text.strip().casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare).rstrip(".")


def _day_names(locale: Locale) -> dict[str, int]:
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for day, name in locale.days[context][width].items():
                word = fold(str(name))
                names[word] = int(day)
                if "-" in word:  # "segunda-feira" is mostly typed "segunda"
                    names[word.split("-")[0]] = int(day)
    return names


@cache
def weekday_words() -> dict[str, int]:
    """Every weekday name (folded) -> 0 (Monday) … 6 (Sunday), over every language."""
    found: dict[str, set[int]] = {}
    for language in SUPPORTED:
        for word, day in _day_names(Locale.parse(language)).items():
            found.setdefault(word, set()).add(day)
    return {word: days.pop() for word, days in found.items() if len(days) == 1}


@cache
def day_groups() -> dict[str, str]:
    """Each language's words for every day, weekdays and weekends (folded, as the catalogues
    write them: "dias uteis", "по будням") -> "every day", "weekdays" or "weekends"."""
    groups: dict[str, str] = {}
    for language in SUPPORTED:
        with speaking(language):
            for group in (EVERY_DAY, WEEKDAYS, WEEKENDS):
                groups.setdefault(fold(str(group)), group.msgid)
    return groups


@cache
def list_joiners() -> frozenset[str]:
    """The words that join the last two items of a list ("and", "y", "e", "и")."""
    words = set()
    for language in SUPPORTED:
        pattern = str(Locale.parse(language).list_patterns["standard"]["end"])
        words.add(fold(pattern.replace("{0}", "").replace("{1}", "")).strip(" ,"))
    return frozenset(w for w in words if w.isalpha())


def weekday(text: str) -> int | None:
    """One typed weekday in any language ('sábado', 'Sat', 'пт') -> 0 … 6; None if not one."""
    return weekday_words().get(fold(text))


@cache
def duration_units() -> dict[str, timedelta]:
    """Every unit word of an hour, a day and a week (folded, all lengths and plural forms,
    every language) -> its length. English's own short forms (h, d, w) are core.reminders'."""
    units: dict[str, timedelta] = {}
    for language in SUPPORTED:
        for unit, length in _UNITS.items():
            for width in ("long", "short", "narrow"):
                for count in _COUNTS:
                    shown = format_unit(count, unit, length=width, locale=language)
                    word = fold(re.sub(r"[\d\s\u00a0\u202f]+", " ", shown).strip())
                    if word and " " not in word:
                        units.setdefault(word, length)
    return units


@cache
def _typed() -> dict[str, Any]:
    raw = files("content").joinpath("typed_words.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def _language(language: str) -> dict[str, Any]:
    table: dict[str, Any] = _typed().get(language) or _typed()["en"]
    return table


@cache
def command_words() -> dict[str, str]:
    """Every word /schedule and /quiet read (folded, every language) -> what it means: a reminder
    kind ("selfcare", "checkin", ...), DAYS, ON or OFF."""
    found: dict[str, set[str]] = {}
    for language in SUPPORTED:
        for meaning, words in _language(language)["words"].items():
            for word in words:
                found.setdefault(fold(word), set()).add(meaning)
    return {word: meanings.pop() for word, meanings in found.items() if len(meanings) == 1}


def command(text: str) -> str | None:
    """What one typed word of /schedule means ('desactivar' -> "off", 'чекин' -> "checkin")."""
    return command_words().get(fold(text))


def shown(meaning: str, language: str) -> str:
    """The word tend's own examples use for `meaning` in `language` ("checkin", "días", "выкл")."""
    words: list[str] = _language(language)["words"][meaning]
    return words[0]


@cache
def number_words() -> dict[str, int]:
    """Counts written as words, every language ("una" -> 1, "duas" -> 2, "две" -> 2)."""
    numbers: dict[str, int] = {}
    for language in SUPPORTED:
        for word, count in _language(language)["numbers"].items():
            numbers.setdefault(fold(word), int(count))
    return numbers


@cache
def lead_words() -> frozenset[str]:
    """Words that may stand before a length ("for", "por", "на")."""
    return frozenset(fold(w) for language in SUPPORTED for w in _language(language)["for"])


@cache
def extra_units() -> dict[str, timedelta]:
    """Forms of a unit CLDR's plural forms miss ("неделю"), every language."""
    return {
        fold(word): _UNIT_NAMES[unit]
        for language in SUPPORTED
        for word, unit in _language(language)["units"].items()
    }
