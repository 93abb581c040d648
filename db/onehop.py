"""SQLite statements in one trip to aiosqlite's thread instead of four.

aiosqlite runs every call on its connection's own thread, and SQLAlchemy's adapter makes four
calls per statement: make a cursor, execute, fetch all rows, close the cursor. Each is a trip
from the event loop to that thread and back (a queue put, a thread wake-up, a loop wake-up),
which cost the bot more CPU per update than the SQL itself. `OneTripCursor` does all four in
one function on the driver's thread; SQLAlchemy then reads the rows it already has. The SQL,
its parameters, the transaction and the results are the same.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import aiosqlite

Rows = list[Any]


class OneTripCursor:
    """An aiosqlite-shaped cursor whose execute runs, fetches and closes in one trip.

    `description`, `rowcount` and `lastrowid` are those of the last statement (DB-API shapes);
    the fetch methods hand out rows already read. Errors are sqlite3's, raised by execute."""

    arraysize = 1

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection
        self._rows: Rows = []
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None

    async def __aenter__(self) -> OneTripCursor:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    async def execute(self, sql: str, parameters: Any = ()) -> OneTripCursor:
        """Run one statement and read all its rows (one trip to the driver's thread)."""
        await self._connection._execute(self._run, sql, parameters, many=False)  # type: ignore[no-untyped-call]
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> OneTripCursor:
        """Run one statement for each parameter set (one trip)."""
        await self._connection._execute(self._run, sql, parameters, many=True)  # type: ignore[no-untyped-call]
        return self

    def _run(self, sql: str, parameters: Any, *, many: bool) -> None:
        """On the driver's thread: execute, fetch, note the cursor's state, close it."""
        cursor: sqlite3.Cursor = self._connection._conn.cursor()
        try:
            if many:
                cursor.executemany(sql, parameters)
            else:
                cursor.execute(sql, parameters)
            self.description = cursor.description
            self._rows = cursor.fetchall() if cursor.description else []
            self.rowcount = cursor.rowcount  # after the fetch: right for RETURNING too
            self.lastrowid = cursor.lastrowid
        finally:
            cursor.close()

    async def fetchall(self) -> Rows:
        """Every row not handed out yet."""
        rows, self._rows = self._rows, []
        return rows

    async def fetchone(self) -> Any:
        """The next row, or None."""
        return self._rows.pop(0) if self._rows else None

    async def fetchmany(self, size: int | None = None) -> Sequence[Any]:
        """Up to `size` (default `arraysize`) more rows."""
        count = self.arraysize if size is None else size
        rows, self._rows = self._rows[:count], self._rows[count:]
        return rows

    async def close(self) -> None:
        """Drop rows not read (the sqlite3 cursor is closed already)."""
        self._rows = []


def use_one_trip_cursors(dbapi_connection: Any) -> None:
    """For SQLAlchemy's "connect" event on an aiosqlite engine: this connection's cursors make
    one trip per statement. Other connections (a sync sqlite3 one) are left as they are."""
    driver = getattr(dbapi_connection, "driver_connection", None)
    if isinstance(driver, aiosqlite.Connection):
        driver.cursor = lambda: OneTripCursor(driver)  # type: ignore[method-assign,assignment,return-value]
