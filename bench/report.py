"""The PDF report on a couple with years of daily rounds (`python -m bench report`), and the
README's sample page (`scripts/report-sample`, from the same demo data over 8 weeks).

The couple is `bench.summary`'s (daily rounds, both answer, a few ratings and texts private),
plus a monthly look each month (the partner shares theirs), three boundaries each with a weekly
review both chose to share, a journal entry and a hard moment each a week, and a path at stage 4.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.summary import ME, NOW, PARTNER, _seed

STATEMENTS = (
    "I need to know where you are when plans change.",
    "No contact with the other person, in any form.",
    "We talk about the hard things at the table, not in bed.",
    "Я прошу честности, даже когда она неудобна.",
    "Je veux des réponses franches, même difficiles.",
    "I need an evening a week that is just mine.",
)


async def _extras(sessions: Any) -> None:
    """Monthly looks, boundaries with reviews and journal entries for the bench couple."""
    from sqlalchemy import select

    from core import measure
    from db.models import (
        Boundary,
        BoundaryReview,
        CheckinRound,
        HardMoment,
        JournalEntry,
        MonthlyCheck,
        Path,
        User,
    )

    async with sessions.begin() as session:
        rounds = (
            (await session.execute(select(CheckinRound).order_by(CheckinRound.local_date)))
            .scalars()
            .all()
        )
        by_month: dict[date, CheckinRound] = {}
        for round_ in rounds:
            by_month.setdefault(measure.month_of(round_.local_date), round_)
        for n, (month, round_) in enumerate(sorted(by_month.items())):
            for person, shared in ((ME, False), (PARTNER, True)):
                at = round_.opened_at + timedelta(hours=1)
                session.add(
                    MonthlyCheck(
                        user_id=person,
                        month=month,
                        round_id=round_.id,
                        happy=min(6, 2 + n % 5),
                        warm=min(5, 1 + n % 5),
                        rewarding=min(5, 2 + (n + person) % 4),
                        satisfied=min(5, 1 + n % 5),
                        shared=shared,
                        created_at=at,
                        updated_at=at,
                        completed_at=at,
                    )
                )
        for person in (ME, PARTNER):
            user = await session.get(User, person)
            assert user is not None
            user.share_review = True
            for i, statement in enumerate(STATEMENTS[(person - 1) * 3 : person * 3]):
                at = rounds[0].opened_at
                session.add(
                    Boundary(
                        owner_id=person,
                        couple_id=user.couple_id,
                        category="contact",
                        statement=statement,
                        status=("acknowledged", "shared", "talk")[i],
                        created_at=at,
                        updated_at=at,
                        shared_at=at,
                        shared_version=1,
                    )
                )
        await session.flush()
        owned = (await session.execute(select(Boundary))).scalars().all()
        for k, round_ in enumerate(rounds):
            if round_.local_date.weekday() == 6:
                for boundary in owned:
                    for person in (ME, PARTNER):
                        verdict = "kept" if (k + boundary.id + person) % 4 else "not_kept"
                        session.add(
                            BoundaryReview(
                                round_id=round_.id,
                                boundary_id=boundary.id,
                                user_id=person,
                                verdict=verdict,
                                answered_at=round_.opened_at,
                            )
                        )
            if round_.local_date.weekday() == 2:
                session.add(
                    JournalEntry(
                        user_id=ME,
                        created_at=round_.opened_at,
                        text="A quieter day. We walked by the river and it felt lighter.",
                    )
                )
            if round_.local_date.weekday() == 4:
                for person in (ME, PARTNER):
                    session.add(
                        HardMoment(
                            user_id=person,
                            created_at=round_.opened_at,
                            intensity=1 + k % 5,
                            trigger="An old message turned up.",
                            helped=("a slow walk", "breathing", "a slow walk")[k % 3],
                            told_silently=False,
                        )
                    )
        me = await session.get(User, ME)
        assert me is not None
        at = rounds[0].opened_at
        session.add(Path(couple_id=me.couple_id, status="active", stage=4, created_at=at))


async def _report(
    sessions: Any, period: str, sections: frozenset[str] | None = None, name: str = "Zoë Ковальчук"
) -> tuple[bytes, float, float]:
    from core import pairing, people, report, report_pdf

    choice = report.Choice(period, sections if sections is not None else report.DEFAULT)
    started = time.perf_counter()
    async with sessions() as session:
        user = await people.get(session, ME)
        assert user is not None
        partner = await pairing.partner_of(session, user)
        data = await report.gather(session, user, partner, choice, NOW, name)
    gathered = time.perf_counter()
    pdf = report_pdf.render(data)
    return pdf, gathered - started, time.perf_counter() - gathered


async def _database(path: Path, days: int) -> Any:
    from cryptography.fernet import Fernet

    from db import migrate
    from db.session import create_engine, create_sessionmaker
    from db.types import install_keyring

    install_keyring([Fernet.generate_key().decode()])
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    await migrate.upgrade(engine)
    sessions = create_sessionmaker(engine)
    await _seed(engine, sessions, days, 0, 0)
    await _extras(sessions)
    return engine, sessions


async def _measure(path: Path, days: int, reps: int) -> dict[str, Any]:
    started = time.perf_counter()
    engine, sessions = await _database(path, days)
    seed_s = time.perf_counter() - started
    pdf, first_gather, first_render = await _report(sessions, "all")
    gathers, renders, cpu = [], [], []
    for _ in range(reps):
        started_cpu = time.process_time()
        _, g, r = await _report(sessions, "all")
        cpu.append(time.process_time() - started_cpu)
        gathers.append(g)
        renders.append(r)
    await engine.dispose()
    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    totals = [g + r for g, r in zip(gathers, renders, strict=True)]
    return {
        "days": days,
        "seed_s": seed_s,
        "reps": reps,
        "kb": len(pdf) / 1024,
        "pages": pages,
        "first_ms": (first_gather + first_render) * 1000,
        "gather_ms": statistics.median(gathers) * 1000,
        "render_ms": statistics.median(renders) * 1000,
        "total_ms": statistics.median(totals) * 1000,
        "cpu_ms": statistics.median(cpu) * 1000,
        "max_ms": max(totals) * 1000,
    }


def measure(days: int, reps: int) -> dict[str, Any]:
    """Seed a fresh SQLite database and time the report "since I started" (gather + render)."""
    with tempfile.TemporaryDirectory() as folder:
        return asyncio.run(_measure(Path(folder) / "report.db", days, reps))


async def _sample(out: Path) -> None:
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as folder:
        engine, sessions = await _database(Path(folder) / "sample.db", 56)
        pdf, _, _ = await _report(sessions, "8w", name="Zoë")
        await engine.dispose()
    page = pdfium.PdfDocument(pdf)[1]
    page.render(scale=1.4).to_pil().convert("RGB").save(out, optimize=True)


def sample(out: str) -> None:
    """Write page 2 of an 8-week sample report (demo data) as PNG to `out`."""
    asyncio.run(_sample(Path(out)))
    print(f"wrote {out}")


if __name__ == "__main__":
    sample(sys.argv[1] if len(sys.argv) > 1 else "docs/report-sample.png")
