"""The weekly chart's words in the reader's language: its week labels (day and month by Babel,
never the C locale's English month) and its numbers."""

from __future__ import annotations

from datetime import date

import pytest

from bot import summaries
from content import i18n


@pytest.mark.parametrize(
    ("language", "label", "number"),
    [
        ("en", "26 Nov", "3.5"),
        ("es", "26 nov", "3,5"),
        ("pt", "26 nov.", "3,5"),
        ("ru", "26 нояб.", "3,5"),
    ],
)
def test_week_labels_and_numbers_follow_the_reader(language: str, label: str, number: str):
    with i18n.speaking(language):
        assert summaries.week_label(date(2026, 11, 26)) == label
        assert summaries._number(3.5) == number
