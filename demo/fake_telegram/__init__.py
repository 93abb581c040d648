"""A fake Telegram Bot API server that speaks the real HTTP protocol on 127.0.0.1."""

from demo.fake_telegram.server import ApiError, FakeTelegram, Fault
from demo.fake_telegram.users import FakeUser

__all__ = ["ApiError", "FakeTelegram", "FakeUser", "Fault"]
