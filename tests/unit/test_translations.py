"""The content loader for content/locales/<lang>/: same ids, words by language, English fallback."""

from __future__ import annotations

import pytest

from bot import texts
from content import library, translations
from core import boundaries

LANGUAGES = ("es", "pt", "ru")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_library_item_has_its_words_in_every_language(language: str):
    known = library.by_id()
    found = translations.item_texts(language)
    assert set(found) == set(known)
    assert all(found[i] != known[i].text for i in known)


def test_localized_keeps_everything_but_the_words():
    item = library.library()["selfcare"][0]
    shown = translations.localized(item, "ru")
    assert (shown.id, shown.kind, shown.section, shown.roles) == (
        item.id,
        item.kind,
        item.section,
        item.roles,
    )
    assert shown.text != item.text
    assert translations.localized(item, "en") is item


@pytest.mark.parametrize("language", [None, "en", "de", "../es", ""])
def test_english_for_english_none_or_a_language_without_a_folder(language):
    item = library.library()["affirmation"][0]
    assert translations.text(item, language) == item.text


def test_menu_words_per_language_and_english_fallback():
    assert translations.language_name("pt") == "Português (Brasil)"
    assert translations.language_name("de") == "English"
    assert "español" in translations.menu_text("es", "chosen")
    assert translations.menu_text("de", "choose") == translations.menu_text("en", "choose")
    assert "{name}" not in translations.menu_text("ru", "choose")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_command_is_described_in_every_language(language: str):
    names = [name for name, _ in texts.COMMAND_MENU]
    described = translations.command_descriptions(language)
    assert set(described) == set(names)
    assert all(1 <= len(text) <= 256 for text in described.values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_boundary_guide_in_every_language(language: str):
    english, own = boundaries.guide(), boundaries.guide(language)
    assert own.intro != english.intro
    assert [(c.id, c.emoji) for c in own.categories] == [
        (c.id, c.emoji) for c in english.categories
    ]
    for theirs, mine in zip(english.categories, own.categories, strict=True):
        assert mine.label != theirs.label and mine.question != theirs.question
        assert len(mine.examples) == len(theirs.examples)
    assert boundaries.guide(None) is english and boundaries.guide("de").intro == english.intro
