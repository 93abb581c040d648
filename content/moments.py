"""Hard moments (grounding, private log, partner notice) and the fuller check-in, as data.

Read once per language from content/hard_moments.toml and content/share.toml, with the words of
content/locales/<lang>/ laid over them (content.translations.merged: ids, numbers and order stay
the English; anything a translation lacks reads in English), validated on load.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from content import schema, translations
from content.library import ContentError

# A grounding sequence never takes longer than this, step by step.
GROUNDING_MAX_SECONDS = 60
PRESET_IDS = ("here", "talk", "space")
SHARE_PART_IDS = ("feelings", "appreciation", "need", "responsibility", "care")
RHYTHM_IDS = ("daily", "few_days", "weekly")


@dataclass(frozen=True)
class Step:
    """One grounding step: one message edit, one tap; `seconds` it takes."""

    text: str
    button: str
    seconds: int


@dataclass(frozen=True)
class Grounding:
    """A grounding sequence: an opening line, the steps, a closing line."""

    opening: str
    steps: tuple[Step, ...]
    closing: str

    @property
    def seconds(self) -> int:
        """How long the whole sequence takes, in seconds."""
        return sum(step.seconds for step in self.steps)


@dataclass(frozen=True)
class GroundingBySide:
    """One grounding variant per side (hurt: a wave of pain; broke: shame; unsaid: neutral)."""

    hurt: Grounding
    broke: Grounding
    unsaid: Grounding

    def for_role(self, role: str | None) -> Grounding:
        """The variant for `role` (None or unknown: unsaid)."""
        return {"hurt": self.hurt, "broke": self.broke}.get(role or "", self.unsaid)


@dataclass(frozen=True)
class After:
    """What is offered once the grounding is done."""

    text: str
    log_button: str
    tell_button: str
    again_button: str
    done_button: str


@dataclass(frozen=True)
class Log:
    """The private log's prompts (intensity 1-5, what set it off, what helped)."""

    intro: str
    intensity_prompt: str
    intensity_labels: tuple[str, ...]
    trigger_prompt: str
    helped_prompt: str
    helped_suggestions: tuple[str, ...]
    skip_button: str
    saved: str


@dataclass(frozen=True)
class Notice:
    """The note to the partner: a discreet first line, how to be with it (by the reader's
    side: `how_to_be` listening for the partner who broke trust, `how_to_be_hurt` permission
    for the partner who was hurt, `how_to_be_unsaid` neutral), the answer prompt."""

    first_line: str
    how_to_be: tuple[str, ...]
    how_to_be_hurt: tuple[str, ...]
    how_to_be_unsaid: tuple[str, ...]
    answer_prompt: str

    def guidance(self, role: str | None) -> tuple[str, ...]:
        """How to be with it, for a reader on side `role` (None or unknown: neutral)."""
        by_side = {"hurt": self.how_to_be_hurt, "broke": self.how_to_be}
        return by_side.get(role or "", self.how_to_be_unsaid)


@dataclass(frozen=True)
class Preset:
    """A short answer the partner can send back: the button label and the text that arrives."""

    id: str
    label: str
    text: str


@dataclass(frozen=True)
class Tell:
    """Replies around "let my partner know" (sent, held within the hour, quiet hours)."""

    sent: str
    sent_silently: str
    answer_sent: str
    held_within_hour: str
    partner_quiet: str
    send_anyway_button: str
    wait_button: str
    unpaired: str


@dataclass(frozen=True)
class HardMoments:
    """Everything /hard says."""

    grounding: GroundingBySide
    after: After
    log: Log
    notice: Notice
    presets: tuple[Preset, ...]
    tell: Tell

    def preset(self, preset_id: str) -> Preset:
        """The preset answer with this id (KeyError if there is none)."""
        return {preset.id: preset for preset in self.presets}[preset_id]


@dataclass(frozen=True)
class SharePart:
    """One of the five parts of the fuller check-in."""

    id: str
    title: str
    prompt: str
    example: str


@dataclass(frozen=True)
class PartWording:
    """Another wording of a part's question and example (for another side)."""

    prompt: str
    example: str


@dataclass(frozen=True)
class Rhythm:
    """How often a share is offered: every `days` days."""

    id: str
    label: str
    days: int


@dataclass(frozen=True)
class ShareSetup:
    """Texts for setting up a share; {rhythm}, {time}, {end}, {weeks} are filled in."""

    rhythm_prompt: str
    time_prompt: str
    end_prompt: str
    default_weeks: int
    confirm: str
    bad_time: str
    paused: str
    resumed: str
    ended: str
    renew_offer: str
    renew_button: str
    stop_button: str
    rhythms: tuple[Rhythm, ...]


@dataclass(frozen=True)
class ShareInvite:
    """The sharer's own invitation at the chosen time, and the review before sending."""

    first_line: str
    text: str
    start_button: str
    skip_button: str
    review: str
    send_button: str
    edit_button: str
    sent: str


@dataclass(frozen=True)
class ShareReceiver:
    """What the receiver sees: the share is given, never demanded."""

    first_line: str
    framing: str
    thank_you_button: str
    talk_button: str
    talk_prompt: str
    answered: str
    not_theirs: str


@dataclass(frozen=True)
class ShareReply:
    """What the sharer is told about the receiver's answer."""

    thank_you: str
    talk: str
    talk_with_note: str


@dataclass(frozen=True)
class ShareSuggestion:
    """Offered to the partner who broke trust during the trust stage."""

    first_line: str
    text: str
    yes_button: str
    no_button: str


@dataclass(frozen=True)
class Share:
    """Everything /share says."""

    intro: str
    parts: tuple[SharePart, ...]
    responsibility_neutral: PartWording
    setup: ShareSetup
    invite: ShareInvite
    receiver: ShareReceiver
    reply: ShareReply
    suggestion: ShareSuggestion

    def wording(self, index: int, role: str | None) -> PartWording:
        """Part `index`'s question and example for a sharer on side `role`: the responsibility
        part asks the partner who broke trust about what they own toward their partner, and
        anyone else (hurt, or None: not said) in words that blame no one."""
        part = self.parts[index]
        if part.id == "responsibility" and role != "broke":
            return self.responsibility_neutral
        return PartWording(part.prompt, part.example)

    def rhythm(self, rhythm_id: str) -> Rhythm:
        """The rhythm with this id (KeyError if there is none)."""
        return {rhythm.id: rhythm for rhythm in self.setup.rhythms}[rhythm_id]


def _ids(found: tuple[str, ...], wanted: tuple[str, ...], where: str) -> None:
    if found != wanted:
        raise ContentError(f"{where}: expected {wanted} in order, not {found}")


def _raw(name: str, language: str | None) -> tuple[dict[str, Any], str] | None:
    """File `name`'s table in `language` and where it came from (for errors); None when that
    language has no words for it (the caller then returns its English)."""
    english = schema.read(f"{name}.toml")
    translated = translations.shaped(language, name, english)
    if translated is not None:
        return translated, f"locales/{language}/{name}.toml"
    if language in (None, translations.ENGLISH):
        return english, f"{name}.toml"
    return None


@cache
def hard_moments(language: str | None = None) -> HardMoments:
    """The hard-moment texts in `language` (None or "en": English; a language without a
    translation reads in English), read and validated once per language (ContentError if a
    part is missing)."""
    found = _raw("hard_moments", language)
    if found is None:
        return hard_moments()
    raw, where = found
    loaded = schema.build(HardMoments, raw, where)
    _ids(tuple(p.id for p in loaded.presets), PRESET_IDS, f"{where}: presets")
    if loaded.log.intensity_labels != ("1", "2", "3", "4", "5"):
        raise ContentError(f"{where}: intensity runs from 1 to 5")
    for side in ("hurt", "broke", "unsaid"):
        if getattr(loaded.grounding, side).seconds > GROUNDING_MAX_SECONDS:
            raise ContentError(f"{where}: grounding.{side} takes over a minute")
    return loaded


@cache
def share(language: str | None = None) -> Share:
    """The fuller check-in's texts in `language` (None or "en": English; a language without a
    translation reads in English), read and validated once per language (ContentError if a
    part is missing)."""
    found = _raw("share", language)
    if found is None:
        return share()
    raw, where = found
    loaded = schema.build(Share, raw, where)
    _ids(tuple(p.id for p in loaded.parts), SHARE_PART_IDS, f"{where}: parts")
    _ids(tuple(r.id for r in loaded.setup.rhythms), RHYTHM_IDS, f"{where}: rhythms")
    return loaded
