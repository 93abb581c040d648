"""`tend demo`: the terminal chat driven by Textual's Pilot, the scripted transcript against a
golden file, and proof that the demo never connects anywhere but 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Input

from core.people import PRIVACY_VERSION
from demo.app import ChatPane, DemoApp, ReplyButton
from demo.cli import SCRIPT_START, morning_start
from demo.clock import DemoClock, SkipError
from demo.script import ONBOARD_AND_PAIR, Player, ScriptError, normalise, parse, run_script
from demo.world import DEMO_ZONE, PEOPLE, DemoWorld

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "first-week.txt"
PEOPLE_KEYS = {key for key, _, _ in PEOPLE}
SETUP = ONBOARD_AND_PAIR


async def test_the_script_prints_the_golden_transcript(tmp_path: Path):
    lines: list[str] = []
    text = (ROOT / "docs" / "first-week.yaml").read_text()
    clock = DemoClock(SCRIPT_START, speed=0)
    await run_script(text, clock, tmp_path, lines.append, log_to_file=False)
    transcript = normalise("\n".join(lines)) + "\n"
    if os.environ.get("TEND_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(transcript)
    assert transcript == GOLDEN.read_text()
    # The week's rhythm, through the real flows: each kind of message the bot starts, two
    # check-ins and their reveals, the reminder, appreciations both ways, a summary that agrees.
    for kind, times in (
        ("A small moment for you", 14),  # a self-care nudge, 09:00 each day, to each partner
        ("A thought to carry today", 14),  # an affirmation, 13:00
        ("Today's check-in", 12),  # the 20:30 check-in question, Monday to Saturday
        ("Your check-ins are in", 4),  # two rounds revealed, to both
        ("Your check-in is still open", 1),  # the reminder, to Alex only, after quiet hours
        ("A note from", 2),  # an appreciation each way
        ("Your week together", 2),  # the Sunday summary
    ):
        found = len(re.findall(rf"^  tend → \w+: \W*{re.escape(kind)}", transcript, re.M))
        assert found == times, (kind, found)
    assert "tend → Alex: 🤝 Your check-in is still open" in transcript
    assert transcript.count("Check-ins you both answered this week: 2") == 2
    assert (
        transcript.count(
            "Over the last four weeks you've checked in on 2 days, your partner on 2 days"
        )
        == 2
    )
    assert "not sent" not in transcript  # nothing fell away on the way
    saved = sorted(
        Path(e.name).suffix for e in os.scandir(tmp_path) if e.name.endswith((".png", ".md"))
    )
    assert saved == [".md", ".png", ".png"]


def test_the_scripted_week_starts_after_the_privacy_notice_in_one_month():
    notice = date.fromisoformat(PRIVACY_VERSION)
    assert SCRIPT_START.date() >= notice  # consent is never dated before the notice it accepts
    assert SCRIPT_START.weekday() == 0 and (SCRIPT_START + timedelta(days=6)).month == (
        SCRIPT_START.month
    )
    assert morning_start(date(2026, 7, 1)).astimezone(DEMO_ZONE).strftime("%H:%M") == "08:00"


async def test_skip_walks_through_each_due_time_and_sends_what_production_would(tmp_path: Path):
    world = await DemoWorld.open(DemoClock(SCRIPT_START, 0), tmp_path, seed=7, log_to_file=False)
    try:
        await Player(world, lambda _: None).play(parse(SETUP, PEOPLE_KEYS))
        sam, alex = world.people["sam"], world.people["alex"]
        sam.mark_read()
        alex.mark_read()
        # Two days at once: a jump would leave everything over 2 h late unsent.
        report = await world.advance(timedelta(days=2))
        for person in (sam, alex):
            firsts = [(m.text or "").split("\n")[0] for m in person.new_messages()]
            assert sum("A small moment" in f for f in firsts) == 2, firsts
            assert sum("A thought to carry" in f for f in firsts) == 2, firsts
            assert sum("Today's check-in" in f for f in firsts) == 2, firsts
        assert report.sent == 12 and not report.not_sent
        assert report.line(DEMO_ZONE) == "Now Wed 09 Dec, 08:00 · 12 messages came on the way"
        # Paused, the production rule sends Sam nothing; the line says what was left and why.
        await Player(world, lambda _: None).play(parse("- sam: /pause 1d\n", PEOPLE_KEYS))
        sam.mark_read()
        alex.mark_read()
        report = await world.advance(timedelta(hours=13))
        assert not sam.new_messages()
        assert report.not_sent["paused"] == 3
        assert "not sent, as in production: 3 reminders were paused" in report.line(DEMO_ZONE)
    finally:
        await world.close()


async def test_the_demo_never_connects_beyond_this_machine(tmp_path: Path, monkeypatch):
    seen: list[Any] = []
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> Any:
        seen.append(address)
        return real_connect(self, address)

    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append((host, "lookup"))
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    await run_script(
        SETUP + "- skip: to 20:30\n- sam: /summary\n",
        DemoClock(SCRIPT_START, 0),
        tmp_path,
        lambda _: None,
        log_to_file=False,
    )
    assert seen, "the demo made no connection at all?"
    hosts = {address[0] for address in seen if isinstance(address, tuple)}
    assert hosts <= {"127.0.0.1", "::1", "localhost"}, hosts


async def test_pilot_types_taps_and_sees_the_reveal_in_both_panes(tmp_path: Path):
    world = await DemoWorld.open(DemoClock(SCRIPT_START, 0), tmp_path, seed=7, log_to_file=False)
    try:
        await Player(world, lambda _: None).play(parse(SETUP, PEOPLE_KEYS))
        app = DemoApp(world)
        async with app.run_test(size=(180, 60)) as pilot:
            for key, ratings in (("sam", "342"), ("alex", "434")):
                await pilot.click(f"#input-{key}")
                await pilot.press(*"/checkin", "enter")
                for value in ratings:
                    await _tap(pilot, world, app, key, value)
                await _tap(pilot, world, app, key, "Skip this one")
            await world.settle()
            await app.refresh_chats()
            await pilot.pause()
            for key in ("sam", "alex"):
                pane = app.query_one(f"#pane-{key}", ChatPane)
                shown = "\n".join(str(s.render()) for s in pane.query(".bot"))
                assert "Your check-ins are in" in shown, key
            sam = "\n".join(str(s.render()) for s in app.query_one("#pane-sam").query(".bot"))
            assert "Felt safe: 4/5" in sam  # Alex's rating, revealed to Sam
            await pilot.click("#input-alex")
            await pilot.press(*":join", "enter")  # the link was used already: told so kindly
            await world.settle()
            await app.refresh_chats()
            alex = "\n".join(str(s.render()) for s in app.query_one("#pane-alex").query(".bot"))
            assert "already been used" in alex
            await pilot.click("#input-sam")
            await pilot.press(*"/journal I need [quiet] time [/b]", "enter")  # not markup
            await world.settle()
            await app.refresh_chats()
            mine = [str(s.render()) for s in app.query_one("#pane-sam").query(".mine")]
            assert any("[quiet] time [/b]" in text for text in mine)
            await pilot.click("#input-sam")
            await pilot.press(*":skip to 09:00", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert world.clock.now().astimezone(DEMO_ZONE).hour == 9
            await pilot.press("ctrl+q")
    finally:
        await world.close()


async def test_focus_stays_in_the_pane_after_a_tap_and_moves_only_by_f2(tmp_path: Path):
    world = await DemoWorld.open(DemoClock(SCRIPT_START, 0), tmp_path, seed=7, log_to_file=False)
    try:
        await Player(world, lambda _: None).play(parse(SETUP, PEOPLE_KEYS))
        app = DemoApp(world)
        async with app.run_test(size=(180, 60)) as pilot:
            sam_input = app.query_one("#input-sam", Input)
            alex_input = app.query_one("#input-alex", Input)
            await pilot.click("#input-sam")
            await pilot.press(*"/help", "enter")  # a message with buttons, soon an older one
            await world.settle()
            await pilot.press(*"/checkin", "enter")
            await _tap(pilot, world, app, "sam", "3")
            await pilot.pause()
            assert app.focused is sam_input  # back where the typing goes, not on the button
            await world.settle()
            await app.refresh_chats()  # the tapped message is redrawn: focus stays
            await pilot.pause()
            assert app.focused is sam_input
            await pilot.press(*"hi")
            assert sam_input.value == "hi"  # the keystrokes landed
            sam_input.value = ""
            # Tab walks this pane's newest buttons and its input, never old buttons or Alex's.
            pane = app.query_one("#pane-sam", ChatPane)
            newest = [b for b in pane.query(ReplyButton) if b.can_focus]
            assert newest and {b.message.message_id for b in newest} == {
                newest[0].message.message_id
            }
            assert any(not b.can_focus for b in app.query(ReplyButton))  # older ones: click only
            visited: list[Widget | None] = []
            for _ in range(len(newest) + 1):
                await pilot.press("tab")
                visited.append(app.focused)
            assert visited[-1] is sam_input and visited[:-1] == newest
            await pilot.press("shift+tab")
            assert _focused(app) is newest[-1]
            await pilot.press("shift+tab", "shift+tab")
            assert pane.holds(app.focused)
            # F2 goes to the other partner's input and back; a tap there keeps focus there.
            await pilot.press("f2")
            assert app.focused is alex_input
            await pilot.press(*"/checkin", "enter")
            await _tap(pilot, world, app, "alex", "4")
            await pilot.pause()
            assert app.focused is alex_input
            await world.settle()
            await app.refresh_chats()
            await pilot.pause()
            assert app.focused is alex_input
            await pilot.press("f2")
            assert app.focused is sam_input
            # A click on the chat itself leaves the keys with the input; PageUp scrolls it.
            log = app.query_one("#log-sam", VerticalScroll)
            await pilot.click("#log-sam")
            assert app.focused is sam_input
            log.scroll_end(animate=False)
            await pilot.pause()
            bottom = log.scroll_y
            await pilot.press("pageup")
            await pilot.pause()
            assert log.scroll_y < bottom
            # :skip from the terminal walks the due times and says what came, in one line.
            await pilot.press(*":skip to 13:30", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            shown = [n.message for n in app._notifications]
            assert any("Now Mon 07 Dec, 13:30 · 4 messages came on the way" in m for m in shown)
    finally:
        await world.close()


def _focused(app: DemoApp) -> Widget | None:
    """What has focus now (a function, so type narrowing from earlier asserts does not stick)."""
    return app.focused


async def _tap(pilot: Any, world: DemoWorld, app: DemoApp, key: str, label: str) -> None:
    """Click the newest button with this label in one pane (after the bot answered)."""
    await world.settle()
    await app.refresh_chats()
    await pilot.pause()
    pane = app.query_one(f"#pane-{key}", ChatPane)
    buttons = [b for b in pane.query(ReplyButton) if str(b.label) == label]
    assert buttons, f"no {label!r} in {key}'s pane"
    buttons[-1].scroll_visible(animate=False)
    await pilot.pause()
    assert await pilot.click(buttons[-1])
    await asyncio.sleep(0)


def test_skip_commands():
    clock = DemoClock(SCRIPT_START, speed=0)
    clock.skip_command("90m", DEMO_ZONE)
    assert clock.now().astimezone(DEMO_ZONE).strftime("%H:%M") == "09:30"
    clock.skip_command("to 08:15", DEMO_ZONE)  # tomorrow: 08:15 has passed today
    assert clock.now().astimezone(DEMO_ZONE).strftime("%a %H:%M") == "Tue 08:15"
    for bad in ("yesterday", "to 25:00", "-1h", "3000000d", "400d"):
        with pytest.raises(SkipError):
            clock.skip_command(bad, DEMO_ZONE)


def test_speed_runs_the_clock_faster():
    ticks = [0.0]
    clock = DemoClock(SCRIPT_START, speed=60, monotonic=lambda: ticks[0])
    ticks[0] = 2.0  # two real seconds
    assert (clock.now() - SCRIPT_START).total_seconds() == 120


def test_script_mistakes_name_their_step():
    with pytest.raises(ScriptError, match="step 2"):
        parse("- sam: /start\n- bob: hello\n", PEOPLE_KEYS)
    with pytest.raises(ScriptError, match="step 1"):
        parse("- sam: {wave: hi}\n", PEOPLE_KEYS)
    with pytest.raises(ScriptError, match="YAML list"):
        parse("sam: /start\n", PEOPLE_KEYS)
    with pytest.raises(ScriptError, match=r"step 1: one action per step.*needs quotes"):
        parse("- alex: {press: Yes, end the pairing}\n", PEOPLE_KEYS)  # YAML reads two keys
    assert parse('- alex: {press: "Yes, end the pairing"}\n', PEOPLE_KEYS)[0].value == (
        "Yes, end the pairing"
    )


def test_cli_without_a_token_points_to_the_demo(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEND_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "`./scripts/run demo`" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    missing = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--script", "nope.yaml"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and "no script" in missing.stderr


async def test_a_reused_demo_folder_starts_afresh(tmp_path: Path):
    for _ in range(2):  # the second run would meet the first run's people and an old key
        lines: list[str] = []
        await run_script(
            SETUP, DemoClock(SCRIPT_START, 0), tmp_path, lines.append, log_to_file=False
        )
        assert any("you're now paired" in line.lower() for line in lines)
