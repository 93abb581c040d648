"""Every translated sentence, whatever it says, keeps the shape Telegram needs: HTML that parses
with its placeholders filled, and about the English length (the length tests of the flows,
written in English at the longest inputs, then hold for every language)."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from content import i18n
from core import languages
from demo.fake_telegram.html_check import plain_text

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
TRANSLATED = [language for language in languages.SUPPORTED if language != languages.ENGLISH]


def _entries(language: str) -> list[tuple[str, str]]:
    """(English, translation) for every form of every entry of `language`'s catalogue."""
    path = i18n.LOCALES / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as file:
        catalogue = read_po(file, locale=language)
    pairs = []
    for message in catalogue:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[-1]
        forms = message.string if isinstance(message.string, tuple | list) else [message.string]
        pairs += [(str(english), str(form)) for form in forms]
    return pairs


def _filled(text: str) -> str:
    """Placeholders filled as a view would (escaped words, a number or a date)."""
    return PLACEHOLDER.sub("Xx 12", text)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_translation_is_telegram_html_of_about_the_english_length(language: str):
    entries = _entries(language)
    assert len(entries) > 100
    for english, translated in entries:
        shown = plain_text(_filled(translated))  # raises where Telegram would refuse the markup
        english_shown = plain_text(_filled(english))
        assert shown.strip(), english[:60]
        # Romance and Slavic sentences run longer than English; twice as long is a mistake.
        assert len(shown) <= max(2 * len(english_shown), len(english_shown) + 40), (
            f"{language}: {translated[:80]!r} is much longer than {english[:80]!r}"
        )
