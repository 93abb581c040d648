"""The readable export names every field in words of the person's language: each key the export
functions write has a label (or a section title), so no field falls back to its English key."""

from __future__ import annotations

import ast
from pathlib import Path

from content import i18n
from core import measure
from core.checkins import RATINGS
from core.export_markdown import to_markdown
from core.export_words import LABELS, TITLES
from core.share.entries import PARTS

ROOT = Path(__file__).resolve().parents[2]
# The modules that build the export, and which of their functions do (None: all of them).
BUILDERS = {
    "core/rights_export.py": None,
    "core/rights_writing.py": None,
    "core/hard_moments.py": {"export"},
    "core/share_rights.py": {"export"},
}
NOT_SHOWN = {"format", "exported_at"}


def export_keys() -> set[str]:
    """Every key of a dict literal in the export's builders, and the keys built from lists."""
    keys: set[str] = set(RATINGS) | set(measure.QUESTIONS) | set(PARTS)
    for name, only in BUILDERS.items():
        tree = ast.parse((ROOT / name).read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if only is not None and function.name not in only:
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Dict):
                    keys |= {
                        k.value
                        for k in node.keys
                        if isinstance(k, ast.Constant) and isinstance(k.value, str)
                    }
    return keys - NOT_SHOWN


def test_every_field_of_the_export_has_words():
    keys = export_keys()
    assert {"paused_since", "boundary_review_day", "what_was_hard", "rhythm"} <= keys
    missing = sorted(k for k in keys if k not in LABELS and k not in TITLES and k not in PARTS)
    assert not missing, f"add these to core/export_words.py LABELS: {missing}"


def test_stored_choices_read_in_the_persons_language():
    data = {
        "profile": {"language": "es", "timezone": None},
        "pairing": {"paired": True, "boundary_review_day": "thu"},
        "reminders": [{"kind": "share", "days": "Mon, Wed", "on": True}],
        "reminder_answers": [{"kind": "selfcare", "answer": "skip"}],
        "boundaries": [{"category": "transparency", "status": "private"}],
        "path": [{"stage": 2, "path_status": "paused"}],
        "hard_moments": [{"intensity": 3, "partner_answer": "space"}],
        "share_plan": {"rhythm": "few_days"},
        "shares_written": [{"feelings": "cansada", "partner_answer": "thanks"}],
        "monthly_looks": [{"month": "2026-11", "happy": 4}],
        "couple_report_requests": [{"asked_by": "partner", "period": "8w", "answer": "yes"}],
    }
    english = to_markdown(data, "en")
    for words in (
        "**Boundary review day**: Thursday",
        "**Days**: Mon, Wed",
        "**Answer**: skipped",
        "**Area**: Transparency",
        "**The path now**: paused",
        "**Your partner's answer**: I'll give you space",
        "**How often**: Every few days",
        "**How I feel**: cansada",
        "**Your partner's answer**: Thank you",
        "**Month**: November 2026",
        "**Time covered**: Last 8 weeks",
    ):
        assert words in english, words
    spanish = to_markdown(data)
    assert "jueves" in spanish and "noviembre de 2026" in spanish and "cansada" in spanish
    with i18n.speaking("es"):
        assert str(LABELS["paused_since"]) != LABELS["paused_since"].msgid
    # Nothing English is left in Spanish but the person's own words.
    for line in spanish.splitlines():
        assert not any(
            english_label in line
            for english_label in ("Thursday", "Transparency", "Every few days", "Last 8 weeks")
        ), line
