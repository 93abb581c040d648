"""`tend demo --script FILE`: play a scripted conversation and print the transcript.

A script is a YAML list. Each step is one of:

    - sam: /start                  # Sam types (a command or words)
    - alex: {press: I agree}       # Alex taps the button whose label contains this
    - alex: {invite_from: sam}     # Alex opens the invite link in Sam's chat (then
                                   # confirms whose it is; Sam confirms it's Alex)
    - skip: 2h                     # the demo clock moves on (30m, 2h, 1d, or "to 20:30"),
                                   # stopping at each due time so every message comes

Time only moves by `skip` (speed 0), so the same script prints the same transcript.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from demo.clock import DemoClock, SkipError
from demo.fake_telegram import FakeUser
from demo.fake_telegram.server import SentMessage
from demo.transcript import body, buttons_line
from demo.world import DEMO_ZONE, PEOPLE, DemoWorld

INVITE = re.compile(r"\?start=(\S+)")
# Both partners set up and paired: the start of most demos and of the demo's own tests.
ONBOARD_AND_PAIR = """
- sam: /start
- sam: {press: I agree}
- sam: {press: I was the one who was hurt}
- sam: {press: Europe/Berlin}
- sam: /invite
- alex: {invite_from: sam}
- alex: {press: I agree}
- alex: {press: pair us}
- sam: {press: that's my partner}
- alex: {press: I broke the trust}
- alex: {press: Europe/Berlin}
"""


class ScriptError(ValueError):
    """A script step that cannot be played (with its number)."""


@dataclass(frozen=True)
class Step:
    """One parsed step."""

    who: str | None  # a person's key, or None for `skip`
    kind: str  # "type", "press", "invite_from", "skip"
    value: str


def parse(text: str, people: set[str]) -> list[Step]:
    """Read a script; every mistake names its step."""
    data = yaml.safe_load(text)
    if not isinstance(data, list):
        raise ScriptError("a script is a YAML list of steps")
    steps = []
    for number, raw in enumerate(data, start=1):
        if not isinstance(raw, dict) or len(raw) != 1:
            raise ScriptError(f"step {number}: one key per step, like `- sam: /start`")
        ((key, value),) = raw.items()
        if key == "skip":
            steps.append(Step(None, "skip", str(value)))
        elif key in people and isinstance(value, str | int):
            steps.append(Step(key, "type", str(value)))
        elif key in people and isinstance(value, dict) and len(value) == 1:
            ((kind, what),) = value.items()
            if kind not in ("press", "invite_from"):
                raise ScriptError(f"step {number}: {kind!r} is not press or invite_from")
            steps.append(Step(key, kind, str(what)))
        elif key in people and isinstance(value, dict):
            raise ScriptError(
                f"step {number}: one action per step, like `- {key}: {{press: Done}}` "
                '(a label with a comma needs quotes: {press: "Yes, end it"})'
            )
        else:
            raise ScriptError(f"step {number}: who is {key!r}? ({', '.join(sorted(people))})")
    return steps


class Player:
    """Plays steps against a world and collects the transcript."""

    def __init__(self, world: DemoWorld, write: Callable[[str], None]) -> None:
        self.world, self.write = world, write
        self._shown: dict[int, int] = {}  # message id → edits already shown
        self._names = {key: user.info["first_name"] for key, user in world.people.items()}

    async def play(self, steps: list[Step]) -> None:
        """Each step, then what the bot said to each person."""
        self.write(f"── {self._time()} ──")
        for number, step in enumerate(steps, start=1):
            try:
                await self._act(step)
            except (SkipError, LookupError) as exc:
                raise ScriptError(f"step {number}: {exc}") from exc
            await self.world.settle()
            for line in self._news():
                self.write(line)

    async def _act(self, step: Step) -> None:
        if step.kind == "skip":
            delta = self.world.clock.parse_skip(step.value, DEMO_ZONE)
            self.write(f"\n── skip {step.value} ──")

            async def show_what_came() -> None:
                lines = self._news()
                if lines:
                    self.write(f"\n── {self._time()} ──")
                    for line in lines:
                        self.write(line)

            report = await self.world.advance(delta, show_what_came)
            self.write(f"\n── {report.line(DEMO_ZONE)} ──")
            return
        assert step.who is not None
        user = self.world.people[step.who]
        name = self._names[step.who]
        if step.kind == "type":
            self.write(f"\n{name} › {step.value}")
            await user.send(step.value)
        elif step.kind == "press":
            message, label = _button(user, step.value)
            self.write(f"\n{name} taps [{label}]")
            await user.press(message, label)
        else:
            code = invite_code(self.world.people[step.value])
            self.write(f"\n{name} opens the invite link")
            await user.send(f"/start {code}")

    def _news(self) -> list[str]:
        """The lines for what the bot sent or changed since last time, person by person."""
        lines: list[str] = []
        for key, user in self.world.people.items():
            for message in user.bot_messages():
                seen = self._shown.get(message.message_id)
                if seen == message.edits:
                    continue
                label = "tend" if seen is None else "tend (changed)"
                self._shown[message.message_id] = message.edits
                lines.extend(self._lines(self._names[key], label, message))
        return lines

    def _lines(self, name: str, label: str, message: SentMessage) -> list[str]:
        text = body(message, self.world.saved_file(message))
        first, *rest = text.splitlines() or [""]
        lines = [f"  {label} → {name}: {first}"]
        lines.extend(f"      {line}" if line else "" for line in rest + buttons_line(message))
        return lines

    def _time(self) -> str:
        return f"{self.world.clock.now().astimezone(DEMO_ZONE):%a %d %b, %H:%M}"


def _button(user: FakeUser, wanted: str) -> tuple[SentMessage, str]:
    """The newest message with a button whose label contains `wanted`."""
    for message in reversed(user.bot_messages()):
        for button in message.buttons():
            if wanted.lower() in button["text"].lower():
                return message, str(button["text"])
    raise LookupError(f"no button {wanted!r} in {user.info['first_name']}'s chat")


def invite_code(inviter: FakeUser) -> str:
    """The code of the newest invite link in this person's chat."""
    for message in reversed(inviter.bot_messages()):
        found = INVITE.search(message.text or "")
        if found:
            return found.group(1)
    raise LookupError(f"no invite link in {inviter.info['first_name']}'s chat")


async def run_script(
    text: str,
    clock: DemoClock,
    out_dir: Path,
    write: Callable[[str], None],
    *,
    log_to_file: bool = True,
) -> None:
    """Open a world, play the script (its YAML text) in it, close it."""
    steps = parse(text, {key for key, _, _ in PEOPLE})
    world = await DemoWorld.open(clock, out_dir, seed=7, log_to_file=log_to_file)
    try:
        await Player(world, write).play(steps)
    finally:
        await world.close()


def normalise(transcript: str) -> str:
    """Times, dates and random codes replaced, for comparing transcripts across runs."""
    text = INVITE.sub("?start=<code>", transcript)
    text = re.sub(r"\b\d{1,2}:\d{2}\b", "<time>", text)
    text = re.sub(r"\b\d{1,2} \w{3} \d{4}\b", "<date>", text)
    return re.sub(r"saved to \S+", "saved to <file>", text)
