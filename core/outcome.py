"""Typed outcomes: what one update led to, decided in core, delivered by bot/ after the commit.

A use case takes plain inputs (a session, the person, ids, words, the time) and returns an
`Outcome`: the replies to show the person, the notes for other chats (the partner, or the
person's own later messages) and whether each goes silently, whether the words read like
danger (and were held back from the partner), and what was saved. It never sends anything:
bot.delivery sends the outcome once the transaction has committed, so nobody is told about
something a failed commit undid.

`say` keys are namespaced by flow ("journal.saved"): the flow's view in bot/ turns each into
words and buttons. `data` carries what the view needs (rows read in the transaction; sessions do
not expire them at commit).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from core.languages import ENGLISH, known
from core.policy import quiet_now
from db.models import User

# A button press answered like any stale or forged one (bot words it), nothing else shown.
STALE = "stale"


@dataclass(frozen=True)
class Reply:
    """One message to the person who acted. `below`: for a button, a new message below the
    pressed one instead of editing it (a typed message always gets a new one)."""

    say: str
    ref: int | None = None
    data: Any = None
    below: bool = False
    # The reader's, for words and content in their language (`spoken`); "": the language of the
    # update being handled (content.i18n.read_in, set from the person's stored language).
    language: str = ""


@dataclass(frozen=True)
class Note:
    """One message to another chat (or a later one to the person), sent after the commit.

    `words` are a person's own words to quote (plain text: the view escapes and veils them when
    the reader chose discreet previews); `silent` is the quiet-hours rule (see `note_to`);
    `gated` sends it through the per-pair partner-notice gate; `kind` names it in logs."""

    to: int
    say: str
    kind: str
    words: str | None = None
    discreet: bool = False
    silent: bool = False
    gated: bool = False
    ref: int | None = None
    data: Any = None
    unsent: str | None = None  # the reply (`say` key) that replaces the first one if undelivered
    merge: bool = False  # replaces an earlier gated note of the same kind (review day moved again)
    edits: int | None = None  # edit this message in chat `to` instead of sending a new one
    language: str = ENGLISH  # the reader's (`note_to` fills it in), for content in their words


@dataclass(frozen=True)
class Outcome:
    """What an update led to. `crisis`: the words read like danger (the guard has already given
    the crisis reply, first); `held_back`: because of that they were kept from the partner
    until the writer chooses otherwise; `saved`: (kind, id) of what was stored; `tidy`: delete
    the person's message (saved, and they chose "tidy chat"); `toast`: a button's short notice;
    `language`: the reader's of the toast (the person who acted; `spoken` fills it in)."""

    replies: tuple[Reply, ...] = ()
    notes: tuple[Note, ...] = ()
    crisis: bool = False
    held_back: bool = False
    saved: tuple[str, int] | None = None
    tidy: bool = False
    toast: str | None = None
    language: str = ""  # the toast's, as a reply's ("": the update's)

    @property
    def say(self) -> str | None:
        """The first reply's key (tests read this)."""
        return self.replies[0].say if self.replies else None

    def plus(self, *notes: Note) -> Outcome:
        """The same outcome with more notes."""
        return replace(self, notes=self.notes + notes)


def below(outcome: Outcome) -> Outcome:
    """The same outcome with every reply as a new message (none edits a pressed one)."""
    return replace(outcome, replies=tuple(replace(r, below=True) for r in outcome.replies))


def spoken(outcome: Outcome, reader: User) -> Outcome:
    """The same outcome with every reply (and its toast) marked with `reader`'s language (the
    person who acted reads them; notes keep their own reader's, from `note_to`)."""
    language = known(reader.language)
    replies = tuple(replace(r, language=language) for r in outcome.replies)
    return replace(outcome, replies=replies, language=language)


def say(key: str, ref: int | None = None, data: Any = None, **kw: Any) -> Outcome:
    """An outcome that is one reply (`toast`, `crisis`… as keywords)."""
    below = bool(kw.pop("below", False))
    return Outcome(replies=(Reply(key, ref, data, below),), **kw)


def silent_for(reader: User, now: datetime) -> bool:
    """The quiet-hours rule for messages someone else caused: inside the reader's quiet hours
    they arrive without a sound (still delivered). The same everywhere: relays, reveals,
    notices, a pairing ended by /unlink, /delete or a retention erasure."""
    return quiet_now(reader, now)


def note_to(
    reader: User,
    now: datetime,
    say: str,
    *,
    kind: str,
    words: str | None = None,
    gated: bool = False,
    ref: int | None = None,
    data: Any = None,
    unsent: str | None = None,
) -> Note:
    """A note for `reader` caused by someone else: silent in their quiet hours, their words
    veiled when the reader chose discreet previews, content in the reader's language."""
    return Note(
        to=reader.id,
        say=say,
        kind=kind,
        words=words,
        discreet=reader.discreet,
        silent=silent_for(reader, now),
        gated=gated,
        ref=ref,
        data=data,
        unsent=unsent,
        language=known(reader.language),
    )
