"""The terminal chat: two panes, one per partner, each with the bot's messages, their buttons
(click them, or Tab to one and press Enter) and an input line.

Typing `:skip 1h`, `:skip 30m`, `:skip 2d` or `:skip to 20:30` moves the demo clock; `:quit` (or
Ctrl+Q) ends the demo. Pictures and files the bot sends are saved and their path shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Static

from demo.clock import DemoClock, SkipError
from demo.fake_telegram import FakeUser
from demo.fake_telegram.server import SentMessage
from demo.script import invite_code
from demo.transcript import body
from demo.world import DEMO_ZONE, DemoWorld

HELP = (
    "Type as {name} below: /start to begin. Buttons can be clicked, or reached with Tab. "
    ":join opens the invite link the other partner got; :skip 1h or :skip to 20:30 moves "
    "time; Ctrl+Q quits."
)


class ReplyButton(Button):
    """An inline button of one bot message."""

    def __init__(self, label: str, user: FakeUser, message: SentMessage, data: str) -> None:
        super().__init__(label, compact=True, classes="reply")
        self.user, self.message, self.data = user, message, data


@dataclass
class _Shown:
    signature: tuple[int, int, int]  # messages, edits, deletions


class ChatPane(Vertical):
    """One partner's phone: the chat and an input line."""

    def __init__(self, key: str, user: FakeUser) -> None:
        super().__init__(id=f"pane-{key}", classes="pane")
        self.key, self.user = key, user
        self.shown = _Shown((0, 0, 0))

    def compose(self) -> ComposeResult:
        name = self.user.info["first_name"]
        yield Static(f"📱 {name}", classes="who")
        with VerticalScroll(id=f"log-{self.key}", classes="log"):
            yield Static(HELP.format(name=name), classes="hint", markup=False)
        yield Input(placeholder=f"Message as {name}…", id=f"input-{self.key}")

    def signature(self) -> tuple[int, int, int]:
        """Changes whenever the chat does (a new message, an edit, a deletion)."""
        messages = self.user.chat.messages
        return (
            len(messages),
            sum(m.edits for m in messages),
            sum(m.deleted for m in messages),
        )

    async def redraw(self, world: DemoWorld) -> None:
        """Show the chat again if it changed."""
        signature = self.signature()
        if signature == self.shown.signature:
            return
        self.shown.signature = signature
        log = self.query_one(f"#log-{self.key}", VerticalScroll)
        await log.remove_children()
        widgets: list[Static | Horizontal] = []
        for message in self.user.chat.messages:
            if message.deleted:
                continue
            if not message.from_bot:
                widgets.append(Static(message.text or "", classes="mine", markup=False))
                continue
            text = body(message, world.saved_file(message))
            widgets.append(Static(text, classes="bot", markup=False))
            for row in (message.reply_markup or {}).get("inline_keyboard", []):
                buttons = [
                    ReplyButton(b["text"], self.user, message, b["callback_data"]) for b in row
                ]
                widgets.append(Horizontal(*buttons, classes="row"))
        await log.mount_all(widgets)
        log.scroll_end(animate=False)


class DemoApp(App[None]):
    """Two partners side by side, talking to the real bot."""

    TITLE = "tend demo"
    CSS = """
    .pane { width: 1fr; border: round $primary; padding: 0 1; }
    .who { text-style: bold; padding: 0 0 1 0; }
    .log { height: 1fr; }
    .hint { color: $text-muted; padding: 0 0 1 0; }
    .bot { background: $boost; padding: 0 1; margin: 0 0 1 0; }
    .mine { text-align: right; color: $accent; margin: 0 0 1 0; }
    .row { height: auto; margin: 0 0 1 0; }
    .reply { margin: 0 1 0 0; }
    """
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("ctrl+q", "quit", "Quit"),
        Binding("f2", "other", "Other partner"),
    ]

    def __init__(self, world: DemoWorld) -> None:
        super().__init__()
        self.world = world
        self.panes = [ChatPane(key, user) for key, user in world.people.items()]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal():
            yield from self.panes
        yield Footer()

    def on_mount(self) -> None:
        self._tick_title()
        self.set_interval(0.25, self.refresh_chats)
        self.query_one(f"#input-{self.panes[0].key}", Input).focus()

    def _tick_title(self) -> None:
        clock = self.world.clock
        local = clock.now().astimezone(DEMO_ZONE)
        speed = f" · ×{clock.speed:g}" if clock.speed != 1 else ""
        if clock.speed == 0:
            speed = " · time moves with :skip"
        self.sub_title = f"{local:%a %d %b, %H:%M} (Berlin){speed}"

    async def refresh_chats(self) -> None:
        """Redraw panes whose chat changed; keep the clock in the title current."""
        self._tick_title()
        for pane in self.panes:
            await pane.redraw(self.world)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        """Send what was typed (or run a `:` command)."""
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        pane = next(p for p in self.panes if event.input.id == f"input-{p.key}")
        if text.startswith(":join"):
            await self._join(pane)
        elif text.startswith(":"):
            self._command(text[1:])
        else:
            await pane.user.send(text)
        await self.refresh_chats()

    async def _join(self, pane: ChatPane) -> None:
        """Open the invite link the other partner was given (copying it across is fiddly)."""
        other = next(p for p in self.panes if p is not pane)
        try:
            code = invite_code(other.user)
        except LookupError:
            self.notify("The other partner needs an /invite link first.", severity="warning")
            return
        await pane.user.send(f"/start {code}")

    def _command(self, command: str) -> None:
        word, _, rest = command.partition(" ")
        if word == "quit":
            self.exit()
        elif word == "skip":
            try:
                delta = self.world.clock.skip_command(rest, DEMO_ZONE)
            except SkipError as exc:
                self.notify(str(exc), severity="warning")
                return
            self.notify(f"Skipped {_duration(delta.total_seconds())}.")
            self._tick_title()
        else:
            self.notify("Commands: :join · :skip 1h · :skip to 20:30 · :quit", severity="warning")

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        """Tap an inline button."""
        button = event.button
        if isinstance(button, ReplyButton):
            await button.user.press(button.message, data=button.data)

    def action_other(self) -> None:
        """Move the cursor to the other partner's input line."""
        focused = self.focused
        keys = [p.key for p in self.panes]
        current = next((k for k in keys if focused is not None and focused.id == f"input-{k}"), "")
        following = keys[(keys.index(current) + 1) % len(keys)] if current else keys[0]
        self.query_one(f"#input-{following}", Input).focus()


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


async def run_app(clock: DemoClock, out_dir: Path) -> None:
    """Open the world, run the terminal chat until quit, close the world."""
    world = await DemoWorld.open(clock, out_dir)
    try:
        await DemoApp(world).run_async()
    finally:
        await world.close()
