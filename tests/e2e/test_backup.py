"""`tend backup` of a running bot's SQLite database mid-dispatch, `tend restore` elsewhere, and
a bot started on the restored copy reads every encrypted text."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Table, select

from bot.app import build_application, prepare_keys, start, stop
from bot.cli import main
from bot.context import TendApp
from db.models import Base, Delivery
from db.types import EncryptedText
from demo.fake_telegram import FakeTelegram, FakeUser, Fault
from tests.conftest import LIFECYCLE_SECONDS, TEST_KEY, make_settings
from tests.helpers import pair, settle, wait_until

BERLIN = ZoneInfo("Europe/Berlin")
ENTRIES = {
    1001: ["Walked by the river and breathed slowly", "Wrote down what I need this week"],
    1002: ["Told the truth about my Tuesday plans", "Listened without defending myself"],
}


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


async def started(telegram: FakeTelegram, url: str, clock: Any) -> TendApp:
    settings = make_settings(telegram, url)
    prepare_keys(settings)
    app = build_application(settings, clock)
    async with asyncio.timeout(LIFECYCLE_SECONDS):
        await start(app, poll_timeout=1)
    return app


async def stopped(app: TendApp, telegram: FakeTelegram) -> None:
    await telegram.interrupt_polls()
    async with asyncio.timeout(LIFECYCLE_SECONDS):
        await stop(app)


async def every_text(app: TendApp) -> dict[tuple[str, Any, str], str]:
    """Every encrypted value in the database, read through the models as the bot reads it."""
    found = {}
    async with app.bot_data.deps.transaction() as session:  # type: ignore[union-attr]
        for mapper in Base.registry.mappers:
            table = cast(Table, mapper.local_table)
            columns = [c for c in table.columns if isinstance(c.type, EncryptedText)]
            if not columns:
                continue
            names = [mapper.get_property_by_column(c).key for c in columns]
            for row in (await session.execute(select(mapper.class_))).scalars():
                for name in names:
                    value = getattr(row, name)
                    if value is not None:
                        key = mapper.primary_key_from_instance(row)
                        found[(str(table.name), tuple(key), name)] = value
    return found


async def in_flight(app: TendApp) -> bool:
    async with app.bot_data.deps.transaction() as session:  # type: ignore[union-attr]
        found = await session.execute(select(Delivery.id).where(Delivery.status == "sending"))
        return found.first() is not None


async def tend(*args: str) -> int:
    """The `tend` command, as its own process would run it (outside the test's event loop)."""
    return await asyncio.to_thread(main, list(args))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_backup_mid_dispatch_restores_and_the_bot_reads_every_text(
    backend, telegram: FakeTelegram, clock, tmp_path: Path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)  # no developer's .env
    monkeypatch.setattr("bot.logs.configure", lambda *args, **kwargs: None)  # keep pytest's
    live_url = f"sqlite+aiosqlite:///{tmp_path / 'live' / 'tend.db'}"
    app = await started(telegram, live_url, clock)
    alice = FakeUser(telegram, 1001, "Alice", "alice_t")
    bob = FakeUser(telegram, 1002, "Bob", "bob_t")
    try:
        await pair(alice, bob)
        for person in (alice, bob):
            for entry in ENTRIES[person.id]:
                await person.send(f"/journal {entry}")
                await person.expect_text("saved to your journal")
        # Telegram answers slowly: the 09:00 nudges are mid-send when the backup is taken.
        for person in (alice, bob):
            telegram.inject(Fault("sendMessage", chat_id=person.id, delay=3.0, deliver=True))
        clock.set(berlin(27, 9))
        await wait_until(lambda: in_flight(app), every=0.02, what="the nudges to go out")
        monkeypatch.setenv("TEND_DATABASE_URL", live_url)
        monkeypatch.setenv("TEND_ENCRYPTION_KEY", TEST_KEY)
        backup = tmp_path / "backups" / "tend-2026-11-27.db"
        backup.parent.mkdir()
        assert await tend("backup", str(backup)) == 0
        said = capsys.readouterr().out
        assert "The key is not in the backup: it is in TEND_ENCRYPTION_KEY" in said
        assert TEST_KEY not in said
        await alice.expect_text("a small moment")
        await settle(telegram)
        before = await every_text(app)
    finally:
        await stopped(app, telegram)
    with sqlite3.connect(backup) as copy:  # taken mid-dispatch: a send was in flight
        assert copy.execute("SELECT count(*) FROM deliveries WHERE status='sending'").fetchone()[0]
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert all(entry.encode() not in backup.read_bytes() for entry in ENTRIES[1001])

    restored_url = f"sqlite+aiosqlite:///{tmp_path / 'elsewhere' / 'tend.db'}"
    monkeypatch.setenv("TEND_DATABASE_URL", restored_url)
    monkeypatch.setenv("TEND_ENCRYPTION_KEY", Fernet.generate_key().decode())
    assert await tend("restore", str(backup)) == 1  # a key that does not open the text
    assert "could not be read" in capsys.readouterr().err
    assert not (tmp_path / "elsewhere" / "tend.db").exists()
    monkeypatch.setenv("TEND_ENCRYPTION_KEY", TEST_KEY)
    assert await tend("restore", str(backup)) == 0
    assert "the key opened all" in capsys.readouterr().out
    assert await tend("restore", str(backup)) == 1  # never over an existing database by default
    assert "pass --force" in capsys.readouterr().err

    app = await started(telegram, restored_url, clock)
    try:
        # A running bot holds it: even --force is refused.
        assert await tend("restore", str(backup), "--force") == 1
        assert "is in use" in capsys.readouterr().err
        after = await every_text(app)
        assert after == before and len(after) >= 4
        assert set(after.values()) >= {e for entries in ENTRIES.values() for e in entries}
        alice.mark_read()
        await alice.send("/journal list")
        listing = await alice.expect_text("your journal")
        assert "walked by the river" in (listing.text or "").lower()
    finally:
        await stopped(app, telegram)
    assert await tend("restore", str(backup), "--force") == 0  # stopped: now it may replace it


def test_backup_and_restore_refuse_postgresql_and_point_to_pg_dump(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("bot.logs.configure", lambda *args, **kwargs: None)
    monkeypatch.setenv("TEND_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'tend.db'}")
    monkeypatch.setenv("TEND_ENCRYPTION_KEY", TEST_KEY)
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("this is not a database, just some words\n" * 100)
    assert main(["restore", str(not_a_database)]) == 1
    assert "not a readable SQLite database" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # nothing left behind
    assert main(["backup", str(tmp_path / "x.db")]) == 1  # there is no database to copy
    assert "no SQLite database" in capsys.readouterr().err
    monkeypatch.setenv("TEND_DATABASE_URL", "postgresql+asyncpg://tend@127.0.0.1:5432/tend")
    assert main(["backup", str(tmp_path / "x.db")]) == 2
    assert "pg_dump" in capsys.readouterr().err
