"""A hung test ends the run at once, saying where everything was waiting.

A test that never finishes would otherwise hold CI until its time limit and say nothing. After
TEND_TEST_HANG_SECONDS (default 240) in one test, this prints the stack of every thread and every
asyncio task, and what the test database's sessions are doing, then exits with code 3. A process
that has not exited that long after the last test does the same.
"""

from __future__ import annotations

import asyncio
import faulthandler
import gc
import os
import shutil
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterator
from types import FrameType

import pytest

HANG_SECONDS = float(os.environ.get("TEND_TEST_HANG_SECONDS", "240"))


def _running_loops() -> list[asyncio.AbstractEventLoop]:
    return [
        o for o in gc.get_objects() if isinstance(o, asyncio.AbstractEventLoop) and o.is_running()
    ]


def _await_chain(coro: object) -> Iterator[FrameType]:
    """The frames of a suspended coroutine and of everything it awaits, outermost first."""
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is not None:
            yield frame
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)


def _task_stacks() -> str:
    lines: list[str] = []
    for loop in _running_loops():
        tasks: list[asyncio.Task[object]] = []
        for _ in range(3):  # the set can change under us while the loop still runs
            try:
                tasks = list(asyncio.all_tasks(loop))
                break
            except RuntimeError:
                continue
        for task in tasks:
            lines.append(f"--- task {task.get_name()}\n")
            chain = ((f, f.f_lineno) for f in _await_chain(task.get_coro()))
            lines.extend(traceback.StackSummary.extract(chain).format())
    return "".join(lines) or "(no running event loop)\n"


def _database_activity() -> str:
    """What the test database's sessions are doing (queries carry placeholders, never values)."""
    psql = shutil.which("psql")
    if psql is None:
        return "(no psql)\n"
    query = (
        "SELECT pid, state, wait_event_type, wait_event, now() - xact_start AS in_tx, "
        "left(query, 120) FROM pg_stat_activity WHERE datname = current_database()"
    )
    # This process's test database (tests/conftest.py sets the variable for each xdist worker).
    url = os.environ.get("TEND_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
    database = url.rsplit("/", 1)[-1].split("?", 1)[0]
    try:
        done = subprocess.run(
            [psql, "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", query],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"(psql failed: {exc!r})\n"
    return done.stdout + done.stderr


def _report(item: pytest.Item) -> None:
    capman = item.config.pluginmanager.getplugin("capturemanager")
    if capman is not None:
        capman.suspend_global_capture(in_=True)
    out = sys.stderr
    out.write(f"\n\n===== {item.nodeid} still running after {HANG_SECONDS:.0f} s =====\n")
    out.write("----- asyncio tasks\n")
    out.write(_task_stacks())
    out.write("----- PostgreSQL sessions\n")
    out.write(_database_activity())
    out.write("----- threads\n")
    out.flush()
    faulthandler.dump_traceback(file=out, all_threads=True)
    out.flush()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    finished = threading.Event()

    def watch() -> None:
        if finished.wait(HANG_SECONDS):
            return
        try:
            _report(item)
        finally:
            os._exit(3)

    threading.Thread(target=watch, name="hang-watchdog", daemon=True).start()
    try:
        yield
    finally:
        finished.set()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """The run is over; if the process still has not exited after a while, say what holds it."""

    def watch() -> None:
        threading.Event().wait(HANG_SECONDS)
        out = sys.__stderr__ or sys.stderr
        out.write(f"\n\n===== still not exited {HANG_SECONDS:.0f} s after the tests\n")
        out.flush()
        faulthandler.dump_traceback(file=out, all_threads=True)
        os._exit(3)

    threading.Thread(target=watch, name="exit-watchdog", daemon=True).start()
