"""The longest message a person can be sent, the check-in reveal with both answers at the length
limit (and a partner's private rating, for the legend), fits one Telegram message in every
language tend speaks, with the longest check-in question of that language."""

from __future__ import annotations

import pytest

from bot import checkin_views
from content import i18n, library, translations
from core import languages
from core.checkins import MAX_TEXT
from db.models import CheckinAnswer, CheckinRound
from demo.fake_telegram.html_check import plain_text

TELEGRAM_LIMIT = 4096


def _answer(user_id: int, letter: str) -> CheckinAnswer:
    # Characters that grow when escaped, at the limit: Telegram counts what is shown.
    return CheckinAnswer(
        user_id=user_id,
        safety=5,
        connection=5,
        agreements=5,
        text=letter * MAX_TEXT,
        private_mask=1,
    )


@pytest.mark.parametrize("language", languages.SUPPORTED)
def test_the_longest_reveal_fits_one_message(language: str):
    questions = [translations.text(item, language) for item in library.library()["checkin"]]
    longest = max(questions, key=len)
    mine, theirs = _answer(1, "<"), _answer(2, "&")
    theirs.private_mask = 0
    with i18n.speaking(language):
        text, _ = checkin_views.reveal(
            CheckinRound(id=1), mine, theirs, longest, can_appreciate=True
        )
    shown = plain_text(text)
    assert "<" * MAX_TEXT in shown and "&" * MAX_TEXT in shown
    assert len(shown) <= TELEGRAM_LIMIT, (language, len(shown))
