"""Pure rules: time zone names and suggestions, callback data sizes, message lengths."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot import keyboards, texts
from core.clock import ManualClock
from core.pairing import RedeemRefusal, hash_code, looks_like_code
from core.timezones import COMMON_ZONES, resolve, suggest


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
    longest_zone = max(COMMON_ZONES + tuple(suggest("argentina")), key=len)
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
