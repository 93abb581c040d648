"""What a person's next plain message answers: one typed model, stored and parsed here only.

A flow that asks for words says so with `ask(user, Asked(...), now)`; the free-text pipeline
(core.words) reads it back with `arrived(user, now)`. The stored form (the `users.awaiting`
column) is a short tag, kept exactly as earlier versions wrote it so that questions open during
an upgrade still take their answer:

    timezone            the time zone question of setting up (never expires)
    ci:<round>          the check-in's open question of round <round>
    journal[:<prompt>]  a journal entry (optionally answering library prompt <prompt>)
    ap:<round>          an appreciation after the reveal of round <round>
    bd:new:<area>       a new boundary's wording, in guide area <area>
    bd:edit:<id>        new wording for boundary <id>
    bd:cons:<id>        a consequence for boundary <id>
    bd:note:<id>        a note for the partner after "let's talk" about boundary <id>
    hd:t:<id> hd:h:<id> what set hard moment <id> off, what helped
    sh:time:<rhythm>    the time of a fuller check-in plan with that rhythm
    sh:p:<id>:<part>    part <part> (0-4) of share <id>;  sh:n:<id>  the note after reply <id>
    path:<id>:<stage>:<q>  closing question <q> of stage <stage> of path <id> (ref <id>,
                        tag "<stage>.<q>")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from db.models import User

# A question asked longer ago than this no longer takes the next message as its answer: text
# typed hours later was likely meant for something else, and might otherwise reach the partner.
ANSWER_WITHIN = timedelta(hours=2)
ROW_ID_MAX = 2**31 - 1
_TAG = re.compile(r"[A-Za-z0-9_.-]{1,40}")


class Asks(StrEnum):
    """The kinds of words a flow can wait for."""

    TIMEZONE = "timezone"
    CHECKIN = "checkin"
    JOURNAL = "journal"
    APPRECIATION = "appreciation"
    BOUNDARY_NEW = "boundary_new"
    BOUNDARY_EDIT = "boundary_edit"
    BOUNDARY_CONSEQUENCE = "boundary_consequence"
    BOUNDARY_NOTE = "boundary_note"
    HARD_TRIGGER = "hard_trigger"
    HARD_HELPED = "hard_helped"
    SHARE_TIME = "share_time"  # tag: the rhythm
    SHARE_PART = "share_part"  # ref: the share, tag: the part's index
    SHARE_NOTE = "share_note"
    PATH = "path"

    @property
    def flow(self) -> str:
        """The flow the question belongs to (checkin, journal, appreciation, boundary…)."""
        return self.value.partition("_")[0]


# Stored prefix of each kind that names a row id (the tag's number).
_BY_ROW = {
    Asks.CHECKIN: "ci",
    Asks.APPRECIATION: "ap",
    Asks.BOUNDARY_EDIT: "bd:edit",
    Asks.BOUNDARY_CONSEQUENCE: "bd:cons",
    Asks.BOUNDARY_NOTE: "bd:note",
    Asks.HARD_TRIGGER: "hd:t",
    Asks.HARD_HELPED: "hd:h",
    Asks.SHARE_NOTE: "sh:n",
}
_ROW_KINDS = {prefix: kind for kind, prefix in _BY_ROW.items()}
# Stored prefixes of kinds that name a content tag (and, for a share's part, a row first).
_BY_TAG = {Asks.BOUNDARY_NEW: "bd:new", Asks.SHARE_TIME: "sh:time", Asks.SHARE_PART: "sh:p"}
_PATH = re.compile(r"path:(\d{1,10}):(\d{1,2}):([a-z]{1,10})")  # path:<id>:<stage>:<question>


@dataclass(frozen=True)
class Asked:
    """One open question: its kind, the row it is about (`ref`), or a content id (`tag`)."""

    what: Asks
    ref: int | None = None
    tag: str | None = None

    def encode(self) -> str:
        """The stored form (see the module docstring); ValueError for an inconsistent value."""
        if self.what in _BY_ROW:
            if self.ref is None or not 0 < self.ref <= ROW_ID_MAX:
                raise ValueError(f"{self.what} needs a row id")
            return f"{_BY_ROW[self.what]}:{self.ref}"
        if self.what is Asks.TIMEZONE:
            return "timezone"
        if self.what is Asks.PATH:
            stage, _, question = (self.tag or "").partition(".")
            stored = f"path:{self.ref}:{stage}:{question}"
            if self.ref is None or not 0 < self.ref <= ROW_ID_MAX or not _PATH.fullmatch(stored):
                raise ValueError("a path question needs its path, stage and question")
            return stored
        if self.tag is not None and not _TAG.fullmatch(self.tag):
            raise ValueError("tag is not a content id")
        if self.what is Asks.JOURNAL:
            return "journal" if self.tag is None else f"journal:{self.tag}"
        if self.tag is None:
            raise ValueError(f"{self.what} needs its tag")
        if self.what is Asks.SHARE_PART:
            if self.ref is None or not 0 < self.ref <= ROW_ID_MAX or not self.tag.isdecimal():
                raise ValueError("a share's part needs its share and index")
            return f"sh:p:{self.ref}:{self.tag}"
        return f"{_BY_TAG[self.what]}:{self.tag}"


def parse(stored: str | None) -> Asked | None:
    """The open question from its stored form; None for nothing (or a tag no flow wrote)."""
    if not stored:
        return None
    if stored == "timezone":
        return Asked(Asks.TIMEZONE)
    if stored == "journal":
        return Asked(Asks.JOURNAL)
    path = _PATH.fullmatch(stored)
    if path is not None:
        ref = int(path[1])
        return Asked(Asks.PATH, ref, f"{path[2]}.{path[3]}") if 0 < ref <= ROW_ID_MAX else None
    prefix, _, tail = stored.rpartition(":")
    if prefix == "journal" and _TAG.fullmatch(tail):
        return Asked(Asks.JOURNAL, tag=tail)
    for tagged, start in _BY_TAG.items():
        if prefix == start and _TAG.fullmatch(tail):
            return Asked(tagged, tag=tail)
    if prefix.startswith("sh:p:") and tail.isascii() and tail.isdecimal() and len(tail) == 1:
        share = parse(f"sh:n:{prefix.removeprefix('sh:p:')}")
        return Asked(Asks.SHARE_PART, share.ref, tail) if share is not None else None
    kind = _ROW_KINDS.get(prefix)
    if kind is None or not (tail.isascii() and tail.isdecimal() and len(tail) <= 10):
        return None
    number = int(tail)
    return Asked(kind, ref=number) if 0 < number <= ROW_ID_MAX else None


def current(user: User) -> Asked | None:
    """What the person's next plain message answers now (expiry aside)."""
    return parse(user.awaiting)


def ask(user: User, asked: Asked | None, now: datetime) -> None:
    """Say what the person's next plain message answers (None: nothing). The time zone question
    never expires; every other one does ANSWER_WITHIN after it was asked (or last answered)."""
    stored = asked.encode() if asked is not None else None
    since = now if asked is not None and asked.what is not Asks.TIMEZONE else None
    if (user.awaiting, user.awaiting_since) != (stored, since):  # unchanged: the row stays clean
        user.awaiting, user.awaiting_since = stored, since


def close(user: User, asked: Asked | None = None) -> None:
    """Close the open question (only if it is `asked`, when given)."""
    if asked is None or current(user) == asked:
        user.awaiting = None
        user.awaiting_since = None


def waiting(user: User, now: datetime) -> Asked | None:
    """The question still open at `now` (an expired one counts as none); changes nothing."""
    asked = current(user)
    if asked is None or asked.what is Asks.TIMEZONE:
        return asked
    since = user.awaiting_since
    return asked if since is not None and now - since <= ANSWER_WITHIN else None


@dataclass(frozen=True)
class Arrival:
    """What a plain message that just came in answers: `asked`, or nothing. `expired` is the
    question it came too late for (closed now)."""

    asked: Asked | None
    expired: Asked | None = None


def arrived(user: User, now: datetime) -> Arrival:
    """A plain message came in. A question asked too long ago is closed and reported as
    expired; a fresh one stays open for another ANSWER_WITHIN (a reply after "a little long"
    keeps it alive). A tag no flow wrote is closed and the message taken as unprompted."""
    asked = current(user)
    if asked is None:
        if user.awaiting is not None:
            close(user)
        return Arrival(None)
    if asked.what is Asks.TIMEZONE:
        return Arrival(asked)
    since = user.awaiting_since
    if since is None or now - since > ANSWER_WITHIN:
        close(user)
        return Arrival(None, expired=asked)
    user.awaiting_since = now
    return Arrival(asked)
