"""The guide's boundary areas and examples (content/boundaries.toml), loaded once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class Category:
    """One area a boundary can be about, with the guide's question and examples."""

    id: str
    label: str
    emoji: str
    question: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    """The framing text and the categories, in order."""

    intro: str
    categories: tuple[Category, ...]

    def category(self, category_id: str) -> Category | None:
        """The category with this id (None for an unknown one)."""
        return next((c for c in self.categories if c.id == category_id), None)


@cache
def guide() -> Guide:
    """The boundary words from content/boundaries.toml, read once."""
    raw = tomllib.loads(files("content").joinpath("boundaries.toml").read_text(encoding="utf-8"))
    categories = tuple(
        Category(
            id=str(entry["id"]),
            label=str(entry["label"]),
            emoji=str(entry["emoji"]),
            question=str(entry["question"]).strip(),
            examples=tuple(str(e).strip() for e in entry["examples"]),
        )
        for entry in raw["category"]
    )
    return Guide(intro=" ".join(str(raw["intro"]).split()), categories=categories)
