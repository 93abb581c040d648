"""Pure rules: time zone names and suggestions, callback data sizes, message lengths."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot import keyboards, texts
from content.i18n import speaking
from core.clock import ManualClock
from core.pairing import RedeemRefusal, hash_code, looks_like_code
from core.timezones import COMMON_ZONES, ZONES_BY_TAG, label, offered, resolve, suggest


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("  America/New York ", "America/New_York"),
        ("utc", "UTC"),
        ("berlin", None),
        ("Mars/Base", None),
        ("", None),
        ("x" * 500, None),
    ],
)
def test_resolve_accepts_only_real_zone_names(typed: str, expected: str | None):
    assert resolve(typed) == expected


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("sydny", "Australia/Sydney"),
        ("Europe/Berln", "Europe/Berlin"),
        ("los_angeles", "America/Los_Angeles"),
        # A city as each language tend speaks names it (CLDR), accents optional.
        ("Ciudad de México", "America/Mexico_City"),
        ("ciudad de mexico", "America/Mexico_City"),
        ("Москва", "Europe/Moscow"),
        ("São Paulo", "America/Sao_Paulo"),
        ("Londres", "Europe/London"),
        ("Нью-Йорк", "America/New_York"),
    ],
)
def test_suggest_finds_what_people_meant(typed: str, first: str):
    assert suggest(typed)[0] == first


def test_suggest_gives_nothing_for_nonsense():
    assert suggest("funday") == [] and suggest("") == []


def test_every_button_fits_telegrams_64_bytes():
    offered_zones = tuple(z for zones in ZONES_BY_TAG.values() for z in zones)
    longest_zone = max(offered_zones + tuple(suggest("argentina")), key=len)
    markups = [
        keyboards.consent("A" * 24),
        keyboards.roles(),
        keyboards.zones([longest_zone]),
        keyboards.settings(True),
    ]
    for markup in markups:
        for row in markup.inline_keyboard:
            for button in row:
                assert button.callback_data is not None
                assert 1 <= len(str(button.callback_data).encode()) <= 64


def test_every_reply_fits_one_message():
    for value in vars(texts).values():
        if isinstance(value, str):
            assert len(value) < 4096
    for refusal in RedeemRefusal:
        assert refusal in texts.REDEEM_REFUSALS


def test_invite_codes_shape():
    assert looks_like_code("A" * 24) and not looks_like_code("A" * 23)
    assert not looks_like_code("A" * 23 + "!")
    assert len(hash_code("abc")) == 64


def test_manual_clock_moves_only_when_told():
    clock = ManualClock(datetime(2026, 3, 29, 0, 30, tzinfo=UTC))
    before = clock.now()
    clock.advance(timedelta(hours=2))
    assert clock.now() - before == timedelta(hours=2)
    with pytest.raises(ValueError, match="aware"):
        ManualClock(datetime(2026, 1, 1))  # noqa: DTZ001 - the point of the test


@pytest.mark.parametrize(
    ("code", "language", "first", "also"),
    [
        ("pt-BR", "pt", "America/Sao_Paulo", {"America/Manaus", "America/Recife"}),
        ("pt_br", "pt", "America/Sao_Paulo", {"America/Fortaleza"}),
        ("pt-PT", "pt", "Europe/Lisbon", {"America/Sao_Paulo"}),
        ("pt", "pt", "Europe/Lisbon", {"America/Sao_Paulo"}),
        ("es-MX", "es", "America/Mexico_City", {"America/Cancun", "America/Tijuana"}),
        ("es", "es", "Europe/Madrid", {"America/Mexico_City", "America/Bogota", "America/Lima"}),
        ("es-AR", "es", "Europe/Madrid", {"America/Argentina/Buenos_Aires"}),
        ("ru", "ru", "Europe/Moscow", {"Europe/Samara", "Asia/Yekaterinburg", "Asia/Novosibirsk"}),
        ("en-US", "en", "Europe/London", {"Europe/Berlin", "America/New_York"}),
        ("de", "en", "Europe/London", {"UTC"}),
        (None, "ru", "Europe/Moscow", set()),  # no tag: the zones of the language read
        ("en-GB", "es", "Europe/Madrid", set()),  # a tag in another language says little
    ],
)
def test_zones_offered_follow_the_region_of_telegrams_language(
    code: str | None, language: str, first: str, also: set[str]
):
    zones = offered(code, language)
    assert zones[0] == first and also <= set(zones)


def test_every_offered_zone_is_real_and_named_in_the_readers_language():
    for zones in ZONES_BY_TAG.values():
        assert all(resolve(name) == name for name in zones)
        assert len(set(zones)) == len(zones) <= 10
    assert offered("en") == COMMON_ZONES
    assert label("America/New_York", "en") == "America/New York"  # as English buttons were
    assert label("America/Mexico_City", "es") == "Ciudad de México"
    assert label("America/Sao_Paulo", "pt") == "São Paulo"
    assert label("Europe/Moscow", "ru") == "Москва"
    assert label("America/Lima", "es") == "Lima"  # CLDR leaves out a name spelt as in English
    assert label("UTC", "ru") == "UTC"
    with speaking("pt"):
        markup = keyboards.zones(["America/Sao_Paulo"])
    (button,) = markup.inline_keyboard[0]
    assert button.text == "São Paulo" and button.callback_data == "tz:set:America/Sao_Paulo"
