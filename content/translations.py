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


@cache
def _menu_master() -> dict[str, Any]:
    return tomllib.loads(files("content").joinpath("menu.toml").read_text(encoding="utf-8"))


def language_name(language: str) -> str:
    """A language's own name ("Español", "Русский"), from its menu file ("English" if none)."""
    return str(load(language, "menu").get("name") or _menu_master()["name"])


def menu_text(language: str | None, key: str) -> str:
    """One of /language's few texts (`choose`, `chosen`, `hint`) in `language`, with {name}
    filled in; the English words if that language has none. KeyError for an unknown key."""
    english = str(_menu_master()["language"][key])
    words = str(load(language or ENGLISH, "menu").get("language", {}).get(key) or english)
    return words.format(name=language_name(language or ENGLISH))


def command_descriptions(language: str) -> dict[str, str]:
    """The command menu's descriptions in `language`, by command ({} for English: the bot's
    own menu is the master)."""
    return {str(k): str(v) for k, v in load(language, "menu").get("commands", {}).items()}
