"""Before the bot starts: can Telegram be reached, and does it accept the token? Can
PostgreSQL be reached, and does it let tend in?

Without this, a start with no network, a wrong TEND_TELEGRAM_API_URL or a revoked token ends in
PTB's long tracebacks, and PostgreSQL down or a database that does not exist in SQLAlchemy's.
One getMe call and one connection (no retries: a supervisor restarts the process) turn each of
those into one line and an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.request import HTTPXRequest

from bot.settings import Settings
from db.session import create_engine, is_sqlite

EXIT_TOKEN = 2  # a setting to fix: restarting will not help
EXIT_UNREACHABLE = 3  # perhaps passing: a restart later may work
DATABASE_TIMEOUT = 10.0  # seconds to connect to PostgreSQL before saying it cannot be reached


@dataclass(frozen=True)
class Unreachable:
    """Why Telegram could not be used: one line for the operator, and the exit code."""

    line: str
    exit_code: int


async def check(settings: Settings) -> Unreachable | None:
    """Call getMe once with the configured URL, token and timeout; None when it answered.

    The line never holds the token (only the API's base URL and the error's type)."""
    timeout = settings.telegram_timeout
    request = HTTPXRequest(
        connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout, pool_timeout=timeout
    )
    api = settings.telegram_api_url
    bot = Bot(
        settings.bot_token.get_secret_value(),
        base_url=f"{api}/bot",
        base_file_url=f"{api}/file/bot",
        request=request,
    )
    try:
        await bot.get_me()
    except InvalidToken:
        return Unreachable(
            f"tend: Telegram at {api} does not accept TEND_BOT_TOKEN. Check the token "
            "@BotFather gave you (and TEND_TELEGRAM_API_URL, if you set it).",
            EXIT_TOKEN,
        )
    except NetworkError as exc:  # also TimedOut
        return Unreachable(
            f"tend: cannot reach Telegram at {api} ({type(exc).__name__}). Check the network "
            "connection and TEND_TELEGRAM_API_URL; tend exits so it can be restarted later.",
            EXIT_UNREACHABLE,
        )
    except TelegramError as exc:
        return Unreachable(
            f"tend: Telegram at {api} answered getMe with an error ({type(exc).__name__}). "
            "Check TEND_TELEGRAM_API_URL and TEND_BOT_TOKEN.",
            EXIT_UNREACHABLE,
        )
    finally:
        await request.shutdown()
    return None


async def check_database(settings: Settings) -> Unreachable | None:
    """On PostgreSQL, connect once and run `SELECT 1`; None when it answered (and always on
    SQLite, whose file is made at start). Down or unreachable: exit 3; reached but refused
    (no such database, a wrong password): exit 2. The line names host, port and database,
    never the password."""
    if is_sqlite(settings.database_url):
        return None
    url = make_url(settings.database_url)
    where = f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"
    engine = create_engine(settings.database_url, connect_args={"timeout": DATABASE_TIMEOUT})
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except (OSError, TimeoutError) as exc:
        return _database_down(where, exc)
    except DBAPIError as exc:
        if isinstance(exc.orig, OSError | TimeoutError) or exc.connection_invalidated:
            return _database_down(where, exc.orig or exc)
        driver_error = getattr(exc.orig, "__cause__", None) or exc.orig or exc  # asyncpg's own
        reason = type(driver_error).__name__
        return Unreachable(
            f"tend: PostgreSQL at {where} refused tend ({reason}). Check TEND_DATABASE_URL: the "
            "database must exist (createdb) and the user may connect to it.",
            EXIT_TOKEN,
        )
    finally:
        await engine.dispose()
    return None


def _database_down(where: str, exc: BaseException) -> Unreachable:
    return Unreachable(
        f"tend: cannot reach PostgreSQL at {where} ({type(exc).__name__}). Check that it runs "
        "and TEND_DATABASE_URL; tend exits so it can be restarted later.",
        EXIT_UNREACHABLE,
    )
