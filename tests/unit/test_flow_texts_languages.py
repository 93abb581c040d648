"""The check-in, reminder and boundary sentences in each reader's language: numbers by the
language's plural rule, weekday names and percentages from Babel, and first lines that a locked
screen may show naming nothing sensitive."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot import boundary_texts as bt
from bot import boundary_views, reminder_views, summaries
from bot import checkin_texts as ct
from bot import reminder_texts as rt
from content.i18n import speaking
from core import languages, rules
from core.boundaries import ReviewStats
from core.discretion import preview_is_discreet
from demo.fake_telegram.html_check import plain_text

# What may arrive unasked, or reach the partner: its opening shows on a locked phone.
UNPROMPTED = [
    *rt.HEADERS.values(),
    rt.SNOOZED_HEADER,
    rt.CHECKIN_PAUSED_NOTICE,
    ct.REMINDER,
    ct.READY,
    ct.SHARED_AFTER,
    ct.APPRECIATION_RELAY,
    bt.PARTNER_NEW,
    bt.PARTNER_UPDATED,
    bt.PARTNER_REVIEW_DAY,
    bt.PARTNER_REVIEW_OFF,
    bt.NOT_KEPT_OWNER,
]


@pytest.mark.parametrize("language", languages.SUPPORTED)
def test_what_may_arrive_unasked_opens_discreetly(language: str):
    with speaking(language):
        for message in UNPROMPTED:
            text = message.format(name="Sam", text="…", statement="…", consequence="", day="…")
            first_line = plain_text(text).split("\n")[0]
            assert preview_is_discreet(first_line, language), (language, message)


def test_the_summary_counts_days_by_each_language_rule():
    with speaking("ru"):
        days = [ct.SUMMARY_DAYS.format(n, partner="") for n in (1, 3, 5, 21)]
        partner = ct.SUMMARY_DAYS_PARTNER.format(2)
    assert [d.split("чек-ин ")[1] for d in days] == ["1 день.", "3 дня.", "5 дней.", "21 день."]
    assert partner == ", ваш партнёр — 2 дня"
    assert ct.SUMMARY_DAYS.format(1, partner="") == (
        "Over the last four weeks you've checked in on 1 day."
    )


def test_the_boundary_review_line_reads_its_percent_and_reviews_in_the_language():
    review = ReviewStats(week_kept=1, week_total=2, all_kept=3, all_total=4, weeks=1)
    english = summaries._review_line(review)
    assert english.endswith("; 75% over 1 review.")
    with speaking("es"):
        spanish = summaries._review_line(review)
    assert "75\xa0%" in spanish and spanish.endswith("1 revisión.")
    with speaking("ru"):
        russian = summaries._review_line(
            ReviewStats(week_kept=0, week_total=0, all_kept=1, all_total=2, weeks=3)
        )
    assert russian.endswith("за 3 обзора.") and "50\xa0%" in russian


def test_weekday_names_and_dates_come_in_the_readers_language():
    assert boundary_views.day_name(6) == "Sunday"
    mon_wed = 1 | 1 << 2
    assert reminder_views.days_text(mon_wed) == "Mon, Wed"
    assert reminder_views.days_text(rules.WEEKDAYS) == "weekdays"
    moment = datetime(2026, 11, 27, 13, 5, tzinfo=UTC)
    assert reminder_views.local_text(moment, "Europe/Berlin") == "Fri 27 Nov, 14:05"
    with speaking("es"):
        assert boundary_views.day_name(6) == "domingo"
        assert reminder_views.days_text(mon_wed) == "lun, mié"
        assert reminder_views.days_text(rules.EVERY_DAY) == "todos los días"
        assert bt.REVIEW_LINE.format(day=boundary_views.day_name(6)).startswith(
            "Revisión semanal: cada domingo"
        )
    with speaking("ru"):
        assert reminder_views.local_text(moment, "Europe/Moscow").startswith("пт 27 нояб.")
