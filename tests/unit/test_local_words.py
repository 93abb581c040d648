"""Weekday names and pause lengths typed in Spanish, Portuguese and Russian (Babel's CLDR data)."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest

from bot import reminder_texts as rt
from content.i18n import Msg, speaking
from content.languages import SUPPORTED
from core import boundaries, local_words, reminders, rules, schedule_flow

MON, WED, FRI = 1, 1 << 2, 1 << 4


@pytest.mark.parametrize(
    ("typed", "mask"),
    [
        ("lunes, miércoles y viernes", MON | WED | FRI),
        ("LUNES miercoles viernes", MON | WED | FRI),  # accents and case do not matter
        ("lun mié vie", MON | WED | FRI),
        ("segunda, quarta e sexta", MON | WED | FRI),
        ("segunda-feira quarta-feira sexta-feira", MON | WED | FRI),
        ("seg. qua. sex.", MON | WED | FRI),
        ("понедельник, среда и пятница", MON | WED | FRI),
        ("ПН СР ПТ", MON | WED | FRI),
        ("mon, wed, fri", MON | WED | FRI),  # English as before
        ("sábado domingo", 1 << 5 | 1 << 6),
    ],
)
def test_days_in_every_language(typed: str, mask: int):
    assert rules.parse_days(typed) == mask


@pytest.mark.parametrize("typed", ["lunes banana", "y", "semana", "mañana", "среду пятницу"])
def test_not_days(typed: str):
    assert rules.parse_days(typed) is None


def test_a_review_day_in_any_language():
    assert boundaries.parse_weekday("Domingo") == 6
    assert boundaries.parse_weekday("воскресенье") == 6
    assert boundaries.parse_weekday("sabado") == 5
    assert boundaries.parse_weekday("someday") is None


def test_every_language_names_seven_days():
    words = local_words.weekday_words()
    for language in ("lunes", "segunda", "понедельник", "monday"):
        assert words[language] == 0
    assert sorted(set(words.values())) == list(range(7))


@pytest.mark.parametrize(
    ("typed", "length"),
    [
        ("3 días", timedelta(days=3)),
        ("3 dias", timedelta(days=3)),
        ("2 semanas", timedelta(weeks=2)),
        ("1 semana", timedelta(weeks=1)),
        ("12 horas", timedelta(hours=12)),
        ("12h", timedelta(hours=12)),
        ("3 дня", timedelta(days=3)),
        ("5 дней", timedelta(days=5)),
        ("12 часов", timedelta(hours=12)),
        ("2 недели", timedelta(weeks=2)),
        ("3 days", timedelta(days=3)),
        # numbers as words, and a word before the length ("for", "por", "на")
        ("una semana", timedelta(weeks=1)),
        ("dos semanas", timedelta(weeks=2)),
        ("tres días", timedelta(days=3)),
        ("por un día", timedelta(days=1)),
        ("uma semana", timedelta(weeks=1)),
        ("duas semanas", timedelta(weeks=2)),
        ("por três dias", timedelta(days=3)),
        ("неделю", timedelta(weeks=1)),
        ("на неделю", timedelta(weeks=1)),
        ("две недели", timedelta(weeks=2)),
        ("одну неделю", timedelta(weeks=1)),
        ("пять дней", timedelta(days=5)),
        ("сутки", timedelta(days=1)),
        ("a week", timedelta(weeks=1)),
        ("for two weeks", timedelta(weeks=2)),
    ],
)
def test_pause_lengths_in_every_language(typed: str, length: timedelta):
    assert reminders.parse_pause(typed) == length


@pytest.mark.parametrize(
    "typed", ["3 lunes", "0 días", "3 плюшки", "una banana", "por", "на 0 дней"]
)
def test_unreadable_pause_lengths(typed: str):
    with pytest.raises(ValueError):
        reminders.parse_pause(typed)


@pytest.mark.parametrize(
    ("typed", "mask"),
    [
        ("todos los días", rules.EVERY_DAY),
        ("Dias uteis", rules.WEEKDAYS),
        ("fins de semana", rules.WEEKENDS),
        ("по будням", rules.WEEKDAYS),
        ("каждый день", rules.EVERY_DAY),
        ("weekends", rules.WEEKENDS),  # English as before
    ],
)
def test_day_groups_as_each_language_shows_them(typed: str, mask: int):
    assert rules.parse_days(typed) == mask


ENGLISH_FORMS = re.compile(
    r"\b(mon|wed|fri|sun|weekdays|weekends|every day"
    r"|selfcare|affirmation|summary|days|on|off)\b|\d\s*(am|pm|d)\b"
)


def _readable(example: str) -> bool:
    """Whether tend reads an example its own words show (a command, or a day group alone)."""
    command, *args = example.split()
    if command == "/pause":
        return not args or reminders.parse_pause(" ".join(args)) is not None
    if command == "/quiet":
        return not args or not isinstance(schedule_flow.read_quiet(args), str)
    if command != "/schedule":
        return rules.parse_days(example) is not None or schedule_flow.read_kind(example) is not None
    kind, word = schedule_flow.read_kind(args[0]), local_words.command(args[1])
    rest = " ".join(args[2:])
    if kind is None or word in (local_words.ON, local_words.OFF):
        return kind is not None
    if word == local_words.DAYS:
        return rules.parse_days(rest) is not None
    if kind is reminders.Kind.SUMMARY and rest:
        return rules.parse_days(args[1]) is not None and rules.parse_time(rest) is not None
    return rules.parse_time(" ".join(args[1:])) is not None


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_example_of_schedule_pause_and_quiet_is_read_back(language: str):
    """The examples in each language are its own forms ("seg,qua,sex", "21h", "3 дня", "dias
    úteis"), and tend reads every one of them: no English "mon,wed,fri" or "9pm" to copy."""
    values = {"text": "x", "kind": "checkin", "name": "x", "time": "x", "end": "x"}
    values |= {"start": "x", "until": "x", "zone": "x", "days": "x", "quiet": ""}
    examples = []
    for name in dir(rt):
        words = getattr(rt, name)
        if isinstance(words, Msg):
            with speaking(language):
                examples += re.findall(r"<code>(.*?)</code>", words.format(**values))
    assert len(examples) > 20
    assert [e for e in examples if not _readable(html.unescape(e))] == []
    if language != "en":
        assert [e for e in examples if ENGLISH_FORMS.search(e)] == []


@pytest.mark.parametrize(
    ("typed", "meaning"),
    [
        ("autocuidado", "selfcare"),
        ("Afirmacion", "affirmation"),
        ("resumen", "summary"),
        ("días", "days"),
        ("desactivar", "off"),
        ("activar", "on"),
        ("afirmação", "affirmation"),
        ("resumo", "summary"),
        ("desativar", "off"),
        ("ativar", "on"),
        ("забота", "selfcare"),
        ("Чекин", "checkin"),
        ("сводка", "summary"),
        ("дни", "days"),
        ("выкл", "off"),
        ("вкл", "on"),
        ("checkin", "checkin"),  # English as before
        ("self-care", "selfcare"),
        ("off", "off"),
        ("banana", None),
    ],
)
def test_schedule_words_in_every_language(typed: str, meaning: str | None):
    assert local_words.command(typed) == meaning


def test_every_meaning_has_its_shown_word_in_every_language():
    meanings = {*(k.value for k in reminders.Kind), local_words.DAYS, "on", "off"}
    for language in SUPPORTED:
        for meaning in meanings:
            assert local_words.command(local_words.shown(meaning, language)) == meaning
    assert schedule_flow.read_quiet(["desactivar"]) is None  # /quiet off, in Spanish
