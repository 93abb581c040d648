"""`python -m bench [dispatch|summary] [--quick]`.

dispatch (the default): the due-queue dispatcher against one-APScheduler-job-per-reminder.
summary: the check-in summary (text and chart) on a couple with two years of daily rounds,
against reading every answer they ever gave.

Every measurement runs in a fresh process, so memory and start-up are that process's own.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any


def work(*args: object, timeout: float = 1800) -> dict[str, Any]:
    """Run one bench.work mode in a new interpreter; return its JSON line."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.work", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def timed_first_claim(path: Path) -> float:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        work("first_claim", path)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


class FakeApi:
    """The fake Bot API in its own process (so it does not share the bot's CPU time)."""

    def __init__(self, limits: bool) -> None:
        command = [sys.executable, "-m", "demo.fake_telegram"] + (["--limits"] if limits else [])
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        info = json.loads(self.proc.stdout.readline())
        self.url, self.token, self.stats_url = info["url"], info["token"], info["stats"]

    def stats(self) -> dict[str, Any]:
        with urllib.request.urlopen(self.stats_url, timeout=30) as response:  # noqa: S310
            data: dict[str, Any] = json.loads(response.read())
        return data

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def e2e(path: Path, due: int, spread: float, limits: bool) -> dict[str, Any]:
    api = FakeApi(limits)
    try:
        result = work("e2e", path, api.url, api.token, due, spread, "on" if limits else "off")
        stats = api.stats()
    finally:
        api.close()
    times = stats["send_times"]
    result["rate_limited"] = stats["rate_limited"]
    if len(times) > 1:
        result["per_s"] = (len(times) - 1) / (times[-1] - times[0])
        # Sustained rate: messages per second over whole seconds after the first.
        window = [t for t in times if t - times[0] >= 1.0]
        if len(window) > 1:
            result["sustained_per_s"] = (len(window) - 1) / (window[-1] - window[0])
    return result


SUMMARY_TARGET_MS = 1000  # the whole summary (reads, text and chart) within a second


def _row(name: str, first: float, numbers: dict[str, float]) -> str:
    return f"  {name:<38} {first:9.1f} {numbers['median_ms']:9.1f} {numbers['max_ms']:9.1f}"


def summary(quick: bool) -> None:
    """The check-in summary over two years of one couple's daily rounds."""
    days, couples, other_days = 730, (50 if quick else 200), 60
    reps = 5 if quick else 20
    r = work("summary", days, couples, other_days, reps)
    print(
        f"== check-in summary on SQLite: one couple with {days} days of rounds (both answer "
        f"daily), {couples} more couples x {other_days} days; {r['answers']:,} answers in all "
        f"(seeded in {r['seed_s']:.1f} s)"
    )
    print(f"  {'ms':<38} {'first':>9} {'median':>9} {'max':>9}   ({r['reps']} repetitions)")
    first = r["first"]
    print(_row("build: reads + numbers (8 weeks)", first["build_ms"], r["build"]))
    print(_row("text_of", first["text_ms"], r["text"]))
    print(_row(f"chart_of ({r['png_kb']:.0f} KB PNG)", first["chart_ms"], r["chart"]))
    print(_row("total (text and chart)", first["total_ms"], r["total"]))
    print(_row("naive: all 2 years via ORM + numbers", first["naive_ms"], r["naive"]))
    print("  (first: a fresh process's first call; the chart's includes importing matplotlib)")
    ratio = r["naive"]["median_ms"] / r["build"]["median_ms"]
    worst = max(first["total_ms"], r["total"]["max_ms"])
    verdict = "met" if worst < SUMMARY_TARGET_MS else "MISSED"
    print(
        f"  reads + numbers: naive {r['naive']['median_ms']:.1f} ms vs ours "
        f"{r['build']['median_ms']:.1f} ms median ({ratio:.1f}x faster), same summary"
    )
    print(
        f"  target: summary (text and chart) under {SUMMARY_TARGET_MS / 1000:.0f} s: {verdict} "
        f"(slowest {worst:.0f} ms, first call included)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "mode", nargs="?", default="dispatch", choices=("dispatch", "summary"), help="what to time"
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, a minute or two")
    args = parser.parse_args()
    if args.mode == "summary":
        summary(args.quick)
        return
    sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    naive_sizes = [10_000, 30_000] if args.quick else [10_000, 100_000, 300_000]

    print("== naive: one in-memory APScheduler job per reminder")
    naive = {}
    for count in naive_sizes:
        naive[count] = work("naive", count)
        print(
            f"  {count:>9,} jobs: build {naive[count]['build_s']:6.1f} s   "
            f"memory +{naive[count]['rss_mb']:7.1f} MB   peak {naive[count]['peak_mb']:7.1f} MB"
        )

    print("== due queue on SQLite (3 reminders/person, random times in 30 zones)")
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            path = Path(tmp) / f"bench-{count}.db"
            seeded = work("seed", count, path)
            start = timed_first_claim(path)
            db = work("dbpath", path, min(count, 20_000))
            edit = work("edit", path)
            rows[count] = {"start": start, **db, **edit}
            print(
                f"  {count:>9,} reminders: seed {seeded['seed_s']:5.1f} s | start→first claim "
                f"{start:4.2f} s | claim+next+record {db['per_s']:7.0f}/s "
                f"({db['db_ms_per_batch']:.1f} ms per {db['batch']} batch) | peak RSS "
                f"{db['peak_mb']:5.1f} MB | edit+list one person {edit['edit_list_ms_p50']:.1f} ms"
                f" (max {edit['edit_list_ms_max']:.1f})"
            )
        small = Path(tmp) / f"bench-{sizes[0]}.db"
        print("== end to end: PTB → fake Bot API in another process")
        burst = e2e(small, 10_000, 0, limits=False)
        print(
            f"  10,000 due at once, limits off: {burst['sent']} sent, {burst['per_s']:.0f} msg/s, "
            f"all within {burst['elapsed_s']:.1f} s, lateness p50 {burst['late_p50']:.2f} s "
            f"p99 {burst['late_p99']:.2f} s, peak RSS {burst['peak_mb']:.0f} MB"
        )
        spread = e2e(small, 300, 60, limits=False)
        print(
            f"  300 due within one minute, limits off: lateness p50 {spread['late_p50']:.2f} s "
            f"p99 {spread['late_p99']:.2f} s"
        )
        limited = e2e(small, 1000, 0, limits=True)
        print(
            f"  1,000 due at once, limits on: {limited['sent']} sent, "
            f"{limited.get('sustained_per_s', 0):.1f} msg/s sustained, "
            f"429s from the bot: {limited['rate_limited']}, failed: {limited['failed']}"
        )

    print("== ratios")
    big_naive = max(naive_sizes)
    big = max(sizes)
    print(
        f"  memory: naive {naive[big_naive]['peak_mb']:.0f} MB at {big_naive:,} jobs vs due queue "
        f"{rows[big]['peak_mb']:.0f} MB at {big:,} reminders "
        f"({naive[big_naive]['peak_mb'] / rows[big]['peak_mb']:.1f}x less)"
    )
    print(
        f"  start: naive rebuild {naive[big_naive]['build_s']:.1f} s at {big_naive:,} vs first claim "
        f"{rows[big]['start']:.2f} s at {big:,} "
        f"({naive[big_naive]['build_s'] / rows[big]['start']:.0f}x faster)"
    )
    print(f"  RSS growth 10k → {big:,}: {rows[big]['peak_mb'] - rows[sizes[0]]['peak_mb']:+.1f} MB")


if __name__ == "__main__":
    main()
