"""Telegram errors are handled, logs hold no secrets or words, the bot keeps serving others."""

from __future__ import annotations

import io
import logging

import pytest

from bot import logs
from demo.fake_telegram import FakeTelegram, FakeUser, Fault
from tests.helpers import accept_join, invite_code, onboard, settle


async def test_429_is_waited_out_and_the_reply_still_arrives(
    bot, alice: FakeUser, telegram: FakeTelegram
):
    telegram.inject(
        Fault(
            "sendMessage",
            code=429,
            description="Too Many Requests: retry after 1",
            retry_after=1,
            chat_id=alice.id,
        )
    )
    await alice.send("/help")
    await alice.expect_text("what i can do")
    assert len(telegram.calls_of("sendMessage")) >= 2


async def test_partner_who_blocked_the_bot_does_not_undo_the_pairing(
    bot, alice, bob, telegram: FakeTelegram
):
    await onboard(alice)
    await alice.send("/invite")
    code = invite_code((await alice.expect()).text or "")
    await onboard(bob, code=code)
    telegram.chat(bob.id).blocked = True  # Bob's "now paired" cannot be delivered
    await alice.press(await alice.expect_text("asked to pair"), "that's my partner")
    await alice.expect_text("now paired")
    await alice.send("/settings")
    await alice.expect_text("paired since")


async def test_a_5xx_is_retried_and_the_reply_arrives(bot, alice, telegram: FakeTelegram):
    telegram.inject(Fault("sendMessage", code=502, description="Bad Gateway", chat_id=alice.id))
    await alice.send("/help")
    await alice.expect_text("what i can do")
    assert len(telegram.calls_of("sendMessage")) == 2


async def test_a_refused_reply_tells_the_person_and_bot_goes_on(
    bot, alice, bob, telegram: FakeTelegram
):
    telegram.inject(
        Fault(
            "sendMessage",
            code=400,
            description="Bad Request: odd failure",
            chat_id=alice.id,
            times=1,
        )
    )
    await alice.send("/help")
    await alice.expect_text("something went wrong")
    await bob.send("/help")
    await bob.expect_text("what i can do")
    await alice.send("/help")
    await alice.expect_text("what i can do")


async def test_logs_at_debug_hold_no_token_names_or_words(
    telegram: FakeTelegram, bot, alice, bob, carol
):
    stream = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    logs.configure("DEBUG", secrets=[], stream=stream)  # no redaction: nothing may need it
    try:
        await onboard(alice, zone="Pacific/Auckland")
        await alice.send("/invite")
        code = invite_code((await alice.expect()).text or "")
        await onboard(bob, code=code)
        await accept_join(alice, bob)
        await bob.send("my secret words about last night")
        await bob.expect()
        await carol.send("/timezone Secretville")
        await carol.expect()
        await settle(telegram)
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
    text = stream.getvalue()
    assert "pairing.created" in text and "onboarding.consented" in text
    for secret in (
        telegram.token,
        code,
        "Alice",
        "alice_t",
        "Bob",
        "bob_t",
        "secret words",
        "Secretville",
        "HTTP Request",
    ):
        assert secret not in text, secret


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_redacting_formatter_hides_the_token_as_last_resort(backend):
    stream = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    logs.configure("INFO", secrets=["123:SECRET"], stream=stream)
    try:
        logging.getLogger("tend.test").warning("url=https://api/bot123:SECRET/getMe")
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
    assert "123:SECRET" not in stream.getvalue()
    assert "[redacted]" in stream.getvalue()
