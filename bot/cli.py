"""`tend run` (also `python -m bot`), `tend demo`, `tend db upgrade`, `tend keys rotate`,
`tend backup` and `tend restore`."""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot import logs
from db.keys import StartRefused

if TYPE_CHECKING:
    from bot.settings import Settings

EXIT_CONFIG = 2


class _DatabaseSettings(BaseSettings):
    """Only what `tend db` needs (no token)."""

    model_config = SettingsConfigDict(env_prefix="TEND_", env_file=".env", extra="ignore")
    database_url: str = "sqlite+aiosqlite:///tend.db"
    log_level: str = "INFO"
    log_format: str = "text"
    encryption_key: SecretStr | None = None


def _config_error(exc: ValidationError) -> int:
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"])
        if field == "bot_token" and error["type"] == "missing":
            print(
                "tend: TEND_BOT_TOKEN is not set. Get a token from @BotFather on Telegram and "
                "put it in the environment or in a .env file here (TEND_BOT_TOKEN=<token>), "
                "or try tend first with `./scripts/run demo` (no token, no network)",
                file=sys.stderr,
            )
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
            if field:  # a setting's own check; a combination's message names its settings
                message = f"TEND_{field.upper()}: {message}"
            print(f"tend: {message}", file=sys.stderr)
    return EXIT_CONFIG


def _logs_for(settings: Settings, process: int | None) -> None:
    """Logging as the settings ask (the token blanked); `process`: which update process."""
    logs.configure(
        settings.log_level,
        secrets=[settings.bot_token.get_secret_value()],
        fmt=settings.log_format,
        process=process,
    )


def _run(dispatch_only: bool = False) -> int:
    from bot import reach
    from bot.app import prepare_start
    from bot.serve import run
    from bot.settings import Settings

    try:
        settings = Settings()  # type: ignore[call-arg]  # filled from the environment
    except ValidationError as exc:
        return _config_error(exc)
    _logs_for(settings, 0 if settings.update_processes > 1 and not dispatch_only else None)
    problem = asyncio.run(reach.check_database(settings)) or asyncio.run(reach.check(settings))
    if problem is not None:
        print(problem.line, file=sys.stderr)
        return problem.exit_code
    try:
        prepare_start(settings)  # the keys: refused in one line, before anything is started
    except StartRefused as exc:
        print(f"tend: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    run(settings, dispatch_only=dispatch_only)
    return 0


def _shard(index: int, processes: int) -> int:
    """Process `index` of TEND_UPDATE_PROCESSES (bot.shards): updates from its front's pipe.
    Its settings are its front's, all in its environment (no .env is read)."""
    import gc

    from bot.settings import Settings
    from bot.shards import run_shard

    if not stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode):
        print(
            "tend: `shard` is started by the bot itself when TEND_UPDATE_PROCESSES is above 1 "
            "(it reads updates from the bot's pipe); start the bot instead",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    try:
        settings = Settings(_env_file=None)  # type: ignore[call-arg]  # the front wrote them all
    except ValidationError as exc:
        return _config_error(exc)
    _logs_for(settings, index)
    gc.collect()
    gc.freeze()  # as `tend run` does (bot.serve)
    try:
        run_shard(settings, index, processes)
    except (StartRefused, ValueError) as exc:
        print(f"tend: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except OSError as exc:  # its metrics port taken: one line, and the front says it exited
        print(f"tend: update process {index}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_CONFIG
    return 0


def _db_upgrade() -> int:
    from db import migrate
    from db.session import create_engine

    settings = _DatabaseSettings()
    logs.configure(settings.log_level, fmt=settings.log_format)

    async def upgrade() -> None:
        engine = create_engine(settings.database_url)
        try:
            await migrate.upgrade(engine)
        finally:
            await engine.dispose()

    asyncio.run(upgrade())
    return 0


def _keys_rotate() -> int:
    """Rewrap every person's data key with the first key of TEND_ENCRYPTION_KEY (or the key
    file), after moving rows from before data keys to theirs."""
    from bot.app import prepare_keys
    from bot.settings import Settings
    from db import migrate
    from db.rotate import rotate_all
    from db.session import create_engine

    os.environ.setdefault("TEND_BOT_TOKEN", "0:unused-by-key-rotation")
    try:
        settings = Settings()  # type: ignore[call-arg]  # filled from the environment
    except ValidationError as exc:
        return _config_error(exc)
    logs.configure(settings.log_level)
    try:
        prepare_keys(settings)
    except StartRefused as exc:
        print(f"tend: {exc}", file=sys.stderr)
        return EXIT_CONFIG

    async def rotate() -> int:
        engine = create_engine(settings.database_url)
        try:
            await migrate.upgrade(engine)
            return await rotate_all(engine)
        finally:
            await engine.dispose()

    count = asyncio.run(rotate())
    print(f"tend: rewrapped {count} data keys with the first key.")
    return 0


# What `tend demo` needs beyond the bot (the `demo` extra): the fake Bot API, the chat, scripts.
DEMO_MODULES = ("textual", "yaml")


def _demo(speed: float, script: Path | None, out: Path | None) -> int:
    """Run the demo if its extra is installed; else say in one line how to get it."""
    missing = [name for name in DEMO_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        print(
            "tend: the demo is an extra: pip install 'tend[demo]' (or run ./scripts/run demo)",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    from demo.cli import run_demo

    return run_demo(speed, script, out)


def _sqlite_file(settings: _DatabaseSettings) -> Path | None:
    from db.session import sqlite_path

    path = sqlite_path(settings.database_url)
    if path is None:
        print(
            "tend: backup and restore work on SQLite; for PostgreSQL use pg_dump and "
            "pg_restore (docs/operating.md has the commands)",
            file=sys.stderr,
        )
    return path


def _backup(target: Path) -> int:
    """A consistent copy of the SQLite database, safe while the bot runs."""
    from db.backup import BackupError, backup, key_location
    from db.keys import key_file_for

    settings = _DatabaseSettings()
    database = _sqlite_file(settings)
    if database is None:
        return EXIT_CONFIG
    try:
        size = backup(database, target)
    except BackupError as exc:
        print(f"tend: {exc}", file=sys.stderr)
        return 1
    print(f"tend: backed up {database} to {target} ({size:,} bytes).")
    key_file = key_file_for(settings.database_url)
    print(f"tend: {key_location(settings.encryption_key is not None, key_file)}")
    return 0


def _restore(source: Path, force: bool) -> int:
    """Put a backup in place of the (stopped) SQLite database, after checking the key opens it."""
    from db.backup import BackupError, restore
    from db.keys import key_file_for
    from db.types import install_keyring

    settings = _DatabaseSettings()
    logs.configure(settings.log_level, fmt=settings.log_format)
    database = _sqlite_file(settings)
    if database is None:
        return EXIT_CONFIG
    key_file = key_file_for(settings.database_url)
    if settings.encryption_key is not None:
        raw = settings.encryption_key.get_secret_value()
        keys = [key.strip() for key in raw.split(",") if key.strip()]
    elif key_file.is_file():
        keys = [line.strip() for line in key_file.read_text().splitlines() if line.strip()]
    else:
        print(
            f"tend: no key: set TEND_ENCRYPTION_KEY or put the key file at {key_file} first",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    install_keyring(keys)
    try:
        restored = asyncio.run(restore(source, database, force=force))
    except BackupError as exc:
        print(f"tend: restore refused: {exc}", file=sys.stderr)
        return 1
    read = sum(restored.checked.values())
    print(f"tend: restored {source} to {database}; the key opened all {read} texts checked.")
    return 0


def _parser() -> argparse.ArgumentParser:
    """The `tend` command line: run, db, demo, keys, backup, restore."""
    parser = argparse.ArgumentParser(prog="tend", description="tend, a Telegram companion")
    commands = parser.add_subparsers(dest="command")
    run_parser = commands.add_parser(
        "run", help="run the bot (long polling, or a webhook if configured)"
    )
    run_parser.add_argument(
        "--dispatch-only",
        action="store_true",
        help="only send scheduled messages (no updates received); run beside one poller",
    )
    shard = commands.add_parser(
        "shard",
        help="one of TEND_UPDATE_PROCESSES (`tend run` starts these itself; not run by hand)",
    )
    shard.add_argument("index", type=int)
    shard.add_argument("processes", type=int)
    db = commands.add_parser("db", help="database tasks")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply all migrations")
    demo = commands.add_parser(
        "demo", help="try tend without Telegram: two partners in one terminal, all on 127.0.0.1"
    )
    demo.add_argument(
        "--speed",
        type=float,
        default=1.0,
        help="demo minutes per real minute (60: a second is a minute)",
    )
    demo.add_argument("--script", type=Path, help="play a YAML script and print the transcript")
    demo.add_argument("--out", type=Path, help="folder for the demo database and saved files")
    keys = commands.add_parser("keys", help="encryption key tasks")
    key_commands = keys.add_subparsers(dest="keys_command", required=True)
    key_commands.add_parser(
        "rotate",
        help="rewrap every person's data key with the first key of TEND_ENCRYPTION_KEY "
        "(list keys newest first; drop an old key only after this ran)",
    )
    key_commands.add_parser("new", help="print a new encryption key (for TEND_ENCRYPTION_KEY)")
    backup = commands.add_parser(
        "backup", help="copy the SQLite database consistently (safe while the bot runs)"
    )
    backup.add_argument("file", type=Path, help="the new backup file")
    restore = commands.add_parser(
        "restore", help="put a backup in place of the SQLite database (tend stopped)"
    )
    restore.add_argument("file", type=Path, help="the backup file")
    restore.add_argument(
        "--force",
        action="store_true",
        help="replace an existing database (refused while any process has it open)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `tend` console script."""
    # Opt in to PTB's future behaviour: RetryAfter.retry_after as a timedelta.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command in (None, "run"):
        return _run(dispatch_only=getattr(args, "dispatch_only", False))
    if args.command == "shard":
        return _shard(args.index, args.processes)
    if args.command == "db":
        return _db_upgrade()
    if args.command == "keys" and args.keys_command == "new":
        from cryptography.fernet import Fernet

        print(Fernet.generate_key().decode())
        return 0
    if args.command == "backup":
        return _backup(args.file)
    if args.command == "restore":
        return _restore(args.file, args.force)
    if args.command == "keys":
        return _keys_rotate()
    if args.command == "demo":
        return _demo(args.speed, args.script, args.out)
    parser.error(f"unknown command {args.command}")
    return EXIT_CONFIG


if __name__ == "__main__":
    sys.exit(main())
