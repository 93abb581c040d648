"""Every note core builds names its reader's language: a `Note` left at its default would reach a
Spanish or Russian reader in English (the reveal did, for the partner who answered second)."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"


def test_every_note_built_in_core_names_its_readers_language():
    unnamed = []
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Note"
                and "language" not in {k.arg for k in node.keywords}
            ):
                unnamed.append(f"{path.relative_to(CORE.parent)}:{node.lineno}")
    assert not unnamed, "pass language=known(reader.language), or use note_to: " + ", ".join(
        unnamed
    )
