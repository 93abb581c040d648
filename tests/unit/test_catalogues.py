"""The gettext catalogues (content/i18n.py, content/locales/): complete, in step with the
source, compiled, and rendered per reader without mixing languages between concurrent updates."""

from __future__ import annotations

import asyncio
import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from bot import safety_texts
from content import i18n
from content.i18n import Msg, Plural, speaking
from core import languages
from core.discretion import preview_is_discreet
from demo.fake_telegram.html_check import plain_text

ROOT = Path(__file__).resolve().parents[2]
# The folders `scripts/i18n extract` reads (every layer that may hold a Msg).
SOURCES = ("bot", "core", "content")
TRANSLATED = [language for language in languages.SUPPORTED if language != languages.ENGLISH]
KEYWORDS = {"Msg": None, "Plural": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
TAG = re.compile(r"</?[a-z]+[^<>]*>")
# Words that may stay as they are in any language: links and names.
UNTRANSLATED_OK = re.compile(r"https?://\S+|tend|Telegram")


def _po(language: str) -> Catalog:
    with (i18n.LOCALES / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").open("rb") as file:
        return read_po(file, locale=language)


def _pot() -> Catalog:
    with (i18n.LOCALES / f"{i18n.DOMAIN}.pot").open("rb") as file:
        return read_po(file)


def _ids(catalogue: Catalog) -> set[object]:
    return {message.id for message in catalogue if message.id}


def _forms(message: Message) -> list[str]:
    string = message.string
    return list(string) if isinstance(string, tuple | list) else [str(string)]


def _english(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple | list) else [str(message.id)]


def _key(value: object) -> object:
    """A plural entry's id and forms (a list in a read .mo, a tuple in a .po) as a tuple."""
    return tuple(value) if isinstance(value, list | tuple) else value


def test_the_template_holds_every_sentence_of_the_source():
    """`scripts/i18n extract` was run after the last change to a sentence in bot/, core/ or
    content/ (the folders it reads)."""
    found: set[object] = set()
    for folder in SOURCES:
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / folder), keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
        ):
            found.add(message)
    assert found, "no Msg found in bot/"
    assert found == _ids(_pot()), "run scripts/i18n all"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_sentence_is_translated_with_the_same_placeholders_and_tags(language: str):
    catalogue = _po(language)
    assert _ids(catalogue) == _ids(_pot()), "run scripts/i18n update, then translate"
    plurals = catalogue.num_plurals
    for message in catalogue:
        if not message.id:
            continue
        english, forms = _english(message), _forms(message)
        assert not message.fuzzy, english[0][:60]
        assert len(forms) == (plurals if message.pluralizable else 1), english[0][:60]
        for form in forms:
            assert form.strip(), f"{language}: untranslated: {english[0][:60]}"
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(english[0]))
            assert TAG.findall(form) == TAG.findall(english[0]), english[0][:60]
            plain = plain_text(form.replace("{", "(").replace("}", ")"))  # Telegram's HTML rules
            letters = UNTRANSLATED_OK.sub("", plain)
            assert letters != UNTRANSLATED_OK.sub("", plain_text(english[0])) or not re.search(
                r"[A-Za-z]{3}", letters
            ), f"{language}: still English: {english[0][:60]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_matches_its_source(language: str):
    """`scripts/i18n compile` was run after the last edit of the .po file."""
    mo = i18n.LOCALES / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    compiled = read_mo(BytesIO(mo.read_bytes()))
    source = {_key(m.id): _key(m.string) for m in _po(language) if m.id and not m.fuzzy}
    assert {_key(m.id): _key(m.string) for m in compiled if m.id} == source


def test_a_sentence_follows_the_reader_and_falls_back_to_english():
    note = Msg("A gentle thought, just for you.")
    english = safety_texts.low_connection_note()
    assert str(note) == note.msgid  # outside any reader: English
    for language in TRANSLATED:
        with speaking(language) as chosen:
            assert chosen == language and i18n.current() == language
            translated = safety_texts.low_connection_note()
            assert translated != english and f"{safety_texts.LOW_CONNECTION_NOTE}" == translated
        assert i18n.current() == languages.ENGLISH  # restored after the block
    with speaking("de") as chosen:  # a language tend does not speak: English, never an error
        assert chosen == languages.ENGLISH
        assert safety_texts.low_connection_note() == english
    with speaking("ru"):
        assert "только для вас" in safety_texts.low_safety_note()
        assert safety_texts.HELPLINES_URL in safety_texts.low_safety_note()


def test_a_sentence_missing_from_a_catalogue_reads_in_english():
    unknown = Msg("A sentence no catalogue has yet, {name}.")
    with speaking("es"):
        assert unknown.format(name="<b>Sam</b>") == "A sentence no catalogue has yet, <b>Sam</b>."
        assert unknown + "!" == "A sentence no catalogue has yet, {name}.!"


def test_plural_forms_come_from_each_language_rule(monkeypatch: pytest.MonkeyPatch):
    days = Plural("{count} day", "{count} days")
    assert [days.format(n) for n in (1, 2, 5)] == ["1 day", "2 days", "5 days"]
    with speaking("ru"):  # not in the Russian catalogue: English forms, by the English rule
        assert [days.format(n) for n in (1, 21, 3)] == ["1 day", "21 days", "3 days"]
    # A Russian catalogue holding it: three forms, chosen by CLDR's rule (Babel's Plural-Forms).
    catalogue = Catalog(locale="ru")
    catalogue.add(("{count} day", "{count} days"), ("{count} день", "{count} дня", "{count} дней"))
    compiled = BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    russian = Translations(compiled)
    monkeypatch.setattr(i18n, "catalogue", lambda _language: russian)
    with speaking("ru"):
        shown = [days.format(n) for n in (1, 21, 3, 24, 5, 11, 112)]
    assert shown == ["1 день", "21 день", "3 дня", "24 дня", "5 дней", "11 дней", "112 дней"]


async def test_concurrent_readers_never_see_each_others_language():
    note = safety_texts.LOW_CONNECTION_NOTE
    seen: dict[str, str] = {}

    async def reader(language: str) -> None:
        with speaking(language):
            await asyncio.sleep(0)  # another reader's block runs in between
            seen[language] = str(note)

    await asyncio.gather(*(reader(language) for language in languages.SUPPORTED))
    with speaking("pt"):
        portuguese = str(note)
    assert seen["pt"] == portuguese and seen["en"] == note.msgid
    assert len(set(seen.values())) == len(languages.SUPPORTED)


@pytest.mark.parametrize("language", languages.SUPPORTED)
def test_notes_that_may_arrive_unasked_open_discreetly_in_every_language(language: str):
    with speaking(language):
        for text in (safety_texts.low_safety_note(), safety_texts.low_connection_note()):
            assert preview_is_discreet(plain_text(text), language), text[:120]
            assert len(text) < 1000
