"""The chat's own sentences (bot/texts.py, bot/pairing_texts.py) read in every language tend
speaks, and those that may arrive unasked still open discreetly there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot import pairing_texts, texts
from content.i18n import speaking
from core import languages
from core.discretion import preview_is_discreet
from demo.fake_telegram.html_check import plain_text

TRANSLATED = [language for language in languages.SUPPORTED if language != languages.ENGLISH]


def _unasked() -> list[str]:
    """What reaches a person without them having just asked for it."""
    return [
        str(texts.PAIRED_INVITEE),
        str(texts.PARTNER_UNLINKED),
        pairing_texts.JOIN_REQUEST.format(name="Sam"),
        texts.erasure_warning(365, datetime(2026, 12, 24, 9, tzinfo=UTC), "Europe/Madrid"),
        str(texts.ERASURE_CANCELLED),
    ]


@pytest.mark.parametrize("language", languages.SUPPORTED)
def test_notes_sent_unasked_open_discreetly(language: str):
    with speaking(language):
        for text in _unasked():
            assert preview_is_discreet(plain_text(text), language), text[:120]


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_last_step_of_setting_up_is_whole_in_the_readers_language(language: str):
    english = texts.all_set(pairing_texts.ONBOARDING_DONE_WAITING)
    with speaking(language):
        shown = texts.all_set(pairing_texts.ONBOARDING_DONE_WAITING)
        reminders, tip = str(texts.REMINDERS_INTRO), str(texts.PHONE_TIP)
    assert shown != english and "{" not in shown
    assert reminders in shown and tip in shown
    assert reminders not in english and "/help" in shown


def test_a_date_names_its_month_in_the_readers_language():
    moment = datetime(2026, 12, 24, 9, tzinfo=UTC)
    assert texts.date_text(moment) == "24 Dec 2026"
    with speaking("es"):
        shown = texts.erasure_warning(365, moment, None)
    assert "24 dic 2026" in shown and "Dec" not in shown
