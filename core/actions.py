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
    ("bd", "ack"): (Arg.ID, Arg.SMALL),
    ("bd", "talk"): (Arg.ID, Arg.SMALL),
    # The path: go (0: no path yet); the rest name the path, then its stage, then a question.
    ("path", "go"): (Arg.SMALL,),
    **{
        ("path", verb): (Arg.ID,)
        for verb in ("yes", "no", "show", "pause", "resume", "leave", "left", "help")
    },
    **{("path", verb): (Arg.ID, Arg.SMALL) for verb in ("rf", "rdy", "stay", "share")},
    ("path", "rs"): (Arg.ID, Arg.SMALL, Arg.WORD),
}

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
    largest = {Arg.ID: ROW_ID_MAX, Arg.PERSON: PERSON_ID_MAX, Arg.SMALL: 9999}[kind]
    smallest = 0 if kind is Arg.SMALL else 1
    return number if smallest <= number <= largest else None


def decode(data: str | None, flow: str | None = None) -> Press | None:
    """The press `data` stands for (only for `flow`, when given); None if no button of ours
    could carry it."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 2 or (flow is not None and parts[0] != flow):
        return None
    spec = SPECS.get((parts[0], parts[1]))
    if spec is None or len(parts) - 2 != len(spec):
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
    spec = SPECS.get((flow, verb))
    if spec is None or len(args) != len(spec):
        raise ValueError(f"no button {flow}:{verb} with {len(args)} arguments")
    data = ":".join([flow, verb, *(str(a) for a in args)])
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes")
    for kind, arg in zip(spec, args, strict=True):
        if _parse(kind, str(arg)) is None or isinstance(arg, bool):
            raise ValueError(f"argument {arg!r} is not a {kind.value}")
    return data
