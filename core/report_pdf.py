"""Draw a report (`core.report.ReportData`) as a PDF of a few pages. Blocking: run it in a worker.

fpdf2 lays out the pages; the charts are matplotlib's, as SVG (vector) up to VECTOR_POINTS
points and as 150 dpi PNG beyond. Text is set in DejaVu Sans, which matplotlib ships (Latin with
accents, Greek, Cyrillic); a character the font
cannot draw (emoji, mostly) is replaced by a neutral dot rather than left as an empty box.
Dates are formatted with Babel in the reader's locale. Every word comes from
`content.report_texts`. Nothing is written to disk: the PDF is returned as bytes.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date, format_skeleton
from fontTools.ttLib import TTFont
from fpdf import FPDF
from matplotlib import get_data_path

from content import report_texts as rt
from core import report_charts
from core.progress import DIMENSIONS
from core.report import ReportData
from core.report_words import Words

INK = (60, 60, 60)
SOFT = (120, 120, 120)
_FONT = "dejavu"
VECTOR_POINTS = 16
_JOINERS = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")  # ZWJ, variation, skin tone


def _font_files() -> tuple[Path, Path]:
    folder = Path(get_data_path()) / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


@lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    """Code points both DejaVu faces can draw."""
    regular, bold = (TTFont(path, lazy=True) for path in _font_files())
    both = set(regular.getBestCmap()) & set(bold.getBestCmap())
    return frozenset(both)


def clean(text: str) -> str:
    """`text` with every character the font cannot draw replaced by a dot (runs of them by one)
    and emoji joiners dropped; line breaks and tabs kept."""
    drawable = _drawable()
    out: list[str] = []
    for char in _JOINERS.sub("", unicodedata.normalize("NFC", text)):
        if char in "\n\t" or ord(char) in drawable:
            out.append(char)
        elif not out or out[-1] != rt.PDF_EMOJI:
            out.append(rt.PDF_EMOJI)
    return "".join(out)


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(_FONT, "", 8)
        self.set_text_color(*SOFT)
        self.cell(0, 6, rt.PDF_PAGE.format(n=self.page_no()), align="C")


def _day(day: date, locale: str) -> str:
    return format_date(day, "long", locale=locale)


def short_date(day: date, locale: str = "en") -> str:
    """A date in the reader's local style, short ("Nov 26, 2026" in English), for captions."""
    return format_date(day, "medium", locale=locale)


class _Writer:
    """The pages, section by section (a small helper around fpdf2's cursor)."""

    def __init__(self, data: ReportData, locale: str) -> None:
        self.data, self.locale = data, locale
        self.pdf = _Pdf(format="A4")
        regular, bold = _font_files()
        self.pdf.add_font(_FONT, "", str(regular))
        self.pdf.add_font(_FONT, "B", str(bold))
        self.pdf.set_auto_page_break(True, margin=18)
        self.pdf.set_margins(18, 18, 18)
        self.pdf.set_title(clean(rt.PDF_TITLE))
        self.pdf.set_creator("tend")

    def heading(self, text: str, size: int = 15) -> None:
        self.pdf.set_font(_FONT, "B", size)
        self.pdf.set_text_color(*INK)
        self.pdf.multi_cell(0, size * 0.55, clean(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(2)

    def text(self, text: str, size: int = 10, colour: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font(_FONT, "", size)
        self.pdf.set_text_color(*colour)
        self.pdf.multi_cell(0, size * 0.5, clean(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1.5)

    def picture(self, image: bytes, height: float) -> None:
        if self.pdf.get_y() + height > self.pdf.h - 20:
            self.pdf.add_page()
        self.pdf.image(io.BytesIO(image), x=self.pdf.l_margin, w=self.pdf.epw, h=height)
        self.pdf.ln(3)

    def table(
        self, head: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]
    ) -> None:
        self.pdf.set_font(_FONT, "", 9)
        self.pdf.set_text_color(*INK)
        with self.pdf.table(
            col_widths=tuple(widths),
            line_height=5.5,
            first_row_as_headings=True,
            borders_layout="HORIZONTAL_LINES",
        ) as table:
            for values in (head, *rows):
                row = table.row()
                for value in values:
                    row.cell(clean(value))
        self.pdf.ln(4)


def _fmt(points: int) -> str:
    """Vector (SVG) for short charts; PNG beyond VECTOR_POINTS (fpdf2 lays out each SVG marker
    and glyph as its own object: two years of weeks took seconds)."""
    return "svg" if points <= VECTOR_POINTS else "png"


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _cover(w: _Writer) -> None:
    data, pdf = w.data, w.pdf
    pdf.add_page()
    pdf.ln(30)
    w.heading(rt.PDF_TITLE_COUPLE if data.choice.couple else rt.PDF_TITLE, size=24)
    if data.name:
        w.text(rt.PDF_FOR.format(name=data.name), size=13)
    w.text(rt.PDF_PERIOD.format(start=_day(data.start, w.locale), end=_day(data.end, w.locale)), 13)
    w.text(rt.PDF_MADE.format(day=_day(data.made, w.locale)), 10, SOFT)
    pdf.ln(10)
    w.heading(rt.PDF_HOLDS, 13)
    for name in (s for s in rt.SECTION_NAMES if s in data.choice.included):
        w.text(f"•  {rt.SECTION_NAMES[name]}")
    pdf.ln(6)
    w.heading(rt.PDF_NOT, 13)
    w.text(rt.PDF_NOT_TEXT)
    w.text(rt.PDF_SCALES, 9, SOFT)


def _ratings(w: _Writer) -> None:
    from core.chart import render_print

    data, included = w.data, w.data.choice.included
    people = []
    if "mine" in included and data.me is not None:
        people.append((rt.PDF_YOU, data.me))
    if "partner" in included and data.partner is not None:
        people.append((rt.PDF_PARTNER, data.partner))
    w.pdf.add_page()
    if people:
        w.heading(rt.PDF_RATINGS)
        w.text(rt.PDF_RATINGS_NOTE, 9, SOFT)
        labels = [format_skeleton("MMMd", d, locale=w.locale) for d in data.week_ends]
        series = {label: ratings.weekly for label, ratings in people}
        titles = dict(rt.PDF_DIMENSIONS)
        chart = render_print(series, labels, titles, rt.PDF_NO_RATINGS, _fmt(len(labels)))
        w.picture(chart, 125)
        rows = [
            [label, *(_number(r.averages.get(d)) for d in DIMENSIONS), str(r.averages.count)]
            for label, r in people
        ]
        w.table(rt.PDF_AVERAGE_HEAD, rows, (40, 30, 30, 30, 24))
    if "days" in included:
        w.heading(rt.PDF_DAYS, 12)
        for label, ratings in ((rt.PDF_YOU, data.me), (rt.PDF_PARTNER, data.partner)):
            if ratings is not None:
                w.text(rt.PDF_DAYS_LINE.format(who=label, days=ratings.days, total=data.days))


def _monthly(w: _Writer) -> None:
    data = w.data
    w.heading(rt.PDF_MONTHLY)
    months = sorted(set(data.monthly_mine) | set(data.monthly_partner))
    if not months:
        w.text(rt.PDF_MONTHLY_NONE)
        return
    w.text(rt.PDF_MONTHLY_NOTE, 9, SOFT)
    labels = [format_skeleton("yMMM", m, locale=w.locale) for m in months]
    lines = {rt.PDF_YOU: [data.monthly_mine.get(m) for m in months]}
    if data.monthly_partner:
        lines[rt.PDF_PARTNER] = [data.monthly_partner.get(m) for m in months]
    w.picture(report_charts.monthly(lines, labels, _fmt(len(labels))), 60)
    rows = [
        [label, str(data.monthly_mine.get(m, "–")), str(data.monthly_partner.get(m, "–"))]
        for label, m in zip(labels, months, strict=True)
    ]
    w.table(rt.PDF_MONTH_HEAD, rows, (60, 40, 40))


def _bounds(w: _Writer) -> None:
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
                rt.STATUS.get(b.status, b.status),
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
    w.picture(report_charts.review(data.review_weekly, labels, _fmt(len(labels))), 50)


def _words(w: _Writer, title: str, entries: Sequence[Words]) -> None:
    w.pdf.add_page()
    w.heading(title)
    if not entries:
        w.text(rt.PDF_WORDS_NONE)
    for entry in entries:
        mark = f"  {rt.PDF_PRIVATE_MARK}" if entry.private else ""
        w.text(f"{_day(entry.day, w.locale)}{mark}", 9, SOFT)
        w.text(entry.text)


def render(data: ReportData, locale: str = "en") -> bytes:
    """The report as PDF bytes: a cover, then the chosen sections (see core.report)."""
    w = _Writer(data, locale)
    included = data.choice.included
    _cover(w)
    if {"mine", "partner", "days"} & included:
        _ratings(w)
    if {"monthly", "bounds"} & included:
        w.pdf.add_page()
        if "monthly" in included:
            _monthly(w)
        if "bounds" in included:
            _bounds(w)
    if "answers" in included:
        _words(w, rt.PDF_ANSWERS, data.answers)
    if "journal" in included:
        _words(w, rt.PDF_JOURNAL, data.journal)
    return bytes(w.pdf.output())
