"""Check-in progress summaries (core.progress) and the chart (core.chart), numbers by hand."""

from __future__ import annotations

import struct
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.chart import HEIGHT, WIDTH, render_chart
from core.progress import (
    DIMENSIONS,
    RECENT_DAYS,
    WEEK_DAYS,
    Averages,
    Entry,
    PersonWeek,
    days_checked_in,
    person_week,
    stays_low,
    weekly_series,
)

ROOT = Path(__file__).resolve().parents[2]
END = date(2026, 11, 26)  # this week: 20..26 Nov; last week: 13..19 Nov
ME, PARTNER = 1, 2
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TITLES = {"safety": "Felt safe", "connection": "Felt connected", "agreements": "Agreements kept"}


def nov(day: int) -> date:
    return date(2026, 11, day)


def e(
    day: date,
    safety: int | None = None,
    connection: int | None = None,
    agreements: int | None = None,
    person: int = ME,
) -> Entry:
    return Entry(person, day, safety, connection, agreements)


def safety_only(days_and_ratings: list[tuple[date, int]]) -> list[Entry]:
    return [e(day, safety=rating) for day, rating in days_and_ratings]


# --- person_week -----------------------------------------------------------------------------

SEEDED = [
    # this week
    e(nov(26), 5, 4, 3),
    e(nov(24), 3, None, 4),
    e(nov(20), 4, 2, None),
    # last week (19 Nov is exactly end - 7: last week)
    e(nov(19), 2, 2, 2),
    e(nov(13), 3, 3, None),
    # ignored: before the two weeks, after end, someone else
    e(nov(12), 1, 1, 1),
    e(nov(27), 1, 1, 1),
    e(nov(26), 1, 1, 1, person=PARTNER),
]


def test_person_week_averages_and_change() -> None:
    week = person_week(SEEDED, ME, END)
    assert week.this_week == Averages(safety=4.0, connection=3.0, agreements=3.5, count=3)
    assert week.last_week == Averages(safety=2.5, connection=2.5, agreements=2.0, count=2)
    assert week.change("safety") == pytest.approx(1.5)
    assert week.change("connection") == pytest.approx(0.5)
    assert week.change("agreements") == pytest.approx(1.5)
    assert week.trend == "up"  # mean change (1.5 + 0.5 + 1.5) / 3


def test_person_week_takes_any_iterable_once() -> None:
    week = person_week(iter(SEEDED), ME, END)
    assert week.this_week.count == 3
    assert week.last_week.count == 2


def test_partner_is_separate() -> None:
    week = person_week(SEEDED, PARTNER, END)
    assert week.this_week == Averages(1.0, 1.0, 1.0, 1)
    assert week.last_week == Averages(None, None, None, 0)
    assert week.trend == "new"


@pytest.mark.parametrize(
    ("day", "which"),
    [
        (nov(26), "this"),  # end itself
        (nov(20), "this"),  # end - 6
        (nov(19), "last"),  # end - 7 exactly
        (nov(13), "last"),  # end - 13
        (nov(12), None),  # end - 14: too old
        (nov(27), None),  # after end
    ],
)
def test_week_boundaries(day: date, which: str | None) -> None:
    week = person_week([e(day, 4, 4, 4)], ME, END)
    assert week.this_week.count == (1 if which == "this" else 0)
    assert week.last_week.count == (1 if which == "last" else 0)
    assert week.this_week.safety == (4.0 if which == "this" else None)
    assert week.last_week.safety == (4.0 if which == "last" else None)


def test_missing_ratings_are_not_zero() -> None:
    week = person_week([e(nov(25), 4, None, None), e(nov(24), 2, None, None)], ME, END)
    assert week.this_week == Averages(safety=3.0, connection=None, agreements=None, count=2)
    assert week.this_week.get("connection") is None
    assert week.change("safety") is None  # nothing last week
    assert week.change("connection") is None


def test_entry_with_no_rating_counts_as_a_check_in_only() -> None:
    week = person_week([e(nov(25)), e(nov(24), 5, 5, 5)], ME, END)
    assert week.this_week == Averages(5.0, 5.0, 5.0, count=2)


def test_change_is_none_when_either_side_missing() -> None:
    week = PersonWeek(this_week=Averages(3.0, None, 2.0, 2), last_week=Averages(None, 4.0, 1.0, 1))
    assert week.change("safety") is None
    assert week.change("connection") is None
    assert week.change("agreements") == pytest.approx(1.0)


def test_unknown_dimension_is_refused() -> None:
    week = person_week(SEEDED, ME, END)
    with pytest.raises(ValueError, match="unknown dimension"):
        week.change("trust")
    with pytest.raises(ValueError, match="unknown dimension"):
        week.this_week.get("count")


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_out_of_range_rating_is_refused(rating: int) -> None:
    with pytest.raises(ValueError, match=r"1\.\.5"):
        Entry(ME, END, None, rating, None)


# --- trend -----------------------------------------------------------------------------------

LAST_WEEK_DAYS = [nov(d) for d in range(13, 20)]
THIS_WEEK_DAYS = [nov(d) for d in range(20, 27)]


def weeks_of(last: list[int], this: list[int]) -> list[Entry]:
    return safety_only(list(zip(LAST_WEEK_DAYS, last, strict=False))) + safety_only(
        list(zip(THIS_WEEK_DAYS, this, strict=False))
    )


@pytest.mark.parametrize(
    ("last", "this", "trend"),
    [
        ([3, 3, 3, 3, 4], [3, 4], "up"),  # 3.2 -> 3.5: +0.3 exactly (0.2999... in floats)
        ([3, 4], [3, 3, 3, 3, 4], "down"),  # 3.5 -> 3.2: -0.3 exactly
        ([3, 3, 3, 4], [3, 4], "steady"),  # 3.25 -> 3.5: +0.25
        ([3, 4], [3, 3, 3, 4], "steady"),  # -0.25
        ([3, 3], [3, 3], "steady"),
        ([2, 2, 2], [4, 5], "up"),
        ([5, 4], [1, 2, 1], "down"),
        ([], [4, 5], "new"),
        ([], [], "new"),
    ],
)
def test_trend(last: list[int], this: list[int], trend: str) -> None:
    assert person_week(weeks_of(last, this), ME, END).trend == trend


def test_trend_uses_the_mean_of_dimension_averages() -> None:
    entries = [e(nov(15), 3, 3, 3), e(nov(22), 4, 3, 3)]  # +1, 0, 0: mean +0.333
    assert person_week(entries, ME, END).trend == "up"
    entries = [e(nov(15), 3, 3, 3), e(nov(22), 4, 3, 2)]  # +1, 0, -1: mean 0
    assert person_week(entries, ME, END).trend == "steady"


def test_trend_new_when_last_week_has_check_ins_but_no_ratings() -> None:
    entries = [e(nov(15)), e(nov(22), 4, 4, 4)]
    week = person_week(entries, ME, END)
    assert week.last_week.count == 1
    assert week.trend == "new"


def test_trend_steady_when_nothing_this_week() -> None:
    assert person_week([e(nov(15), 4, 4, 4)], ME, END).trend == "steady"


def test_trend_ignores_a_dimension_missing_in_one_week() -> None:
    # Safety kept private this week: comparing 3.0 (mean of 1 and 5) with 5.0 would say "up".
    entries = [e(nov(15), 1, 5, None), e(nov(22), None, 5, None)]
    assert person_week(entries, ME, END).trend == "steady"


# --- days_checked_in ---------------------------------------------------------------------------


def test_days_checked_in_the_last_four_weeks() -> None:
    days = [
        nov(1),  # 26 days before today: inside
        nov(1),  # duplicate
        nov(3),
        nov(26),  # today
        date(2026, 10, 29),  # 28 days before today: just outside
        date(2026, 10, 30),  # 27 days before: the first day inside
        nov(27),  # after today
        date(2025, 11, 10),  # same month, last year
    ]
    assert days_checked_in(days, END, RECENT_DAYS) == 4


def test_gaps_do_not_reset_the_count() -> None:
    days = [nov(1), nov(2), nov(20), nov(26)]  # 17 days missed in between
    assert days_checked_in(iter(days), END, RECENT_DAYS) == 4


@pytest.mark.parametrize("today", [date(2026, 12, 1), date(2026, 12, 6), date(2027, 1, 31)])
def test_the_week_never_holds_more_days_than_the_four_weeks(today: date) -> None:
    # Every day of the two weeks up to `today`, across the month boundary.
    days = [today - timedelta(days=back) for back in range(14)]
    week = days_checked_in(days, today, WEEK_DAYS)
    assert week == 7 and days_checked_in(days, today, RECENT_DAYS) == 14
    for back in range(7):  # any one day of the week is also in the four weeks
        one = [today - timedelta(days=back)]
        assert days_checked_in(one, today, WEEK_DAYS) == days_checked_in(one, today, RECENT_DAYS)


# --- weekly_series ---------------------------------------------------------------------------


def test_weekly_series_length_and_alignment() -> None:
    entries = [
        e(nov(5), 1, 1, 1),  # end - 21: before week 0
        e(nov(6), 2, None, 5),  # week 0: 6..12 Nov
        e(nov(12), 4, None, 3),  # week 0, last day
        e(nov(13), 3, 3, None),  # week 1: 13..19 Nov
        e(nov(27), 5, 5, 5),  # after end
        e(nov(26), 1, 1, 1, person=PARTNER),
    ]  # week 2 (20..26 Nov): nothing
    series = weekly_series(entries, ME, END, weeks=3)
    assert series == {
        "safety": [3.0, 3.0, None],
        "connection": [None, 3.0, None],
        "agreements": [4.0, None, None],
    }


def test_weekly_series_default_is_eight_weeks() -> None:
    oldest = END - timedelta(days=55)  # first day of week 0
    entries = [e(oldest, 2, 2, 2), e(oldest - timedelta(days=1), 5, 5, 5), e(END, 4, 4, 4)]
    series = weekly_series(entries, ME, END)
    assert list(series) == list(DIMENSIONS)
    for values in series.values():
        assert values == [2.0, None, None, None, None, None, None, 4.0]


def test_weekly_series_matches_person_week() -> None:
    series = weekly_series(SEEDED, ME, END, weeks=2)
    week = person_week(SEEDED, ME, END)
    for dimension in DIMENSIONS:
        assert series[dimension] == [week.last_week.get(dimension), week.this_week.get(dimension)]


def test_weekly_series_needs_a_week() -> None:
    with pytest.raises(ValueError, match="weeks"):
        weekly_series(SEEDED, ME, END, weeks=0)


# --- stays_low -------------------------------------------------------------------------------


def test_stays_low_when_both_weeks_are_low() -> None:
    entries = safety_only([(nov(14), 2), (nov(18), 2), (nov(21), 1), (nov(25), 2)])
    assert stays_low(entries, ME, "safety", END)  # 2.0 (at the threshold), 1.5


def test_not_low_when_only_one_week_is_low() -> None:
    entries = safety_only([(nov(14), 4), (nov(18), 4), (nov(21), 1), (nov(25), 2)])
    assert not stays_low(entries, ME, "safety", END)
    entries = safety_only([(nov(14), 1), (nov(18), 1), (nov(21), 2), (nov(25), 3)])  # 1.0, 2.5
    assert not stays_low(entries, ME, "safety", END)


def test_not_low_with_too_few_ratings() -> None:
    entries = safety_only([(nov(14), 1), (nov(18), 1), (nov(21), 1)])  # one rating this week
    assert not stays_low(entries, ME, "safety", END)
    entries.append(e(nov(25), safety=None, connection=1))  # a check-in without that rating
    assert not stays_low(entries, ME, "safety", END)
    entries.append(e(nov(26), safety=1))
    assert stays_low(entries, ME, "safety", END)


def test_stays_low_other_dimension_person_and_weeks() -> None:
    entries = [e(d, 5, 1, 5) for d in (nov(7), nov(14), nov(18), nov(21), nov(25))]
    assert stays_low(entries, ME, "connection", END)
    assert not stays_low(entries, ME, "safety", END)
    assert not stays_low(entries, PARTNER, "connection", END)
    assert not stays_low(entries, ME, "connection", END, weeks=3)  # only one rating 6..12 Nov
    assert stays_low(entries, ME, "connection", END, weeks=1)
    assert not stays_low(entries, ME, "connection", END, threshold=0.5)


def test_stays_low_refuses_an_unknown_dimension() -> None:
    with pytest.raises(ValueError, match="unknown dimension"):
        stays_low(SEEDED, ME, "mood", END)


# --- render_chart ----------------------------------------------------------------------------

LABELS = ["8 Oct", "15 Oct", "22 Oct", "29 Oct", "5 Nov", "12 Nov", "19 Nov", "26 Nov"]


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_MAGIC
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def test_render_chart_normal() -> None:
    mine = {d: [3.0, 3.5, 4.0, 2.5, 3.0, 4.5, 5.0, 4.0] for d in DIMENSIONS}
    theirs = {d: [2.0, 2.5, 3.0, 3.5, 3.0, 3.5, 4.0, 4.5] for d in DIMENSIONS}
    png = render_chart({"You": mine, "Your partner": theirs}, LABELS, TITLES)
    assert png_size(png) == (WIDTH, HEIGHT) == (800, 600)


def test_render_chart_partly_none() -> None:
    mine: dict[str, list[float | None]] = {
        d: [None, 3.0, None, None, 4.5, 2.0, None, 5.0] for d in DIMENSIONS
    }
    theirs: dict[str, list[float | None]] = {d: [None] * 8 for d in DIMENSIONS}
    theirs["safety"][7] = 1.0
    png = render_chart({"You": mine, "Your partner": theirs}, LABELS, TITLES)
    assert png_size(png) == (800, 600)


@pytest.mark.parametrize("empty_text", ["", "No shared check-ins yet"])
def test_render_chart_all_none(empty_text: str) -> None:
    nothing: dict[str, list[float | None]] = {d: [None] * 8 for d in DIMENSIONS}
    png = render_chart({"You": nothing, "Your partner": nothing}, LABELS, TITLES, empty_text)
    assert png_size(png) == (800, 600)


def test_render_chart_no_series_no_weeks() -> None:
    assert png_size(render_chart({}, [], TITLES, "No shared check-ins yet")) == (800, 600)
    assert png_size(render_chart({}, LABELS, TITLES)) == (800, 600)


def test_render_chart_from_weekly_series_over_many_labels() -> None:
    labels = [f"w{i}" for i in range(26)]
    entries = [e(END - timedelta(days=i), 1 + i % 5, 1 + i % 3, None) for i in range(26 * 7)]
    series = {"You": weekly_series(entries, ME, END, weeks=26)}
    assert png_size(render_chart(series, labels, TITLES)) == (800, 600)


def test_render_chart_refuses_mismatched_input() -> None:
    short: dict[str, list[float | None]] = {d: [3.0] * 7 for d in DIMENSIONS}
    with pytest.raises(ValueError, match="7 safety values for 8 weeks"):
        render_chart({"You": short}, LABELS, TITLES)
    with pytest.raises(ValueError, match="no title"):
        render_chart({}, LABELS, {"safety": "Felt safe"})


def test_render_chart_in_threads() -> None:
    series = {"You": weekly_series(SEEDED, ME, END), "Your partner": weekly_series(SEEDED, 2, END)}
    with ThreadPoolExecutor(max_workers=4) as pool:
        pngs = list(pool.map(lambda _: render_chart(series, LABELS, TITLES), range(4)))
    assert all(png_size(png) == (800, 600) for png in pngs)
    assert len(set(pngs)) == 1  # same input, same picture


def test_render_chart_never_touches_pyplot() -> None:
    code = (
        "import sys\n"
        "from core.chart import render_chart\n"
        "from core.progress import DIMENSIONS\n"
        "render_chart({'You': {d: [3.0] for d in DIMENSIONS}}, ['1 Nov'],"
        " {d: d for d in DIMENSIONS})\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, cwd=ROOT)
