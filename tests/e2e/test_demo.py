"""`tend demo`: the terminal chat driven by Textual's Pilot, the scripted transcript against a
golden file, and proof that the demo never connects anywhere but 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from demo.app import ChatPane, DemoApp, ReplyButton
from demo.cli import SCRIPT_START
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
    # It went through the real flows: the reveal, the weekly summary's chart, the export.
    assert "Your check-ins are in" in transcript and "Your week together" in transcript
    saved = sorted(
        Path(e.name).suffix for e in os.scandir(tmp_path) if e.name.endswith((".png", ".md"))
    )
    assert saved == [".md", ".png", ".png"]


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
            await pilot.pause()
            assert world.clock.now().astimezone(DEMO_ZONE).hour == 9
            await pilot.press("ctrl+q")
    finally:
        await world.close()


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
    assert "tend demo" in result.stderr and len(result.stderr.strip().splitlines()) == 1
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
