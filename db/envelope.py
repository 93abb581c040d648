"""Envelope encryption: each person's words under their own data key, wrapped by the operator's.

Every person gets a random Fernet data key when their row is made (users.data_key holds it,
wrapped by the operator's keys from db.types.keyring). Each EncryptedText value is sealed with
the data key of the person who wrote it (OWNER_COLUMNS; a boundary's versions belong to the
boundary's owner, rows in couple-shared tables to their writer). Deleting the person's row
destroys the key: whatever copy of their words is left (SQLite free pages or WAL, PostgreSQL dead
rows, WAL archives, backups taken after the last key rotation) cannot be read any more.

The ORM does the work: rows are sealed just before they are written (mapper events) and opened
when loaded, with the unwrapped keys cached in the session (`session.info`) for one transaction,
so a key is read and unwrapped at most once per unit of work and never kept beyond it. Core
statements that write EncryptedText columns are refused (db.types.UnsealedTextError); reading such
a column with a Core select gives the stored token (open it with `open_stored`).
"""

from __future__ import annotations

import functools
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import Connection, Table, event, inspect, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Mapper, Session

from db.keys import StartRefused
from db.models import Base, Boundary, BoundaryVersion, User
from db.types import (
    EncryptedText,
    KeyringMissingError,
    Sealed,
    keyring,
    token_body,
    token_owner,
)

CACHE = "tend.data_keys"

# Whose words each table holds: the column naming the writer. boundary_versions: see _owner.
OWNER_COLUMNS: dict[str, str] = {
    "users": "id",
    "checkin_answers": "user_id",
    "journal_entries": "user_id",
    "held_messages": "user_id",
    "path_steps": "user_id",
    "appreciations": "from_user_id",
    "boundaries": "owner_id",
    "boundary_responses": "user_id",
    "boundary_versions": "boundary_id",  # -> boundaries.owner_id
    "hard_moments": "user_id",
    "share_entries": "user_id",
    "share_replies": "user_id",
}

_users: Table = User.__table__  # type: ignore[assignment]
_boundaries: Table = Boundary.__table__  # type: ignore[assignment]


def new_data_key() -> tuple[str, Fernet]:
    """A fresh data key: (wrapped by the operator's first key, ready to use)."""
    raw = Fernet.generate_key()
    return keyring().encrypt(raw).decode("ascii"), Fernet(raw)


def unwrap(wrapped: str) -> Fernet:
    """Open a wrapped data key with any operator key; KeyringMissingError if none fits."""
    try:
        return Fernet(keyring().decrypt(wrapped.encode("ascii")))
    except InvalidToken as exc:
        raise KeyringMissingError("a data key could not be unwrapped with any key") from exc


def cache_of(session: Session) -> dict[int, Fernet]:
    """The unwrapped data keys of one session (gone with the session)."""
    keys: dict[int, Fernet] = session.info.setdefault(CACHE, {})
    return keys


def data_key(conn: Connection, cache: dict[int, Fernet], owner: int, *, create: bool) -> Fernet:
    """`owner`'s data key: from the cache, else read and unwrapped (made first if `create` and
    the person has none yet, as people from before envelope keys). KeyringMissingError when the
    person is gone (erased) or no operator key opens their key."""
    found = cache.get(owner)
    if found is not None:
        return found
    query = select(_users.c.data_key).where(_users.c.id == owner)
    wrapped = conn.execute(query).scalar_one_or_none()
    if wrapped is None and create:
        made, _ = new_data_key()
        conn.execute(
            update(_users)
            .where(_users.c.id == owner, _users.c.data_key.is_(None))
            .values(data_key=made)
        )
        wrapped = conn.execute(query).scalar_one_or_none()  # ours, or another process's
    if wrapped is None:
        raise KeyringMissingError("no data key for this person")
    cache[owner] = unwrap(wrapped)
    return cache[owner]


def open_token(
    conn: Connection, cache: dict[int, Fernet], raw: str, *, legacy_plain: bool = False
) -> str:
    """The plain text of one stored value (older values under the operator's key still open)."""
    owner = token_owner(raw)
    if owner is None:
        if legacy_plain and not raw.startswith("gAAAA"):
            return raw  # a column that was plain text before, not yet moved (adopt_legacy)
        try:
            return keyring().decrypt(raw.encode("ascii")).decode("utf-8")
        except InvalidToken as exc:
            raise KeyringMissingError("stored text could not be decrypted with any key") from exc
    return _decrypt(data_key(conn, cache, owner, create=False), token_body(raw))


def _decrypt(cipher: Fernet, body: bytes) -> str:
    try:
        return cipher.decrypt(body).decode("utf-8")
    except InvalidToken as exc:
        # Never include the token or any text in the message: it may reach a log.
        raise KeyringMissingError("stored text could not be decrypted with its data key") from exc


def _has_data_keys(conn: Connection) -> bool:
    found = inspect(conn)
    if not found.has_table("users"):
        return False
    return any(column["name"] == "data_key" for column in found.get_columns("users"))


async def check_keys(engine: AsyncEngine) -> None:
    """StartRefused when stored data keys exist and no operator key opens them (a wrong or new
    TEND_ENCRYPTION_KEY or key file would otherwise leave every stored word unreadable)."""
    query = select(_users.c.data_key).where(_users.c.data_key.is_not(None)).limit(1)
    async with engine.connect() as conn:
        if not await conn.run_sync(_has_data_keys):
            return  # a new database, or one from before data keys (nothing to check yet)
        wrapped = (await conn.execute(query)).scalar_one_or_none()
    if wrapped is None:
        return
    try:
        unwrap(wrapped)
    except KeyringMissingError:
        raise StartRefused(
            "the encryption key (TEND_ENCRYPTION_KEY or the key file) does not open the stored "
            "data keys; start with the key they were made with (list it after a new one)"
        ) from None


async def open_stored(session: AsyncSession, raw: str) -> str:
    """Open a value read with a Core select (tests, tools)."""
    return await session.run_sync(lambda s: open_token(s.connection(), cache_of(s), raw))


@functools.cache
def encrypted_attributes(mapper: Mapper[Any]) -> tuple[tuple[str, bool], ...]:
    """(attribute, legacy_plain) of each EncryptedText column of a mapped class."""
    found = []
    for prop in mapper.column_attrs:
        kind = prop.columns[0].type
        if isinstance(kind, EncryptedText):
            found.append((prop.key, kind.legacy_plain))
    return tuple(found)


def _owner(target: Any, conn: Connection) -> int:
    if isinstance(target, BoundaryVersion):
        query = select(_boundaries.c.owner_id).where(_boundaries.c.id == target.boundary_id)
        return int(conn.execute(query).scalar_one())
    return int(getattr(target, OWNER_COLUMNS[target.__tablename__]))


def _seal(mapper: Mapper[Any], conn: Connection, target: Any, *, new: bool) -> None:
    names = encrypted_attributes(mapper)
    if not names:
        return
    state = inspect(target)
    cache = cache_of(state.session)
    if new and isinstance(target, User) and state.dict.get("data_key") is None:
        target.data_key, cache[target.id] = new_data_key()
    owner: int | None = None
    for name, _legacy in names:
        value = state.dict.get(name)
        if value is None or (not new and name not in state.committed_state):
            continue  # nothing to write, or not part of this UPDATE
        if owner is None:
            owner = _owner(target, conn)
        if isinstance(value, Sealed) and value.owner == owner:
            continue
        state.dict[name] = Sealed(str(value), owner, data_key(conn, cache, owner, create=True))


def _open(target: Any, session: Session, attrs: Any) -> None:
    state = inspect(target)
    for name, legacy in encrypted_attributes(state.mapper):
        raw = state.dict.get(name)
        if raw is None or isinstance(raw, Sealed) or (attrs is not None and name not in attrs):
            continue
        cache = cache_of(session)
        owner = token_owner(raw)
        if owner is not None and owner not in cache and owner == state.dict.get("id"):
            wrapped = state.dict.get("data_key") if isinstance(target, User) else None
            if wrapped is not None:  # a person's own row carries their key: no second read
                cache[owner] = unwrap(wrapped)
        if owner is not None and owner in cache:  # the common case: no connection needed
            opened = _decrypt(cache[owner], token_body(raw))
        else:
            opened = open_token(session.connection(), cache, raw, legacy_plain=legacy)
        state.dict[name] = opened


@event.listens_for(Session, "after_transaction_end")
def _forget_keys(session: Session, _transaction: Any) -> None:
    # Unwrapped keys live for one transaction: a key made in one that rolled back never existed.
    session.info.pop(CACHE, None)


@event.listens_for(Base, "before_insert", propagate=True)
def _seal_new(mapper: Mapper[Any], conn: Connection, target: Any) -> None:
    _seal(mapper, conn, target, new=True)


@event.listens_for(Base, "before_update", propagate=True)
def _seal_changed(mapper: Mapper[Any], conn: Connection, target: Any) -> None:
    _seal(mapper, conn, target, new=False)


@event.listens_for(Base, "load", propagate=True)
def _open_loaded(target: Any, context: Any) -> None:
    _open(target, context.session, None)


@event.listens_for(Base, "refresh", propagate=True)
def _open_refreshed(target: Any, context: Any, attrs: Any) -> None:
    if context is None:
        return  # values an UPDATE statement set, copied in from Python: nothing was read
    _open(target, context.session, attrs)
