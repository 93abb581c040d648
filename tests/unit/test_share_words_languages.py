"""/share's own words in the reader's language: the end date's month, the rhythm's weekdays
(Babel's names and list joiner) and the lengths to choose (each language's plural forms)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot import moment_texts as mt
from bot import share_views
from content.i18n import speaking
from db.models import SharePlan

PLAN = SharePlan(rhythm="few_days", created_at=datetime(2027, 1, 21, 12, tzinfo=UTC))  # Thursday
END = datetime(2027, 1, 26, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "end", "days", "weeks"),
    [
        ("en", "26 January 2027", "on Thursdays and Sundays", ["1 week", "4 weeks", "8 weeks"]),
        ("es", "26 de enero de 2027", "jueves y domingo", ["1 semana", "4 semanas", "8 semanas"]),
        (
            "pt",
            "26 de janeiro de 2027",
            "quinta-feira e domingo",
            ["1 semana", "4 semanas", "8 semanas"],
        ),
        (
            "ru",
            "26 января 2027\u202fг.",
            "четверг и воскресенье",
            ["1 неделя", "4 недели", "8 недель"],
        ),
    ],
)
def test_dates_days_and_lengths_follow_the_reader(
    language: str, end: str, days: str, weeks: list[str]
) -> None:
    with speaking(language):
        assert share_views.day(END, "UTC") == end
        assert share_views.rhythm_words(PLAN, "UTC", language).endswith(days)
        assert [mt.BUTTON_WEEKS.format(count) for count in (1, 4, 8)] == weeks
