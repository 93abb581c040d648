"""Before the bot starts: can Telegram be reached, and does it accept the token?

Without this, a start with no network, a wrong TEND_TELEGRAM_API_URL or a revoked token ends in
PTB's long tracebacks. One getMe call (no retries: a supervisor restarts the process) turns each
of those into one line and an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.request import HTTPXRequest

from bot.settings import Settings

EXIT_TOKEN = 2  # a setting to fix: restarting will not help
EXIT_UNREACHABLE = 3  # perhaps passing: a restart later may work


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
