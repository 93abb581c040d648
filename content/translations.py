"""Content in the reader's language: content/locales/<lang>/<file>.toml, keyed by the English ids.

The English files in content/ are the master and decide everything that is not words (which
items exist, their sections, roles and order). A translation only gives the words for an id;
an id a language lacks (or a language tend has no folder for) reads in English. Rotation and
history store ids only, so what a person is sent next never depends on their language: the
words are looked up at the last step, for the person who reads them.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from functools import cache
from importlib.resources import files
from typing import Any

from content.library import Item

ENGLISH = "en"


@cache
def load(language: str, name: str) -> dict[str, Any]:
    """The parsed content/locales/`language`/`name`.toml, or {} when there is none (English,
    an unknown language or a file not translated). Read once per (language, name)."""
    if language == ENGLISH or not language.isalpha():
        return {}
    resource = files("content").joinpath("locales", language, f"{name}.toml")
    if not resource.is_file():
        return {}
    return tomllib.loads(resource.read_text(encoding="utf-8"))


@cache
def item_texts(language: str) -> dict[str, str]:
    """Every translated library item's words by id, for one language ({} for English)."""
    texts: dict[str, str] = {}
    for name in ("selfcare", "affirmations", "journal", "checkin"):
        for entry in load(language, name).get("item", []):
            text = str(entry.get("text", "")).strip()
            if text:
                texts[str(entry["id"])] = text
    return texts


def text(item: Item, language: str | None) -> str:
    """The item's words in `language` (the English words if that language has none for it)."""
    return item_texts(language or ENGLISH).get(item.id, item.text)


def localized(item: Item, language: str | None) -> Item:
    """The same item (same id, section, roles) with its words in `language`."""
    words = text(item, language)
    return item if words == item.text else replace(item, text=words)


def entries(language: str | None, name: str, table: str) -> dict[str, dict[str, Any]]:
    """The translated `[[table]]` entries of content file `name`, by id ({} for English)."""
    found = load(language or ENGLISH, name).get(table, [])
    return {str(entry["id"]): entry for entry in found if "id" in entry}


def merged(english: Any, translated: Any) -> Any:
    """The English structure of a file of its own shape with the translated words laid over it.

    Tables merge key by key (only keys the English has); arrays of tables match by `id` where
    they have one, else by position, as do lists of strings; a string is the translation's when
    it gives a non-empty one, else the English. Everything that is not words (numbers, ids, the
    order, which entries exist) comes from the English. Never raises for a translation's shape:
    whatever does not fit reads in English."""
    if isinstance(english, str):
        return translated if isinstance(translated, str) and translated.strip() else english
    if isinstance(english, dict):
        own = translated if isinstance(translated, dict) else {}
        return {key: merged(value, own.get(key)) for key, value in english.items()}
    if isinstance(english, list):
        own_list = translated if isinstance(translated, list) else []
        by_id = {
            entry["id"]: entry for entry in own_list if isinstance(entry, dict) and "id" in entry
        }
        return [
            merged(value, _partner_of(value, n, own_list, by_id)) for n, value in enumerate(english)
        ]
    return english


def _partner_of(value: Any, n: int, own: list[Any], by_id: dict[Any, Any]) -> Any:
    """The translated entry matching the English entry `value` at position `n`."""
    if isinstance(value, dict) and "id" in value:
        return by_id.get(value["id"])
    return own[n] if n < len(own) else None


def shaped(language: str | None, name: str, english: dict[str, Any]) -> dict[str, Any] | None:
    """Content file `name` (parsed English `english`) with `language`'s words merged over it,
    or None when that language has no words for it (English, unknown, not translated)."""
    found = load(language or ENGLISH, name)
    return merged(english, found) if found else None
