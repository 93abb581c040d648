"""Shared fixtures: a fake Telegram, a real database (SQLite and PostgreSQL), a manual clock."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine

from bot import logs, logsafety
from bot.app import build_application, prepare_keys, start, stop
from bot.context import TendApp
from bot.settings import Settings
from core.clock import ManualClock
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import PATIENCE
from tests.templates import clean_postgres, end_tend_sessions, fresh_sqlite, share_ssl_context

pytest_plugins = ["tests.watchdog"]

os.environ.setdefault("PTB_TIMEDELTA", "1")  # retry_after as a timedelta (PTB 22 opt-in)
share_ssl_context()  # every bot's HTTP client would load the certificate bundle again

# Both backends run by default; CI has PostgreSQL. TEND_TEST_BACKENDS=sqlite narrows it by hand.
BACKENDS = [b for b in os.environ.get("TEND_TEST_BACKENDS", "sqlite,postgresql").split(",") if b]
BASE_POSTGRES_URL = os.environ.get(
    "TEND_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
# pytest-xdist runs the suite in several processes (gw0, gw1, ...): each has its own database,
# <base>_gw0 and so on, made on first use. Set here, before anything reads it (the paid-broadcast
# benchmark reads the variable too).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def worker_url(base: str, worker: str = WORKER) -> str:
    """The database of this test process: `base` itself, or `base`'s name + "_" + `worker`."""
    if not worker:
        return base
    url = make_url(base)
    return url.set(database=f"{url.database}_{worker}").render_as_string(hide_password=False)


POSTGRES_URL = worker_url(BASE_POSTGRES_URL)
os.environ["TEND_TEST_POSTGRES_URL"] = POSTGRES_URL
TEST_KEY = Fernet.generate_key().decode()
START = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
# Starting or stopping the bot takes well under a second; a minute means something is stuck.
LIFECYCLE_SECONDS = 60


async def create_database(url: str, base: str = BASE_POSTGRES_URL) -> None:
    """Make the database of `url` through a connection to `base`'s, if it does not exist yet."""
    name = make_url(url).database
    if url == base or not name:
        return
    engine = create_async_engine(base, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            found = await conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            )
            if found.first() is None:
                quoted = conn.dialect.identifier_preparer.quote(name)
                await conn.execute(text(f"CREATE DATABASE {quoted}"))
    finally:
        await engine.dispose()


def pytest_sessionstart(session: pytest.Session) -> None:
    """A worker's own PostgreSQL database exists before its first test (when PostgreSQL is one
    of the backends); if the server cannot be reached, the PostgreSQL tests say so themselves."""
    if WORKER and "postgresql" in BACKENDS:
        try:
            asyncio.run(create_database(POSTGRES_URL))
        except (OSError, SQLAlchemyError) as exc:
            print(f"could not create {make_url(POSTGRES_URL).database}: {exc!r}")


async def reset_postgres(url: str = POSTGRES_URL) -> None:
    """Give a test an empty public schema (the app's migrations then build it).

    tend sessions left by an earlier run (a process killed or stuck) are ended first; anything
    else that still holds a lock makes this fail after a while, instead of waiting for ever."""
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await end_tend_sessions(conn)
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()


async def open_sessions(url: str = POSTGRES_URL) -> list[str]:
    """tend's sessions on the test database: none may outlive a stopped bot."""
    engine = create_async_engine(url)
    try:
        for _ in range(40):  # a closed connection's server process can take a moment to go
            async with engine.connect() as conn:
                found = (
                    await conn.execute(
                        text(
                            "SELECT state || ' ' || left(query, 80) FROM pg_stat_activity "
                            "WHERE datname = current_database() AND application_name = 'tend'"
                        )
                    )
                ).scalars()
                left = [str(row) for row in found]
            if not left:
                break
            await asyncio.sleep(0.05)
        return left
    finally:
        await engine.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Which database this test runs on."""
    return str(request.param)


@pytest.fixture
async def empty_database_url(backend: str, tmp_path: Path) -> str:
    """A fresh, empty database of the backend (for tests of the migrations themselves)."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'data' / 'tend.db'}"
    await reset_postgres()
    return POSTGRES_URL


@pytest.fixture
async def database_url(
    backend: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """A fresh database of the backend, already migrated to the newest revision and empty of
    rows (the bot's own migration at start then finds nothing to do). Migrating takes most of a
    second, so each process migrates once: on SQLite into a file that every test copies, on
    PostgreSQL in place, emptied again before each test."""
    if backend == "sqlite":
        return await fresh_sqlite(tmp_path / "data" / "tend.db", tmp_path_factory)
    await clean_postgres(POSTGRES_URL, reset_postgres)
    return POSTGRES_URL


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    """The fake Bot API, listening on 127.0.0.1."""
    server = FakeTelegram()
    server.patience = PATIENCE
    await server.start()
    yield server
    await server.stop()


NAMES = re.compile(r"\b(Alice|Bob|Carol|alice_t|bob_t|carol_t)\b")
PERSON_FIELDS = re.compile(r"\b(\w+)=(\d+)")
# At DEBUG even where production keeps them quiet: what they would print must be safe too.
VERBOSE_LIBRARIES = ("telegram", "httpx", "tornado")


@pytest.fixture(autouse=True)
def logs_hold_no_words(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test with the fake Telegram logs at DEBUG, with production's filters (python-telegram-
    bot and httpx at DEBUG too), and afterwards no name, username, sentence anyone typed or raw
    Telegram id of a person may appear in what was logged."""
    if "telegram" not in request.fixturenames:
        yield
        return
    server: FakeTelegram = request.getfixturevalue("telegram")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.RedactingFormatter([], "%(levelname)s %(name)s %(message)s"))
    logsafety.install(handler)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    logs.quiet_libraries()
    for name in VERBOSE_LIBRARIES:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        logs.quiet_libraries()
    logged = stream.getvalue()
    typed = {
        m.text
        for chat in server.chats.values()
        for m in chat.messages
        if not m.from_bot and m.text and not m.text.startswith("/") and len(m.text) >= 12
    }
    for words in typed:
        assert words not in logged, "something a person wrote reached the logs"
    found = NAMES.search(logged)
    context = logged[max(found.start() - 80, 0) : found.end()] if found else ""
    assert found is None, f"a name reached the logs: {context}"
    people = {str(chat_id) for chat_id in server.chats}
    raw = [
        m.group(0)
        for m in PERSON_FIELDS.finditer(logged)
        if m.group(1) in logsafety.PERSON_KEYS and m.group(2) in people
    ]
    assert not raw, f"a raw Telegram id reached the logs: {raw[:3]}"


@pytest.fixture
def clock() -> ManualClock:
    """Time that only moves when a test says so."""
    return ManualClock(START)


def process_environment(
    telegram: FakeTelegram, database_url: str, **settings: str
) -> dict[str, str]:
    """The environment for a real `tend` process talking to the fake server: this one's without
    any TEND_* (a developer's own never leaks in), the fake's token and URL, the database, the
    test key, limits off, and `settings` as TEND_<NAME> (e.g. `dispatch_lease="2"`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEND_")}
    env.update(
        {
            "TEND_BOT_TOKEN": telegram.token,
            "TEND_TELEGRAM_API_URL": telegram.url,
            "TEND_DATABASE_URL": database_url,
            "TEND_ENCRYPTION_KEY": TEST_KEY,
            "TEND_RATE_LIMITS": "false",
        }
    )
    env.update({f"TEND_{name.upper()}": value for name, value in settings.items()})
    return env


def make_settings(telegram: FakeTelegram, database_url: str, **overrides: object) -> Settings:
    """Settings for a bot that talks to the fake server (never reads a developer's .env)."""
    values: dict[str, object] = {
        "bot_token": telegram.token,
        "telegram_api_url": telegram.url,
        "database_url": database_url,
        "encryption_key": TEST_KEY,
        "operator_contact": "privacy@tend.example",
        # Per-chat pacing (1/s) would only slow the conversation tests; limiter tests turn it on.
        "rate_limits": False,
        "dispatch_interval": 0.2,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


@pytest.fixture
async def bot(
    telegram: FakeTelegram, database_url: str, clock: ManualClock
) -> AsyncIterator[TendApp]:
    """The real application, polling the fake server."""
    settings = make_settings(telegram, database_url)
    prepare_keys(settings)
    app = build_application(settings, clock)
    async with asyncio.timeout(LIFECYCLE_SECONDS):  # a stuck start fails with its traceback
        await start(app, poll_timeout=1)
    yield app
    await telegram.interrupt_polls()
    async with asyncio.timeout(LIFECYCLE_SECONDS):
        await stop(app)
    if database_url.startswith("postgresql"):
        assert await open_sessions() == [], "the stopped bot left database sessions open"


@pytest.fixture
def alice(telegram: FakeTelegram) -> FakeUser:
    """The person who was hurt."""
    return FakeUser(telegram, 1001, "Alice", "alice_t")


@pytest.fixture
def bob(telegram: FakeTelegram) -> FakeUser:
    """Alice's partner."""
    return FakeUser(telegram, 1002, "Bob", "bob_t")


@pytest.fixture
def carol(telegram: FakeTelegram) -> FakeUser:
    """A third person, who must never join Alice and Bob."""
    return FakeUser(telegram, 1003, "Carol", "carol_t")
