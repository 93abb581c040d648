"""Inline button labels stay short enough for a small phone in every language.

Telegram cuts a label that does not fit its button with an ellipsis, and on a narrow phone a
full-width button holds about 40 characters. Labels are not marked as such in the catalogue, so
they are found where the buttons are built: every sentence (a `Msg`, or a table of them) named
inside an `InlineKeyboardButton(...)` call in bot/, inside a call of a small helper that builds
one (`button(label, ...)`), or assigned to a `label` there, plus every `BUTTON_*` sentence. The
content's own labels (hard-moment steps and presets, boundary areas) are checked per language
too. A translation may be as long as its English (the master's length is the design's), never
longer than that once past the limit.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from bot import texts
from content.i18n import Msg, speaking
from content.languages import SUPPORTED
from content.moments import hard_moments, share
from content.path import path as path_content

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 40  # characters a full-width button shows on a 320-point-wide phone
BUILDERS = {"InlineKeyboardButton", "Button", "button"}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Local name -> "module" or "module:attribute", from the file's imports."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                try:
                    importlib.import_module(full)
                    names[alias.asname or alias.name] = full
                except ImportError:
                    names[alias.asname or alias.name] = f"{node.module}:{alias.name}"
    return names


def _label_nodes(tree: ast.Module) -> Iterator[ast.AST]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in BUILDERS and node.args:
                yield node.args[0]
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "label" for t in node.targets
        ):
            yield node.value


def _resolve(node: ast.AST, aliases: dict[str, str], own: ModuleType) -> Iterator[object]:
    for part in ast.walk(node):
        if isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name):
            target = aliases.get(part.value.id)
            if target and ":" not in target:
                yield getattr(importlib.import_module(target), part.attr, None)
        elif isinstance(part, ast.Name):
            target = aliases.get(part.id)
            if target and ":" in target:
                module, attribute = target.split(":")
                yield getattr(importlib.import_module(module), attribute, None)
            elif target is None:
                yield getattr(own, part.id, None)


def _sentences(value: object) -> Iterator[Msg]:
    if isinstance(value, Msg):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _sentences(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _sentences(item)


def button_labels() -> dict[str, Msg]:
    """Every sentence shown on an inline button, by msgid."""
    found: dict[str, Msg] = {}
    for path in sorted((ROOT / "bot").rglob("*.py")):
        if path.name == "__main__.py":  # runs the command line when imported
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own = importlib.import_module(_module_name(path))
        aliases = _aliases(tree)
        for node in _label_nodes(tree):
            for value in _resolve(node, aliases, own):
                for msg in _sentences(value):
                    found[msg.msgid] = msg
        for name, value in vars(own).items():
            if name.startswith("BUTTON_"):
                for msg in _sentences(value):
                    found[msg.msgid] = msg
    return found


def _longest(msg: Msg) -> str:
    """The sentence with a switch's state filled in as its longer word ("on"/"off")."""
    state = max(texts.on_off(True), texts.on_off(False), key=len)
    return re.sub(r"\{state\}", state, str(msg))


def test_the_labels_are_found():
    labels = button_labels()
    for known in (
        "Make it a couple report (asks my partner)",
        "Done",
        "I was the one who was hurt",
    ):
        assert known in labels
    assert len(labels) > 60
    assert "That button has expired. /help lists what you can do." not in labels  # a toast


@pytest.mark.parametrize("language", [code for code in SUPPORTED if code != "en"])
def test_every_button_label_fits_a_small_phone(language: str):
    too_long = []
    for msg in button_labels().values():
        english = _longest(msg)
        with speaking(language):
            shown = _longest(msg)
        if len(shown) > max(LIMIT, len(english)):
            too_long.append(f"{len(shown)}: {shown}")
    assert too_long == []


def _content_labels(value: object, field: str = "") -> Iterator[str]:
    """Every string of a content tree in a field named like a button's ("done_button",
    "label", "intensity_labels")."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _content_labels(getattr(value, f.name), f.name)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _content_labels(item, field)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _content_labels(item, field)
    elif isinstance(value, str) and ("button" in field or "label" in field):
        yield value


@pytest.mark.parametrize("language", SUPPORTED)
def test_content_labels_fit_a_small_phone(language: str):
    labels = [
        label
        for tree in (hard_moments(language), share(language), path_content(language))
        for label in _content_labels(tree)
    ]
    assert len(labels) > 10
    assert [label for label in labels if len(label) > LIMIT] == []
