"""The report PDF's page writer: fonts, text cleaning, dates and the few drawing steps the
sections use (`core.report_pdf` lays out the sections with it).

Text is set in DejaVu Sans, which matplotlib ships (Latin with accents, Greek, Cyrillic); a
character the font cannot draw (emoji, mostly) is replaced by a neutral dot rather than left
as an empty box. Dates are formatted with Babel in the reader's locale. Charts go in as SVG
(vector) up to VECTOR_POINTS points and as PNG beyond.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel.numbers import format_decimal
from fontTools.ttLib import TTFont
from fpdf import FPDF
from matplotlib import get_data_path

from content import i18n
from content import report_texts as rt
from content.i18n import Msg
from core.dates import day_text, long_day_text
from core.report import ReportData

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


def day(day: date, locale: str) -> str:
    """A date in tend's long style ("26 November 2026" in English), as `core.dates` has it."""
    return long_day_text(day, locale)


def short_date(day: date, locale: str = "en") -> str:
    """A date in tend's short style ("26 Nov 2026" in English), for captions: the same style
    as every date in the chat."""
    return day_text(day, locale)


class Writer:
    """The pages, section by section (a small helper around fpdf2's cursor)."""

    def __init__(self, data: ReportData, locale: str) -> None:
        self.data, self.locale = data, locale
        self.pdf = _Pdf(format="A4")
        regular, bold = _font_files()
        self.pdf.add_font(_FONT, "", str(regular))
        self.pdf.add_font(_FONT, "B", str(bold))
        self.pdf.set_auto_page_break(True, margin=18)
        self.pdf.set_margins(18, 18, 18)
        self.pdf.set_title(clean(str(rt.PDF_TITLE)))
        self.pdf.set_creator("tend")

    def heading(self, text: str | Msg, size: int = 15) -> None:
        self.pdf.set_font(_FONT, "B", size)
        self.pdf.set_text_color(*INK)
        self.pdf.multi_cell(0, size * 0.55, clean(str(text)), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(2)

    def text(self, text: str | Msg, size: int = 10, colour: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font(_FONT, "", size)
        self.pdf.set_text_color(*colour)
        self.pdf.multi_cell(0, size * 0.5, clean(str(text)), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1.5)

    def room(self, height: float) -> None:
        """Start a new page unless `height` mm are left above the footer (keeps a heading with
        what follows it)."""
        if self.pdf.get_y() + height > self.pdf.h - 20:
            self.pdf.add_page()

    def picture(self, image: bytes, height: float) -> None:
        if self.pdf.get_y() + height > self.pdf.h - 20:
            self.pdf.add_page()
        self.pdf.image(io.BytesIO(image), x=self.pdf.l_margin, w=self.pdf.epw, h=height)
        self.pdf.ln(3)

    def table(
        self,
        head: Sequence[str | Msg],
        rows: Sequence[Sequence[str | Msg]],
        widths: Sequence[int],
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
                    row.cell(clean(str(value)))
        self.pdf.ln(4)


def fmt(points: int) -> str:
    """The chart format for `points` points: "svg" (vector) up to VECTOR_POINTS, "png" beyond
    (fpdf2 lays out each SVG marker and glyph as its own object: two years took seconds)."""
    return "svg" if points <= VECTOR_POINTS else "png"


def number(value: float | None) -> str:
    """One decimal in the reader's style ("3.0", "3,0"), or a dash for no value."""
    return "–" if value is None else format_decimal(round(value, 1), "0.0", locale=i18n.current())
