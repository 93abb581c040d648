"""Notices one partner's actions send to the other: merged and quiet, never a buzz a second."""

from __future__ import annotations

from bot.partner_notices import PartnerNotices
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import pair, settle


async def test_a_review_day_changed_again_and_again_is_one_message(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    for day in ("monday", "tuesday", "friday", "thursday"):
        await bob.send(f"/boundaries review {day}")
        await bob.expect_text(f"now on {day}s")
    await settle(telegram)
    notices = alice.new_messages()
    assert len(notices) == 1  # the first notice, updated in place (an edit makes no sound)
    assert "thursdays" in (notices[0].text or "").lower() and notices[0].edits == 3
    assert not notices[0].silent


def test_partner_notices_are_quiet_within_the_window_and_per_pair():
    moment = [0.0]
    gate = PartnerNotices(window=600, now=lambda: moment[0])
    assert gate.quiet(1, 2) is False  # the first one buzzes
    moment[0] = 30
    assert gate.quiet(1, 2) is True  # more within ten minutes arrive silently
    assert gate.quiet(2, 1) is False  # the other direction is its own pair
    assert gate.quiet(1, 3) is False
    moment[0] = 30 + 599
    assert gate.quiet(1, 2) is True  # each notice starts the quiet again
    moment[0] = 30 + 599 + 600
    assert gate.quiet(1, 2) is False  # calm for ten minutes: the next one buzzes again
    gate.remember(1, 2, "review", 55)
    assert gate.earlier(1, 2, "review") == 55 and gate.earlier(2, 1, "review") is None
    moment[0] += 600
    assert gate.earlier(1, 2, "review") is None
