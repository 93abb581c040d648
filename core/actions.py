"""Button data: typed actions to and from Telegram's callback_data, validated in one place.

Every button tend draws carries `flow:verb[:arg…]` (at most 64 bytes, Telegram's limit). The
wire format is the one earlier versions drew, so buttons on old messages keep working. `decode`
returns a `Press` only for data that one of our buttons could carry (a known flow and verb,
the right number of arguments, each of its kind and in range); anything else (stale, forged,
truncated) is None, and every flow answers None the same kind way. Whether the row a press
names is the presser's is the use case's check, not the codec's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

MAX_BYTES = 64  # Telegram's limit for callback_data
ROW_ID_MAX = 2**31 - 1  # row ids are 32-bit integers (PostgreSQL refuses anything larger)
PERSON_ID_MAX = 2**53  # Telegram user ids fit in 52 bits
_WORD = re.compile(r"[A-Za-z0-9_/+-]{1,48}")


class Arg(Enum):
    """The kinds of argument a button carries."""

    ID = "id"  # a row id (1 … 2^31-1)
    PERSON = "person"  # a Telegram user id
    SMALL = "small"  # a small number (a rating, a version, a step: 0 … 9999)
    NEW_OR_ID = "new_or_id"  # a row id, or 0 for a row not made yet (a hard moment not noted)
    WORD = "word"  # a short word: a question name, an area id, a code


# (flow, verb) → the arguments it carries. The check-in's one-letter verbs are kept as they were
# drawn: r rate, p private, s skip, k keep, e edit, v verdict.
SPECS: dict[tuple[str, str], tuple[Arg, ...]] = {
    ("ci", "go"): (Arg.ID,),
    ("ci", "r"): (Arg.ID, Arg.WORD, Arg.SMALL),
    ("ci", "p"): (Arg.ID, Arg.WORD),
    ("ci", "s"): (Arg.ID,),
    ("ci", "k"): (Arg.ID,),
    ("ci", "e"): (Arg.ID,),
    ("ci", "show"): (Arg.ID,),
    ("ci", "later"): (Arg.ID,),
    ("ci", "share"): (Arg.ID,),
    ("ci", "v"): (Arg.ID, Arg.ID, Arg.WORD),
    ("mm", "a"): (Arg.ID, Arg.WORD, Arg.SMALL),  # the monthly look: answer, share, skip
    ("mm", "p"): (Arg.ID, Arg.WORD),
    ("mm", "x"): (Arg.ID,),
    ("ap", "start"): (Arg.ID,),
    ("ap", "send"): (Arg.ID,),
    ("jr", "prompt"): (),
    ("un", "keep"): (Arg.ID,),
    ("un", "hard"): (Arg.ID,),
    ("un", "drop"): (Arg.ID,),
    **{("bd", verb): () for verb in ("list", "new", "old")},
    ("bd", "guide"): (Arg.SMALL,),
    ("bd", "cat"): (Arg.WORD,),
    **{
        ("bd", verb): (Arg.ID,)
        for verb in (
            "open",
            "hist",
            "share",
            "shareany",
            "edit",
            "cons",
            "nocons",
            "retire",
            "rtok",
            "nonote",
            "sendnote",
        )
    },
    ("lg", "set"): (Arg.WORD,),  # /language: the chosen language's code
    ("bd", "ack"): (Arg.ID, Arg.SMALL),
    ("bd", "talk"): (Arg.ID, Arg.SMALL),
    # Setting up, pairing, settings and reminders (bot.handlers.onboarding, pairing, info,
    # reminders). An invite code and a time zone name travel as words.
    ("consent", "yes"): (Arg.WORD,),  # the code is left off without an invite (see OPTIONAL_LAST)
    ("consent", "no"): (),
    ("role", "set"): (Arg.WORD,),
    ("tz", "set"): (Arg.WORD,),
    ("join", "yes"): (Arg.WORD,),
    ("join", "no"): (),
    ("pair", "ok"): (Arg.PERSON,),
    ("pair", "no"): (Arg.PERSON,),
    **{
        ("settings", v): ()
        for v in ("tz", "role", "discreet", "askfirst", "review", "tidy", "hard")
    },
    ("pause", "24h"): (),
    **{("nudge", verb): (Arg.ID,) for verb in ("done", "later", "skip")},
    # /report: period, tick, make, couple (a period key, a section mask); the partner's answer
    ("rp", "p"): (Arg.WORD,),
    **{("rp", verb): (Arg.WORD, Arg.SMALL) for verb in ("t", "go", "cp")},
    **{("rp", verb): (Arg.ID,) for verb in ("ok", "no")},
    # /delete, /unlink (the couple id keeps an old button from ending a later pairing)
    **{("delete", verb): () for verb in ("yes", "no")},
    ("unlink", "yes"): (Arg.ID,),
    ("unlink", "no"): (),
    # /hard (moment 0: not noted yet) and /share, drawn as before the codec.
    **{("hd", verb): () for verb in ("go", "done", "wait")},
    ("hd", "s"): (Arg.SMALL,),
    **{("hd", verb): (Arg.NEW_OR_ID,) for verb in ("log", "tell", "any")},
    **{("hd", verb): (Arg.ID,) for verb in ("ts", "hs")},
    ("hd", "i"): (Arg.ID, Arg.SMALL),
    ("hd", "h"): (Arg.ID, Arg.SMALL),
    ("hd", "a"): (Arg.ID, Arg.WORD),
    **{("sh", verb): () for verb in ("new", "no")},
    ("sh", "r"): (Arg.WORD,),
    **{
        ("sh", verb): (Arg.ID,)
        for verb in (
            *("go", "skip", "pause", "resume", "end", "renew"),  # a plan (sharer only)
            *("edit", "send", "t", "l", "ns", "na"),  # a share, or an answer to one
        )
    },
    ("sh", "len"): (Arg.ID, Arg.SMALL),
    ("sh", "k"): (Arg.ID, Arg.SMALL),
    # The path: go (0: no path yet); the rest name the path, then its stage, then a question.
    ("path", "go"): (Arg.SMALL,),
    **{
        ("path", verb): (Arg.ID,)
        for verb in ("yes", "no", "show", "pause", "resume", "leave", "left", "help")
    },
    **{("path", verb): (Arg.ID, Arg.SMALL) for verb in ("rf", "rdy", "stay", "share")},
    ("path", "rs"): (Arg.ID, Arg.SMALL, Arg.WORD),
}
# Buttons whose last argument may be left off (drawn both ways).
OPTIONAL_LAST = frozenset({("consent", "yes")})

Value = int | str


@dataclass(frozen=True)
class Press:
    """A decoded button: its flow, verb and arguments (ints for numbers, str for words)."""

    flow: str
    verb: str
    args: tuple[Value, ...] = ()

    def number(self, index: int = 0) -> int:
        """Argument `index` as a number (the spec says it is one)."""
        value = self.args[index]
        assert isinstance(value, int)
        return value

    def word(self, index: int) -> str:
        """Argument `index` as a word."""
        return str(self.args[index])

    @property
    def data(self) -> str:
        """The callback_data this press is drawn as."""
        return encode(self.flow, self.verb, *self.args)


def _parse(kind: Arg, raw: str) -> Value | None:
    if kind is Arg.WORD:
        return raw if _WORD.fullmatch(raw) else None
    if not (raw.isascii() and raw.isdecimal()) or len(raw) > 20:
        return None
    number = int(raw)
    largest = {Arg.PERSON: PERSON_ID_MAX, Arg.SMALL: 9999}.get(kind, ROW_ID_MAX)
    smallest = 0 if kind in (Arg.SMALL, Arg.NEW_OR_ID) else 1
    return number if smallest <= number <= largest else None


def _spec(flow: str, verb: str, count: int) -> tuple[Arg, ...] | None:
    """The arguments (flow, verb) carries when it has `count` of them; None if it never does."""
    spec = SPECS.get((flow, verb))
    if spec is not None and count == len(spec) - 1 and (flow, verb) in OPTIONAL_LAST:
        return spec[:-1]
    return spec if spec is not None and count == len(spec) else None


def decode(data: str | None, flow: str | None = None) -> Press | None:
    """The press `data` stands for (only for `flow`, when given); None if no button of ours
    could carry it."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 2 or (flow is not None and parts[0] != flow):
        return None
    spec = _spec(parts[0], parts[1], len(parts) - 2)
    if spec is None:
        return None
    args: list[Value] = []
    for kind, raw in zip(spec, parts[2:], strict=True):
        value = _parse(kind, raw)
        if value is None:
            return None
        args.append(value)
    return Press(parts[0], parts[1], tuple(args))


def encode(flow: str, verb: str, *args: Value) -> str:
    """The callback_data for a button; ValueError for an action no spec allows, an argument
    of the wrong kind or data over 64 bytes (a bug in the caller, never the person's doing)."""
    spec = _spec(flow, verb, len(args))
    if spec is None:
        raise ValueError(f"no button {flow}:{verb} with {len(args)} arguments")
    data = ":".join([flow, verb, *(str(a) for a in args)])
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes")
    for kind, arg in zip(spec, args, strict=True):
        if _parse(kind, str(arg)) is None or isinstance(arg, bool):
            raise ValueError(f"argument {arg!r} is not a {kind.value}")
    return data
