"""Key upkeep: move older rows to per-person data keys, and rewrap data keys (`tend keys rotate`).

Rotation no longer touches stored words: each person's data key is unwrapped with any operator key
and wrapped again with the first (MultiFernet.rotate), a small table's worth of work. Rows written
before envelope keys (under the operator's key, or `users.role` in plain text) are first sealed
with their writer's data key (`adopt_legacy`, also run at every start; nothing to do is one
scan per table). Each update applies only if the stored value is still the one read (a
running bot may have changed it meanwhile).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection, Select, Table, Text, and_, or_, select, type_coerce, update
from sqlalchemy.ext.asyncio import AsyncEngine

from db import envelope
from db.models import Base
from db.types import ENVELOPE_PREFIX, EncryptedText, keyring, seal_token

log = logging.getLogger(__name__)

BATCH = 500


def encrypted_columns() -> list[tuple[Table, list[str]]]:
    """Each table with its EncryptedText columns."""
    found = []
    for table in Base.metadata.sorted_tables:
        names = [c.name for c in table.columns if isinstance(c.type, EncryptedText)]
        if names:
            found.append((table, names))
    return found


def _legacy_rows(table: Table, names: list[str], after: Any) -> Select[Any]:
    """Rows of `table` with a value not yet under a data key, with their owner, in key order."""
    (key,) = table.primary_key.columns
    raw = [type_coerce(table.c[name], Text) for name in names]
    owner_name = envelope.OWNER_COLUMNS[table.name]
    owner: Any = table.c[owner_name]
    query = select(key, owner, *raw)
    if table.name == "boundary_versions":
        boundaries = Base.metadata.tables["boundaries"]
        owner = boundaries.c.owner_id
        query = select(key, owner, *raw).join(boundaries, boundaries.c.id == table.c.boundary_id)
    stale = or_(*[and_(c.is_not(None), ~c.startswith(ENVELOPE_PREFIX)) for c in raw])
    query = query.where(stale).order_by(key).limit(BATCH)
    return query if after is None else query.where(key > after)


def _adopt(conn: Connection, table: Table, names: list[str], rows: list[Any]) -> int:
    cache: dict[int, Any] = {}
    legacy = {c.name: c.type.legacy_plain for c in table.columns if c.name in names}  # type: ignore[attr-defined]
    (key,) = table.primary_key.columns
    moved = 0
    for row in rows:
        for name, token in zip(names, row[2:], strict=True):
            if token is None or token.startswith(ENVELOPE_PREFIX):
                continue
            text = envelope.open_token(conn, cache, token, legacy_plain=legacy[name])
            cipher = envelope.data_key(conn, cache, int(row[1]), create=True)
            column = type_coerce(table.c[name], Text)
            sealed = seal_token(text, int(row[1]), cipher)
            statement = (
                update(table)
                .where(key == row[0], column == token)
                .values({table.c[name]: type_coerce(sealed, Text)})
            )
            moved += conn.execute(statement).rowcount
    return moved


async def adopt_legacy(engine: AsyncEngine) -> int:
    """Seal every value still under the operator's key (or plain) with its writer's data key;
    returns how many values moved."""
    total = 0
    for table, names in encrypted_columns():
        last = None
        while True:
            async with engine.begin() as conn:
                rows = list((await conn.execute(_legacy_rows(table, names, last))).all())
                if rows:
                    total += await conn.run_sync(_adopt, table, names, rows)
            if len(rows) < BATCH:
                break
            last = rows[-1][0]
    if total:
        log.info("keys.adopted values=%d", total)
    return total


async def rotate_all(engine: AsyncEngine) -> int:
    """Move older rows to data keys, then rewrap every data key with the first operator key;
    returns how many data keys were rewrapped."""
    await adopt_legacy(engine)
    ring = keyring()
    users = Base.metadata.tables["users"]
    total, last = 0, None
    while True:
        query = select(users.c.id, users.c.data_key).where(users.c.data_key.is_not(None))
        query = query.order_by(users.c.id).limit(BATCH)
        if last is not None:
            query = query.where(users.c.id > last)
        async with engine.begin() as conn:
            rows = (await conn.execute(query)).all()
            for user_id, wrapped in rows:
                rewrapped = ring.rotate(wrapped.encode("ascii")).decode("ascii")
                statement = (
                    update(users)
                    .where(users.c.id == user_id, users.c.data_key == wrapped)
                    .values(data_key=rewrapped)
                )
                total += (await conn.execute(statement)).rowcount
        if len(rows) < BATCH:
            break
        last = rows[-1][0]
    log.info("keys.rewrapped keys=%d", total)
    return total
