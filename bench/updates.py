"""Replies under load: N people writing at the same moment, one update at a time against
chat-ordered concurrent processing (`python -m bench updates`, or run this module directly).

The fake Bot API runs in this process and answers every call after `--latency` seconds (80 ms:
Telegram from a typical server); the bot runs in a child process (`bot` mode) on a copy of one
SQLite database, so both configurations start from the same people. Each person is onboarded
and has today's check-in open; then everyone at once sends /help, /schedule and taps a rating.
A reply's latency is from that moment to when the person's chat shows it (the bot's call plus
the fake's latency). Before that, `WARM_UP` other people do the same once and are answered, as
in a bot that has been running: its database connections are open and its caches filled. Then
one person floods 100 messages while another sends /help 20 times.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from pydantic import SecretStr

from demo.fake_telegram import FakeTelegram, FakeUser
from demo.fake_telegram.server import SentMessage

KEY = Fernet.generate_key().decode()
KEY_VARIABLE = "TEND_BENCH_UPDATES_KEY"
# A directory: each bot child writes its cProfile stats there (main thread's CPU time only).
PROFILE_VARIABLE = "TEND_BENCH_PROFILE"
# Comma-separated configuration labels to run (default: all), e.g. "concurrent" while profiling.
ONLY_VARIABLE = "TEND_BENCH_ONLY"
FIRST_ID = 5_000_000
ONBOARD_AT_ONCE = 25
# People whose same three updates come first, not measured: a bot just started opens its
# database connections and fills its caches at its first burst, one that has been running has
# them. 20 people at once keep every pooled connection busy.
WARM_UP = 20


def run_bot(url: str, token: str, database: str, concurrency: int, key: str, variant: str) -> None:
    """The child process: the real bot, polling the fake, until SIGTERM; prints its peak RSS.
    `variant` names the run (its profile's file name); "2proc" runs two processes taking
    updates (TEND_UPDATE_PROCESSES=2: this one and the shard it starts)."""
    from bot.app import build_application, prepare_keys
    from bot.settings import Settings

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        bot_token=SecretStr(token),
        telegram_api_url=url,
        database_url=database,
        encryption_key=SecretStr(key),  # the driver's: every run opens the same data
        rate_limits=False,  # the fake keeps no limits; see docs/scaling.md for what they cost
        dispatch=False,  # only updates are measured here
        concurrent_updates=concurrency,
        update_processes=2 if variant == "2proc" else 1,
        log_level="WARNING",
    )
    prepare_keys(settings)
    app = build_application(settings)
    gc.collect()
    gc.freeze()  # as bot.serve.run does before it starts
    profile = os.environ.get(PROFILE_VARIABLE)
    if not profile:
        app.run_polling(timeout=1)
        return
    import cProfile

    with cProfile.Profile(time.thread_time) as profiler:  # CPU, whatever the machine's load
        app.run_polling(timeout=1)
    profiler.dump_stats(f"{profile}/{concurrency}-{variant}-{os.getpid()}.prof")


class BotProcess:
    """`python -m bench.updates bot …` in a child process."""

    def __init__(
        self, server: FakeTelegram, database: str, concurrency: int, variant: str = "now"
    ) -> None:
        self.server = server
        command = [sys.executable, "-m", "bench.updates", "bot", server.url, server.token]
        self.proc = subprocess.Popen(
            [*command, database, str(concurrency), variant],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, KEY_VARIABLE: KEY},  # the same throwaway key for every run
        )

    async def ready(self) -> None:
        """Wait for the bot's first long poll."""
        seen = len(self.server.calls_of("getUpdates"))
        await self.server.wait_for(lambda: len(self.server.calls_of("getUpdates")) > seen, 60)

    async def stop(self) -> float:
        """Stop it (SIGINT, like Ctrl+C); returns its peak RSS in MB."""
        self.proc.send_signal(2)
        await self.server.interrupt_polls()
        out, _ = await asyncio.to_thread(self.proc.communicate, None, 60)
        self.server._interrupted = False
        lines = [line for line in out.splitlines() if line.startswith("{")]
        return float(json.loads(lines[-1])["peak_mb"]) if lines else float("nan")


async def onboard(user: FakeUser) -> SentMessage:
    """Consent, side, time zone; then /checkin, so a rating tap is ready. Returns the flow."""
    await user.send("/start")
    welcome = await user.expect_text("not therapy", timeout=60)
    await user.press(welcome, "agree")
    ask_role = await user.expect_text("which is closest", timeout=60)
    await user.press(ask_role, "was hurt")
    await user.expect_text("which time zone", timeout=60)
    await user.send("Europe/Berlin")
    await user.expect_text("time zone set", timeout=60)
    await user.expect_text("all set", timeout=60)
    await user.send("/checkin")
    return await user.expect_text("1 of 4", timeout=60)


def _button(message: SentMessage, label: str) -> str:
    return str(next(b["callback_data"] for b in message.buttons() if b["text"].strip() == label))


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def everyone_at_once(
    bot: BotProcess, people: list[FakeUser], taps: dict[int, str], flows: dict[int, int]
) -> dict[str, float]:
    """Each person sends /help, /schedule and a rating tap at one moment; reply latencies."""
    server = bot.server
    mark = len(server.calls)
    started = time.monotonic()
    queries: dict[str, int] = {}
    for user in people:
        await user.send("/help")
        await user.send("/schedule")
        flow = SentMessage(flows[user.id], user.id, True, int(time.time()))
        queries[await user.press(flow, data=taps[user.id])] = user.id
    want = len(people)

    def replies() -> tuple[dict[int, list[float]], dict[str, float]]:
        sent: dict[int, list[float]] = {}
        answered: dict[str, float] = {}
        for call in server.calls[mark:]:
            if call.method == "sendMessage":
                sent.setdefault(int(call.params["chat_id"]), []).append(call.at)
            elif call.method == "answerCallbackQuery":
                answered.setdefault(str(call.params["callback_query_id"]), call.at)
        return sent, answered

    def done() -> bool:
        sent, answered = replies()
        return sum(len(v) >= 2 for v in sent.values()) >= want and len(answered) >= want

    while not done():
        if bot.proc.poll() is not None:
            raise RuntimeError(f"the bot process ended (exit code {bot.proc.returncode})")
        await asyncio.sleep(0.05)
    sent, answered = replies()
    latencies = [at - started + server.latency for times in sent.values() for at in times[:2]]
    latencies += [answered[q] - started + server.latency for q in queries]
    last = max(latencies)
    return {
        "p50": _pct(latencies, 0.5),
        "p99": _pct(latencies, 0.99),
        "max": last,
        "per_s": 3 * len(people) / last,
    }


KINDS = ("/help", "/schedule", "rating tap")


async def cpu_per_kind(
    bot: BotProcess, people: list[FakeUser], rounds: int = 2
) -> dict[str, float]:
    """After the rush: everyone sends one kind of update at a time, and the bot's CPU (all its
    threads, and its main thread alone: the rest is mostly the database driver's threads) over
    that round, in ms per update; the least of `rounds` rounds (other load on the machine only
    ever adds). Each tap answers the check-in's open question, shown again by /checkin first (not
    counted)."""
    costs: dict[str, float] = {}
    for _ in range(rounds):
        for kind in KINDS:
            for key, ms in (await _one_round(bot, people, kind)).items():
                costs[key] = min(ms, costs.get(key, ms))
    return costs


async def _one_round(bot: BotProcess, people: list[FakeUser], kind: str) -> dict[str, float]:
    server, pid = bot.server, bot.proc.pid
    if kind == "rating tap":  # not measured: /checkin shows each person's open question
        mark = len(server.calls)
        for user in people:
            await user.send("/checkin")
        await server.wait_for(partial(_round_done, server, mark, set(), len(people)), 600)
    mark = len(server.calls)
    cpu, main = _cpu_seconds(pid), _cpu_seconds(pid, pid)
    queries: set[str] = set()
    if kind == "rating tap":
        queries = {await user.press(_rating_message(user), "3") for user in people}
    else:
        for user in people:
            await user.send(kind)
    await server.wait_for(partial(_round_done, server, mark, queries, len(people)), 600)
    return {
        kind: 1000 * (_cpu_seconds(pid) - cpu) / len(people),
        f"{kind} main": 1000 * (_cpu_seconds(pid, pid) - main) / len(people),
    }


def _round_done(server: FakeTelegram, mark: int, queries: set[str], people: int) -> bool:
    """Every tap in `queries` answered, or (no taps) every person sent a reply since `mark`."""
    calls = server.calls[mark:]
    if queries:
        answers = (c for c in calls if c.method == "answerCallbackQuery")
        return queries <= {str(c.params["callback_query_id"]) for c in answers}
    return len({c.params["chat_id"] for c in calls if c.method == "sendMessage"}) >= people


def _rating_message(user: FakeUser) -> SentMessage:
    for message in reversed(user.chat.messages):
        if message.from_bot and any(b["text"].strip() == "3" for b in message.buttons()):
            return message
    raise AssertionError("no check-in question with ratings")


async def flood_and_help(
    server: FakeTelegram, flooder: FakeUser, other: FakeUser, flood: int, tries: int
) -> dict[str, float]:
    """`flooder` sends `flood` messages at once; meanwhile `other` asks /help `tries` times."""
    for number in range(flood):
        await flooder.send(f"message {number}")
    waits = []
    for _ in range(tries):
        other.mark_read()
        started = time.monotonic()
        await other.send("/help")
        await other.expect(timeout=120)
        waits.append(time.monotonic() - started)
    return {"p50": statistics.median(waits), "p99": _pct(waits, 0.99), "max": max(waits)}


# (label, workers, variant): one update at a time (PTB's default) against concurrent as now.
CONFIGS = {
    "SQLite": [
        ("one at a time", 1, "now"),
        ("concurrent", 128, "now"),
    ],
    "PostgreSQL": [
        ("one at a time", 1, "now"),
        ("concurrent", 128, "now"),
        # TEND_UPDATE_PROCESSES=2 (bot.shards): the same, in two processes.
        ("2 processes", 128, "2proc"),
    ],
}


async def measure(
    sizes: list[int], concurrency: int, latency: float, flood: int, tries: int, postgres: str = ""
) -> dict[str, Any]:
    """Onboard max(sizes) people once; then per size and configuration a fresh bot process on
    a fresh copy of that database (SQLite, or PostgreSQL at `postgres`)."""
    from bench.databases import PostgresCopies, SqliteCopies

    server = FakeTelegram()
    server.open_chats = True
    await server.start()
    results: dict[str, Any] = {"sizes": {}, "flood": {}}
    with tempfile.TemporaryDirectory() as tmp:
        db: SqliteCopies | PostgresCopies = (
            PostgresCopies(postgres) if postgres else SqliteCopies(Path(tmp))
        )
        results["database"] = db.name
        await db.prepare()
        count = max(sizes) + 2 + WARM_UP
        people = [FakeUser(server, FIRST_ID + i, f"P{i}") for i in range(count)]
        flooder, other, warm = people[-WARM_UP - 1], people[-WARM_UP - 2], people[-WARM_UP:]
        started = time.monotonic()
        bot = BotProcess(server, db.url, max(concurrency, 2))
        await bot.ready()
        flows: dict[int, SentMessage] = {}
        for i in range(0, len(people), ONBOARD_AT_ONCE):
            batch = people[i : i + ONBOARD_AT_ONCE]
            for user, flow in zip(batch, await asyncio.gather(*map(onboard, batch)), strict=True):
                flows[user.id] = flow
        await bot.stop()
        await db.snapshot()
        results["onboard_s"] = time.monotonic() - started
        taps = {uid: _button(flow, "3") for uid, flow in flows.items()}
        flow_ids = {uid: flow.message_id for uid, flow in flows.items()}
        server.latency = latency
        only = os.environ.get(ONLY_VARIABLE)
        for label, workers, variant in CONFIGS[db.name]:
            if only and label not in only.split(","):
                continue
            workers = workers if workers == 1 else concurrency
            for size in sizes:
                url = await db.fresh(f"{workers}-{variant}-{size}")
                bot = BotProcess(server, url, workers, variant)
                await bot.ready()
                await everyone_at_once(bot, warm, taps, flow_ids)
                load = os.getloadavg()[0]
                cpu = _cpu_seconds(bot.proc.pid)
                front = _stat_cpu(f"/proc/{bot.proc.pid}/stat")
                driver = _stat_cpu(f"/proc/{os.getpid()}/stat")
                row: dict[str, Any] = await everyone_at_once(bot, people[:size], taps, flow_ids)
                # This process: the fake Telegram and the people (Telegram's side in production).
                row["cpu_driver_s"] = _stat_cpu(f"/proc/{os.getpid()}/stat") - driver
                row["cpu_ms"] = 1000 * (_cpu_seconds(bot.proc.pid) - cpu) / (3 * size)
                # The burst's CPU seconds: the process polling (the front) and all of them.
                row["cpu_front_s"] = _stat_cpu(f"/proc/{bot.proc.pid}/stat") - front
                row["cpu_all_s"] = _cpu_seconds(bot.proc.pid) - cpu
                row["kinds"] = await cpu_per_kind(bot, people[:size])
                row["load"] = (load + os.getloadavg()[0]) / 2
                if size == sizes[0]:
                    results["flood"][label] = await flood_and_help(
                        server, flooder, other, flood, tries
                    )
                row["peak_mb"] = await bot.stop()
                results["sizes"].setdefault(size, {})[label] = row
        await db.cleanup()
    await server.stop()
    return results


def _cpu_seconds(pid: int, thread: int | None = None) -> float:
    """CPU (user + system) of process `pid` and the processes it started (a shard), all
    threads; or only its thread `thread`."""
    if thread is not None:
        return _stat_cpu(f"/proc/{pid}/task/{thread}/stat")
    return sum(_stat_cpu(f"/proc/{p}/stat") for p in _family(pid))


def _stat_cpu(path: str) -> float:
    try:
        with open(path) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:  # a process that ended meanwhile
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _family(pid: int) -> list[int]:
    """`pid` and every process below it (/proc's children lists)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(FileNotFoundError):
                todo.extend(int(child) for child in task.read_text().split())
    return found


def report(results: dict[str, Any], latency: float, flood: int, tries: int) -> None:
    """Print the side-by-side table."""
    print(
        f"== replies under load on {results['database']}: {latency * 1000:.0f} ms Telegram "
        f"latency, each person sends /help, /schedule and a rating tap at the same moment "
        f"(onboarding took {results['onboard_s']:.0f} s)"
    )
    print(
        f"  {'people':>6}  {'processing':<18} {'p50 s':>7} {'p99 s':>7} {'max s':>7} "
        f"{'updates/s':>10} {'CPU ms/update':>14} {'peak RSS':>9} {'load':>6}"
    )
    for size, rows in results["sizes"].items():
        for label, r in rows.items():
            print(
                f"  {size:>6}  {label:<18} {r['p50']:7.2f} {r['p99']:7.2f} {r['max']:7.2f} "
                f"{r['per_s']:10.1f} {r['cpu_ms']:14.1f} {r['peak_mb']:6.0f} MB {r['load']:6.1f}"
            )
        for label, r in rows.items():
            split = ""
            if r["cpu_all_s"] - r["cpu_front_s"] > 0.01:
                split = f" ({r['cpu_front_s']:.2f} s of it the process polling)"
            print(
                f"  {'':>6}  {label:<18} CPU in the burst: bot {r['cpu_all_s']:.2f} s{split}, "
                f"fake Telegram and people {r['cpu_driver_s']:.2f} s"
            )
        for label, r in rows.items():
            costs = r["kinds"]
            kinds = "  ".join(f"{k} {costs[k]:.1f} ({costs[k + ' main']:.1f})" for k in KINDS)
            print(f"  {'':>6}  {label:<18} CPU ms/update (main thread), by kind: {kinds}")
        if "one at a time" in rows:
            one = rows["one at a time"]
            for label in ("concurrent", "2 processes"):
                if label in rows:
                    many = rows[label]
                    print(
                        f"  {'':>6}  {label:<18} throughput {many['per_s'] / one['per_s']:.1f}x "
                        "one at a time"
                    )
    print(f"== one person floods {flood} messages; another sends /help {tries} times meanwhile")
    for label, r in results["flood"].items():
        print(f"  {label:<18} /help p50 {r['p50']:.2f} s p99 {r['p99']:.2f} s max {r['max']:.2f} s")


def postgres_url() -> str:
    """Where `--postgres` runs: BENCH_POSTGRES_URL, else TEND_TEST_POSTGRES_URL (its public
    schema is dropped and rebuilt)."""
    url = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("TEND_TEST_POSTGRES_URL")
    return url or "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


def run(size: str) -> None:
    """`python -m bench updates [--quick | --smoke]`: 60 and 300 people (20 and 60 quick), on
    SQLite, then on PostgreSQL (`postgres_url`)."""
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    sizes, flood, tries = {
        "full": ([60, 300], 100, 20),
        "quick": ([20, 60], 100, 20),
        "smoke": ([2], 5, 2),
    }[size]
    for postgres in ("", postgres_url()):
        results = asyncio.run(measure(sizes, 128, 0.08, flood, tries, postgres))
        report(results, 0.08, flood, tries)


def main() -> None:
    """`python -m bench.updates [--sizes 60 300] [--latency 0.08] …` (or `bot` for the child)."""
    if len(sys.argv) > 1 and sys.argv[1] == "bot":
        url, token, database, concurrency, variant = sys.argv[2:7]
        try:
            run_bot(url, token, database, int(concurrency), os.environ[KEY_VARIABLE], variant)
        finally:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            # A shard it started (and waited for): the largest such child's peak, added.
            peak += resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(json.dumps({"peak_mb": peak}), flush=True)
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 300])
    parser.add_argument("--latency", type=float, default=0.08)
    parser.add_argument("--concurrency", type=int, default=128)
    parser.add_argument("--flood", type=int, default=100)
    parser.add_argument("--tries", type=int, default=20)
    parser.add_argument("--postgres", action="store_true", help="on PostgreSQL (postgres_url)")
    args = parser.parse_args()
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    postgres = postgres_url() if args.postgres else ""
    results = asyncio.run(
        measure(args.sizes, args.concurrency, args.latency, args.flood, args.tries, postgres)
    )
    report(results, args.latency, args.flood, args.tries)


if __name__ == "__main__":
    main()
