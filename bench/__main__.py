"""`python -m bench [MODE] [--quick | --smoke]`.

dispatch (the default): the due-queue dispatcher against one-APScheduler-job-per-reminder.
sends: scheduled messages end to end the way `tend run` sends them, at Telegram-like latency,
as before issue 12 and now, side by side.
peak: the Sunday peak, weekly summaries of couples in one zone due in the same second, with /help
timed meanwhile, before issue 19 and now (bench/peak.py).
summary: the check-in summary (text and chart) on a couple with two years of daily rounds,
against reading every answer they ever gave.
updates: replies when many people write at once, one update at a time against concurrent.
report: the PDF report "since I started" for a couple with two years of daily rounds.

Sizes: full (the default), --quick (a minute or two), --smoke (tiny: the test suite runs every
mode this way so none can rot unnoticed; its numbers mean nothing).
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
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from bench import updates

Size = Literal["full", "quick", "smoke"]


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


def timed_first_claim(path: Path, repeat: int = 3) -> float:
    """Median seconds from a fresh process to its first claim."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        work("first_claim", path)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


class FakeApi:
    """The fake Bot API in its own process (so it does not share the bot's CPU time)."""

    def __init__(self, limits: bool, latency: float = 0.0, global_rate: int = 30) -> None:
        command = [sys.executable, "-m", "demo.fake_telegram", "--latency", str(latency)]
        command += ["--limits", "--global-rate", str(global_rate)] if limits else []
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


SUMMARY_TARGET_MS = 1000  # the whole summary (reads, text and chart) within a second


def _row(name: str, first: float, numbers: dict[str, float]) -> str:
    return f"  {name:<38} {first:9.1f} {numbers['median_ms']:9.1f} {numbers['max_ms']:9.1f}"


def summary(size: Size) -> None:
    """The check-in summary over two years of one couple's daily rounds."""
    days, couples, other_days, reps = {
        "full": (730, 200, 60, 20),
        "quick": (730, 50, 60, 5),
        "smoke": (30, 2, 10, 2),
    }[size]
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


def dispatch(size: Size) -> None:
    """The due queue against one in-memory APScheduler job per reminder."""
    sizes, naive_sizes = {
        "full": ([10_000, 100_000, 1_000_000], [10_000, 100_000, 300_000]),
        "quick": ([10_000, 100_000], [10_000, 30_000]),
        "smoke": ([400], [400]),
    }[size]
    print("== naive: one in-memory APScheduler job per reminder")
    naive = {}
    for count in naive_sizes:
        naive[count] = work("naive", count)
        print(
            f"  {count:>9,} jobs: build {naive[count]['build_s']:6.1f} s   "
            f"memory +{naive[count]['rss_mb']:7.1f} MB   peak {naive[count]['peak_mb']:7.1f} MB"
        )

    print("== due queue on SQLite (4 reminders/person, random times in 30 zones)")
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            path = Path(tmp) / f"bench-{count}.db"
            seeded = work("seed", count, path)
            start = timed_first_claim(path, 1 if size == "smoke" else 3)
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
        print("  (end to end through Telegram: python -m bench sends)")

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


def sends(size: Size) -> None:
    """Scheduled sends as `tend run` makes them, before issue 12 and now: see bench/sends.py."""
    from bench import sends as bench_sends

    groups, limited = {
        "full": ([60, 300], 1000),
        "quick": ([60, 300], 300),
        "smoke": ([6], 6),
    }[size]
    latency = 0.08
    print(
        f"== scheduled sends end to end: `tend run` → fake Bot API answering after "
        f"{latency * 1000:.0f} ms; people set up as onboarding does, {bench_sends.HISTORY_DAYS} "
        f"days of content history each; everyone's self-care nudge (or check-in) due at the "
        "same second"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for people in groups:
            template, _ = bench_sends.onboarded(people, Path(tmp))
            for before in (True, False):
                label = f"{people} self-care due, limits off, {'before' if before else 'now'}"
                run = bench_sends.Run(people, latency, before=before)
                print(bench_sends.line(label, bench_sends.measure(run, template)))
            if size != "smoke":  # the same path with another kind: not worth the smoke's time
                run = bench_sends.Run(people, latency, kind="checkin")
                label = f"{people} check-ins due, limits off, now"
                print(bench_sends.line(label, bench_sends.measure(run, template)))
        if size != "smoke":  # the weekly summary: text and a chart built at send time
            people = groups[0]
            template, _ = bench_sends.onboarded(people, Path(tmp))
            run = bench_sends.Run(people, latency, kind="summary")
            label = f"{people} weekly summaries due, limits off"
            print(bench_sends.line(label, bench_sends.measure(run, template)))
        template, _ = bench_sends.onboarded(limited, Path(tmp))
        result = bench_sends.measure(bench_sends.Run(limited, latency, limits=True), template)
        print(bench_sends.line(f"{limited} self-care due, limits on, now", result))
    print(f"  with limits on: 429s from the bot {result['rate_limited']}")


def peak(size: Size) -> None:
    """The Sunday peak, before issue 19 and now: see bench/peak.py."""
    from bench import peak as bench_peak

    couples = {"full": 1000, "quick": 200, "smoke": 3}[size]
    print(
        f"== the Sunday peak: {couples:,} couples ({2 * couples:,} people) in one zone, 8 weeks of "
        "revealed rounds each, every weekly summary (text and chart) due in the same second, "
        f"limits off, fake Bot API answering after 80 ms; /help from another person every "
        f"{bench_peak.PROBE_EVERY:.1f} s meanwhile"
    )
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "peak.db"
        seeded = work("peak_seed", template, couples)
        print(
            f"  seeded {seeded['people']:,} people, {seeded['rounds']:,} rounds in {seeded['seed_s']:.0f} s"
        )
        rows = {}
        for before in (True, False):
            rows[before] = r = bench_peak.measure(template, before)
            label = (
                "before (a chart per person, in a thread)"
                if before
                else "now (a chart per couple, in the pool, 2nd by file_id)"
            )
            print(
                f"  {label:<54} all {r['people']:,} sent in {r['all_sent_s']:6.1f} s (texts p99 "
                f"{r['text_p99_s']:5.1f} s) | bot CPU {r['cpu_per_summary_ms']:5.1f} ms/summary | "
                f"/help p50 {r['help_p50_s']:5.2f} s p99 {r['help_p99_s']:5.2f} s ({r['help_n']} probes)"
            )
            print(
                f"  {'':<54} event loop: CPU {r['loop_cpu_per_summary_ms']:5.2f} ms/summary, "
                f"longest step {r['longest_step_cpu_ms']:5.1f} ms CPU "
                f"({r['longest_step_wall_ms']:5.1f} ms wall), steps over 50 ms CPU: "
                f"{r['steps_over_50ms']}"
            )
            longest = ", ".join(f"{name} {ms:.0f} ms" for ms, name in reversed(r["longest_steps"]))
            print(f"  {'':<54} longest steps (CPU): {longest}")
            print(
                f"  {'':<54} loop CPU split: summaries' work {r['dispatch_ms_per_summary']:.2f} "
                f"ms/summary + I/O callbacks {r['io_ms_per_summary']:.2f} ms/summary; updates "
                f"{r['updates_ms_per_help']:.1f} ms per /help"
            )
            costly = ", ".join(f"{name} {cpu:.1f} s" for name, cpu in r["top_labels"])
            print(f"  {'':<54} costliest kinds of step: {costly}")
    charts = work("peak_charts", min(couples, 200))
    ratio = charts["before_s"] / charts["now_s"]
    print(
        f"  chart CPU for {charts['couples']} couples: before {charts['before_s']:.2f} s "
        f"(2 x render_chart), now {charts['now_s']:.2f} s (1 x paint): {ratio:.1f}x less"
    )
    now = rows[False]
    met = now["all_sent_s"] < 60 and now["help_p99_s"] < 1 and ratio >= 5
    print(
        f"  targets (all sent within 60 s, /help p99 under 1 s, 5x less chart CPU): "
        f"{'met' if met else 'MISSED'}"
    )


def paid(size: Size) -> None:
    """Paid broadcasts on PostgreSQL with 1, 2 and 3 dispatch-only processes: bench/paid.py."""
    import os

    from bench import paid as bench_paid

    url = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("TEND_TEST_POSTGRES_URL")
    url = url or "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
    people = {"full": 6000, "quick": 2000, "smoke": 20}[size]
    print(
        f"== paid broadcasts: {people:,} self-care nudges due in the same second on PostgreSQL, "
        "dispatch-only processes with TEND_PAID_BROADCAST=true, fake Bot API refusing "
        f"over {bench_paid.RATE:,}/s overall or 1/s per chat, answering after 80 ms"
    )
    seeded = work("paid_seed", url, people)
    print(f"  seeded {people:,} people in {seeded['seed_s']:.0f} s")
    rows = []
    for processes in (1, 2, 3):
        r = bench_paid.measure(url, processes)
        rows.append(r)
        print(
            f"  {processes} process{'es' if processes > 1 else '  '}: {r['sent']:,} sent "
            f"{r['per_s']:6.0f} msg/s, all within {r['all_sent_s']:5.1f} s, duplicates "
            f"{r['duplicates']}, 429s {r['rate_limited']}, bot CPU "
            f"{r['cpu_ms_per_message']:.2f} ms/message"
        )
    print(
        f"  scaling: 2 processes {rows[1]['per_s'] / rows[0]['per_s']:.2f}x, 3 processes "
        f"{rows[2]['per_s'] / rows[0]['per_s']:.2f}x the rate of one; duplicates in all: "
        f"{sum(r['duplicates'] for r in rows)}"
    )


REPORT_TARGET_MS = 2000  # a two-year report (reads, charts, PDF) within two seconds


def report(size: Size) -> None:
    """The PDF report over two years of one couple's daily rounds."""
    days, reps = {"full": (730, 5), "quick": (730, 2), "smoke": (21, 1)}[size]
    r = work("report", days, reps)
    print(
        f"== /report on SQLite: one couple with {days} days of rounds, monthly looks, boundaries "
        f"and weekly reviews (seeded in {r['seed_s']:.1f} s); the report 'since I started': "
        f"{r['pages']} pages, {r['kb']:.0f} KB"
    )
    print(f"  first (fresh process, imports included): {r['first_ms']:.0f} ms")
    print(
        f"  median of {r['reps']}: gather {r['gather_ms']:.0f} ms + render {r['render_ms']:.0f} "
        f"ms = {r['total_ms']:.0f} ms (max {r['max_ms']:.0f} ms; CPU {r['cpu_ms']:.0f} ms)"
    )
    verdict = "met" if r["total_ms"] < REPORT_TARGET_MS else "MISSED"
    print(f"  target: under {REPORT_TARGET_MS} ms after the first: {verdict}")


MODES: dict[str, Callable[[Size], None]] = {
    "paid": paid,
    "peak": peak,
    "dispatch": dispatch,
    "sends": sends,
    "summary": summary,
    "updates": updates.run,
    "report": report,
}


def main() -> None:
    """Run one mode (see the module docstring)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("mode", nargs="?", default="dispatch", choices=MODES, help="what to time")
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--quick", action="store_true", help="smaller sizes, a minute or two")
    sizes.add_argument("--smoke", action="store_true", help="tiny sizes: does it still run?")
    args = parser.parse_args()
    MODES[args.mode]("smoke" if args.smoke else "quick" if args.quick else "full")


if __name__ == "__main__":
    main()
