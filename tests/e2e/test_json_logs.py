"""TEND_LOG_FORMAT=json: one JSON object per line, and still no names, words or token."""

from __future__ import annotations

import io
import json
import logging

from bot import logs
from bot.settings import Settings
from demo.fake_telegram import FakeTelegram
from tests.helpers import accept_join, invite_code, onboard, settle


async def test_json_logs_parse_line_by_line_and_hold_no_words(
    telegram: FakeTelegram, bot, alice, bob
):
    stream = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    logs.configure("DEBUG", secrets=[telegram.token], stream=stream, fmt="json")
    try:
        await onboard(alice)
        await alice.send("/invite")
        code = invite_code((await alice.expect()).text or "")
        await onboard(bob, code=code)
        await accept_join(alice, bob)
        await bob.send("/journal what I could not say out loud tonight")
        await bob.expect()
        await settle(telegram)
        logging.getLogger("tend.test").error("boom", exc_info=ValueError("x"))
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
    lines = stream.getvalue().splitlines()
    assert len(lines) > 10
    records = [json.loads(line) for line in lines]  # every line is one whole object
    assert all({"time", "level", "logger", "message"} <= record.keys() for record in records)
    assert any(r["message"].startswith("pairing.created") for r in records)
    assert any("ValueError" in r.get("exc_info", "") for r in records)
    text = stream.getvalue()
    for secret in (telegram.token, code, "Alice", "alice_t", "Bob", "bob_t", "out loud"):
        assert secret not in text, secret


def test_json_is_chosen_by_setting_and_text_stays_the_default():
    assert Settings(_env_file=None, bot_token="1:x").log_format == "text"  # type: ignore[call-arg, arg-type]
    record = logging.LogRecord("bot.x", logging.INFO, __file__, 1, "a.b id=%s", (7,), None)
    line = logs.formatter("json", secrets=["7"]).format(record)
    assert json.loads(line)["message"] == "a.b id=[redacted]"
    assert logs.formatter("text").format(record).endswith("INFO bot.x a.b id=7")
