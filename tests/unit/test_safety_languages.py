"""Crisis detection in Spanish, Portuguese and Russian; the person's language from Telegram's code.

The phrases live in tests/unit/crisis_phrases/<language>.toml: `danger` must get the crisis reply,
`ordinary` (everyday words of pain in a couple after a betrayal) must not.
"""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

import pytest

from core import languages
from core.safety import danger_language, fold, looks_unsafe

PHRASES = Path(__file__).parent / "crisis_phrases"


def _phrases(kind: str) -> list[tuple[str, str]]:
    found = []
    for language in ("es", "pt", "ru"):
        data = tomllib.loads((PHRASES / f"{language}.toml").read_text(encoding="utf-8"))
        found += [(language, text) for text in data[kind]]
    return found


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def test_each_language_has_enough_phrases():
    for language in ("es", "pt", "ru"):
        data = tomllib.loads((PHRASES / f"{language}.toml").read_text(encoding="utf-8"))
        assert len(data["danger"]) >= 25 and len(data["ordinary"]) >= 25, language


@pytest.mark.parametrize(("language", "text"), _phrases("danger"))
def test_danger_is_noticed_in_any_case_and_without_accents(language: str, text: str):
    assert danger_language(text, first=language) == language
    assert looks_unsafe(text.upper())
    assert looks_unsafe(text.lower())
    assert looks_unsafe(_without_accents(text))  # "ё" -> "е", "ã" -> "a", "é" -> "e"


@pytest.mark.parametrize(("language", "text"), _phrases("ordinary"))
def test_ordinary_pain_is_not_danger(language: str, text: str):
    assert danger_language(text) is None
    assert not looks_unsafe(text.upper())


def test_folding_uses_unicode_not_tables():
    assert fold("NÃO  quero") == fold("nao quero") == "nao quero"
    assert fold("ЁЛКИ, ЙОД") == "елки, иод"
    assert fold("Ｑuiero") == "quiero"  # compatibility forms (NFKD) read as their plain letter


def test_every_language_is_checked_whatever_the_writer_speaks():
    assert danger_language("quero me matar") == "pt"
    assert danger_language("quero me matar", first="ru") == "pt"
    assert danger_language("I want to kill myself", first="es") == "en"
    assert danger_language("") is None


def test_danger_is_found_at_the_end_of_a_long_text():
    long_text = "Hoy me sentí triste y cansada, otra vez. " * 1500
    assert looks_unsafe(long_text + "Me quiero morir.")
    assert not looks_unsafe(long_text)
    assert looks_unsafe("Мне тяжело. " * 3000 + "Хочу умереть")


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("es", "es"),
        ("es-MX", "es"),
        ("pt-br", "pt"),
        ("pt-BR", "pt"),
        ("pt_PT", "pt"),
        ("ru", "ru"),
        ("RU", "ru"),
        ("en", "en"),
        ("en-GB", "en"),
        ("de", "en"),
        ("uk", "en"),
        ("zh-hans", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_the_language_comes_from_telegrams_code(code: str | None, language: str):
    assert languages.pick(code) == language


def test_a_stored_language_tend_no_longer_speaks_is_english():
    assert languages.known("pt") == "pt"
    assert languages.known("fr") == "en"
    assert languages.known(None) == "en"
