"""The database layer on SQLite and PostgreSQL: migrations, encryption at rest, key handling."""

from __future__ import annotations

import asyncio
import contextlib
import os
import stat
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from cryptography.fernet import Fernet
from sqlalchemy import event, inspect, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from db import migrate
from db.keys import key_file_for, load_or_create_key_file
from db.models import Base, JournalEntry, User
from db.session import POOL_SIZE, create_engine
from db.types import KeyringMissingError, install_keyring
from tests.conftest import BACKENDS, reset_postgres

PHRASE = "we talked about the hotel in March"


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


async def table_names(engine) -> set[str]:
    async with engine.connect() as conn:
        return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


async def test_stairway_up_down_up_every_revision(empty_database_url: str):
    engine = create_engine(empty_database_url)
    try:
        previous = "base"
        for revision in revisions():
            await migrate.upgrade(engine, revision)
            await migrate.downgrade(engine, previous)
            await migrate.upgrade(engine, revision)
            previous = revision
        assert {"users", "couples", "invites"} <= await table_names(engine)
        await migrate.downgrade(engine, "base")
        assert await table_names(engine) <= {"alembic_version"}
    finally:
        await engine.dispose()


async def test_migrations_match_the_models(empty_database_url: str):
    engine = create_engine(empty_database_url)
    try:
        await migrate.upgrade(engine)

        def diff(connection):
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, Base.metadata)

        async with engine.connect() as conn:
            assert await conn.run_sync(diff) == []
    finally:
        await engine.dispose()


async def test_processes_starting_together_migrate_once(empty_database_url: str):
    env = {**os.environ, "TEND_DATABASE_URL": empty_database_url}
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "db",
            "upgrade",
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(3)
    ]
    results = [await proc.communicate() for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0, 0], [r[1][-500:] for r in results]
    engine = create_engine(empty_database_url)
    try:
        async with engine.connect() as conn:
            versions = (await conn.execute(text("SELECT version_num FROM alembic_version"))).all()
        assert [v[0] for v in versions] == [migrate.head_revision()]
    finally:
        await engine.dispose()


async def test_encrypted_text_is_not_stored_in_plain_text(database_url: str, backend: str):
    install_keyring([Fernet.generate_key().decode()])
    await _seed_texts(database_url)
    engine = create_engine(database_url)
    try:
        async with AsyncSession(engine) as session:
            (entry,) = (await session.execute(select(JournalEntry))).scalars()
            assert entry.text == PHRASE
        async with engine.connect() as conn:
            raw = (await conn.execute(text("SELECT text FROM journal_entries"))).scalar_one()
        assert PHRASE not in raw and raw.startswith("t1.4242.gAAAA")  # the writer's data key
        if backend == "sqlite":
            path = Path(database_url.split("///", 1)[1])
            data = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
            assert PHRASE.encode() not in data
        install_keyring([Fernet.generate_key().decode()])  # a different key cannot read it
        async with AsyncSession(engine) as session:
            with pytest.raises(KeyringMissingError):
                (await session.execute(select(JournalEntry))).scalars().all()
    finally:
        await engine.dispose()


def test_older_keys_still_read_newer_key_writes():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    token = install_keyring([old]).encrypt(b"x")
    ring = install_keyring([new, old])
    assert ring.decrypt(token) == b"x"
    assert Fernet(new.encode()).decrypt(ring.encrypt(b"y")) == b"y"


def test_sqlite_key_file_is_made_once_private_and_reused(tmp_path, caplog):
    url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'tend.db'}"
    first = load_or_create_key_file(url)
    path = key_file_for(url)
    assert path == tmp_path / "data" / "tend.key"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "back this file up" in caplog.text
    assert load_or_create_key_file(url) == first
    Fernet(first[0].encode())  # a valid key


async def _seed_texts(database_url: str) -> None:
    """A person with a journal entry and a boundary (with a consequence), written now."""
    from datetime import UTC, datetime

    from sqlalchemy.ext.asyncio import AsyncSession

    from db.models import Boundary, JournalEntry, User

    now = datetime(2026, 11, 27, tzinfo=UTC)
    engine = create_engine(database_url)
    try:
        await migrate.upgrade(engine)
        async with AsyncSession(engine) as session, session.begin():
            session.add(
                User(
                    id=4242,
                    created_at=now,
                    consent_at=now,
                    consent_version="v",
                    last_seen_at=now,
                )
            )
            await session.flush()
            session.add(JournalEntry(user_id=4242, created_at=now, text=PHRASE))
            session.add(
                Boundary(
                    owner_id=4242,
                    category="other",
                    statement="I need rest",
                    consequence="I will sleep early",
                    created_at=now,
                    updated_at=now,
                )
            )
    finally:
        await engine.dispose()


async def _raw_texts(database_url: str) -> list[str]:
    """Every stored encrypted value, as stored."""
    from db.rotate import encrypted_columns

    engine = create_engine(database_url)
    try:
        async with engine.connect() as conn:
            found: list[str] = []
            for table, names in encrypted_columns():
                for name in names:
                    found += [v for v in (await conn.execute(select(table.c[name]))).scalars() if v]
            return sorted(found)
    finally:
        await engine.dispose()


async def _all_texts(database_url: str) -> list[str]:
    """Every stored encrypted value, opened."""
    from db.envelope import open_stored

    raw = await _raw_texts(database_url)
    engine = create_engine(database_url)
    try:
        async with AsyncSession(engine) as session:
            return [await open_stored(session, token) for token in raw]
    finally:
        await engine.dispose()


async def test_rotation_rewraps_data_keys_without_touching_the_words(database_url: str):
    from db.rotate import rotate_all

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    install_keyring([old])
    await _seed_texts(database_url)
    before = await _raw_texts(database_url)
    install_keyring([new, old])
    engine = create_engine(database_url)
    try:
        assert await rotate_all(engine) == 1  # one person, one data key
    finally:
        await engine.dispose()
    assert await _raw_texts(database_url) == before  # no stored text was rewritten
    install_keyring([new])  # the old key can now be dropped
    assert sorted(await _all_texts(database_url)) == sorted(
        [PHRASE, "I need rest", "I will sleep early"]
    )
    install_keyring([old])
    with pytest.raises(KeyringMissingError):
        await _all_texts(database_url)


def test_keys_rotate_command(tmp_path: Path, monkeypatch, capsys):
    from bot.cli import main

    url = f"sqlite+aiosqlite:///{tmp_path / 'tend.db'}"
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    install_keyring([old])
    asyncio.run(_seed_texts(url))
    monkeypatch.setenv("TEND_DATABASE_URL", url)
    monkeypatch.setenv("TEND_ENCRYPTION_KEY", f"{new},{old}")
    monkeypatch.setattr("bot.logs.configure", lambda *args, **kwargs: None)  # keep pytest's
    assert main(["keys", "rotate"]) == 0
    assert "rewrapped 1 data key" in capsys.readouterr().out
    install_keyring([new])
    assert PHRASE in asyncio.run(_all_texts(url))


@pytest.mark.parametrize("backend", [b for b in BACKENDS if b == "postgresql"])
async def test_a_held_lock_fails_a_statement_instead_of_waiting_for_ever(database_url: str):
    holder_engine = create_engine(database_url)
    engine = create_engine(database_url, lock_timeout="300ms")
    try:
        await migrate.upgrade(engine)
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO workers (id, heartbeat_at) VALUES ('w', now())"))
            shown = await conn.execute(text("SHOW idle_in_transaction_session_timeout"))
            assert shown.scalar_one() == "5min"
            named = await conn.execute(text("SHOW application_name"))
            assert named.scalar_one() == "tend"
        async with holder_engine.begin() as holder:
            await holder.execute(text("SELECT id FROM workers WHERE id = 'w' FOR UPDATE"))
            async with asyncio.timeout(10):
                with pytest.raises(DBAPIError, match="lock timeout"):
                    async with engine.begin() as conn:
                        await conn.execute(text("UPDATE workers SET heartbeat_at = now()"))
        async with engine.begin() as conn:  # once the holder is gone, the update goes through
            await conn.execute(text("UPDATE workers SET heartbeat_at = now()"))
    finally:
        await engine.dispose()
        await holder_engine.dispose()


async def test_questions_open_at_upgrade_get_their_time_from_then(empty_database_url: str):
    engine = create_engine(empty_database_url)
    try:
        await migrate.upgrade(engine, "0006")
        async with engine.begin() as conn:
            for user_id, awaiting in ((1, "jr"), (2, "timezone"), (3, None)):
                await conn.execute(
                    text(
                        "INSERT INTO users (id, created_at, consent_at, consent_version, "
                        "last_seen_at, awaiting) VALUES (:id, :t, :t, 'v', :t, :a)"
                    ),
                    {"id": user_id, "t": datetime(2026, 1, 1, tzinfo=UTC), "a": awaiting},
                )
        await migrate.upgrade(engine)
        async with engine.connect() as conn:
            rows = await conn.execute(text("SELECT id, awaiting_since FROM users"))
            found = {row[0]: row[1] for row in rows}
        assert found[2] is None and found[3] is None
        assert found[1] is not None
        async with AsyncSession(engine) as session:
            (person,) = (await session.execute(select(User).where(User.id == 1))).scalars()
            assert person.awaiting_since is not None
            age = datetime.now(UTC) - person.awaiting_since
            assert timedelta(0) <= age < timedelta(minutes=5)  # read back as an aware UTC time
    finally:
        await engine.dispose()


@pytest.mark.parametrize("backend", [b for b in BACKENDS if b == "postgresql"])
async def test_a_stuck_tend_session_does_not_block_the_next_test(empty_database_url: str):
    stuck, fresh = create_engine(empty_database_url), create_engine(empty_database_url)
    try:
        await migrate.upgrade(stuck)
        conn = await stuck.connect()
        try:
            await conn.begin()
            await conn.execute(text("LOCK TABLE users IN ACCESS EXCLUSIVE MODE"))
            async with asyncio.timeout(20):
                await reset_postgres(empty_database_url)  # ends the stuck session, drops the schema
        finally:
            with contextlib.suppress(Exception):  # its server side is gone
                await conn.close()
        async with fresh.connect() as check:
            assert "users" not in await check.run_sync(lambda c: inspect(c).get_table_names())
    finally:
        await stuck.dispose()
        await fresh.dispose()


async def _kill_pooled_connections(url: str) -> None:
    """End every other "tend" session on the server (as a database restart would)."""
    killer = create_engine(url)
    try:
        async with killer.connect() as conn:
            await conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = 'tend' AND pid <> pg_backend_pid() "
                    "AND datname = current_database()"
                )
            )
    finally:
        await killer.dispose()


@pytest.mark.parametrize("backend", [b for b in BACKENDS if b == "postgresql"], indirect=True)
async def test_a_connection_idle_past_the_limit_is_checked_and_replaced(database_url: str):
    checked = create_engine(database_url, ping_idle_after=0.0)  # every reuse counts as idle
    trusting = create_engine(database_url, ping_idle_after=3600.0)  # reuse is never checked
    try:
        for engine in (checked, trusting):
            async with engine.connect() as conn:
                assert (await conn.execute(text("SELECT 1"))).scalar_one() == 1
        await _kill_pooled_connections(database_url)
        async with checked.connect() as conn:  # found dead at checkout, replaced unseen
            assert (await conn.execute(text("SELECT 2"))).scalar_one() == 2
        with pytest.raises(DBAPIError) as failed:  # in steady use: one statement fails ...
            async with trusting.connect() as conn:
                await conn.execute(text("SELECT 3"))
        assert failed.value.connection_invalidated
        async with trusting.connect() as conn:  # ... and the pool starts afresh
            assert (await conn.execute(text("SELECT 4"))).scalar_one() == 4
    finally:
        await checked.dispose()
        await trusting.dispose()


async def test_a_burst_leaves_its_connections_open_for_the_next(database_url: str):
    engine = create_engine(database_url)
    opened = 0

    def count(*_: object) -> None:
        nonlocal opened
        opened += 1

    event.listen(engine.sync_engine, "connect", count)
    gate, everyone_in = asyncio.Event(), asyncio.Event()
    holding = 0

    async def hold() -> None:
        nonlocal holding
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
            holding += 1
            if holding == POOL_SIZE:
                everyone_in.set()
            await gate.wait()

    try:
        for _burst in range(2):  # fifteen at once, twice
            holding = 0
            holders = [asyncio.create_task(hold()) for _ in range(POOL_SIZE)]
            await asyncio.wait_for(everyone_in.wait(), 30)
            gate.set()
            await asyncio.gather(*holders)
            gate.clear()
            everyone_in.clear()
            assert engine.sync_engine.pool.checkedin() == POOL_SIZE  # type: ignore[attr-defined]
        assert opened == POOL_SIZE  # the second burst opened none
    finally:
        await engine.dispose()
