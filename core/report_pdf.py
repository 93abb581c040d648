"""Draw a report (`core.report.ReportData`) as a PDF of a few pages. Blocking: run it in a worker.

fpdf2 lays out the pages (the writer, fonts and text cleaning are `core.report_layout`'s); the
charts are matplotlib's. Every word comes from `content.report_texts`, in the reader's
language. Nothing is written to disk: the PDF is returned as bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from babel.dates import format_skeleton

from content import i18n
from content import report_texts as rt
from content.i18n import Msg
from core import report_charts
from core.progress import DIMENSIONS
from core.report import ReportData
from core.report_layout import SOFT, Writer, day, fmt, number
from core.report_layout import short_date as short_date
from core.report_words import Words


def _cover(w: Writer) -> None:
    data, pdf = w.data, w.pdf
    pdf.add_page()
    pdf.ln(30)
    w.heading(rt.PDF_TITLE_COUPLE if data.choice.couple else rt.PDF_TITLE, size=24)
    if data.name:
        w.text(rt.PDF_FOR.format(name=data.name), size=13)
    w.text(rt.PDF_PERIOD.format(start=day(data.start, w.locale), end=day(data.end, w.locale)), 13)
    w.text(rt.PDF_MADE.format(day=day(data.made, w.locale)), 10, SOFT)
    pdf.ln(10)
    w.heading(rt.PDF_HOLDS, 13)
    for name in (s for s in rt.SECTION_NAMES if s in data.choice.included):
        if name != "path" or data.path is not None:
            w.text(f"•  {rt.SECTION_NAMES[name]}")
    pdf.ln(6)
    w.heading(rt.PDF_NOT, 13)
    w.text(rt.PDF_NOT_TEXT)
    w.text(rt.PDF_SCALES, 9, SOFT)


def _ratings(w: Writer) -> None:
    from core.chart import render_print

    data, included = w.data, w.data.choice.included
    people = []
    if "mine" in included and data.me is not None:
        people.append((str(rt.PDF_YOU), data.me))
    if "partner" in included and data.partner is not None:
        people.append((str(rt.PDF_PARTNER), data.partner))
    w.pdf.add_page()
    if people:
        w.heading(rt.PDF_RATINGS)
        w.text(rt.PDF_RATINGS_NOTE, 9, SOFT)
        labels = [format_skeleton("MMMd", d, locale=w.locale) for d in data.week_ends]
        series = {label: ratings.weekly for label, ratings in people}
        titles = {key: str(title) for key, title in rt.PDF_DIMENSIONS.items()}
        chart = render_print(series, labels, titles, str(rt.PDF_NO_RATINGS), fmt(len(labels)))
        w.picture(chart, 125)
        rows = [
            [label, *(number(r.averages.get(d)) for d in DIMENSIONS), str(r.averages.count)]
            for label, r in people
        ]
        w.table(rt.PDF_AVERAGE_HEAD, rows, (40, 30, 30, 30, 24))
    if "days" in included:
        w.heading(rt.PDF_DAYS, 12)
        for label, ratings in ((rt.PDF_YOU, data.me), (rt.PDF_PARTNER, data.partner)):
            if ratings is not None:
                w.text(rt.PDF_DAYS_LINE.format(data.days, who=label, days=ratings.days))


def _monthly(w: Writer) -> None:
    data = w.data
    w.heading(rt.PDF_MONTHLY)
    months = sorted(set(data.monthly_mine) | set(data.monthly_partner))
    if not months:
        w.text(rt.PDF_MONTHLY_NONE)
        return
    w.text(rt.PDF_MONTHLY_NOTE, 9, SOFT)
    labels = [format_skeleton("yMMM", m, locale=w.locale) for m in months]
    lines = {str(rt.PDF_YOU): [data.monthly_mine.get(m) for m in months]}
    if data.monthly_partner:
        lines[str(rt.PDF_PARTNER)] = [data.monthly_partner.get(m) for m in months]
    w.picture(report_charts.monthly(lines, labels, fmt(len(labels))), 60)
    rows = [
        [label, str(data.monthly_mine.get(m, "–")), str(data.monthly_partner.get(m, "–"))]
        for label, m in zip(labels, months, strict=True)
    ]
    w.table(rt.PDF_MONTH_HEAD, rows, (60, 40, 40))


def _bounds(w: Writer) -> None:
    data = w.data
    w.heading(rt.PDF_BOUNDS)
    for title, lines in (
        (rt.PDF_BOUNDS_MINE, data.my_bounds),
        (rt.PDF_BOUNDS_PARTNER, data.partner_bounds),
    ):
        if title == rt.PDF_BOUNDS_PARTNER and not data.paired:
            continue
        w.heading(title, 11)
        if not lines:
            w.text(rt.PDF_BOUNDS_NONE)
            continue
        rows = [
            [
                b.statement,
                str(rt.STATUS.get(b.status, b.status)),
                "–" if b.total is None else f"{b.kept} / {b.total}",
            ]
            for b in lines
        ]
        w.table(rt.PDF_BOUNDS_HEAD, rows, (100, 40, 34))
    if data.review_weekly is None:
        if data.paired:
            w.text(rt.PDF_REVIEW_OFF, 9, SOFT)
        return
    w.heading(rt.PDF_REVIEW_CHART, 11)
    labels = [format_skeleton("MMMd", d, locale=w.locale) for d in data.week_ends]
    w.picture(report_charts.review(data.review_weekly, labels, fmt(len(labels))), 50)


def _hard(w: Writer) -> None:
    data, hard = w.data, w.data.hard
    w.room(45)
    w.heading(rt.PDF_HARD)
    w.text(rt.PDF_HARD_NOTE, 9, SOFT)
    if data.choice.couple:
        w.text(rt.PDF_HARD_COUPLE, 9, SOFT)
        rows = [
            [str(label), str(rt.PDF_HARD_PRIVATE), "–"]
            if tally is None
            else [str(label), str(tally.count), number(tally.average)]
            for label, tally in ((rt.PDF_YOU, hard.mine), (rt.PDF_PARTNER, hard.partner))
        ]
        w.table(rt.PDF_HARD_HEAD, rows, (60, 40, 50))
        return
    if data.paired:
        w.text(rt.PDF_HARD_OWN, 9, SOFT)
    tally = hard.mine
    if tally is None or not tally.count:
        w.text(rt.PDF_HARD_NONE)
        return
    w.text(rt.PDF_HARD_COUNT.format(count=tally.count))
    if tally.average is not None:
        w.text(rt.PDF_HARD_AVERAGE.format(value=number(tally.average)))
    if tally.helped_most:
        w.text(rt.PDF_HARD_HELPED.format(helped=tally.helped_most))


def _path(w: Writer) -> None:
    stage = w.data.path
    if stage is None:
        return
    w.room(25)
    w.heading(rt.PDF_PATH)
    w.text(rt.PDF_PATH_LINE.format(n=stage.stage, of=stage.of, title=stage.title))
    if stage.paused:
        w.text(rt.PDF_PATH_PAUSED, 9, SOFT)


def _hard_words(w: Writer) -> None:
    w.pdf.add_page()
    w.heading(rt.PDF_HARD_WORDS)
    if not w.data.hard.noted:
        w.text(rt.PDF_WORDS_NONE)
    for moment in w.data.hard.noted:
        strength = (
            f"  ·  {rt.PDF_HARD_STRENGTH.format(value=moment.intensity)}"
            if moment.intensity is not None
            else ""
        )
        w.text(f"{day(moment.day, w.locale)}{strength}", 9, SOFT)
        if moment.trigger:
            w.text(rt.PDF_HARD_TRIGGER.format(words=moment.trigger))
        if moment.helped:
            w.text(rt.PDF_HARD_HELPED_ONE.format(words=moment.helped))


def _words(w: Writer, title: str | Msg, entries: Sequence[Words]) -> None:
    w.pdf.add_page()
    w.heading(title)
    if not entries:
        w.text(rt.PDF_WORDS_NONE)
    for entry in entries:
        mark = f"  {rt.PDF_PRIVATE_MARK}" if entry.private else ""
        w.text(f"{day(entry.day, w.locale)}{mark}", 9, SOFT)
        w.text(entry.text)


def render(data: ReportData, locale: str = "en") -> bytes:
    """The report as PDF bytes: a cover, then the chosen sections (see core.report), every word
    and date in `locale` (the reader's language, a `core.languages.SUPPORTED` code; an unknown
    one reads as English)."""
    with i18n.speaking(locale) as language:
        return _draw(data, language)


def _draw(data: ReportData, locale: str) -> bytes:
    w = Writer(data, locale)
    included = data.choice.included
    _cover(w)
    if {"mine", "partner", "days"} & included:
        _ratings(w)
    if {"monthly", "bounds", "hard"} & included or data.path is not None:
        w.pdf.add_page()
        if "monthly" in included:
            _monthly(w)
        if "bounds" in included:
            _bounds(w)
        if "hard" in included:
            _hard(w)
        _path(w)
    if "answers" in included:
        _words(w, rt.PDF_ANSWERS, data.answers)
    if "journal" in included:
        _words(w, rt.PDF_JOURNAL, data.journal)
    if "hard_words" in included:
        _hard_words(w)
    return bytes(w.pdf.output())
