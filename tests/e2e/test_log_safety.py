"""Logs cannot betray anyone: library records lose their data, people appear as keyed hashes."""

from __future__ import annotations

import io
import json
import logging

from bot import logs, logsafety
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import onboard, settle

WORDS = "Alice wrote that the hotel in March still hurts"


def capture() -> tuple[io.StringIO, logging.Handler]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.RedactingFormatter([], "%(levelname)s %(name)s %(message)s"))
    return stream, logsafety.install(handler)


def test_a_critical_record_from_the_library_keeps_its_template_not_its_data():
    stream, handler = capture()
    update = {"update_id": 5, "message": {"from": {"id": 1001, "first_name": "Alice"}}}
    ptb = logging.getLogger("telegram.ext._utils.webhookhandler")
    ptb.addHandler(handler)
    try:
        try:
            raise ValueError(f"could not read {json.dumps(update)} {WORDS}")
        except ValueError as exc:
            ptb.critical(
                "Received data was *not* processed! Received data was: %r", update, exc_info=exc
            )
        logging.getLogger("httpx").error("HTTP Request: POST %s body=%s", "https://x/bot1:t", WORDS)
    finally:
        ptb.removeHandler(handler)
    logged = stream.getvalue()
    assert "CRITICAL telegram.ext._utils.webhookhandler Received data was *not* processed" in logged
    assert "error=ValueError" in logged  # the kind of failure stays
    for leak in ("Alice", "1001", WORDS, "Traceback", "bot1:t"):
        assert leak not in logged


def test_a_telegram_error_logged_by_tend_keeps_its_kind_not_its_text():
    from telegram.error import BadRequest

    stream, handler = capture()
    mine = logging.getLogger("bot.handlers.errors")
    mine.addHandler(handler)
    telegram_said = f"Can't parse entities: {WORDS}"
    try:
        try:
            raise BadRequest(telegram_said)
        except BadRequest:
            mine.exception("update.failed update=%s error=%s", 3, "BadRequest")
    finally:
        mine.removeHandler(handler)
    logged = stream.getvalue()
    assert "telegram.error.BadRequest: [message withheld]" in logged
    assert "Traceback" in logged and WORDS not in logged and "parse entities" not in logged


def test_a_person_is_logged_as_a_keyed_hash_stable_only_within_a_deployment():
    stream, handler = capture()
    mine = logging.getLogger("bot.handlers.test")
    mine.addHandler(handler)
    mine.setLevel(logging.INFO)
    try:
        logsafety.install_key("deployment-one")
        mine.info("pairing.joined user=%s partner=%d round=%s", 1001, 1002, 1003)
        first = stream.getvalue()
        mine.info("journal.saved user=%s", 1001)
        logsafety.install_key("deployment-two")
        mine.info("journal.saved user=%s", 1001)
    finally:
        mine.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert "1001" not in stream.getvalue() and "1002" not in first
    assert "round=1003" in first  # not a person: left as it is
    logsafety.install_key("deployment-one")
    one = logsafety.pseudonym(1001)
    assert f"user={one}" in lines[0] and f"user={one}" in lines[1]  # stable: lines can be followed
    logsafety.install_key("deployment-two")
    two = logsafety.pseudonym(1001)
    assert two != one and f"user={two}" in lines[2]  # another key, another name
    assert len(one) == 12 and int(one, 16) >= 0


async def test_a_crisis_reply_is_logged_as_a_count_only(
    bot, alice: FakeUser, telegram: FakeTelegram
):
    stream, handler = capture()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        await onboard(alice)
        await alice.send("/journal I want to end my life")
        await settle(telegram)
    finally:
        root.removeHandler(handler)
    logged = stream.getvalue()
    (line,) = [row for row in logged.splitlines() if "safety.crisis" in row]
    assert "safety.crisis_replies total=" in line
    assert "user=" not in line and "where=" not in line
