"""bot.settings: what an operator may write for the log level, the key and the database."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr, ValidationError

from bot.settings import Settings, database_url_problem

KEY = Fernet.generate_key().decode()


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, bot_token=SecretStr("1:x"), **values)  # type: ignore[arg-type, call-arg]


def test_a_level_in_any_case_and_an_empty_key_are_taken_as_meant() -> None:
    assert settings(log_level=" debug ").log_level == "DEBUG"
    assert settings(encryption_key=SecretStr(" , ")).encryption_key is None  # as if unset
    keys = f"{Fernet.generate_key().decode()}, {Fernet.generate_key().decode()}"
    assert len(settings(encryption_key=SecretStr(keys)).encryption_keys()) == 2


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"log_level": "LOUD"}, "log_level"),
        (
            {"encryption_key": SecretStr(f"{Fernet.generate_key().decode()},notakey")},
            "encryption_key",
        ),
        ({"database_url": "mysql://x/y"}, "database_url"),
    ],
)
def test_what_tend_cannot_use_is_refused_by_name(values: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        settings(**values)
    assert [e["loc"] for e in refused.value.errors()] == [(field,)]
    assert "notakey" not in str(refused.value.errors()[0]["msg"])


def test_database_urls() -> None:
    assert database_url_problem("sqlite+aiosqlite:///tend.db") is None
    assert database_url_problem("postgresql+asyncpg://u:p@h:5432/db") is None
    assert "asyncpg" in (database_url_problem("postgresql://u:secret@h/db") or "")
    assert "secret" not in (database_url_problem("postgresql://u:secret@h/db") or "")
    assert database_url_problem("not a url") is not None
    assert "not a database URL" in (database_url_problem("postgresql+asyncpg://u@h:abc/db") or "")
