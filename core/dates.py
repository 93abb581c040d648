"""Dates as people read them, in one style everywhere (chat, captions, the report PDF).

Day first, month by name ("26 Nov 2026", long: "26 November 2026"), through Babel so month names
come in the reader's language. The same style in every message keeps a report's caption and the
chat around it from speaking of one day in two ways.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from babel import Locale
from babel.dates import format_date

SHORT: Final = "d MMM y"  # 26 Nov 2026
LONG: Final = "d MMMM y"  # 26 November 2026


def day_text(day: date, locale: str = "en") -> str:
    """A date in tend's short style: "26 Nov 2026" in English (month names from `locale`)."""
    return format_date(day, SHORT, locale=locale)


def long_day_text(day: date, locale: str = "en") -> str:
    """A date in tend's long style: "26 November 2026" in English; in another language its own
    long date, whose little words the bare pattern would drop ("1 de febrero de 2027", not
    "1 febrero 2027")."""
    if Locale.parse(locale).language == "en":
        return format_date(day, LONG, locale=locale)
    return format_date(day, "long", locale=locale)
