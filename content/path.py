"""The path: ten weekly stages in the guide's order, each with texts for every side.

Read once per language from content/path.toml, with the words of
content/locales/<lang>/path.toml laid over it (content.translations.merged: stage ids, order and
structure stay the English; anything a translation lacks reads in English), and validated
(every stage, side and part present). Sides are the roles of content.library: hurt, broke,
unsaid (an unknown side reads unsaid).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from content import schema, translations
from content.library import SECTIONS, ContentError

# The guide's sections in its order; a stage's id is its section (content.library.SECTIONS).
STAGE_IDS = (
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
)


@dataclass(frozen=True)
class BySide:
    """One text for each side."""

    hurt: str
    broke: str
    unsaid: str

    def for_role(self, role: str | None) -> str:
        """The text for `role` ("hurt", "broke", "unsaid"; None or anything else: unsaid)."""
        return {"hurt": self.hurt, "broke": self.broke}.get(role or "", self.unsaid)


@dataclass(frozen=True)
class Practice:
    """The shared practice of a week: a short title, how to do it, and how to do it alone."""

    title: str
    how: str
    alone: str


@dataclass(frozen=True)
class Reflection:
    """The closing reflection: two questions both partners answer (revealed like a check-in)."""

    helped: str
    hard: str


@dataclass(frozen=True)
class Stage:
    """One stage of the path (a week by default)."""

    id: str
    title: str
    opening: BySide
    shared: Practice
    personal: BySide
    reflection: Reflection


@dataclass(frozen=True)
class Notices:
    """Messages the bot starts about the path; {n} is the stage number, {title} its title."""

    week_begins: str
    reflection_due: str
    reflection_waiting: str
    partner_invites: str
    partner_ready: str
    path_paused: str
    path_finished: str
    together: str  # heading of the shared practice
    on_your_own: str  # heading of the shared practice walked alone
    just_you: str  # heading of the personal practice


@dataclass(frozen=True)
class Counsellor:
    """How to find a counsellor (shown on request; only its later lines may name the subject)."""

    title: str
    intro: str
    steps: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Path:
    """The whole path: stages in order, notices and the counsellor guide."""

    notices: Notices
    stages: tuple[Stage, ...]
    counsellor: Counsellor

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id (KeyError if there is none)."""
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)

    def number(self, stage_id: str) -> int:
        """The stage's number, 1 to 10 (ValueError if there is no such stage)."""
        return STAGE_IDS.index(stage_id) + 1

    def after(self, stage_id: str) -> Stage | None:
        """The stage that follows `stage_id`, or None after the last one."""
        index = STAGE_IDS.index(stage_id) + 1
        return self.stages[index] if index < len(self.stages) else None


@cache
def path(language: str | None = None) -> Path:
    """The path in `language` ("es"; None or "en": English; a language without a translation
    reads in English), read and validated once per language (ContentError if a stage or part
    is missing)."""
    english = schema.read("path.toml")
    raw = translations.shaped(language, "path", english)
    if raw is None and language not in (None, translations.ENGLISH):
        return path()
    where = "path.toml" if raw is None else f"locales/{language}/path.toml"
    loaded = schema.build(Path, raw if raw is not None else english, where)
    ids = tuple(stage.id for stage in loaded.stages)
    if ids != STAGE_IDS or frozenset(ids) != SECTIONS:
        raise ContentError(f"{where}: stages must be {STAGE_IDS} in order, not {ids}")
    return loaded
