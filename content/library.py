"""Load and choose content items. Each item is tagged with kind, guide section and roles."""

from __future__ import annotations

import random
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

KINDS = ("selfcare", "affirmation", "checkin", "journal")
SECTIONS = frozenset(
    {
        "reflect",
        "communicate",
        "trust",
        "boundaries",
        "selfcare",
        "reconnect",
        "consequences",
        "patience",
        "progress",
        "professional",
    }
)
ROLES = frozenset({"hurt", "broke", "unsaid"})
# Content files with their own shape (read by their own module, not as library items).
OTHER_FILES = frozenset(
    {
        "boundaries.toml",
        "path.toml",
        "hard_moments.toml",
        "share.toml",
        "resources.toml",  # core/resources.py
        "crisis_texts.toml",  # bot/safety_texts.py
        "typed_words.toml",  # core/local_words.py
    }
)


@dataclass(frozen=True)
class Item:
    """One message of the library."""

    id: str
    kind: str
    section: str
    roles: frozenset[str]
    text: str
    explicit: bool = False

    def suits(self, role: str | None) -> bool:
        """Whether this item fits a person on this side (unknown side: only items for anyone)."""
        return "any" in self.roles or (role is not None and role in self.roles)


class ContentError(ValueError):
    """A content file is malformed."""


def _parse(name: str, raw: str) -> list[Item]:
    data = tomllib.loads(raw)
    kind = data.get("kind")
    if kind not in KINDS:
        raise ContentError(f"{name}: kind must be one of {KINDS}")
    items = []
    for entry in data.get("item", []):
        roles = frozenset(entry.get("roles", []))
        if not roles or not roles <= ROLES | {"any"}:
            raise ContentError(f"{name}: {entry.get('id')}: bad roles")
        if entry.get("section") not in SECTIONS:
            raise ContentError(f"{name}: {entry.get('id')}: bad section")
        items.append(
            Item(
                id=str(entry["id"]),
                kind=kind,
                section=entry["section"],
                roles=roles,
                text=str(entry["text"]).strip(),
                explicit=bool(entry.get("explicit", False)),
            )
        )
    return items


@cache
def library() -> dict[str, tuple[Item, ...]]:
    """Every item by kind, read once from the package's TOML files."""
    by_kind: dict[str, list[Item]] = {kind: [] for kind in KINDS}
    seen: set[str] = set()
    for resource in sorted(files("content").iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(".toml") or resource.name in OTHER_FILES:
            continue
        for item in _parse(resource.name, resource.read_text(encoding="utf-8")):
            if item.id in seen:
                raise ContentError(f"duplicate id {item.id}")
            seen.add(item.id)
            by_kind[item.kind].append(item)
    return {kind: tuple(items) for kind, items in by_kind.items()}


@cache
def by_id() -> dict[str, Item]:
    """Every item by its id."""
    return {item.id: item for items in library().values() for item in items}


def pool(kind: str, roles: Iterable[str | None], allow_explicit: bool = False) -> list[Item]:
    """Items of `kind` that suit every given role (a joint prompt must suit both partners)."""
    wanted = list(roles)
    return [
        item
        for item in library()[kind]
        if all(item.suits(role) for role in wanted) and (allow_explicit or not item.explicit)
    ]


def choose(
    candidates: list[Item], seen: str, rng: random.Random, prefer: str | None = None
) -> tuple[Item, str]:
    """Pick an item not yet seen (start afresh once all were); returns it and the new seen list.

    With `prefer` (a guide section: the stage a couple's path is at), an unseen item of that
    section comes first; once the section's are all seen, any unseen item (the no-repeat
    rotation is the same either way)."""
    if not candidates:
        raise ContentError("no content item fits")
    seen_ids = {part for part in seen.split(",") if part}
    unseen = [item for item in candidates if item.id not in seen_ids]
    if not unseen:
        seen_ids, unseen = set(), candidates
    preferred = [item for item in unseen if item.section == prefer]
    item = rng.choice(preferred or unseen)
    seen_ids.add(item.id)
    return item, ",".join(sorted(seen_ids))
