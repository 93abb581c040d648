"""The guide's boundary areas and examples (content/boundaries.toml), loaded once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

from content import translations


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
def guide(language: str | None = None) -> Guide:
    """The boundary words, read once per language: content/boundaries.toml's for English (or
    None), with content/locales/<language>/boundaries.toml's intro, labels, questions and
    examples laid over them (same ids, order and emoji; anything missing stays English)."""
    english = _english()
    if language is None or language == translations.ENGLISH:
        return english
    raw = translations.load(language, "boundaries")
    own = translations.entries(language, "boundaries", "category")
    categories = tuple(_over(c, own.get(c.id, {})) for c in english.categories)
    intro = " ".join(str(raw.get("intro") or english.intro).split())
    return Guide(intro=intro, categories=categories)


def _over(category: Category, words: dict[str, object]) -> Category:
    examples = words.get("examples")
    same_count = isinstance(examples, list) and len(examples) == len(category.examples)
    return replace(
        category,
        label=str(words.get("label") or category.label),
        question=str(words.get("question") or category.question).strip(),
        examples=tuple(str(e).strip() for e in examples)
        if same_count and isinstance(examples, list)
        else category.examples,
    )


@cache
def _english() -> Guide:
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
