"""The terminal chat: two panes, one per partner, each with the bot's messages, their buttons
(click them, or Tab to one of the newest and press Enter) and an input line.

Focus stays in one pane: after a tap it is back on that pane's input, Tab moves only between
that pane's input and its newest buttons, and F2 goes to the other partner. Typing `:skip 1h`,
`:skip 30m`, `:skip 2d` or `:skip to 20:30` moves the demo clock (stopping at each due time, so
every message comes as it would); `:quit` (or Ctrl+Q) ends the demo. Pictures and files the bot
sends are saved and their path shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Input, Static

from demo.clock import DemoClock, SkipError
from demo.fake_telegram import FakeUser
from demo.fake_telegram.server import SentMessage
from demo.script import invite_code
from demo.transcript import body
from demo.world import DEMO_ZONE, DemoWorld

HELP = (
    "Type as {name} below: /start to begin. Click a button, or Tab to it and press Enter; "
    "F2 switches partner. :join opens the invite link the other partner got. The demo starts "
    "at {time} in Berlin: once you're both set up, :skip to 09:00 brings the first nudge "
    "(:skip 1h and :skip 2d work too). Ctrl+Q quits."
)


class ReplyButton(Button):
    """An inline button of one bot message."""

    def __init__(
        self, label: str, user: FakeUser, message: SentMessage, data: str, *, newest: bool
    ) -> None:
        super().__init__(label, compact=True, classes="reply")
        self.user, self.message, self.data = user, message, data
        # Only the newest message's buttons are Tab stops; older ones still take a click.
        self.can_focus = newest


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
        log = VerticalScroll(id=f"log-{self.key}", classes="log")
        log.can_focus = False  # a click on the chat must not take the keys from the input
        with log:
            now = f"{self._clock_now():%H:%M}"
            yield Static(HELP.format(name=name, time=now), classes="hint", markup=False)
        yield Input(placeholder=f"Message as {name}…", id=f"input-{self.key}")

    def _clock_now(self) -> datetime:
        app = self.app
        assert isinstance(app, DemoApp)
        return app.world.clock.now().astimezone(DEMO_ZONE)

    @property
    def input(self) -> Input:
        """This partner's input line."""
        return self.query_one(f"#input-{self.key}", Input)

    def tab_stops(self) -> list[Widget]:
        """Where Tab goes inside this pane: the newest message's buttons, then the input."""
        buttons: list[Widget] = [b for b in self.query(ReplyButton) if b.can_focus]
        return [*buttons, self.input]

    def holds(self, widget: Widget | None) -> bool:
        """Whether `widget` is inside this pane."""
        return widget is not None and any(node is self for node in widget.ancestors)

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
        if self.holds(self.screen.focused):
            # Keep focus in this pane while its buttons are replaced (else Textual would move
            # it to the next focusable widget, which may be the other partner's input).
            self.screen.set_focus(self.input)
        await log.remove_children()
        newest = _newest_with_buttons(self.user.chat.messages)
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
                    ReplyButton(
                        b["text"], self.user, message, b["callback_data"], newest=message is newest
                    )
                    for b in row
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
        Binding("pageup", "page(-1)", "Scroll up", show=False),
        Binding("pagedown", "page(1)", "Scroll down", show=False),
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
        self.panes[0].input.focus()

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
            self._command(text[1:], pane)
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

    def _command(self, command: str, pane: ChatPane) -> None:
        word, _, rest = command.partition(" ")
        if word == "quit":
            self.exit()
        elif word == "skip":
            try:
                delta = self.world.clock.parse_skip(rest, DEMO_ZONE)
            except SkipError as exc:
                self.notify(str(exc), severity="warning")
                return
            self.run_worker(self.skip(delta), group="skip", exclusive=True)
        else:
            self.notify("Commands: :join · :skip 1h · :skip to 20:30 · :quit", severity="warning")

    async def skip(self, delta: timedelta) -> str:
        """Walk the clock forward through every due time (the panes fill as messages come),
        then say in one line where it stopped, what came and what was not sent and why."""
        report = await self.world.advance(delta, self.refresh_chats)
        await self.refresh_chats()
        line = report.line(DEMO_ZONE)
        self.notify(line)
        return line

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        """Tap an inline button; the typing goes on in the same pane's input."""
        button = event.button
        if isinstance(button, ReplyButton):
            pane = self._pane_of(button)
            if pane is not None:
                self.screen.set_focus(pane.input)
            await button.user.press(button.message, data=button.data)

    def _pane_of(self, widget: Widget | None) -> ChatPane | None:
        return next((p for p in self.panes if p.holds(widget)), None)

    def action_other(self) -> None:
        """Move the cursor to the other partner's input line."""
        current = self._pane_of(self.focused)
        index = self.panes.index(current) + 1 if current is not None else 0
        self.panes[index % len(self.panes)].input.focus()

    def action_page(self, direction: int) -> None:
        """PageUp / PageDown scroll the chat of the pane being typed in."""
        pane = self._pane_of(self.focused) or self.panes[0]
        log = pane.query_one(f"#log-{pane.key}", VerticalScroll)
        if direction < 0:
            log.scroll_page_up(animate=False)
        else:
            log.scroll_page_down(animate=False)

    def action_focus_next(self) -> None:
        """Tab: the next of this pane's newest buttons and its input (never the other pane)."""
        self._cycle(1)

    def action_focus_previous(self) -> None:
        """Shift+Tab: the same stops backwards."""
        self._cycle(-1)

    def _cycle(self, step: int) -> None:
        pane = self._pane_of(self.focused) or self.panes[0]
        stops = pane.tab_stops()
        here = stops.index(self.focused) if self.focused in stops else len(stops) - 1
        self.screen.set_focus(stops[(here + step) % len(stops)])


def _newest_with_buttons(messages: list[SentMessage]) -> SentMessage | None:
    """The latest bot message that still shows buttons (its buttons are the Tab stops)."""
    for message in reversed(messages):
        if message.from_bot and not message.deleted and message.buttons():
            return message
    return None


async def run_app(clock: DemoClock, out_dir: Path) -> None:
    """Open the world, run the terminal chat until quit, close the world."""
    world = await DemoWorld.open(clock, out_dir)
    try:
        await DemoApp(world).run_async()
    finally:
        await world.close()
