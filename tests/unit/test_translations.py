"""The content loader for content/locales/<lang>/: same ids, words by language, English fallback."""

from __future__ import annotations

import pytest

from bot import menu_texts
from bot.handlers import language as language_handler
from content import i18n, library, translations
from core import boundaries, languages

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


def test_language_names_and_words_per_language_and_english_fallback():
    assert languages.own_name("pt") == "Português (Brasil)"
    assert languages.own_name("de") == languages.own_name(None) == "English"
    with i18n.speaking("es"):
        assert "español" in str(menu_texts.LANGUAGE_CHOSEN)
    with i18n.speaking("de"):
        assert str(menu_texts.LANGUAGE_CHOOSE) == menu_texts.LANGUAGE_CHOOSE.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_command_is_described_in_every_language(language: str):
    english = language_handler.commands(languages.ENGLISH)
    own = language_handler.commands(language)
    assert [c.command for c in own] == [c.command for c in english]
    assert all(1 <= len(c.description) <= 256 for c in own)
    assert not [c for c, e in zip(own, english, strict=True) if c.description == e.description]


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
