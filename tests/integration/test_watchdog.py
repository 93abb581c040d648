"""A hung test ends the run quickly and says where it was waiting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_hung_test_ends_the_run_with_its_stacks(tmp_path: Path) -> None:
    hung = tmp_path / "test_hung.py"
    hung.write_text(
        "import asyncio\n\n\n"
        "async def never_set():\n"
        "    await asyncio.Event().wait()\n\n\n"
        "async def test_waits_for_ever():\n"
        "    await never_set()\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.watchdog", "-o", "asyncio_mode=auto", hung],
        cwd=ROOT,
        env={**os.environ, "TEND_TEST_HANG_SECONDS": "2"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3
    assert "test_waits_for_ever still running after 2 s" in done.stderr
    assert "in never_set" in done.stderr and "asyncio.Event().wait()" in done.stderr
    assert "Thread" in done.stderr  # every thread's stack too
