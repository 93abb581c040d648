"""The Sunday peak: `python -m bench peak`.

Couples in one time zone, each with 8 weeks of revealed check-in rounds, their weekly summaries
(text and chart) all due in the same second, limits off, the fake Bot API in its own process
answering after 80 ms. Meanwhile other people send /help, one every PROBE_EVERY seconds, and the
time until the bot's reply reaches the fake server is taken. Run twice on copies of one
database: as before issue 19 (`python -m bench.peak_before`: a chart per person, drawn in a
thread of the bot's process, with render_chart) and now (a chart per couple, drawn in the chart
pool, the second copy sent by file_id). Chart CPU alone is timed in a fresh process (`chart_cpu`).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import threading
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import peak_probe
from bench.sends import KEY, _zone

WEEKS = 8
PROBE_EVERY = 0.2  # seconds between two /help probes
PROBE_FIRST_ID = 9_000_000  # probes are people the seed never set up


# -- worker side (its own process, through bench.work) ----------------------------------------
def seed(path: str, couples: int) -> dict[str, Any]:
    """`couples` couples set up with the core functions onboarding calls, in one zone where it
    is daytime now, with a revealed round every other day over 8 weeks (both answered)."""
    from sqlalchemy import insert, select

    from bench.work import ZONES
    from core import pairing, reminders
    from core import people as core_people
    from db import migrate
    from db.models import CheckinAnswer, CheckinRound, User
    from db.session import create_engine, create_sessionmaker
    from db.types import install_keyring

    async def run() -> dict[str, Any]:
        install_keyring([KEY])
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        await migrate.upgrade(engine)
        sessions = create_sessionmaker(engine)
        rng = random.Random(19)
        now = datetime.now(UTC)
        zone = next((z for z in ZONES if 10 <= now.astimezone(_zone(z)).hour <= 18), "UTC")
        started = time.perf_counter()
        for uid in range(1, 2 * couples + 1):
            async with sessions.begin() as session:
                user, _ = await core_people.give_consent(session, uid, now)
                core_people.set_role(user, rng.choice(list(core_people.Role)))
                core_people.set_timezone(user, zone)
                await reminders.ensure_defaults(session, user, now)
                await reminders.reschedule_all(session, user, now)
                if uid % 2 == 0:
                    inviter = await core_people.get(session, uid - 1)
                    assert inviter is not None
                    invite = await pairing.create_invite(session, inviter, now)
                    assert not isinstance(invite, pairing.InviteRefusal)
                    await pairing.join(session, uid, invite.code, now)
                    paired = await pairing.confirm(session, uid - 1, uid, now)
                    assert isinstance(paired, pairing.Paired)
        async with sessions.begin() as session:
            couple_of = dict((await session.execute(select(User.id, User.couple_id))).all())
        today = now.astimezone(_zone(zone)).date()
        days = [today - timedelta(days=d) for d in range(2, 7 * WEEKS, 2)]
        rounds: list[dict[str, Any]] = []
        for first in range(1, 2 * couples + 1, 2):
            for day in days:
                at = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=20)
                couple = couple_of[first]
                assert couple is not None
                rounds.append(_round(couple, day, at))
        async with sessions.begin() as session:
            ids = (
                (await session.execute(insert(CheckinRound).returning(CheckinRound.id), rounds))
                .scalars()
                .all()
            )
            answers = []
            for index, round_id in enumerate(ids):
                first = 1 + 2 * (index // len(days))
                at = rounds[index]["opened_at"]
                for uid in (first, first + 1):
                    answers.append(_answer(round_id, uid, at, rng))
            await session.execute(insert(CheckinAnswer), answers)
        await engine.dispose()
        return {
            "people": 2 * couples,
            "rounds": len(ids),
            "zone": zone,
            "seed_s": time.perf_counter() - started,
        }

    return asyncio.run(run())


def _round(couple_id: int, day: date, at: datetime) -> dict[str, Any]:
    return {
        "couple_id": couple_id,
        "local_date": day,
        "prompt_id": "ci-bench",
        "opened_at": at,
        "closes_at": at + timedelta(hours=24),
        "revealed_at": at + timedelta(hours=1),
    }


def _answer(round_id: int, uid: int, at: datetime, rng: random.Random) -> dict[str, Any]:
    return {
        "round_id": round_id,
        "user_id": uid,
        "safety": rng.randint(1, 5),
        "connection": rng.randint(1, 5),
        "agreements": rng.randint(1, 5),
        "text": None,
        "text_skipped": True,
        "private_mask": 0,
        "started_at": at,
        "updated_at": at,
        "completed_at": at,
    }


def chart_cpu(couples: int) -> dict[str, Any]:
    """CPU seconds for the charts of `couples` couples: before (render_chart for each partner,
    with their own legend) and now (one `paint` per couple), in this fresh process."""
    from bot import checkin_texts as ct
    from core.chart import paint, render_chart
    from core.progress import DIMENSIONS

    rng = random.Random(7)
    labels = [f"{d} Nov" for d in range(1, 9)]
    titles = {question: str(name) for question, name in ct.SHORT_NAMES.items()}

    def series() -> dict[str, list[float | None]]:
        return {d: [rng.choice([None, 1.0, 2.5, 3.0, 4.5]) for _ in labels] for d in DIMENSIONS}

    render_chart({"You": series()}, labels, titles)  # both pay matplotlib's import outside
    couples_data = [(series(), series()) for _ in range(couples)]
    started = time.process_time()
    for mine, theirs in couples_data:
        render_chart({str(ct.CHART_YOU): mine, str(ct.CHART_PARTNER): theirs}, labels, titles)
        render_chart({str(ct.CHART_YOU): theirs, str(ct.CHART_PARTNER): mine}, labels, titles)
    before = time.process_time() - started
    started = time.process_time()
    for mine, theirs in couples_data:
        paint({"0": mine, "1": theirs}, labels, titles, legend=False)
    now = time.process_time() - started
    return {"before_s": before, "now_s": now, "couples": couples}


# -- driver side ------------------------------------------------------------------------------
def _tree_cpu(pid: int) -> float:
    """CPU seconds of `pid` and its live children (the chart pool's workers)."""
    from bench.sends import _cpu_seconds

    total = _cpu_seconds(pid)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
                if parent == pid:
                    total += _cpu_seconds(int(entry))
            except (OSError, ValueError):
                continue
    return total


class Prober(threading.Thread):
    """Sends /help as a new person every PROBE_EVERY seconds; times each reply's arrival."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.base, self.sent, self.replies = base, [], []  # type: ignore[var-annotated]
        self.stopping = threading.Event()

    def _call(self, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        method = "POST" if data else "GET"
        request = urllib.request.Request(self.base + path, data=data, method=method)  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return json.loads(response.read())

    def run(self) -> None:
        chat = PROBE_FIRST_ID
        while not self.stopping.is_set():
            chat += 1
            self.sent.append(
                (chat, self._call("/_send", {"chat_id": chat, "text": "/help"})["sent_at"])
            )
            self.stopping.wait(PROBE_EVERY)

    def reply_times(self, timeout: float = 30) -> list[float]:
        """Seconds from each /help to the bot's first reply (waits for late ones)."""
        deadline = time.monotonic() + timeout
        times = []
        for chat, at in self.sent:
            while True:
                arrived = self._call(f"/_arrivals?chat={chat}")
                if arrived or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
            times.append(min(arrived) - at if arrived else float("inf"))
        return times


def _top_labels(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, float]]:
    """The five costliest kinds of loop step between two probe writes: (what ran, CPU s)."""
    old = before.get("by_label", {})
    spent = {
        label: cpu - old.get(label, [0, 0.0])[1]
        for label, (_, cpu) in after.get("by_label", {}).items()
    }
    return sorted(spent.items(), key=lambda item: -item[1])[:5]


def measure(template: Path, before: bool, timeout: float = 1200) -> dict[str, Any]:
    """Start the fake API and the bot on a copy of `template`, make every summary due at once,
    probe with /help meanwhile; times in seconds."""
    import shutil
    import signal
    import subprocess
    import sys
    import tempfile

    from bench.__main__ import FakeApi
    from bench.sends import ROOT, TOKEN, _wait, make_due

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "peak.db"
        shutil.copyfile(template, path)
        api = FakeApi(False, latency=0.08)
        env = {
            **os.environ,
            "TEND_BOT_TOKEN": TOKEN,
            "TEND_TELEGRAM_API_URL": api.url,
            "TEND_DATABASE_URL": f"sqlite+aiosqlite:///{path}",
            "TEND_ENCRYPTION_KEY": KEY,
            "TEND_RATE_LIMITS": "false",
            "TEND_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
        probe = str(Path(tmp) / "probe.json")
        env["BENCH_LOOP_PROBE"] = probe
        command = ["-m", "bench.peak_probe", *(["before"] if before else [])]
        bot = subprocess.Popen([sys.executable, *command], env=env, cwd=tmp)
        prober = Prober(api.stats_url.removesuffix("/_stats"))
        try:
            _wait(lambda: api.stats()["methods"].get("getUpdates", 0) > 0, 60, bot)
            time.sleep(2)  # the chart pool's workers finish starting
            due = make_due(str(path), 0.5, "summary")
            cpu_before, loop_before = _tree_cpu(bot.pid), peak_probe.loop_cpu(bot.pid)
            time.sleep(0.6)  # the probe's next write, still before the summaries are due
            probed = peak_probe.read(probe)
            prober.start()
            per_chat: dict[int, list[float]] = {}

            def everyone_has_both() -> bool:
                per_chat.clear()
                for chat, at in api.stats()["arrivals"]:
                    if chat < PROBE_FIRST_ID and at >= due["due"] - 0.5:
                        per_chat.setdefault(chat, []).append(at)
                return sum(len(v) >= 2 for v in per_chat.values()) >= int(due["moved"])

            _wait(everyone_has_both, timeout, bot)
            busy = _tree_cpu(bot.pid) - cpu_before
            loop_busy = peak_probe.loop_cpu(bot.pid) - loop_before
            prober.stopping.set()
            prober.join(timeout=30)
            replies = sorted(prober.reply_times())
            methods = api.stats()["methods"]
            time.sleep(0.6)  # the probe's next write
            last = peak_probe.read(probe)
            steps, parts = last.get("steps", []), peak_probe.split(probed, last)
            labels = _top_labels(probed, last)
        finally:
            prober.stopping.set()
            bot.send_signal(signal.SIGTERM)
            try:
                bot.wait(timeout=60)
            except subprocess.TimeoutExpired:  # still drawing what it had claimed: the result holds
                bot.kill()
                bot.wait(timeout=30)
            finally:
                api.close()
    texts = sorted(min(v) - due["due"] for v in per_chat.values())
    charts = sorted(max(v) - due["due"] for v in per_chat.values())
    during = [s for s in steps if due["due"] - 0.5 <= s[0] <= due["due"] + charts[-1]]
    return {
        "people": int(due["moved"]),
        "all_sent_s": charts[-1],
        "text_p99_s": texts[min(len(texts) - 1, int(len(texts) * 0.99))],
        "cpu_s": busy,
        "cpu_per_summary_ms": 1000 * busy / int(due["moved"]),
        "loop_cpu_per_summary_ms": 1000 * loop_busy / int(due["moved"]),
        "longest_step_cpu_ms": 1000 * max((s[1] for s in during), default=0.0),
        "longest_step_wall_ms": 1000 * max((s[2] for s in during), default=0.0),
        "steps_over_50ms": sum(s[1] >= 0.05 for s in during),
        "dispatch_ms_per_summary": 1000 * parts["dispatch"] / int(due["moved"]),
        "io_ms_per_summary": 1000 * parts["io"] / int(due["moved"]),
        "updates_ms_per_help": 1000 * parts["updates"] / max(len(replies), 1),
        "top_labels": labels,
        "longest_steps": [
            (round(s[1] * 1000, 1), s[3]) for s in sorted(during, key=lambda s: s[1])[-3:]
        ],
        "help_n": len(replies),
        "help_p50_s": replies[len(replies) // 2] if replies else float("nan"),
        "help_p99_s": replies[min(len(replies) - 1, int(len(replies) * 0.99))]
        if replies
        else float("nan"),
        "photos": methods.get("sendPhoto", 0),
    }
