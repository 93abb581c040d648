"""bot.visits: a person's visit is read again once it is `fresh` old, or forgotten."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.visits import RecentVisits

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def test_a_visit_is_fresh_for_its_window_then_read_again() -> None:
    visits = RecentVisits(fresh=timedelta(seconds=20))
    assert visits.recent(1, NOW) is None
    visits.remember(1, "pt", NOW)
    assert visits.recent(1, NOW + timedelta(seconds=19)) == "pt"
    assert visits.recent(1, NOW + timedelta(seconds=20)) is None
    assert visits.recent(1, NOW) is None  # gone once stale, whatever the clock says next


def test_a_clock_moved_back_reads_again() -> None:
    visits = RecentVisits()
    visits.remember(1, "es", NOW)
    assert visits.recent(1, NOW - timedelta(seconds=1)) is None


def test_no_stored_language_is_known_as_empty_not_missing() -> None:
    visits = RecentVisits()
    visits.remember(2, None, NOW)
    assert visits.recent(2, NOW) == ""


def test_forget_makes_the_next_update_read() -> None:
    visits = RecentVisits()
    visits.remember(3, "ru", NOW)
    visits.forget(3)
    visits.forget(4)  # unknown: nothing happens
    assert visits.recent(3, NOW) is None


def test_the_table_keeps_the_most_recent_within_its_limit() -> None:
    visits = RecentVisits(limit=2)
    visits.remember(1, "en", NOW)
    visits.remember(2, "en", NOW)
    visits.remember(1, "es", NOW)  # 1 is the most recent now
    visits.remember(3, "en", NOW)
    assert visits.recent(2, NOW) is None
    assert (visits.recent(1, NOW), visits.recent(3, NOW)) == ("es", "en")
