"""The summary as a person reads it: text (HTML) and an 8-week chart drawn off the event loop."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import boundary_texts as bt
from bot import checkin_texts as ct
from bot import measure_views
from bot import moment_texts as mt
from bot import path_texts as pt
from bot.charts import ChartSpec
from bot.metrics import Metrics
from bot.safety_texts import low_connection_note, low_safety_note
from content import i18n
from content.path import path as path_content
from core import checkins, pairing, people, progress, summary_batch
from core.boundaries import ReviewStats
from core.summary import Summary, gather


@dataclass(frozen=True)
class SummaryView:
    """What is sent: the text, then the chart as a photo."""

    text: str
    chart: bytes
    caption: str


def _number(value: float | None) -> str:
    """At most one decimal, in the reader's style ("3.5", "3,5"); a dash for no value."""
    return "–" if value is None else format_decimal(round(value, 1), "0.#", locale=i18n.current())


def week_label(day: date) -> str:
    """A week's end under the chart, day and short month in the reader's style ("26 Nov",
    "26 nov", "26 нояб.")."""
    return format_date(day, "d MMM", locale=i18n.current())  # core.dates style, no year


def _change(value: float | None) -> str:
    if value is None or abs(value) < 0.05:
        return ""
    arrow = "↑" if value > 0 else "↓"
    return f" ({arrow}{_number(abs(value))})"


def _values(week: progress.PersonWeek | None, averages: progress.Averages | None = None) -> str:
    current = averages or (week.this_week if week else None)
    if current is None or current.count == 0 or current.mean() is None:
        return str(ct.SUMMARY_NO_DATA)
    parts = []
    for q in checkins.RATINGS:
        change = week.change(q) if week is not None and averages is None else None
        parts.append(f"{str(ct.SHORT_NAMES[q]).lower()} {_number(current.get(q))}{_change(change)}")
    return ", ".join(parts)


def _review_line(review: ReviewStats) -> str:
    percent = round(100 * review.all_kept / review.all_total) if review.all_total else 0
    overall = format_percent(percent / 100, locale=i18n.current())  # "45%", "45 %"
    if review.week_total:
        return bt.SUMMARY_REVIEW.format(
            review.weeks, kept=review.week_kept, total=review.week_total, overall=overall
        )
    return bt.SUMMARY_REVIEW_NONE_THIS_WEEK.format(review.weeks, overall=overall)


def path_line(stage: int, paused: bool) -> str:
    """The weekly summary's line naming the path's stage."""
    title = escape(path_content(i18n.current()).stages[stage - 1].title)
    template = pt.SUMMARY_PAUSED if paused else pt.SUMMARY_STAGE
    return template.format(n=stage, title=title)


def _hard_lines(summary: Summary) -> list[str]:
    """The partner's hard-moment numbers (if they chose to share them), and the person's own
    pattern, just for them."""
    lines = []
    theirs, mine = summary.partner_hard, summary.hard
    if theirs is not None and theirs.this_week:
        average = mt.PATTERN_AVERAGE.format(value=_number(theirs.average)) if theirs.average else ""
        lines += ["", mt.PATTERN_PARTNER.format(this=theirs.this_week, average=average)]
    if mine is not None and not mine.empty:
        average = mt.PATTERN_AVERAGE.format(value=_number(mine.average)) if mine.average else ""
        helped = (
            mt.PATTERN_HELPED.format(helped=escape(mine.helped_most)) if mine.helped_most else ""
        )
        lines += [
            "",
            mt.PATTERN_MINE.format(
                this=mine.this_week, last=mine.last_week, average=average, helped=helped
            ),
        ]
    return lines


def text_of(summary: Summary) -> str:
    """The summary's words."""
    paired = summary.partner is not None
    lines = [str(ct.SUMMARY_HEAD if paired else ct.SUMMARY_SOLO_HEAD), ""]
    if paired:
        lines.append(ct.SUMMARY_ROUNDS.format(count=summary.rounds_both))
        lines.append(ct.SUMMARY_PERSON.format(who=ct.CHART_YOU, values=_values(summary.you)))
        lines.append(
            ct.SUMMARY_PERSON.format(who=ct.CHART_PARTNER, values=_values(summary.partner))
        )
    else:
        lines.append(ct.SUMMARY_PERSON.format(who=ct.CHART_YOU, values=_values(summary.you)))
    partner_days = ct.SUMMARY_DAYS_PARTNER.format(summary.partner_days) if paired else ""
    lines += [
        "",
        ct.SUMMARY_DAYS.format(summary.my_days, partner=partner_days),
    ]
    if paired:
        lines.append(ct.SUMMARY_APPRECIATIONS.format(sent=summary.sent, got=summary.got))
    if summary.review is not None:
        lines.append(_review_line(summary.review))
    if summary.path_stage is not None:
        lines.append(path_line(summary.path_stage, summary.path_paused))
    lines += measure_views.summary_lines(summary.monthly, low_safety=summary.low_safety)
    trend = {"up": ct.SUMMARY_UP, "down": ct.SUMMARY_DOWN, "steady": ct.SUMMARY_STEADY}
    if summary.you.trend in trend:
        lines += ["", str(trend[summary.you.trend])]
    if summary.private_week is not None:
        lines += ["", ct.SUMMARY_PRIVATE_VIEW.format(values=_values(None, summary.private_week))]
    lines += _hard_lines(summary)
    # Safety first: a person who does not feel safe is pointed to individual help only.
    if summary.low_safety:
        lines += ["", low_safety_note()]
    elif summary.low_connection and paired:
        lines += ["", low_connection_note()]
    lines += ["", str(ct.SUMMARY_FOOT if paired else ct.SUMMARY_SOLO_FOOT)]
    return "\n".join(lines)


def _titles() -> dict[str, str]:
    """The chart's panel titles in the reader's language."""
    return {question: str(name) for question, name in ct.SHORT_NAMES.items()}


def chart_of(summary: Summary) -> bytes:
    """The chart's PNG (blocking: call it in a thread)."""
    from core.chart import render_chart  # matplotlib loads on first use, not at import

    labels = {summary.user_id: str(ct.CHART_YOU)}
    if summary.partner_id is not None:
        labels[summary.partner_id] = str(ct.CHART_PARTNER)
    series = {labels[person]: values for person, values in summary.series.items()}
    week_labels = [week_label(d) for d in summary.week_ends]
    return render_chart(series, week_labels, _titles(), empty_text=str(ct.SUMMARY_EMPTY_CHART))


@dataclass(frozen=True)
class WeeklyView:
    """A scheduled summary: its text (built now), the chart to draw, the people it shows (the
    couple, lower id first, or the person alone) and this person's caption."""

    text: str
    chart: ChartSpec
    people: tuple[int, ...]
    caption: str


def chart_spec(summary: Summary) -> tuple[ChartSpec, tuple[int, ...]]:
    """The chart as both partners see it: revealed rounds only, lines in user id order, no
    legend (the caption says whose line is whose); a person alone gets `chart_of`'s chart."""
    week_labels = [week_label(d) for d in summary.week_ends]
    titles = _titles()
    if summary.partner_id is None:
        series = {str(ct.CHART_YOU): summary.series[summary.user_id]}
        return ChartSpec(series, week_labels, titles, str(ct.SUMMARY_EMPTY_CHART)), (
            summary.user_id,
        )
    people = tuple(sorted((summary.user_id, summary.partner_id)))
    ordered = {str(i): summary.series[person] for i, person in enumerate(people)}
    spec = ChartSpec(ordered, week_labels, titles, str(ct.SUMMARY_EMPTY_CHART), legend=False)
    return spec, people


def weekly_view(summary: Summary) -> WeeklyView:
    """The scheduled summary's text and chart spec (drawing is `bot.charts`' job)."""
    spec, people = chart_spec(summary)
    if len(people) == 1:
        caption = str(ct.SUMMARY_CHART_SOLO)
    else:
        caption = str(
            ct.SUMMARY_CHART_FIRST if people[0] == summary.user_id else ct.SUMMARY_CHART_SECOND
        )
    return WeeklyView(text_of(summary), spec, people, caption)


class WeeklyBuilder:
    """Builds scheduled summaries for the dispatcher: the people asked for together are read
    together (`core.summary_batch`, `group` at a time, one short transaction each), and each
    person's text is built in their own send's task.

    At the Sunday peak every summary of a zone is due in the same second and the dispatcher
    sends a batch at once. Read one by one, each summary took about ten queries, and their
    building and round trips were most of the event loop's work per summary; the loop also
    answers people. Read as a group, that is about nine queries for `group` people, and no
    step of the loop holds it for long: the text of one person is one step."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        now: Callable[[], datetime],
        metrics: Metrics | None = None,
        group: int = 32,
    ) -> None:
        self.sessions, self.now, self.metrics, self.group = sessions, now, metrics, group
        self._asked: list[tuple[int, asyncio.Future[Summary | None]]] = []
        self._reader: asyncio.Task[None] | None = None

    async def __call__(self, user_id: int) -> WeeklyView | None:
        """One person's scheduled summary (None if not set up)."""
        asked: asyncio.Future[Summary | None] = asyncio.get_running_loop().create_future()
        self._asked.append((user_id, asked))
        if self._reader is None or self._reader.done():
            self._reader = asyncio.create_task(self._read_asked())
        summary = await asked
        if summary is None:
            return None
        with (self.metrics.rendering if self.metrics is not None else _untimed)("text"):
            return weekly_view(summary)

    async def _read_asked(self) -> None:
        """Read what was asked, `group` people at a time, until no one waits."""
        group: list[tuple[int, asyncio.Future[Summary | None]]] = []
        try:
            await asyncio.sleep(0)  # the rest of the dispatcher's batch asks first
            while self._asked:
                group, self._asked = self._asked[: self.group], self._asked[self.group :]
                try:
                    async with self.sessions.begin() as session:
                        found = await summary_batch.gather_many(
                            session, [user_id for user_id, _ in group], self.now()
                        )
                except Exception as error:  # each send that asked fails as it would alone
                    for _, asked in group:
                        if not asked.done():
                            asked.set_exception(error)
                    continue
                for user_id, asked in group:
                    if not asked.done():
                        asked.set_result(found.get(user_id))
        finally:
            for _, asked in [*group, *self._asked]:
                if not asked.done():
                    asked.cancel()  # only when this task itself is cancelled (shutdown)
            self._asked.clear()


async def build(session: AsyncSession, user_id: int, now: datetime) -> Summary | None:
    """Read one person's summary (None if they are not set up)."""
    user = await people.get(session, user_id)
    if user is None or user.timezone is None:
        return None
    partner = await pairing.partner_of(session, user)
    return await gather(session, user, partner, now)


async def render(summary: Summary, metrics: Metrics | None = None) -> SummaryView:
    """Text now, chart in a worker thread (matplotlib never blocks the event loop); each part
    is timed into `metrics` when given."""
    timing = metrics.rendering if metrics is not None else _untimed
    with timing("chart"):
        chart = await asyncio.to_thread(chart_of, summary)
    caption = str(ct.SUMMARY_CHART if summary.partner_id is not None else ct.SUMMARY_CHART_SOLO)
    with timing("text"):
        text = text_of(summary)
    return SummaryView(text, chart, caption)


@contextlib.contextmanager
def _untimed(_part: str) -> Iterator[None]:
    yield


async def for_person(
    sessions: async_sessionmaker[AsyncSession],
    user_id: int,
    now: datetime,
    metrics: Metrics | None = None,
) -> SummaryView | None:
    """Read (one short transaction) and render one person's summary."""
    async with sessions.begin() as session:
        summary = await build(session, user_id, now)
    return None if summary is None else await render(summary, metrics)
