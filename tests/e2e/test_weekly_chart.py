"""The weekly summary's chart: drawn once per couple, uploaded once, the second copy by file_id."""

from __future__ import annotations

from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import answer, berlin, pair, settle, wait_until


async def test_a_couple_chart_is_drawn_once_and_sent_twice_by_file_id(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)
    clock.set(berlin(28, 10))  # Saturday: one revealed round, Alice keeps one rating private
    for person in (alice, bob):  # the morning's nudge (the last thing due) comes first
        await person.expect_among("a small moment", timeout=15)
    await settle(telegram)
    alice.mark_read()
    bob.mark_read()
    await answer(alice, telegram, (4, 3, 5), None, private=("connection",))
    await answer(bob, telegram, (2, 3, 3), None)
    await settle(telegram)
    alice.mark_read()
    bob.mark_read()
    clock.set(berlin(29, 19))  # Sunday 19:00: both weekly summaries are due

    async def both_charts_sent() -> bool:
        return len(telegram.calls_of("sendPhoto")) >= 2

    await wait_until(both_charts_sent, timeout=30)
    first, second = telegram.calls_of("sendPhoto")
    assert isinstance(first.params["photo"], dict)  # uploaded once…
    photos = {
        user.id: next(m for m in user.bot_messages() if m.photo is not None)
        for user in (alice, bob)
    }
    uploaded = photos[first.params["chat_id"]]
    assert second.params["photo"] == f"photo{uploaded.message_id}"  # …then sent by file_id
    notifier = bot.bot_data.deps.dispatch.dispatcher.notifier
    assert notifier.charts.drawn == 1
    assert notifier.charts.held() == 0  # both had it: nothing kept
    assert photos[alice.id].photo == photos[bob.id].photo  # the very same picture
    # Whose line is whose is in each one's own caption; the private rating only in Alice's text.
    first_is_alice = alice.id < bob.id
    mine, theirs = (
        ("blue dots", "orange squares") if first_is_alice else ("orange squares", "blue dots")
    )
    assert f"yours are the {mine}" in (photos[alice.id].caption or "")
    assert f"yours are the {theirs}" in (photos[bob.id].caption or "")
    summary = {
        user.id: next(
            m.text or ""
            for m in user.bot_messages()
            if "your week together" in (m.text or "").lower()
        )
        for user in (alice, bob)
    }
    assert "just for you" in summary[alice.id].lower()
    assert "just for you" not in summary[bob.id].lower()
