"""Make docs/demo.svg: the two panes after a first check-in (`python -m demo.screenshot`)."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from demo.app import DemoApp
from demo.cli import SCRIPT_START
from demo.clock import DemoClock
from demo.script import ONBOARD_AND_PAIR, Player, parse
from demo.world import PEOPLE, DemoWorld

STEPS = (
    ONBOARD_AND_PAIR
    + """
- skip: to 20:30
- sam: {press: Check in now}
- sam: {press: "3"}
- sam: {press: "2"}
- sam: {press: "4"}
- sam: When you put your phone on the table at dinner without my asking
- alex: {press: Check in now}
- alex: {press: "4"}
- alex: {press: "3"}
- alex: {press: "4"}
- alex: Eating together and talking about something other than us
"""
)


async def shoot(target: Path) -> None:
    """Play the steps, then save what the terminal shows as SVG."""
    with tempfile.TemporaryDirectory(prefix="tend-shot-") as folder:
        world = await DemoWorld.open(DemoClock(SCRIPT_START, 0), Path(folder), seed=7)
        try:
            await Player(world, lambda _: None).play(parse(STEPS, {k for k, _, _ in PEOPLE}))
            app = DemoApp(world)
            async with app.run_test(size=(150, 48)) as pilot:
                await app.refresh_chats()
                await pilot.pause()
                app.save_screenshot(target.name, str(target.parent))
        finally:
            await world.close()


if __name__ == "__main__":
    asyncio.run(shoot(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/demo.svg")))
