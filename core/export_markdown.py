"""The export as a person reads it: the same data as the JSON file, in Markdown.

Words instead of stored values ("the partner who was hurt", not "hurt"), dates and times in the
person's own time zone ("Thursday 26 November 2026, 13:00"), and labels in plain words, all in
the person's language (gettext `Msg`s, dates by Babel). A field
added to the export later is rendered kindly too: a timestamp becomes a local time, a date a
date, and a stored choice ("not_kept") words ("not kept").
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from babel.dates import format_date

from content import i18n
from content.i18n import Msg
from core import boundaries, timezones

TITLES = {
    "profile": Msg("About you"),
    "settings": Msg("Your settings"),
    "reminders": Msg("Reminders"),
    "pairing": Msg("Pairing"),
    "invite": Msg("Open invite"),
    "erasure_warning": Msg("Erasure warning"),
    "reminder_answers": Msg("Your answers to reminders"),
    "checkins": Msg("Check-ins"),
    "journal": Msg("Journal"),
    "held_messages": Msg("Words waiting for your choice"),
    "appreciations": Msg("Appreciations"),
    "boundaries": Msg("Your boundaries"),
    "answers_to_partner_boundaries": Msg("Your answers to your partner's boundaries"),
    "boundary_reviews": Msg("Your weekly boundary review answers"),
    "monthly_looks": Msg("Your monthly looks at the relationship"),
    "couple_report_requests": Msg("Couple reports asked for"),
}
LABELS = {
    "telegram_id": Msg("Telegram id"),
    "created_at": Msg("Started"),
    "consent_at": Msg("Agreed to the privacy notice"),
    "consent_version": Msg("Privacy notice dated"),
    "role": Msg("Your side"),
    "timezone": Msg("Time zone"),
    "language": Msg("Language"),
    "last_seen_at": Msg("Last here"),
    "quiet_hours": Msg("Quiet hours"),
    "paused_until": Msg("Reminders paused until"),
    "discreet_previews": Msg("Discreet previews"),
    "ask_before_showing": Msg("Ask before showing answers"),
    "boundary_review_in_summary": Msg("Boundary review in the summary"),
    "tidy_chat": Msg("Tidy chat"),
    "on": Msg("On"),
    "next": Msg("Next one"),
    "since": Msg("Since"),
    "expires_at": Msg("Expires"),
    "used_at": Msg("Used"),
    "with_partner": Msg("With your partner"),
    "safety": Msg("Felt safe (1–5)"),
    "connection": Msg("Felt connected (1–5)"),
    "agreements": Msg("Agreements kept (1–5)"),
    "answer": Msg("Answer"),
    "kept_private": Msg("Kept private"),
    "finished_at": Msg("Finished"),
    "shown_to_each_other": Msg("Shown to each other"),
    "written_at": Msg("Written"),
    "direction": Msg("Sent or received"),
    "delivered": Msg("Delivered"),
    "shared_at": Msg("Shared"),
    "retired_at": Msg("Retired"),
    "partner_answers": Msg("Your partner's answers"),
    "at": Msg("When"),
    "note_delivered": Msg("Note delivered"),
    "whose": Msg("Whose"),
    "boundary": Msg("Boundary number"),
    "id": Msg("Number"),
}
# Stored choices, by the field that holds them, in words.
WORDS: dict[str, dict[str, Msg]] = {
    "role": {
        "hurt": Msg("the partner who was hurt"),
        "broke": Msg("the partner who broke trust"),
        "unsaid": Msg("rather not say"),
    },
    "status": {
        "private": Msg("private: only you see it"),
        "shared": Msg("shared, waiting for your partner's answer"),
        "acknowledged": Msg("acknowledged by your partner"),
        "talk": Msg("your partner would like to talk about it"),
    },
    "answer": {"acknowledged": Msg("acknowledged"), "talk": Msg("let's talk about it")},
    "verdict": {"kept": Msg("kept"), "not_kept": Msg("not kept"), "unsure": Msg("not sure")},
    "kind": {
        "selfcare": Msg("self-care nudge"),
        "affirmation": Msg("affirmation"),
        "checkin": Msg("check-in"),
        "summary": Msg("weekly summary"),
        "path": Msg("path step"),
    },
    "direction": {"sent": Msg("you sent it"), "received": Msg("your partner sent it to you")},
    "whose": {"mine": Msg("yours"), "partner's": Msg("your partner's")},
    "kept_private": {
        "safety": Msg("felt safe"),
        "connection": Msg("felt connected"),
        "agreements": Msg("agreements kept"),
        "text": Msg("your words"),
    },
}
SKIP = frozenset({"format", "exported_at"})
# People's own words: shown exactly as written, never read as a stored choice.
FREE_TEXT = frozenset({"text", "statement", "consequence", "note", "question"})
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CHOICE = re.compile(r"[a-z]+(?:_[a-z]+)+")


TITLE = Msg("Everything tend holds about you")
EXPORTED = Msg("Exported on {day}.")
ZONE = Msg("Times are shown in your time zone, {zone}.")
NOTHING = Msg("Nothing here.")
YES, NO = Msg("yes"), Msg("no")
HOURS = Msg("{start} to {end}")


def _label(key: str) -> str:
    if key in LABELS:
        return str(LABELS[key])
    words = key.removesuffix("_at").replace("_", " ")
    return words[:1].upper() + words[1:]


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
        words = WORDS.get(key, {})
        if value in words:
            return str(words[value])
        if key == "category":
            found = boundaries.guide().category(value)
            return found.label if found is not None else value
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
