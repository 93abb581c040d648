"""Help by country (content/resources.toml) and the crisis texts in every language."""

from __future__ import annotations

import re
import string
import tomllib
from datetime import date
from importlib.resources import files

import pytest

from bot import safety_texts
from core import languages
from core.resources import directory, help_for, language_country, zone_country
from demo.fake_telegram.html_check import plain_text

REQUIRED = {"ES", "MX", "AR", "CO", "CL", "BR", "PT", "RU", "US", "GB", "CA", "AU"}


def _texts() -> dict[str, dict[str, str]]:
    return tomllib.loads(files("content").joinpath("crisis_texts.toml").read_text("utf-8"))


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_number_has_a_source_and_the_date_it_was_checked():
    countries = directory().countries
    assert set(countries) >= REQUIRED
    for code, lines in countries.items():
        assert set(lines) <= {"emergency", "crisis", "violence"}, code
        for line in lines.values():
            assert re.fullmatch(r"https?://\S+", line.source), (code, line)
            assert date.fromisoformat(line.checked) <= date(2026, 12, 31)
            assert re.search(r"\d", line.number), (code, line)
    for code in ("ES", "MX", "AR", "CO", "CL", "BR", "PT", "RU"):
        assert {"emergency", "crisis"} <= set(countries[code]), code
    mexico = countries["MX"]["violence"]  # the federal women's line: 079, then option 1
    assert (mexico.number, mexico.note.split(";")[0]) == ("079", "opción 1")


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("Europe/Madrid", "ES"),
        ("Atlantic/Canary", "ES"),
        ("America/Sao_Paulo", "BR"),
        ("America/Argentina/Cordoba", "AR"),
        ("Europe/Moscow", "RU"),
        ("Asia/Calcutta", "IN"),  # an alias, resolved by Babel's data
        ("US/Eastern", "US"),
        ("UTC", None),
        ("Mars/Base", None),
        (None, None),
    ],
)
def test_the_country_comes_from_the_time_zone(zone: str | None, country: str | None):
    assert zone_country(zone) == country


@pytest.mark.parametrize(
    ("code", "country"),
    [("pt-br", "BR"), ("es-MX", "MX"), ("es", "ES"), ("ru", "RU"), ("xx-yy", None), (None, None)],
)
def test_without_a_zone_the_language_code_suggests_one(code: str | None, country: str | None):
    assert language_country(code) == country


def test_the_time_zone_wins_over_the_language():
    found = help_for("America/Mexico_City", "pt-br")
    assert found.country == "MX" and found.from_zone
    assert found.crisis is not None and found.crisis.number == "800 911 2000"
    assert help_for("Europe/Berlin", "ru").crisis is None  # no line checked: the directories
    assert help_for("Europe/Berlin", "ru").emergency == "112"  # from core.safety's zone map


def test_every_language_has_every_text_with_the_same_placeholders():
    texts = _texts()
    assert set(texts) == set(languages.SUPPORTED)
    for language, words in texts.items():
        assert set(words) == set(texts["en"]), language
        for key, template in words.items():
            assert _fields(template) == _fields(texts["en"][key]), (language, key)


def _cases() -> list[tuple[str, str | None, str | None]]:
    zones: list[str | None] = ["Europe/Madrid", "America/Sao_Paulo", "Europe/Moscow"]
    zones += ["America/Chicago"]
    zones += ["America/Argentina/Buenos_Aires", "Europe/Lisbon", "Asia/Tokyo", None]
    return [(language, zone, "es") for language in languages.SUPPORTED for zone in zones]


@pytest.mark.parametrize(("language", "zone", "code"), _cases())
def test_crisis_texts_are_valid_html_short_and_name_the_directories(
    language: str, zone: str | None, code: str | None
):
    reply = safety_texts.crisis_reply(zone, language, code)
    resources = safety_texts.safety_resources(zone, language, code)
    for text in (reply, resources):
        shown = plain_text(text)  # raises where Telegram would refuse the markup
        assert "https://findahelpline.com" in shown
        assert len(text) < 1000
    assert "<b>" in reply  # a number to call, in bold


def test_a_guessed_country_is_named_and_a_known_zone_is_where_you_are():
    assert "España: <b>112</b>" in safety_texts.crisis_reply(None, "es", "es")
    assert "<b>112</b> donde estás" in safety_texts.crisis_reply("Europe/Madrid", "es", "ru")
    assert "Línea <b>024</b> (España)" in safety_texts.crisis_reply("Europe/Madrid", "es")
    russian = safety_texts.crisis_reply("Europe/Moscow", "ru")
    assert "8-800-7000-600" in russian and "вы" in russian.lower()
    assert "&amp;" in safety_texts.crisis_reply("America/New_York")  # "Suicide & Crisis"


def test_an_unknown_language_reads_english():
    assert safety_texts.crisis_reply(None, "fr") == safety_texts.crisis_reply(None)
