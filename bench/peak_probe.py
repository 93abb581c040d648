"""`python -m bench.peak_probe [before]`: `tend run` (or as before issue 19) with a loop probe.

The probe times every step of the event loop (each callback a `Handle` runs: a task's step up
to its next await, an I/O callback) in CPU seconds of the loop's thread (`time.thread_time`,
which load on a shared machine does not inflate) and in wall seconds, and writes to the file
named by `BENCH_LOOP_PROBE` every half second: the loop thread's CPU so far and every step that
took longer than `LONG` (when it started, CPU, wall, what ran), and the CPU of all steps by what
ran (a task's coroutine, or the callback). The bench reads the steps inside the peak and splits
the CPU: the summaries' work, the updates' (the /help probes), and I/O callbacks both share.
With `BENCH_PROFILE=FILE` the loop's thread also runs under cProfile, dumped to FILE at exit.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import sys
import threading
import time
from asyncio import events
from typing import Any

LONG = 0.005  # seconds: steps at least this long are written out


class LoopProbe:
    """Times each loop step (install once, in the loop's thread, before the loop starts)."""

    def __init__(self, path: str) -> None:
        self.path = path
        # (started, cpu s, wall s, what ran: a task's coroutine or the callback)
        self.steps: list[tuple[float, float, float, str]] = []
        self.thread = threading.get_ident()
        self.by_label: dict[str, list[float]] = {}  # what ran -> [steps, CPU s] so far

    def install(self) -> None:
        """Wrap `Handle._run` so each step is timed (only in the loop's thread)."""
        original = events.Handle._run
        probe = self

        def timed(handle: events.Handle) -> None:
            if threading.get_ident() != probe.thread:
                original(handle)
                return
            wall, cpu = time.time(), time.thread_time()
            original(handle)
            took_cpu = time.thread_time() - cpu
            label = _label(handle)
            spent = probe.by_label.setdefault(label, [0, 0.0])
            spent[0] += 1
            spent[1] += took_cpu
            if took_cpu >= LONG:
                probe.steps.append((wall, took_cpu, time.time() - wall, label))

        events.Handle._run = timed  # type: ignore[method-assign,assignment]
        threading.Thread(target=self._writer, daemon=True).start()
        atexit.register(self.write)

    def write(self) -> None:
        """Write the loop thread's CPU and the long steps (atomically: a rename)."""
        data: dict[str, Any] = {
            "loop_cpu_s": loop_cpu(os.getpid()),
            "steps": list(self.steps),
            "by_label": {label: list(spent) for label, spent in list(self.by_label.items())},
        }
        temporary = f"{self.path}.tmp"
        with open(temporary, "w") as out:
            json.dump(data, out)
        os.replace(temporary, self.path)

    def _writer(self) -> None:
        while True:
            time.sleep(0.5)
            self.write()


def _label(handle: events.Handle) -> str:
    """The name of what a step ran (no arguments, so no person's data)."""
    callback = getattr(handle, "_callback", None)
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, asyncio.Task):
        return str(getattr(owner.get_coro(), "__qualname__", "task"))
    return str(getattr(callback, "__qualname__", type(callback).__name__))


UPDATES = ("Application.", "Updater.", "BaseUpdateProcessor", "ChatOrderedProcessor.")


def split(before: dict[str, Any], after: dict[str, Any]) -> dict[str, float]:
    """CPU seconds of the steps between two writes, split into "updates" (PTB's update
    processing, for the /help probes), "io" (transport callbacks, shared) and "dispatch"
    (everything else: the dispatcher, its sends, the summary reads, the chart cache)."""
    totals = {"updates": 0.0, "io": 0.0, "dispatch": 0.0}
    old = before.get("by_label", {})
    for label, (_, cpu) in after.get("by_label", {}).items():
        spent = cpu - old.get(label, [0, 0.0])[1]
        if label.startswith(UPDATES):
            totals["updates"] += spent
        elif "_read_ready" in label or "_write" in label or "Transport" in label:
            totals["io"] += spent
        else:
            totals["dispatch"] += spent
    return totals


def loop_cpu(pid: int) -> float:
    """CPU seconds (user + system) of the main thread of `pid`, where the bot's loop runs."""
    with open(f"/proc/{pid}/task/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def read(path: str) -> dict[str, Any]:
    """What the probe wrote last ({} before its first write)."""
    try:
        with open(path) as found:
            data: dict[str, Any] = json.load(found)
            return data
    except (OSError, ValueError):
        return {}


def _profiled(run: Any, out: str) -> int:
    import cProfile

    profile = cProfile.Profile(time.thread_time)  # CPU of the loop thread, not wall time
    try:
        return int(profile.runcall(run) or 0)
    finally:
        profile.dump_stats(out)


def main(argv: list[str]) -> int:
    """Run the bot (as before issue 19 when argv[0] == "before") with the probe installed."""
    from bot.cli import main as bot_main

    if argv[:1] == ["before"]:
        from bench.peak_before import as_before

        as_before()
    probe_path = os.environ.get("BENCH_LOOP_PROBE")
    if probe_path:
        LoopProbe(probe_path).install()
    profile_path = os.environ.get("BENCH_PROFILE")
    if profile_path:
        return _profiled(lambda: bot_main(["run"]), profile_path)
    return int(bot_main(["run"]) or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
