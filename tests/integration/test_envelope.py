"""Per-person data keys: older rows move to them, writes that bypass them are refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import event, select, text, update
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncSession

from db import envelope, migrate
from db.models import Boundary, BoundaryVersion, JournalEntry, User
from db.rotate import adopt_legacy, encrypted_columns
from db.session import create_engine
from db.types import UnsealedTextError, install_keyring

T = datetime(2026, 1, 1, tzinfo=UTC)


def test_every_encrypted_table_names_whose_words_it_holds():
    assert {table.name for table, _ in encrypted_columns()} == set(envelope.OWNER_COLUMNS)


async def test_rows_from_before_data_keys_move_to_their_writers_keys(empty_database_url: str):
    ring = install_keyring([Fernet.generate_key().decode()])

    def old(words: str) -> str:  # how 0007 stored text: under the operator's key
        return ring.encrypt(words.encode()).decode()

    engine = create_engine(empty_database_url)
    try:
        await migrate.upgrade(engine, "0007")
        async with engine.begin() as conn:
            for uid, role in ((7, "hurt"), (8, None)):
                await conn.execute(
                    text(
                        "INSERT INTO users (id, created_at, consent_at, consent_version, "
                        "last_seen_at, role) VALUES (:id, :t, :t, 'v', :t, :role)"
                    ),
                    {"id": uid, "t": T, "role": role},
                )
            await conn.execute(
                text("INSERT INTO journal_entries (user_id, created_at, text) VALUES (8, :t, :x)"),
                {"t": T, "x": old("eight's journal")},
            )
            await conn.execute(
                text(
                    "INSERT INTO boundaries (id, owner_id, category, statement, version, status, "
                    "created_at, updated_at) VALUES (1, 7, 'other', :x, 1, 'private', :t, :t)"
                ),
                {"t": T, "x": old("seven's need")},
            )
            await conn.execute(
                text(
                    "INSERT INTO boundary_versions (boundary_id, version, category, statement, "
                    "created_at) VALUES (1, 1, 'other', :x, :t)"
                ),
                {"t": T, "x": old("seven's need")},
            )
        await migrate.upgrade(engine)
        assert await adopt_legacy(engine) == 4
        assert await adopt_legacy(engine) == 0  # nothing left: a start costs one look
        async with engine.connect() as conn:
            stored = {
                "role": (
                    await conn.execute(text("SELECT role FROM users WHERE id = 7"))
                ).scalar_one(),
                "journal": (
                    await conn.execute(text("SELECT text FROM journal_entries"))
                ).scalar_one(),
                "version": (
                    await conn.execute(text("SELECT statement FROM boundary_versions"))
                ).scalar_one(),
            }
        assert stored["role"].startswith("t1.7.")
        assert stored["journal"].startswith("t1.8.")
        assert stored["version"].startswith("t1.7.")  # a version belongs to its boundary's owner
        async with AsyncSession(engine) as session:
            seven = await session.get(User, 7)
            assert seven is not None and seven.role == "hurt"
            (entry,) = (await session.execute(select(JournalEntry))).scalars()
            assert entry.text == "eight's journal"
            (version,) = (await session.execute(select(BoundaryVersion))).scalars()
            (boundary,) = (await session.execute(select(Boundary))).scalars()
            assert version.statement == boundary.statement == "seven's need"
    finally:
        await engine.dispose()


async def test_a_write_that_bypasses_the_data_keys_is_refused(database_url: str):
    install_keyring([Fernet.generate_key().decode()])
    engine = create_engine(database_url)
    try:
        await migrate.upgrade(engine)
        async with AsyncSession(engine) as session, session.begin():
            session.add(User(id=5, created_at=T, consent_at=T, consent_version="v", last_seen_at=T))
            await session.flush()
            session.add(JournalEntry(user_id=5, created_at=T, text="five's words"))
            await session.flush()
            with pytest.raises(StatementError) as caught:
                await session.execute(update(JournalEntry).values(text="unsealed"))
            assert isinstance(caught.value.orig, UnsealedTextError)
    finally:
        await engine.dispose()


async def test_each_person_has_their_own_data_key(database_url: str):
    install_keyring([Fernet.generate_key().decode()])
    engine = create_engine(database_url)
    try:
        await migrate.upgrade(engine)
        async with AsyncSession(engine) as session, session.begin():
            for uid in (1, 2):
                session.add(
                    User(id=uid, created_at=T, consent_at=T, consent_version="v", last_seen_at=T)
                )
            await session.flush()
            for uid in (1, 2):
                session.add(JournalEntry(user_id=uid, created_at=T, text="same words"))
        async with engine.connect() as conn:
            keys = (await conn.execute(text("SELECT data_key FROM users"))).scalars().all()
            tokens = (await conn.execute(text("SELECT text FROM journal_entries"))).scalars().all()
        assert len(set(keys)) == 2 and all(keys)
        assert sorted(t.split(".")[1] for t in tokens) == ["1", "2"]
    finally:
        await engine.dispose()


async def test_a_data_key_made_in_a_rolled_back_transaction_is_not_used_again(database_url: str):
    install_keyring([Fernet.generate_key().decode()])
    engine = create_engine(database_url)
    try:
        await migrate.upgrade(engine)
        async with engine.begin() as conn:  # a person from before data keys: none yet
            await conn.execute(
                text(
                    "INSERT INTO users (id, created_at, consent_at, consent_version, "
                    "last_seen_at) VALUES (6, :t, :t, 'v', :t)"
                ),
                {"t": T},
            )
        async with AsyncSession(engine) as session:
            async with session.begin():
                session.add(JournalEntry(user_id=6, created_at=T, text="made, then undone"))
                await session.flush()
                await session.rollback()
            async with session.begin():
                session.add(JournalEntry(user_id=6, created_at=T, text="kept"))
        async with AsyncSession(engine) as session:
            (entry,) = (await session.execute(select(JournalEntry))).scalars()
            assert entry.text == "kept"
    finally:
        await engine.dispose()


async def test_loading_a_person_opens_their_role_with_the_key_on_their_own_row(database_url: str):
    """One statement per person loaded: the wrapped key comes with the row (no second read)."""
    install_keyring([Fernet.generate_key().decode()])
    engine = create_engine(database_url)
    statements: list[str] = []
    try:
        await migrate.upgrade(engine)
        async with AsyncSession(engine) as session, session.begin():
            session.add(
                User(
                    id=7,
                    created_at=T,
                    consent_at=T,
                    consent_version="v",
                    last_seen_at=T,
                    role="hurt",
                )
            )

        def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            statements.append(statement)

        event.listen(engine.sync_engine, "before_cursor_execute", count)
        async with AsyncSession(engine) as session:
            user = await session.get(User, 7)
            assert user is not None and user.role == "hurt"
        assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    finally:
        await engine.dispose()
