"""Copies of one onboarded database for each run of a benchmark: SQLite files, or PostgreSQL
tables copied server-side from a snapshot schema (the bench owns the database it is given: its
`public` schema is dropped and rebuilt, as `bench paid` does)."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

SNAPSHOT = "bench_snapshot"


class SqliteCopies:
    """The onboarded database is a file; each run gets a copy of it (with its WAL)."""

    name = "SQLite"

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.base = directory / "onboarded.db"
        self.url = f"sqlite+aiosqlite:///{self.base}"

    async def prepare(self) -> None:
        """Nothing to do: the bot creates the file."""

    async def snapshot(self) -> None:
        """Nothing to do: the stopped bot's file is the snapshot."""

    async def cleanup(self) -> None:
        """Nothing to do: the directory goes away."""

    async def fresh(self, label: str) -> str:
        """A copy of the onboarded database for one run; its URL."""
        target = self.directory / f"run-{label}.db"
        _copy(self.base, target)
        return f"sqlite+aiosqlite:///{target}"


class PostgresCopies:
    """The onboarded tables are copied to a snapshot schema; each run gets them back."""

    name = "PostgreSQL"

    def __init__(self, url: str) -> None:
        self.url = url

    async def _run(self, *statements: str) -> list[str]:
        from db.models import Base
        from db.session import create_engine

        engine = create_engine(self.url)
        try:
            async with engine.begin() as conn:
                tables = [
                    row[0]
                    for row in await conn.execute(
                        text(
                            "SELECT table_name FROM information_schema.tables WHERE "
                            "table_schema = 'public' AND table_type = 'BASE TABLE' AND "
                            "table_name <> 'alembic_version'"
                        )
                    )
                ]
                # Parents before children, so the copies back never break a foreign key.
                order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
                tables.sort(key=lambda name: order.get(name, len(order)))
                ided = {
                    row[0]
                    for row in await conn.execute(
                        text(
                            "SELECT table_name FROM information_schema.columns WHERE "
                            "table_schema = 'public' AND column_name = 'id' "
                            "AND data_type IN ('integer', 'bigint')"
                        )
                    )
                }
                for statement in statements:
                    for one in _expand(statement, tables, ided):
                        await conn.execute(text(one))
        finally:
            await engine.dispose()
        return tables

    async def prepare(self) -> None:
        """An empty database (the bot migrates it when it starts)."""
        await self._run(
            f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE",
            "DROP SCHEMA IF EXISTS public CASCADE",
            "CREATE SCHEMA public",
        )

    async def snapshot(self) -> None:
        """Keep a copy of every table (the bot is stopped)."""
        await self._run(
            f"CREATE SCHEMA {SNAPSHOT}", f"CREATE TABLE {SNAPSHOT}.{{t}} AS TABLE public.{{t}}"
        )

    async def cleanup(self) -> None:
        """Drop the snapshot."""
        await self._run(f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE")

    async def fresh(self, label: str) -> str:
        """Every table as it was at the snapshot, sequences moved past the copied ids."""
        await self._run(
            "TRUNCATE {all} RESTART IDENTITY CASCADE",
            f"INSERT INTO public.{{t}} SELECT * FROM {SNAPSHOT}.{{t}}",
            "SELECT setval(pg_get_serial_sequence('public.{id}', 'id'), "
            "(SELECT COALESCE(MAX(id), 0) + 1 FROM public.{id}), false) "
            "WHERE pg_get_serial_sequence('public.{id}', 'id') IS NOT NULL",
        )
        return self.url


def _copy(source: Path, target: Path) -> None:
    """A stopped bot's SQLite file (with its WAL, if any) under another name."""
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")


def _expand(statement: str, tables: list[str], ided: set[str]) -> list[str]:
    if "{id}" in statement:
        return [statement.replace("{id}", t) for t in tables if t in ided]
    if "{all}" in statement:
        return [statement.replace("{all}", ", ".join(f"public.{t}" for t in tables))]
    if "{t}" in statement:
        return [statement.replace("{t}", t) for t in tables]
    return [statement]
