"""Files on disk: the database and its WAL private to their owner, the key file guarded."""

from __future__ import annotations

import asyncio
import os
import stat
import sys
from datetime import UTC, datetime
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy.ext.asyncio import AsyncSession

from db import migrate
from db.keys import key_file_for, load_or_create_key_file
from db.models import JournalEntry, User
from db.session import create_engine
from db.types import install_keyring
from demo.fake_telegram import FakeTelegram

CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("TEND_")}
T = datetime(2026, 1, 1, tzinfo=UTC)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def write_someone(url: str) -> None:
    engine = create_engine(url)
    try:
        await migrate.upgrade(engine)
        async with AsyncSession(engine) as session, session.begin():
            session.add(User(id=9, created_at=T, consent_at=T, consent_version="v", last_seen_at=T))
            await session.flush()
            session.add(JournalEntry(user_id=9, created_at=T, text="nine's words"))
        path = Path(url.split("///", 1)[1])
        assert path.with_name("tend.db-wal").exists()  # checked below while it is still there
        for name in ("tend.db", "tend.db-wal", "tend.db-shm"):
            assert mode(path.with_name(name)) == 0o600, name
    finally:
        await engine.dispose()


async def test_database_and_wal_are_private_in_a_private_directory(tmp_path: Path):
    old = os.umask(0o022)  # a usual umask: files would be made 0644
    try:
        install_keyring([Fernet.generate_key().decode()])
        url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'tend.db'}"
        await write_someone(url)
        assert mode(tmp_path / "data") == 0o700
        assert mode(tmp_path / "data" / "tend.db") == 0o600
        assert mode(tmp_path / "data" / "tend.db.migrate-lock") == 0o600
    finally:
        os.umask(old)


async def test_files_from_before_are_made_private(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    db_file = data / "tend.db"
    db_file.touch(mode=0o644)
    data.chmod(0o755)
    db_file.chmod(0o644)
    install_keyring([Fernet.generate_key().decode()])
    engine = create_engine(f"sqlite+aiosqlite:///{db_file}")
    await engine.dispose()
    assert mode(data) == 0o700 and mode(db_file) == 0o600


async def test_a_directory_shared_with_other_files_keeps_its_mode(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("not tend's")
    home.chmod(0o755)
    engine = create_engine(f"sqlite+aiosqlite:///{home / 'tend.db'}")
    await engine.dispose()
    assert mode(home) == 0o755 and mode(home / "tend.db") == 0o600


async def start(tmp_path: Path, telegram: FakeTelegram, **extra: str) -> tuple[int, str]:
    env = {
        **CLEAN_ENV,
        **extra,
        "TEND_BOT_TOKEN": telegram.token,
        "TEND_TELEGRAM_API_URL": telegram.url,  # Telegram answers: the keys are what is refused
        "TEND_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'data' / 'tend.db'}",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE
    )
    _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, err.decode()


async def test_start_is_refused_when_others_can_read_the_key_file(
    tmp_path: Path, telegram: FakeTelegram
):
    url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'tend.db'}"
    load_or_create_key_file(url)
    key_file = key_file_for(url)
    key_file.chmod(0o644)
    code, err = await start(tmp_path, telegram)
    assert code == 2 and "Traceback" not in err
    assert err.strip().count("\n") == 0 and "chmod 600" in err and str(key_file) in err
    assert not (tmp_path / "data" / "tend.db").exists()  # refused before anything else


async def test_start_is_refused_when_the_key_file_is_gone_but_text_is_stored(
    tmp_path: Path, telegram: FakeTelegram
):
    url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'tend.db'}"
    install_keyring(load_or_create_key_file(url))
    await write_someone(url)
    key_file_for(url).unlink()
    code, err = await start(tmp_path, telegram)
    assert code == 2 and "Traceback" not in err
    assert err.strip().count("\n") == 0 and "key file" in err and "missing" in err
    assert not key_file_for(url).exists()  # no new key was made silently


async def test_start_is_refused_when_the_key_opens_no_stored_data_key(
    tmp_path: Path, telegram: FakeTelegram
):
    url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'tend.db'}"
    install_keyring([Fernet.generate_key().decode()])
    await write_someone(url)
    code, err = await start(tmp_path, telegram, TEND_ENCRYPTION_KEY=Fernet.generate_key().decode())
    assert code == 2 and "Traceback" not in err
    assert err.strip().count("\n") == 0 and "does not open the stored data keys" in err
