"""Settings from TEND_* environment variables (and an optional .env). The names are a contract."""

from __future__ import annotations

from typing import Literal

from cryptography.fernet import Fernet
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from db.session import is_sqlite

# Telegram's ceiling for paid broadcasts (messages/s, overall; the per-chat limit still holds).
PAID_BROADCAST_RATE = 1000.0
SECRET_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
# The databases tend runs on, as SQLAlchemy names their drivers.
DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def database_url_problem(url: str) -> str | None:
    """Why `url` is no database tend can use (one line, without the URL's password), or None."""
    try:
        parsed = make_url(url)
        _ = parsed.port  # a port that is no number shows only here
    except (ArgumentError, ValueError):
        return "not a database URL (e.g. sqlite+aiosqlite:///tend.db)"
    driver = f"{parsed.get_backend_name()}+{parsed.get_driver_name()}"
    if driver in DRIVERS:
        return None
    if parsed.get_backend_name() == "postgresql":
        return "use the asyncpg driver: postgresql+asyncpg://user@host:5432/name"
    return (
        "tend runs on SQLite (sqlite+aiosqlite:///tend.db) or PostgreSQL (postgresql+asyncpg://…)"
    )


class Settings(BaseSettings):
    """Everything an operator can set. Built once in main and passed down."""

    model_config = SettingsConfigDict(
        env_prefix="TEND_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    bot_token: SecretStr
    telegram_api_url: str = "https://api.telegram.org"
    database_url: str = "sqlite+aiosqlite:///tend.db"
    # Comma-separated Fernet keys, newest first. Optional on SQLite (a key file is made).
    encryption_key: SecretStr | None = None
    operator_contact: str | None = None
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    # Behind a reverse proxy on the same host (docs/operating.md); the Docker image sets 0.0.0.0.
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    # Telegram's overall budget (messages/s), shared by every process on one database.
    send_rate: float = Field(default=30.0, gt=0)
    # Keep Telegram's limits in the bot (off only for tests and benchmarks against a fake server).
    rate_limits: bool = True
    # Seconds between dispatch ticks, and the HTTP timeout for Bot API calls.
    dispatch_interval: float = Field(default=1.0, gt=0)
    # How long a claimed reminder stays reserved for one process (taken over after a crash).
    dispatch_lease: float = Field(default=120.0, gt=0)
    telegram_timeout: float = Field(default=10.0, gt=0)
    # Send scheduled messages from this process (`tend run --dispatch-only` sends only).
    dispatch: bool = True
    # People not heard from (no message, no tap) for this many days are erased as by /delete.
    retention_days: int = Field(default=365, ge=30)
    # Per-person flood control: this many updates at once, then this many a second; over that,
    # one "slow down" and this many seconds unread (others are served meanwhile).
    flood_burst: int = Field(default=40, ge=1)
    flood_rate: float = Field(default=10.0, gt=0)
    flood_mute: float = Field(default=10.0, ge=0)
    # Prometheus metrics, /healthz and /readyz on their own port (unset: off; 0: any free port).
    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    metrics_listen: str = "127.0.0.1"
    # One JSON object per log line ("json") or plain lines ("text").
    log_format: Literal["text", "json"] = "text"
    # Scheduled messages use Telegram's paid broadcasts (0.1 Telegram Star per message);
    # the overall budget becomes 1,000 messages/s unless TEND_SEND_RATE says otherwise.
    paid_broadcast: bool = False
    # Updates handled at once (different chats side by side; one chat always in order).
    # 1 handles one update at a time.
    concurrent_updates: int = Field(default=128, ge=1, le=1024)
    # Processes taking updates (PostgreSQL only): this one receives them and hands each chat to
    # process chat_id % N, which handles that chat alone (bot.shards). 1: this process only.
    update_processes: int = Field(default=1, ge=1, le=32)

    @field_validator("telegram_api_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        problem = database_url_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _known_level(cls, value: object) -> object:
        level = str(value).strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("encryption_key")
    @classmethod
    def _fernet_keys(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        keys = [key.strip() for key in value.get_secret_value().split(",") if key.strip()]
        if not keys:
            return None  # set but empty (an uncommented line of .env.example): as if unset
        for key in keys:
            try:
                Fernet(key)
            except ValueError:
                raise ValueError(
                    "each key must be 32 url-safe base64-encoded bytes, newest first, comma-"
                    "separated (make one with `tend keys new`)"
                ) from None
        return value

    @field_validator("bot_token")
    @classmethod
    def _token_present(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().strip():
            raise ValueError("TEND_BOT_TOKEN is empty")
        return value

    @model_validator(mode="after")
    def _check_combinations(self) -> Settings:
        if self.webhook_url:
            secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
            if not 1 <= len(secret) <= 256 or not set(secret) <= SECRET_TOKEN_CHARS:
                raise ValueError(
                    "TEND_WEBHOOK_SECRET must be set (1-256 characters of A-Z a-z 0-9 _ -) "
                    "when TEND_WEBHOOK_URL is set"
                )
        if self.paid_broadcast:
            if "send_rate" not in self.model_fields_set:
                self.send_rate = PAID_BROADCAST_RATE
            elif self.send_rate > PAID_BROADCAST_RATE:
                raise ValueError(
                    f"TEND_SEND_RATE can be at most {PAID_BROADCAST_RATE:g} with paid broadcasts"
                )
        if self.update_processes > 1 and is_sqlite(self.database_url):
            raise ValueError(
                "TEND_UPDATE_PROCESSES above 1 needs PostgreSQL (SQLite takes writes from one "
                "process at a time)"
            )
        if self.encryption_key is None and not is_sqlite(self.database_url):
            raise ValueError(
                "TEND_ENCRYPTION_KEY is required with PostgreSQL (every process must share it)"
            )
        return self

    def encryption_keys(self) -> list[str]:
        """The configured keys, newest first (empty when none is configured)."""
        if self.encryption_key is None:
            return []
        raw = self.encryption_key.get_secret_value()
        return [key.strip() for key in raw.split(",") if key.strip()]
