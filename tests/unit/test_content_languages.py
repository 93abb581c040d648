"""The path, /hard and /share loaders in every language: the English structure (ids, numbers,
order) with the translated words laid over it, every stage and part present and translated, the
placeholders as in the English, and the English wherever a translation has no words."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from bot import scheduled
from content import translations
from content.moments import SHARE_PART_IDS, hard_moments, share
from content.path import STAGE_IDS, path
from scheduler.outbox import Outgoing

LANGUAGES = ("es", "pt", "ru")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def strings(value: Any, where: str = "") -> dict[str, str]:
    """Every string in a loaded content dataclass, by where it sits ("stages[0].title")."""
    if isinstance(value, str):
        return {where: value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found: dict[str, str] = {}
        for field in dataclasses.fields(value):
            if field.name != "id":
                found |= strings(getattr(value, field.name), f"{where}.{field.name}")
        return found
    if isinstance(value, tuple):
        return {
            k: v for n, item in enumerate(value) for k, v in strings(item, f"{where}[{n}]").items()
        }
    return {}


def numbers(value: Any) -> list[object]:
    """The ids and numbers of a loaded content dataclass, in order (what is not words)."""
    if isinstance(value, int):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found: list[object] = [value.id] if hasattr(value, "id") else []
        for field in dataclasses.fields(value):
            if field.name != "id":
                found += numbers(getattr(value, field.name))
        return found
    if isinstance(value, tuple):
        return [n for item in value for n in numbers(item)]
    return []


LOADERS = {"path": path, "hard_moments": hard_moments, "share": share}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", sorted(LOADERS))
def test_every_text_translated_with_the_english_placeholders(name: str, language: str):
    english = strings(LOADERS[name]())
    translated = strings(LOADERS[name](language))
    assert translated.keys() == english.keys()
    for where, text in translated.items():
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(english[where]))
    # Everything reads in the language, bar words that are the same in both ("1" to "5").
    same = [w for w, text in translated.items() if text == english[w] and not text.isdecimal()]
    assert same == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", sorted(LOADERS))
def test_ids_numbers_and_order_come_from_the_english(name: str, language: str):
    assert numbers(LOADERS[name](language)) == numbers(LOADERS[name]())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_stage_side_and_part_in_every_language(language: str):
    stages = path(language).stages
    assert tuple(s.id for s in stages) == STAGE_IDS
    for stage, english in zip(stages, path().stages, strict=True):
        assert stage.title != english.title
        for role in ("hurt", "broke", "unsaid"):
            assert stage.opening.for_role(role) != english.opening.for_role(role)
            assert stage.personal.for_role(role) != english.personal.for_role(role)
        assert (stage.reflection.helped, stage.reflection.hard) != (
            english.reflection.helped,
            english.reflection.hard,
        )
    moments = hard_moments(language)
    for role in ("hurt", "broke", "unsaid"):
        mine, theirs = moments.grounding.for_role(role), hard_moments().grounding.for_role(role)
        assert len(mine.steps) == len(theirs.steps) and mine.seconds == theirs.seconds
        assert mine.steps[0].text != theirs.steps[0].text
    assert tuple(p.id for p in share(language).parts) == SHARE_PART_IDS
    assert share(language).rhythm("weekly").days == share().rhythm("weekly").days


@pytest.mark.parametrize("language", [None, "en", "de", "../es", ""])
def test_english_for_english_none_or_a_language_without_a_folder(language):
    assert path(language) == path()
    assert hard_moments(language) == hard_moments()
    assert share(language) == share()


def test_read_once_per_language():
    assert path("es") is path("es") and hard_moments("ru") is hard_moments("ru")
    assert share("de") is share()


def test_merged_lays_the_words_over_the_english_and_falls_back_for_the_rest():
    english = {
        "title": "Hello",
        "days": 7,
        "steps": [{"text": "One", "seconds": 5}, {"text": "Two", "seconds": 6}],
        "parts": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
        "lines": ["first", "second"],
    }
    translated = {
        "title": "Hola",
        "days": 99,  # numbers come from the English
        "steps": [{"text": "Uno", "seconds": 1}],  # the second step is missing
        "parts": [{"id": "b", "title": "Be"}, {"id": "z", "title": "extra"}],  # by id
        "lines": ["primera", ""],  # an empty string reads in English
        "unknown": "ignored",
    }
    assert translations.merged(english, translated) == {
        "title": "Hola",
        "days": 7,
        "steps": [{"text": "Uno", "seconds": 5}, {"text": "Two", "seconds": 6}],
        "parts": [{"id": "a", "title": "A"}, {"id": "b", "title": "Be"}],
        "lines": ["primera", "second"],
    }
    assert translations.merged(english, {"steps": "not a list", "parts": None}) == english


def test_scheduled_share_invitation_and_path_offer_in_the_readers_language():
    invite = Outgoing(1, 1, "share", "", 0, False, ref=7, item_id="invite", language="es")
    text, _ = scheduled.render(invite)
    assert share("es").invite.first_line in text and share().invite.first_line not in text
    opening = Outgoing(2, 1, "path", "Semana 3", 0, False, ref=5, item_id="path:open:3:share")
    text, markup = scheduled.render(dataclasses.replace(opening, language="pt"))
    assert share("pt").suggestion.text in text
    assert [b.text for row in markup.inline_keyboard for b in row][-1] == (
        share("pt").suggestion.yes_button
    )
