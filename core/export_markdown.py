"""The export as a person reads it: the same data as the JSON file, in Markdown.

Words instead of stored values ("the partner who was hurt", not "hurt"), dates and times in the
person's own time zone ("Thursday 26 November 2026, 13:00"), and labels in plain English. A field
added to the export later is rendered kindly too: a timestamp becomes a local time, a date a
date, and a stored choice ("not_kept") words ("not kept").
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from core import boundaries, timezones

TITLES = {
    "profile": "About you",
    "settings": "Your settings",
    "reminders": "Reminders",
    "pairing": "Pairing",
    "invite": "Open invite",
    "erasure_warning": "Erasure warning",
    "reminder_answers": "Your answers to reminders",
    "checkins": "Check-ins",
    "journal": "Journal",
    "held_messages": "Words waiting for your choice",
    "appreciations": "Appreciations",
    "boundaries": "Your boundaries",
    "answers_to_partner_boundaries": "Your answers to your partner's boundaries",
    "boundary_reviews": "Your weekly boundary review answers",
    "monthly_looks": "Your monthly looks at the relationship",
    "couple_report_requests": "Couple reports asked for",
}
LABELS = {
    "telegram_id": "Telegram id",
    "created_at": "Started",
    "consent_at": "Agreed to the privacy notice",
    "consent_version": "Privacy notice dated",
    "role": "Your side",
    "timezone": "Time zone",
    "language": "Language",
    "last_seen_at": "Last here",
    "quiet_hours": "Quiet hours",
    "paused_until": "Reminders paused until",
    "discreet_previews": "Discreet previews",
    "ask_before_showing": "Ask before showing answers",
    "boundary_review_in_summary": "Boundary review in the summary",
    "tidy_chat": "Tidy chat",
    "on": "On",
    "next": "Next one",
    "since": "Since",
    "expires_at": "Expires",
    "used_at": "Used",
    "with_partner": "With your partner",
    "safety": "Felt safe (1–5)",
    "connection": "Felt connected (1–5)",
    "agreements": "Agreements kept (1–5)",
    "answer": "Answer",
    "kept_private": "Kept private",
    "finished_at": "Finished",
    "shown_to_each_other": "Shown to each other",
    "written_at": "Written",
    "direction": "Sent or received",
    "delivered": "Delivered",
    "shared_at": "Shared",
    "retired_at": "Retired",
    "partner_answers": "Your partner's answers",
    "at": "When",
    "note_delivered": "Note delivered",
    "whose": "Whose",
    "boundary": "Boundary number",
    "id": "Number",
}
# Stored choices, by the field that holds them, in words.
WORDS: dict[str, dict[str, str]] = {
    "role": {
        "hurt": "the partner who was hurt",
        "broke": "the partner who broke trust",
        "unsaid": "rather not say",
    },
    "status": {
        "private": "private: only you see it",
        "shared": "shared, waiting for your partner's answer",
        "acknowledged": "acknowledged by your partner",
        "talk": "your partner would like to talk about it",
    },
    "answer": {"acknowledged": "acknowledged", "talk": "let's talk about it"},
    "verdict": {"kept": "kept", "not_kept": "not kept", "unsure": "not sure"},
    "kind": {
        "selfcare": "self-care nudge",
        "affirmation": "affirmation",
        "checkin": "check-in",
        "summary": "weekly summary",
        "path": "path step",
    },
    "direction": {"sent": "you sent it", "received": "your partner sent it to you"},
    "whose": {"mine": "yours", "partner's": "your partner's"},
    "kept_private": {
        "safety": "felt safe",
        "connection": "felt connected",
        "agreements": "agreements kept",
        "text": "your words",
    },
}
SKIP = frozenset({"format", "exported_at"})
# People's own words: shown exactly as written, never read as a stored choice.
FREE_TEXT = frozenset({"text", "statement", "consequence", "note", "question"})
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CHOICE = re.compile(r"[a-z]+(?:_[a-z]+)+")


def _label(key: str) -> str:
    if key in LABELS:
        return LABELS[key]
    words = key.removesuffix("_at").replace("_", " ")
    return words[:1].upper() + words[1:]


def local_time(moment: datetime, zone: str | None) -> str:
    """A moment as a person reads it, in their zone: 'Thursday 26 November 2026, 13:00'."""
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(
        timezones.zone(zone or "UTC")
    )
    return f"{_day(local.date())}, {local:%H:%M}"


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


class _Renderer:
    def __init__(self, zone: str | None) -> None:
        self.zone = zone
        self.section = ""

    def value(self, key: str, value: Any) -> str:
        if value is None:
            return "–"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if key == "quiet_hours" and isinstance(value, list) and len(value) == 2:
            return f"{value[0]} to {value[1]}"
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
            return words[value]
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


def to_markdown(data: dict[str, Any]) -> str:
    """Render an export (as made by core.rights.export_person) as a Markdown document, with
    times in the person's own zone (`data["profile"]["timezone"]`, UTC when unset)."""
    zone = (data.get("profile") or {}).get("timezone")
    render = _Renderer(zone if isinstance(zone, str) else None)
    exported = data.get("exported_at")
    lines = ["# Everything tend holds about you", ""]
    if isinstance(exported, str):
        lines += [f"Exported on {render.text('exported_at', exported)}.", ""]
    if render.zone:
        lines += [f"Times are shown in your time zone, {render.zone}.", ""]
    for key, value in data.items():
        if key in SKIP:
            continue
        lines += [f"## {TITLES.get(key, _label(key))}", ""]
        render.section = key
        if value is None or value == []:
            lines.append("Nothing here.")
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
