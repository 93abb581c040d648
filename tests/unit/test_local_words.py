"""Weekday names and pause lengths typed in Spanish, Portuguese and Russian (Babel's CLDR data)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import boundaries, local_words, reminders, rules

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
    ],
)
def test_pause_lengths_in_every_language(typed: str, length: timedelta):
    assert reminders.parse_pause(typed) == length


@pytest.mark.parametrize("typed", ["3 lunes", "tres días", "0 días", "3 плюшки"])
def test_unreadable_pause_lengths(typed: str):
    with pytest.raises(ValueError):
        reminders.parse_pause(typed)
