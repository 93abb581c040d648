"""`tend demo`: the terminal chat, or `--script FILE` to play a conversation and print it."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import date, datetime, time
from pathlib import Path

from demo.clock import DemoClock
from demo.world import DEMO_ZONE

# Scripts start on a Monday morning, so the same script always meets the same days (a week in
# one month, after the privacy notice's date, so consent is never dated before the notice).
SCRIPT_START = datetime(2026, 12, 7, 8, 0, tzinfo=DEMO_ZONE)
# The terminal chat starts at 08:00 today in the demo's zone: quiet hours are over and the first
# nudge (09:00) is a `:skip to 09:00` away once both partners are set up.
MORNING = time(8, 0)


def morning_start(today: date | None = None) -> datetime:
    """08:00 in the demo's zone on `today` (default: today there)."""
    day = today or datetime.now(DEMO_ZONE).date()
    return datetime.combine(day, MORNING, tzinfo=DEMO_ZONE)


def run_demo(speed: float, script: Path | None, out: Path | None) -> int:
    """Run the demo; returns the exit code."""
    out_dir = out or Path(tempfile.mkdtemp(prefix="tend-demo-"))
    if script is not None:
        from demo.script import ScriptError, run_script

        if not script.is_file():
            print(f"tend demo: no script at {script}", file=sys.stderr)
            return 2
        try:
            text = script.read_text(encoding="utf-8")
            asyncio.run(run_script(text, DemoClock(SCRIPT_START, speed=0), out_dir, print))
        except ScriptError as exc:
            print(f"tend demo: {script}: {exc}", file=sys.stderr)
            return 2
        print(f"\n(files and the demo's log are in {out_dir})")
        return 0
    from demo.app import run_app

    asyncio.run(run_app(DemoClock(morning_start(), speed=speed), out_dir))
    print(f"tend demo: files you saved and the demo's log are in {out_dir}")
    return 0
