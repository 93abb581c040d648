"""The export as a person reads it: the same data as the JSON file, in Markdown.

Words instead of stored values ("the partner who was hurt", not "hurt"), dates and times in the
person's own time zone ("Thursday 26 November 2026, 13:00"), and labels in plain words, all in
the person's language (gettext `Msg`s in core.export_words; dates, months and weekdays by Babel;
boundary areas, /hard's and /share's answers and parts, and report periods from their content in
that language). The JSON export keeps its keys and stored values in English, for programs. A
field added to the export later is rendered kindly too: a timestamp becomes a local time, a date
a date, and a stored choice ("not_kept") words ("not kept").
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from babel.dates import format_date, format_skeleton, get_day_names

from content import i18n
from content import report_texts as rt
from content.i18n import Msg
from content.moments import hard_moments, share
from core import boundaries, rules, timezones
from core.export_words import IN_SECTION, LABELS, TITLES, WORDS
from core.share.entries import PARTS

SKIP = frozenset({"format", "exported_at"})
# People's own words: shown exactly as written, never read as a stored choice.
FREE_TEXT = frozenset(
    {"text", "statement", "consequence", "note", "question", "set_off_by", "helped"}
    | {"what_helped", "what_was_hard", *PARTS}
)
_MONTH = re.compile(r"\d{4}-\d{2}")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CHOICE = re.compile(r"[a-z]+(?:_[a-z]+)+")


TITLE = Msg("Everything tend holds about you")
EXPORTED = Msg("Exported on {day}.")
ZONE = Msg("Times are shown in your time zone, {zone}.")
NOTHING = Msg("Nothing here.")
YES, NO = Msg("yes"), Msg("no")
HOURS = Msg("{start} to {end}")
EVERY_DAY, WEEKDAYS, WEEKENDS = Msg("every day"), Msg("weekdays"), Msg("weekends")


def _label(key: str) -> str:
    if key in LABELS:
        return str(LABELS[key])
    if key in PARTS:  # a part of a fuller check-in, by its title in /share
        return next(part.title for part in share(i18n.current()).parts if part.id == key)
    words = key.removesuffix("_at").replace("_", " ")
    return words[:1].upper() + words[1:]


def _from_content(section: str, key: str, value: str) -> str | None:
    """A stored id whose words live in content, in the reader's language (None: not one)."""
    language = i18n.current()
    if key == "category":
        found = boundaries.guide(language).category(value)
        return found.label if found is not None else None
    if section.startswith("hard_moment") and key in ("answer", "partner_answer"):
        return next((p.label for p in hard_moments(language).presets if p.id == value), None)
    if section.startswith("share") and key in ("answer", "partner_answer"):
        receiver = share(language).receiver
        return {"thanks": receiver.thank_you_button, "talk": receiver.talk_button}.get(value)
    if key == "rhythm":
        return next((r.label for r in share(language).setup.rhythms if r.id == value), None)
    if key == "period" and value in rt.PERIODS:
        return str(rt.PERIODS[value])
    return None


def _days(key: str, value: str) -> str | None:
    """A reminder's days ("Mon, Wed", "every day") or the review day ("thu") in the reader's
    words (None: not a day field)."""
    if key == "boundary_review_day" and value in rules.DAY_NAMES:
        names = get_day_names("wide", locale=i18n.current())
        return str(names[rules.DAY_NAMES.index(value)])
    if key != "days" or (mask := rules.parse_days(value)) is None:
        return None
    if mask & rules.EVERY_DAY == rules.EVERY_DAY:
        return str(EVERY_DAY)
    if mask in (rules.WEEKDAYS, rules.WEEKENDS):
        return str(WEEKDAYS if mask == rules.WEEKDAYS else WEEKENDS)
    names = get_day_names("abbreviated", locale=i18n.current())
    return ", ".join(str(names[day]) for day in range(7) if mask >> day & 1)


def local_time(moment: datetime, zone: str | None) -> str:
    """A moment as a person reads it, in their zone: 'Thursday 26 November 2026, 13:00'."""
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(
        timezones.zone(zone or "UTC")
    )
    return f"{_day(local.date())}, {local:%H:%M}"


def _day(day: date) -> str:
    """A day in the current reader's language: "Thursday 26 November 2026" in English, the
    language's own full date otherwise ("jueves, 26 de noviembre de 2026")."""
    language = i18n.current()
    return format_date(day, "EEEE d MMMM y" if language == "en" else "full", locale=language)


class _Renderer:
    def __init__(self, zone: str | None) -> None:
        self.zone = zone
        self.section = ""

    def value(self, key: str, value: Any) -> str:
        if value is None:
            return "–"
        if isinstance(value, bool):
            return str(YES if value else NO)
        if key == "quiet_hours" and isinstance(value, list) and len(value) == 2:
            return HOURS.format(start=value[0], end=value[1])
        if isinstance(value, list):
            return ", ".join(self.value(key, v) for v in value) if value else "–"
        if isinstance(value, str):
            return self.text(key, value)
        return str(value)

    def text(self, key: str, value: str) -> str:
        if key in FREE_TEXT or (key == "answer" and self.section == "checkins"):
            return value.replace("\n", "\n  ")  # kept inside its bullet
        words = IN_SECTION.get((self.section, key)) or WORDS.get(key, {})
        if value in words:
            return str(words[value])
        found = _from_content(self.section, key, value) or _days(key, value)
        if found is not None:
            return found
        if key == "month" and _MONTH.fullmatch(value):
            month = date.fromisoformat(f"{value}-01")
            return format_skeleton("yMMMM", month, locale=i18n.current())
        if _TIMESTAMP.fullmatch(value[:16]) and len(value) >= 16:
            try:
                return local_time(datetime.fromisoformat(value), self.zone)
            except ValueError:
                pass
        if _DATE.fullmatch(value):
            try:
                return _day(date.fromisoformat(value))
            except ValueError:
                pass
        if _CHOICE.fullmatch(value):
            return value.replace("_", " ")  # a stored choice not listed above
        return value.replace("\n", "\n  ")

    def record(self, record: dict[str, Any], depth: int) -> list[str]:
        indent = "  " * depth
        lines = []
        for key, value in record.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                lines.append(f"{indent}- **{_label(key)}**:")
                for number, item in enumerate(value, start=1):
                    lines.append(f"{indent}  - {number}.")
                    lines += self.record(item, depth + 2)
            elif isinstance(value, dict):
                lines.append(f"{indent}- **{_label(key)}**:")
                lines += self.record(value, depth + 1)
            else:
                lines.append(f"{indent}- **{_label(key)}**: {self.value(key, value)}")
        return lines


def to_markdown(data: dict[str, Any], language: str | None = None) -> str:
    """Render an export (as made by core.rights.export_person) as a Markdown document, with
    times in the person's own zone (`data["profile"]["timezone"]`, UTC when unset), in
    `language` (default: the person's, `data["profile"]["language"]`; English when unknown)."""
    profile = data.get("profile") or {}
    with i18n.speaking(language or profile.get("language")):
        return _document(data, profile.get("timezone"))


def _document(data: dict[str, Any], zone: object) -> str:
    render = _Renderer(zone if isinstance(zone, str) else None)
    exported = data.get("exported_at")
    lines = [f"# {TITLE}", ""]
    if isinstance(exported, str):
        lines += [EXPORTED.format(day=render.text("exported_at", exported)), ""]
    if render.zone:
        lines += [ZONE.format(zone=render.zone), ""]
    for key, value in data.items():
        if key in SKIP:
            continue
        lines += [f"## {TITLES.get(key, _label(key))}", ""]
        render.section = key
        if value is None or value == []:
            lines.append(str(NOTHING))
        elif isinstance(value, dict):
            lines += render.record(value, 0)
        elif isinstance(value, list):
            for number, item in enumerate(value, start=1):
                if isinstance(item, dict):
                    lines += [f"### {number}", ""]
                    lines += render.record(item, 0)
                    lines.append("")
                else:
                    lines.append(f"- {render.value(key, item)}")
        else:
            lines.append(render.value(key, value))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
