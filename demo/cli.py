"""`tend demo`: the terminal chat, or `--script FILE` to play a conversation and print it."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from demo.clock import DemoClock
from demo.world import DEMO_ZONE

# Scripts start on a Monday morning, so the same script always meets the same days.
SCRIPT_START = datetime(2026, 11, 23, 8, 0, tzinfo=DEMO_ZONE)


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

    asyncio.run(run_app(DemoClock(datetime.now(DEMO_ZONE), speed=speed), out_dir))
    print(f"tend demo: files you saved and the demo's log are in {out_dir}")
    return 0
