"""Re-encrypt every stored text with the newest key (`tend keys rotate`).

Tokens are read raw (no decryption into Python strings on the way), rotated with
MultiFernet.rotate (decrypt with any key, encrypt with the first) and written back in batches,
each only if the stored token is still the one read (a running bot may have changed it; a text
written meanwhile is already under the first key).
"""

from __future__ import annotations

import logging

from sqlalchemy import Table, Text, select, type_coerce, update
from sqlalchemy.ext.asyncio import AsyncEngine

from db.models import Base
from db.types import EncryptedText, keyring

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


async def rotate_all(engine: AsyncEngine) -> int:
    """Rotate every encrypted value to the first key; returns how many values were rewritten."""
    ring = keyring()
    total = 0
    for table, names in encrypted_columns():
        (key,) = table.primary_key.columns
        raw = [type_coerce(table.c[name], Text).label(name) for name in names]
        last = None
        while True:
            query = select(key, *raw).order_by(key).limit(BATCH)
            if last is not None:
                query = query.where(key > last)
            async with engine.begin() as conn:
                rows = (await conn.execute(query)).all()
                for row in rows:
                    for name, token in zip(names, row[1:], strict=True):
                        if token is None:
                            continue
                        column = type_coerce(table.c[name], Text)
                        rotated = ring.rotate(token.encode("ascii")).decode("ascii")
                        # Only if nobody changed it meanwhile (the bot may be running).
                        statement = (
                            update(table)
                            .where(key == row[0], column == token)
                            .values({table.c[name]: type_coerce(rotated, Text)})
                        )
                        total += (await conn.execute(statement)).rowcount
            if len(rows) < BATCH:
                break
            last = rows[-1][0]
        log.info("keys.rotated table=%s", table.name)
    return total
