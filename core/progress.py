"""Check-in progress summaries: weekly averages, trends and gentle signals. Pure, no database.

Ratings run 1..5 on three dimensions: how safe I felt with you, how connected, and how well our
agreements were kept. A rating may be missing (``None``), e.g. because it was kept private and the
caller filtered it out; missing ratings never count as zero.

Weeks end on a given ``end`` date (inclusive): the week "this week" covers the days
``(end - 7 days, end]``, the one before ``(end - 14 days, end - 7 days]``, and so on. Days after
``end`` are ignored. Every function makes a single pass over the entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

DIMENSIONS: Final = ("safety", "connection", "agreements")

TREND_THRESHOLD: Final = 0.3
"""How far the week's mean rating has to move (either way) to count as "up" or "down"."""

_EPSILON: Final = 1e-9  # so that 3.3 - 3.0 (0.29999999999999982) still counts as a 0.3 change


@dataclass(frozen=True)
class Entry:
    """One person's ratings in one check-in round."""

    person: int
    day: date
    safety: int | None
    connection: int | None
    agreements: int | None

    def __post_init__(self) -> None:
        for dimension in DIMENSIONS:
            value = getattr(self, dimension)
            if value is not None and not 1 <= value <= 5:
                raise ValueError(f"{dimension} rating must be 1..5 or None, got {value!r}")


@dataclass(frozen=True)
class Averages:
    """One person's averages over a period; ``None`` where there was no rating."""

    safety: float | None
    connection: float | None
    agreements: float | None
    count: int
    """How many check-ins (entries) fell in the period, whatever they rated."""

    def get(self, dimension: str) -> float | None:
        """The average of one dimension."""
        _check_dimension(dimension)
        value: float | None = getattr(self, dimension)
        return value

    def mean(self) -> float | None:
        """The mean of the available dimension averages, ``None`` if there are none."""
        values = [v for v in (self.safety, self.connection, self.agreements) if v is not None]
        return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class PersonWeek:
    """One person's week compared with the week before."""

    this_week: Averages
    last_week: Averages

    def change(self, dimension: str) -> float | None:
        """This week's average minus last week's, ``None`` if either is missing."""
        now, before = self.this_week.get(dimension), self.last_week.get(dimension)
        if now is None or before is None:
            return None
        return now - before

    @property
    def trend(self) -> str:
        """``"up"``, ``"down"``, ``"steady"`` or ``"new"``.

        Compares the mean of the dimension averages this week with last week's, over the
        dimensions that have an average in both weeks (so a rating kept private in one week
        does not masquerade as a change). ``"new"`` when last week has no rating at all;
        ``"steady"`` when there is nothing to compare (e.g. no rating yet this week).
        """
        shared = [
            (now, before)
            for dimension in DIMENSIONS
            if (now := self.this_week.get(dimension)) is not None
            and (before := self.last_week.get(dimension)) is not None
        ]
        if self.last_week.mean() is None:
            return "new"
        if not shared:
            return "steady"
        delta = sum(now - before for now, before in shared) / len(shared)
        if delta >= TREND_THRESHOLD - _EPSILON:
            return "up"
        if delta <= -TREND_THRESHOLD + _EPSILON:
            return "down"
        return "steady"


def _check_dimension(dimension: str) -> None:
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}, expected one of {DIMENSIONS}")


def _bin_weeks(
    entries: Iterable[Entry], person: int, end: date, weeks: int
) -> tuple[list[list[int]], list[list[int]], list[int]]:
    """Per week (oldest first) and dimension: rating sums and counts; and entries per week."""
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    sums = [[0, 0, 0] for _ in range(weeks)]
    counts = [[0, 0, 0] for _ in range(weeks)]
    entry_counts = [0] * weeks
    span = 7 * weeks
    end_ordinal = end.toordinal()
    for entry in entries:
        if entry.person != person:
            continue
        days_before_end = end_ordinal - entry.day.toordinal()
        if not 0 <= days_before_end < span:
            continue
        week = weeks - 1 - days_before_end // 7
        entry_counts[week] += 1
        week_sums, week_counts = sums[week], counts[week]
        if entry.safety is not None:
            week_sums[0] += entry.safety
            week_counts[0] += 1
        if entry.connection is not None:
            week_sums[1] += entry.connection
            week_counts[1] += 1
        if entry.agreements is not None:
            week_sums[2] += entry.agreements
            week_counts[2] += 1
    return sums, counts, entry_counts


def _averages(sums: list[int], counts: list[int], entry_count: int) -> Averages:
    safety, connection, agreements = (
        s / c if c else None for s, c in zip(sums, counts, strict=True)
    )
    return Averages(safety, connection, agreements, entry_count)


def person_week(entries: Iterable[Entry], person: int, end: date) -> PersonWeek:
    """The person's averages this week, ``(end - 7, end]``, and last, ``(end - 14, end - 7]``."""
    sums, counts, entry_counts = _bin_weeks(entries, person, end, 2)
    return PersonWeek(
        this_week=_averages(sums[1], counts[1], entry_counts[1]),
        last_week=_averages(sums[0], counts[0], entry_counts[0]),
    )


WEEK_DAYS: Final = 7
RECENT_DAYS: Final = 28
"""The summary's longer count: four whole weeks ending today. A rolling window, not the calendar
month, so it always holds "this week" and the two numbers never disagree (on the 1st, a
calendar month would say 0 days next to a week that had check-ins)."""


def days_checked_in(days: Iterable[date], today: date, span: int) -> int:
    """How many distinct days of the `span` days ending `today`, ``(today - span, today]``,
    had a check-in. "This week" is ``span=WEEK_DAYS``, the same days as ``person_week``.

    A plain count: a missed day never resets anything. Days after `today` are ignored.
    """
    first = today - timedelta(days=span - 1)
    return len({d for d in days if first <= d <= today})


def weekly_series(
    entries: Iterable[Entry], person: int, end: date, weeks: int = 8
) -> dict[str, list[float | None]]:
    """Per dimension, the weekly averages, oldest first (``None`` for a week without ratings).

    Week ``i`` covers ``(end - 7 * (weeks - i), end - 7 * (weeks - i - 1)]``.
    """
    sums, counts, _ = _bin_weeks(entries, person, end, weeks)
    return {
        dimension: [s[k] / c[k] if c[k] else None for s, c in zip(sums, counts, strict=True)]
        for k, dimension in enumerate(DIMENSIONS)
    }


def stays_low(
    entries: Iterable[Entry],
    person: int,
    dimension: str,
    end: date,
    weeks: int = 2,
    threshold: float = 2.0,
) -> bool:
    """Whether a dimension stayed low for each of the last ``weeks`` weeks.

    True when every one of those weeks has at least 2 ratings of the dimension and an average
    of at most ``threshold``.
    """
    _check_dimension(dimension)
    k = DIMENSIONS.index(dimension)
    sums, counts, _ = _bin_weeks(entries, person, end, weeks)
    return all(c[k] >= 2 and s[k] / c[k] <= threshold for s, c in zip(sums, counts, strict=True))
