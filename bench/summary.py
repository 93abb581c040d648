"""The check-in summary on a couple with two years of daily rounds (`python -m bench summary`).

Run by `bench.work summary DAYS COUPLES OTHER_DAYS REPS` in a fresh process, so the first call
(statement compilation, the matplotlib import) is this process's own. Times, per repetition and
each in a new session: `bot.summaries.build` (the reads + numbers), `text_of`, `chart_of`; and the
naive alternative: every answer the couple ever gave through the ORM (each text decrypted), the
same numbers computed in Python from all of them.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

ZONE = "Europe/Berlin"
NOW = datetime(2025, 6, 15, 19, 0, tzinfo=UTC)  # 21:00 in Berlin: today's round is revealed
ME, PARTNER = 1, 2
OTHERS_FIRST_ID = 1_000
SENTENCES = (
    "We talked after dinner and it felt easier than last week.",
    "I felt heard when you asked about my day.",
    "Still a bit tense about the weekend plans.",
    "Thank you for keeping the promise about the phone.",
    "Tired, but glad we walked together.",
    "I needed more time for myself today.",
)
T = TypeVar("T")


def _mask(rng: random.Random) -> int:
    """Mostly nothing private; sometimes the safety rating, sometimes the text."""
    roll = rng.random()
    return 1 if roll < 0.08 else 8 if roll < 0.15 else 0


async def _seed(engine: Any, sessions: Any, days: int, couples: int, other_days: int) -> int:
    """One couple with `days` daily rounds, `couples` more with `other_days`; returns answers."""
    from sqlalchemy import insert

    from content.library import library
    from core import pairing, people
    from db import envelope
    from db.models import Appreciation, CheckinAnswer, CheckinRound, Couple, User
    from db.types import Sealed

    prompt = library()["checkin"][0].id
    zone = ZoneInfo(ZONE)
    today = NOW.astimezone(zone).date()
    rng = random.Random(5)
    setup = NOW - timedelta(days=days + 1)

    async with sessions.begin() as session:
        for user_id, role in ((ME, people.Role.HURT), (PARTNER, people.Role.BROKE)):
            user, _ = await people.give_consent(session, user_id, setup)
            people.set_role(user, role)
            people.set_timezone(user, ZONE)
        inviter = await session.get(User, ME)
        invite = await pairing.create_invite(session, inviter, setup)
        assert isinstance(invite, pairing.NewInvite)
        await pairing.join(session, PARTNER, invite.code, setup)
        paired = await pairing.confirm(session, ME, PARTNER, setup)
        assert isinstance(paired, pairing.Paired)
        main_couple = paired.couple_id
        ciphers = {
            uid: await session.run_sync(
                lambda s, uid=uid: envelope.data_key(
                    s.connection(), envelope.cache_of(s), uid, create=True
                )
            )
            for uid in (ME, PARTNER)
        }

    # The other couples: plain rows (the ORM path above is what the bot does for one pair).
    couple_rows = [{"id": main_couple + 1 + i, "created_at": setup} for i in range(couples)]
    user_rows = []
    for i, couple in enumerate(couple_rows):
        for slot in (0, 1):
            uid = OTHERS_FIRST_ID + 2 * i + slot
            wrapped, ciphers[uid] = envelope.new_data_key()
            user_rows.append(
                {
                    "id": uid,
                    "data_key": wrapped,
                    "created_at": setup,
                    "consent_at": setup,
                    "consent_version": "bench",
                    "role": Sealed("hurt" if slot == 0 else "broke", uid, ciphers[uid]),
                    "timezone": ZONE,
                    "couple_id": couple["id"],
                    "couple_slot": slot,
                    "last_seen_at": setup,
                }
            )

    rounds: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    thanks: list[dict[str, Any]] = []

    def add_rounds(couple_id: int, pair: tuple[int, int], count: int) -> None:
        for back in range(count - 1, -1, -1):
            day = today - timedelta(days=back)
            opened = datetime.combine(day, clock_time(9), zone).astimezone(UTC)
            round_id = len(rounds) + 1
            revealed = opened + timedelta(hours=3, minutes=rng.randrange(60))
            rounds.append(
                {
                    "id": round_id,
                    "couple_id": couple_id,
                    "local_date": day,
                    "prompt_id": prompt,
                    "opened_at": opened,
                    "closes_at": opened + timedelta(hours=15),
                    "revealed_at": revealed,
                }
            )
            for user_id in pair:
                started = opened + timedelta(minutes=rng.randrange(10, 170))
                answers.append(
                    {
                        "round_id": round_id,
                        "user_id": user_id,
                        "safety": rng.randint(1, 5),
                        "connection": rng.randint(1, 5),
                        "agreements": rng.randint(1, 5),
                        "text": Sealed(rng.choice(SENTENCES), user_id, ciphers[user_id]),
                        "text_skipped": False,
                        "private_mask": _mask(rng),
                        "started_at": started,
                        "updated_at": started + timedelta(minutes=2),
                        "completed_at": started + timedelta(minutes=2),
                    }
                )
            if couple_id == main_couple and back % 3 == 0:
                sender = pair[back % 2]
                thanks.append(
                    {
                        "round_id": round_id,
                        "from_user_id": sender,
                        "to_user_id": pair[1 - back % 2],
                        "created_at": revealed + timedelta(minutes=5),
                        "text": Sealed("Thank you for today.", sender, ciphers[sender]),
                        "relayed_at": revealed + timedelta(minutes=5),
                    }
                )

    add_rounds(main_couple, (ME, PARTNER), days)
    for i in range(len(couple_rows)):
        first = OTHERS_FIRST_ID + 2 * i
        add_rounds(main_couple + 1 + i, (first, first + 1), other_days)

    chunk = 5_000
    async with sessions.begin() as session:
        if couple_rows:
            await session.execute(insert(Couple), couple_rows)
            await session.execute(insert(User), user_rows)
        for start in range(0, len(rounds), chunk):
            await session.execute(insert(CheckinRound), rounds[start : start + chunk])
        for start in range(0, len(answers), chunk):
            await session.execute(insert(CheckinAnswer), answers[start : start + chunk])
        if thanks:
            await session.execute(insert(Appreciation), thanks)
    return len(answers)


async def naive_build(session: Any, user_id: int, now: datetime) -> Any:
    """The same Summary from every answer the couple ever gave (all rows, all texts decrypted)."""
    from sqlalchemy import and_, func, select

    from core import checkins, pairing, people, progress, timezones
    from core import summary as summary_core
    from core.summary import WEEKS, Summary
    from db.models import Appreciation, CheckinAnswer, CheckinRound

    user = await people.get(session, user_id)
    assert user is not None and user.couple_id is not None
    partner = await pairing.partner_of(session, user)
    assert partner is not None
    rows = (
        await session.execute(
            select(CheckinAnswer, CheckinRound.local_date, CheckinRound.revealed_at)
            .join(CheckinRound, CheckinRound.id == CheckinAnswer.round_id)
            .where(CheckinRound.couple_id == user.couple_id)
        )
    ).all()
    today = now.astimezone(timezones.zone(user.timezone or "UTC")).date()

    def entry(answer: Any, day: date, *, shared: bool) -> progress.Entry:
        values = {
            q: (None if shared and checkins.is_private(answer, q) else getattr(answer, q))
            for q in checkins.RATINGS
        }
        return progress.Entry(person=answer.user_id, day=day, **values)

    own = [
        entry(a, day, shared=False)
        for a, day, _ in rows
        if a.user_id == user.id and a.completed_at is not None
    ]
    shared = [entry(a, day, shared=True) for a, day, revealed in rows if revealed is not None]
    since = now - timedelta(days=7)
    sent, got = (
        await session.execute(
            select(
                func.count().filter(Appreciation.from_user_id == user.id),
                func.count().filter(Appreciation.to_user_id == user.id),
            ).where(
                and_(Appreciation.relayed_at.is_not(None), Appreciation.relayed_at >= since),
                (Appreciation.from_user_id == user.id) | (Appreciation.to_user_id == user.id),
            )
        )
    ).one()
    you = progress.person_week(shared, user.id, today)
    whole = progress.person_week(own, user.id, today).this_week
    base = Summary(
        user_id=user.id,
        partner_id=partner.id,
        today=today,
        you=you,
        partner=progress.person_week(shared, partner.id, today),
        rounds_both=progress.days_checked_in((e.day for e in shared), today, progress.WEEK_DAYS),
        my_days=progress.days_checked_in((e.day for e in own), today, progress.RECENT_DAYS),
        partner_days=progress.days_checked_in(
            (e.day for e in shared if e.person == partner.id), today, progress.RECENT_DAYS
        ),
        sent=int(sent),
        got=int(got),
        private_week=whole if whole != you.this_week and whole.count else None,
        low_safety=progress.stays_low(own, user.id, "safety", today),
        low_connection=progress.stays_low(own, user.id, "connection", today),
        series={
            user.id: progress.weekly_series(shared, user.id, today, WEEKS),
            partner.id: progress.weekly_series(shared, partner.id, today, WEEKS),
        },
        week_ends=[today - timedelta(days=7 * (WEEKS - 1 - i)) for i in range(WEEKS)],
    )
    # Hard moments, the monthly look and the path read the same few rows either way.
    return await summary_core._extras(session, base, user, partner, now)


async def _timed(call: Callable[[], Awaitable[T]]) -> tuple[T, float]:
    started = time.perf_counter()
    result = await call()
    return result, time.perf_counter() - started


def _timed_sync(call: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def _stats(values: list[float]) -> dict[str, float]:
    return {"median_ms": statistics.median(values) * 1000, "max_ms": max(values) * 1000}


async def _measure(
    path: Path, days: int, couples: int, other_days: int, reps: int
) -> dict[str, Any]:
    from cryptography.fernet import Fernet

    from db import migrate
    from db.session import create_engine, create_sessionmaker
    from db.types import install_keyring

    install_keyring([Fernet.generate_key().decode()])
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    await migrate.upgrade(engine)
    seeding = time.perf_counter()
    answer_count = await _seed(engine, create_sessionmaker(engine), days, couples, other_days)
    seed_s = time.perf_counter() - seeding
    await engine.dispose()

    # A new engine: nothing compiled or pooled from seeding.
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    sessions = create_sessionmaker(engine)
    from bot import summaries  # the bot's import cost is not part of a summary

    async def ours() -> Any:
        async with sessions() as session:
            return await summaries.build(session, ME, NOW)

    async def naive() -> Any:
        async with sessions() as session:
            return await naive_build(session, ME, NOW)

    first_summary, first_build = await _timed(ours)
    assert first_summary is not None
    _, first_text = _timed_sync(lambda: summaries.text_of(first_summary))
    png, first_chart = _timed_sync(lambda: summaries.chart_of(first_summary))
    naive_summary, first_naive = await _timed(naive)
    # The shortcut must not change a single number.
    assert naive_summary == first_summary, "naive and bounded summaries differ"

    builds, texts, charts, totals, naives = [], [], [], [], []
    for _ in range(reps):
        summary, build_s = await _timed(ours)
        _, text_s = _timed_sync(lambda: summaries.text_of(summary))  # noqa: B023
        _, chart_s = _timed_sync(lambda: summaries.chart_of(summary))  # noqa: B023
        _, naive_s = await _timed(naive)
        builds.append(build_s)
        texts.append(text_s)
        charts.append(chart_s)
        totals.append(build_s + text_s + chart_s)
        naives.append(naive_s)
    await engine.dispose()
    return {
        "days": days,
        "couples": couples + 1,
        "answers": answer_count,
        "seed_s": seed_s,
        "reps": reps,
        "png_kb": len(png) / 1024,
        "first": {
            "build_ms": first_build * 1000,
            "text_ms": first_text * 1000,
            "chart_ms": first_chart * 1000,
            "total_ms": (first_build + first_text + first_chart) * 1000,
            "naive_ms": first_naive * 1000,
        },
        "build": _stats(builds),
        "text": _stats(texts),
        "chart": _stats(charts),
        "total": _stats(totals),
        "naive": _stats(naives),
    }


def measure(days: int, couples: int, other_days: int, reps: int) -> dict[str, Any]:
    """Seed a throwaway database, then time the summary; the numbers as a dict."""
    with tempfile.TemporaryDirectory() as tmp:
        return asyncio.run(_measure(Path(tmp) / "summary.db", days, couples, other_days, reps))
