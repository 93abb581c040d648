"""The export as a person reads it: the same data as the JSON file, in Markdown."""

from __future__ import annotations

from typing import Any

TITLES = {
    "profile": "Profile",
    "settings": "Settings",
    "reminders": "Reminders",
    "pairing": "Pairing",
    "invite": "Open invite",
    "erasure_warning": "Erasure warning",
    "reminder_answers": "Your answers to reminders",
    "checkins": "Check-ins",
    "journal": "Journal",
    "appreciations": "Appreciations",
    "boundaries": "Boundaries",
    "answers_to_partner_boundaries": "Your answers to your partner's boundaries",
    "boundary_reviews": "Your weekly boundary review answers",
}
SKIP = frozenset({"format", "exported_at"})


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _value(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) if value else "–"
    text = str(value)
    # People's words may span lines: keep them inside their bullet.
    return text.replace("\n", "\n  ")


def _record(record: dict[str, Any], depth: int) -> list[str]:
    indent = "  " * depth
    lines = []
    for key, value in record.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}- **{_label(key)}**:")
            for number, item in enumerate(value, start=1):
                lines.append(f"{indent}  - {number}.")
                lines += _record(item, depth + 2)
        else:
            lines.append(f"{indent}- **{_label(key)}**: {_value(value)}")
    return lines


def to_markdown(data: dict[str, Any]) -> str:
    """Render an export (as made by core.rights.export_person) as a Markdown document."""
    lines = ["# Everything tend holds about you", "", f"Exported {data.get('exported_at')}.", ""]
    for key, value in data.items():
        if key in SKIP:
            continue
        lines += [f"## {TITLES.get(key, _label(key))}", ""]
        if value is None or value == []:
            lines.append("Nothing here.")
        elif isinstance(value, dict):
            lines += _record(value, 0)
        elif isinstance(value, list):
            for number, item in enumerate(value, start=1):
                if isinstance(item, dict):
                    lines += [f"### {number}", ""]
                    lines += _record(item, 0)
                    lines.append("")
                else:
                    lines.append(f"- {_value(item)}")
        else:
            lines.append(_value(value))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
