"""Long dates as each language writes them: the bare "d MMMM y" pattern dropped Spanish and
Portuguese's little words ("1 febrero 2027")."""

from __future__ import annotations

from datetime import date

import pytest

from core.dates import day_text, long_day_text

DAY = date(2027, 2, 1)


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", "1 February 2027"),
        ("es", "1 de febrero de 2027"),
        ("pt", "1 de fevereiro de 2027"),
        ("ru", "1 февраля 2027\u202fг."),
    ],
)
def test_long_dates_in_each_language(language: str, shown: str):
    assert long_day_text(DAY, language) == shown


def test_short_dates_keep_one_style():
    assert [day_text(DAY, x) for x in ("en", "es")] == ["1 Feb 2027", "1 feb 2027"]
